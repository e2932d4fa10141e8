// Command: invoke a deployed function with an event file or a sample, shown like a local invoke.
import * as vscode from 'vscode';
import { AwsRemoteInvokeRequest, ListTriggersRequest, type InvokeResult } from '../../../server/src/core/protocol';
import type { ExtensionState } from '../context';
import { pickFunction } from '../aws/pick';
import { awsCall } from '../aws/request';
import { showResult } from '../invoke/resultView';
import { sendRequest } from '../languageClient';

/** Optional arguments (a bound slot of the bindings view has functionName and triggerId). */
export interface RemoteInvokeArgs {
  functionName?: string;
  triggerId?: string;
  source?: string;
  /** An event JSON file. */
  eventUri?: string;
}

/** `cognitoTriggers.remoteInvoke`. Returns the result (tests read it). */
export const remoteInvoke = (state: ExtensionState) => async (arg?: unknown): Promise<InvokeResult | undefined> => {
  const a = (arg ?? {}) as RemoteInvokeArgs;
  const functionName = a.functionName ?? (await pickFunction(state));
  if (!functionName) return undefined;
  const event = await pickEvent(state, a);
  if (!event) return undefined;
  const result = await awsCall(state, AwsRemoteInvokeRequest.type, { functionName, ...event }, `Invoking ${functionName.split(':').slice(6).join(':') || functionName}`);
  if (result) await showResult(result, `${result.target} (remote)`, 'remote');
  return result;
};

async function pickEvent(state: ExtensionState, a: RemoteInvokeArgs): Promise<{ event?: unknown; triggerId?: string; source?: string } | undefined> {
  if (a.eventUri) return readEvent(vscode.Uri.parse(a.eventUri), a.triggerId);
  if (a.source && a.triggerId) return { triggerId: a.triggerId, source: a.source };
  const editor = vscode.window.activeTextEditor;
  type Item = vscode.QuickPickItem & { choice: 'file' | 'editor' | 'sample' };
  const items: Item[] = [
    { label: '$(sparkle) Sample event for a trigger…', choice: 'sample' },
    { label: '$(file) Event file…', choice: 'file' },
    ...(editor?.document.languageId === 'json' ? [{ label: `$(json) ${vscode.workspace.asRelativePath(editor.document.uri)}`, description: 'current editor', choice: 'editor' as const }] : []),
  ];
  const pick = await vscode.window.showQuickPick(items, { title: 'Event to send' });
  if (!pick) return undefined;
  if (pick.choice === 'editor' && editor) return readEvent(editor.document.uri, a.triggerId);
  if (pick.choice === 'file') {
    const [uri] = (await vscode.window.showOpenDialog({ canSelectMany: false, filters: { 'Event JSON': ['json'] } })) ?? [];
    return uri ? readEvent(uri, a.triggerId) : undefined;
  }
  await state.ready();
  const triggers = await sendRequest(state.client(), ListTriggersRequest.type, undefined);
  const sources = triggers.filter((t) => !a.triggerId || t.id === a.triggerId).flatMap((t) => t.sources.map((s) => ({ label: s.value, description: t.displayName, detail: s.description, triggerId: t.id })));
  const s = await vscode.window.showQuickPick(sources, { title: 'triggerSource of the sample event', matchOnDescription: true });
  return s ? { triggerId: s.triggerId, source: s.label } : undefined;
}

async function readEvent(uri: vscode.Uri, triggerId: string | undefined): Promise<{ event: unknown; triggerId?: string } | undefined> {
  const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  try {
    return { event: JSON.parse(text) as unknown, ...(triggerId ? { triggerId } : {}) };
  } catch (e) {
    void vscode.window.showErrorMessage(`${vscode.workspace.asRelativePath(uri)} is not valid JSON (${e instanceof Error ? e.message : String(e)}). Fix it and invoke again.`);
    return undefined;
  }
}
