// Command: one click on the AWS status item offers both the profile and the Region.
import * as vscode from 'vscode';
import type { ExtensionState } from '../context';

/** `cognitoTriggers.chooseAwsTarget`. */
export const chooseAwsTarget = (_state: ExtensionState) => async (): Promise<void> => {
  const pick = await vscode.window.showQuickPick(
    [
      { label: '$(account) Select AWS Profile…', command: 'cognitoTriggers.selectProfile' },
      { label: '$(globe) Select AWS Region…', command: 'cognitoTriggers.selectRegion' },
    ],
    { title: 'Cognito Triggers: AWS profile and Region' },
  );
  if (pick) await vscode.commands.executeCommand(pick.command);
};
