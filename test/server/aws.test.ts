// Protocol tests of the AWS requests against the built language server and the wire-protocol fake:
// untrusted refusal, listing, Sync bind plan/apply, remote invoke, cancellation, no secret in logs.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CancellationTokenSource } from 'vscode-languageserver-protocol/node';
import type { AwsApplyBindRequest, AwsListFunctionsRequest, AwsPlanBindRequest, AwsResult, DoctorReport, InvokeResult } from '../../server/src/core/protocol';
import { startFakeAws, type FakeAws } from '../fakeAws/server';
import { isolateAwsEnv } from '../integration/cognitoLocal';
import { REPO_ROOT, startServer, type TestServer } from './harness';
import { ensureBuilt } from '../ensureBuilt';

const arn = (name: string) => `arn:aws:lambda:us-east-1:123456789012:function:${name}`;
const POOL = 'us-east-1:11111111-2222-3333-4444-555555555555';
let release: () => void = () => {};

describe('AWS requests over LSP', () => {
  let fake: FakeAws;
  let trusted: TestServer;
  let untrusted: TestServer;
  const logs: string[] = [];
  before(async () => {
    isolateAwsEnv(); // the server process inherits these dummy credentials
    ensureBuilt();
    fake = await startFakeAws({
      functions: [
        { name: 'sync-fn', arn: arn('sync-fn'), statements: [], run: (e) => e },
        { name: 'slow', arn: arn('slow'), statements: [], run: () => new Promise((r) => (release = () => r({}))) },
      ],
      identityPools: [{ id: POOL, name: 'legacy', events: {} }],
    });
    const settings = { aws: { region: 'us-east-1', endpoints: { lambda: fake.endpoint, cognitoSync: fake.endpoint, cognitoIdentity: fake.endpoint, cognitoIdentityProvider: fake.endpoint } } };
    [trusted, untrusted] = await Promise.all([startServer({ trusted: true, settings }), startServer({ trusted: false, settings })]);
    trusted.connection.onNotification('window/logMessage', (p: { message: string }) => void logs.push(p.message));
  });
  after(async () => {
    release();
    await Promise.all([trusted?.stop(), untrusted?.stop()]);
    await fake?.stop();
  });

  it('refuses every AWS request in an untrusted workspace, without calling AWS', async () => {
    for (const [method, params] of [
      ['cognitoTriggers/aws/listFunctions', {}],
      ['cognitoTriggers/aws/planBind', { kind: 'identityPool', poolId: POOL, functionName: 'sync-fn' }],
      ['cognitoTriggers/aws/remoteInvoke', { functionName: 'sync-fn', triggerId: 'SyncTrigger' }],
      ['cognitoTriggers/aws/doctor', { kind: 'identityPool', poolId: POOL, folders: [] }],
    ] as const) {
      const r = await untrusted.request<AwsResult<unknown>>(method, params);
      assert.equal(r.ok ? 'ok' : r.error.code, 'Untrusted', method);
    }
    assert.equal(fake.calls.length, 0);
  });

  it('an error answered to the editor has no Markdown backticks (its notification shows them literally)', async () => {
    // An expired SSO session: the hint names a command ("Run `aws sso login` …" in errors.ts).
    fake.state.failures = { ListFunctions: { status: 400, type: 'UnrecognizedClientException', message: 'The SSO session associated with this profile has expired or is otherwise invalid.', times: 1 } };
    const r = await trusted.request<AwsResult<unknown>>('cognitoTriggers/aws/listFunctions', { filter: '' });
    fake.state.failures = {};
    assert.ok(!r.ok, JSON.stringify(r));
    if (r.ok) return;
    assert.equal(r.error.code, 'SsoExpired');
    assert.match(r.error.hint, /^Run 'aws sso login'/);
    assert.doesNotMatch(`${r.error.message} ${r.error.hint}`, /`/);
  });

  it('lists functions and binds the Sync trigger through plan and apply', async () => {
    const fns = await trusted.request<AwsResult<AwsListFunctionsRequest.Result>>('cognitoTriggers/aws/listFunctions', { filter: 'sync' });
    assert.deepEqual(fns.ok && fns.value.map((f) => f.arn), [arn('sync-fn')]);
    const plan = await trusted.request<AwsResult<AwsPlanBindRequest.Result>>('cognitoTriggers/aws/planBind', { kind: 'identityPool', poolId: POOL, poolName: 'sync-pool', functionName: 'sync-fn' });
    assert.ok(plan.ok, JSON.stringify(plan));
    if (!plan.ok) return;
    assert.match(plan.value.lines.join('\n'), /SyncTrigger: \(not set\) → arn:aws:lambda:us-east-1:123456789012:function:sync-fn/);
    assert.match(plan.value.notice ?? '', /closed to new customers/);
    assert.equal(fake.callsOf('SetCognitoEvents').length, 0, 'planning changes nothing');
    const applied = await trusted.request<AwsResult<AwsApplyBindRequest.Result>>('cognitoTriggers/aws/applyBind', { planId: plan.value.planId });
    assert.ok(applied.ok, JSON.stringify(applied));
    assert.deepEqual(fake.state.identityPools[0]!.events, { SyncTrigger: arn('sync-fn') });
    assert.equal(fake.callsOf('AddPermission')[0]!.params.Principal, 'cognito-sync.amazonaws.com');
    // What the notification says: one sentence, the pool's name first, the function by its name.
    assert.equal(applied.ok && applied.value.summary, 'sync-pool: SyncTrigger now calls sync-fn, permission added; nothing else changed.');
    const again = await trusted.request<AwsResult<unknown>>('cognitoTriggers/aws/applyBind', { planId: plan.value.planId });
    assert.equal(!again.ok && again.error.code, 'PlanExpired', 'a plan is applied once');
    // The message names the pool (by its name) and the change, never the server's internal plan id.
    if (!again.ok) {
      assert.ok(again.error.message.startsWith('sync-pool: binding SyncTrigger failed: this review is no longer known'), again.error.message);
      assert.doesNotMatch(`${again.error.message} ${again.error.hint}`, /plan-\d/);
      assert.match(again.error.hint, /review the pool as it is now/);
    }
  });

  it('the doctor request checks the pool just bound: the permission is in place, the (deprecated) runtime is reported', async () => {
    const r = await trusted.request<AwsResult<DoctorReport>>('cognitoTriggers/aws/doctor', { kind: 'identityPool', poolId: POOL, folders: [] });
    assert.ok(r.ok, JSON.stringify(r));
    if (!r.ok) return;
    assert.deepEqual(r.value.checked, [{ slot: 'SyncTrigger', functionArn: arn('sync-fn') }]);
    // The fake's functions run nodejs20.x, deprecated since 2026-04-30 (Lambda runtimes page).
    assert.deepEqual(r.value.findings.map((f) => f.rule), ['doctor/runtime-deprecated']);
    assert.ok(r.value.findings[0]!.message.startsWith('legacy: '));
  });

  it('remote invoke of a sample event returns an InvokeResult with where "remote"', async () => {
    const r = await trusted.request<AwsResult<InvokeResult>>('cognitoTriggers/aws/remoteInvoke', { functionName: 'sync-fn', triggerId: 'SyncTrigger' });
    assert.ok(r.ok, JSON.stringify(r));
    if (!r.ok) return;
    assert.deepEqual([r.value.where, r.value.triggerId, r.value.outcome.kind], ['remote', 'SyncTrigger', 'returned']);
    assert.match(r.value.logs, /REPORT RequestId/);
  });

  it('$/cancelRequest aborts the SDK call', async () => {
    const source = new CancellationTokenSource();
    const pending = trusted.connection.sendRequest('cognitoTriggers/aws/remoteInvoke', { functionName: 'slow', event: {} }, source.token) as Promise<AwsResult<unknown>>;
    await new Promise<void>((resolve) => {
      const check = () => (fake.callsOf('Invoke').some((c) => c.resource === 'slow') ? resolve() : setImmediate(check));
      check();
    });
    source.cancel();
    // Either the server answers Cancelled, or the connection rejects the cancelled request: both are cancellation.
    const outcome = await pending.then((r) => (r.ok ? 'ok' : r.error.code), (e: unknown) => `rejected: ${String(e)}`);
    assert.match(outcome, /Cancelled|rejected: .*cancel/i);
    release();
  });

  it("the server's AWS bundle does not print the SDK's NodeVersionSupportWarning", () => {
    // The server loads dist/awsOperations.js on its first AWS request; its stderr is the extension's log.
    const script = `require(${JSON.stringify(path.join(REPO_ROOT, 'dist', 'awsOperations.js'))}).createAwsClients({ region: 'us-east-1', endpointUrl: 'http://127.0.0.1:9' }).then((c) => c.destroy())`;
    const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.doesNotMatch(r.stderr, /NodeVersionSupportWarning/);
  });

  it('errors are explained and never carry the secret key', async () => {
    const secret = process.env.AWS_SECRET_ACCESS_KEY as string;
    fake.state.failures = { ListFunctions: { status: 403, type: 'AccessDeniedException', message: `denied; signature used secret ${secret}` } };
    const r = await trusted.request<AwsResult<unknown>>('cognitoTriggers/aws/listFunctions', {});
    assert.ok(!r.ok);
    if (r.ok) return;
    assert.equal(r.error.code, 'AccessDeniedException');
    assert.match(r.error.message, /ListFunctions failed: access denied/);
    assert.equal(JSON.stringify(r).includes(secret), false);
    assert.ok(logs.some((l) => /ListFunctions failed/.test(l)), 'the failure is logged');
    assert.equal(logs.join('\n').includes(secret), false);
    fake.state.failures = {};
  });
});
