// Language server adapters for the AWS requests: settings → clients → core/aws, errors explained,
// LSP cancellation → AbortSignal, and every call refused while the workspace is untrusted.
import * as path from 'node:path';
import type { CancellationToken } from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';
import type { PlannedBind } from '../core/aws/bindService';
import type { PlannedAwsFix } from '../core/aws/doctor/awsFix';
import type { WorkspaceBinding } from '../core/aws/bindingsView';
import type { AwsClients } from '../core/aws/clients';
import { explainAwsError } from '../core/aws/errors';
import { poolLabel } from '../core/aws/messages';
import { userPoolSlots } from '../core/aws/slots';
import { parseBindingsFile } from '../core/bindings/file';
import { readBindingsText } from '../core/bindings/read';
import { sampleEvent } from '../core/events';
import { getTrigger } from '../core/model';
import {
  AwsApplyBindRequest,
  AwsApplyDoctorFixRequest,
  AwsBindingsRequest,
  AwsDoctorRequest,
  AwsListFunctionsRequest,
  AwsDescribeUserPoolRequest,
  AwsDescribeUserPoolClientRequest,
  AwsListPoolsRequest,
  AwsListSlotsRequest,
  AwsPlanBindRequest,
  AwsPlanDoctorFixRequest,
  AwsProfilesRequest,
  AwsRecoverBindRequest,
  AwsRemoteInvokeRequest,
  plainText,
  type AwsFixStep,
  type AwsResult,
  type RequestSpec,
} from '../core/protocol';
import type { Settings } from '../core/settings';
import type { WiringResult } from '../core/wiring';
import { folderWiring } from '../workspace/wiring';
import type { RequestDeps } from './index';

type Operations = typeof import('../core/aws/operations.js');
let operations: Promise<Operations> | undefined;
/**
 * The AWS operations, loaded on the first AWS request. esbuild builds them into their own bundle
 * (dist/awsOperations.js, beside dist/server.js): the SDK is a third of the server's code and no
 * editing feature needs it, so keeping it out of server.js keeps it out of the cold start.
 */
const aws = (): Promise<Operations> =>
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a runtime path to a sibling bundle, on purpose not bundled here
  (operations ??= Promise.resolve().then(() => require(path.join(__dirname, 'awsOperations.js')) as Operations));

/** Plans kept for apply, by id; the oldest are dropped past this many. */
const MAX_PLANS = 20;

/** Registers the AWS requests. */
/** The wiring of every workspace folder (IaC paths relative to their folder). */
async function workspaceWiring(deps: RequestDeps): Promise<WiringResult> {
  const roots = deps.folders.roots().map((u) => URI.parse(u)).filter((u) => u.scheme === 'file');
  const all = await Promise.all(roots.map((u) => folderWiring(u.fsPath)));
  return { handlers: all.flatMap((w) => w.handlers), unresolved: all.flatMap((w) => w.unresolved), files: all.flatMap((w) => w.files) };
}

export function registerAwsRequests(deps: RequestDeps): void {
  const plans = new Map<string, PlannedBind>();
  let nextPlan = 1;
  // Plans of changes that stopped half way, for Finish / Roll back.
  const recoveries = new Map<string, { planned: PlannedBind; opts: { removePermission: boolean } }>();
  // The pool each recovery is about, for its error messages (kept after the recovery is used).
  const recovering = new Map<string, string>();
  const keepForRecovery = (planned: PlannedBind, opts: { removePermission: boolean }, r: AwsApplyBindRequest.Result): AwsApplyBindRequest.Result => {
    if (!r.partial) return r;
    const recoveryId = `recovery-${nextPlan++}`;
    recoveries.set(recoveryId, { planned, opts });
    recovering.set(recoveryId, poolLabel(planned.request));
    for (const k of recovering.keys()) if (recovering.size > 2 * MAX_PLANS) recovering.delete(k);
    for (const k of recoveries.keys()) if (recoveries.size > MAX_PLANS) recoveries.delete(k);
    return { ...r, partial: { ...r.partial, recoveryId } };
  };
  const settings = (folder?: string): Promise<Settings> => deps.settings.get(folder ?? '');
  // Pools read for the view, kept per AWS target until a Refresh; a pool changed through bind is dropped.
  let catalog: InstanceType<Operations['PoolCatalog']> | undefined;
  const poolCatalog = async () => (catalog ??= new (await aws()).PoolCatalog());
  const targetOf = (s: Settings): string => JSON.stringify([s.aws.profile ?? '', s.aws.region ?? '', s.aws.endpoints ?? {}]);
  const forget = async (poolId: string) => (await poolCatalog()).forget(poolId);

  /** Registers a handler that gets clients and a signal, and answers AwsResult. */
  function handle<P, R>(spec: RequestSpec<P, AwsResult<R>>, operation: (p: P) => string, run: (p: P, clients: AwsClients, signal: AbortSignal, s: Settings) => Promise<R>, needsClients = true): void {
    deps.connection.onRequest(spec.method, async (params: P, token: CancellationToken): Promise<AwsResult<R>> => {
      if (!deps.isTrusted()) {
        return { ok: false, error: { code: 'Untrusted', message: `${operation(params)} refused: the workspace is not trusted.`, hint: 'Trust the workspace to use the AWS features.' } };
      }
      const controller = new AbortController();
      const sub = token.onCancellationRequested(() => controller.abort());
      let clients: AwsClients | undefined;
      try {
        const s = await settings((params as { folders?: string[] } | undefined)?.folders?.[0]);
        // Inside the try: a broken shared config file is explained like any other failure.
        if (needsClients) clients = await (await aws()).createAwsClients({ profile: s.aws.profile, region: s.aws.region, endpoints: s.aws.endpoints, timeoutMs: s.aws.timeoutMs });
        return { ok: true, value: await run(params, clients as AwsClients, controller.signal, s) };
      } catch (e) {
        // Notifications show no Markdown: a hint's `command` is written 'command' (the log line too).
        const explained = explainAwsError(e, operation(params));
        const error = { ...explained, message: plainText(explained.message), hint: plainText(explained.hint) };
        deps.connection.console.warn(`${error.message} (${error.code}) ${error.hint}`);
        return { ok: false, error };
      } finally {
        sub.dispose();
        clients?.destroy();
      }
    });
  }

  handle(AwsProfilesRequest.type, () => 'Listing AWS profiles', async () => {
    const { listProfiles, COMMON_REGIONS, regionName } = await aws();
    const regionNames = Object.fromEntries(COMMON_REGIONS.flatMap((r) => (regionName(r) ? [[r, regionName(r)]] : [])));
    return { profiles: (await listProfiles()).map((p) => ({ name: p.name, ...(p.region ? { region: p.region } : {}), sso: p.sso })), regions: [...COMMON_REGIONS], regionNames };
  }, false);
  handle(AwsListFunctionsRequest.type, () => 'ListFunctions', async (p, c, signal) => (await aws()).listFunctions(c, p.filter ?? '', signal));
  handle(AwsListPoolsRequest.type, (p) => (p.kind === 'userPool' ? 'ListUserPools' : 'ListIdentityPools'), async (p, c, signal) => {
    const { listUserPools, listIdentityPools } = await aws();
    return p.kind === 'userPool' ? listUserPools(c, signal) : listIdentityPools(c, signal);
  });
  // Run Flow's pool: LambdaConfig (slots, pre token version, KMS key) as DescribeUserPool answers it, and
  // its app clients (ClientId, PreventUserExistenceErrors, AuthSessionValidity); a single one is described at once.
  handle(AwsDescribeUserPoolRequest.type, (p) => `${p.poolId}: reading the pool and its app clients`, async (p, c, signal) => {
    const { describeUserPool, describeUserPoolClient, flowAppClient, listUserPoolClients } = await aws();
    // One after the other: a missing pool is then always DescribeUserPool's error.
    const UserPool = await describeUserPool(c, p.poolId, signal);
    const UserPoolClients = await listUserPoolClients(c, p.poolId, signal);
    const only = UserPoolClients.length === 1 ? UserPoolClients[0] : undefined;
    return { UserPool, UserPoolClients, ...(only ? { UserPoolClient: flowAppClient(await describeUserPoolClient(c, p.poolId, only.ClientId, signal)) } : {}) };
  });
  handle(AwsDescribeUserPoolClientRequest.type, (p) => `${p.poolId}: reading the app client ${p.clientId}`, async (p, c, signal) => {
    const { describeUserPoolClient, flowAppClient } = await aws();
    return { UserPoolClient: flowAppClient(await describeUserPoolClient(c, p.poolId, p.clientId, signal)) };
  });
  handle(AwsListSlotsRequest.type, () => 'Listing trigger slots', async () => userPoolSlots().map((s) => ({ key: s.key, displayName: s.displayName, lambdaVersions: s.lambdaVersions, requiresKmsKey: s.requiresKmsKey, triggerIds: s.triggerIds })), false);

  // What a plan does, in the user's terms ("shop-users: binding PreSignUp"): errors name it by the pool's name, never the plan's id.
  const describeBind = (p: { kind: string; poolId: string; poolName?: string; slot?: string; functionName?: string }) => `${poolLabel(p)}: ${p.functionName ? 'binding' : 'unbinding'} ${p.kind === 'userPool' ? p.slot : 'SyncTrigger'}`;
  const described = new Map<string, string>();
  handle(AwsPlanBindRequest.type, describeBind, async (p, c, signal) => {
    // Every workspace folder's IaC: a slot it wires gets the warning that the next deploy undoes the change.
    const wiring = p.kind === 'userPool' ? await workspaceWiring(deps) : undefined;
    const planned = await (await aws()).planBind(c, p, signal, wiring ? { wiring } : {});
    const planId = `plan-${nextPlan++}`;
    plans.set(planId, planned);
    described.set(planId, describeBind(p));
    for (const k of described.keys()) if (described.size > 2 * MAX_PLANS) described.delete(k);
    for (const k of plans.keys()) if (plans.size > MAX_PLANS) plans.delete(k);
    return { planId, lines: planned.lines, title: planned.title, changes: planned.changes, ...(planned.functionArn ? { functionArn: planned.functionArn } : {}), ...(planned.permissionStillUsedBy ? { permissionStillUsedBy: planned.permissionStillUsedBy } : {}), ...(planned.notice ? { notice: planned.notice } : {}), ...(planned.managed ? { managed: planned.managed } : {}) };
  });
  handle(AwsApplyBindRequest.type, (p) => described.get(p.planId) ?? 'Applying the reviewed change', async (p, c, signal) => {
    const planned = plans.get(p.planId);
    if (!planned) throw Object.assign(new Error('this review is no longer known (already applied, or the server restarted).'), { name: 'PlanExpired' });
    plans.delete(p.planId);
    await forget(planned.request.poolId);
    const opts = { removePermission: p.removePermission ?? false };
    return keepForRecovery(planned, opts, await (await aws()).applyBind(c, planned, opts, signal));
  });
  handle(AwsRecoverBindRequest.type, (p) => `${recovering.get(p.recoveryId) ?? 'The change'}: ${p.action === 'finish' ? 'finishing' : 'rolling back'}`, async (p, c, signal) => {
    const kept = recoveries.get(p.recoveryId);
    if (!kept) throw Object.assign(new Error('this half-finished change is no longer known (the server restarted).'), { name: 'PlanExpired' });
    const ops = await aws();
    await forget(kept.planned.request.poolId);
    if (p.action === 'rollback') {
      const r = await ops.rollbackBind(c, kept.planned, signal);
      recoveries.delete(p.recoveryId);
      return r;
    }
    recoveries.delete(p.recoveryId);
    return keepForRecovery(kept.planned, kept.opts, await ops.finishBind(c, kept.planned, kept.opts, signal));
  });

  handle(AwsBindingsRequest.type, () => 'Reading the bindings', async (p, c, signal, s) => {
    const entries = await readBindingsFiles(p.folders, s.bindingsFile);
    // Each folder's IaC (the shared wiring cache) links a deployed function to its handler without a bindings entry.
    const wirings = await Promise.all(p.folders.filter((f) => URI.parse(f).scheme === 'file').map(async (folder) => ({ folder, wiring: await folderWiring(URI.parse(folder).fsPath) })));
    const { collectBindings, resolvedRegion } = await aws();
    const pools = await poolCatalog();
    const target = targetOf(s);
    if (p.refresh) pools.clear(target);
    const only = { ...(p.userPoolIds ? { userPoolIds: p.userPoolIds } : {}), ...(p.identityPoolIds ? { identityPoolIds: p.identityPoolIds } : {}) };
    const snapshot = await collectBindings(c, entries, only, signal, wirings, { reads: pools.reads(target, c), ...(p.listOnly ? { listOnly: true } : {}) });
    const region = await resolvedRegion(c);
    return { ...snapshot, ...(region ? { region } : {}), ...(s.aws.profile ? { profile: s.aws.profile } : {}) };
  });

  handle(AwsDoctorRequest.type, (p) => `${poolLabel(p)}: checking the pool`, async (p, c, signal, s) => {
    const ops = await aws();
    // Each folder's bindings file, IaC (the server's shared wiring cache) and handler files, read safely.
    const folders = await Promise.all(p.folders.map(async (uri) => {
      const dir = URI.parse(uri).fsPath;
      return ops.diskFolder(dir, s.bindingsFile, await folderWiring(dir));
    }));
    const ws = { folders };
    return p.kind === 'userPool' ? ops.doctorUserPool(c, p.poolId, ws, { signal }) : ops.doctorIdentityPool(c, p.poolId, ws, { signal });
  });

  // A doctor finding's `aws` fix: planned against the current state for the review, applied by id.
  const fixPlans = new Map<string, PlannedAwsFix>();
  handle(AwsPlanDoctorFixRequest.type, (p) => `Planning "${p.title}"`, async (p, c, signal) => {
    if (!Array.isArray(p.steps) || !p.steps.length || !p.steps.every(isFixStep)) throw Object.assign(new Error('the fix has no valid AWS steps.'), { name: 'InvalidParameterException' });
    const planned = await (await aws()).planAwsFix(c, p.title, p.steps, signal);
    const planId = `fix-${nextPlan++}`;
    fixPlans.set(planId, planned);
    for (const k of fixPlans.keys()) if (fixPlans.size > MAX_PLANS) fixPlans.delete(k);
    return { planId, lines: planned.lines, changes: planned.changes };
  });
  handle(AwsApplyDoctorFixRequest.type, (p) => (fixPlans.get(p.planId) ? `Applying "${fixPlans.get(p.planId)?.title}"` : 'Applying the reviewed fix'), async (p, c, signal) => {
    const planned = fixPlans.get(p.planId);
    if (!planned) throw Object.assign(new Error('this fix was already applied, or is no longer known (the server keeps the last 20 reviews and forgets them when it restarts).'), { name: 'PlanExpired' });
    fixPlans.delete(p.planId);
    return (await aws()).applyAwsFix(c, planned, signal);
  });

  handle(AwsRemoteInvokeRequest.type, (p) => `Invoke ${p.functionName}`, async (p, c, signal) => {
    const event = p.event ?? (p.triggerId ? sampleEvent(p.triggerId, p.source) : undefined);
    if (event === undefined) throw Object.assign(new Error('No event: pass an event or a trigger for a sample event.'), { name: 'InvalidParameterException' });
    return (await aws()).invokeRemote(c, { functionName: p.functionName, event, ...(p.qualifier ? { qualifier: p.qualifier } : {}), ...(p.triggerId ? { triggerId: p.triggerId } : {}) }, signal);
  });
}

/** A step as the doctor makes them: a known op with string fields (the request comes from the editor). */
function isFixStep(s: unknown): s is AwsFixStep {
  const x = s as Record<string, unknown> | null;
  if (!x || typeof x !== 'object') return false;
  const need: Record<string, string[]> = {
    addPermission: ['functionArn', 'statementId', 'principal', 'sourceArn', 'sourceAccount'],
    removePermission: ['functionArn', 'statementId'],
    enableKey: ['keyId'],
    cancelKeyDeletion: ['keyId'],
    updateRuntime: ['functionArn', 'runtime'],
  };
  const fields = need[String(x.op)];
  return !!fields && fields.every((f) => typeof x[f] === 'string' && x[f] !== '');
}

/** Entries of each folder's bindings file; a missing or invalid file contributes nothing. */
async function readBindingsFiles(folders: readonly string[], file: string): Promise<WorkspaceBinding[]> {
  const out: WorkspaceBinding[] = [];
  for (const folder of folders) {
    const dir = URI.parse(folder).fsPath;
    const read = readBindingsText(dir, file);
    if (!read.ok) continue;
    const parsed = parseBindingsFile(read.text, (id) => getTrigger(id) !== undefined);
    const base = URI.file(dir).toString();
    for (const e of parsed.entries) out.push({ ...e, folder: base });
  }
  return out;
}
