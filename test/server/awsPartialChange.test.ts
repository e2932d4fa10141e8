// A bind that stops half way, over LSP (issue 15): the view's next read shows the pool as it now is,
// not the description the server kept before the change, and Finish / Roll back run by recovery id.
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AwsApplyBindRequest, AwsBindingsRequest, AwsPlanBindRequest, AwsResult } from '../../server/src/core/protocol';
import { startFakeAws, type FakeAws } from '../fakeAws/server';
import { isolateAwsEnv } from '../integration/cognitoLocal';
import { startServer, type TestServer } from './harness';
import { ensureBuilt } from '../ensureBuilt';

const arn = (name: string) => `arn:aws:lambda:us-east-1:123456789012:function:${name}`;
const POOL = 'us-east-1:11111111-2222-3333-4444-555555555555';
const denied = { status: 403, type: 'AccessDeniedException', message: 'User is not authorized to perform: lambda:AddPermission' };

describe('partial change over LSP: the view reads the changed pool; Finish and Roll back', () => {
  let fake: FakeAws;
  let server: TestServer;
  before(async () => {
    isolateAwsEnv();
    ensureBuilt();
    fake = await startFakeAws({ functions: [{ name: 'a', arn: arn('a'), statements: [], run: (e) => e }], identityPools: [{ id: POOL, name: 'legacy', events: {} }] });
    server = await startServer({ trusted: true, settings: { aws: { region: 'us-east-1', endpoints: { lambda: fake.endpoint, cognitoSync: fake.endpoint, cognitoIdentity: fake.endpoint, cognitoIdentityProvider: fake.endpoint } } } });
  });
  after(async () => {
    await server?.stop();
    await fake?.stop();
  });

  const ok = <T>(r: AwsResult<T>): T => {
    assert.ok(r.ok, JSON.stringify(r));
    return (r as { ok: true; value: T }).value;
  };
  /** What the Pools view shows for the pool when it (re)reads it: no Refresh, so through the server's cache. */
  const shown = async (): Promise<string | undefined> => {
    const v = ok(await server.request<AwsResult<AwsBindingsRequest.Result>>('cognitoTriggers/aws/bindings', { folders: [], userPoolIds: [], identityPoolIds: [POOL] }));
    return v.identityPools[0]?.slots.find((s) => s.slot === 'SyncTrigger')?.functionArn;
  };
  const partialBind = async () => {
    const plan = ok(await server.request<AwsResult<AwsPlanBindRequest.Result>>('cognitoTriggers/aws/planBind', { kind: 'identityPool', poolId: POOL, poolName: 'legacy', functionName: 'a' }));
    fake.state.failures = { AddPermission: denied };
    const applied = ok(await server.request<AwsResult<AwsApplyBindRequest.Result>>('cognitoTriggers/aws/applyBind', { planId: plan.planId }));
    fake.state.failures = {};
    assert.ok(applied.partial?.recoveryId, JSON.stringify(applied));
    return applied.partial;
  };

  it('after the partial bind the view shows the function the pool now calls; Roll back, and it shows the slot empty again', async () => {
    assert.equal(await shown(), undefined, 'read (and kept) before the change');
    const partial = await partialBind();
    assert.deepEqual(fake.state.identityPools[0]!.events, { SyncTrigger: arn('a') }, 'the pool was changed before the refused step');
    assert.equal(await shown(), arn('a'), 'the view must show the pool as it is now, not as the server kept it');
    const back = ok(await server.request<AwsResult<AwsApplyBindRequest.Result>>('cognitoTriggers/aws/recoverBind', { recoveryId: partial.recoveryId, action: 'rollback' }));
    assert.equal(back.partial, undefined, JSON.stringify(back));
    assert.deepEqual(fake.state.identityPools[0]!.events, {});
    assert.equal(await shown(), undefined, 'rolled back: shown unbound');
  });

  it('Finish adds the missing permission and the view shows the binding; the used recovery is no longer known', async () => {
    const partial = await partialBind();
    const adds = fake.callsOf('AddPermission').length;
    const done = ok(await server.request<AwsResult<AwsApplyBindRequest.Result>>('cognitoTriggers/aws/recoverBind', { recoveryId: partial.recoveryId, action: 'finish' }));
    assert.equal(done.partial, undefined, JSON.stringify(done));
    assert.equal(fake.callsOf('AddPermission').length, adds + 1);
    assert.equal(fake.state.functions[0]!.statements.length, 1, 'the permission is in place');
    assert.equal(await shown(), arn('a'));
    const again = await server.request<AwsResult<AwsApplyBindRequest.Result>>('cognitoTriggers/aws/recoverBind', { recoveryId: partial.recoveryId, action: 'rollback' });
    assert.ok(!again.ok && again.error.code === 'PlanExpired', JSON.stringify(again));
  });
});
