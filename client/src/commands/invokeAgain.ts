// Command: repeat the last local invoke (same handler, same event; the event file is read again).
import * as vscode from 'vscode';
import type { InvokeLocalRequest } from '../../../server/src/core/protocol';
import { requireTrust, type ExtensionState } from '../context';
import { lastRun } from '../invoke/lastRun';
import { runInvoke } from '../invoke/run';

/** `cognitoTriggers.invokeAgain`. */
export const invokeAgain = (state: ExtensionState) => async (): Promise<InvokeLocalRequest.Result | undefined> => {
  const last = lastRun();
  if (!last) {
    void vscode.window.showInformationMessage('Nothing to invoke again yet: run Cognito Triggers: Invoke Locally… first.');
    return undefined;
  }
  if (!(await requireTrust('Invoking a handler locally'))) return undefined;
  return runInvoke(state, last);
};
