// Problems the model finds in a returned event, split into what Cognito rejects (the operation fails)
// and what it ignores (dropped claims, fields of other triggers: the answer still works, a warning).
import type { TriggerDefinition } from '../model/types';
import type { InvokeSummary, ResponseIssue } from '../protocol/invokeResult';
import { ruleById } from '../rules';
import { err, operationOf, src, warn, type Src } from './common';

/**
 * Codes of changes Cognito drops or ignores instead of failing: refused claims (team decision: the token
 * keeps its own value), keys of other triggers or event versions, keys not sent for this source.
 * Whatever severity the event checks give them, an invoke never fails because of them.
 */
const IGNORED_BY_COGNITO = new Set(['claim-not-allowed', 'aud-must-match-client', 'field-not-for-trigger', 'field-not-for-source', 'pre-token-response-version', 'claim-use-other-field', 'sync-remove-with-value']);

/** True for an issue Cognito ignores (the answer is still accepted). */
export function isIgnoredByCognito(i: Pick<ResponseIssue, 'code'>): boolean {
  return IGNORED_BY_COGNITO.has(i.code);
}

/** The issues as an invoke shows them: ignored ones are warnings, never errors. */
export function normalizeResponseIssues(issues: readonly ResponseIssue[]): ResponseIssue[] {
  return issues.map((i) => (isIgnoredByCognito(i) && i.severity === 'error' ? { ...i, severity: 'warning' } : { ...i }));
}

/** Problems Cognito rejects: error severity and not merely ignored. */
export function rejectedIssues(issues: readonly ResponseIssue[]): ResponseIssue[] {
  return issues.filter((i) => i.severity === 'error' && !isIgnoredByCognito(i));
}

/** The source of an event-check finding: its rule's primary source. */
function sourceOfIssue(i: Pick<ResponseIssue, 'code'> | undefined): Src {
  const s = i ? ruleById(i.code)?.sources[0] : undefined;
  return s ? { kind: s.kind, title: s.title, ...(s.url ? { url: s.url } : {}) } : 'sharedParameters';
}

/** What the app sees when Cognito refuses a trigger's answer (API exception names and descriptions). */
export function invalidResponseError(t: TriggerDefinition | undefined): string {
  if (t?.binding.kind === 'identityPool') return 'InvalidLambdaFunctionOutputException: the AWS Lambda function returned invalid output.';
  return 'InvalidLambdaResponseException: Amazon Cognito encountered an invalid Lambda response.';
}

/**
 * A summary that follows the response issues: any problem Cognito rejects fails the operation, with
 * the first problem as the reason. A summary that already fails keeps its own headline and reason.
 */
export function applyResponseIssues(s: InvokeSummary, issues: readonly ResponseIssue[], t: TriggerDefinition | undefined): InvokeSummary {
  const rejected = rejectedIssues(issues);
  const ignored = issues.filter(isIgnoredByCognito);
  const lines = [...s.lines];
  if (ignored.length) lines.push(warn(`Cognito ignores ${ignored.length} change(s) in the answer; the rest of it still applies.`, sourceOfIssue(ignored[0])));
  if (!rejected.length) return { ...s, lines };
  const first = rejected[0] as ResponseIssue;
  lines.push(err(`Cognito rejects the answer: ${rejected.length} problem(s) in the returned event.`, sourceOfIssue(first)));
  if (!s.succeeds) return { ...s, lines };
  const more = rejected.length > 1 ? ` (and ${rejected.length - 1} more problem(s))` : '';
  const cognitoError = invalidResponseError(t);
  return {
    headline: `${operationOf(t)} fails: ${first.message.replace(/\.$/, '')}${more}. The app receives ${cognitoError.split(':')[0]}.`,
    source: src(t?.binding.kind === 'identityPool' ? 'syncInvalidOutput' : 'invalidLambdaResponseApi'),
    succeeds: false,
    cognitoError,
    lines,
  };
}
