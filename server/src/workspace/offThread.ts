// Analysis of expensive handler documents on one worker thread (dist/analysisWorker.js), for the
// handler-code provider: the server's event loop stays free for every other document's requests (which
// documents go there: HandlerCodeOptions.offThread). Per document at most one analysis waits: a newer
// version replaces it (the stale one is never run), so a burst of keystrokes in a large file costs one
// analysis in progress plus one for the newest text.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { analyzeDocumentAsync, type AnalyzeInput } from '../core/handler/analyze';
import type { DocumentAnalysis } from '../core/handler/description';
import { fromPlain, type PlainAnalysis } from '../core/handler/transfer';

/** Documents of this many characters and more are analysed on the worker, whatever their content. */
export const OFF_THREAD_MIN_CHARS = 32 * 1024;
/**
 * Smaller documents go to the worker too when their analysis is estimated (before the first) or measured
 * (on the event loop) to take longer than this: a 20 KB member chain took 70-170 ms on the event loop,
 * and every other document's requests waited behind it.
 */
export const OFF_THREAD_BUDGET_MS = 8;

interface Job {
  readonly key: string;
  readonly input: AnalyzeInput;
  /** Undefined: superseded by a newer version of the same document before it started. */
  readonly resolve: (a: DocumentAnalysis | undefined) => void;
  readonly reject: (e: Error) => void;
}

/** One worker thread and its queue. Falls back to the event loop when the worker cannot run. */
export class OffThreadAnalyzer {
  private worker: Worker | undefined;
  private broken = false;
  private running: (Job & { id: number }) | undefined;
  private readonly queue: Job[] = [];
  private nextId = 1;

  constructor(
    private readonly script: string,
    private readonly log: (message: string) => void,
    readonly minChars = OFF_THREAD_MIN_CHARS,
    readonly budgetMs = OFF_THREAD_BUDGET_MS,
  ) {}

  /** The analysis of `input` for document `key`, or undefined when a newer version of `key` replaced it before it ran. */
  analyze(key: string, input: AnalyzeInput): Promise<DocumentAnalysis | undefined> {
    if (this.broken) return analyzeDocumentAsync(input);
    const waiting = this.queue.findIndex((j) => j.key === key);
    if (waiting >= 0) this.queue.splice(waiting, 1)[0]?.resolve(undefined);
    return new Promise((resolve, reject) => {
      this.queue.push({ key, input, resolve, reject });
      this.pump();
    });
  }

  /** Ends the worker (server shutdown); waiting analyses run on the event loop. */
  dispose(): void {
    this.broken = true;
    void this.worker?.terminate();
    this.worker = undefined;
    this.drainInThread();
  }

  private pump(): void {
    if (this.running || !this.queue.length) return;
    const worker = this.ensureWorker();
    if (!worker) return this.drainInThread();
    const job = this.queue.shift() as Job;
    this.running = { ...job, id: this.nextId++ };
    worker.postMessage({ id: this.running.id, input: job.input });
  }

  private ensureWorker(): Worker | undefined {
    if (this.worker || this.broken) return this.worker;
    if (!fs.existsSync(this.script)) return this.fail(`analysis worker ${path.basename(this.script)} not found`);
    try {
      const w = new Worker(this.script);
      // The worker must not keep the server alive after the client has gone.
      w.unref();
      w.on('message', (m: { id: number; analysis?: PlainAnalysis; error?: string }) => this.done(m));
      w.on('error', (e) => this.fail(`analysis worker failed: ${e.stack ?? e.message}`));
      w.on('exit', (code) => {
        if (this.worker === w && !this.broken) this.fail(`analysis worker exited (${code})`);
      });
      this.worker = w;
      return w;
    } catch (e) {
      return this.fail(`analysis worker did not start: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  private done(m: { id: number; analysis?: PlainAnalysis; error?: string }): void {
    const job = this.running;
    if (!job || job.id !== m.id) return;
    this.running = undefined;
    if (m.analysis) job.resolve(fromPlain(m.analysis));
    else job.reject(new Error(m.error ?? 'analysis worker answered nothing'));
    this.pump();
  }

  /** The worker is unusable: say so once, then analyse everything (the running job first) on the event loop. */
  private fail(message: string): undefined {
    if (!this.broken) this.log(message);
    this.broken = true;
    const w = this.worker;
    this.worker = undefined;
    void w?.terminate();
    if (this.running) {
      this.queue.unshift(this.running);
      this.running = undefined;
    }
    this.drainInThread();
    return undefined;
  }

  private drainInThread(): void {
    for (const job of this.queue.splice(0)) analyzeDocumentAsync(job.input).then(job.resolve, job.reject);
  }
}
