// Integration: the CLI's bind/unbind/bindings against cognito-local + the fake, and runRemoteInvoke.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CreateUserPoolCommand } from '@aws-sdk/client-cognito-identity-provider';
import { createAwsClients, type AwsClients } from '../../server/src/core/aws/clients';
import { describeUserPool } from '../../server/src/core/aws/userPoolBinding';
import { startFakeAws, type FakeAws } from '../fakeAws/server';
import { isolateAwsEnv, startCognitoLocal, type CognitoLocal } from './cognitoLocal';

const ROOT = path.resolve(__dirname, '../..');
const arn = (name: string) => `arn:aws:lambda:us-east-1:123456789012:function:${name}`;

/** Runs the CLI from source with stdin not a terminal; resolves with its exit code and output. */
function cli(args: string[], env: Record<string, string>, entry = path.join(ROOT, 'server/src/cli.ts')): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [require.resolve('tsx/cli'), entry, ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.stdin.end();
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('CLI bind, unbind, bindings and remote invoke', () => {
  let cl: CognitoLocal;
  let fake: FakeAws;
  let clients: AwsClients;
  let poolId: string;
  let env: Record<string, string>;
  before(async () => {
    isolateAwsEnv();
    [cl, fake] = await Promise.all([
      startCognitoLocal(),
      startFakeAws({ functions: ['hook', 'mailer'].map((name) => ({ name, arn: arn(name), statements: [], run: (e: unknown) => e })), identityPools: [] }),
    ]);
    // The CLI gets its endpoints the AWS way, through the environment.
    env = { AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: cl.endpoint, AWS_ENDPOINT_URL_LAMBDA: fake.endpoint };
    clients = await createAwsClients({ region: 'us-east-1', endpoints: { cognitoIdentityProvider: cl.endpoint, lambda: fake.endpoint } });
    const created = await clients.userPools.send(new CreateUserPoolCommand({ PoolName: 'cli', MfaConfiguration: 'OPTIONAL', Policies: { PasswordPolicy: { MinimumLength: 20 } } }));
    poolId = created.UserPool!.Id!;
  });
  after(async () => {
    clients?.destroy();
    await Promise.all([cl?.stop(), fake?.stop()]);
  });

  it('--dry-run shows the change and changes nothing', async () => {
    const r = await cli(['bind', '--user-pool', poolId, '--trigger', 'PreSignUp', '--function', 'hook', '--dry-run'], env);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`LambdaConfig.PreSignUp: \\(not set\\) → ${arn('hook')}`));
    assert.match(r.stdout, /Nothing else changes/);
    assert.match(r.stdout, /Dry run: nothing was changed/);
    // The SDK's 8-line NodeVersionSupportWarning (Node < 22) is not ours to print on every command.
    assert.doesNotMatch(r.stderr, /NodeVersionSupportWarning/);
    assert.equal((await describeUserPool(clients, poolId)).LambdaConfig?.PreSignUp, undefined);
    assert.equal(fake.callsOf('AddPermission').length, 0);
  });

  it('without --yes and without a terminal it refuses (exit 2) and changes nothing', async () => {
    const r = await cli(['bind', '--user-pool', poolId, '--trigger', 'PreSignUp', '--function', 'hook'], env);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /no terminal to ask on.*--yes/);
    assert.equal((await describeUserPool(clients, poolId)).LambdaConfig?.PreSignUp, undefined);
  });

  it('refuses a custom sender without a KMS key, with the reason', async () => {
    const r = await cli(['bind', '--user-pool', poolId, '--trigger', 'CustomEmailSender', '--function', 'mailer', '--yes'], env);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /needs a KMS key/);
    assert.match(r.stderr, /--kms-key/);
  });

  it('--yes binds, keeps the other settings, adds the permission; bindings shows it; unbind removes it', async () => {
    const r = await cli(['bind', '--user-pool', poolId, '--trigger', 'PreSignUp', '--function', 'hook', '--yes'], env);
    // cognito-local reports AdminCreateUserConfig.UnusedAccountValidityDays 7 beside this pool's
    // TemporaryPasswordValidityDays 7 (its default) and drops it after the update: the same days stay in
    // effect, so neither the review nor the result mentions it (where the two differ, bindPalette.mjs sees
    // the note), and its disappearance is no unexpected difference.
    assert.doesNotMatch(r.stdout, /unexpected:/, r.stdout);
    assert.match(r.stdout, /read it again: nothing else changed\./);
    assert.doesNotMatch(r.stdout, /UnusedAccountValidityDays/, r.stdout);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Added permission/);
    const pool = await describeUserPool(clients, poolId);
    assert.deepEqual([pool.LambdaConfig?.PreSignUp, pool.MfaConfiguration, pool.Policies?.PasswordPolicy?.MinimumLength], [arn('hook'), 'OPTIONAL', 20]);
    const b = await cli(['bindings', '--user-pool', poolId, '--json'], env);
    assert.equal(b.code, 0, b.stderr);
    const shown = JSON.parse(b.stdout) as { slots: { slot: string; functionArn?: string; triggerId?: string }[] };
    const slot = shown.slots.find((s) => s.slot === 'PreSignUp');
    assert.deepEqual([slot?.functionArn, slot?.triggerId], [arn('hook'), 'PreSignUp']);
    assert.equal(shown.slots.filter((s) => s.functionArn).length, 1, 'only the bound slot has a function');
    const u = await cli(['unbind', '--user-pool', poolId, '--trigger', 'PreSignUp', '--yes', '--remove-permission'], env);
    assert.equal(u.code, 0, u.stdout + u.stderr);
    assert.match(u.stdout, /nothing else changed/);
    assert.match(u.stdout, /Removed permission/);
    assert.equal((await describeUserPool(clients, poolId)).LambdaConfig?.PreSignUp, undefined);
    assert.equal(fake.state.functions[0]!.statements.length, 0);
  });

  it('unbind --remove-permission keeps the statement while another slot of the pool calls the function', async () => {
    const hook = fake.state.functions.find((f) => f.name === 'hook')!;
    for (const slot of ['PreSignUp', 'PreAuthentication']) {
      const b = await cli(['bind', '--user-pool', poolId, '--trigger', slot, '--function', 'hook', '--yes'], env);
      assert.doesNotMatch(b.stderr, /failed/, b.stderr);
    }
    assert.equal(hook.statements.length, 1, 'one statement serves both slots');
    const removals = fake.callsOf('RemovePermission').length;
    const u = await cli(['unbind', '--user-pool', poolId, '--trigger', 'PreAuthentication', '--remove-permission', '--yes'], env);
    assert.equal(u.code, 0, u.stdout + u.stderr);
    assert.match(u.stdout, /kept: PreSignUp still uses this function/);
    assert.doesNotMatch(u.stdout, /Removed permission/);
    assert.equal(hook.statements.length, 1, 'PreSignUp still needs the statement');
    assert.equal(fake.callsOf('RemovePermission').length, removals);
    // The last slot gone, the same command removes it.
    const last = await cli(['unbind', '--user-pool', poolId, '--trigger', 'PreSignUp', '--remove-permission', '--yes'], env);
    assert.match(last.stdout, /Removed permission/, last.stdout + last.stderr);
    assert.equal(hook.statements.length, 0);
  });

  it('usage errors and AWS errors: clear message, right exit code, no secret', async () => {
    const u = await cli(['bind', '--user-pool', poolId, '--function', 'hook'], env);
    assert.equal(u.code, 2);
    assert.match(u.stderr, /--trigger SLOT \(PreSignUp, /);
    const missing = await cli(['bind', '--user-pool', poolId, '--trigger', 'PreSignUp', '--function', 'nope', '--yes'], env);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /failed at GetFunctionConfiguration: not found.*Function not found: nope/);
    const bad = await cli(['bind', '--identity-pool', 'not-an-id', '--function', 'hook', '--yes'], env);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /not an identity pool id/);
    for (const out of [u, missing, bad]) assert.equal(`${out.stdout}${out.stderr}`.includes(String(process.env.AWS_SECRET_ACCESS_KEY)), false);
  });

  it('runRemoteInvoke prints the result of a deployed function and returns the exit code', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'remote-invoke-'));
    const file = path.join(dir, 'event.json');
    fs.writeFileSync(file, JSON.stringify({ version: '1', triggerSource: 'PreSignUp_SignUp', region: 'us-east-1', userPoolId: 'us-east-1_a', userName: 'u', callerContext: { awsSdkVersion: '1', clientId: 'c' }, request: { userAttributes: {} }, response: { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false } }));
    const script = path.join(__dirname, 'runRemoteInvoke.script.ts');
    const run = (opts: object) => cli(['--', JSON.stringify(opts)], env, script);
    try {
      const r = await run({ functionName: 'hook', eventFile: file, json: true });
      assert.equal(r.code, 0, r.stderr);
      const result = JSON.parse(r.stdout) as { where: string; triggerId: string; outcome: { kind: string } };
      assert.deepEqual([result.where, result.triggerId, result.outcome.kind], ['remote', 'PreSignUp', 'returned']);
      const text = await run({ functionName: 'hook', source: 'PreSignUp_SignUp' });
      assert.equal(text.code, 0, text.stderr);
      assert.match(text.stdout, /PreSignUp \(PreSignUp_SignUp\) ← hook {2}\[remote, \d+ ms\]/);
      assert.match(text.stderr, /--- log tail ---\nSTART RequestId/);
      assert.equal((await run({ functionName: 'hook' })).code, 2);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
