// Protocol tests of Start Local Lambda Endpoint against the built language server: the folder's bound handlers
// answer Lambda Invoke API calls on 127.0.0.1, and each invocation reaches the client as a timeline row with
// its event, answer and Cognito's verdict.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { LambdaInvocationNotification, StartLambdaEndpointRequest, StopLambdaEndpointRequest } from '../../server/src/core/protocol';
import { fileUri, REPO_ROOT, startServer, type TestServer } from './harness';
import { ensureBuilt } from '../ensureBuilt';

const FIX = path.join(REPO_ROOT, 'test', 'fixtures', 'flows');
const EVENT = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'examples', 'events', 'PreSignUp', 'PreSignUp_SignUp.json'), 'utf8')) as { request: { userAttributes: Record<string, string> } };

function writeWorkspace(dir: string): void {
  fs.copyFileSync(path.join(FIX, 'preSignUp.js'), path.join(dir, 'preSignUp.js'));
  fs.writeFileSync(path.join(dir, 'cognito-triggers.json'), JSON.stringify({ handlers: [{ file: 'preSignUp.js', functionName: 'my-pre-sign-up', trigger: 'PreSignUp' }] }));
}

const invoke = (url: string, fn: string, event: unknown) => fetch(`${url}/2015-03-31/functions/${fn}/invocations`, { method: 'POST', body: JSON.stringify(event) });

describe('Local Lambda endpoint over LSP', () => {
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-endpoint-ws-'));
  let server: TestServer;
  const seen: LambdaInvocationNotification.Params[] = [];
  let waiting: (() => void) | undefined;
  const next = (count: number) => new Promise<void>((resolve) => {
    if (seen.length >= count) return resolve();
    waiting = () => seen.length >= count && resolve();
  });
  before(async () => {
    writeWorkspace(ws);
    ensureBuilt();
    server = await startServer({ workspace: ws, trusted: true, settings: { invoke: { warm: true, envFile: '' } } });
    server.connection.onNotification('cognitoTriggers/lambdaInvocation', (p: LambdaInvocationNotification.Params) => {
      seen.push(p);
      waiting?.();
    });
  });
  after(async () => {
    await server.stop();
    fs.rmSync(ws, { recursive: true, force: true });
  });

  it('serves the bound handler under its function name and trigger; each invocation is a row with event, answer, verdict, timing', async () => {
    const r = await server.request<StartLambdaEndpointRequest.Result>('cognitoTriggers/startLambdaEndpoint', { folderUri: fileUri(ws) });
    assert.ok(r.ok, JSON.stringify(r));
    if (!r.ok) return;
    assert.match(r.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.deepEqual([...r.functions].sort(), ['PreSignUp', 'my-pre-sign-up']);
    assert.equal(r.already, false);
    const again = await server.request<StartLambdaEndpointRequest.Result>('cognitoTriggers/startLambdaEndpoint', { folderUri: fileUri(ws) });
    assert.ok(again.ok && again.already && again.url === r.url, JSON.stringify(again));

    const ok = await invoke(r.url, 'arn:aws:lambda:us-east-1:123456789012:function:my-pre-sign-up', { ...EVENT, request: { ...EVENT.request, userAttributes: { email: 'jane@example.com' } } });
    assert.equal(ok.status, 200);
    assert.equal(((await ok.json()) as { triggerSource: string }).triggerSource, 'PreSignUp_SignUp');
    await next(1);
    const row = seen[0]?.node;
    assert.equal(seen[0]?.url, r.url);
    assert.equal(row?.label, '1. my-pre-sign-up ← PreSignUp_SignUp');
    assert.deepEqual(row?.children?.map((c) => c.kind), ['event', 'answer', 'verdict', 'timing']);
    assert.deepEqual((row?.children?.[0]?.json as { request: unknown }).request, { ...EVENT.request, userAttributes: { email: 'jane@example.com' } });
    // The answer row shows the response part; the whole answer opens on click.
    assert.equal(row?.children?.[1]?.description, '{"autoConfirmUser":false,"autoVerifyEmail":false,"autoVerifyPhone":false}');
    assert.equal((row?.children?.[1]?.json as { triggerSource: string }).triggerSource, 'PreSignUp_SignUp');
    assert.equal(row?.children?.[2]?.severity, 'ok');
    assert.match(row?.children?.[2]?.label ?? '', /^Cognito: /);

    // A handler that throws: Lambda's function error, and Cognito's verdict says how the app sees it.
    const bad = await invoke(r.url, 'PreSignUp', { ...EVENT, request: { ...EVENT.request, userAttributes: { email: 'x@other.org' } } });
    assert.equal(bad.headers.get('x-amz-function-error'), 'Unhandled');
    await next(2);
    const failed = seen[1]?.node;
    assert.equal(failed?.label, '2. PreSignUp ← PreSignUp_SignUp');
    assert.equal(failed?.kind, 'error');
    assert.match(failed?.children?.[2]?.label ?? '', /PreSignUp failed with error Sign-up is closed for x@other\.org/);
    assert.match(failed?.children?.[1]?.description ?? '', /"errorMessage":"Sign-up is closed for x@other\.org"/);

    const stop = await server.request<StopLambdaEndpointRequest.Result>('cognitoTriggers/stopLambdaEndpoint', { folderUri: fileUri(ws) });
    assert.equal(stop.stopped, true);
    await assert.rejects(invoke(r.url, 'PreSignUp', EVENT));
  });

  it('a folder with no bound handler is refused with what to do', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-endpoint-empty-'));
    try {
      const r = await server.request<StartLambdaEndpointRequest.Result>('cognitoTriggers/startLambdaEndpoint', { folderUri: fileUri(empty) });
      assert.ok(!r.ok && r.error.code === 'no-handlers' && /Bind to Trigger/.test(r.error.hint ?? ''), JSON.stringify(r));
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe('Local Lambda endpoint port (setting cognitoTriggers.localEndpoint.port)', () => {
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-endpoint-port-'));
  // The harness answers workspace/configuration with this object: a change plus didChangeConfiguration is a new setting.
  const settings: { invoke: Record<string, unknown>; localEndpoint: { port: unknown } } = { invoke: { warm: true, envFile: '' }, localEndpoint: { port: 0 } };
  let server: TestServer;
  const setPort = (port: unknown): void => {
    settings.localEndpoint.port = port;
    server.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  };
  const start = () => server.request<StartLambdaEndpointRequest.Result>('cognitoTriggers/startLambdaEndpoint', { folderUri: fileUri(ws) });
  const stop = () => server.request<StopLambdaEndpointRequest.Result>('cognitoTriggers/stopLambdaEndpoint', { folderUri: fileUri(ws) });
  /** A port that was free a moment ago on 127.0.0.1 (the kernel's choice, never a fixed number). */
  const freePort = async (): Promise<number> => {
    const probe = net.createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const { port } = probe.address() as net.AddressInfo;
    await new Promise<void>((r) => probe.close(() => r()));
    return port;
  };
  before(async () => {
    writeWorkspace(ws);
    ensureBuilt();
    server = await startServer({ workspace: ws, trusted: true, settings });
  });
  after(async () => {
    await server.stop();
    fs.rmSync(ws, { recursive: true, force: true });
  });

  it('serves on the port the setting names, and on a free port again when it is 0', async () => {
    const port = await freePort();
    setPort(port);
    const r = await start();
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.url, `http://127.0.0.1:${port}`);
    assert.equal((await invoke(r.url, 'my-pre-sign-up', EVENT)).status, 200);
    assert.equal((await stop()).stopped, true);
    setPort(0);
    const any = await start();
    assert.ok(any.ok, JSON.stringify(any));
    assert.match(any.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal((await stop()).stopped, true);
  });

  it('a port in use is refused with the port, the setting and the way out; nothing else is bound instead', async () => {
    const holder = net.createServer();
    await new Promise<void>((r) => holder.listen(0, '127.0.0.1', r));
    const { port } = holder.address() as net.AddressInfo;
    try {
      setPort(port);
      const r = await start();
      assert.ok(!r.ok, JSON.stringify(r));
      if (r.ok) return;
      assert.equal(r.error.code, 'port-in-use');
      assert.equal(r.error.message, `Port ${port} on 127.0.0.1 (the setting cognitoTriggers.localEndpoint.port (${port})) is already in use: another program, or another local Lambda endpoint, listens there. Stop it, choose another port, or use 0 for any free port.`);
      assert.match(r.error.hint ?? '', /Change cognitoTriggers\.localEndpoint\.port \(0 = any free port\)/);
      // Not started: there is nothing to stop.
      assert.equal((await stop()).stopped, false);
    } finally {
      await new Promise<void>((r) => holder.close(() => r()));
    }
  });

  it('a value that is no port is named, not clamped into another port', async () => {
    setPort(70000);
    const r = await start();
    assert.ok(!r.ok && r.error.code === 'bad-port', JSON.stringify(r));
    assert.match(r.error.message, /cognitoTriggers\.localEndpoint\.port \(70000\) must be a port number from 0 to 65535 \(0 = any free port\), not 70000\./);
    setPort(0);
  });
});

describe('Local Lambda endpoint over LSP (untrusted)', () => {
  it('serves nothing in Restricted Mode', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-endpoint-untrusted-'));
    writeWorkspace(dir);
    const server = await startServer({ workspace: dir, trusted: false });
    try {
      const r = await server.request<StartLambdaEndpointRequest.Result>('cognitoTriggers/startLambdaEndpoint', { folderUri: fileUri(dir) });
      assert.ok(!r.ok && r.error.code === 'untrusted', JSON.stringify(r));
    } finally {
      await server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
