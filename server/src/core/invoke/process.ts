// One runner child process: spawns dist/runner.js, runs requests, enforces the time limit, reports crashes.
import { spawn, type ChildProcess } from 'node:child_process';
import type { InvokeOutcome } from '../protocol/invokeResult';
import type { HandlerStyle, RunnerMessage, RunRequest } from './wire';

/** How to start a runner. */
export interface RunnerProcessOptions {
  /** Absolute path of dist/runner.js. */
  runnerPath: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  memoryLimitMb: number;
  /** Live console output of the handler. */
  onOutput?(text: string, stream: 'stdout' | 'stderr'): void;
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
  timer: NodeJS.Timeout;
  resolve(r: RunOutcome): void;
}

const OOM = /heap out of memory|Allocation failed|Reached heap limit/;
/**
 * Where V8's fatal-error report starts (last GCs, JS and native stack traces). It means nothing to the
 * handler's author, so it is kept for diagnosis (stderrTail) but not passed on: the outcome gives a
 * one-line reason instead.
 */
const V8_FATAL = /<--- Last few GCs --->|<--- JS stacktrace --->|FATAL ERROR: |----- Native stack trace -----/;

/** A runner child process; usable for many runs until it dies (warm) or for one (fresh). */
export class RunnerProcess {
  private readonly child: ChildProcess;
  private pending: Pending | undefined;
  private nextId = 1;
  private logs = '';
  private collecting = false;
  private stderrTail = '';
  /** True once V8's fatal report began: the rest of stderr is not forwarded. */
  private fatalReport = false;
  private closed = false;
  /** False once the process exited, was killed or must be recycled. */
  usable = true;

  constructor(private readonly opts: RunnerProcessOptions) {
    // --enable-source-maps: stack traces of compiled TypeScript point at the .ts lines.
    this.child = spawn(process.execPath, [`--max-old-space-size=${Math.max(16, Math.round(opts.memoryLimitMb))}`, '--enable-source-maps', opts.runnerPath], {
      cwd: opts.cwd,
      env: opts.env,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'json',
    });
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
      if (this.collecting) this.logs += shown;
      opts.onOutput?.(shown, stream);
    };
    this.child.stdout?.setEncoding('utf8').on('data', onData('stdout'));
    this.child.stderr?.setEncoding('utf8').on('data', onData('stderr'));
    this.child.on('message', (m: RunnerMessage) => this.onMessage(m));
    this.child.on('error', (e) => this.finish({ kind: 'failedToStart', message: `Could not start the runner (${opts.runnerPath}): ${e.message}` }));
    // 'close' (not 'exit'): all output has been read by then.
    this.child.on('close', (code, signal) => this.onClose(code, signal));
  }

  /** Runs the handler once. Never rejects: every failure is an outcome. */
  run(req: Omit<RunRequest, 'type' | 'id' | 'deadline'>, limitMs: number): Promise<RunOutcome> {
    if (!this.usable || this.pending) return Promise.resolve({ outcome: { kind: 'crashed', reason: 'The runner process is not available.' }, logs: '' });
    const id = this.nextId++;
    this.logs = '';
    this.collecting = true;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        if (!this.pending) return;
        this.pending.timedOut = true;
        this.usable = false;
        this.child.kill('SIGKILL');
      }, limitMs);
      this.pending = { id, limitMs, timedOut: false, timer, resolve };
      this.child.send({ ...req, type: 'run', id, deadline: Date.now() + limitMs } satisfies RunRequest);
    });
  }

  /** Ends the process: closes the channel (the runner exits) and kills it if it lingers. */
  dispose(): void {
    this.usable = false;
    if (this.closed) return;
    if (this.child.connected) this.child.disconnect();
    const t = setTimeout(() => this.child.kill('SIGKILL'), 1000);
    t.unref();
  }

  /** Resolves when the process has exited and its output is read. */
  whenClosed(): Promise<void> {
    return this.closed ? Promise.resolve() : new Promise((r) => this.child.once('close', () => r()));
  }

  private onMessage(m: RunnerMessage): void {
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
    const p = this.pending;
    if (!p) return;
    if (p.timedOut) {
      this.finish({ kind: 'timeout', limitMs: p.limitMs });
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
    // Console output written just before the answer may still sit in the pipe: read it first.
    setImmediate(() => {
      this.collecting = false;
      p.resolve({ outcome, logs: this.logs, ...(style ? { style } : {}), ...(ignoredReturn ? { ignoredReturn } : {}) });
    });
  }
}
