// Runs a handler file on this machine in a runner process: fresh per run, or warm (one per handler).
import * as path from 'node:path';
import type { InvokeOutcome } from '../protocol/invokeResult';
import { contextFields, invokeEnvironment, localFunctionName } from './env';
import { isStale, isTypeScript, javascriptGraph, mtimesOf, prepareModule, type PreparedModule } from './prepare';
import { RunnerProcess, type RunOutcome } from './process';

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
  /** Live console output. */
  onOutput?(text: string, stream: 'stdout' | 'stderr'): void;
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
}

interface Warm {
  proc: RunnerProcess;
  module: PreparedModule;
  envKey: string;
  output?: LocalRunRequest['onOutput'];
}

/** Region of the event (Cognito sends it), for the ARN and AWS_REGION. */
function regionOf(event: unknown): string {
  const r = (event as { region?: unknown } | null)?.region;
  return typeof r === 'string' && /^[a-z]{2}(-[a-z]+)+-\d$/.test(r) ? r : 'us-east-1';
}

/** Runs handlers locally; keeps warm workers keyed by handler file. Dispose it to end them. */
export class LocalInvoker {
  private readonly warm = new Map<string, Warm>();
  private readonly graphs = new Map<string, Promise<void>>();

  /** `runnerPath` is dist/runner.js of the installed extension or package. */
  constructor(private readonly runnerPath: string) {}

  /** Runs the handler once. Never rejects for handler problems: they are outcomes. */
  async run(req: LocalRunRequest): Promise<LocalRunResult> {
    const started = performance.now();
    const file = path.resolve(req.folder, req.file);
    const functionName = localFunctionName(file);
    const region = regionOf(req.event);
    const prepared = await this.prepare(file, req.warm);
    const base = { functionName, reused: false };
    if ('kind' in prepared) return { ...base, outcome: prepared, logs: '', durationMs: performance.now() - started };
    const { env, warning } = invokeEnvironment({
      folder: req.folder,
      envFile: req.envFile,
      env: req.env,
      functionName,
      region,
      memoryLimitMb: req.memoryLimitMb,
      handler: `${path.relative(req.folder, file).replace(/\.[^.]+$/, '')}.${req.handlerName}`,
    });
    const envKey = JSON.stringify([env, req.memoryLimitMb]);
    const ctx = contextFields(functionName, region, req.memoryLimitMb);
    const runReq = { modulePath: prepared.modulePath, esm: prepared.esm, handlerName: req.handlerName, event: req.event, context: ctx };
    const extra = warning ? { envWarning: warning } : {};

    if (!req.warm) {
      const proc = this.spawn(req, env);
      const r = await proc.run(runReq, req.timeoutMs);
      proc.dispose();
      return { ...base, ...extra, ...r, durationMs: performance.now() - started };
    }
    let w = this.warm.get(file);
    const reused = !!w && w.proc.usable && w.envKey === envKey && w.module.modulePath === prepared.modulePath && !isStale(w.module);
    if (!reused) {
      w?.proc.dispose();
      w = { proc: this.spawn(req, env, () => w?.output), module: prepared, envKey };
      this.warm.set(file, w);
      this.graphs.set(file, this.fillGraph(file, w));
    }
    const worker = w as Warm;
    worker.output = req.onOutput;
    const r = await worker.proc.run(runReq, req.timeoutMs);
    if (!worker.proc.usable) {
      worker.proc.dispose();
      if (this.warm.get(file) === worker) this.warm.delete(file);
    }
    return { ...base, ...extra, ...r, reused, durationMs: performance.now() - started };
  }

  /** Ends every warm worker. */
  dispose(): void {
    for (const w of this.warm.values()) w.proc.dispose();
    this.warm.clear();
  }

  /** Ends the warm worker of one handler (e.g. when its file is deleted). */
  forget(file: string): void {
    this.warm.get(file)?.proc.dispose();
    this.warm.delete(file);
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
    return prepareModule(file);
  }

  private spawn(req: LocalRunRequest, env: NodeJS.ProcessEnv, output?: () => LocalRunRequest['onOutput']): RunnerProcess {
    return new RunnerProcess({
      runnerPath: this.runnerPath,
      cwd: req.folder,
      env,
      memoryLimitMb: req.memoryLimitMb,
      // A warm worker outlives one request: route output to the current run's listener.
      onOutput: (text, stream) => (output ? output() : req.onOutput)?.(text, stream),
    });
  }

  /**
   * Learns the local files a JavaScript handler imports, while the worker starts: an edit to any of
   * them reloads the worker. TypeScript builds already know theirs.
   */
  private async fillGraph(file: string, w: Warm): Promise<void> {
    if (isTypeScript(file)) return;
    const before = w.module.mtimes[0];
    const graph = await javascriptGraph(file);
    if (!graph.includes(file)) graph.unshift(file);
    const mtimes = mtimesOf(graph);
    // Keep the mtime of the handler as loaded so that an edit made meanwhile is still seen.
    mtimes[graph.indexOf(file)] = before ?? 0;
    w.module = { ...w.module, graph, mtimes };
  }
}
