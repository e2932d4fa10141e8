// Sends one invoke to the language server with progress, then shows the result.
import * as vscode from 'vscode';
import { InvokeLocalRequest } from '../../../server/src/core/protocol';
import type { ExtensionState } from '../context';
import { sendRequest } from '../languageClient';
import { log } from '../log';
import { rememberRun } from './lastRun';
import { ensureOutputListener, flushOutput } from './output';
import { showResult } from './resultView';

let runs = 0;

/** Runs the invoke and shows its result; returns the server's answer (tests read it). */
export async function runInvoke(state: ExtensionState, params: Omit<InvokeLocalRequest.Params, 'runId'>): Promise<InvokeLocalRequest.Result | undefined> {
  await state.ready();
  const client = state.client();
  ensureOutputListener(client);
  const runId = `run-${++runs}`;
  const answer = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: `Cognito Triggers: invoking ${params.handler.handlerName}` },
    () => sendRequest(client, InvokeLocalRequest.type, { ...params, runId }),
  );
  flushOutput(runId);
  if (!answer.ok) {
    log().error(answer.error.message);
    void vscode.window.showErrorMessage(`${answer.error.message}${answer.error.hint ? ` ${answer.error.hint}` : ''}`);
    return answer;
  }
  rememberRun({ ...params, event: answer.event });
  const handlerFile = vscode.Uri.parse(params.handler.uri).path.split('/').pop() ?? '';
  await showResult(answer.result, `${handlerFile}#${params.handler.handlerName} ← ${answer.eventLabel}`);
  return answer;
}
