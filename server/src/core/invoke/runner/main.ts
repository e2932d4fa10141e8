// The invoke runner (dist/runner.js): a tiny child process that loads a handler and calls it on request.
// Nothing but Node built-ins: the model, summaries and diagnostics are computed by the parent.
import type { RunnerMessage, RunRequest, WireError } from '../wire';
import { callHandler, toWireError } from './call';
import { loadHandler } from './load';

let current: number | undefined;
let currentMarker = '';
/** Bytes each stream had taken (written or queued) when the current run began. */
let startBytes = { stdout: 0, stderr: 0 };

// The streams' own write functions, taken before any handler loads: a handler that replaces
// process.stdout.write (to silence or capture its logs) must not swallow the end marker.
const writeStdout = process.stdout.write.bind(process.stdout);
const writeStderr = process.stderr.write.bind(process.stderr);

const bytesOf = (s: NodeJS.WriteStream): number => (s as NodeJS.WriteStream & { bytesWritten?: number }).bytesWritten ?? 0;

/**
 * Ends the run's output: the marker goes into each stream the run wrote to, after everything written
 * (writes to a pipe are queued in order, and a big write may still be queued when the answer is sent
 * over IPC). A stream the run did not write to needs none: nothing of the run can be on its way. Returns
 * the streams marked, for the answer (the host waits for those only).
 */
function markEnd(marker: string): ('stdout' | 'stderr')[] {
  const marked: ('stdout' | 'stderr')[] = [];
  if (!marker) return marked;
  for (const [name, stream, write] of [['stdout', process.stdout, writeStdout], ['stderr', process.stderr, writeStderr]] as const) {
    if (bytesOf(stream) === startBytes[name]) continue;
    // A stream the handler ended takes no more writes; the host then waits for its end instead.
    if (!stream.writable) continue;
    try {
      write(marker);
      marked.push(name);
    } catch {
      // Nothing to mark: the host's wait for the stream is bounded (process.ts).
    }
  }
  return marked;
}

function send(m: RunnerMessage): void {
  process.send?.(m);
}

/** Answers a run: its output's end marker first, then the message (saying which streams carry it). */
function answer(m: Extract<RunnerMessage, { id: number }>, marker: string): void {
  send({ ...m, marked: markEnd(marker) });
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
  currentMarker = req.endMarker;
  startBytes = { stdout: bytesOf(process.stdout), stderr: bytesOf(process.stderr) };
  const fn = await loadHandler(req.modulePath, req.esm, req.handlerName);
  if (typeof fn !== 'function') {
    current = undefined;
    answer({ type: 'loadError', id: req.id, ...fn }, req.endMarker);
    return;
  }
  const out = await callHandler(fn, req.event, req.context, req.deadline);
  if (current !== req.id) return;
  current = undefined;
  if (out.kind === 'error') {
    answer({ type: 'error', id: req.id, error: out.error, style: out.style }, req.endMarker);
    return;
  }
  const s = serialise(out.value);
  if (s.ok) answer({ type: 'returned', id: req.id, value: s.value, style: out.style, ...(out.ignoredReturn ? { ignoredReturn: true } : {}) }, req.endMarker);
  else answer({ type: 'error', id: req.id, error: { errorType: 'Runtime.SerializationError', errorMessage: s.message }, style: out.style }, req.endMarker);
}

/**
 * An error outside the handler's promise chain fails the invocation and, as in Lambda, the process.
 * One that comes while no run is pending (a timer or callback that outlived the answer) is reported
 * as late and the process ends too: Lambda would surface it in a later invocation of the same
 * environment and restart it, so the worker must not carry on as if nothing happened.
 */
function fatal(error: WireError): void {
  const m: RunnerMessage = current !== undefined ? { type: 'error', id: current, error, style: 'sync', fatal: true, marked: markEnd(currentMarker) } : { type: 'lateError', error };
  current = undefined;
  // Exit once the message has reached the host (or at once without a channel).
  if (process.send && process.connected) process.send(m, () => exitFlushed(1));
  else exitFlushed(1);
}
process.on('uncaughtException', (e) => fatal(toWireError(e)));
process.on('unhandledRejection', (reason) => {
  const inner = toWireError(reason);
  fatal({ errorType: 'Runtime.UnhandledPromiseRejection', errorMessage: `${inner.errorType}: ${inner.errorMessage}`, ...(inner.stack ? { stack: inner.stack } : {}) });
});
process.on('message', (m: RunRequest) => {
  if (m && m.type === 'run') void run(m);
});
/**
 * Exits once what the handler wrote has left the process: stdout/stderr pipes are asynchronous here,
 * and a bare process.exit drops pending writes (a handler's last megabytes of output).
 */
function exitFlushed(code: number): void {
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}

// The host closes the channel to end a warm worker.
process.on('disconnect', () => exitFlushed(0));
