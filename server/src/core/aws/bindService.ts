// One bind/unbind flow for user pools and identity pools, shared by the language server and the CLI.
import type { PartialChange } from '../protocol/aws';
import type { AwsClients } from './clients';
import { deepDiff } from './diff';
import { explainAwsError, type ExplainedError } from './errors';
import { appliedSummary, functionLabel, partialChangeDetail, partialChangeTitle, poolLabel, reviewTitle, type AppliedFacts } from './messages';
import { slotsCalling } from './functionRef';
import { addSyncPermission, getCognitoEvents, planSyncChange, removeSyncPermission, rollbackSyncChange, setSyncEvents, SYNC_CLOSED_NOTICE, SYNC_EVENT, type PlannedSyncChange } from './identityPoolBinding';
import { SYNC_PRINCIPAL, USER_POOL_PRINCIPAL } from './permission';
import { PlanError } from './planError';
import { describeUnexpected, describePlan } from './render';
import { managedSlotWarnings } from './iacManaged';
import { findSlot, readSlots } from './slots';
import type { WiringResult } from '../wiring';
import { addUserPoolPermission, describeUserPool, planUserPoolChange, refuseIfStale, removeUserPoolPermission, rollbackUserPoolChange, sendUpdate, verifyUpdate, type PlannedUserPoolChange } from './userPoolBinding';

/** What to bind or unbind (`functionName` absent = unbind). Same shape as the protocol's BindTarget. */
export type BindRequest = (
  | { kind: 'userPool'; poolId: string; slot: string; functionName?: string; lambdaVersion?: string; kmsKeyId?: string }
  | { kind: 'identityPool'; poolId: string; functionName?: string }
) & {
  /** The pool's name as the user knows it: summaries and errors start with it. */
  poolName?: string;
  /** Refuse unless the slot now calls this function ARN ('none' = unbound): the guard of a rollback command. */
  expectCurrent?: string;
};

/** Refuses a plan whose slot does not hold what `expectCurrent` says. */
function checkExpected(request: BindRequest, current: string | undefined): void {
  if (request.expectCurrent === undefined) return;
  const want = request.expectCurrent === 'none' ? undefined : request.expectCurrent;
  if ((current ?? undefined) !== want) {
    throw new PlanError(`The slot now calls ${current ?? '(nothing)'}, not ${want ?? '(nothing)'} as --expect-current says: someone changed it since.`, 'Nothing was changed. Review the pool (cognito-triggers bindings) and decide again.');
  }
}

/** A plan ready to show and apply. */
export interface PlannedBind {
  request: BindRequest;
  lines: string[];
  /** The review's first line, pool name first. */
  title: string;
  changes: boolean;
  functionArn?: string;
  notice?: string;
  /** The slot is managed by infrastructure code (a CloudFormation stack's tag, the repository's IaC): the next deploy undoes the change. */
  managed?: string[];
  /**
   * Unbind only: other slots of the pool that still call the function after the unbind. They rely on
   * the same permission statement (it is per pool, not per slot), so it must not be removed.
   */
  permissionStillUsedBy?: string[];
  userPool?: PlannedUserPoolChange;
  sync?: PlannedSyncChange;
}

/** Plans the change (reads only). This is the dry run. */
export async function planBind(clients: AwsClients, request: BindRequest, signal?: AbortSignal, context: { wiring?: WiringResult } = {}): Promise<PlannedBind> {
  if (request.kind === 'identityPool') {
    const sync = await planSyncChange(clients, request.poolId, request.functionName, signal);
    checkExpected(request, sync.before[SYNC_EVENT] || undefined);
    const before = sync.before[SYNC_EVENT];
    const after = sync.after[SYNC_EVENT];
    const others = Object.keys(sync.before).filter((k) => k !== SYNC_EVENT);
    const lines = [
      `SetCognitoEvents ${request.poolId}:`,
      `  ${SYNC_EVENT}: ${before ?? '(not set)'} → ${after ?? '(not set)'}`,
      `Nothing else changes: only ${SYNC_EVENT} is changed${others.length ? `; ${others.join(', ')} sent unchanged` : ''}.`,
    ];
    const changes = before !== after;
    return { request, lines, title: reviewTitle({ pool: poolLabel(request), where: SYNC_EVENT, changes, unbind: !request.functionName }), changes, ...(sync.functionArn ? { functionArn: sync.functionArn } : {}), notice: SYNC_CLOSED_NOTICE, sync };
  }
  const change = request.functionName
    ? { kind: 'bind' as const, slot: request.slot, functionArn: request.functionName, ...(request.lambdaVersion ? { lambdaVersion: request.lambdaVersion } : {}), ...(request.kmsKeyId ? { kmsKeyId: request.kmsKeyId } : {}) }
    : { kind: 'unbind' as const, slot: request.slot };
  const userPool = await planUserPoolChange(clients, request.poolId, change, signal);
  const slotKey = findSlot(request.slot)?.key;
  const bound = readSlots(userPool.before.LambdaConfig as Record<string, unknown> | undefined).find((s) => s.slot === slotKey);
  checkExpected(request, bound?.functionArn);
  const functionArn = userPool.change.kind === 'bind' ? userPool.change.functionArn : bound?.functionArn;
  const stillUsedBy = userPool.change.kind === 'unbind' && functionArn ? slotsCalling(userPool.plan.after, functionArn) : [];
  const lines = describePlan(request.poolId, userPool.plan, userPool.change);
  if (stillUsedBy.length && functionArn) lines.push(keptLine(functionArn, stillUsedBy));
  const managed = slotKey ? managedSlotWarnings(userPool.before, slotKey, context.wiring) : [];
  const changes = userPool.plan.changedKeys.length > 0;
  return {
    request,
    lines,
    title: reviewTitle({ pool: poolLabel(request), where: slotKey ?? request.slot, changes, unbind: !request.functionName }),
    ...(managed.length ? { managed } : {}),
    changes,
    ...(functionArn ? { functionArn } : {}),
    ...(stillUsedBy.length ? { permissionStillUsedBy: stillUsedBy } : {}),
    userPool,
  };
}

/** Why the permission statement stays: the pool still calls the function from other slots. */
function keptLine(functionArn: string, slots: string[]): string {
  return `Permission on ${functionArn} kept: ${slots.join(', ')} still ${slots.length > 1 ? 'use' : 'uses'} this function (the statement lets the whole pool invoke it).`;
}

/** What applying (or finishing, or rolling back) a plan did. */
export interface AppliedBind {
  lines: string[];
  /** What was done in one sentence, pool name first (the lines have the details). */
  summary?: string;
  unexpected: string[];
  /** The pool was changed but a later step failed. */
  partial?: PartialChange;
}

/** Options of apply. */
export interface ApplyOptions {
  /** Unbind only: also remove our permission statement. */
  removePermission?: boolean;
}

/**
 * Applies a plan; for an unbind, removes our permission statement when asked. A step that fails
 * before the pool is changed throws (nothing was done); one that fails after it does not: the result
 * carries `partial`, saying what was and was not done (finishBind / rollbackBind recover).
 */
export function applyBind(clients: AwsClients, planned: PlannedBind, opts: ApplyOptions = {}, signal?: AbortSignal): Promise<AppliedBind> {
  return runSteps(clients, planned, opts, 'apply', signal);
}

/** Retries the steps a partial change left undone; refuses when the pool no longer is as the change left it. */
export function finishBind(clients: AwsClients, planned: PlannedBind, opts: ApplyOptions = {}, signal?: AbortSignal): Promise<AppliedBind> {
  return runSteps(clients, planned, opts, 'finish', signal);
}

/** Restores the slot (or SyncTrigger) from the plan's snapshot, with the stale-pool guard. */
export async function rollbackBind(clients: AwsClients, planned: PlannedBind, signal?: AbortSignal): Promise<AppliedBind> {
  const poolId = planned.request.poolId;
  const summary = `${poolLabel(planned.request)}: ${planned.request.kind === 'userPool' ? planned.request.slot : SYNC_EVENT} rolled back to what it was before the change.`;
  if (planned.userPool) {
    const r = await rollbackUserPoolChange(clients, planned.userPool, signal);
    const unexpected = describeUnexpected(r.unexpected);
    const keys = planned.userPool.plan.changedKeys.map((k) => `LambdaConfig.${k}`).join(', ');
    return { lines: [`Rolled back ${poolId}: ${keys} restored as before the change; read it again: ${unexpected.length ? `${unexpected.length} unexpected difference(s)` : 'the pool is as it was'}.`, ...unexpected.map((u) => `  unexpected: ${u}`)], summary, unexpected };
  }
  if (planned.sync) {
    const after = await rollbackSyncChange(clients, planned.sync, signal);
    return { lines: [`Rolled back ${SYNC_EVENT} of ${poolId} to ${after[SYNC_EVENT] || '(not set)'}.`], summary, unexpected: [] };
  }
  return { lines: ['Nothing to roll back.'], unexpected: [] };
}

/** One step of a bind, for the partial-change report. */
interface Step {
  label: string;
  /** Changes the pool (UpdateUserPool, SetCognitoEvents): a failure after it is a partial change. */
  changesPool?: boolean;
  run(): Promise<void>;
}

async function runSteps(clients: AwsClients, planned: PlannedBind, opts: ApplyOptions, mode: 'apply' | 'finish', signal?: AbortSignal): Promise<AppliedBind> {
  const lines: string[] = [];
  let unexpected: string[] = [];
  let permission: { added: boolean; statementId?: string } | undefined;
  // What happened to the permission statement, for the summary.
  let permissionOutcome: AppliedFacts['permission'];
  const steps: Step[] = [];
  const poolId = planned.request.poolId;
  const fn = planned.functionArn ?? '(the function)';
  let afterConfig: Record<string, unknown> | undefined;
  if (planned.userPool) {
    const up = planned.userPool;
    const keys = up.plan.changedKeys.map((k) => `LambdaConfig.${k}`).join(', ');
    if (mode === 'apply') {
      steps.push({ label: `DescribeUserPool ${poolId}: check nobody changed the pool since the plan`, run: () => refuseIfStale(clients, up, signal) });
      if (planned.changes) steps.push({ label: `UpdateUserPool ${poolId}: ${keys} ${up.change.kind === 'bind' ? `→ ${fn}` : 'cleared'}`, changesPool: true, run: () => sendUpdate(clients, up, signal) });
    } else {
      steps.push({ label: `DescribeUserPool ${poolId}: check the pool is as the change left it`, run: () => refuseUnlessAsLeft(clients, up, signal) });
    }
    steps.push({
      label: `DescribeUserPool ${poolId} after the update: check nothing else changed`,
      run: async () => {
        const v = await verifyUpdate(clients, up, signal);
        unexpected = describeUnexpected(v.unexpected);
        lines.push(planned.changes ? `Updated ${poolId}; read it again: ${unexpected.length ? `${unexpected.length} unexpected difference(s)` : 'nothing else changed'}.` : `${poolId} already had this value; nothing was updated.`);
        for (const d of v.announced) {
          const omitted = up.plan.omitted.find((o) => o.member === d.path);
          // A mirror of a value that is sent: the pool keeps that value, so there is nothing to tell.
          if (omitted?.quiet) continue;
          const why = omitted?.reason ?? 'left out of the update';
          lines.push(`  note: the pool no longer reports ${d.path} (was ${JSON.stringify(d.before)}): as announced, the update left it out (${why}).`);
        }
        afterConfig = v.after.LambdaConfig as Record<string, unknown> | undefined;
      },
    });
    if (opts.removePermission && up.change.kind === 'unbind' && planned.functionArn) {
      const functionArn = planned.functionArn;
      steps.push({
        label: `GetPolicy, RemovePermission: remove our statement for ${poolId} from ${functionArn}`,
        run: async () => {
          // Decided on the pool as read after the update, not as planned: a slot bound since still counts.
          const stillUsedBy = slotsCalling(afterConfig, functionArn);
          if (stillUsedBy.length) {
            lines.push(keptLine(functionArn, stillUsedBy));
            permissionOutcome = 'kept';
            return;
          }
          const removed = await removeUserPoolPermission(clients, functionArn, up.poolArn, signal);
          permissionOutcome = removed.length ? 'removed' : 'none';
          lines.push(removed.length ? `Removed permission ${removed.join(', ')} from ${functionArn}.` : `No permission statement of ours on ${functionArn}; nothing removed.`);
        },
      });
    }
    if (up.change.kind === 'bind') {
      steps.push({
        label: `GetPolicy, AddPermission: let ${USER_POOL_PRINCIPAL} invoke ${fn} for ${poolId}`,
        run: async () => {
          permission = await addUserPoolPermission(clients, up, signal);
        },
      });
    }
  } else if (planned.sync) {
    const sync = planned.sync;
    if (mode === 'apply') steps.push({ label: `SetCognitoEvents ${poolId}: ${SYNC_EVENT} → ${sync.after[SYNC_EVENT] ?? '(not set)'}`, changesPool: true, run: () => setSyncEvents(clients, sync.identityPoolId, sync.after, signal) });
    steps.push({
      label: `GetCognitoEvents ${poolId}: read the events again`,
      run: async () => {
        const after = await getCognitoEvents(clients, sync.identityPoolId, signal);
        if (mode === 'finish' && (after[SYNC_EVENT] ?? '') !== (sync.after[SYNC_EVENT] ?? '')) {
          throw new PlanError(`${SYNC_EVENT} of ${poolId} changed since the failed change (now ${after[SYNC_EVENT] || '(not set)'}).`, 'Review the pool and bind it again.');
        }
        lines.push(`Set ${SYNC_EVENT} of ${poolId} to ${after[SYNC_EVENT] ?? '(not set)'}.`);
      },
    });
    if (sync.after[SYNC_EVENT] && sync.functionArn) {
      steps.push({
        label: `GetPolicy, AddPermission: let ${SYNC_PRINCIPAL} invoke ${fn} for ${poolId}`,
        run: async () => {
          permission = await addSyncPermission(clients, sync, signal);
        },
      });
    } else if (opts.removePermission && planned.functionArn) {
      const functionArn = planned.functionArn;
      steps.push({
        label: `GetPolicy, RemovePermission: remove our statement for ${poolId} from ${functionArn}`,
        run: async () => {
          const removed = await removeSyncPermission(clients, poolId, functionArn, signal);
          permissionOutcome = removed.length ? 'removed' : 'none';
          lines.push(removed.length ? `Removed permission ${removed.join(', ')} from ${functionArn}.` : `No permission statement of ours on ${functionArn}; nothing removed.`);
        },
      });
    }
  }
  // A finish runs only after the pool was changed; an apply, once its changing step is done.
  let changed = mode === 'finish';
  const done: string[] = [];
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i] as Step;
    try {
      await step.run();
    } catch (e) {
      if (!changed || e instanceof PlanError || signal?.aborted) throw e;
      // The error names the pool and the call ("shop-users: GetPolicy, AddPermission failed: …"); the step lists keep the details.
      const call = (step.label.split(':')[0] ?? step.label).replace(` ${poolId}`, '');
      const partial = partialChange(planned, opts, done, steps.slice(i).map((s) => s.label), explainAwsError(e, `${poolLabel(planned.request)}: ${call}`), permission !== undefined);
      return { lines: [...lines, ...partialLines(partial)], unexpected, partial };
    }
    done.push(step.label);
    if (step.changesPool) changed = true;
  }
  if (permission) lines.push(permission.added ? `Added permission ${permission.statementId} so Cognito can invoke ${planned.functionArn}.` : `${planned.functionArn} already allows this pool to invoke it; no permission added.`);
  if (permission) permissionOutcome = permission.added ? 'added' : 'present';
  for (const u of unexpected) lines.push(`  unexpected: ${u}`);
  const r = planned.request;
  const summary = appliedSummary({
    pool: poolLabel(r),
    where: r.kind === 'userPool' ? (findSlot(r.slot)?.key ?? r.slot) : SYNC_EVENT,
    ...(planned.functionArn ? { functionArn: planned.functionArn } : {}),
    bind: r.functionName !== undefined,
    changed: planned.changes || mode === 'finish',
    unexpected: unexpected.length,
    ...(permissionOutcome ? { permission: permissionOutcome } : {}),
  });
  return { lines, summary, unexpected };
}

/** Finish: the pool must still hold what the change set (else someone changed it, and we stop). */
async function refuseUnlessAsLeft(clients: AwsClients, up: PlannedUserPoolChange, signal?: AbortSignal): Promise<void> {
  const current = await describeUserPool(clients, up.poolId, signal);
  const now = (current.LambdaConfig ?? {}) as Record<string, unknown>;
  const moved = up.plan.changedKeys.filter((k) => deepDiff(now[k], up.plan.after[k]).length > 0);
  if (moved.length) {
    throw new PlanError(`The pool changed since the failed change (${moved.map((k) => `LambdaConfig.${k}`).join(', ')}); finishing would build on a slot that is no longer ours.`, 'Review the pool (Cognito Triggers: Check Pool… or `cognito-triggers bindings`) and bind or unbind again.');
  }
}

/** The report of a change that stopped half way. */
function partialChange(planned: PlannedBind, opts: ApplyOptions, applied: string[], notApplied: string[], error: ExplainedError, permissionDone: boolean): PartialChange {
  const r = planned.request;
  const binding = r.functionName !== undefined;
  const fn = functionLabel(planned.functionArn ?? r.functionName ?? 'the function');
  const where = r.kind === 'userPool' ? r.slot : SYNC_EVENT;
  const pool = poolLabel(r);
  let impact: string;
  if (binding && !permissionDone) {
    // Cognito invokes the function with its service principal; without the resource policy statement the
    // invocation is refused and the operation that runs the trigger fails:
    // https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-working-with-lambda-triggers.html#lambda-permissions
    impact = `${pool} now calls ${fn} from ${where}, but the function may not allow Cognito to invoke it: until the permission is added, every operation that runs this trigger fails in Cognito. Finish (add the permission) or roll back now.`;
  } else if (binding) {
    impact = `${pool} calls ${fn} from ${where} and the permission is in place; only the check that nothing else changed did not run. Finish to run it.`;
  } else {
    impact = `${pool}: ${where} is cleared; the remaining step did not run (the function keeps its permission statement, which lets the pool invoke it but does no harm otherwise).`;
  }
  const facts = { poolId: r.poolId, ...(r.poolName ? { poolName: r.poolName } : {}), applied, notApplied, error, impact, finishCommand: cliCommand(r, opts), rollbackCommand: rollbackCommand(planned) };
  return { ...facts, title: partialChangeTitle(facts), detail: partialChangeDetail(facts) };
}

function partialLines(p: PartialChange): string[] {
  return [
    `PARTIAL CHANGE: ${p.error.message}`,
    `  ${p.error.hint}`,
    ...p.applied.map((a) => `  done:     ${a}`),
    ...p.notApplied.map((a, i) => `  ${i === 0 ? 'FAILED:  ' : 'not done:'} ${a}`),
    p.impact,
    `  finish:    ${p.finishCommand}`,
    `  roll back: ${p.rollbackCommand}`,
  ];
}

/** Shell-quotes an argument when it needs it. */
export const shellQuote = (v: string): string => (/^[\w@%+=:,./-]+$/.test(v) ? v : `'${v.replace(/'/g, "'\\''")}'`);
const q = shellQuote;

/**
 * The CLI command that does `r` (run again, it finishes: every step is idempotent). With `ask`, no
 * `--yes`: the command shows the plan and asks before it changes anything (the doctor's fixes).
 */
export function cliCommand(r: BindRequest, opts: ApplyOptions, confirm: 'yes' | 'ask' = 'yes'): string {
  const yes = confirm === 'yes' ? ' --yes' : '';
  const pool = r.kind === 'userPool' ? `--user-pool ${q(r.poolId)} --trigger ${q(r.slot)}` : `--identity-pool ${q(r.poolId)}`;
  if (r.functionName === undefined) return `cognito-triggers unbind ${pool}${opts.removePermission ? ' --remove-permission' : ''}${yes}`;
  const extra = r.kind === 'userPool' ? `${r.lambdaVersion ? ` --lambda-version ${q(r.lambdaVersion)}` : ''}${r.kmsKeyId ? ` --kms-key ${q(r.kmsKeyId)}` : ''}` : '';
  return `cognito-triggers bind ${pool} --function ${q(r.functionName)}${extra}${yes}`;
}

/** The CLI command that restores the slot from the plan's snapshot, guarded by --expect-current. */
function rollbackCommand(planned: PlannedBind): string {
  const r = planned.request;
  if (r.kind === 'identityPool') {
    const before = planned.sync?.before[SYNC_EVENT];
    const now = planned.sync?.after[SYNC_EVENT] ?? 'none';
    return before ? `cognito-triggers bind --identity-pool ${q(r.poolId)} --function ${q(before)} --expect-current ${q(now)} --yes` : `cognito-triggers unbind --identity-pool ${q(r.poolId)} --expect-current ${q(now)} --yes`;
  }
  const up = planned.userPool;
  const slot = findSlot(r.slot);
  const key = slot?.key ?? r.slot;
  const before = up?.plan.before[key];
  const after = up?.plan.after[key];
  const arnOf = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof (v as { LambdaArn?: unknown })?.LambdaArn === 'string' ? (v as { LambdaArn: string }).LambdaArn : undefined);
  const now = arnOf(after) ?? 'none';
  const prev = arnOf(before);
  if (!prev) return `cognito-triggers unbind --user-pool ${q(r.poolId)} --trigger ${q(key)} --expect-current ${q(now)} --yes`;
  const version = (before as { LambdaVersion?: unknown })?.LambdaVersion;
  const kms = up?.plan.before.KMSKeyID;
  return `cognito-triggers bind --user-pool ${q(r.poolId)} --trigger ${q(key)} --function ${q(prev)}${typeof version === 'string' ? ` --lambda-version ${version}` : ''}${slot?.requiresKmsKey && typeof kms === 'string' ? ` --kms-key ${q(kms)}` : ''} --expect-current ${q(now)} --yes`;
}
