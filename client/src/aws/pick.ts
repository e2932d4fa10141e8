// Quick picks for the AWS commands: pool kind, pool, slot, version, function. Undefined = dismissed.
import * as vscode from 'vscode';
import { AwsListFunctionsRequest, AwsListPoolsRequest, AwsListSlotsRequest } from '../../../server/src/core/protocol';
import type { ExtensionState } from '../context';
import { awsCall } from './request';

/** Shown with the identity pool choice and in the Sync flows. */
export const SYNC_CLOSED = 'Cognito Sync is closed to new customers';

export async function pickPoolKind(): Promise<'userPool' | 'identityPool' | undefined> {
  const p = await vscode.window.showQuickPick(
    [
      { label: 'User pool', description: 'a LambdaConfig trigger', poolKind: 'userPool' as const },
      { label: 'Identity pool', description: `the Cognito Sync trigger — ${SYNC_CLOSED}`, poolKind: 'identityPool' as const },
    ],
    { title: 'Bind to a user pool or an identity pool?' },
  );
  return p?.poolKind;
}

export async function pickPool(state: ExtensionState, kind: 'userPool' | 'identityPool'): Promise<string | undefined> {
  const pools = await awsCall(state, AwsListPoolsRequest.type, { kind }, kind === 'userPool' ? 'Listing user pools' : 'Listing identity pools');
  if (!pools) return undefined;
  if (pools.length === 0) return void vscode.window.showWarningMessage(`No ${kind === 'userPool' ? 'user' : 'identity'} pools in this Region. Choose another Region (Cognito Triggers: Select AWS Region).`);
  const p = await vscode.window.showQuickPick(pools.map((x) => ({ label: x.name, description: x.id, id: x.id })), { title: 'Pool', matchOnDescription: true });
  return p?.id;
}

export async function pickSlot(state: ExtensionState): Promise<{ key: string; lambdaVersions: string[]; requiresKmsKey: boolean } | undefined> {
  const slots = await awsCall(state, AwsListSlotsRequest.type, undefined, 'Listing trigger slots');
  if (!slots) return undefined;
  const p = await vscode.window.showQuickPick(slots.map((s) => ({ label: s.key, description: s.displayName, detail: s.requiresKmsKey ? 'Needs a KMS key (LambdaConfig.KMSKeyID)' : s.lambdaVersions.length > 1 ? `Event versions ${s.lambdaVersions.join(', ')}` : undefined, slot: s })), { title: 'Trigger slot (LambdaConfig key)' });
  return p?.slot;
}

export async function pickVersion(versions: string[]): Promise<string | undefined> {
  if (versions.length <= 1) return versions[0];
  const p = await vscode.window.showQuickPick(
    versions.map((v) => ({ label: v, description: v === 'V1_0' ? 'any feature plan' : 'needs the Essentials or Plus feature plan' })),
    { title: 'Event version (LambdaVersion)' },
  );
  return p?.label;
}

export async function pickFunction(state: ExtensionState): Promise<string | undefined> {
  const fns = await awsCall(state, AwsListFunctionsRequest.type, {}, 'Listing Lambda functions');
  if (!fns) return undefined;
  if (fns.length === 0) return void vscode.window.showWarningMessage('No Lambda functions in this Region.');
  const p = await vscode.window.showQuickPick(fns.map((f) => ({ label: f.name, description: f.runtime ?? '', detail: f.arn, arn: f.arn })), { title: 'Function (type to filter)', matchOnDetail: true });
  return p?.arn;
}
