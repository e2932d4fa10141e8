// The doctor's rules: one id, default severity and named source per kind of finding about a deployed pool.
import { sourceRef, type SourceKey } from '../../model/sources';
import type { DoctorSeverity } from '../../protocol/aws';

/** One doctor rule. */
export interface DoctorRule {
  readonly title: string;
  readonly severity: DoctorSeverity;
  /** The fact it applies (model/sources.ts). */
  readonly source: SourceKey;
}

/** Every doctor rule by id. Ids are stable: JSON output and tests refer to them. */
export const DOCTOR_RULES = {
  'doctor/function-missing': { title: 'The slot calls a function that does not exist', severity: 'error', source: 'triggerInvokeErrors' },
  'doctor/permission-missing': { title: 'The function does not let Cognito invoke it', severity: 'error', source: 'triggerInvokeErrors' },
  'doctor/permission-other-pool': { title: 'The function lets other pools invoke it, not this one', severity: 'error', source: 'triggerInvokeErrors' },
  'doctor/permission-other-account': { title: "The function's permission names another account", severity: 'error', source: 'triggerInvokeErrors' },
  'doctor/permission-broad': { title: 'The permission has no SourceArn: any pool can invoke the function', severity: 'warning', source: 'servicePermissionSource' },
  'doctor/pre-token-version': { title: "The slot's LambdaVersion does not match the handler's event version", severity: 'error', source: 'preTokenVersions' },
  'doctor/kms-key-missing': { title: 'The custom sender has no KMS key, or the key does not exist', severity: 'error', source: 'customSenderKey' },
  'doctor/kms-key-unusable': { title: 'The custom sender KMS key is not usable', severity: 'error', source: 'kmsKeyState' },
  'doctor/runtime-deprecated': { title: "The function's runtime is deprecated", severity: 'warning', source: 'lambdaRuntimeDeprecation' },
  'doctor/runtime-deprecating': { title: "The function's runtime is deprecated soon", severity: 'information', source: 'lambdaRuntimeDeprecation' },
  'doctor/handler-style': { title: "The runtime does not run the handler's style", severity: 'error', source: 'node24NoCallback' },
  'doctor/drift': { title: "The repository's IaC and the deployed pool disagree", severity: 'warning', source: 'iacDrift' },
  'doctor/unchecked': { title: 'Something could not be checked', severity: 'information', source: 'localRun' },
} as const satisfies Record<string, DoctorRule>;

/** A doctor rule id. */
export type DoctorRuleId = keyof typeof DOCTOR_RULES;

/** The wire form of a rule's source. */
export function ruleSource(id: DoctorRuleId): { kind: string; title: string; url?: string } {
  return sourceRef(DOCTOR_RULES[id].source);
}
