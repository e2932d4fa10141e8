// Protocol tests of Run Flow's deployed pool and its app clients, against the built language server and
// cognito-local behind a fault proxy: none, one (described at once, no secret) or several (listed for the
// client's pick, then AwsDescribeUserPoolClientRequest); the run then uses that client or states the
// defaults; Restricted Mode makes no call; access denied names the IAM action.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { AwsDescribeUserPoolClientRequest, AwsDescribeUserPoolRequest, AwsResult, RunFlowRequest } from '../../server/src/core/protocol';
import { isolateAwsEnv, startCognitoLocal, type CognitoLocal } from '../integration/cognitoLocal';
import { startFaultProxy, type FaultProxy } from '../integration/faultProxy';
import { ensureBuilt } from '../ensureBuilt';
import { fileUri, REPO_ROOT, startServer, type TestServer } from './harness';

const FN = 'clients-pre-sign-up';
const FN_ARN = `arn:aws:lambda:us-east-1:123456789012:function:${FN}`;

describe("Run Flow's deployed pool reads its app clients", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-flow-clients-'));
  let cl: CognitoLocal;
  let proxy: FaultProxy;
  let trusted: TestServer;
  let untrusted: TestServer;
  const pools = { none: '', one: '', several: '' };
  const ids = { one: '', web: '', admin: '' };
  /** cognito-local's own API, past the proxy (awsJson1.1; it checks no signature). */
  const cognito = async (op: string, body: unknown): Promise<Record<string, { Id?: string; ClientId?: string }>> => {
    const r = await fetch(cl.endpoint, { method: 'POST', headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityProviderService.${op}` }, body: JSON.stringify(body) });
    assert.ok(r.ok, `${op}: ${r.status}`);
    return (await r.json()) as Record<string, { Id?: string; ClientId?: string }>;
  };
  const createPool = async (name: string) => (await cognito('CreateUserPool', { PoolName: name, LambdaConfig: { PreSignUp: FN_ARN } })).UserPool!.Id!;
  const createClient = async (poolId: string, body: Record<string, unknown>) => (await cognito('CreateUserPoolClient', { UserPoolId: poolId, ...body })).UserPoolClient!.ClientId!;
  const describePool = (s: TestServer, poolId: string) => s.request<AwsResult<AwsDescribeUserPoolRequest.Result>>('cognitoTriggers/aws/describeUserPool', { poolId });
  let users = 0;
  const signUp = (described: unknown, poolId: string) =>
    trusted.request<RunFlowRequest.Result>('cognitoTriggers/runFlow', { runId: 'c', folderUri: fileUri(dir), flow: 'sign-up', username: `jane${++users}`, password: 'Passw0rd!', attributes: { email: 'jane@example.com' }, pool: { kind: 'described', poolId, described } });
  const callerClientId = (r: RunFlowRequest.Result) => {
    assert.ok(r.ok, JSON.stringify(r));
    const steps = (r as { result: { steps: { trigger?: string; event?: { callerContext: { clientId: string } } }[] } }).result.steps;
    return steps.find((s) => s.trigger === 'PreSignUp')?.event?.callerContext.clientId;
  };
  const notes = (r: RunFlowRequest.Result) => (r.ok ? r.timeline.filter((n) => n.kind === 'note').map((n) => n.label) : []);

  before(async () => {
    isolateAwsEnv(); // the server processes inherit these dummy credentials
    ensureBuilt();
    fs.copyFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'flows', 'preSignUp.js'), path.join(dir, 'preSignUp.js'));
    fs.writeFileSync(path.join(dir, 'cognito-triggers.json'), JSON.stringify({ handlers: [{ file: 'preSignUp.js', functionName: FN }] }));
    cl = await startCognitoLocal();
    proxy = await startFaultProxy(cl.endpoint);
    pools.none = await createPool('no-clients');
    pools.one = await createPool('one-client');
    ids.one = await createClient(pools.one, { ClientName: 'web', PreventUserExistenceErrors: 'ENABLED', GenerateSecret: true });
    pools.several = await createPool('two-clients');
    ids.web = await createClient(pools.several, { ClientName: 'web' });
    ids.admin = await createClient(pools.several, { ClientName: 'admin', PreventUserExistenceErrors: 'ENABLED' });
    const settings = { aws: { region: 'us-east-1', endpoints: { cognitoIdentityProvider: proxy.endpoint } }, invoke: { warm: true, envFile: '' } };
    [trusted, untrusted] = await Promise.all([startServer({ workspace: dir, trusted: true, settings }), startServer({ workspace: dir, trusted: false, settings })]);
  });
  after(async () => {
    await Promise.all([trusted?.stop(), untrusted?.stop()]);
    await proxy?.stop();
    await cl?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('Restricted Mode: both requests are refused and no AWS call is made', async () => {
    proxy.seen.length = 0;
    const pool = await describePool(untrusted, pools.one);
    const client = await untrusted.request<AwsResult<unknown>>('cognitoTriggers/aws/describeUserPoolClient', { poolId: pools.one, clientId: ids.one });
    assert.deepEqual([pool.ok ? 'ok' : pool.error.code, client.ok ? 'ok' : client.error.code], ['Untrusted', 'Untrusted']);
    assert.deepEqual(proxy.seen, []);
  });

  it('one app client: listed and described in the same answer, without its secret; the flow runs as that client', async () => {
    proxy.seen.length = 0;
    const r = await describePool(trusted, pools.one);
    assert.ok(r.ok, JSON.stringify(r));
    if (!r.ok) return;
    assert.deepEqual(proxy.seen, ['DescribeUserPool', 'ListUserPoolClients', 'DescribeUserPoolClient']);
    assert.deepEqual(r.value.UserPoolClients, [{ ClientId: ids.one, ClientName: 'web' }]);
    assert.deepEqual(r.value.UserPoolClient, { ClientId: ids.one, ClientName: 'web', PreventUserExistenceErrors: 'ENABLED' });
    assert.doesNotMatch(JSON.stringify(r), /ClientSecret/);
    const run = await signUp(r.value, pools.one);
    assert.equal(callerClientId(run), ids.one);
    assert.deepEqual(notes(run), [`App client web (${ids.one}): PreventUserExistenceErrors ENABLED, AuthSessionValidity 3 minutes.`]);
  });

  it('several app clients: listed by name and id for the pick, none described until one is chosen', async () => {
    proxy.seen.length = 0;
    const r = await describePool(trusted, pools.several);
    assert.ok(r.ok, JSON.stringify(r));
    if (!r.ok) return;
    assert.deepEqual(proxy.seen, ['DescribeUserPool', 'ListUserPoolClients']);
    assert.equal(r.value.UserPoolClient, undefined);
    assert.deepEqual(r.value.UserPoolClients.map((c) => [c.ClientName, c.ClientId]).sort(), [['admin', ids.admin], ['web', ids.web]].sort());
    const picked = await trusted.request<AwsResult<AwsDescribeUserPoolClientRequest.Result>>('cognitoTriggers/aws/describeUserPoolClient', { poolId: pools.several, clientId: ids.admin });
    assert.ok(picked.ok, JSON.stringify(picked));
    if (!picked.ok) return;
    assert.deepEqual(picked.value.UserPoolClient, { ClientId: ids.admin, ClientName: 'admin', PreventUserExistenceErrors: 'ENABLED' });
    const run = await signUp({ ...r.value, UserPoolClient: picked.value.UserPoolClient }, pools.several);
    assert.equal(callerClientId(run), ids.admin);
    assert.deepEqual(notes(run), [`App client admin (${ids.admin}), one of the pool's 2: PreventUserExistenceErrors ENABLED, AuthSessionValidity 3 minutes.`]);
  });

  it('no app client: the answer says so, and the run states the defaults it uses', async () => {
    const r = await describePool(trusted, pools.none);
    assert.ok(r.ok, JSON.stringify(r));
    if (!r.ok) return;
    assert.deepEqual([r.value.UserPoolClients, r.value.UserPoolClient], [[], undefined]);
    const run = await signUp(r.value, pools.none);
    assert.equal(callerClientId(run), 'localclient1234567890abcd');
    assert.deepEqual(notes(run), [`The pool ${pools.none} has no app client: the flow uses the defaults of a new app client created through the API, PreventUserExistenceErrors LEGACY (an unknown user gets UserNotFoundException) and AuthSessionValidity 3 minutes, with the made-up client id localclient1234567890abcd.`]);
  });

  it('access denied on either app client call: the message names the pool and the call, the hint the IAM action', async () => {
    const denied = { status: 400, type: 'AccessDeniedException', message: 'User is not authorized to perform this action', times: 1 };
    proxy.failures = { ListUserPoolClients: { ...denied } };
    const list = await describePool(trusted, pools.one);
    proxy.failures = { DescribeUserPoolClient: { ...denied } };
    const one = await trusted.request<AwsResult<unknown>>('cognitoTriggers/aws/describeUserPoolClient', { poolId: pools.several, clientId: ids.web });
    proxy.failures = {};
    assert.ok(!list.ok && !one.ok, JSON.stringify([list, one]));
    if (list.ok || one.ok) return;
    assert.match(list.error.message, new RegExp(`^${pools.one}: reading the pool and its app clients failed at ListUserPoolClients: access denied\\.`));
    assert.match(list.error.hint, /Grant the caller cognito-idp:ListUserPoolClients on that resource/);
    assert.match(one.error.message, new RegExp(`^${pools.several}: reading the app client ${ids.web} failed at DescribeUserPoolClient: access denied\\.`));
    assert.match(one.error.hint, /Grant the caller cognito-idp:DescribeUserPoolClient on that resource/);
  });
});
