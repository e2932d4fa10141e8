// Integration: Lambda, Cognito Sync and Cognito Identity through the real SDK clients against the
// wire-protocol fake on 127.0.0.1: listing (all pages), remote invoke, Sync binding, errors, endpoints.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { createAwsClients, type AwsClients } from '../../server/src/core/aws/clients';
import { explainAwsError } from '../../server/src/core/aws/errors';
import { applySyncChange, planSyncChange, removeSyncPermission } from '../../server/src/core/aws/identityPoolBinding';
import { resolveFunctionArn } from '../../server/src/core/aws/lambdaPermission';
import { listFunctions, listIdentityPools } from '../../server/src/core/aws/listing';
import { listProfiles } from '../../server/src/core/aws/profiles';
import { invokeRemote } from '../../server/src/core/aws/remoteInvoke';
import { startFakeAws, type FakeAws, type FakeFunction } from '../fakeAws/server';
import { isolateAwsEnv } from './cognitoLocal';

const arn = (name: string) => `arn:aws:lambda:us-east-1:123456789012:function:${name}`;
const POOL_ID = 'us-east-1:11111111-2222-3333-4444-555555555555';
let release: () => void = () => {};

function functions(): FakeFunction[] {
  const fn = (name: string, run: FakeFunction['run']): FakeFunction => ({ name, arn: arn(name), statements: [], run });
  return [
    fn('pre-sign-up', (event, log) => {
      log('auto-confirming');
      const e = event as { response: Record<string, unknown> };
      return { ...e, response: { ...e.response, autoConfirmUser: true } };
    }),
    fn('broken', () => {
      throw new TypeError('Cannot read properties of undefined');
    }),
    fn('slow', () => new Promise((resolve) => (release = () => resolve({})))),
    fn('sync-fn', (e) => e),
    fn('other-sync', (e) => e),
  ];
}

describe('Lambda, Sync and Identity against the wire-protocol fake', () => {
  let fake: FakeAws;
  let clients: AwsClients;
  before(async () => {
    isolateAwsEnv();
    fake = await startFakeAws({ functions: [], identityPools: [] });
  });
  beforeEach(async () => {
    Object.assign(fake.state, { functions: functions(), identityPools: [0, 1, 2].map((i) => ({ id: i === 0 ? POOL_ID : `us-east-1:0000000${i}-0000-0000-0000-000000000000`, name: `pool-${i}`, events: {} })), pageSize: 2, failures: {} });
    fake.calls.length = 0;
    clients?.destroy();
    clients = await createAwsClients({ region: 'us-east-1', endpointUrl: fake.endpoint, maxAttempts: 3 });
  });
  after(async () => {
    clients?.destroy();
    await fake?.stop();
  });

  it('lists every page of functions (with a filter) and of identity pools', async () => {
    assert.deepEqual((await listFunctions(clients)).map((f) => f.name), ['pre-sign-up', 'broken', 'slow', 'sync-fn', 'other-sync']);
    assert.equal(fake.callsOf('ListFunctions').length, 3);
    assert.deepEqual((await listFunctions(clients, 'SYNC')).map((f) => f.arn), [arn('sync-fn'), arn('other-sync')]);
    assert.deepEqual((await listIdentityPools(clients)).map((p) => p.name), ['pool-0', 'pool-1', 'pool-2']);
    assert.equal(fake.callsOf('ListIdentityPools').length, 2);
  });

  it('remote invoke returns the payload, the decoded log tail and the summary', async () => {
    const event = { version: '1', triggerSource: 'PreSignUp_SignUp', region: 'us-east-1', userPoolId: 'us-east-1_abc', userName: 'u', callerContext: { awsSdkVersion: 'x', clientId: 'c' }, request: { userAttributes: { email: 'a@example.com' } }, response: { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false } };
    const r = await invokeRemote(clients, { functionName: 'pre-sign-up', event });
    assert.equal(r.where, 'remote');
    assert.equal(r.triggerId, 'PreSignUp');
    assert.equal(r.outcome.kind, 'returned');
    assert.equal((r.outcome as { value: { response: { autoConfirmUser: boolean } } }).value.response.autoConfirmUser, true);
    assert.match(r.logs, /auto-confirming/);
    assert.equal(r.summary.succeeds, true);
    const call = fake.callsOf('Invoke')[0]!;
    assert.equal(call.params.logType, 'Tail');
    assert.deepEqual(JSON.parse(String(call.params.payload)), event);
  });

  it('remote invoke maps FunctionError to an error outcome that fails the Cognito operation', async () => {
    const r = await invokeRemote(clients, { functionName: arn('broken'), event: { triggerSource: 'PreSignUp_SignUp', request: {}, response: {} } });
    assert.deepEqual([r.outcome.kind, (r.outcome as { errorType: string }).errorType], ['error', 'TypeError']);
    assert.equal(r.summary.succeeds, false);
    assert.match(r.logs, /END RequestId/);
  });

  it('an invoke can be cancelled', async () => {
    const ac = new AbortController();
    const p = invokeRemote(clients, { functionName: 'slow', event: {} }, ac.signal);
    await new Promise<void>((resolve) => {
      const check = () => (fake.callsOf('Invoke').length ? resolve() : setImmediate(check));
      check();
    });
    ac.abort();
    await assert.rejects(p, (e: unknown) => explainAwsError(e, 'Invoke slow').code === 'Cancelled');
    release();
  });

  it('binds the Sync trigger: id validated first, only SyncTrigger changes, permission once, unbind clears it', async () => {
    await assert.rejects(planSyncChange(clients, 'us-east-1:NOT-HEX', 'sync-fn'), /not an identity pool id/);
    assert.equal(fake.calls.length, 0, 'no call before validation');
    fake.state.identityPools[0]!.events = { SyncTrigger: arn('other-sync') };
    const plan = await planSyncChange(clients, POOL_ID, 'sync-fn');
    assert.deepEqual([plan.before, plan.after], [{ SyncTrigger: arn('other-sync') }, { SyncTrigger: arn('sync-fn') }]);
    const applied = await applySyncChange(clients, plan);
    assert.deepEqual(applied.after, { SyncTrigger: arn('sync-fn') });
    await applySyncChange(clients, await planSyncChange(clients, POOL_ID, 'sync-fn'));
    const sets = fake.callsOf('SetCognitoEvents');
    assert.deepEqual(sets.map((c) => [c.resource, c.params]), [[POOL_ID, { Events: { SyncTrigger: arn('sync-fn') } }], [POOL_ID, { Events: { SyncTrigger: arn('sync-fn') } }]]);
    const adds = fake.callsOf('AddPermission');
    assert.equal(adds.length, 1);
    assert.deepEqual([adds[0]!.params.Principal, adds[0]!.params.SourceArn, adds[0]!.params.SourceAccount], ['cognito-sync.amazonaws.com', `arn:aws:cognito-identity:us-east-1:123456789012:identitypool/${POOL_ID}`, '123456789012']);
    const un = await planSyncChange(clients, POOL_ID, undefined);
    assert.equal(un.functionArn, arn('sync-fn'));
    assert.deepEqual((await applySyncChange(clients, un)).after, {});
    assert.deepEqual(fake.callsOf('SetCognitoEvents')[2]!.params, { Events: { SyncTrigger: '' } });
    assert.equal((await removeSyncPermission(clients, POOL_ID, arn('sync-fn'))).length, 1);
    assert.equal(fake.state.functions.find((f) => f.name === 'sync-fn')!.statements.length, 0);
  });

  it('maps real error responses to SDK exceptions and clear messages; retries throttling', async () => {
    await assert.rejects(resolveFunctionArn(clients, 'missing'), (e: unknown) => {
      const x = explainAwsError(e, 'GetFunctionConfiguration missing');
      return (e as Error).name === 'ResourceNotFoundException' && x.code === 'ResourceNotFoundException' && /GetFunctionConfiguration missing failed: not found/.test(x.message);
    });
    fake.state.failures = { GetFunctionConfiguration: { status: 429, type: 'TooManyRequestsException', message: 'Rate exceeded', times: 2 } };
    assert.equal(await resolveFunctionArn(clients, 'broken'), arn('broken'));
    assert.equal(fake.callsOf('GetFunctionConfiguration').length, 4, 'two throttled attempts retried, then success');
    fake.state.failures = { DescribeIdentityPool: { status: 400, type: 'NotAuthorizedException', message: 'not authorized' }, ListIdentityPools: { status: 400, type: 'AccessDeniedException', message: 'User is not authorized to perform cognito-identity:ListIdentityPools' } };
    await assert.rejects(listIdentityPools(clients), (e: unknown) => explainAwsError(e, 'ListIdentityPools').code === 'AccessDeniedException');
  });
});

describe('endpoints and profiles follow the AWS conventions', () => {
  let a: FakeAws;
  let b: FakeAws;
  let dir: string;
  before(async () => {
    isolateAwsEnv();
    [a, b] = await Promise.all([startFakeAws({ functions: functions(), identityPools: [] }), startFakeAws({ functions: functions(), identityPools: [] })]);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aws-profile-'));
  });
  after(async () => {
    delete process.env.AWS_ENDPOINT_URL_LAMBDA;
    isolateAwsEnv();
    await Promise.all([a.stop(), b.stop()]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('the SDK honours AWS_ENDPOINT_URL_LAMBDA; the setting wins over it', async () => {
    process.env.AWS_ENDPOINT_URL_LAMBDA = a.endpoint;
    const env = await createAwsClients({ region: 'us-east-1' });
    await listFunctions(env);
    assert.equal(a.callsOf('ListFunctions').length, 1);
    const setting = await createAwsClients({ region: 'us-east-1', endpoints: { lambda: b.endpoint } });
    await listFunctions(setting);
    assert.equal(b.callsOf('ListFunctions').length, 1);
    assert.equal(a.callsOf('ListFunctions').length, 1);
    env.destroy();
    setting.destroy();
    delete process.env.AWS_ENDPOINT_URL_LAMBDA;
  });

  it("uses a profile's keys, region and endpoint_url; lists profiles without their keys", async () => {
    fs.writeFileSync(path.join(dir, 'config'), `[profile dev]\nregion = eu-west-1\nendpoint_url = ${b.endpoint}\n\n[default]\nregion = us-east-1\n`);
    fs.writeFileSync(path.join(dir, 'credentials'), '[dev]\naws_access_key_id = AKIDPROFILEDEV00\naws_secret_access_key = profile-secret-value\n');
    process.env.AWS_CONFIG_FILE = path.join(dir, 'config');
    process.env.AWS_SHARED_CREDENTIALS_FILE = path.join(dir, 'credentials');
    delete process.env.AWS_ACCESS_KEY_ID;
    delete process.env.AWS_SECRET_ACCESS_KEY;
    delete process.env.AWS_REGION;
    // The catch-all AWS_ENDPOINT_URL would win over endpoint_url (as it should): lift it here only.
    delete process.env.AWS_ENDPOINT_URL;
    const c = await createAwsClients({ profile: 'dev' });
    await resolveFunctionArn(c, 'broken');
    const call = b.callsOf('GetFunctionConfiguration').at(-1)!;
    assert.match(call.authorization, /Credential=AKIDPROFILEDEV00\/\d{8}\/eu-west-1\/lambda\//);
    c.destroy();
    // Without a profile in settings, the SDK itself reads AWS_PROFILE's keys, region and endpoint_url.
    process.env.AWS_PROFILE = 'dev';
    const viaEnv = await createAwsClients({});
    const before = b.callsOf('GetFunctionConfiguration').length;
    try {
      await resolveFunctionArn(viaEnv, 'broken');
    } finally {
      viaEnv.destroy();
      delete process.env.AWS_PROFILE;
    }
    assert.equal(b.callsOf('GetFunctionConfiguration').length, before + 1);
    assert.match(b.callsOf('GetFunctionConfiguration').at(-1)!.authorization, /Credential=AKIDPROFILEDEV00\/\d{8}\/eu-west-1\/lambda\//);
    const profiles = await listProfiles();
    assert.deepEqual(profiles.map((p) => [p.name, p.region, p.sources]), [['default', 'us-east-1', ['config']], ['dev', 'eu-west-1', ['config', 'credentials']]]);
    assert.equal(JSON.stringify(profiles).includes('profile-secret-value'), false);
  });
});
