// `cognito-triggers flow` as CI runs it: the built dist/cli.js in a project folder, the pool from a
// DescribeUserPool JSON (--pool) and the bindings file, a --trigger override, a user store that sign-up
// writes and sign-in reads (--users), the --json shape, and exit 0 (succeeds) / 1 (Cognito fails it) / 2 (usage).
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ensureBuilt } from '../ensureBuilt';

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const FIX = path.join(ROOT, 'test', 'fixtures', 'flows');
const CWD = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-cli-flow-'));

function flow(...args: string[]): { code: number | null; stdout: string; stderr: string; json: () => FlowJson } {
  const r = spawnSync(process.execPath, [CLI, 'flow', ...args], { cwd: CWD, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, json: () => JSON.parse(r.stdout) as FlowJson };
}

interface FlowJson {
  outcome: string;
  error: { name: string; message: string } | null;
  steps: { trigger: string; triggerSource: string; event: { region?: string; userPoolId?: string }; response: unknown; verdict: { headline: string; succeeds: boolean }; attempts: number; ms: number }[];
  tokens: { id?: { claims: Record<string, unknown> }; access: { claims: Record<string, unknown> } } | null;
  messages: unknown[];
}

before(() => {
  ensureBuilt();
  for (const f of ['preSignUp.js', 'preAuth.js']) fs.copyFileSync(path.join(FIX, f), path.join(CWD, f));
  // The deployed pool binds PreSignUp to my-pre-sign-up; the bindings file says which local file builds it.
  fs.writeFileSync(path.join(CWD, 'pool.json'), JSON.stringify({ UserPool: { Id: 'eu-west-1_Abc123', LambdaConfig: { PreSignUp: 'arn:aws:lambda:eu-west-1:123456789012:function:my-pre-sign-up' } } }));
  fs.writeFileSync(path.join(CWD, 'cognito-triggers.json'), JSON.stringify({ handlers: [{ file: 'preSignUp.js', functionName: 'my-pre-sign-up' }] }));
});
after(() => fs.rmSync(CWD, { recursive: true, force: true }));

describe('cognito-triggers flow', () => {
  it('sign-up then sign-in through --pool, the bindings file, --trigger and --users; --json has the documented shape; exit 0', () => {
    const up = flow('sign-up', '--username', 'jane', '--password', 'Passw0rd!', '--attribute', 'email=jane@example.com', '--client-metadata', 'autoConfirm=yes', '--pool', 'pool.json', '--users', 'users.json', '--json');
    assert.equal(up.code, 0, up.stderr);
    const u = up.json();
    assert.deepEqual(Object.keys(u).filter((k) => ['outcome', 'error', 'steps', 'tokens', 'messages'].includes(k)).sort(), ['error', 'messages', 'outcome', 'steps', 'tokens']);
    assert.equal(u.outcome, 'succeeded');
    assert.equal(u.error, null);
    const pre = u.steps.find((s) => s.trigger === 'PreSignUp');
    assert.ok(pre, JSON.stringify(u.steps.map((s) => s.trigger)));
    assert.deepEqual(Object.keys(pre).filter((k) => ['trigger', 'triggerSource', 'event', 'response', 'verdict', 'attempts', 'ms'].includes(k)).length, 7);
    assert.equal(pre.triggerSource, 'PreSignUp_SignUp');
    assert.equal(pre.attempts, 1);
    assert.equal(typeof pre.ms, 'number');
    // The pool's id and Region come from the DescribeUserPool JSON.
    assert.deepEqual([pre.event.userPoolId, pre.event.region], ['eu-west-1_Abc123', 'eu-west-1']);
    const stored = JSON.parse(fs.readFileSync(path.join(CWD, 'users.json'), 'utf8')) as { users: { username: string; status: string }[] };
    assert.deepEqual(stored.users.map((x) => [x.username, x.status]), [['jane', 'CONFIRMED']]);

    // --trigger adds PreAuthentication to the pool; the user signed up above signs in.
    const inn = flow('sign-in', '--username', 'jane', '--password', 'Passw0rd!', '--pool', 'pool.json', '--users', 'users.json', '--trigger', 'PreAuthentication=preAuth.js', '--json');
    assert.equal(inn.code, 0, inn.stderr);
    const i = inn.json();
    assert.equal(i.outcome, 'succeeded');
    assert.ok(i.steps.some((s) => s.trigger === 'PreAuthentication' && s.triggerSource === 'PreAuthentication_Authentication'));
    assert.equal(i.tokens?.id?.claims['cognito:username'], 'jane');
    assert.equal(i.tokens?.access.claims.token_use, 'access');
  });

  it('exit 1 when Cognito fails the flow, with the error the app receives', () => {
    const r = flow('sign-up', '--username', 'bob', '--password', 'Passw0rd!', '--attribute', 'email=bob@other.org', '--pool', 'pool.json', '--json');
    assert.equal(r.code, 1, r.stderr);
    const j = r.json();
    assert.equal(j.outcome, 'failed');
    assert.deepEqual(j.error && { name: j.error.name, message: j.error.message }, { name: 'UserLambdaValidationException', message: 'PreSignUp failed with error Sign-up is closed for bob@other.org.' });
    assert.equal(j.tokens, null);
    const wrong = flow('sign-in', '--username', 'jane', '--password', 'wrong', '--users', 'users.json', '--pool', 'pool.json', '--json');
    assert.equal(wrong.code, 1, wrong.stderr);
    assert.equal(wrong.json().error?.name, 'NotAuthorizedException');
  });

  it('exit 2 on a usage error, saying what is wrong', () => {
    const cases: [string[], RegExp][] = [
      [['nope'], /unknown flow "nope"; one of sign-up/],
      [['sign-in', '--password', 'x'], /sign-in needs --username/],
      [['sign-up', '--username', 'x', '--trigger', 'Nope=preSignUp.js'], /--trigger Nope: unknown trigger/],
      [['sign-up', '--username', 'x', '--pool', 'cognito-triggers.json'], /--pool: expected the output of aws cognito-idp describe-user-pool/],
      [['sign-up', '--username', 'x', '--attribute', 'email'], /--attribute "email": expected name=value/],
    ];
    for (const [args, message] of cases) {
      const r = flow(...args);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, message, args.join(' '));
      assert.equal(r.stdout, '');
    }
  });
});

describe('cognito-triggers serve-lambda --port (the rule of the setting cognitoTriggers.localEndpoint.port)', () => {
  const serve = (...args: string[]) => spawnSync(process.execPath, [CLI, 'serve-lambda', '--trigger', 'PreSignUp=preSignUp.js', ...args], { cwd: CWD, encoding: 'utf8', timeout: 60_000 });

  it('listens on the port given, and says so', async () => {
    const probe = net.createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const { port } = probe.address() as net.AddressInfo;
    await new Promise<void>((r) => probe.close(() => r()));
    const child = spawn(process.execPath, [CLI, 'serve-lambda', '--trigger', 'PreSignUp=preSignUp.js', '--port', String(port)], { cwd: CWD, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      let out = '';
      const line = await new Promise<string>((resolve, reject) => {
        child.stdout.setEncoding('utf8').on('data', (t: string) => {
          out += t;
          if (out.includes('\n')) resolve(out);
        });
        child.once('exit', (code) => reject(new Error(`serve-lambda exited ${code} before listening`)));
      });
      assert.match(line, new RegExp(`^Lambda endpoint at http://127\\.0\\.0\\.1:${port} `));
      const res = await fetch(`http://127.0.0.1:${port}/2015-03-31/functions/PreSignUp/invocations`, { method: 'POST', body: JSON.stringify({ triggerSource: 'PreSignUp_SignUp', request: { userAttributes: { email: 'jane@example.com' } }, response: {} }) });
      assert.equal(res.status, 200);
    } finally {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
  });

  it('a port in use: exit 2, naming the port and the way out', async () => {
    const holder = net.createServer();
    await new Promise<void>((r) => holder.listen(0, '127.0.0.1', r));
    const { port } = holder.address() as net.AddressInfo;
    try {
      // spawnSync would block the holder's event loop, but a listening socket needs none to stay taken.
      const r = serve('--port', String(port));
      assert.equal(r.status, 2, r.stderr);
      assert.match(r.stderr, new RegExp(`Port ${port} on 127\\.0\\.0\\.1 \\(--port ${port}\\) is already in use: .* use 0 for any free port\\.`));
    } finally {
      await new Promise<void>((r) => holder.close(() => r()));
    }
  });

  it('no port number: exit 2 with the same rule as the setting', () => {
    for (const bad of ['abc', '70000', '-1', '3.5']) {
      const r = serve('--port', bad);
      assert.equal(r.status, 2, `${bad}: ${r.stderr}`);
      assert.match(r.stderr, new RegExp(`--port must be a port number from 0 to 65535 \\(0 = any free port\\), not "${bad.replace('.', '\\.')}"\\.`));
    }
  });
});
