// Command: clear a user pool slot or an identity pool's Sync trigger, the same safe way as bind.
import * as vscode from 'vscode';
import { AwsBindingsRequest, type AwsApplyBindRequest, type BindTarget } from '../../../server/src/core/protocol';
import type { ExtensionState } from '../context';
import { pickPool, pickPoolKind, pickSlot, type PoolChoice } from '../aws/pick';
import { awsCall, showAwsError } from '../aws/request';
import { Steps } from '../steps';
import { reviewAndApply } from './bindTrigger';

/** Optional arguments (a slot node of the bindings view has these fields). */
export interface UnbindArgs {
  poolKind?: 'userPool' | 'identityPool';
  poolId?: string;
  poolName?: string;
  slot?: string;
  yes?: boolean;
  /** Remove our permission statement; asked when absent. */
  removePermission?: boolean;
}

/** `cognitoTriggers.unbindTrigger`. */
export const unbindTrigger = (state: ExtensionState) => async (arg?: unknown): Promise<AwsApplyBindRequest.Result | undefined> => {
  const a = (arg ?? {}) as UnbindArgs;
  const steps = new Steps('Unbind Trigger', [!a.poolKind, !a.poolId, !a.slot && a.poolKind !== 'identityPool'].filter(Boolean).length);
  const poolKind = a.poolKind ?? (await pickPoolKind(steps));
  if (!poolKind) return undefined;
  if (!a.poolKind && poolKind === 'identityPool') steps.skip();
  const pool = a.poolId ? { id: a.poolId, name: a.poolName ?? a.poolId } : await pickPool(state, poolKind, steps);
  if (!pool) return undefined;
  const named = pool.name && pool.name !== pool.id ? { poolName: pool.name } : {};
  let target: BindTarget = { kind: 'identityPool', poolId: pool.id, ...named };
  if (poolKind === 'userPool') {
    let slot = a.slot;
    if (!slot) {
      const bound = await boundSlots(state, pool);
      if (!bound) return undefined;
      if (!bound.size) {
        void vscode.window.showInformationMessage(`${pool.name}: no trigger is bound, so there is nothing to unbind.`);
        return undefined;
      }
      slot = (await pickSlot(state, steps, pool, { bound }))?.key;
    }
    if (!slot) return undefined;
    target = { kind: 'userPool', poolId: pool.id, ...named, slot };
  }
  return reviewAndApply(state, target, a.yes ?? false, a.removePermission ?? 'ask');
};

/** The pool's bound slots now: slot → its function's name (and event version). Undefined after an error (shown). */
async function boundSlots(state: ExtensionState, pool: PoolChoice): Promise<Map<string, string> | undefined> {
  const folders = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.toString());
  const r = await awsCall(state, AwsBindingsRequest.type, { folders, userPoolIds: [pool.id], identityPoolIds: [] }, `Reading the triggers of ${pool.name}`);
  const read = r?.userPools[0];
  if (!read) return undefined;
  if (read.error) {
    void showAwsError(read.error);
    return undefined;
  }
  const name = (arn: string) => arn.split(':').slice(6).join(':') || arn;
  return new Map(read.slots.flatMap((s) => (s.functionArn ? [[s.slot, `${name(s.functionArn)}${s.lambdaVersion ? ` (${s.lambdaVersion})` : ''}`] as [string, string]] : [])));
}
