// One trigger step of a flow: build the event, invoke the workspace handler through the local invoker
// (Cognito's retries on a timeout included), judge the answer with the model, and say what the app sees.
import { sampleEvent } from '../events/sample';
import { invokeLocal, type LocalInvoker } from '../invoke';
import type { InvokeResult } from '../protocol/invokeResult';
import type { Settings } from '../settings';
import type { PoolConfig, Slot } from './pool';
import { LOCAL, refOf, SOURCES } from './sources';
import type { AppError, Attempt, ChallengePrompt, FlowMessage, FlowStep } from './types';
import type { UserStore } from './users';

/** What every flow runs with. */
export interface FlowContext {
  invoker: LocalInvoker;
  /** Workspace folder: the handlers' cwd. */
  folder: string;
  settings: Settings['invoke'];
  pythonInterpreter?: string;
  pool: PoolConfig;
  users: UserStore;
  clientMetadata: Record<string, string>;
  /** Extra environment for the handlers (the local KMS endpoint and dummy credentials). */
  env?: Record<string, string>;
  /** Encrypts a code for a custom sender as Cognito does; absent = senders get the plain code. */
  encryptCode?(code: string): Promise<string>;
  /** The app's answer to a custom challenge; undefined = the app gives none (the flow stops). */
  answer?(prompt: ChallengePrompt): Promise<string | undefined>;
  /** Called as each step completes (live timeline). */
  onStep?(step: FlowStep): void;
  onOutput?(text: string, stream: 'stdout' | 'stderr'): void;
  /** Clock in ms (tests move it to expire a session). */
  now(): number;
  /** Codes Cognito would generate (tests fix them). */
  newCode(): string;
  steps: FlowStep[];
  messages: FlowMessage[];
  notes: string[];
}

/** Cognito calls synchronous triggers up to three times when they time out ({@link SOURCES.timeoutRetries}). */
export const TIMEOUT_ATTEMPTS = 3;

/** The envelope Cognito puts around every user pool trigger event, then request and response. */
export function buildEvent(ctx: FlowContext, triggerId: string, triggerSource: string, userName: string, request: Record<string, unknown>): Record<string, unknown> {
  const sample = sampleEvent(triggerId, triggerSource, { region: ctx.pool.region });
  const event: Record<string, unknown> = {
    version: sample.version,
    triggerSource,
    region: ctx.pool.region,
    userPoolId: ctx.pool.id,
    userName,
    callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: triggerSource.endsWith('_AdminCreateUser') ? 'CLIENT_ID_NOT_APPLICABLE' : ctx.pool.clientId },
    request,
  };
  // The response as Cognito sends it (flags false, messages null); custom senders get none.
  if ('response' in sample) event.response = JSON.parse(JSON.stringify(sample.response)) as unknown;
  return event;
}

function attemptOf(r: InvokeResult): Attempt {
  return { outcome: r.outcome.kind, ms: r.durationMs, logs: r.logs };
}

/** The exception the app receives when this step fails the operation. */
export function appErrorOf(step: FlowStep, index: number, errorName: string): AppError {
  const v = step.verdict;
  const outcome = (step.attemptDetails ?? []).at(-1)?.outcome;
  if (outcome === 'timeout') {
    return { name: 'UnexpectedLambdaException', message: `${errorName} invocation failed due to error Socket timeout while invoking Lambda function.`, step: index, source: SOURCES.timeoutError };
  }
  const named = v.cognitoError ? /^([A-Z]\w+Exception): (.*)$/s.exec(v.cognitoError) : null;
  if (named?.[1] && named[2] !== undefined) return { name: named[1], message: named[2], step: index, source: SOURCES.exceptions };
  if (outcome === 'error' || outcome === 'crashed' || outcome === 'failedToStart') {
    return { name: 'UserLambdaValidationException', message: v.cognitoError ?? `${errorName} failed with error ${v.headline}`, step: index, source: SOURCES.exceptions };
  }
  // The answer broke a rule the model knows; the API documents InvalidLambdaResponseException for an
  // answer Cognito cannot use (which exception each rule yields is not documented one by one).
  return { name: 'InvalidLambdaResponseException', message: v.cognitoError ?? v.headline, step: index, source: SOURCES.exceptions };
}

/** A finished trigger step: the step, and the error the app sees when it fails the operation. */
export interface TriggerRun {
  step: FlowStep;
  /** The returned event, when the handler returned one. */
  value: Record<string, unknown> | undefined;
  failed?: AppError;
}

/**
 * Runs the handler bound to `slot` with `event`, or returns undefined when the slot is not bound (Cognito
 * then does its default). A synchronous trigger that times out is invoked again, up to three attempts in
 * all, as Cognito does: whatever the handler did before timing out (a message sent, a row written) is
 * done again, and each attempt's output is kept.
 */
export async function runTrigger(ctx: FlowContext, slot: Slot, event: Record<string, unknown>, source?: string): Promise<TriggerRun | undefined> {
  const h = ctx.pool.triggers[slot];
  if (!h) return undefined;
  const attempts: Attempt[] = [];
  const started = performance.now();
  let r: InvokeResult | undefined;
  const tries = h.trigger.synchronous ? TIMEOUT_ATTEMPTS : 1;
  for (let n = 0; n < tries; n++) {
    r = await invokeLocal(ctx.invoker, {
      file: h.file,
      handlerName: h.handlerName,
      // Each attempt gets the event as Cognito sent it, not one a previous attempt mutated.
      event: JSON.parse(JSON.stringify(event)) as unknown,
      triggerId: h.trigger.id,
      folder: ctx.folder,
      settings: { ...ctx.settings, env: { ...ctx.settings.env, ...ctx.env } },
      warm: true,
      ...(ctx.pythonInterpreter !== undefined ? { pythonInterpreter: ctx.pythonInterpreter } : {}),
      ...(ctx.onOutput ? { onOutput: ctx.onOutput } : {}),
    });
    attempts.push(attemptOf(r));
    if (r.outcome.kind !== 'timeout') break;
  }
  const result = r as InvokeResult;
  const verdict = { ...result.summary, lines: [...result.summary.lines] };
  if (attempts.length > 1) {
    verdict.lines.unshift({ severity: 'warning', text: `Cognito invoked the handler ${attempts.length} times (it retries a trigger that does not answer within 5 seconds): side effects of every attempt happened.`, source: refOf(SOURCES.timeoutRetries, 'Lambda triggers: three attempts on a timeout') });
  }
  const value = result.outcome.kind === 'returned' && typeof result.outcome.value === 'object' && result.outcome.value !== null ? (result.outcome.value as Record<string, unknown>) : undefined;
  const step: FlowStep = {
    kind: 'trigger',
    trigger: h.trigger.id,
    triggerSource: String(event.triggerSource ?? event.eventType ?? ''),
    event,
    response: result.outcome.kind === 'returned' ? result.outcome.value : result.outcome,
    verdict,
    attempts: attempts.length,
    attemptDetails: attempts,
    ms: Math.round((performance.now() - started) * 10) / 10,
    handler: `${h.file}#${h.handlerName}`,
    source: source ?? (attempts.length > 1 ? SOURCES.timeoutRetries : h.trigger.docs),
  };
  const index = ctx.steps.push(step) - 1;
  ctx.onStep?.(step);
  // Asynchronous triggers (custom senders) never fail the operation: Cognito does not wait for them.
  const failed = verdict.succeeds || !h.trigger.synchronous ? undefined : appErrorOf(step, index, h.trigger.errorName);
  return { step, value, ...(failed ? { failed } : {}) };
}

/** Records something Cognito or the app does (no handler runs). */
export function recordStep(ctx: FlowContext, kind: 'cognito' | 'app', operation: string, what: string, headline: string, succeeds: boolean, detail: { event?: unknown; response?: unknown; source: string }): number {
  const step: FlowStep = {
    kind,
    trigger: operation,
    triggerSource: what,
    event: detail.event ?? null,
    response: detail.response ?? null,
    verdict: { headline, succeeds, lines: [], source: detail.source ? refOf(detail.source, `${operation}: ${what}`) : LOCAL },
    attempts: 0,
    ms: 0,
    ...(detail.source ? { source: detail.source } : {}),
  };
  ctx.onStep?.(step);
  return ctx.steps.push(step) - 1;
}
