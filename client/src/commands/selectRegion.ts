// Command: choose the AWS Region kept in settings; each Region shows its name beside its code.
import * as vscode from 'vscode';
import { AwsProfilesRequest } from '../../../server/src/core/protocol';
import type { ExtensionState } from '../context';
import { awsCall, bindingsChanged } from '../aws/request';

/** `cognitoTriggers.selectRegion`. */
export const selectRegion = (state: ExtensionState) => async (): Promise<string | undefined> => {
  const r = await awsCall(state, AwsProfilesRequest.type, undefined, 'Reading AWS Regions');
  if (!r) return undefined;
  const current = vscode.workspace.getConfiguration('cognitoTriggers').get<string>('aws.region') ?? '';
  const items = [
    { label: '$(circle-slash) From the profile or AWS_REGION', value: '' },
    // "us-east-1 — US East (N. Virginia)": typing either the code or a word of the name finds it.
    ...r.regions.map((x) => ({ label: x, description: [r.regionNames[x], x === current ? '(current)' : ''].filter(Boolean).join(' '), value: x })),
  ];
  const pick = await vscode.window.showQuickPick(items, { title: 'AWS Region for Cognito Triggers', placeHolder: 'Type a code or a name (Virginia, Frankfurt, Tokyo…)', matchOnDescription: true });
  if (!pick) return undefined;
  await vscode.workspace.getConfiguration('cognitoTriggers').update('aws.region', pick.value, vscode.ConfigurationTarget.Global);
  bindingsChanged.fire();
  return pick.value;
};
