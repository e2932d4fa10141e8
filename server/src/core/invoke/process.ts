// One runner child process: spawns dist/runner.js, runs requests, enforces the time limit, reports crashes.
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
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
  /** One run only (fresh mode): once the run's output is complete the process is ended. */
  oneRun?: boolean;
  /** Output while no run is pending, or after a run's end marker (a timer that outlived the answer): it belongs to no run. */
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

/**
 * How long the run's output may stall after the answer before the run is settled without its end
 * markers (a handler that closed its stdout, or a descendant holding the pipe). Only a stall counts:
 * a slow reader that still receives output keeps waiting.
 */
export const OUTPUT_DRAIN_IDLE_MS = 5000;

type StreamName = 'stdout' | 'stderr';
const STREAMS: readonly StreamName[] = ['stdout', 'stderr'];

/** The length of the longest end of `text` that begins `marker` (a marker split across chunks). */
function markerPrefixAtEnd(text: string, marker: string): number {
  let at = text.indexOf(marker[0] as string, Math.max(0, text.length - marker.length + 1));
  while (at !== -1) {
    if (marker.startsWith(text.slice(at))) return text.length - at;
    at = text.indexOf(marker[0] as string, at + 1);
  }
  return 0;
}

/** A run that has answered and waits for the rest of its output (its end markers). */
interface Draining {
  settle(note?: string): void;
  timer: NodeJS.Timeout;
}

/** A runner child process; usable for many runs until it dies (warm) or for one (fresh). */
export class RunnerProcess {
  private readonly tree: ProcessTree;
  private readonly child: ChildProcess;
  private pending: Pending | undefined;
  private nextId = 1;
  private logs = '';
  /**
   * The current run's end marker, and per stream whether the run's output on it is still to come: the
   * answer arrives over IPC, a separate channel, often before the output written just before it (a
   * handler's last megabytes can still be queued in the runner). Until its marker a stream's output is
   * the run's; after it, no run's.
   */
  private marker = '';
  private readonly awaiting: Record<StreamName, boolean> = { stdout: false, stderr: false };
  /** The end of a chunk that may be the start of a marker split across chunks, held back until the next. */
  private readonly held: Record<StreamName, string> = { stdout: '', stderr: '' };
  private draining: Draining | undefined;
  /** Counts the stream ends towards "closed" (set in the constructor). */
  private ended: () => void = () => {};
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
    for (const stream of STREAMS) {
      const pipe = this.child[stream];
      if (!pipe) continue;
      pipe.setEncoding('utf8').on('data', (chunk: string) => this.onData(stream, chunk));
      pipe.once('end', () => this.onStreamEnd(stream));
    }
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
    this.ended = step;
    if (!this.child.stdout) step();
    if (!this.child.stderr) step();
    this.child.once('exit', (code, signal) => {
      exit = [code, signal];
      step();
    });
  }

  /**
   * Runs the handler once. Never rejects: every failure is an outcome. Aborting `signal` (Cancel) ends
   * the process and everything it started, as a timeout does; the outcome then says it was cancelled.
   */
  run(req: Omit<RunRequest, 'type' | 'id' | 'deadline' | 'endMarker'>, limitMs: number, signal?: AbortSignal): Promise<RunOutcome> {
    if (signal?.aborted) return Promise.resolve({ outcome: { kind: 'crashed', reason: CANCELLED_REASON }, logs: '' });
    if (!this.usable || this.busy) return Promise.resolve({ outcome: { kind: 'crashed', reason: 'The runner process is not available.' }, logs: '' });
    const id = this.nextId++;
    this.logs = '';
    this.outputBytes = 0;
    this.truncated = false;
    this.marker = `\u001ecognito-triggers:end:${id}:${randomBytes(8).toString('hex')}\u001e`;
    for (const stream of STREAMS) this.awaiting[stream] = !this.closed && !!this.child[stream]?.readable;
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
      this.child.send({ ...req, type: 'run', id, deadline: Date.now() + limitMs, endMarker: this.marker } satisfies RunRequest);
    });
  }

  /**
   * Ends the process and everything it started, now, as Lambda ends an execution environment. Not by
   * closing the channel first: the runner would exit on the disconnect before the tree is killed, and a
   * descendant that left the group (setsid) and dropped the tag (env -i) could then no longer be found
   * by its parent pid. Output of a settled run is already read (its end markers came).
   */
  dispose(): void {
    this.usable = false;
    if (this.closed) return;
    this.tree.kill();
  }

  /** Kills the runner and its tree now (process exit, where no timer runs any more). */
  killNow(): void {
    this.usable = false;
    this.tree.kill();
  }

  /** True while a run is pending or its output is still arriving. */
  get busy(): boolean {
    return this.pending !== undefined || this.draining !== undefined;
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
    // Streams the run wrote nothing to hold none of its output: no marker comes on them.
    if (m.marked) for (const stream of STREAMS) if (!m.marked.includes(stream)) this.streamDone(stream);
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
    // Both streams have ended: whatever the run wrote has been read.
    this.draining?.settle();
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

  /** Output from the runner: the run's until its end marker on that stream, no run's after it. */
  private onData(stream: StreamName, chunk: string): void {
    if (this.draining) this.draining.timer.refresh();
    const text = this.held[stream] + chunk;
    this.held[stream] = '';
    if (!this.awaiting[stream]) {
      this.deliver(stream, text, false);
      return;
    }
    const at = text.indexOf(this.marker);
    if (at === -1) {
      const keep = markerPrefixAtEnd(text, this.marker);
      this.held[stream] = text.slice(text.length - keep);
      this.deliver(stream, text.slice(0, text.length - keep), true);
      return;
    }
    this.deliver(stream, text.slice(0, at), true);
    this.streamDone(stream);
    this.deliver(stream, text.slice(at + this.marker.length), false);
  }

  private onStreamEnd(stream: StreamName): void {
    const rest = this.held[stream];
    this.held[stream] = '';
    if (rest) this.deliver(stream, rest, this.awaiting[stream]);
    this.streamDone(stream);
    this.ended();
  }

  /** The run's output on `stream` is complete; with both complete, an answered run settles. */
  private streamDone(stream: StreamName): void {
    // Text held back as a possible start of the marker was the run's after all.
    const held = this.held[stream];
    this.held[stream] = '';
    if (held && this.awaiting[stream]) this.deliver(stream, held, true);
    this.awaiting[stream] = false;
    if (this.draining && !this.awaiting.stdout && !this.awaiting.stderr) this.draining.settle();
  }

  /** Passes output on: to the current run's logs and listener (capped), or as output of no run. */
  private deliver(stream: StreamName, chunk: string, ofRun: boolean): void {
    let shown = chunk;
    if (!shown) return;
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
    if (!ofRun) {
      this.opts.onLateOutput?.(shown, stream);
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
    this.opts.onOutput?.(shown, stream);
  }

  private finish(outcome: InvokeOutcome, style?: HandlerStyle, ignoredReturn?: boolean): void {
    const p = this.pending;
    if (!p) return;
    this.pending = undefined;
    clearTimeout(p.timer);
    let settled = false;
    const settle = (note?: string): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      this.draining = undefined;
      if (note) this.logs += note;
      // Whatever arrives from now on belongs to no run.
      for (const stream of STREAMS) this.awaiting[stream] = false;
      // A fresh process has done its one run: end it and what it started.
      if (this.opts.oneRun) this.dispose();
      p.resolve({ outcome, logs: this.logs, ...(style ? { style } : {}), ...(ignoredReturn ? { ignoredReturn } : {}) });
    };
    const timer = setTimeout(() => settle(`\n[output may be incomplete: none arrived for ${OUTPUT_DRAIN_IDLE_MS / 1000} s after the answer, and the end of the run's output was not seen]\n`), OUTPUT_DRAIN_IDLE_MS);
    this.draining = { settle, timer };
    // Closed (exit or crash: both streams ended), or both markers already read.
    if (this.closed || (!this.awaiting.stdout && !this.awaiting.stderr)) settle();
  }
}
