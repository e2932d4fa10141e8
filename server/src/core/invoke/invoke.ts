// A complete local invoke: recognise the event, run the handler, check the answer with the model and
// summarise what Cognito would do — the InvokeResult the result view and the CLI show.
import { checkEvent, recognizeEvent, type EventIssue } from '../events';
import { sourceRef } from '../model/sources';
import type { InvokeResult, ResponseIssue } from '../protocol/invokeResult';
import type { Settings } from '../settings';
import { normalizeResponseIssues, summarize } from '../summary';
import type { LocalInvoker } from './local';

/** What to run and with which settings. */
export interface InvokeLocalOptions {
  /** Absolute handler file. */
  file: string;
  handlerName: string;
  event: unknown;
  /** The trigger the caller knows the handler or event is for (CodeLens, --source); helps recognition. */
  triggerId?: string;
  /** Workspace folder or project directory (cwd, base of the .env file). */
  folder: string;
  settings: Settings['invoke'];
  /** Overrides settings.warm (the CLI always runs fresh). */
  warm?: boolean;
  /** Python handlers: cognitoTriggers.python.interpreter ('' = the workspace's .venv/venv, else python3). */
  pythonInterpreter?: string;
  /** The Lambda runtime the infrastructure code declares for the function (`python3.12`). */
  runtime?: string;
  /** One run in a short-lived host (the CLI). */
  oneShot?: boolean;
  onOutput?(text: string, stream: 'stdout' | 'stderr'): void;
  /** Cancel (the editor's progress notification): ends the run and its process tree. */
  signal?: AbortSignal;
}

function toResponseIssues(issues: readonly EventIssue[], known: readonly EventIssue[]): ResponseIssue[] {
  // Problems already present in the input are not the handler's doing: report only new ones.
  const seen = new Set(known.map((i) => `${i.code}|${i.path.join('.')}`));
  return issues.filter((i) => !seen.has(`${i.code}|${i.path.join('.')}`)).map((i) => ({ code: i.code, severity: i.severity, message: i.message, path: [...i.path] }));
}

/** Runs the handler locally and returns everything the result view shows. */
export async function invokeLocal(invoker: LocalInvoker, o: InvokeLocalOptions): Promise<InvokeResult> {
  const recognised = recognizeEvent(o.event, o.triggerId ? { triggerId: o.triggerId } : {});
  const trigger = recognised.trigger;
  const r = await invoker.run({
    file: o.file,
    handlerName: o.handlerName,
    event: o.event,
    folder: o.folder,
    timeoutMs: o.settings.timeoutMs,
    memoryLimitMb: o.settings.memoryLimitMb,
    warm: o.warm ?? o.settings.warm,
    envFile: o.settings.envFile,
    env: o.settings.env,
    warmIdleMs: o.settings.warmIdleSeconds * 1000,
    maxWarmWorkers: o.settings.maxWarmWorkers,
    ...(o.pythonInterpreter !== undefined ? { pythonInterpreter: o.pythonInterpreter } : {}),
    ...(o.runtime ? { runtime: o.runtime } : {}),
    ...(o.oneShot ? { oneShot: true } : {}),
    ...(o.onOutput ? { onOutput: o.onOutput } : {}),
    ...(o.signal ? { signal: o.signal } : {}),
  });
  let issues: ResponseIssue[] = [];
  if (r.outcome.kind === 'returned' && trigger && !trigger.noResponse && typeof r.outcome.value === 'object' && r.outcome.value !== null) {
    const hint = { triggerId: trigger.id };
    issues = normalizeResponseIssues(toResponseIssues(checkEvent(r.outcome.value, recognizeEvent(r.outcome.value, hint)), checkEvent(o.event, recognised)));
  }
  const triggerSource = recognised.source?.value ?? (typeof (o.event as { triggerSource?: unknown })?.triggerSource === 'string' ? String((o.event as { triggerSource: string }).triggerSource) : undefined);
  const summary = summarize({ input: o.event, outcome: r.outcome, ...(trigger ? { trigger } : {}), ...(triggerSource ? { triggerSource } : {}), ...(r.ignoredReturn ? { ignoredReturn: true } : {}), ...(r.logs ? { logs: r.logs } : {}), issues });
  if (r.envWarning) summary.lines.push({ severity: 'warning', text: r.envWarning, source: sourceRef('localRun') });
  if (r.lateError) {
    // "Background processes or callbacks ... that did not complete when the function ended resume if
    // Lambda reuses the execution environment": https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html
    summary.lines.push({
      severity: 'warning',
      text: `After the previous run had answered, the handler threw ${r.lateError.errorType}: ${r.lateError.errorMessage} (a timer or callback that outlived the answer). In Lambda this fails a later invocation of the same execution environment; the local worker was restarted.`,
      source: sourceRef('lateWork'),
    });
  }
  if (r.runtimeWarning) summary.lines.push({ severity: 'warning', text: r.runtimeWarning, source: sourceRef('localRun') });
  if (r.nodeRuntimeWarning) summary.lines.push({ severity: 'warning', text: r.nodeRuntimeWarning, source: sourceRef('lambdaNodeRuntimes') });
  return {
    where: 'local',
    target: `${o.file}#${o.handlerName}`,
    ...(trigger ? { triggerId: trigger.id } : {}),
    ...(triggerSource ? { triggerSource } : {}),
    input: o.event,
    outcome: r.outcome,
    durationMs: Math.round(r.durationMs * 10) / 10,
    logs: r.logs,
    issues,
    summary,
  };
}
