// Integration: 300 user pools on cognito-local behind a counting proxy. Listing them for the view costs
// ListUserPools pages and no DescribeUserPool; expanding a pool describes it once; again, from the cache;
// a bind's forget and a Refresh read it again. The CLI's `bindings` describes only the pools it prints.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CreateUserPoolCommand } from '@aws-sdk/client-cognito-identity-provider';
import { collectBindings } from '../../server/src/core/aws/bindingsView';
import { createAwsClients, type AwsClients } from '../../server/src/core/aws/clients';
import { PoolCatalog } from '../../server/src/core/aws/poolCatalog';
import { startFakeAws, type FakeAws } from '../fakeAws/server';
import { isolateAwsEnv, startCognitoLocal, type CognitoLocal } from './cognitoLocal';
import { startFaultProxy, type FaultProxy } from './faultProxy';

const ROOT = path.resolve(__dirname, '../..');
const POOLS = 300;
const HOOK = 'arn:aws:lambda:us-east-1:123456789012:function:scale-hook';

function cli(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [require.resolve('tsx/cli'), path.join(ROOT, 'server/src/cli.ts'), ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe(`the Pools view and bindings with ${POOLS} pools`, () => {
  let cl: CognitoLocal;
  let fake: FakeAws;
  let proxy: FaultProxy;
  let clients: AwsClients;
  const ids: string[] = [];
  const count = (op: string) => proxy.seen.filter((x) => x === op).length;

  before(async () => {
    isolateAwsEnv();
    [cl, fake] = await Promise.all([startCognitoLocal(), startFakeAws({ functions: [], identityPools: [] })]);
    proxy = await startFaultProxy(cl.endpoint);
    // The pools are made straight on cognito-local; the code under test talks through the proxy.
    const direct = await createAwsClients({ region: 'us-east-1', endpoints: { cognitoIdentityProvider: cl.endpoint }, maxAttempts: 1 });
    try {
      for (let i = 0; i < POOLS; i++) {
        const created = await direct.userPools.send(new CreateUserPoolCommand({ PoolName: `scale-${String(i).padStart(3, '0')}`, ...(i === 7 ? { LambdaConfig: { PreSignUp: HOOK } } : {}) }));
        ids.push(created.UserPool!.Id!);
      }
    } finally {
      direct.destroy();
    }
    clients = await createAwsClients({ region: 'us-east-1', endpoints: { cognitoIdentityProvider: proxy.endpoint, cognitoIdentity: fake.endpoint, cognitoSync: fake.endpoint, lambda: fake.endpoint }, maxAttempts: 1 });
  });
  after(async () => {
    clients?.destroy();
    await proxy?.stop();
    await Promise.all([cl?.stop(), fake?.stop()]);
  });

  it('list: every page, no describe; expand: one describe, cached on re-expand; forget and refresh read again', async () => {
    const catalog = new PoolCatalog();
    const target = 'default|us-east-1';
    const list = () => collectBindings(clients, [], {}, undefined, [], { reads: catalog.reads(target, clients), listOnly: true });
    const expand = async (id: string) => (await collectBindings(clients, [], { userPoolIds: [id], identityPoolIds: [] }, undefined, [], { reads: catalog.reads(target, clients) })).userPools[0]!;

    const listed = await list();
    assert.equal(listed.userPools.length, POOLS);
    assert.ok(listed.userPools.every((p) => p.described === false && p.slots.length === 0));
    assert.deepEqual(new Set(listed.userPools.map((p) => p.id)), new Set(ids));
    assert.equal(count('DescribeUserPool'), 0, 'no pool is described before it is expanded');
    // cognito-local answers every pool in one page (the fake's pageSize tests the paging loop).
    const listCalls = count('ListUserPools');
    assert.ok(listCalls >= 1);
    // The view shown again (after a bind elsewhere, a focus): the list is kept too.
    await list();
    assert.equal(count('ListUserPools'), listCalls);

    const bound = await expand(ids[7]!);
    assert.equal(bound.slots.find((s) => s.slot === 'PreSignUp')?.functionArn, HOOK);
    assert.equal(bound.name, 'scale-007');
    await expand(ids[100]!);
    await expand(ids[299]!);
    assert.equal(count('DescribeUserPool'), 3, 'one describe per expanded pool');
    await expand(ids[7]!);
    await expand(ids[100]!);
    assert.equal(count('DescribeUserPool'), 3, 're-expanding reads from the cache');

    // A bind through the server drops that pool: its next expand describes it again, the others not.
    catalog.forget(ids[7]!);
    await expand(ids[7]!);
    await expand(ids[100]!);
    assert.equal(count('DescribeUserPool'), 4);

    // Refresh: the lists and every description are read again.
    catalog.clear(target);
    await list();
    assert.equal(count('ListUserPools'), 2 * listCalls);
    await expand(ids[100]!);
    assert.equal(count('DescribeUserPool'), 5);
  });

  it('a failed describe is not kept: the next expand tries again', async () => {
    const catalog = new PoolCatalog();
    const before = count('DescribeUserPool');
    proxy.failures.DescribeUserPool = { status: 400, type: 'NotAuthorizedException', message: 'not now', times: 1 };
    const first = await collectBindings(clients, [], { userPoolIds: [ids[5]!], identityPoolIds: [] }, undefined, [], { reads: catalog.reads('t', clients) });
    assert.match(first.userPools[0]!.error?.message ?? '', /not now/);
    const second = await collectBindings(clients, [], { userPoolIds: [ids[5]!], identityPoolIds: [] }, undefined, [], { reads: catalog.reads('t', clients) });
    assert.equal(second.userPools[0]!.error, undefined);
    assert.equal(count('DescribeUserPool') - before, 2);
  });

  it('cognito-triggers bindings (no pool) lists every pool and describes only the page it prints', async () => {
    const env = { AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: proxy.endpoint, AWS_ENDPOINT_URL: fake.endpoint, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'AKIDSCALE', AWS_SECRET_ACCESS_KEY: 'scale' };
    const describesBefore = count('DescribeUserPool');
    const r = await cli(['bindings', '--json', '--limit', '10', '--page', '1'], env);
    assert.equal(r.code, 0, r.stderr);
    const page = JSON.parse(r.stdout) as { total: number; page: number; pages: number; userPools: { id: string; name: string; slots: { slot: string; functionArn?: string }[] }[] };
    assert.deepEqual([page.total, page.page, page.pages, page.userPools.length], [POOLS, 1, 30, 10]);
    assert.equal(count('DescribeUserPool') - describesBefore, 10, 'only the 10 printed pools are described');
    const text = await cli(['bindings', '--limit', '10', '--page', '30'], env);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, new RegExp(`^User pools 291–300 of ${POOLS} \\(page 30 of 30\\):`));
    assert.doesNotMatch(text.stdout, /Next page/);
    assert.equal(count('DescribeUserPool') - describesBefore, 20);
    const usage = await cli(['bindings', '--limit', '0'], env);
    assert.equal(usage.code, 2, usage.stderr);
  });
});
