// Status bar item showing the AWS profile and Region the AWS features use; click to change the profile.
import * as vscode from 'vscode';

/** Creates the item and keeps it in sync with the settings. */
export function registerAwsStatusBar(context: vscode.ExtensionContext): void {
  const item = vscode.window.createStatusBarItem('cognitoTriggers.aws', vscode.StatusBarAlignment.Left, 10);
  item.name = 'Cognito Triggers: AWS profile and Region';
  item.command = 'cognitoTriggers.selectProfile';
  const update = () => {
    const c = vscode.workspace.getConfiguration('cognitoTriggers.aws');
    const profile = c.get<string>('profile') || 'default chain';
    const region = c.get<string>('region') || 'Region from profile/env';
    item.text = `$(cloud) ${profile} · ${region}`;
    item.tooltip = 'AWS profile and Region for remote invoke and trigger bindings. Click to choose the profile; run "Cognito Triggers: Select AWS Region" for the Region.';
    item.show();
  };
  update();
  context.subscriptions.push(item, vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('cognitoTriggers.aws') && update()));
}
