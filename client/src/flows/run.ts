// Runs a flow in the language server with progress, answers its custom challenges through input boxes,
// and shows the timeline. The last run's parameters are kept for Re-run.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { FlowAnswerRequest, FlowStepNotification, RunFlowRequest } from '../../../server/src/core/protocol';
import type { ExtensionState } from '../context';
import { onNotification, sendRequest } from '../languageClient';
import { log } from '../log';
import { ensureOutputListener, flushOutput } from '../invoke/output';
import { showTimeline } from './timelineView';

/** What a run needs besides its id (Re-run sends it again). */
export type FlowRunParams = Omit<RunFlowRequest.Params, 'runId'>;

interface Running {
  cancelled: boolean;
  report(message: string): void;
}

const running = new Map<string, Running>();
const listening = new WeakSet<LanguageClient>();
let runs = 0;
let last: FlowRunParams | undefined;

/** The last run's parameters (Re-run). */
export function lastFlowRun(): FlowRunParams | undefined {
  return last;
}

/** Asks the user for a custom challenge's answer, showing what the app receives. */
async function askAnswer(p: FlowAnswerRequest.Params): Promise<FlowAnswerRequest.Result> {
  const run = running.get(p.runId);
  if (!run || run.cancelled) return {};
  const params = Object.keys(p.parameters).length ? JSON.stringify(p.parameters) : 'no public parameters';
  const answer = await vscode.window.showInputBox({
    title: `Custom challenge, round ${p.round}: ${p.challengeName}`,
    prompt: `The app receives ${params}. Your answer (Escape: the app gives none and the flow stops here):`,
    placeHolder: 'the answer the user types',
    ignoreFocusOut: true,
  });
  return answer === undefined ? {} : { answer };
}

/** Subscribes a client (once; a restart makes a new one) to answer requests and step notifications. */
function ensureFlowHandlers(client: LanguageClient): void {
  if (listening.has(client)) return;
  listening.add(client);
  client.onRequest(FlowAnswerRequest.method, (p: FlowAnswerRequest.Params) => askAnswer(p));
  onNotification(client, FlowStepNotification.type, (p) => running.get(p.runId)?.report(p.label));
}

/** Runs the flow and shows its timeline; resolves with the server's answer (tests read it). */
export async function runFlowNow(state: ExtensionState, params: FlowRunParams): Promise<RunFlowRequest.Result | undefined> {
  await state.ready();
  const client = state.client();
  ensureFlowHandlers(client);
  ensureOutputListener(client);
  const runId = `flow-${++runs}`;
  last = params;
  void vscode.commands.executeCommand('setContext', 'cognitoTriggers.hasFlowRun', true);
  const pool = params.pool ? (params.pool.kind === 'described' ? params.pool.poolId : vscode.workspace.asRelativePath(vscode.Uri.parse(params.pool.uri), false)) : undefined;
  const title = `${params.flow}${params.username ? ` as ${params.username}` : ''}${pool ? ` on ${pool}` : ''}`;
  const answer = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Cognito Triggers: running ${title}`, cancellable: true },
    async (progress, token) => {
      const r: Running = { cancelled: false, report: (message) => progress.report({ message }) };
      // The handlers already running finish; no further answer is given, so the flow stops at the next challenge.
      token.onCancellationRequested(() => (r.cancelled = true));
      running.set(runId, r);
      try {
        return await sendRequest(client, RunFlowRequest.type, { ...params, runId });
      } finally {
        running.delete(runId);
      }
    },
  );
  flushOutput(runId);
  if (!answer.ok) {
    log().error(answer.error.message);
    void vscode.window.showErrorMessage(`${answer.error.message}${answer.error.hint ? ` ${answer.error.hint}` : ''}`);
    return answer;
  }
  log().info(`Flow ${title}: ${answer.outcome}${answer.appError ? ` — the app receives ${answer.appError}` : ''}`);
  await showTimeline(state.context, answer.timeline, title);
  return answer;
}
