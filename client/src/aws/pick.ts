// Quick picks for the AWS commands: pool kind, pool, slot, version, function. Undefined = dismissed.
import * as vscode from 'vscode';
import { AwsListFunctionsRequest, AwsListPoolsRequest, AwsListSlotsRequest } from '../../../server/src/core/protocol';
import type { ExtensionState } from '../context';
import type { Steps } from '../steps';
import { awsCall } from './request';

/** Shown with the identity pool choice and in the Sync flows. */
export const SYNC_CLOSED = 'Cognito Sync is closed to new customers';

/** A slot of the trigger model (LambdaConfig key). */
export type SlotChoice = AwsListSlotsRequest.Result[number];
/** A pool as listed. */
export interface PoolChoice {
  id: string;
  name: string;
}

export async function pickPoolKind(steps: Steps): Promise<'userPool' | 'identityPool' | undefined> {
  const p = await vscode.window.showQuickPick(
    [
      { label: 'User pool', description: 'a LambdaConfig trigger', poolKind: 'userPool' as const },
      { label: 'Identity pool', description: `the Cognito Sync trigger — ${SYNC_CLOSED}`, poolKind: 'identityPool' as const },
    ],
    { title: steps.next('user pool or identity pool?') },
  );
  return p?.poolKind;
}

export async function pickPool(state: ExtensionState, kind: 'userPool' | 'identityPool', steps: Steps): Promise<PoolChoice | undefined> {
  const pools = await awsCall(state, AwsListPoolsRequest.type, { kind }, kind === 'userPool' ? 'Listing user pools' : 'Listing identity pools');
  if (!pools) return undefined;
  if (pools.length === 0) return void vscode.window.showWarningMessage(`No ${kind === 'userPool' ? 'user' : 'identity'} pools in this Region. Choose another Region (Cognito Triggers: Select AWS Region).`);
  const p = await vscode.window.showQuickPick(pools.map((x) => ({ label: x.name, description: x.id, pool: x })), { title: steps.next(kind === 'userPool' ? 'user pool' : 'identity pool'), matchOnDescription: true });
  return p?.pool;
}

/** The model's slots (from the server). */
export async function listSlots(state: ExtensionState): Promise<SlotChoice[] | undefined> {
  return awsCall(state, AwsListSlotsRequest.type, undefined, 'Listing trigger slots');
}

/**
 * Picks a slot of `pool`. The slot of `prefer` (the active handler's triggers) comes first, so Enter
 * takes it; `bound` (Unbind: slot → its function) limits the list to the slots bound now.
 */
export async function pickSlot(
  state: ExtensionState,
  steps: Steps,
  pool: PoolChoice,
  opts: { prefer?: { triggerIds: string[]; why: string } | undefined; bound?: Map<string, string> } = {},
): Promise<SlotChoice | undefined> {
  const slots = await listSlots(state);
  if (!slots) return undefined;
  const shown = opts.bound ? slots.filter((s) => opts.bound?.has(s.key)) : slots;
  const preferred = opts.prefer && shown.find((s) => s.triggerIds.some((t) => opts.prefer?.triggerIds.includes(t)))?.key;
  const items = shown.map((s) => ({
    label: s.key,
    description: opts.bound ? `${s.displayName} → ${opts.bound.get(s.key) ?? ''}` : s.key === preferred ? `${s.displayName} — ${opts.prefer?.why ?? ''}` : s.displayName,
    detail: s.requiresKmsKey ? 'Needs a KMS key (LambdaConfig.KMSKeyID)' : s.lambdaVersions.length > 1 ? `Event versions ${s.lambdaVersions.join(', ')}` : undefined,
    slot: s,
  }));
  const first = items.findIndex((i) => i.slot.key === preferred);
  if (first > 0) items.unshift(...items.splice(first, 1));
  const p = await vscode.window.showQuickPick(items, { title: steps.next(`trigger slot of ${pool.name}`), matchOnDescription: true, matchOnDetail: true });
  return p?.slot;
}

export async function pickVersion(versions: string[], steps: Steps): Promise<string | undefined> {
  if (versions.length <= 1) return versions[0];
  const p = await vscode.window.showQuickPick(
    versions.map((v) => ({ label: v, description: v === 'V1_0' ? 'any feature plan' : 'needs the Essentials or Plus feature plan' })),
    { title: steps.next('event version (LambdaVersion)') },
  );
  return p?.label;
}

/** Picks a deployed function; `what` is the step's title ("function for PreSignUp of my-pool"). */
export async function pickFunction(state: ExtensionState, steps: Steps, what: string): Promise<string | undefined> {
  const fns = await awsCall(state, AwsListFunctionsRequest.type, {}, 'Listing Lambda functions');
  if (!fns) return undefined;
  if (fns.length === 0) return void vscode.window.showWarningMessage('No Lambda functions in this Region.');
  const p = await vscode.window.showQuickPick(fns.map((f) => ({ label: f.name, description: f.runtime ?? '', detail: f.arn, arn: f.arn })), { title: steps.next(what), placeHolder: 'Type to filter by name, runtime or ARN', matchOnDescription: true, matchOnDetail: true });
  return p?.arn;
}
