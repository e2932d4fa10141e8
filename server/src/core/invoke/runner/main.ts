// The invoke runner (dist/runner.js): a tiny child process that loads a handler and calls it on request.
// Nothing but Node built-ins: the model, summaries and diagnostics are computed by the parent.
import type { RunnerMessage, RunRequest } from '../wire';
import { callHandler, toWireError } from './call';
import { loadHandler } from './load';

let current: number | undefined;

function send(m: RunnerMessage): void {
  process.send?.(m);
}

/** JSON round trip, as Lambda serialises the answer (Dates become strings, undefined disappears). */
function serialise(value: unknown): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    const text = JSON.stringify(value === undefined ? null : value);
    return { ok: true, value: text === undefined ? null : JSON.parse(text) };
  } catch (e) {
    return { ok: false, message: `The answer cannot be serialised to JSON: ${(e as Error).message}` };
  }
}

async function run(req: RunRequest): Promise<void> {
  current = req.id;
  const fn = await loadHandler(req.modulePath, req.esm, req.handlerName);
  if (typeof fn !== 'function') {
    send({ type: 'loadError', id: req.id, ...fn });
    return;
  }
  const out = await callHandler(fn, req.event, req.context, req.deadline);
  if (current !== req.id) return;
  current = undefined;
  if (out.kind === 'error') {
    send({ type: 'error', id: req.id, error: out.error, style: out.style });
    return;
  }
  const s = serialise(out.value);
  if (s.ok) send({ type: 'returned', id: req.id, value: s.value, style: out.style, ...(out.ignoredReturn ? { ignoredReturn: true } : {}) });
  else send({ type: 'error', id: req.id, error: { errorType: 'Runtime.SerializationError', errorMessage: s.message }, style: out.style });
}

// An error outside the handler's promise chain fails the invocation and, as in Lambda, the process.
process.on('uncaughtException', (e) => {
  if (current !== undefined) send({ type: 'error', id: current, error: toWireError(e), style: 'sync', fatal: true });
  current = undefined;
});
process.on('unhandledRejection', (reason) => {
  const inner = toWireError(reason);
  if (current !== undefined) {
    send({ type: 'error', id: current, error: { errorType: 'Runtime.UnhandledPromiseRejection', errorMessage: `${inner.errorType}: ${inner.errorMessage}`, stack: inner.stack }, style: 'sync', fatal: true });
  }
  current = undefined;
});
process.on('message', (m: RunRequest) => {
  if (m && m.type === 'run') void run(m);
});
// The host closes the channel to end a warm worker.
process.on('disconnect', () => process.exit(0));
