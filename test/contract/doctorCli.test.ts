// Contract: `cognito-triggers doctor` — the JSON report's shape and the exit codes (0 healthy, 1 errors
// found, 2 usage), against the wire-protocol fake on 127.0.0.1 (identity pool: Lambda, Sync, Identity).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startFakeAws, type FakeAws } from '../fakeAws/server';
import { isolateAwsEnv } from '../integration/cognitoLocal';

const ROOT = path.resolve(__dirname, '../..');
const POOL = 'us-east-1:11111111-2222-3333-4444-555555555555';
const arn = (name: string) => `arn:aws:lambda:us-east-1:123456789012:function:${name}`;

function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [require.resolve('tsx/cli'), path.join(ROOT, 'server/src/cli.ts'), ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('cognito-triggers doctor (CLI)', () => {
  let fake: FakeAws;
  let env: Record<string, string>;
  before(async () => {
    isolateAwsEnv();
    fake = await startFakeAws({ functions: [{ name: 'sync-fn', arn: arn('sync-fn'), runtime: 'python3.13', statements: [], run: (e) => e }], identityPools: [{ id: POOL, name: 'cli-pool', events: { SyncTrigger: arn('sync-fn') } }] });
    env = { AWS_ENDPOINT_URL: fake.endpoint };
  });
  after(() => fake?.stop());

  it('usage errors exit 2 and make no AWS call', async () => {
    for (const args of [['doctor'], ['doctor', '--user-pool', 'us-east-1_a', '--identity-pool', POOL], ['doctor', '--bogus']]) {
      const r = await cli(args, env);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    }
    assert.equal(fake.calls.length, 0);
  });

  it('errors found: exit 1, the JSON report with rule, severity, message, source and a fix command', async () => {
    const r = await cli(['doctor', '--identity-pool', POOL, '--json', '--no-workspace'], env);
    assert.equal(r.code, 1, r.stderr);
    const report = JSON.parse(r.stdout) as Record<string, unknown>;
    assert.deepEqual(Object.keys(report).sort(), ['checked', 'counts', 'findings', 'notes', 'pool']);
    assert.deepEqual(report.pool, { kind: 'identityPool', id: POOL, name: 'cli-pool' });
    assert.deepEqual(report.checked, [{ slot: 'SyncTrigger', functionArn: arn('sync-fn') }]);
    assert.deepEqual(report.counts, { error: 1, warning: 0, information: 0 });
    const [f] = report.findings as Record<string, unknown>[];
    assert.deepEqual(Object.keys(f!).sort(), ['fix', 'functionArn', 'message', 'rule', 'severity', 'slot', 'source']);
    assert.equal(f!.rule, 'doctor/permission-missing');
    assert.equal(f!.severity, 'error');
    assert.match(String(f!.message), /^cli-pool: SyncTrigger calls /);
    assert.equal((f!.source as { url: string }).url, 'https://repost.aws/knowledge-center/cognito-lambda-trigger-errors');
    assert.deepEqual(f!.fix, { title: 'Add the missing permission', kind: 'bind', bind: { kind: 'identityPool', poolId: POOL, functionName: arn('sync-fn') }, command: `cognito-triggers bind --identity-pool ${POOL} --function ${arn('sync-fn')}` });
  });

  it('after the printed fix (run with --yes) the pool is healthy: exit 0, and the text report says so', async () => {
    const fix = await cli(['bind', '--identity-pool', POOL, '--function', arn('sync-fn'), '--yes'], env);
    assert.equal(fix.code, 0, fix.stderr);
    const r = await cli(['doctor', '--identity-pool', POOL, '--no-workspace'], env);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Identity pool cli-pool \(us-east-1:1111.*\): 1 bound slot\(s\) checked/);
    assert.match(r.stdout, /No findings/);
  });

  it('a pool that cannot be read exits 1 with the explained error', async () => {
    const r = await cli(['doctor', '--identity-pool', 'us-east-1:99999999-0000-0000-0000-000000000000', '--no-workspace'], env);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /cognito-triggers: .*not found/i);
  });
});
