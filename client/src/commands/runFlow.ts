// Command: run a whole Cognito flow through the workspace's handlers — pick the flow and the user, answer
// custom challenges as they come — and show the timeline. Also Re-run and the JSON of a timeline row.
import * as vscode from 'vscode';
import { FLOW_CHOICES, FlowUserRequest, type RunFlowRequest, type TimelineNode } from '../../../server/src/core/protocol';
import { requireTrust, type ExtensionState } from '../context';
import { sendRequest } from '../languageClient';
import { lastFlowRun, runFlowNow, type FlowRunParams } from '../flows/run';
import { Steps } from '../steps';

/** Flows that act on a named user. */
const NEEDS_USER = new Set(['sign-up', 'admin-create-user', 'sign-in', 'custom-auth', 'forgot-password', 'refresh']);
/** Flows that need the user to be in the store already (Run Flow offers to create them). */
const NEEDS_EXISTING = new Set(['sign-in', 'custom-auth', 'refresh']);
const PASSWORD = new Set(['sign-up', 'sign-in', 'custom-auth', 'forgot-password']);

/** `a=1, b=2` → { a: '1', b: '2' }; a string naming what is wrong, for validateInput. */
export function parseAttributes(text: string): Record<string, string> | string {
  const out: Record<string, string> = {};
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const eq = part.indexOf('=');
    if (eq <= 0) return `"${part}" is not name=value (e.g. email=jane@example.com).`;
    out[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return out;
}

const isParams = (a: unknown): a is FlowRunParams => typeof (a as FlowRunParams)?.flow === 'string';

async function pickFolder(): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length <= 1) return folders[0];
  return vscode.window.showWorkspaceFolderPick({ placeHolder: 'The folder whose handlers run' });
}

/** Asks for the flow and the user; undefined when the user cancels. */
async function askParams(state: ExtensionState): Promise<FlowRunParams | undefined> {
  const folder = await pickFolder();
  if (!folder) {
    void vscode.window.showInformationMessage('Open a folder with trigger handlers to run a flow.');
    return undefined;
  }
  // Planned: the flow, the user, the password, the attributes; the flow picked says which of them it asks.
  const steps = new Steps('Run Flow', 4);
  const flow = (await vscode.window.showQuickPick(FLOW_CHOICES.map((c) => ({ label: c.name, detail: c.description })), { title: steps.next('which Cognito flow?'), matchOnDetail: true }))?.label;
  if (!flow) return undefined;
  steps.skip(Number(!NEEDS_USER.has(flow)) + Number(!PASSWORD.has(flow)));
  const params: FlowRunParams = { folderUri: folder.uri.toString(), flow };
  if (NEEDS_USER.has(flow)) {
    const username = await vscode.window.showInputBox({ title: steps.next(`${flow}, user name`), value: 'jane.doe', validateInput: (v) => (v.trim() ? undefined : 'A user name is needed.') });
    if (username === undefined) return undefined;
    params.username = username.trim();
  }
  if (PASSWORD.has(flow)) {
    const password = await vscode.window.showInputBox({ title: steps.next(`${flow}, password`), prompt: flow === 'custom-auth' ? 'Empty: CUSTOM_AUTH without SRP; a password starts with SRP_A so Define may ask PASSWORD_VERIFIER.' : undefined, password: true });
    if (password === undefined) return undefined;
    if (password) params.password = password;
  }
  const attrs = await vscode.window.showInputBox({
    title: steps.next(flow === 'sync' ? 'sync, dataset records' : `${flow}, user attributes`),
    prompt: 'name=value pairs separated by commas; empty for none',
    value: flow === 'sync' ? 'level=2' : NEEDS_USER.has(flow) ? 'email=jane.doe@example.com' : '',
    validateInput: (v) => {
      const r = parseAttributes(v);
      return typeof r === 'string' ? r : undefined;
    },
  });
  if (attrs === undefined) return undefined;
  params.attributes = parseAttributes(attrs) as Record<string, string>;
  if (NEEDS_EXISTING.has(flow) && params.username) {
    await state.ready();
    const u = await sendRequest(state.client(), FlowUserRequest.type, { folderUri: params.folderUri, username: params.username });
    if (!u.exists) {
      // A step the answers brought: the user is not in the store yet.
      steps.add();
      const create = `Create ${params.username} (CONFIRMED) in the local user store`;
      const pick = await vscode.window.showQuickPick([create, `Run as an unknown user`], { title: steps.next(`${params.username} is not in this session's local user store`) });
      if (!pick) return undefined;
      params.createUser = pick === create;
    }
  }
  return params;
}

/** `cognitoTriggers.runFlow`: asks for the flow and user (or takes them as the argument) and runs it. */
export const runFlow = (state: ExtensionState) => async (arg?: unknown): Promise<RunFlowRequest.Result | undefined> => {
  if (!(await requireTrust('Running a flow'))) return undefined;
  const params = isParams(arg) ? arg : await askParams(state);
  return params ? runFlowNow(state, params) : undefined;
};

/** `cognitoTriggers.rerunFlow`: the last flow again, same user (custom challenges are asked again). */
export const rerunFlow = (state: ExtensionState) => async (): Promise<RunFlowRequest.Result | undefined> => {
  const last = lastFlowRun();
  if (!last) {
    void vscode.window.showInformationMessage('No flow to run again yet: run Cognito Triggers: Run Flow… first.');
    return undefined;
  }
  if (!(await requireTrust('Running a flow'))) return undefined;
  // The user exists now if the first run created them.
  const { createUser: _created, ...again } = last;
  return runFlowNow(state, again);
};

/** `cognitoTriggers.showFlowJson`: a timeline row's event, answer or token, as a JSON document. */
export const showFlowJson = () => async (node?: unknown): Promise<void> => {
  const n = node as TimelineNode | undefined;
  if (n?.json === undefined) return;
  const doc = await vscode.workspace.openTextDocument({ language: 'json', content: `${JSON.stringify(n.json, null, 2)}\n` });
  await vscode.window.showTextDocument(doc, { preview: true, viewColumn: vscode.ViewColumn.Active });
};
