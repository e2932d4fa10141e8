// Command: clear a user pool slot or an identity pool's Sync trigger, the same safe way as bind.
import type { AwsApplyBindRequest, BindTarget } from '../../../server/src/core/protocol';
import type { ExtensionState } from '../context';
import { pickPool, pickPoolKind, pickSlot } from '../aws/pick';
import { reviewAndApply } from './bindTrigger';

/** Optional arguments (a slot node of the bindings view has these fields). */
export interface UnbindArgs {
  poolKind?: 'userPool' | 'identityPool';
  poolId?: string;
  slot?: string;
  yes?: boolean;
  /** Remove our permission statement; asked when absent. */
  removePermission?: boolean;
}

/** `cognitoTriggers.unbindTrigger`. */
export const unbindTrigger = (state: ExtensionState) => async (arg?: unknown): Promise<AwsApplyBindRequest.Result | undefined> => {
  const a = (arg ?? {}) as UnbindArgs;
  const poolKind = a.poolKind ?? (await pickPoolKind());
  if (!poolKind) return undefined;
  const poolId = a.poolId ?? (await pickPool(state, poolKind));
  if (!poolId) return undefined;
  let target: BindTarget = { kind: 'identityPool', poolId };
  if (poolKind === 'userPool') {
    const slot = a.slot ?? (await pickSlot(state))?.key;
    if (!slot) return undefined;
    target = { kind: 'userPool', poolId, slot };
  }
  return reviewAndApply(state, target, a.yes ?? false, a.removePermission ?? 'ask');
};
