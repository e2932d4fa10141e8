// Command: restart the language server.
import * as vscode from 'vscode';
import type { ExtensionState } from '../context';
import { log } from '../log';

/** `cognitoTriggers.restartServer`. */
export const restartServer = (state: ExtensionState) => async (): Promise<void> => {
  log().info('Restarting the language server.');
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: 'Cognito Triggers: restarting the language server' },
    () => state.restart(),
  );
};
