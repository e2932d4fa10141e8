// Pure: one trigger slot set or cleared in a LambdaConfig, with the rules Cognito enforces.
import { deepDiff } from './diff';
import { findSlot, type TriggerSlot } from './slots';
import { PlanError } from './planError';

/** Bind a function to a slot, or clear the slot. */
export type SlotChange =
  | { kind: 'bind'; slot: string; functionArn: string; lambdaVersion?: string; kmsKeyId?: string }
  | { kind: 'unbind'; slot: string };

/** Returns a new LambdaConfig with the change applied and the keys whose value changed. */
export function applySlotChange(current: Record<string, unknown>, change: SlotChange): { lambdaConfig: Record<string, unknown>; changedKeys: string[] } {
  const slot = requireSlot(change.slot);
  const next = structuredClone(current);
  if (change.kind === 'unbind') {
    delete next[slot.key];
    if (slot.legacyKey) delete next[slot.legacyKey];
  } else {
    if (!/^arn:aws[\w-]*:lambda:/.test(change.functionArn)) {
      throw new PlanError(`"${change.functionArn}" is not a Lambda function ARN.`, 'LambdaConfig needs the full function ARN (arn:aws:lambda:REGION:ACCOUNT:function:NAME).');
    }
    if (slot.lambdaVersions.length === 0) {
      if (change.lambdaVersion) throw new PlanError(`${slot.key} takes no LambdaVersion.`, 'Leave out the version.');
      next[slot.key] = change.functionArn;
    } else {
      const version = change.lambdaVersion ?? currentVersion(current[slot.key]) ?? slot.lambdaVersions[0];
      if (!version || !slot.lambdaVersions.includes(version)) {
        throw new PlanError(`${slot.key} does not accept LambdaVersion ${JSON.stringify(change.lambdaVersion)}.`, `Use one of ${slot.lambdaVersions.join(', ')}.`);
      }
      next[slot.key] = { LambdaArn: change.functionArn, LambdaVersion: version };
      // Cognito requires the legacy plain key to name the same function as the object key.
      if (slot.legacyKey) next[slot.legacyKey] = change.functionArn;
    }
    if (slot.requiresKmsKey) {
      const key = change.kmsKeyId ?? (typeof current.KMSKeyID === 'string' ? current.KMSKeyID : undefined);
      if (!key) {
        throw new PlanError(
          `${slot.key} needs a KMS key: Cognito encrypts the code it sends to a custom sender with LambdaConfig.KMSKeyID, and this pool has none.`,
          'Pass the ARN of a symmetric KMS key (--kms-key ARN) that the function can decrypt with.',
        );
      }
      next.KMSKeyID = key;
    }
  }
  const keys = new Set([...Object.keys(current), ...Object.keys(next)]);
  // Structural, not textual: Cognito may return {LambdaVersion, LambdaArn} in either key order, and
  // the same slot must not read as a change (that would send a needless UpdateUserPool).
  const changedKeys = [...keys].filter((k) => deepDiff(current[k], next[k]).length > 0).sort();
  return { lambdaConfig: next, changedKeys };
}

function requireSlot(key: string): TriggerSlot {
  const slot = findSlot(key);
  if (!slot) throw new PlanError(`"${key}" is not a user pool trigger slot.`, 'Run `cognito-triggers bindings --help` for the LambdaConfig keys, e.g. PreSignUp or PreTokenGenerationConfig.');
  return slot;
}

function currentVersion(value: unknown): string | undefined {
  const v = (value as { LambdaVersion?: unknown } | undefined)?.LambdaVersion;
  return typeof v === 'string' ? v : undefined;
}
