// Language server side of Start Local Lambda Endpoint: one Lambda Invoke API endpoint per folder on 127.0.0.1
// (handlers run in runner processes, never in the server); each invocation goes to the client as a timeline row.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import type { LambdaEndpoint } from '../core/flows/lambdaEndpoint';
import { LocalInvoker } from '../core/invoke';
import { InvokeOutputNotification, LambdaInvocationNotification, StartLambdaEndpointRequest, StopLambdaEndpointRequest, type UserFacingError } from '../core/protocol';
import type { RequestDeps } from './index';
import { flowsBundle } from './lazyBundles';
import { onRequest, sendNotification } from './typed';

const UNTRUSTED: UserFacingError = {
  code: 'untrusted',
  message: 'The local Lambda endpoint runs the handlers of this workspace, so it is disabled in Restricted Mode.',
  hint: 'Trust the workspace (Manage Workspace Trust) to serve its handlers.',
};

/** Registers startLambdaEndpoint and stopLambdaEndpoint. */
export function registerLambdaEndpointRequests(deps: RequestDeps): void {
  const { connection } = deps;
  const running = new Map<string, { endpoint: LambdaEndpoint; functions: string[]; invoker: LocalInvoker }>();
  process.once('exit', () => {
    for (const r of running.values()) r.invoker.dispose(true);
  });
  const runnerPath = (): string => {
    const beside = path.join(__dirname, 'runner.js');
    if (fs.existsSync(beside) || !deps.init.extensionPath) return beside;
    return path.join(deps.init.extensionPath, 'dist', 'runner.js');
  };
  const folderOf = (uri: string): string => deps.folders.folderOf(uri) ?? URI.parse(uri).fsPath;

  onRequest(connection, StartLambdaEndpointRequest.type, async (p): Promise<StartLambdaEndpointRequest.Result> => {
    if (!deps.isTrusted()) return { ok: false, error: deps.untrustedError?.() ?? UNTRUSTED };
    const folder = folderOf(p.folderUri);
    const known = running.get(folder);
    if (known) return { ok: true, url: known.endpoint.url, functions: known.functions, already: true };
    const settings = await deps.settings.get(p.folderUri);
    const { EndpointPortError, invocationNode, PoolConfigError, servedFunctions, startLambdaEndpoint } = await flowsBundle();
    let functions;
    try {
      functions = await servedFunctions({ folder, bindingsFile: path.resolve(folder, settings.bindingsFile || 'cognito-triggers.json'), confine: true });
    } catch (e) {
      if (e instanceof PoolConfigError) return { ok: false, error: { code: 'bad-bindings', message: e.message, hint: 'Fix the bindings file.' } };
      throw e;
    }
    if (!functions.size) {
      return { ok: false, error: { code: 'no-handlers', message: `No handler to serve in ${path.basename(folder)}: neither the infrastructure code nor ${settings.bindingsFile} binds one to a trigger.`, hint: 'Add {"file", "functionName", "trigger"} entries to the bindings file, or bind a handler with Cognito Triggers: Bind to Trigger….' } };
    }
    const invoker = new LocalInvoker(runnerPath(), {}, deps.warmPool);
    let n = 0;
    const runId = `lambda-endpoint:${folder}`;
    const { port } = settings.localEndpoint;
    let endpoint: LambdaEndpoint;
    try {
      endpoint = await startLambdaEndpoint({
        invoker,
        folder,
        settings: settings.invoke,
        functions,
        port,
        portSource: `the setting cognitoTriggers.localEndpoint.port${port ? ` (${port})` : ''}`,
        onOutput: (text, stream) => void sendNotification(connection, InvokeOutputNotification.type, { runId, text, stream }),
        onInvocation: (i) => {
          const handler = i.handler ? `${path.relative(folder, i.handler.file)}#${i.handler.handlerName}` : undefined;
          const node = invocationNode({ functionName: i.functionName, status: i.status, ...(handler ? { handler } : {}), ...(i.result ? { result: i.result } : {}) }, ++n);
          void sendNotification(connection, LambdaInvocationNotification.type, { url: endpoint.url, node });
        },
      });
    } catch (e) {
      invoker.dispose();
      if (!(e instanceof EndpointPortError)) throw e;
      const hint = e.reason === 'invalid' ? 'Set cognitoTriggers.localEndpoint.port to a port number, or 0 for any free port.' : 'Change cognitoTriggers.localEndpoint.port (0 = any free port), or stop what holds the port, then start the endpoint again.';
      return { ok: false, error: { code: e.reason === 'in-use' ? 'port-in-use' : 'bad-port', message: e.message, hint } };
    }
    const names = [...functions.keys()];
    running.set(folder, { endpoint, functions: names, invoker });
    return { ok: true, url: endpoint.url, functions: names, already: false };
  });

  onRequest(connection, StopLambdaEndpointRequest.type, async (p): Promise<StopLambdaEndpointRequest.Result> => {
    const folder = folderOf(p.folderUri);
    const r = running.get(folder);
    if (!r) return { stopped: false };
    running.delete(folder);
    await r.endpoint.stop();
    r.invoker.dispose();
    return { stopped: true };
  });
}
