// Invokes a deployed function with an event and returns the same InvokeResult a local invoke gives.
import { InvokeCommand } from '@aws-sdk/client-lambda';
import { checkEvent, recognizeEvent } from '../events';
import type { InvokeOutcome, InvokeResult, ResponseIssue } from '../protocol/invokeResult';
import { normalizeResponseIssues, summarize } from '../summary';
import type { AwsClients } from './clients';

/** What to invoke. */
export interface RemoteInvokeRequest {
  functionName: string;
  event: unknown;
  /** Version or alias (`Qualifier`). */
  qualifier?: string;
  /** The trigger the event is for, when the caller knows (else recognised from the event). */
  triggerId?: string;
}

/**
 * Invokes synchronously with `LogType: 'Tail'` (the last 4 KB of logs, base64) and maps the answer:
 * `FunctionError` → an error outcome, otherwise the returned payload; the summary and response issues
 * come from the same pure functions as a local invoke.
 */
export async function invokeRemote(clients: AwsClients, req: RemoteInvokeRequest, signal?: AbortSignal): Promise<InvokeResult> {
  const started = performance.now();
  const out = await clients.lambda.send(
    new InvokeCommand({ FunctionName: req.functionName, InvocationType: 'RequestResponse', LogType: 'Tail', Payload: new TextEncoder().encode(JSON.stringify(req.event)), ...(req.qualifier ? { Qualifier: req.qualifier } : {}) }),
    { abortSignal: signal },
  );
  const durationMs = Math.round(performance.now() - started);
  const text = out.Payload ? new TextDecoder().decode(out.Payload) : '';
  const logs = out.LogResult ? Buffer.from(out.LogResult, 'base64').toString('utf8') : '';
  const outcome = toOutcome(text, out.FunctionError);
  const recognised = recognizeEvent(req.event, req.triggerId ? { triggerId: req.triggerId } : {});
  const trigger = recognised.trigger;
  const triggerSource = recognised.source?.value ?? (typeof (req.event as { triggerSource?: unknown })?.triggerSource === 'string' ? (req.event as { triggerSource: string }).triggerSource : undefined);
  let issues: ResponseIssue[] = [];
  if (outcome.kind === 'returned' && trigger && outcome.value && typeof outcome.value === 'object') {
    issues = normalizeResponseIssues(
      checkEvent(outcome.value, recognizeEvent(outcome.value, { triggerId: trigger.id }))
        .filter((i) => i.path[0] === 'response')
        .map((i) => ({ code: i.code, severity: i.severity, message: i.message, path: [...i.path] })),
    );
  }
  return {
    where: 'remote',
    target: req.qualifier ? `${req.functionName}:${req.qualifier}` : req.functionName,
    ...(trigger ? { triggerId: trigger.id } : {}),
    ...(triggerSource ? { triggerSource } : {}),
    input: req.event,
    outcome,
    durationMs,
    logs,
    issues,
    // With the issues: an answer Cognito rejects fails remotely exactly as it does locally.
    summary: summarize({ ...(trigger ? { trigger } : {}), ...(triggerSource ? { triggerSource } : {}), input: req.event, outcome, issues }),
  };
}

/** Lambda's answer as an outcome. With FunctionError the payload is `{errorType, errorMessage, trace}`. */
export function toOutcome(payload: string, functionError: string | undefined): InvokeOutcome {
  let value: unknown = payload;
  try {
    value = payload ? JSON.parse(payload) : null;
  } catch {
    // Not JSON: keep the text as the value (a function may return a plain string).
  }
  if (!functionError) return { kind: 'returned', value };
  const e = (value && typeof value === 'object' ? value : {}) as { errorType?: unknown; errorMessage?: unknown; trace?: unknown };
  const errorMessage = typeof e.errorMessage === 'string' ? e.errorMessage : typeof value === 'string' ? value : JSON.stringify(value);
  if (/Task timed out after/.test(errorMessage)) {
    const secs = Number(/after ([\d.]+) seconds/.exec(errorMessage)?.[1] ?? 0);
    return { kind: 'timeout', limitMs: Math.round(secs * 1000) };
  }
  return {
    kind: 'error',
    errorType: typeof e.errorType === 'string' ? e.errorType : functionError,
    errorMessage,
    ...(Array.isArray(e.trace) ? { stack: e.trace.map(String) } : {}),
  };
}
