// Binds the Cognito Sync trigger of an identity pool: GetCognitoEvents, SetCognitoEvents, permission.
import { GetCognitoEventsCommand, SetCognitoEventsCommand } from '@aws-sdk/client-cognito-sync';
import type { AwsClients } from './clients';
import { identityPoolArn, parseArn, validateIdentityPoolId } from './ids';
import { ensurePermission, removeOurPermission, resolveFunctionArn, type PermissionResult } from './lambdaPermission';
import { SYNC_PRINCIPAL, type PermissionNeed } from './permission';
import { PlanError } from './planError';

/** Shown wherever the Sync trigger is offered. */
export const SYNC_CLOSED_NOTICE = 'Amazon Cognito Sync is closed to new customers: only accounts that already use it can bind a Sync trigger. New apps should use AWS AppSync.';

/** The event type we bind; the only key SetCognitoEvents changes here. */
export const SYNC_EVENT = 'SyncTrigger';

/** A planned Sync trigger change. */
export interface PlannedSyncChange {
  identityPoolId: string;
  before: Record<string, string>;
  after: Record<string, string>;
  /** The function bound (bind) or currently bound (unbind). */
  functionArn?: string;
}

/** The pool's Cognito events (GetCognitoEvents). The id is validated before any call. */
export async function getCognitoEvents(clients: AwsClients, identityPoolId: string, signal?: AbortSignal): Promise<Record<string, string>> {
  const out = await clients.sync.send(new GetCognitoEventsCommand({ IdentityPoolId: validateIdentityPoolId(identityPoolId) }), { abortSignal: signal });
  return { ...(out.Events ?? {}) };
}

/** Plans binding `functionNameOrArn` (or unbinding when undefined); nothing is changed. */
export async function planSyncChange(clients: AwsClients, identityPoolId: string, functionNameOrArn: string | undefined, signal?: AbortSignal): Promise<PlannedSyncChange> {
  validateIdentityPoolId(identityPoolId);
  const functionArn = functionNameOrArn ? await resolveFunctionArn(clients, functionNameOrArn, signal) : undefined;
  const before = await getCognitoEvents(clients, identityPoolId, signal);
  const after = { ...before };
  if (functionArn) after[SYNC_EVENT] = functionArn;
  else delete after[SYNC_EVENT];
  return { identityPoolId, before, after, functionArn: functionArn ?? before[SYNC_EVENT] };
}

/**
 * Applies the plan: every other event is sent unchanged; an unbind sends SyncTrigger as '' (clears it).
 * A bind then adds the permission for cognito-sync.amazonaws.com unless the policy has it.
 * (bindService runs the same steps one by one, to report a change that fails half way.)
 */
export async function applySyncChange(clients: AwsClients, planned: PlannedSyncChange, signal?: AbortSignal): Promise<{ after: Record<string, string>; permission?: PermissionResult }> {
  await setSyncEvents(clients, planned.identityPoolId, planned.after, signal);
  const after = await getCognitoEvents(clients, planned.identityPoolId, signal);
  if (!planned.after[SYNC_EVENT] || !planned.functionArn) return { after };
  const permission = await addSyncPermission(clients, planned, signal);
  return { after, permission };
}

/** SetCognitoEvents with `events`; a missing SyncTrigger is sent as '' (which clears it). */
export async function setSyncEvents(clients: AwsClients, identityPoolId: string, events: Record<string, string>, signal?: AbortSignal): Promise<void> {
  const sent = { ...events };
  if (!(SYNC_EVENT in events)) sent[SYNC_EVENT] = '';
  await clients.sync.send(new SetCognitoEventsCommand({ IdentityPoolId: identityPoolId, Events: sent }), { abortSignal: signal });
}

/** GetPolicy, then AddPermission for cognito-sync.amazonaws.com unless the policy allows the pool. */
export function addSyncPermission(clients: AwsClients, planned: PlannedSyncChange, signal?: AbortSignal): Promise<PermissionResult> {
  const fn = planned.after[SYNC_EVENT] ?? planned.functionArn;
  if (!fn) throw new PlanError('Only a bind adds a permission.', 'This is a bug; report it.');
  return ensurePermission(clients, fn, syncNeed(planned.identityPoolId, fn), signal);
}

/** Restores the events from the plan's snapshot; refuses when they are no longer as the change left them. */
export async function rollbackSyncChange(clients: AwsClients, planned: PlannedSyncChange, signal?: AbortSignal): Promise<Record<string, string>> {
  const current = await getCognitoEvents(clients, planned.identityPoolId, signal);
  if ((current[SYNC_EVENT] ?? '') !== (planned.after[SYNC_EVENT] ?? '')) {
    throw new PlanError(`${SYNC_EVENT} of ${planned.identityPoolId} changed since the failed change (now ${current[SYNC_EVENT] || '(not set)'}); rolling back would undo that.`, 'Review the pool and bind or unbind it yourself.');
  }
  await setSyncEvents(clients, planned.identityPoolId, { ...current, ...planned.before, ...(planned.before[SYNC_EVENT] ? {} : { [SYNC_EVENT]: '' }) }, signal);
  return getCognitoEvents(clients, planned.identityPoolId, signal);
}

/** Removes the statement we added for this identity pool. */
export async function removeSyncPermission(clients: AwsClients, identityPoolId: string, functionArn: string, signal?: AbortSignal): Promise<string[]> {
  return removeOurPermission(clients, functionArn, syncNeed(identityPoolId, functionArn).sourceArn, signal);
}

/** The permission the Sync trigger needs: the pool is in the function's account and the id's region. */
export function syncNeed(identityPoolId: string, functionArn: string): PermissionNeed {
  const fn = parseArn(functionArn);
  if (!fn) throw new PlanError(`"${functionArn}" is not a function ARN.`, 'Pass the function ARN.');
  const region = identityPoolId.split(':')[0] ?? fn.region;
  return { principal: SYNC_PRINCIPAL, sourceArn: identityPoolArn(fn.partition, region, fn.account, identityPoolId), sourceAccount: fn.account };
}
