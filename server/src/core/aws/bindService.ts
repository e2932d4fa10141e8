// One bind/unbind flow for user pools and identity pools, shared by the language server and the CLI.
import { slotsCalling } from './functionRef';
import { findSlot, readSlots } from './slots';
import type { AwsClients } from './clients';
import { describeUnexpected, describePlan } from './render';
import { applySyncChange, planSyncChange, removeSyncPermission, SYNC_CLOSED_NOTICE, SYNC_EVENT, type PlannedSyncChange } from './identityPoolBinding';
import { applyUserPoolChange, planUserPoolChange, removeUserPoolPermission, type PlannedUserPoolChange } from './userPoolBinding';

/** What to bind or unbind (`functionName` absent = unbind). Same shape as the protocol's BindTarget. */
export type BindRequest =
  | { kind: 'userPool'; poolId: string; slot: string; functionName?: string; lambdaVersion?: string; kmsKeyId?: string }
  | { kind: 'identityPool'; poolId: string; functionName?: string };

/** A plan ready to show and apply. */
export interface PlannedBind {
  request: BindRequest;
  lines: string[];
  changes: boolean;
  functionArn?: string;
  notice?: string;
  /**
   * Unbind only: other slots of the pool that still call the function after the unbind. They rely on
   * the same permission statement (it is per pool, not per slot), so it must not be removed.
   */
  permissionStillUsedBy?: string[];
  userPool?: PlannedUserPoolChange;
  sync?: PlannedSyncChange;
}

/** Plans the change (reads only). This is the dry run. */
export async function planBind(clients: AwsClients, request: BindRequest, signal?: AbortSignal): Promise<PlannedBind> {
  if (request.kind === 'identityPool') {
    const sync = await planSyncChange(clients, request.poolId, request.functionName, signal);
    const before = sync.before[SYNC_EVENT];
    const after = sync.after[SYNC_EVENT];
    const others = Object.keys(sync.before).filter((k) => k !== SYNC_EVENT);
    const lines = [
      `SetCognitoEvents ${request.poolId}:`,
      `  ${SYNC_EVENT}: ${before ?? '(not set)'} → ${after ?? '(not set)'}`,
      `Nothing else changes: only ${SYNC_EVENT} is changed${others.length ? `; ${others.join(', ')} sent unchanged` : ''}.`,
    ];
    return { request, lines, changes: before !== after, ...(sync.functionArn ? { functionArn: sync.functionArn } : {}), notice: SYNC_CLOSED_NOTICE, sync };
  }
  const change = request.functionName
    ? { kind: 'bind' as const, slot: request.slot, functionArn: request.functionName, ...(request.lambdaVersion ? { lambdaVersion: request.lambdaVersion } : {}), ...(request.kmsKeyId ? { kmsKeyId: request.kmsKeyId } : {}) }
    : { kind: 'unbind' as const, slot: request.slot };
  const userPool = await planUserPoolChange(clients, request.poolId, change, signal);
  const slotKey = findSlot(request.slot)?.key;
  const bound = readSlots(userPool.before.LambdaConfig as Record<string, unknown> | undefined).find((s) => s.slot === slotKey);
  const functionArn = userPool.change.kind === 'bind' ? userPool.change.functionArn : bound?.functionArn;
  const stillUsedBy = userPool.change.kind === 'unbind' && functionArn ? slotsCalling(userPool.plan.after, functionArn) : [];
  const lines = describePlan(request.poolId, userPool.plan, userPool.change);
  if (stillUsedBy.length && functionArn) lines.push(keptLine(functionArn, stillUsedBy));
  return {
    request,
    lines,
    changes: userPool.plan.changedKeys.length > 0,
    ...(functionArn ? { functionArn } : {}),
    ...(stillUsedBy.length ? { permissionStillUsedBy: stillUsedBy } : {}),
    userPool,
  };
}

/** Why the permission statement stays: the pool still calls the function from other slots. */
function keptLine(functionArn: string, slots: string[]): string {
  return `Permission on ${functionArn} kept: ${slots.join(', ')} still ${slots.length > 1 ? 'use' : 'uses'} this function (the statement lets the whole pool invoke it).`;
}

/** Applies a plan; for an unbind, removes our permission statement when asked. Returns lines to show. */
export async function applyBind(clients: AwsClients, planned: PlannedBind, opts: { removePermission?: boolean } = {}, signal?: AbortSignal): Promise<{ lines: string[]; unexpected: string[] }> {
  const lines: string[] = [];
  let unexpected: string[] = [];
  let permission: { added: boolean; statementId?: string } | undefined;
  if (planned.userPool) {
    const applied = await applyUserPoolChange(clients, planned.userPool, signal);
    unexpected = describeUnexpected(applied.unexpected);
    permission = applied.permission;
    lines.push(planned.changes ? `Updated ${planned.request.poolId}; read it again: ${unexpected.length ? `${unexpected.length} unexpected difference(s)` : 'nothing else changed'}.` : `${planned.request.poolId} already had this value; nothing was updated.`);
    for (const d of applied.announced) {
      const why = planned.userPool.plan.omitted.find((o) => o.member === d.path)?.reason ?? 'left out of the update';
      lines.push(`  note: the pool no longer reports ${d.path} (was ${JSON.stringify(d.before)}): as announced, the update left it out (${why}).`);
    }
    if (opts.removePermission && planned.userPool.change.kind === 'unbind' && planned.functionArn) {
      // Decided on the pool as read after the update, not as planned: a slot bound since still counts.
      const stillUsedBy = slotsCalling(applied.after.LambdaConfig as Record<string, unknown> | undefined, planned.functionArn);
      if (stillUsedBy.length) lines.push(keptLine(planned.functionArn, stillUsedBy));
      else {
        const removed = await removeUserPoolPermission(clients, planned.functionArn, planned.userPool.poolArn, signal);
        lines.push(removed.length ? `Removed permission ${removed.join(', ')} from ${planned.functionArn}.` : `No permission statement of ours on ${planned.functionArn}; nothing removed.`);
      }
    }
  } else if (planned.sync) {
    const applied = await applySyncChange(clients, planned.sync, signal);
    permission = applied.permission;
    lines.push(`Set ${SYNC_EVENT} of ${planned.request.poolId} to ${applied.after[SYNC_EVENT] ?? '(not set)'}.`);
    if (opts.removePermission && !planned.sync.after[SYNC_EVENT] && planned.functionArn) {
      const removed = await removeSyncPermission(clients, planned.request.poolId, planned.functionArn, signal);
      lines.push(removed.length ? `Removed permission ${removed.join(', ')} from ${planned.functionArn}.` : `No permission statement of ours on ${planned.functionArn}; nothing removed.`);
    }
  }
  if (permission) lines.push(permission.added ? `Added permission ${permission.statementId} so Cognito can invoke ${planned.functionArn}.` : `${planned.functionArn} already allows this pool to invoke it; no permission added.`);
  for (const u of unexpected) lines.push(`  unexpected: ${u}`);
  return { lines, unexpected };
}
