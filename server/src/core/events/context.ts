// State shared by the event checkers: the event, its trigger and source, and the issues found so far.
import type { TriggerDefinition } from '../model/types';
import { issue, type EventIssue, type IssueCode, type IssueFix, type IssueSeverity } from './issues';

/** What every check needs. */
export interface CheckContext {
  readonly event: Record<string, unknown>;
  readonly trigger: TriggerDefinition;
  /** The real triggerSource value, when the event has one for this trigger. */
  readonly source?: string;
  readonly issues: EventIssue[];
}

/**
 * True for what the function returns and Cognito reads (`response…`, Sync `datasetRecords`). Problems
 * there are errors because Cognito refuses them; on the input side they are warnings, since the event
 * still runs locally but is not what Cognito sends.
 */
export function isOutput(ctx: CheckContext, path: readonly (string | number)[]): boolean {
  return path[0] === 'response' || (ctx.trigger.binding.kind === 'identityPool' && path[0] === 'datasetRecords');
}

/** Adds an issue. */
export function report(
  ctx: CheckContext,
  code: IssueCode,
  severity: IssueSeverity,
  path: readonly (string | number)[],
  message: string,
  docs?: string,
  fix?: IssueFix,
): void {
  ctx.issues.push(issue(code, severity, path, message, docs, fix));
}

/** The value at `path` in the event, or undefined. */
export function valueAt(ctx: CheckContext, path: readonly string[]): unknown {
  let v: unknown = ctx.event;
  for (const key of path) {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}
