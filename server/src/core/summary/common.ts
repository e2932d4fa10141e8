// Shared pieces of summaries: what Cognito does when a trigger fails, times out or crashes.
import { sourceRef, type SourceKey } from '../model/sources';
import type { TriggerDefinition } from '../model/types';
import type { InvokeOutcome, InvokeSummary, SourceRef, SummaryLine } from '../protocol/invokeResult';

/** What a trigger family's summariser gets. */
export interface SummaryInput {
  /** The trigger the event was recognised as (undefined when unknown). */
  trigger?: TriggerDefinition;
  triggerSource?: string;
  /** The event sent. */
  input: unknown;
  outcome: InvokeOutcome;
  /** The handler returned a plain value that Lambda discards (not async, no callback). */
  ignoredReturn?: boolean;
  /** What the run printed: evidence of side effects before a timeout. */
  logs?: string;
}

/** Summariser of a successful answer (`outcome.kind === 'returned'`) for one trigger family. */
export type ReturnedSummariser = (input: SummaryInput & { value: Record<string, unknown> }) => InvokeSummary;

/** A plain object, or undefined. */
export function obj(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/** `value.a.b` when every step is an object. */
export function at(v: unknown, ...keys: string[]): unknown {
  let cur: unknown = v;
  for (const k of keys) cur = obj(cur)?.[k];
  return cur;
}

/** A named source or one already built (a trigger page). */
export type Src = SourceKey | SourceRef;
/** The wire form of a source. */
export const src = (s: Src): SourceRef => (typeof s === 'string' ? sourceRef(s) : s);

// Every line says where its statement comes from (model/sources.ts); the type makes it impossible to forget.
export const ok = (text: string, s: Src): SummaryLine => ({ severity: 'ok', text, source: src(s) });
export const info = (text: string, s: Src): SummaryLine => ({ severity: 'info', text, source: src(s) });
export const warn = (text: string, s: Src): SummaryLine => ({ severity: 'warning', text, source: src(s) });
export const err = (text: string, s: Src): SummaryLine => ({ severity: 'error', text, source: src(s) });

/** A summary with its headline's source. */
export function summary(headline: string, headlineSource: Src, succeeds: boolean, lines: SummaryLine[], cognitoError?: string): InvokeSummary {
  return { headline, source: src(headlineSource), succeeds, lines, ...(cognitoError !== undefined ? { cognitoError } : {}) };
}

/** The trigger's own developer guide page as a source. */
export function pageOf(t: TriggerDefinition | undefined): Src {
  return t ? { kind: 'docs', url: t.docs, title: `${t.displayName} Lambda trigger` } : 'sharedParameters';
}

/** The text the app receives when a trigger fails: `PreSignUp failed with error <message>.` */
export function cognitoErrorText(trigger: TriggerDefinition | undefined, message: string): string {
  return `${trigger?.errorName ?? 'The trigger'} failed with error ${message}${/[.!?]$/.test(message) ? '' : '.'}`;
}

/** What the failing operation is called, for headlines. */
export function operationOf(t: TriggerDefinition | undefined): string {
  switch (t?.id) {
    case 'PreSignUp':
      return 'Sign-up';
    case 'PostConfirmation':
      return 'Confirmation';
    case 'CustomMessage':
      return 'Sending the message';
    case 'SyncTrigger':
      return 'The dataset sync';
    case 'UserMigration':
      return 'The migration (sign-in or password reset)';
    case 'InboundFederation':
      return 'Federated sign-in';
    case undefined:
      return 'The Cognito operation';
    default:
      return 'Sign-in';
  }
}

/** `file:line:col` of the first stack frame outside Node's internals, for a one-line location. */
export function firstLocation(stack: readonly string[] | undefined): string | undefined {
  for (const l of stack ?? []) {
    const m = /\(((?:file:\/\/)?\/[^()]+:\d+:\d+)\)$/.exec(l) ?? /^at ((?:file:\/\/)?\/\S+:\d+:\d+)$/.exec(l);
    if (m?.[1]) return m[1];
  }
  return undefined;
}

/** Lines of output the run printed before it stopped, as evidence of work done (an email sent, a row written). */
function printedLines(logs: string | undefined): string[] {
  return (logs ?? '').split('\n').map((l) => l.trim()).filter((l) => l.length > 0);
}

/** Summary of every outcome that is not a returned value, the same for all triggers. */
export function failureSummary(i: SummaryInput): InvokeSummary | undefined {
  const t = i.trigger;
  const op = operationOf(t);
  const asyncTrigger = t?.synchronous === false;
  const sync = t?.binding.kind === 'identityPool';
  const o = i.outcome;
  switch (o.kind) {
    case 'returned':
      return undefined;
    case 'error': {
      const where = firstLocation(o.stack);
      const thrown = err(`${o.errorType}: ${o.errorMessage}${where ? ` (at ${where})` : ''}`, 'localRun');
      if (asyncTrigger) {
        return summary(`The handler failed (${o.errorType}: ${o.errorMessage}); Cognito invokes it asynchronously, so Lambda retries it and the message is not sent if it keeps failing.`, 'lambdaAsyncRetries', false, [thrown, info('Custom senders are the triggers Cognito invokes asynchronously: Cognito does not wait for their answer.', 'customSenders')]);
      }
      if (sync) {
        const cognitoError = 'InvalidLambdaFunctionOutputException: The AWS Lambda function returned invalid output or an exception.';
        return summary(`${op} fails; UpdateRecords returns InvalidLambdaFunctionOutputException to the app.`, 'syncInvalidOutput', false, [thrown, info('The Sync trigger is not a user pool trigger: the app receives InvalidLambdaFunctionOutputException from UpdateRecords, not the error message.', 'syncInvalidOutput')], cognitoError);
      }
      const cognitoError = cognitoErrorText(t, o.errorMessage);
      return summary(`${op} fails; the app receives \`${cognitoError}\` (observed wording)`, 'userLambdaValidation', false, [
        thrown,
        info('Cognito returns it as UserLambdaValidationException (observed), with your error message in it.', 'userLambdaValidation'),
        info('Users can see the error message (the managed login pages show it), so keep it user-safe.', 'errorsShownToUsers'),
      ], cognitoError);
    }
    case 'timeout': {
      const stopped = err(`The handler did not answer within ${o.limitMs} ms and was stopped.`, 'localRun');
      if (asyncTrigger) {
        return summary(`Timed out after ${o.limitMs} ms. Cognito invokes custom senders asynchronously and does not wait; the function's own Lambda timeout applies, and Lambda retries a failed asynchronous invocation.`, 'lambdaAsyncRetries', false, [stopped, info('Custom senders are invoked asynchronously.', 'customSenders')]);
      }
      if (sync) {
        return summary(`Timed out after ${o.limitMs} ms. Cognito Sync waits 5 seconds, then UpdateRecords fails with LambdaSocketTimeoutException (no retries are documented).`, 'syncTimeout', false, [stopped]);
      }
      const printed = printedLines(i.logs);
      const lines: SummaryLine[] = [stopped, info('Cognito waits 5 seconds, then calls the function again: three attempts in all, and after the third the operation fails. You cannot change the 5 seconds.', 'triggerTimeout')];
      if (printed.length > 0) {
        lines.push(warn(`Before the limit the handler got far enough to print ${printed.length} line(s) (first: "${printed[0]?.slice(0, 80)}"): whatever it had done by then (an email sent, a record written) happens once per attempt, up to three times. Make such work idempotent or move it after the answer.`, 'triggerTimeout'));
      } else {
        lines.push(info('Each attempt runs the handler again: side effects before the timeout (an email sent, a record written) happen up to three times.', 'triggerTimeout'));
      }
      return summary(`Timed out after ${o.limitMs} ms. Cognito waits 5 seconds per attempt and tries three times in all, then the operation fails.`, 'triggerTimeout', false, lines);
    }
    case 'crashed':
      return summary(`${op} fails: the handler's process died (${o.reason})`, 'lambdaRuntimeExit', false, [
        err(o.reason, 'localRun'),
        info('In Lambda this is a Runtime.ExitError: the invocation fails and the execution environment restarts. The text Cognito shows the app for it is not documented; the one below is the shape of its usual error text.', 'lambdaRuntimeExit'),
      ], cognitoErrorText(t, `Runtime exited${o.exitCode !== undefined && o.exitCode !== null ? ` with error: exit status ${o.exitCode}` : ''}`));
    case 'failedToStart':
      return summary(`Could not run the handler: ${o.message}`, 'localRun', false, [
        err(o.location ? `${o.location.file}${o.location.line ? `:${o.location.line}${o.location.column ? `:${o.location.column}` : ''}` : ''}: ${o.message}` : o.message, 'localRun'),
      ]);
  }
}

/** Lines shared by every successful answer of a synchronous trigger: the answer must be the event. */
export function answerShapeSummary(i: SummaryInput): InvokeSummary | undefined {
  if (i.outcome.kind !== 'returned') return undefined;
  const v = i.outcome.value;
  if (i.trigger?.noResponse || i.trigger?.synchronous === false) return undefined;
  if (obj(v)) return undefined;
  const lines = [err(`The handler answered ${v === null ? 'null' : JSON.stringify(v) ?? 'undefined'}; Cognito needs the event object back.`, 'returnTheEvent')];
  if (i.ignoredReturn) lines.push(warn('The handler returned a value but is neither async nor uses the callback: Lambda discards a plain return value. Make it `async` or call `callback(null, event)`.', 'lambdaHandler'));
  if (i.trigger?.binding.kind === 'identityPool') {
    const cognitoError = 'InvalidLambdaFunctionOutputException: The AWS Lambda function returned invalid output or an exception.';
    return summary(`${operationOf(i.trigger)} fails: the answer is not the event; UpdateRecords returns InvalidLambdaFunctionOutputException.`, 'syncInvalidOutput', false, lines, cognitoError);
  }
  const cognitoError = UNRECOGNIZABLE_OUTPUT;
  return summary(`${operationOf(i.trigger)} fails: Cognito cannot read the answer; the app receives InvalidLambdaResponseException "Unrecognizable lambda output" (observed).`, 'unrecognizableOutput', false, lines, cognitoError);
}

/** What the app receives when a user pool trigger answers without the event (observed wording). */
export const UNRECOGNIZABLE_OUTPUT = 'Unrecognizable lambda output';
