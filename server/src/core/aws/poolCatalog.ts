// Pools read once and kept: the pool lists (every ListUserPools / ListIdentityPools page) and each pool's
// description, read only when a pool is shown (the view's expand, a printed CLI row), until a refresh or
// a change through bind drops them. Hundreds of pools then cost a few list calls, not a describe each.
import type { UserPoolType } from '@aws-sdk/client-cognito-identity-provider';
import type { AwsClients } from './clients';
import { getCognitoEvents } from './identityPoolBinding';
import { listIdentityPools, listUserPools, type PoolSummary } from './listing';
import { describeUserPool } from './userPoolBinding';

/** What a catalog reads from AWS; one per AWS target (profile, Region, endpoints). */
export interface PoolReads {
  listUserPools(signal?: AbortSignal): Promise<PoolSummary[]>;
  listIdentityPools(signal?: AbortSignal): Promise<PoolSummary[]>;
  describeUserPool(poolId: string, signal?: AbortSignal): Promise<UserPoolType>;
  cognitoEvents(poolId: string, signal?: AbortSignal): Promise<Record<string, string>>;
}

/** Direct reads, nothing kept (the CLI's one-shot runs). */
export function directReads(clients: AwsClients): PoolReads {
  return {
    listUserPools: (signal) => listUserPools(clients, signal),
    listIdentityPools: (signal) => listIdentityPools(clients, signal),
    describeUserPool: (id, signal) => describeUserPool(clients, id, signal),
    cognitoEvents: (id, signal) => getCognitoEvents(clients, id, signal),
  };
}

/** The cache of one AWS target. A failed read is not kept: the next read tries again. */
class TargetCache {
  userPools?: Promise<PoolSummary[]>;
  identityPools?: Promise<PoolSummary[]>;
  readonly described = new Map<string, Promise<UserPoolType>>();
  readonly events = new Map<string, Promise<Record<string, string>>>();
}

/** Keeps what was read, per AWS target. */
export class PoolCatalog {
  private readonly targets = new Map<string, TargetCache>();

  /** The reads for `target` (any string that names profile, Region and endpoints), through the cache. */
  reads(target: string, clients: AwsClients): PoolReads {
    let c = this.targets.get(target);
    if (!c) this.targets.set(target, (c = new TargetCache()));
    const cache = c;
    const direct = directReads(clients);
    const kept = <T>(get: () => Promise<T> | undefined, set: (p: Promise<T> | undefined) => void, read: () => Promise<T>): Promise<T> => {
      const hit = get();
      if (hit) return hit;
      const p = read();
      set(p);
      p.catch(() => (get() === p ? set(undefined) : undefined));
      return p;
    };
    const inMap = <T>(m: Map<string, Promise<T>>, id: string, read: () => Promise<T>) =>
      kept(() => m.get(id), (p) => (p ? m.set(id, p) : m.delete(id)), read);
    return {
      // A cancelled read is not kept either (its promise rejects).
      listUserPools: (signal) => kept(() => cache.userPools, (p) => (cache.userPools = p), () => direct.listUserPools(signal)),
      listIdentityPools: (signal) => kept(() => cache.identityPools, (p) => (cache.identityPools = p), () => direct.listIdentityPools(signal)),
      describeUserPool: (id, signal) => inMap(cache.described, id, () => direct.describeUserPool(id, signal)),
      cognitoEvents: (id, signal) => inMap(cache.events, id, () => direct.cognitoEvents(id, signal)),
    };
  }

  /** Drops everything of `target` (Refresh), or of every target. */
  clear(target?: string): void {
    if (target === undefined) this.targets.clear();
    else this.targets.delete(target);
  }

  /** Drops one pool (it was just changed through bind): its next read describes it again, in every target. */
  forget(poolId: string): void {
    for (const c of this.targets.values()) {
      c.described.delete(poolId);
      c.events.delete(poolId);
    }
  }
}
