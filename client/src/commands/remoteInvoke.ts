// Command: invoke a deployed function with an event picked as for a local invoke (workspace event files of its trigger, or a sample), shown like a local invoke.
import * as vscode from 'vscode';
import { AwsRemoteInvokeRequest, type InvokeResult } from '../../../server/src/core/protocol';
import type { ExtensionState } from '../context';
import { pickFunction } from '../aws/pick';
import { awsCall } from '../aws/request';
import { showResult } from '../invoke/resultView';
import { Steps } from '../steps';
import { pickEvent } from './invokeLocal';

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
  const knownEvent = !!a.eventUri || !!(a.source && a.triggerId);
  const steps = new Steps('Invoke Deployed Function', [!a.functionName, !knownEvent].filter(Boolean).length);
  const functionName = a.functionName ?? (await pickFunction(state, steps, 'function to invoke'));
  if (!functionName) return undefined;
  const event = await chooseEvent(state, a, steps);
  if (!event) return undefined;
  const result = await awsCall(state, AwsRemoteInvokeRequest.type, { functionName, ...event }, `Invoking ${functionName.split(':').slice(6).join(':') || functionName}`);
  if (result) await showResult(result, `${result.target} (remote)`, 'remote');
  return result;
};

/** The event: given, or picked the way a local invoke picks it (event files of the trigger, then samples). */
async function chooseEvent(state: ExtensionState, a: RemoteInvokeArgs, steps: Steps): Promise<{ event?: unknown; triggerId?: string; source?: string } | undefined> {
  if (a.eventUri) return readEvent(vscode.Uri.parse(a.eventUri), a.triggerId);
  if (a.source && a.triggerId) return { triggerId: a.triggerId, source: a.source };
  // The folder to search: the active editor's, else the first workspace folder.
  const scope = vscode.window.activeTextEditor?.document.uri ?? vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!scope) return undefined;
  await state.ready();
  const picked = await pickEvent(state, scope.toString(), a.triggerId ? [a.triggerId] : [], undefined, steps);
  if (!picked) return undefined;
  if (picked.kind === 'file') return readEvent(vscode.Uri.parse(picked.uri), a.triggerId);
  if (picked.kind === 'generate') return { triggerId: picked.triggerId, ...(picked.source ? { source: picked.source } : {}) };
  return { event: picked.value, ...(a.triggerId ? { triggerId: a.triggerId } : {}) };
}

async function readEvent(uri: vscode.Uri, triggerId: string | undefined): Promise<{ event: unknown; triggerId?: string } | undefined> {
  // The editor's text wins over the disk, as for a local invoke: the user sends what they see.
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  const text = open ? open.getText() : new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  try {
    return { event: JSON.parse(text) as unknown, ...(triggerId ? { triggerId } : {}) };
  } catch (e) {
    void vscode.window.showErrorMessage(`${vscode.workspace.asRelativePath(uri)} is not valid JSON (${e instanceof Error ? e.message : String(e)}). Fix it and invoke again.`);
    return undefined;
  }
}
