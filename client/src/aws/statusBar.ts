// Status bar item showing the AWS profile and Region the AWS features use, and where the Region comes from; click to change either.
import { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';
import * as vscode from 'vscode';

/**
 * The Region the AWS SDK would use, and where it comes from: the setting, then `AWS_REGION` /
 * `AWS_DEFAULT_REGION` (the environment the language server inherits), then the profile's `region`
 * in the shared config file. Undefined when none has one, so the item never promises a Region that is not there.
 */
async function effectiveRegion(setting: string, profile: string): Promise<{ region: string; from: string } | undefined> {
  if (setting) return { region: setting, from: 'setting' };
  const env = process.env.AWS_REGION || process.env.AWS_DEFAULT_REGION;
  if (env) return { region: env, from: 'environment' };
  const name = profile || process.env.AWS_PROFILE || 'default';
  const files = await loadSharedConfigFiles().catch(() => undefined);
  const region = files?.configFile?.[name]?.region ?? files?.credentialsFile?.[name]?.region;
  return region ? { region, from: `profile ${name}` } : undefined;
}

/** Creates the item and keeps it in sync with the settings. */
export function registerAwsStatusBar(context: vscode.ExtensionContext): void {
  const item = vscode.window.createStatusBarItem('cognitoTriggers.aws', vscode.StatusBarAlignment.Left, 10);
  item.name = 'Cognito Triggers: AWS profile and Region';
  item.command = 'cognitoTriggers.chooseAwsTarget';
  const update = async () => {
    const c = vscode.workspace.getConfiguration('cognitoTriggers.aws');
    const profile = c.get<string>('profile') ?? '';
    const r = await effectiveRegion(c.get<string>('region') ?? '', profile);
    item.text = `$(cloud) ${profile || 'default chain'} · ${r ? (r.from === 'setting' ? r.region : `${r.region} (${r.from})`) : '$(warning) no Region'}`;
    item.tooltip = `AWS profile and Region for remote invoke and trigger bindings${r ? `; the Region comes from the ${r.from}` : ': no Region is set (setting, AWS_REGION or the profile)'}. Click to change the profile or the Region.`;
    item.show();
  };
  void update();
  context.subscriptions.push(
    item,
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('cognitoTriggers.aws') && void update()),
  );
}
