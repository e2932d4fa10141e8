// Command: run a whole Cognito flow through the workspace's handlers — pick the flow and the user, answer
// custom challenges as they come — and show the timeline. Also Re-run and the JSON of a timeline row.
import * as vscode from 'vscode';
import { AwsDescribeUserPoolClientRequest, AwsDescribeUserPoolRequest, FLOW_CHOICES, FlowUserRequest, type FlowPoolChoice, type RunFlowRequest, type TimelineNode } from '../../../server/src/core/protocol';
import { pickPool } from '../aws/pick';
import { awsCall } from '../aws/request';
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
/** A user pool row of the Pools view (its context menu runs a flow on that pool). */
const isPoolNode = (a: unknown): a is { type: 'pool'; poolKind: 'userPool'; poolId: string } => (a as { type?: unknown })?.type === 'pool' && (a as { poolKind?: unknown }).poolKind === 'userPool' && typeof (a as { poolId?: unknown }).poolId === 'string';

/** Largest JSON file looked into for a DescribeUserPool answer (they are a few KB). */
const MAX_POOL_FILE_BYTES = 1024 * 1024;

/**
 * The deployed pool as DescribeUserPool answers it, with its app client: the only one as it is, one of
 * several as the user picks it (a step of its own), none said in the timeline; undefined after the error
 * was shown or when the user cancels.
 */
async function describeDeployed(state: ExtensionState, poolId: string, steps: Steps): Promise<FlowPoolChoice | undefined> {
  const r = await awsCall(state, AwsDescribeUserPoolRequest.type, { poolId }, `Reading ${poolId} and its app clients`);
  if (!r) return undefined;
  let client = r.UserPoolClient;
  if (!client && r.UserPoolClients.length > 1) {
    steps.add();
    const picked = await vscode.window.showQuickPick(
      r.UserPoolClients.map((c) => ({ label: c.ClientName, description: c.ClientId, clientId: c.ClientId })),
      { title: steps.next('which app client?'), placeHolder: 'The flow uses its ClientId, PreventUserExistenceErrors and AuthSessionValidity', matchOnDescription: true },
    );
    if (!picked) return undefined;
    const described = await awsCall(state, AwsDescribeUserPoolClientRequest.type, { poolId, clientId: picked.clientId }, `Reading the app client ${picked.label}`);
    if (!described) return undefined;
    client = described.UserPoolClient;
  }
  return { kind: 'described', poolId, described: { UserPool: r.UserPool, UserPoolClients: r.UserPoolClients, ...(client ? { UserPoolClient: client } : {}) } };
}

/** The folder's JSON files that hold a DescribeUserPool answer (LambdaConfig of a UserPool), with the pool id. */
async function poolFiles(folder: vscode.WorkspaceFolder): Promise<{ uri: vscode.Uri; id: string }[]> {
  const uris = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, '**/*.json'), '**/node_modules/**', 300);
  const found = await Promise.all(uris.map(async (uri) => {
    try {
      if ((await vscode.workspace.fs.stat(uri)).size > MAX_POOL_FILE_BYTES) return undefined;
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      if (!text.includes('"LambdaConfig"')) return undefined;
      const json = JSON.parse(text) as { UserPool?: { Id?: unknown; LambdaConfig?: unknown }; Id?: unknown; LambdaConfig?: unknown };
      const pool = json.UserPool ?? json;
      return pool && typeof pool === 'object' && pool.LambdaConfig ? { uri, id: typeof pool.Id === 'string' ? pool.Id : '' } : undefined;
    } catch {
      return undefined;
    }
  }));
  return found.filter((f): f is { uri: vscode.Uri; id: string } => !!f).sort((a, b) => a.uri.path.localeCompare(b.uri.path));
}

/**
 * Run Flow's pool, as the CLI's --pool: the folder's wiring alone (null), a DescribeUserPool JSON file,
 * or a deployed pool; undefined when the user cancels.
 */
async function pickFlowPool(state: ExtensionState, folder: vscode.WorkspaceFolder, steps: Steps): Promise<FlowPoolChoice | null | undefined> {
  const choice = await vscode.window.showQuickPick(
    [
      { label: "This folder's triggers", detail: 'The infrastructure code and cognito-triggers.json say which handler serves each trigger; a default pool and app client.', source: 'folder' as const },
      { label: 'A DescribeUserPool JSON file…', detail: "As cognito-triggers flow --pool FILE: the pool's LambdaConfig (bound slots, pre token generation version, custom sender KMS key) and app client.", source: 'file' as const },
      { label: 'A deployed user pool…', detail: 'DescribeUserPool and its app client through your AWS profile; each bound function runs its local handler (bindings file or infrastructure code).', source: 'deployed' as const },
    ],
    { title: steps.next('which pool configuration?'), matchOnDetail: true },
  );
  if (!choice) return undefined;
  if (choice.source === 'folder') return null;
  steps.add();
  if (choice.source === 'deployed') {
    const pool = await pickPool(state, 'userPool', steps);
    return pool ? describeDeployed(state, pool.id, steps) : undefined;
  }
  const files = await poolFiles(folder);
  const browse = { label: 'Browse…', detail: 'Any DescribeUserPool JSON file (aws cognito-idp describe-user-pool --user-pool-id ID > pool.json)' };
  const picked = await vscode.window.showQuickPick(
    [...files.map((f) => ({ label: vscode.workspace.asRelativePath(f.uri, false), description: f.id, uri: f.uri })), browse],
    { title: steps.next('DescribeUserPool JSON file'), matchOnDescription: true },
  );
  if (!picked) return undefined;
  const uri = 'uri' in picked ? picked.uri : (await vscode.window.showOpenDialog({ canSelectMany: false, defaultUri: folder.uri, filters: { 'DescribeUserPool JSON': ['json'] }, openLabel: 'Use this pool' }))?.[0];
  return uri ? { kind: 'file', uri: uri.toString() } : undefined;
}

async function pickFolder(): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length <= 1) return folders[0];
  return vscode.window.showWorkspaceFolderPick({ placeHolder: 'The folder whose handlers run' });
}

/** Asks for the pool (unless given), the flow and the user; undefined when the user cancels. */
async function askParams(state: ExtensionState, poolId?: string): Promise<FlowRunParams | undefined> {
  const folder = await pickFolder();
  if (!folder) {
    void vscode.window.showInformationMessage('Open a folder with trigger handlers to run a flow.');
    return undefined;
  }
  // Planned: the pool (unless the Pools view gave it), the flow, the user, the password, the attributes;
  // the flow picked says which of them it asks, and a deployed pool with several app clients adds their pick.
  const steps = new Steps('Run Flow', poolId ? 4 : 5);
  let pool: FlowPoolChoice | null | undefined;
  if (poolId) {
    pool = await describeDeployed(state, poolId, steps);
  } else {
    pool = await pickFlowPool(state, folder, steps);
  }
  if (pool === undefined) return undefined;
  const flow = (await vscode.window.showQuickPick(FLOW_CHOICES.map((c) => ({ label: c.name, detail: c.description })), { title: steps.next('which Cognito flow?'), matchOnDetail: true }))?.label;
  if (!flow) return undefined;
  steps.skip(Number(!NEEDS_USER.has(flow)) + Number(!PASSWORD.has(flow)));
  const params: FlowRunParams = { folderUri: folder.uri.toString(), flow, ...(pool ? { pool } : {}) };
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

/**
 * `cognitoTriggers.runFlow`: asks for the pool, the flow and the user (or takes them as the argument) and
 * runs it; from a user pool of the Pools view, that pool is the flow's.
 */
export const runFlow = (state: ExtensionState) => async (arg?: unknown): Promise<RunFlowRequest.Result | undefined> => {
  if (!(await requireTrust('Running a flow'))) return undefined;
  const params = isParams(arg) ? arg : await askParams(state, isPoolNode(arg) ? arg.poolId : undefined);
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
