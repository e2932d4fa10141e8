// Command: re-read the pools of the Cognito Triggers view.
import type { AwsBindingsRequest } from '../../../server/src/core/protocol';
import type { ExtensionState } from '../context';
import { bindingsTree } from '../aws/view';

/**
 * `cognitoTriggers.refreshBindings`: drops what was read and lists the pools again (each is read when
 * expanded). Returns the snapshot the view shows; `{ expand: [poolId] }` also reads those pools (tests).
 */
export const refreshBindings = (_state: ExtensionState) => async (arg?: unknown): Promise<AwsBindingsRequest.Result | undefined> => {
  const tree = bindingsTree();
  if (!tree) return undefined;
  const expand = (arg as { expand?: unknown } | undefined)?.expand;
  return tree.reload(Array.isArray(expand) ? expand.filter((x): x is string => typeof x === 'string') : []);
};
