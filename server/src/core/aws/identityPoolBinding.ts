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
 */
export async function applySyncChange(clients: AwsClients, planned: PlannedSyncChange, signal?: AbortSignal): Promise<{ after: Record<string, string>; permission?: PermissionResult }> {
  const events = { ...planned.after };
  if (!(SYNC_EVENT in planned.after)) events[SYNC_EVENT] = '';
  await clients.sync.send(new SetCognitoEventsCommand({ IdentityPoolId: planned.identityPoolId, Events: events }), { abortSignal: signal });
  const after = await getCognitoEvents(clients, planned.identityPoolId, signal);
  if (!planned.after[SYNC_EVENT] || !planned.functionArn) return { after };
  const permission = await ensurePermission(clients, planned.functionArn, syncNeed(planned.identityPoolId, planned.functionArn), signal);
  return { after, permission };
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
