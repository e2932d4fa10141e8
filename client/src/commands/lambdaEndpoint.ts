// Commands: start and stop a local Lambda Invoke API endpoint serving the folder's handlers (for cognito-local's
// LambdaClient endpoint or the app's integration tests); each invocation appears in the Flow Timeline.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { LambdaInvocationNotification, StartLambdaEndpointRequest, StopLambdaEndpointRequest } from '../../../server/src/core/protocol';
import { requireTrust, type ExtensionState } from '../context';
import { appendToTimeline } from '../flows/timelineView';
import { ensureOutputListener } from '../invoke/output';
import { onNotification, sendRequest } from '../languageClient';
import { log } from '../log';

const listening = new WeakSet<LanguageClient>();

async function pickFolder(placeHolder: string): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length <= 1) return folders[0];
  return vscode.window.showWorkspaceFolderPick({ placeHolder });
}

/** The Flow Timeline's title while an endpoint's invocations show there. */
export const endpointTitle = (url: string): string => `Lambda endpoint ${url}`;

/** `cognitoTriggers.startLambdaEndpoint`: resolves with the server's answer (tests read the URL). */
export const startLambdaEndpoint = (state: ExtensionState) => async (): Promise<StartLambdaEndpointRequest.Result | undefined> => {
  if (!(await requireTrust('Serving the handlers on a local Lambda endpoint'))) return undefined;
  const folder = await pickFolder('The folder whose handlers the endpoint serves');
  if (!folder) {
    void vscode.window.showInformationMessage('Open a folder with trigger handlers to serve them on a local Lambda endpoint.');
    return undefined;
  }
  await state.ready();
  const client = state.client();
  ensureOutputListener(client);
  if (!listening.has(client)) {
    listening.add(client);
    onNotification(client, LambdaInvocationNotification.type, (p) => {
      log().info(`Lambda endpoint ${p.url}: ${p.node.label} — ${p.node.description ?? ''}`);
      void appendToTimeline(state.context, p.node, endpointTitle(p.url));
    });
  }
  const r = await sendRequest(client, StartLambdaEndpointRequest.type, { folderUri: folder.uri.toString() });
  if (!r.ok) {
    void vscode.window.showErrorMessage(`${r.error.message}${r.error.hint ? ` ${r.error.hint}` : ''}`);
    return r;
  }
  void vscode.commands.executeCommand('setContext', 'cognitoTriggers.lambdaEndpointRunning', true);
  log().info(`Lambda endpoint at ${r.url}; functions: ${r.functions.join(', ')}`);
  const copy = 'Copy URL';
  void vscode.window.showInformationMessage(`${r.already ? 'Already serving' : 'Serving'} ${r.functions.length} function names of ${folder.name} at ${r.url} (cognito-local's LambdaClient endpoint, or AWS_ENDPOINT_URL_LAMBDA). Each invocation shows in the Flow Timeline.`, copy).then((pick) => {
    if (pick === copy) void vscode.env.clipboard.writeText(r.url);
  });
  return r;
};

/** `cognitoTriggers.stopLambdaEndpoint`. */
export const stopLambdaEndpoint = (state: ExtensionState) => async (): Promise<boolean> => {
  const folder = await pickFolder('The folder whose Lambda endpoint to stop');
  if (!folder) return false;
  await state.ready();
  const r = await sendRequest(state.client(), StopLambdaEndpointRequest.type, { folderUri: folder.uri.toString() });
  void vscode.commands.executeCommand('setContext', 'cognitoTriggers.lambdaEndpointRunning', false);
  void vscode.window.showInformationMessage(r.stopped ? `The local Lambda endpoint of ${folder.name} stopped.` : `No local Lambda endpoint was running for ${folder.name}.`);
  return r.stopped;
};
