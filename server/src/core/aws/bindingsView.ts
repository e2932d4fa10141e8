// Pools with every trigger slot, the bound function and the workspace handler that builds it.
import { URI, Utils } from 'vscode-uri';
import type { BindingEntry } from '../bindings/file';
import type { SlotView } from '../protocol/aws';
import type { AwsClients } from './clients';
import { explainAwsError, type ExplainedError } from './errors';
import { SYNC_EVENT } from './identityPoolBinding';
import { directReads, type PoolReads } from './poolCatalog';
import { readSlots, userPoolSlots } from './slots';
import { linkEvidence, wiredHandlerForFunction } from '../wiring/deployed';
import type { WiringResult } from '../wiring/types';

/** A bindings file entry with the folder it came from. */
export interface WorkspaceBinding extends BindingEntry {
  /** Workspace folder URI ('file:///…', no trailing slash). */
  folder: string;
}

/** A workspace folder's IaC wiring, which names the deployed functions its handlers become. */
export interface WorkspaceWiring {
  /** Workspace folder URI ('file:///…', no trailing slash). */
  folder: string;
  wiring: WiringResult;
}

/** One slot as the view shows it: the protocol's shape, so the view gets exactly what is built here. */
export type SlotRow = SlotView;

/** The workspace handler whose functionName names this function (name, ARN, or ARN with qualifier). */
export function matchHandler(functionArn: string, entries: readonly WorkspaceBinding[]): WorkspaceBinding | undefined {
  const name = functionArn.startsWith('arn:') ? (functionArn.split(':')[6] ?? functionArn) : functionArn;
  const unqualified = functionArn.split(':').slice(0, 7).join(':');
  return entries.find((e) => e.functionName === functionArn || e.functionName === name || e.functionName === unqualified);
}

/**
 * The handler file's URI. Joined as a path, not as text: a file name with a space, `#` or `%` would
 * otherwise make a URI that opens (or invokes) another file, or none.
 */
export function handlerUri(entry: WorkspaceBinding): string {
  return Utils.joinPath(URI.parse(entry.folder), entry.file).toString();
}

/**
 * The local handler of a bound function: the bindings file's entry when one names it (an explicit
 * override), else the handler whose IaC gives the function that deployed name (Serverless
 * `<service>-<stage>-<key>` or `name:`, `FunctionName`, `function_name`, `functionName`).
 */
export function localHandler(functionArn: string, slotKey: string | undefined, entries: readonly WorkspaceBinding[], wirings: readonly WorkspaceWiring[]): SlotView['handler'] {
  const entry = matchHandler(functionArn, entries);
  if (entry) return { file: entry.file, handlerName: entry.handler, uri: handlerUri(entry), from: 'bindingsFile', why: `cognito-triggers.json maps ${entry.functionName} to ${entry.file}#${entry.handler}` };
  for (const w of wirings) {
    const h = wiredHandlerForFunction(w.wiring, functionArn, slotKey);
    if (h?.file) return { file: h.file, handlerName: h.export, uri: Utils.joinPath(URI.parse(w.folder), h.file).toString(), from: 'iac', why: linkEvidence(h) };
  }
  return undefined;
}

/** Every user pool slot of a LambdaConfig, bound or not, with the handler that builds each function. */
export function slotRows(lambdaConfig: Record<string, unknown> | undefined, entries: readonly WorkspaceBinding[], wirings: readonly WorkspaceWiring[] = []): SlotRow[] {
  const bound = readSlots(lambdaConfig);
  return userPoolSlots().map((slot) => {
    const b = bound.find((x) => x.slot === slot.key);
    const handler = b ? localHandler(b.functionArn, slot.key, entries, wirings) : undefined;
    return {
      slot: slot.key,
      displayName: slot.displayName,
      ...(b ? { functionArn: b.functionArn, ...(b.lambdaVersion ? { lambdaVersion: b.lambdaVersion } : {}), ...(b.triggerId ? { triggerId: b.triggerId } : {}) } : {}),
      ...(handler ? { handler } : {}),
    };
  });
}

/** Pools and their slots; a pool that cannot be read carries its error instead of failing the view. */
export interface BindingsSnapshot {
  /** `kmsKeyId`: LambdaConfig.KMSKeyID, which a custom sender slot needs. */
  /** `described: false`: listed only (`slots` empty); its slots are read when it is shown. */
  userPools: { id: string; name: string; arn?: string; kmsKeyId?: string; slots: SlotRow[]; error?: ExplainedError; described?: false }[];
  identityPools: { id: string; name: string; slots: SlotRow[]; error?: ExplainedError; described?: false }[];
  /** Listing identity pools failed (often: no Cognito Sync/Identity use or permission); user pools still shown. */
  identityPoolsError?: ExplainedError;
}

/** How to read: through a cache (the language server's PoolCatalog), and whether to list only. */
export interface CollectOptions {
  reads?: PoolReads;
  /** List the pools (every page) without describing any: the view describes a pool when it is expanded. */
  listOnly?: boolean;
}

/** Reads the pools (all, or the given ids) and builds the view's rows. Describes 4 pools at a time. */
export async function collectBindings(
  clients: AwsClients,
  entries: readonly WorkspaceBinding[],
  only: { userPoolIds?: string[]; identityPoolIds?: string[] } = {},
  signal?: AbortSignal,
  wirings: readonly WorkspaceWiring[] = [],
  opts: CollectOptions = {},
): Promise<BindingsSnapshot> {
  const reads = opts.reads ?? directReads(clients);
  const userPools = only.userPoolIds ? only.userPoolIds.map((id) => ({ id, name: id })) : await reads.listUserPools(signal);
  let identityPoolsError: ExplainedError | undefined;
  const identityPools = only.identityPoolIds
    ? only.identityPoolIds.map((id) => ({ id, name: id }))
    : await reads.listIdentityPools(signal).catch((e: unknown) => {
        identityPoolsError = explainAwsError(e, 'ListIdentityPools');
        return [];
      });
  if (opts.listOnly) {
    return {
      userPools: userPools.map((p) => ({ id: p.id, name: p.name, slots: [], described: false as const })),
      identityPools: identityPools.map((p) => ({ id: p.id, name: p.name, slots: [], described: false as const })),
      ...(identityPoolsError ? { identityPoolsError } : {}),
    };
  }
  const users = await mapLimit(userPools, 4, async (p) => {
    try {
      const d = await reads.describeUserPool(p.id, signal);
      const kmsKeyId = d.LambdaConfig?.KMSKeyID;
      return { id: p.id, name: d.Name ?? p.name, ...(d.Arn ? { arn: d.Arn } : {}), ...(kmsKeyId ? { kmsKeyId } : {}), slots: slotRows(d.LambdaConfig as Record<string, unknown> | undefined, entries, wirings) };
    } catch (e) {
      return { id: p.id, name: p.name, slots: [], error: explainAwsError(e, `${p.name || p.id}: reading the pool`) };
    }
  });
  const ids = await mapLimit(identityPools, 4, async (p) => {
    try {
      const fn = (await reads.cognitoEvents(p.id, signal))[SYNC_EVENT];
      const handler = fn ? localHandler(fn, undefined, entries, wirings) : undefined;
      const row: SlotRow = { slot: SYNC_EVENT, displayName: 'Sync trigger', ...(fn ? { functionArn: fn, triggerId: 'SyncTrigger' } : {}), ...(handler ? { handler } : {}) };
      return { id: p.id, name: p.name, slots: [row] };
    } catch (e) {
      return { id: p.id, name: p.name, slots: [], error: explainAwsError(e, `${p.name || p.id}: reading the Sync trigger`) };
    }
  });
  return { userPools: users, identityPools: ids, ...(identityPoolsError ? { identityPoolsError } : {}) };
}

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
