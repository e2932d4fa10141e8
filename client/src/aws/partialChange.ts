// A bind/unbind that stopped half way: say what was and was not done, refresh the view, offer Finish and Roll back.
import * as vscode from 'vscode';
import { AwsRecoverBindRequest, type AwsApplyBindRequest, type PartialChange } from '../../../server/src/core/protocol';
import type { ExtensionState } from '../context';
import { log } from '../log';
import { awsCall, bindingsChanged } from './request';

const FINISH = 'Finish';
const ROLL_BACK = 'Roll back';
/** Error codes (errors.ts) of input AWS refuses as such: retrying the same request cannot help. */
const REFUSED_INPUT = new Set(['KmsKeyRefused', 'InvalidParameterException', 'InvalidParameterValueException', 'ValidationException', 'InvalidInput']);

/** Shows the partial change (modal: the pool may be failing its users now) and runs the chosen recovery. */
export async function reportPartialChange(state: ExtensionState, partial: PartialChange): Promise<AwsApplyBindRequest.Result | undefined> {
  // The pool did change: the view must show it as it is now, not as before.
  bindingsChanged.fire();
  const detail = [
    partial.impact,
    '',
    'Done:',
    ...partial.applied.map((a) => `  ✔ ${a}`),
    'Not done:',
    ...partial.notApplied.map((a, i) => `  ${i === 0 ? '✖' : '·'} ${a}`),
    '',
    `${partial.error.message} ${partial.error.hint}`,
    '',
    // Finishing with input AWS refused fails the same way: say so instead of offering a retry that cannot help.
    REFUSED_INPUT.has(partial.error.code)
      ? `Finish would fail the same way until that is fixed; Roll back restores the slot as it was before (refused if someone changed the pool since).`
      : `Finish retries the steps not done; Roll back restores the slot as it was before (refused if someone changed the pool since). From a terminal: ${partial.finishCommand}`,
  ].join('\n');
  log().warn(`Partial change on ${partial.poolId}: ${partial.error.message}`);
  const pick = await vscode.window.showWarningMessage(`The change to ${partial.poolId} stopped half way.`, { modal: true, detail }, FINISH, ROLL_BACK);
  if ((pick !== FINISH && pick !== ROLL_BACK) || !partial.recoveryId) return undefined;
  const action = pick === FINISH ? 'finish' : 'rollback';
  const result = await awsCall(state, AwsRecoverBindRequest.type, { recoveryId: partial.recoveryId, action }, pick === FINISH ? 'Finishing the change' : 'Rolling back the change');
  bindingsChanged.fire();
  if (!result) return undefined;
  for (const l of result.lines) log().info(l);
  if (result.partial) return reportPartialChange(state, result.partial);
  void vscode.window.showInformationMessage(result.lines.join(' '));
  return result;
}
