// Runs a handler file on this machine in a runner process: fresh per run, or warm (one per handler).
import * as path from 'node:path';
import type { InvokeOutcome } from '../protocol/invokeResult';
import { contextFields, invokeEnvironment, localFunctionName } from './env';
import { isStale, isTypeScript, javascriptGraph, mtimesOf, prepareModule, type PreparedModule } from './prepare';
import { RunnerProcess, type RunOutcome } from './process';
import type { WireError } from './wire';
import { executableFor, pythonVersion, resolvePythonInterpreter, runtimeMismatch, type PythonInterpreter } from './python/interpreter';
import { isPython, preparePython } from './python/prepare';
import { WarmPool, type PooledWorker } from './warmPool';

/** One local run. */
export interface LocalRunRequest {
  /** Handler file (absolute or relative to `folder`). */
  file: string;
  handlerName: string;
  event: unknown;
  /** Workspace folder or project directory: cwd of the handler and base of `envFile`. */
  folder: string;
  timeoutMs: number;
  memoryLimitMb: number;
  warm: boolean;
  envFile: string;
  env: Record<string, string>;
  /** A warm worker idle this long is ended (ms); 0 = never. */
  warmIdleMs?: number;
  /** At most this many warm workers live at once in the invoker's pool (the whole server); the least recently used idle one is ended first. */
  maxWarmWorkers?: number;
  /** Python handlers: `cognitoTriggers.python.interpreter` ('' = the workspace's .venv/venv, else python3). */
  pythonInterpreter?: string;
  /** The Lambda runtime the infrastructure code declares (`python3.12`): compared with the local one. */
  runtime?: string;
  /** A single run in a short-lived host (the CLI): nothing is learnt for later runs. */
  oneShot?: boolean;
  /** Live console output. */
  onOutput?(text: string, stream: 'stdout' | 'stderr'): void;
  /** Cancel: ends the run and its whole process tree (the worker, if warm, is not reused). */
  signal?: AbortSignal;
}

/** What the invoker reports outside any run. */
export interface LocalInvokerEvents {
  /** Output of a warm worker while no run of it is pending: it belongs to no run. */
  onLateOutput?(file: string, text: string, stream: 'stdout' | 'stderr'): void;
  /** A warm worker's handler threw after answering (a timer, a callback); the worker was ended. */
  onLateError?(file: string, error: WireError): void;
}

/** A run's outcome with its timing. */
export interface LocalRunResult extends RunOutcome {
  durationMs: number;
  /** The function name the context carried. */
  functionName: string;
  /** A warning about the environment (unreadable .env file). */
  envWarning?: string;
  /** True when a warm worker answered without starting a process. */
  reused: boolean;
  /** An error the previous run of this handler threw after it had answered (reported once). */
  lateError?: WireError;
  /** The declared runtime differs from the interpreter that ran the handler. */
  runtimeWarning?: string;
  /** The declared Node.js runtime's major differs from the Node.js that ran the handler. */
  nodeRuntimeWarning?: string;
}

/**
 * The warning when the IaC's Node.js runtime (`nodejs20.x`) names another major than the local Node.js
 * (`22.12.0`); undefined when they agree or the runtime is not a Node.js one.
 * Runtime ids and their Node.js majors: https://docs.aws.amazon.com/lambda/latest/dg/lambda-nodejs.html
 */
export function nodeRuntimeMismatch(runtime: string, localVersion: string): string | undefined {
  const wanted = /^nodejs(\d+)\.x$/.exec(runtime.trim())?.[1];
  const have = /^v?(\d+)\./.exec(localVersion)?.[1];
  if (!wanted || !have || wanted === have) return undefined;
  return `The function is deployed on ${runtime} (Node.js ${wanted}) but ran here on Node.js ${localVersion.replace(/^v/, '')}, the Node.js that runs this tool: language features, built-in modules and globals can differ between majors. Run it under Node.js ${wanted} to run what Lambda runs.`;
}

interface Warm {
  proc: RunnerProcess;
  module: PreparedModule;
  envKey: string;
  output?: LocalRunRequest['onOutput'];
  lastUsed: number;
  idleTimer?: NodeJS.Timeout;
  /** This worker in the pool's accounting. */
  pooled: PooledWorker;
}

/** setTimeout fires at once past 2^31-1 ms. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Region of the event (Cognito sends it), for the ARN and AWS_REGION. */
function regionOf(event: unknown): string {
  const r = (event as { region?: unknown } | null)?.region;
  return typeof r === 'string' && /^[a-z]{2}(-[a-z]+)+-\d$/.test(r) ? r : 'us-east-1';
}

/** Runs handlers locally; keeps warm workers keyed by handler file. Dispose it to end them. */
export class LocalInvoker {
  private readonly warm = new Map<string, Warm>();
  private readonly graphs = new Map<string, Promise<void>>();
  private readonly lateErrors = new Map<string, WireError>();
  /** Fresh (one-run) processes not yet closed: killed too when the invoker is disposed at exit. */
  private readonly fresh = new Set<RunnerProcess>();

  /**
   * `runnerPath` is dist/runner.js of the installed extension or package. `pool`: the warm-worker
   * accounting shared by every invoker of the process (the language server passes one); by default
   * the invoker has its own.
   */
  constructor(
    private readonly runnerPath: string,
    private readonly events: LocalInvokerEvents = {},
    private readonly pool: WarmPool = new WarmPool(),
  ) {}

  /** Runs the handler once. Never rejects for handler problems: they are outcomes. */
  async run(req: LocalRunRequest): Promise<LocalRunResult> {
    const started = performance.now();
    const file = path.resolve(req.folder, req.file);
    const functionName = localFunctionName(file);
    const region = regionOf(req.event);
    const base = { functionName, reused: false };
    const python = isPython(file) ? resolvePythonInterpreter(file, req.folder, req.pythonInterpreter ?? '') : undefined;
    if (python && 'error' in python) return { ...base, outcome: { kind: 'failedToStart', message: python.error }, logs: '', durationMs: performance.now() - started };
    const prepared = await this.prepare(file, req.warm);
    if ('kind' in prepared) return { ...base, outcome: prepared, logs: '', durationMs: performance.now() - started };
    const { env, warning } = invokeEnvironment({
      folder: req.folder,
      envFile: req.envFile,
      env: req.env,
      functionName,
      region,
      memoryLimitMb: req.memoryLimitMb,
      handler: `${path.relative(python ? path.dirname(file) : req.folder, file).replace(/\.[^.]+$/, '')}.${req.handlerName}`,
      ...(req.runtime ? { runtime: req.runtime } : {}),
    });
    // Without a declared runtime the Python runner names its own version (AWS_Lambda_python3.x).
    if (python && !req.runtime) delete env.AWS_EXECUTION_ENV;
    const envKey = JSON.stringify([env, req.memoryLimitMb, python?.path]);
    const ctx = contextFields(functionName, region, req.memoryLimitMb);
    const runReq = { modulePath: prepared.modulePath, esm: prepared.esm, handlerName: req.handlerName, event: req.event, context: ctx };
    const late = this.lateErrors.get(file);
    this.lateErrors.delete(file);
    const runtimeWarning = python && req.runtime ? await this.runtimeWarning(req.runtime, python) : undefined;
    // JavaScript runs on the Node.js of this process (process.execPath, see process.ts).
    const nodeRuntimeWarning = !python && req.runtime ? nodeRuntimeMismatch(req.runtime, process.versions.node) : undefined;
    const extra = { ...(warning ? { envWarning: warning } : {}), ...(late ? { lateError: late } : {}), ...(runtimeWarning ? { runtimeWarning } : {}), ...(nodeRuntimeWarning ? { nodeRuntimeWarning } : {}) };

    if (!req.warm) {
      const proc = this.spawn(req, env, file, python, undefined, true);
      this.fresh.add(proc);
      void proc.whenClosed().then(() => this.fresh.delete(proc));
      const r = await proc.run(runReq, req.timeoutMs, req.signal);
      proc.dispose();
      return { ...base, ...extra, ...r, durationMs: performance.now() - started };
    }
    let w = this.warm.get(file);
    const reused = !!w && w.proc.usable && w.envKey === envKey && w.module.modulePath === prepared.modulePath && !isStale(w.module);
    if (!reused) {
      if (w) this.end(file, w);
      w = this.newWarm(this.spawn(req, env, file, python, () => w?.output), prepared, envKey, file);
      this.warm.set(file, w);
      this.pool.add(w.pooled);
      this.graphs.set(file, this.fillGraph(file, w));
      this.pool.cap(req.maxWarmWorkers, w.pooled);
    }
    const worker = w as Warm;
    worker.output = req.onOutput;
    clearTimeout(worker.idleTimer);
    const r = await worker.proc.run(runReq, req.timeoutMs, req.signal);
    worker.lastUsed = Date.now();
    if (!worker.proc.usable) {
      if (this.warm.get(file) === worker) this.end(file, worker);
      else worker.proc.dispose();
    } else if (req.warmIdleMs && req.warmIdleMs > 0) {
      // Reap an idle worker: 15 warm handlers otherwise hold 700 MB for the editor's whole session.
      worker.idleTimer = setTimeout(() => {
        if (this.warm.get(file) === worker && !worker.proc.busy) this.end(file, worker);
      }, Math.min(req.warmIdleMs, MAX_TIMER_MS));
      worker.idleTimer.unref();
    }
    return { ...base, ...extra, ...r, reused, durationMs: performance.now() - started };
  }

  /** Ends every warm worker and what it started. `now`: at process exit, kill at once. */
  dispose(now = false): void {
    for (const [file, w] of [...this.warm]) this.end(file, w, now);
    for (const p of this.fresh) {
      if (now) p.killNow();
      else p.dispose();
    }
  }


  /** Ends the warm worker of one handler (e.g. when its file is deleted). */
  forget(file: string): void {
    const w = this.warm.get(file);
    if (w) this.end(file, w);
  }

  private end(file: string, w: Warm, now = false): void {
    clearTimeout(w.idleTimer);
    if (now) w.proc.killNow();
    else w.proc.dispose();
    this.pool.delete(w.pooled);
    if (this.warm.get(file) === w) this.warm.delete(file);
  }

  /** A warm worker record, with its view for the shared pool. */
  private newWarm(proc: RunnerProcess, module: PreparedModule, envKey: string, file: string): Warm {
    const w: Warm = {
      proc,
      module,
      envKey,
      lastUsed: Date.now(),
      pooled: {
        get lastUsed() {
          return w.lastUsed;
        },
        get busy() {
          return w.proc.busy;
        },
        end: () => this.end(file, w),
      },
    };
    return w;
  }

  /** Resolves when the warm worker of `file` knows the handler's local imports (tests wait on it). */
  graphKnown(file: string): Promise<void> {
    return this.graphs.get(path.resolve(file)) ?? Promise.resolve();
  }

  /** Number of live warm workers (for tests and the status bar). */
  get warmCount(): number {
    return this.warm.size;
  }

  private async prepare(file: string, warm: boolean): Promise<PreparedModule | Extract<InvokeOutcome, { kind: 'failedToStart' }>> {
    const w = this.warm.get(file);
    // A current warm worker needs no new build: skip even the TypeScript cache lookup.
    if (warm && w && w.proc.usable && !isStale(w.module)) return w.module;
    return isPython(file) ? preparePython(file) : prepareModule(file);
  }

  /** The mismatch warning for a declared runtime; the interpreter's version is asked once. */
  private async runtimeWarning(runtime: string, python: PythonInterpreter): Promise<string | undefined> {
    const version = await pythonVersion(python.path);
    return version ? runtimeMismatch(runtime, version, python.path) : undefined;
  }

  private spawn(req: LocalRunRequest, env: NodeJS.ProcessEnv, file: string, python: PythonInterpreter | undefined, output?: () => LocalRunRequest['onOutput'], oneRun = false): RunnerProcess {
    return new RunnerProcess({
      oneRun,
      runnerPath: this.runnerPath,
      // -u: print() reaches the output live; -B: no __pycache__ written into the user's folders.
      ...(python ? { command: { file: executableFor(python.path, req.folder, !req.oneShot), args: ['-u', '-B', path.join(path.dirname(this.runnerPath), 'runner.py')] } } : {}),
      cwd: req.folder,
      env,
      memoryLimitMb: req.memoryLimitMb,
      // A warm worker outlives one request: route output to the current run's listener.
      onOutput: (text, stream) => (output ? output() : req.onOutput)?.(text, stream),
      onLateOutput: (text, stream) => this.events.onLateOutput?.(file, text, stream),
      onLateError: (error) => {
        this.lateErrors.set(file, error);
        this.events.onLateError?.(file, error);
        const w = this.warm.get(file);
        if (w && !w.proc.usable) this.end(file, w);
      },
    });
  }

  /**
   * Learns the local files a JavaScript handler imports, while the worker starts: an edit to any of
   * them reloads the worker. TypeScript builds already know theirs.
   */
  private async fillGraph(file: string, w: Warm): Promise<void> {
    if (isTypeScript(file) || isPython(file)) return;
    const before = w.module.mtimes[0];
    const graph = await javascriptGraph(file);
    if (!graph.includes(file)) graph.unshift(file);
    const mtimes = mtimesOf(graph);
    // Keep the mtime of the handler as loaded so that an edit made meanwhile is still seen.
    mtimes[graph.indexOf(file)] = before ?? 0;
    w.module = { ...w.module, graph, mtimes };
  }
}
