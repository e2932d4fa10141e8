// A bind/unbind that stopped half way: say what was and was not done, refresh the view, offer Finish and Roll back.
import * as vscode from 'vscode';
import { AwsRecoverBindRequest, type AwsApplyBindRequest, type PartialChange } from '../../../server/src/core/protocol';
import type { ExtensionState } from '../context';
import { log } from '../log';
import { awsCall, bindingsChanged } from './request';

const FINISH = 'Finish';
const ROLL_BACK = 'Roll back';

/** Shows the partial change (modal: the pool may be failing its users now) and runs the chosen recovery. */
export async function reportPartialChange(state: ExtensionState, partial: PartialChange): Promise<AwsApplyBindRequest.Result | undefined> {
  // The pool did change: the view must show it as it is now, not as before.
  bindingsChanged.fire();
  log().warn(`Partial change on ${partial.poolName ? `${partial.poolName} (${partial.poolId})` : partial.poolId}: ${partial.error.message}`);
  const pick = await vscode.window.showWarningMessage(partial.title, { modal: true, detail: partial.detail }, FINISH, ROLL_BACK);
  if ((pick !== FINISH && pick !== ROLL_BACK) || !partial.recoveryId) return undefined;
  const action = pick === FINISH ? 'finish' : 'rollback';
  const result = await awsCall(state, AwsRecoverBindRequest.type, { recoveryId: partial.recoveryId, action }, `${partial.poolName ?? partial.poolId}: ${pick === FINISH ? 'finishing the change' : 'rolling back the change'}`);
  bindingsChanged.fire();
  if (!result) return undefined;
  for (const l of result.lines) log().info(l);
  if (result.partial) return reportPartialChange(state, result.partial);
  void vscode.window.showInformationMessage(result.summary ?? result.lines.join(' '));
  return result;
}
