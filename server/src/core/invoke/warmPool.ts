// The warm workers of one host process, across every LocalInvoker in it: one cap for the whole server.
// Invoke, Run Flow and each folder's Local Lambda Endpoint have an invoker each; with a cap per
// invoker the server could hold several times invoke.maxWarmWorkers processes (about 50 MB each).

/** A warm worker as the pool sees it. */
export interface PooledWorker {
  /** When its last run ended (Date.now()). */
  readonly lastUsed: number;
  /** A run is pending or its output is still arriving: never ended by the cap. */
  readonly busy: boolean;
  /** Ends the worker and what its handler started; its invoker removes it from the pool. */
  end(): void;
}

/** One accounting of live warm workers, shared by the invokers of a process. */
export class WarmPool {
  private readonly members = new Set<PooledWorker>();

  add(worker: PooledWorker): void {
    this.members.add(worker);
  }

  delete(worker: PooledWorker): void {
    this.members.delete(worker);
  }

  /** Live warm workers of every invoker using this pool. */
  get size(): number {
    return this.members.size;
  }

  /** Keeps at most `max` workers: ends idle ones, the least recently used first, never `keep`. */
  cap(max: number | undefined, keep: PooledWorker): void {
    if (!max || max < 1 || this.members.size <= max) return;
    const idle = [...this.members].filter((w) => w !== keep && !w.busy).sort((a, b) => a.lastUsed - b.lastUsed);
    for (const w of idle) {
      if (this.members.size <= max) break;
      w.end();
      // An invoker removes its worker in end(); make sure a misbehaving member cannot loop the cap.
      this.members.delete(w);
    }
  }
}
