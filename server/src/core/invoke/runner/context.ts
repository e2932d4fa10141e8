// The Lambda `context` object the runner passes to handlers, with a real countdown.
import type { ContextFields } from '../wire';

/** What the context's legacy completion methods report to the runner. */
export interface ContextCompletion {
  succeed(value: unknown): void;
  fail(error: unknown): void;
}

/** The handler's `context`: Lambda's fields, `getRemainingTimeInMillis()` and succeed/fail/done. */
export function makeContext(fields: ContextFields, deadline: number, done: ContextCompletion): Record<string, unknown> {
  return {
    ...fields,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    succeed: (value?: unknown) => done.succeed(value),
    fail: (error?: unknown) => done.fail(error),
    done: (error?: unknown, value?: unknown) => (error !== undefined && error !== null ? done.fail(error) : done.succeed(value)),
  };
}
