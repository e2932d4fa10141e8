// Messages between the invoke host (the language server or CLI) and the runner child process (IPC, JSON).

/** Host → runner: run the handler once. The runner keeps modules loaded between runs (warm mode). */
export interface RunRequest {
  type: 'run';
  id: number;
  /** Absolute path of the module to load (the compiled .cjs/.mjs for TypeScript). */
  modulePath: string;
  /** Load with `import()` (ESM) instead of `require` (CommonJS). */
  esm: boolean;
  /** Name of the export to call. */
  handlerName: string;
  event: unknown;
  /** Fields of the Lambda context object. */
  context: ContextFields;
  /** Epoch ms after which the host kills the process; drives `getRemainingTimeInMillis()`. */
  deadline: number;
  /**
   * Written by the runner to stdout and to stderr just before it answers: the answer comes over IPC,
   * a separate channel, so the host counts the run's output complete only once each stream has
   * delivered this text (see process.ts). Unique per run; never shown.
   */
  endMarker: string;
}

/** The plain-data part of the Lambda `context` object. */
export interface ContextFields {
  functionName: string;
  functionVersion: string;
  invokedFunctionArn: string;
  memoryLimitInMB: string;
  awsRequestId: string;
  logGroupName: string;
  logStreamName: string;
}

/** A serialised error, as Lambda reports it (`errorType`, `errorMessage`, `stack` lines). */
export interface WireError {
  errorType: string;
  errorMessage: string;
  stack?: string[];
}

/**
 * On an answer: the streams that carry the run's end marker. Absent (the Python runner) = both; a
 * stream the run wrote nothing to is not marked, and the host does not wait for it.
 */
interface Marked {
  marked?: ('stdout' | 'stderr')[];
}

/** Runner → host. */
export type RunnerMessage =
  | { type: 'ready' }
  /** The handler returned (or called back with) a value; `ignored` = a plain return Lambda discards. */
  | ({ type: 'returned'; id: number; value: unknown; style: HandlerStyle; ignoredReturn?: boolean } & Marked)
  /** The handler failed; `fatal` = an uncaught exception or rejection, after which the process is recycled. */
  | ({ type: 'error'; id: number; error: WireError; style: HandlerStyle; fatal?: boolean } & Marked)
  /** The module could not be loaded or has no such function export. */
  | ({ type: 'loadError'; id: number; message: string; file?: string; line?: number; column?: number; exports?: string[] } & Marked)
  /** An uncaught exception or rejection while no run was pending (a timer that outlived the answer); the runner exits after it. */
  | { type: 'lateError'; error: WireError };

/** How the handler delivered its answer. */
export type HandlerStyle = 'async' | 'callback' | 'context' | 'sync';
