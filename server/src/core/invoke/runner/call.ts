// Calls a handler with Lambda's Node.js runtime semantics: promise, callback or context.succeed/fail/done.
import type { ContextFields, HandlerStyle, WireError } from '../wire';
import { makeContext } from './context';

/** How one call ended, before serialisation. */
export type CallOutcome =
  | { kind: 'returned'; value: unknown; style: HandlerStyle; ignoredReturn?: boolean }
  | { kind: 'error'; error: WireError; style: HandlerStyle };

/** Lambda's error shape: `errorType` is the error's name, a thrown non-Error keeps its JS type. */
export function toWireError(err: unknown): WireError {
  if (err instanceof Error) {
    const frames = (err.stack ?? '').split('\n').slice(1).map((l) => l.trim()).filter((l) => l.startsWith('at '));
    // Frames from the runner itself (and what called it) say nothing about the handler: cut them.
    const own = frames.findIndex((l) => l.includes(__filename) || /core[\\/]invoke[\\/]runner[\\/]/.test(l));
    return { errorType: err.name || err.constructor.name, errorMessage: err.message, stack: own === -1 ? frames : frames.slice(0, own) };
  }
  if (typeof err === 'string') return { errorType: 'string', errorMessage: err };
  let text: string;
  try {
    text = JSON.stringify(err) ?? String(err);
  } catch {
    text = String(err);
  }
  return { errorType: typeof err, errorMessage: text };
}

function isThenable(v: unknown): v is PromiseLike<unknown> {
  return (typeof v === 'object' || typeof v === 'function') && v !== null && typeof (v as { then?: unknown }).then === 'function';
}

/** Resources that keep the event loop alive, except the runner's own pipes (captured as a baseline). */
function activeCount(): number {
  return process.getActiveResourcesInfo().filter((r) => r !== 'TTYWrap').length;
}

/**
 * Calls `fn` and resolves with its answer. A plain (non-promise) return is ignored as Lambda does:
 * a handler that declares a callback is awaited until it calls it (the host's time limit stops it);
 * otherwise the answer is `null` once the event loop has no more work than before the call, which
 * is when Lambda would answer — unless `context.succeed/fail/done` is called first.
 */
export function callHandler(fn: (...args: unknown[]) => unknown, event: unknown, fields: ContextFields, deadline: number): Promise<CallOutcome> {
  return new Promise((resolve) => {
    let settled = false;
    let style: HandlerStyle = 'sync';
    const finish = (o: CallOutcome): void => {
      if (settled) return;
      settled = true;
      resolve(o);
    };
    const succeed = (value: unknown): void => finish({ kind: 'returned', value, style });
    const fail = (err: unknown): void => finish({ kind: 'error', error: toWireError(err), style });
    const callback = (err?: unknown, value?: unknown): void => {
      style = 'callback';
      if (err !== undefined && err !== null) fail(err);
      else succeed(value);
    };
    const context = makeContext(fields, deadline, {
      succeed: (v) => {
        style = 'context';
        succeed(v);
      },
      fail: (e) => {
        style = 'context';
        fail(e);
      },
    });
    const baseline = activeCount();
    let result: unknown;
    try {
      result = fn(event, context, callback);
    } catch (e) {
      fail(e);
      return;
    }
    if (settled) return;
    if (isThenable(result)) {
      style = 'async';
      result.then(succeed, fail);
      return;
    }
    if (fn.length >= 3) return;
    const ignoredReturn = result !== undefined;
    const poll = (): void => {
      if (settled) return;
      if (activeCount() <= baseline) finish({ kind: 'returned', value: null, style: 'sync', ignoredReturn });
      else setTimeout(poll, 1);
    };
    setImmediate(poll);
  });
}
