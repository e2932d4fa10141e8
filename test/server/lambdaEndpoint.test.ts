// Protocol tests of Start Local Lambda Endpoint against the built language server: the folder's bound handlers
// answer Lambda Invoke API calls on 127.0.0.1, and each invocation reaches the client as a timeline row with
// its event, answer and Cognito's verdict.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
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
