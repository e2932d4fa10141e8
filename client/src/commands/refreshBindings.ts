// Command: re-read the pools of the Cognito Triggers view.
import type { AwsBindingsRequest } from '../../../server/src/core/protocol';
import type { ExtensionState } from '../context';
import { bindingsTree } from '../aws/view';

/** `cognitoTriggers.refreshBindings`. Returns the snapshot the view shows (tests read it). */
export const refreshBindings = (_state: ExtensionState) => async (): Promise<AwsBindingsRequest.Result | undefined> => {
  const tree = bindingsTree();
  if (!tree) return undefined;
  return tree.reload();
};
