// Command: choose the AWS Region kept in settings.
import * as vscode from 'vscode';
import { AwsProfilesRequest } from '../../../server/src/core/protocol';
import type { ExtensionState } from '../context';
import { awsCall, bindingsChanged } from '../aws/request';

/** `cognitoTriggers.selectRegion`. */
export const selectRegion = (state: ExtensionState) => async (): Promise<string | undefined> => {
  const r = await awsCall(state, AwsProfilesRequest.type, undefined, 'Reading AWS Regions');
  if (!r) return undefined;
  const items = [{ label: '$(circle-slash) From the profile or AWS_REGION', value: '' }, ...r.regions.map((x) => ({ label: x, value: x }))];
  const pick = await vscode.window.showQuickPick(items, { title: 'AWS Region for Cognito Triggers' });
  if (!pick) return undefined;
  await vscode.workspace.getConfiguration('cognitoTriggers').update('aws.region', pick.value, vscode.ConfigurationTarget.Global);
  bindingsChanged.fire();
  return pick.value;
};
