// Sends one invoke to the language server with a cancellable progress notification, then shows the result.
import * as vscode from 'vscode';
import { InvokeLocalRequest, plainText } from '../../../server/src/core/protocol';
import type { ExtensionState } from '../context';
import { sendRequest } from '../languageClient';
import { log } from '../log';
import { rememberRun } from './lastRun';
import { ensureOutputListener, flushOutput } from './output';
import { clearStatus, showResult, showRunning } from './resultView';

let runs = 0;

/** "preSignUp.js#handler ← events/PreSignUp/PreSignUp_SignUp.json": how views and notifications name a run. */
function runTitle(params: Omit<InvokeLocalRequest.Params, 'runId'>, eventLabel: string): string {
  const handlerFile = vscode.Uri.parse(params.handler.uri).path.split('/').pop() ?? '';
  return `${handlerFile}#${params.handler.handlerName} ← ${eventLabel}`;
}

/** What the progress notification names as the event before the server has read it. */
function eventHint(params: Omit<InvokeLocalRequest.Params, 'runId'>): string {
  const e = params.event;
  if (e.kind === 'file') return vscode.workspace.asRelativePath(vscode.Uri.parse(e.uri));
  if (e.kind === 'value') return e.label;
  return `a sample ${e.source ?? e.triggerId} event`;
}

/**
 * Runs the invoke and shows its result; returns the server's answer (tests read it). The run's one
 * notification is its progress, with Cancel: Cancel sends $/cancelRequest and the server ends the
 * handler's process and everything it started.
 */
export async function runInvoke(state: ExtensionState, params: Omit<InvokeLocalRequest.Params, 'runId'>): Promise<InvokeLocalRequest.Result | undefined> {
  await state.ready();
  const client = state.client();
  ensureOutputListener(client);
  const runId = `run-${++runs}`;
  const title = runTitle(params, eventHint(params));
  showRunning(title);
  let answer: InvokeLocalRequest.Result;
  try {
    answer = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Invoking ${title}`, cancellable: true },
      (_progress, token) => sendRequest(client, InvokeLocalRequest.type, { ...params, runId }, token),
    );
  } catch (e) {
    // The client library rejects a cancelled request itself when the server's answer comes too late.
    flushOutput(runId);
    clearStatus();
    if (e instanceof vscode.CancellationError || (e as { code?: number })?.code === -32800) {
      log().info(`Invoke of ${title} cancelled.`);
      return { ok: false, error: { code: 'cancelled', message: 'Invoke cancelled.' } };
    }
    throw e;
  }
  flushOutput(runId);
  if (!answer.ok) {
    clearStatus();
    if (answer.error.code === 'cancelled') {
      log().info(answer.error.message);
      return answer;
    }
    log().error(answer.error.message);
    void vscode.window.showErrorMessage(plainText(`${answer.error.message}${answer.error.hint ? ` ${answer.error.hint}` : ''}`));
    return answer;
  }
  rememberRun({ ...params, event: answer.event });
  await showResult(answer.result, runTitle(params, answer.eventLabel));
  return answer;
}
