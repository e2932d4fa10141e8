// Shared pieces of summaries: what Cognito does when a trigger fails, times out or crashes.
import type { TriggerDefinition } from '../model/types';
import type { InvokeOutcome, InvokeSummary, SummaryLine } from '../protocol/invokeResult';

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

export const ok = (text: string): SummaryLine => ({ severity: 'ok', text });
export const info = (text: string): SummaryLine => ({ severity: 'info', text });
export const warn = (text: string): SummaryLine => ({ severity: 'warning', text });
export const err = (text: string): SummaryLine => ({ severity: 'error', text });

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

/** Summary of every outcome that is not a returned value, the same for all triggers. */
export function failureSummary(i: SummaryInput): InvokeSummary | undefined {
  const t = i.trigger;
  const op = operationOf(t);
  const asyncTrigger = t?.synchronous === false;
  const o = i.outcome;
  switch (o.kind) {
    case 'returned':
      return undefined;
    case 'error': {
      const cognitoError = cognitoErrorText(t, o.errorMessage);
      const where = firstLocation(o.stack);
      const thrown = err(`${o.errorType}: ${o.errorMessage}${where ? ` (at ${where})` : ''}`);
      if (asyncTrigger) {
        return { headline: `The handler failed (${o.errorType}: ${o.errorMessage}); Cognito invokes it asynchronously, so Lambda retries it and the message is not sent if it keeps failing.`, succeeds: false, lines: [thrown] };
      }
      return {
        headline: `${op} fails; the app receives \`${cognitoError}\``,
        succeeds: false,
        cognitoError,
        lines: [thrown, info('Cognito returns it as UserLambdaValidationException; the error message is shown to the caller, so keep it user-safe.')],
      };
    }
    case 'timeout':
      return {
        headline: `Timed out after ${o.limitMs} ms. Cognito waits 5 seconds, retries up to 3 times, then the operation fails.`,
        succeeds: false,
        lines: [
          err(`The handler did not answer within ${o.limitMs} ms and was stopped.`),
          info('Cognito calls user pool triggers synchronously with a 5-second limit; a retried operation runs the handler again, so side effects must be idempotent.'),
        ],
      };
    case 'crashed':
      return {
        headline: `${op} fails: the handler's process died (${o.reason})`,
        succeeds: false,
        cognitoError: cognitoErrorText(t, `Runtime exited${o.exitCode !== undefined && o.exitCode !== null ? ` with error: exit status ${o.exitCode}` : ''}`),
        lines: [err(o.reason), info('In Lambda this is a Runtime.ExitError: the invocation fails and the execution environment restarts.')],
      };
    case 'failedToStart':
      return {
        headline: `Could not run the handler: ${o.message}`,
        succeeds: false,
        lines: [err(o.location ? `${o.location.file}${o.location.line ? `:${o.location.line}${o.location.column ? `:${o.location.column}` : ''}` : ''}: ${o.message}` : o.message)],
      };
  }
}

/** Lines shared by every successful answer of a synchronous user pool trigger: the answer must be the event. */
export function answerShapeSummary(i: SummaryInput): InvokeSummary | undefined {
  if (i.outcome.kind !== 'returned') return undefined;
  const v = i.outcome.value;
  if (i.trigger?.noResponse || i.trigger?.synchronous === false) return undefined;
  if (obj(v)) return undefined;
  const cognitoError = 'Unrecognizable lambda output';
  const lines = [err(`The handler answered ${v === null ? 'null' : JSON.stringify(v)}; Cognito needs the event object back.`)];
  if (i.ignoredReturn) lines.push(warn('The handler returned a value but is neither async nor uses the callback: Lambda discards a plain return value. Make it `async` or call `callback(null, event)`.'));
  return { headline: `${operationOf(i.trigger)} fails: Cognito cannot read the answer (${cognitoError}).`, succeeds: false, cognitoError, lines };
}
