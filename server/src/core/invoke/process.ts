// One runner child process: spawns dist/runner.js, runs requests, enforces the time limit, reports crashes.
import type { ChildProcess } from 'node:child_process';
import type { InvokeOutcome } from '../protocol/invokeResult';
import { spawnTree, type ProcessTree } from './processTree';
import type { HandlerStyle, RunnerMessage, RunRequest, WireError } from './wire';

/** How to start a runner. */
export interface RunnerProcessOptions {
  /** Absolute path of dist/runner.js. */
  runnerPath: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  memoryLimitMb: number;
  /**
   * The program to start instead of Node with `runnerPath` (the Python runner: the interpreter and
   * dist/runner.py). It must speak the same messages over Node's IPC channel (NODE_CHANNEL_FD).
   */
  command?: { file: string; args: string[] };
  /** Live console output of the handler during a run. */
  onOutput?(text: string, stream: 'stdout' | 'stderr'): void;
  /**
   * One run only (fresh mode): after the answer the process is ended and its output read to the end,
   * so that the run's logs are complete (a big write can still sit in the pipe when the answer comes).
   */
  oneRun?: boolean;
  /** Output while no run is pending (a timer that outlived the answer): it belongs to no run. */
  onLateOutput?(text: string, stream: 'stdout' | 'stderr'): void;
  /** An uncaught error while no run was pending; the process ends after it. */
  onLateError?(error: WireError): void;
}

/** What one run produced, before the model looks at it. */
export interface RunOutcome {
  outcome: InvokeOutcome;
  /** How the handler answered, when it did. */
  style?: HandlerStyle;
  /** A plain return value that Lambda discards (not async, no callback). */
  ignoredReturn?: boolean;
  /** Console output during the run. */
  logs: string;
}

interface Pending {
  id: number;
  limitMs: number;
  timedOut: boolean;
  /** The caller cancelled the run (the editor's Cancel): the tree was killed on purpose. */
  cancelled: boolean;
  timer: NodeJS.Timeout;
  resolve(r: RunOutcome): void;
}

/** The outcome's reason when the caller cancelled the run. */
export const CANCELLED_REASON = 'Cancelled: the run was stopped and the handler\'s process and everything it started were ended.';

/** Console output kept and forwarded per run; past it one visible note replaces the rest. */
export const OUTPUT_CAP_BYTES = 8 * 1024 * 1024;

const OOM = /heap out of memory|Allocation failed|Reached heap limit/;
/**
 * Where V8's fatal-error report starts (last GCs, JS and native stack traces). It means nothing to the
 * handler's author, so it is kept for diagnosis (stderrTail) but not passed on: the outcome gives a
 * one-line reason instead.
 */
const V8_FATAL = /<--- Last few GCs --->|<--- JS stacktrace --->|FATAL ERROR: |----- Native stack trace -----/;

/** A runner child process; usable for many runs until it dies (warm) or for one (fresh). */
export class RunnerProcess {
  private readonly tree: ProcessTree;
  private readonly child: ChildProcess;
  private pending: Pending | undefined;
  private nextId = 1;
  private logs = '';
  private collecting = false;
  /** Output bytes of the current run so far (for the cap). */
  private outputBytes = 0;
  private truncated = false;
  private stderrTail = '';
  /** True once V8's fatal report began: the rest of stderr is not forwarded. */
  private fatalReport = false;
  private closed = false;
  private readonly closeWaiters: (() => void)[] = [];
  /** False once the process exited, was killed or must be recycled. */
  usable = true;

  constructor(private readonly opts: RunnerProcessOptions) {
    // --enable-source-maps: stack traces of compiled TypeScript point at the .ts lines.
    // A process tree: whatever the handler starts ends with the runner (timeout, dispose, reload).
    const [file, args] = opts.command ? [opts.command.file, opts.command.args] : [process.execPath, [`--max-old-space-size=${Math.max(16, Math.round(opts.memoryLimitMb))}`, '--enable-source-maps', opts.runnerPath]];
    this.tree = spawnTree(file, args, {
      cwd: opts.cwd,
      env: opts.env,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'json',
    });
    this.child = this.tree.child;
    const onData = (stream: 'stdout' | 'stderr') => (chunk: string) => {
      let shown = chunk;
      if (stream === 'stderr') {
        this.stderrTail = (this.stderrTail + chunk).slice(-4000);
        if (this.fatalReport) shown = '';
        else {
          const at = chunk.search(V8_FATAL);
          if (at !== -1) {
            this.fatalReport = true;
            shown = chunk.slice(0, at).replace(/\n+$/, '\n').replace(/^\n$/, '');
          }
        }
      }
      if (!shown) return;
      if (!this.collecting) {
        opts.onLateOutput?.(shown, stream);
        return;
      }
      if (this.truncated) return;
      const size = Buffer.byteLength(shown);
      if (this.outputBytes + size > OUTPUT_CAP_BYTES) {
        this.truncated = true;
        // Keep what fits (by characters: close enough for the cap), then say where it stopped.
        shown = `${shown.slice(0, Math.max(0, OUTPUT_CAP_BYTES - this.outputBytes))}\n[output truncated after ${OUTPUT_CAP_BYTES / 1024 / 1024} MB]\n`;
      }
      this.outputBytes += size;
      this.logs += shown;
      opts.onOutput?.(shown, stream);
    };
    this.child.stdout?.setEncoding('utf8').on('data', onData('stdout'));
    this.child.stderr?.setEncoding('utf8').on('data', onData('stderr'));
    this.child.on('message', (m: RunnerMessage) => this.onMessage(m));
    this.child.on('error', (e) => {
      // Never started: nothing will exit or end, so it is closed now.
      if (this.child.pid === undefined) {
        this.closed = true;
        this.usable = false;
        for (const w of this.closeWaiters.splice(0)) w();
      }
      this.finish({ kind: 'failedToStart', message: `Could not start the runner (${opts.command ? `${opts.command.file} ${opts.command.args.join(' ')}` : opts.runnerPath}): ${e.message}` });
    });
    // Closed = exited and all output read. Not the 'close' event: after the parent disconnects the IPC
    // channel (how a warm worker is ended) Node 20 never emits it, though exit and both ends come.
    let waiting = 3;
    let exit: [number | null, NodeJS.Signals | null] = [null, null];
    const step = (): void => {
      if (--waiting === 0) this.onClose(...exit);
    };
    this.child.stdout?.once('end', step);
    this.child.stderr?.once('end', step);
    this.child.once('exit', (code, signal) => {
      exit = [code, signal];
      step();
    });
  }

  /**
   * Runs the handler once. Never rejects: every failure is an outcome. Aborting `signal` (Cancel) ends
   * the process and everything it started, as a timeout does; the outcome then says it was cancelled.
   */
  run(req: Omit<RunRequest, 'type' | 'id' | 'deadline'>, limitMs: number, signal?: AbortSignal): Promise<RunOutcome> {
    if (signal?.aborted) return Promise.resolve({ outcome: { kind: 'crashed', reason: CANCELLED_REASON }, logs: '' });
    if (!this.usable || this.pending) return Promise.resolve({ outcome: { kind: 'crashed', reason: 'The runner process is not available.' }, logs: '' });
    const id = this.nextId++;
    this.logs = '';
    this.outputBytes = 0;
    this.truncated = false;
    this.collecting = true;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        if (!this.pending) return;
        this.pending.timedOut = true;
        this.usable = false;
        this.tree.kill();
        // setTimeout fires at once past 2^31-1 ms.
      }, Math.min(limitMs, 2 ** 31 - 1));
      const pending: Pending = { id, limitMs, timedOut: false, cancelled: false, timer, resolve };
      this.pending = pending;
      const onAbort = (): void => {
        if (this.pending !== pending) return;
        pending.cancelled = true;
        this.usable = false;
        this.tree.kill();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const done = pending.resolve;
      pending.resolve = (r) => {
        signal?.removeEventListener('abort', onAbort);
        done(r);
      };
      this.child.send({ ...req, type: 'run', id, deadline: Date.now() + limitMs } satisfies RunRequest);
    });
  }

  /** Ends the process and everything it started: closes the channel (the runner exits), then kills the tree. */
  dispose(): void {
    this.usable = false;
    if (this.closed) return;
    if (this.child.connected) this.child.disconnect();
    const t = setTimeout(() => this.tree.kill(), 1000);
    t.unref();
  }

  /** Kills the runner and its tree now (process exit, where no timer runs any more). */
  killNow(): void {
    this.usable = false;
    this.tree.kill();
  }

  /** True while a run is pending. */
  get busy(): boolean {
    return this.pending !== undefined;
  }

  /** The tree's tag (tests count leftovers by it). */
  get treeTag(): string {
    return this.tree.tag;
  }

  /** Resolves when the process has exited and its output is read. */
  whenClosed(): Promise<void> {
    return this.closed ? Promise.resolve() : new Promise((r) => this.closeWaiters.push(r));
  }

  private onMessage(m: RunnerMessage): void {
    if (m.type === 'lateError') {
      this.usable = false;
      this.opts.onLateError?.(m.error);
      return;
    }
    if (!this.pending || !('id' in m) || m.id !== this.pending.id) return;
    if (m.type === 'returned') {
      this.finish({ kind: 'returned', value: m.value }, m.style, m.ignoredReturn);
    } else if (m.type === 'error') {
      if (m.fatal) this.usable = false;
      this.finish({ kind: 'error', errorType: m.error.errorType, errorMessage: m.error.errorMessage, ...(m.error.stack ? { stack: m.error.stack } : {}) }, m.style);
    } else if (m.type === 'loadError') {
      // A module that failed to load may be half in the require cache: start afresh next time.
      this.usable = false;
      const location = m.file ? { file: m.file, ...(m.line !== undefined ? { line: m.line } : {}), ...(m.column !== undefined ? { column: m.column } : {}) } : undefined;
      this.finish({ kind: 'failedToStart', message: m.message, ...(location ? { location } : {}) });
    }
  }

  private onClose(code: number | null, signal: NodeJS.Signals | null): void {
    this.closed = true;
    this.usable = false;
    // The runner is gone; what it started (its group, detached descendants) goes with it.
    this.tree.kill();
    for (const w of this.closeWaiters.splice(0)) w();
    const p = this.pending;
    if (!p) return;
    if (p.timedOut) {
      this.finish({ kind: 'timeout', limitMs: p.limitMs });
      return;
    }
    if (p.cancelled) {
      this.finish({ kind: 'crashed', reason: CANCELLED_REASON, exitCode: code, signal });
      return;
    }
    let reason: string;
    if (OOM.test(this.stderrTail)) {
      reason = `The handler ran out of memory (heap limit ${this.opts.memoryLimitMb} MB, setting cognitoTriggers.invoke.memoryLimitMb).`;
    } else if (signal) {
      reason = `The handler's process was killed by ${signal}.`;
    } else {
      reason = `The handler's process exited with code ${code} before the handler answered (process.exit called?).`;
    }
    this.finish({ kind: 'crashed', reason, exitCode: code, signal });
  }

  private finish(outcome: InvokeOutcome, style?: HandlerStyle, ignoredReturn?: boolean): void {
    const p = this.pending;
    if (!p) return;
    this.pending = undefined;
    clearTimeout(p.timer);
    const settle = (): void => {
      this.collecting = false;
      p.resolve({ outcome, logs: this.logs, ...(style ? { style } : {}), ...(ignoredReturn ? { ignoredReturn } : {}) });
    };
    if (this.opts.oneRun) {
      // End the process and read its output to the end (EOF) before answering.
      this.dispose();
      void this.whenClosed().then(settle);
      return;
    }
    // Console output written just before the answer may still sit in the pipe: read it first.
    setImmediate(settle);
  }
}
