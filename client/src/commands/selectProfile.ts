// Command: choose the AWS profile (from the shared config/credentials files) kept in settings.
import * as vscode from 'vscode';
import { AwsProfilesRequest } from '../../../server/src/core/protocol';
import type { ExtensionState } from '../context';
import { awsCall, bindingsChanged } from '../aws/request';

/** `cognitoTriggers.selectProfile`. */
export const selectProfile = (state: ExtensionState) => async (): Promise<string | undefined> => {
  const r = await awsCall(state, AwsProfilesRequest.type, undefined, 'Reading AWS profiles');
  if (!r) return undefined;
  const items = [
    { label: '$(circle-slash) Default provider chain', description: 'AWS_PROFILE, environment, SSO, instance metadata…', value: '' },
    ...r.profiles.map((p) => ({ label: p.name, description: [p.region, p.sso ? 'SSO' : ''].filter(Boolean).join(' · '), value: p.name })),
  ];
  const pick = await vscode.window.showQuickPick(items, { title: 'AWS profile for Cognito Triggers' });
  if (!pick) return undefined;
  await vscode.workspace.getConfiguration('cognitoTriggers').update('aws.profile', pick.value, vscode.ConfigurationTarget.Global);
  bindingsChanged.fire();
  return pick.value;
};
