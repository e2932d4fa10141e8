// Integration: AWS calls against endpoints that misbehave on 127.0.0.1 — one that accepts and never
// answers (timeout naming the call), one that answers HTML ("did not answer like AWS"), and an
// access denied whose hint names the IAM action.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createAwsClients } from '../../server/src/core/aws/clients';
import { explainAwsError } from '../../server/src/core/aws/errors';
import { listFunctions, listUserPools } from '../../server/src/core/aws/listing';
import { ensurePermission } from '../../server/src/core/aws/lambdaPermission';
import { USER_POOL_PRINCIPAL } from '../../server/src/core/aws/permission';
import { startFakeAws, type FakeAws } from '../fakeAws/server';
import { isolateAwsEnv } from './cognitoLocal';
import { ensureBuilt } from '../ensureBuilt';

const CLI = path.resolve(__dirname, '..', '..', 'dist', 'cli.js');

/** Runs the built CLI (asynchronously: the endpoints answer from this process); killed after `limitMs`. */
function cli(args: string[], cwd: string, limitMs = 20000): Promise<{ status: number | null; stderr: string; ms: number; killed: boolean }> {
  return new Promise((resolve) => {
    const started = Date.now();
    const c = spawn(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, AWS_MAX_ATTEMPTS: '1' }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let killed = false;
    const guard = setTimeout(() => {
      killed = true;
      c.kill('SIGKILL');
    }, limitMs);
    c.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    c.on('close', (status) => {
      clearTimeout(guard);
      resolve({ status, stderr, ms: Date.now() - started, killed });
    });
  });
}

describe('AWS calls that time out or meet something that is not AWS', () => {
  let silent: net.Server;
  const sockets: net.Socket[] = [];
  let html: http.Server;
  let fake: FakeAws;
  const url = (s: net.Server) => `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
  before(async () => {
    isolateAwsEnv();
    // Accepts every connection and never says a word.
    silent = net.createServer((s) => sockets.push(s));
    html = http.createServer((_req, res) => {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>');
    });
    await Promise.all([new Promise<void>((r) => silent.listen(0, '127.0.0.1', r)), new Promise<void>((r) => html.listen(0, '127.0.0.1', r))]);
    fake = await startFakeAws({ functions: [{ name: 'f', arn: 'arn:aws:lambda:us-east-1:123456789012:function:f', statements: [], run: () => ({}) }], identityPools: [] });
  });
  after(async () => {
    for (const s of sockets) s.destroy();
    await Promise.all([new Promise((r) => silent.close(r)), new Promise((r) => html.close(r)), fake.stop()]);
  });

  it('an endpoint that never answers: the call times out and the message names it', { timeout: 20000 }, async () => {
    const clients = await createAwsClients({ region: 'us-east-1', endpointUrl: url(silent), maxAttempts: 1, timeoutMs: 1000 });
    try {
      const e = await listUserPools(clients).then(
        () => assert.fail('should have timed out'),
        (err: unknown) => err,
      );
      const x = explainAwsError(e, 'ListUserPools');
      assert.equal(x.code, 'Timeout');
      assert.match(x.message, new RegExp(`ListUserPools got no answer from ${url(silent).replace(/[.:/]/g, '\\$&')} within 1000 ms`));
      assert.match(x.hint, /cognitoTriggers\.aws\.timeoutMs/);
    } finally {
      clients.destroy();
    }
  });

  // The SDK retried a timed-out attempt as transient: with the default 5 attempts a silent endpoint held
  // one call about 5 x the limit while the message said "within 1000 ms". A timeout is now the last attempt.
  it('a call that times out is not retried: the default attempts end within about the limit, and the message says so', { timeout: 20000 }, async () => {
    const clients = await createAwsClients({ region: 'us-east-1', endpointUrl: url(silent), timeoutMs: 1000 });
    try {
      const started = Date.now();
      const e = await listUserPools(clients).then(
        () => assert.fail('should have timed out'),
        (err: unknown) => err,
      );
      const elapsed = Date.now() - started;
      assert.ok(elapsed <= 1500, `gave up after ${elapsed} ms; the limit is 1000 ms`);
      const x = explainAwsError(e, 'Listing user pools');
      assert.equal(x.code, 'Timeout');
      assert.equal(x.message, `Listing user pools failed: ListUserPools got no answer from ${url(silent)} within 1000 ms (attempt 1 of 5; a call that times out is not retried).`);
    } finally {
      clients.destroy();
    }
  });

  // Every CLI command that calls AWS takes --aws-timeout (README: "Every AWS subcommand takes ...");
  // invoke --remote did not (unknown option, exit 2), and a value that is no number was taken silently
  // as the 30 s default, so a silent endpoint held the command for 5 attempts of 30 s.
  it('CLI: bind, bindings, doctor and invoke --remote give up after --aws-timeout naming the call; a bad value is a usage error', { timeout: 60000 }, async () => {
    ensureBuilt();
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-aws-timeout-'));
    const at = ['--endpoint-url', url(silent), '--region', 'us-east-1', '--aws-timeout', '1000'];
    const runs = await Promise.all(
      [
        // A bind reads the function and the pool first, in parallel: either may be the one that times out.
        ['(DescribeUserPool|GetFunctionConfiguration)', ['bind', '--user-pool', 'us-east-1_abc', '--trigger', 'PreSignUp', '--function', 'f', '--yes', ...at]],
        ['ListUserPools', ['bindings', ...at]],
        ['DescribeUserPool', ['doctor', '--user-pool', 'us-east-1_abc', ...at]],
        ['Invoke', ['invoke', '--remote', 'f', '--source', 'PreSignUp_SignUp', ...at]],
      ].map(async ([call, args]) => ({ call: call as string, args: args as string[], r: await cli(args as string[], cwd) })),
    );
    for (const { call, args, r } of runs) {
      assert.equal(r.killed, false, `${args[0]} was still waiting after 20 s`);
      assert.equal(r.status, 1, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, new RegExp(`: ${call} got no answer from ${url(silent).replace(/[.:/]/g, '\\$&')} within 1000 ms`), args[0]);
    }
    for (const bad of ['abc', '0', '-5']) {
      const r = await cli(['bindings', '--endpoint-url', url(silent), '--region', 'us-east-1', '--aws-timeout', bad], cwd);
      assert.equal(r.status, 2, `--aws-timeout ${bad}: ${r.stderr}`);
      assert.match(r.stderr, /--aws-timeout <ms>.*invalid\. It must be a positive number of milliseconds/);
      assert.ok(r.ms < 10000, `--aws-timeout ${bad}: ${r.ms} ms`);
    }
    fs.rmSync(cwd, { recursive: true, force: true });
  });

  it('an HTML answer: "did not answer like AWS", with the endpoint', async () => {
    const clients = await createAwsClients({ region: 'us-east-1', endpointUrl: url(html), maxAttempts: 1 });
    try {
      const e = await listFunctions(clients).then(
        () => assert.fail('should have failed'),
        (err: unknown) => err,
      );
      const x = explainAwsError(e, 'Listing functions');
      assert.equal(x.code, 'NotAws', JSON.stringify(x));
      assert.match(x.message, /did not answer like AWS/);
      assert.ok(x.message.includes(url(html)), x.message);
      assert.doesNotMatch(x.hint, /same input/);
    } finally {
      clients.destroy();
    }
  });

  for (const [what, body] of [
    ['a truncated JSON answer', '{"UserPools": [{"Id":'],
    // Read as "no user pools" / "no functions" before.
    ['an empty answer', ''],
  ] as const)
  it(`${what} (200): "did not answer like AWS", naming the call and the endpoint`, async () => {
    const truncated = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(body);
    });
    await new Promise<void>((r) => truncated.listen(0, '127.0.0.1', r));
    const clients = await createAwsClients({ region: 'us-east-1', endpointUrl: url(truncated), maxAttempts: 1 });
    try {
      for (const [call, read] of [
        ['ListUserPools', () => listUserPools(clients)],
        ['ListFunctions', () => listFunctions(clients)],
      ] as const) {
        const e = await read().then(
          () => assert.fail(`${call} should have failed`),
          (err: unknown) => err,
        );
        const x = explainAwsError(e, 'Listing');
        assert.equal(x.code, 'NotAws', JSON.stringify(x));
        assert.equal(x.message, `Listing failed at ${call}: ${url(truncated)} did not answer like AWS (the response was not the service's JSON).`);
      }
    } finally {
      clients.destroy();
      await new Promise((r) => truncated.close(r));
    }
  });

  it('access denied names the IAM action of the call that was refused', async () => {
    fake.state.failures = { AddPermission: { status: 403, type: 'AccessDeniedException', message: 'User: arn:aws:iam::123456789012:user/dev is not authorized' } };
    const clients = await createAwsClients({ region: 'us-east-1', endpointUrl: fake.endpoint, maxAttempts: 1 });
    try {
      const need = { principal: USER_POOL_PRINCIPAL, sourceArn: 'arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_x', sourceAccount: '123456789012' };
      const e = await ensurePermission(clients, 'f', need).then(
        () => assert.fail('should have failed'),
        (err: unknown) => err,
      );
      const x = explainAwsError(e, 'Binding PreSignUp on us-east-1_x');
      assert.match(x.message, /at AddPermission: access denied/);
      assert.match(x.hint, /Grant the caller lambda:AddPermission/);
    } finally {
      clients.destroy();
    }
  });
});
