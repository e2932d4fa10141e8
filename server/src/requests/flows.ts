// Language server side of Run Flow: resolves the folder's pool, runs the flow through the local invoker
// (handlers in runner processes, never in the server), asks the client for custom challenge answers, and
// answers with the timeline the core builds. A user store per folder lives as long as the server.
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import type { FlowName, FlowRequest, UserStore } from '../core/flows';
import type { SenderCrypto } from '../core/flows/kms';
import { LocalInvoker } from '../core/invoke';
import { readSafeFile } from '../core/safeFile';
import { FLOW_CHOICES, type FlowPoolChoice, FlowAnswerRequest, FlowStepNotification, FlowUserRequest, InvokeOutputNotification, RunFlowRequest, type UserFacingError } from '../core/protocol';
import type { RequestDeps } from './index';
import { flowsBundle } from './lazyBundles';
import { onRequest, sendNotification } from './typed';

const FLOW_NAMES: readonly string[] = FLOW_CHOICES.map((c) => c.name);

const UNTRUSTED: UserFacingError = {
  code: 'untrusted',
  message: 'Run Flow runs the handlers of this workspace, so it is disabled in Restricted Mode.',
  hint: 'Trust the workspace (Manage Workspace Trust) to run flows.',
};

/** Largest pool file read (a DescribeUserPool answer is a few KB). */
const MAX_POOL_FILE_BYTES = 1024 * 1024;

/** The DescribeUserPool JSON of Run Flow's pool choice, with what names it in messages; or the error to answer. */
function describedPool(choice: FlowPoolChoice): { value: unknown; from: string } | { error: UserFacingError } {
  if (choice.kind === 'described') return { value: choice.described, from: `the pool ${choice.poolId}` };
  const file = URI.parse(choice.uri).fsPath;
  const name = path.basename(file);
  const read = readSafeFile(file, { maxBytes: MAX_POOL_FILE_BYTES });
  if (!read.ok) return { error: { code: 'bad-pool', message: `The pool file ${name} cannot be read: ${read.message}`, hint: 'Pick a DescribeUserPool JSON file (aws cognito-idp describe-user-pool --user-pool-id ID > pool.json).' } };
  try {
    return { value: JSON.parse(read.text) as unknown, from: name };
  } catch (e) {
    return { error: { code: 'bad-pool', message: `The pool file ${name} is not JSON: ${(e as Error).message}.`, hint: 'Pick a DescribeUserPool JSON file (aws cognito-idp describe-user-pool --user-pool-id ID > pool.json).' } };
  }
}

/** Registers runFlow and flowUser. */
export function registerFlowRequests(deps: RequestDeps): void {
  const { connection } = deps;
  let invoker: LocalInvoker | undefined;
  process.once('exit', () => invoker?.dispose(true));
  const runnerPath = (): string => {
    const beside = path.join(__dirname, 'runner.js');
    if (fs.existsSync(beside) || !deps.init.extensionPath) return beside;
    return path.join(deps.init.extensionPath, 'dist', 'runner.js');
  };
  // The users a pool would hold, per folder, for this session: a user signed up can then sign in.
  const stores = new Map<string, UserStore>();
  const folderOf = (uri: string): string => deps.folders.folderOf(uri) ?? URI.parse(uri).fsPath;
  // The flow engine is loaded on first use (dist/flows.js): no editing feature needs it.
  const storeOf = async (folder: string): Promise<UserStore> => {
    let s = stores.get(folder);
    if (!s) stores.set(folder, (s = (await flowsBundle()).UserStore.inMemory()));
    return s;
  };

  onRequest(connection, FlowUserRequest.type, async (p): Promise<FlowUserRequest.Result> => {
    const u = (await storeOf(folderOf(p.folderUri))).find(p.username);
    return u ? { exists: true, status: u.status } : { exists: false };
  });

  onRequest(connection, RunFlowRequest.type, async (p): Promise<RunFlowRequest.Result> => {
    if (!deps.isTrusted()) return { ok: false, error: deps.untrustedError?.() ?? UNTRUSTED };
    if (!FLOW_NAMES.includes(p.flow)) return { ok: false, error: { code: 'bad-flow', message: `Unknown flow "${p.flow}": one of ${FLOW_NAMES.join(', ')}.` } };
    const flow = p.flow as FlowName;
    const folder = folderOf(p.folderUri);
    const settings = await deps.settings.get(p.folderUri);
    const { poolOfFolder, PoolConfigError, runFlow, startSenderCrypto, stepTitle, timelineOf } = await flowsBundle();
    const described = p.pool ? describedPool(p.pool) : undefined;
    if (described && 'error' in described) return { ok: false, error: described.error };
    let pool;
    try {
      pool = await poolOfFolder({ folder, bindingsFile: path.resolve(folder, settings.bindingsFile || 'cognito-triggers.json'), confine: true, ...(described ? { described: described.value, describedFrom: described.from } : {}) });
    } catch (e) {
      if (e instanceof PoolConfigError) {
        const hint = described ? `Bind each function of ${described.from} to its local handler: a {"file", "functionName"} entry in ${settings.bindingsFile}, or the infrastructure code that builds it.` : 'Fix the bindings file or the infrastructure code that wires the triggers.';
        return { ok: false, error: { code: 'bad-pool', message: e.message, hint } };
      }
      throw e;
    }
    if (!Object.keys(pool.triggers).length) {
      return { ok: false, error: { code: 'no-triggers', message: `No trigger handlers are wired in ${path.basename(folder)}: neither the infrastructure code nor ${settings.bindingsFile} binds one.`, hint: 'Bind a handler with Cognito Triggers: Bind to Trigger…, or add {"file", "trigger"} entries to the bindings file.' } };
    }
    const users = await storeOf(folder);
    const attributes = p.attributes ?? {};
    if (p.createUser && p.username && !users.find(p.username)) {
      users.add({ username: p.username, ...(p.password !== undefined ? { password: p.password } : {}), status: 'CONFIRMED', attributes: { sub: randomUUID(), ...attributes } });
    }
    const req: FlowRequest = {
      flow,
      username: p.username ?? '',
      ...(p.password !== undefined && p.password !== '' ? { password: p.password } : {}),
      attributes,
      validationData: {},
      answers: [],
      ...(flow === 'sync' ? { dataset: { name: 'UserPreferences', records: attributes } } : {}),
    };
    invoker ??= new LocalInvoker(runnerPath(), {}, deps.warmPool);
    const local = invoker;
    let crypto: SenderCrypto | undefined;
    try {
      if (pool.triggers.CustomEmailSender || pool.triggers.CustomSMSSender) crypto = await startSenderCrypto(pool.kmsKeyArn);
      const sc = crypto;
      let index = 0;
      const result = await runFlow(req, {
        invoker: local,
        folder,
        settings: settings.invoke,
        pythonInterpreter: settings.python.interpreter,
        pool,
        users,
        clientMetadata: p.clientMetadata ?? {},
        ...(sc ? { env: sc.env, encryptCode: (code: string) => sc.encrypt(code) } : {}),
        answer: async (prompt) => (await connection.sendRequest(FlowAnswerRequest.type.method, { runId: p.runId, ...prompt }) as FlowAnswerRequest.Result).answer,
        onStep: (step) => void sendNotification(connection, FlowStepNotification.type, { runId: p.runId, index, label: stepTitle(step, index++) }),
        onOutput: (text, stream) => void sendNotification(connection, InvokeOutputNotification.type, { runId: p.runId, text, stream }),
      });
      return { ok: true, outcome: result.outcome, ...(result.error ? { appError: `${result.error.name}: ${result.error.message}` } : {}), timeline: timelineOf(result), result };
    } finally {
      await crypto?.stop();
    }
  });
}
