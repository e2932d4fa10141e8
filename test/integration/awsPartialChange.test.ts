// Integration: a bind/unbind that fails after UpdateUserPool (or SetCognitoEvents) is reported as a
// partial change, and Finish / Roll back recover, with the stale-pool guard. Every failure point is
// injected: cognito-local behind a fault proxy, Lambda and Cognito Sync in the wire-protocol fake.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { CreateUserPoolCommand, UpdateUserPoolCommand, type UserPoolType } from '@aws-sdk/client-cognito-identity-provider';
import { applyBind, finishBind, planBind, rollbackBind, type BindRequest } from '../../server/src/core/aws/bindService';
import { createAwsClients, type AwsClients } from '../../server/src/core/aws/clients';
import { unexpectedDifferences } from '../../server/src/core/aws/diff';
import { describeUserPool } from '../../server/src/core/aws/userPoolBinding';
import { startFakeAws, type FakeAws } from '../fakeAws/server';
import { isolateAwsEnv, startCognitoLocal, type CognitoLocal } from './cognitoLocal';
import { startFaultProxy, type FaultProxy } from './faultProxy';
import { ensureBuilt } from '../ensureBuilt';

const ACCOUNT = '123456789012';
const ROOT = path.resolve(__dirname, '..', '..');
const arn = (name: string) => `arn:aws:lambda:us-east-1:${ACCOUNT}:function:${name}`;
const SYNC_POOL = 'us-east-1:11111111-2222-3333-4444-555555555555';
const denied = (message = 'not authorized') => ({ status: 403, type: 'AccessDeniedException', message });
// cognito-local's stale UnusedAccountValidityDays copy (see awsUserPool.test.ts); not ours to compare.
const IGNORED = ['LastModifiedDate', 'AdminCreateUserConfig.UnusedAccountValidityDays'];

describe('partial bind/unbind: report, finish, roll back', () => {
  let cl: CognitoLocal;
  let proxy: FaultProxy;
  let fake: FakeAws;
  let clients: AwsClients;
  let poolId: string;
  let initial: UserPoolType;

  before(async () => {
    isolateAwsEnv();
    [cl, fake] = await Promise.all([startCognitoLocal(), startFakeAws({ functions: [], identityPools: [] })]);
    proxy = await startFaultProxy(cl.endpoint);
    clients = await createAwsClients({ region: 'us-east-1', endpoints: { cognitoIdentityProvider: proxy.endpoint, lambda: fake.endpoint, cognitoSync: fake.endpoint }, maxAttempts: 1 });
  });
  beforeEach(async () => {
    fake.state.functions = ['a', 'b', 'post'].map((name) => ({ name, arn: arn(name), statements: [], run: () => ({}) }));
    fake.state.identityPools = [{ id: SYNC_POOL, name: 'sync', events: { DatasetDeleted: arn('post') } }];
    fake.state.failures = {};
    fake.calls.length = 0;
    proxy.failures = {};
    const created = await clients.userPools.send(new CreateUserPoolCommand({ PoolName: `partial-${Date.now()}`, MfaConfiguration: 'OFF', LambdaConfig: { PostConfirmation: arn('post') }, UserPoolTags: { team: 'id' } }));
    poolId = created.UserPool!.Id!;
    initial = await describeUserPool(clients, poolId);
  });
  after(async () => {
    clients?.destroy();
    await Promise.all([proxy?.stop(), fake?.stop()]);
    await cl?.stop();
  });

  const bindA = (): BindRequest => ({ kind: 'userPool', poolId, slot: 'PreSignUp', functionName: 'a' });
  const slotOf = async (key: string) => ((await describeUserPool(clients, poolId)).LambdaConfig as Record<string, unknown> | undefined)?.[key];

  it('GetPolicy fails after UpdateUserPool: partial, names lambda:GetPolicy; Finish adds the permission', async () => {
    const planned = await planBind(clients, bindA());
    fake.state.failures = { GetPolicy: { ...denied(), times: 1 } };
    const r = await applyBind(clients, planned);
    assert.ok(r.partial, 'reported as a partial change');
    assert.ok(r.partial.applied.some((a) => a.startsWith(`UpdateUserPool ${poolId}`)), r.partial.applied.join('\n'));
    assert.match(r.partial.notApplied[0]!, /^GetPolicy, AddPermission/);
    assert.match(r.partial.error.hint, /lambda:GetPolicy/);
    assert.match(r.partial.impact, /every operation that runs this trigger fails/);
    assert.match(r.partial.finishCommand, /^cognito-triggers bind --user-pool \S+ --trigger PreSignUp --function a --yes$/);
    assert.equal(await slotOf('PreSignUp'), arn('a'), 'the pool really was changed (and the report says so)');
    assert.equal(fake.callsOf('AddPermission').length, 0);

    const done = await finishBind(clients, planned);
    assert.equal(done.partial, undefined, done.lines.join('\n'));
    assert.equal(fake.callsOf('AddPermission').length, 1);
    assert.equal(fake.state.functions.find((f) => f.name === 'a')!.statements.length, 1);
    assert.deepEqual(unexpectedDifferences(initial, await describeUserPool(clients, poolId), [...IGNORED, 'LambdaConfig.PreSignUp']), []);
  });

  it('AddPermission fails: partial; Roll back restores the slot and leaves every other setting', async () => {
    const planned = await planBind(clients, bindA());
    fake.state.failures = { AddPermission: denied('User is not authorized to perform: lambda:AddPermission') };
    const r = await applyBind(clients, planned);
    assert.ok(r.partial);
    assert.match(r.partial.error.hint, /lambda:AddPermission/);
    assert.match(r.partial.rollbackCommand, /^cognito-triggers unbind --user-pool \S+ --trigger PreSignUp --expect-current arn:aws:lambda:us-east-1:123456789012:function:a --yes$/);
    const back = await rollbackBind(clients, planned);
    assert.deepEqual(back.unexpected, []);
    assert.equal(await slotOf('PreSignUp'), undefined);
    assert.deepEqual(unexpectedDifferences(initial, await describeUserPool(clients, poolId), IGNORED), []);
  });

  it('the DescribeUserPool after the update fails: partial (permission not yet added); Finish verifies and adds it', async () => {
    const planned = await planBind(clients, bindA());
    proxy.failures = { DescribeUserPool: { status: 400, type: 'InternalErrorException', message: 'injected', skip: 1, times: 1 } };
    const r = await applyBind(clients, planned);
    assert.ok(r.partial, r.lines.join('\n'));
    assert.match(r.partial.notApplied[0]!, /after the update/);
    assert.match(r.partial.notApplied[1]!, /AddPermission/);
    const done = await finishBind(clients, planned);
    assert.equal(done.partial, undefined);
    assert.match(done.lines.join('\n'), /nothing else changed/);
    assert.equal(fake.callsOf('AddPermission').length, 1);
  });

  it('unbind: RemovePermission fails after UpdateUserPool: partial; Roll back binds the function again', async () => {
    await applyBind(clients, await planBind(clients, bindA()));
    assert.equal(fake.state.functions.find((f) => f.name === 'a')!.statements.length, 1);
    const planned = await planBind(clients, { kind: 'userPool', poolId, slot: 'PreSignUp' });
    fake.state.failures = { RemovePermission: { status: 409, type: 'ResourceConflictException', message: 'busy' } };
    const r = await applyBind(clients, planned, { removePermission: true });
    assert.ok(r.partial);
    assert.match(r.partial.notApplied[0]!, /RemovePermission/);
    assert.match(r.partial.impact, /is cleared/);
    assert.equal(await slotOf('PreSignUp'), undefined);
    assert.match(r.partial.rollbackCommand, /bind --user-pool \S+ --trigger PreSignUp --function arn:aws:lambda:us-east-1:123456789012:function:a --expect-current none --yes/);
    await rollbackBind(clients, planned);
    assert.equal(await slotOf('PreSignUp'), arn('a'));
  });

  it('Roll back refuses when someone changed the pool since (stale-pool guard); nothing is sent', async () => {
    const planned = await planBind(clients, bindA());
    fake.state.failures = { AddPermission: denied() };
    assert.ok((await applyBind(clients, planned)).partial);
    // Someone else binds another slot meanwhile.
    const now = await describeUserPool(clients, poolId);
    await clients.userPools.send(new UpdateUserPoolCommand({ UserPoolId: poolId, LambdaConfig: { ...now.LambdaConfig, PreAuthentication: arn('b') }, MfaConfiguration: now.MfaConfiguration, UserPoolTags: now.UserPoolTags }));
    const updatesBefore = proxy.seen.filter((o) => o === 'UpdateUserPool').length;
    await assert.rejects(rollbackBind(clients, planned), /changed since the failed change \(.*LambdaConfig\.PreAuthentication.*\); rolling back would undo that/);
    assert.equal(proxy.seen.filter((o) => o === 'UpdateUserPool').length, updatesBefore, 'no update sent');
    assert.equal(await slotOf('PreSignUp'), arn('a'));
  });

  it('a failure before UpdateUserPool is not partial: it throws and nothing changed', async () => {
    const planned = await planBind(clients, bindA());
    proxy.failures = { UpdateUserPool: { ...denied(), times: 1 } };
    await assert.rejects(applyBind(clients, planned), /not authorized/);
    assert.equal(await slotOf('PreSignUp'), undefined);
  });

  it('identity pool: AddPermission fails after SetCognitoEvents: partial; Roll back restores the events', async () => {
    const planned = await planBind(clients, { kind: 'identityPool', poolId: SYNC_POOL, functionName: 'a' });
    fake.state.failures = { AddPermission: denied() };
    const r = await applyBind(clients, planned);
    assert.ok(r.partial);
    assert.ok(r.partial.applied.some((a) => a.startsWith('SetCognitoEvents')));
    assert.equal(fake.state.identityPools[0]!.events.SyncTrigger, arn('a'));
    await rollbackBind(clients, planned);
    assert.deepEqual(fake.state.identityPools[0]!.events, { DatasetDeleted: arn('post') });
  });

  it('CLI: exit 3 with the finish and roll-back commands; the printed roll-back command works, a stale one is refused', async () => {
    const env = { ...process.env, AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: proxy.endpoint, AWS_ENDPOINT_URL_LAMBDA: fake.endpoint, AWS_MAX_ATTEMPTS: '1' };
    // Asynchronous: the fake and the proxy answer from this process.
    const cli = (...args: string[]) =>
      new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
        const c = spawn(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
        let stdout = '';
        let stderr = '';
        c.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
        c.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        c.on('close', (status) => resolve({ status, stdout, stderr }));
      });
    ensureBuilt();
    fake.state.failures = { AddPermission: denied() };
    const r = await cli('bind', '--user-pool', poolId, '--trigger', 'PreSignUp', '--function', 'a', '--yes');
    assert.equal(r.status, 3, r.stdout + r.stderr);
    const finish = /To finish: (.*)/.exec(r.stderr)?.[1];
    const rollback = /To roll back: (.*)/.exec(r.stderr)?.[1];
    assert.equal(finish, `cognito-triggers bind --user-pool ${poolId} --trigger PreSignUp --function a --yes`);
    assert.ok(rollback?.startsWith('cognito-triggers unbind'), r.stderr);
    if (!rollback) return;
    fake.state.failures = {};
    const argv = (cmd: string) => cmd.split(' ').slice(1);
    // A guard that no longer holds: refused, nothing changed.
    const stale = await cli(...argv(rollback.replace(/--expect-current \S+/, '--expect-current none')));
    assert.equal(stale.status, 2, stale.stderr);
    assert.match(stale.stderr, /someone changed it since/);
    const back = await cli(...argv(rollback));
    assert.equal(back.status, 0, back.stderr);
    assert.equal(fake.callsOf('AddPermission').length, 1, 'only the failed attempt');
  });
});
