// Remembers the last invoke so that Invoke Again repeats it; sets the `cognitoTriggers.hasLastInvoke` context key.
import * as vscode from 'vscode';
import type { InvokeLocalRequest } from '../../../server/src/core/protocol';

let last: Omit<InvokeLocalRequest.Params, 'runId'> | undefined;

/** Records the parameters of a successful request. */
export function rememberRun(params: Omit<InvokeLocalRequest.Params, 'runId'>): void {
  last = params;
  void vscode.commands.executeCommand('setContext', 'cognitoTriggers.hasLastInvoke', true);
}

/** The last invoke's parameters, if any. */
export function lastRun(): Omit<InvokeLocalRequest.Params, 'runId'> | undefined {
  return last;
}
