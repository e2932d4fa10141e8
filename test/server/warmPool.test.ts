// The warm-worker cap is the server's, not each invoker's: Invoke and the Local Lambda Endpoint (each
// with its own LocalInvoker) share invoke.maxWarmWorkers, and the least recently used idle worker goes
// first; invoke.warmIdleSeconds from the settings reaps an idle worker. Counted as runner processes
// of the built language server (ps), not through the invoker's own counters.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import type { InvokeLocalRequest, StartLambdaEndpointRequest } from '../../server/src/core/protocol';
import { fileUri, REPO_ROOT, startServer, type TestServer } from './harness';
import { ensureBuilt } from '../ensureBuilt';

const EVENT = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'examples', 'events', 'PreSignUp', 'PreSignUp_SignUp.json'), 'utf8')) as unknown;

/** Live runner processes the server started (its children running runner.js), by pid. */
function runners(server: TestServer): number[] {
  const out = execFileSync('ps', ['-eo', 'pid=,ppid=,stat=,args='], { encoding: 'utf8' });
  return out
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter(([, ppid, stat, ...args]) => Number(ppid) === server.process.pid && !stat?.startsWith('Z') && args.some((a) => a.endsWith('runner.js')))
    .map(([pid]) => Number(pid));
}

async function until(cond: () => boolean, what: () => string, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) assert.fail(`timed out waiting for: ${what()}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

function workspace(): string {
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-warm-pool-'));
  for (const name of ['a', 'b', 'c']) fs.writeFileSync(path.join(ws, `${name}.js`), 'exports.handler = async (event) => event;\n');
  fs.writeFileSync(path.join(ws, 'cognito-triggers.json'), JSON.stringify({ handlers: [{ file: 'b.js', functionName: 'fn-b', trigger: 'PreSignUp' }] }));
  return ws;
}

describe('warm workers: one cap per server', () => {
  const dirs: string[] = [];
  const servers: TestServer[] = [];
  after(async () => {
    for (const s of servers) await s.stop();
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });
  const invokeLocal = async (server: TestServer, ws: string, name: string): Promise<void> => {
    const r = await server.request<InvokeLocalRequest.Result>('cognitoTriggers/invokeLocal', { runId: name, handler: { uri: fileUri(path.join(ws, `${name}.js`)), handlerName: 'handler' }, event: { kind: 'generate', triggerId: 'PreSignUp', source: 'PreSignUp_SignUp' } });
    assert.ok(r.ok && r.result.outcome.kind === 'returned', JSON.stringify(r));
  };

  it('invoke.maxWarmWorkers 2: Invoke (a, c) and the Lambda endpoint (b) keep 2 in all; a, the oldest, is ended', async () => {
    ensureBuilt();
    const ws = workspace();
    dirs.push(ws);
    const server = await startServer({ workspace: ws, trusted: true, settings: { invoke: { warm: true, envFile: '', maxWarmWorkers: 2, warmIdleSeconds: 0 } } });
    servers.push(server);
    await invokeLocal(server, ws, 'a');
    const [pA] = runners(server);
    assert.ok(pA, 'a warm worker for a.js');
    await invokeLocal(server, ws, 'c');
    await until(() => runners(server).length === 2, () => `two warm workers (found ${runners(server).length})`);
    const pC = runners(server).find((p) => p !== pA);

    const ep = await server.request<StartLambdaEndpointRequest.Result>('cognitoTriggers/startLambdaEndpoint', { folderUri: fileUri(ws) });
    assert.ok(ep.ok, JSON.stringify(ep));
    if (!ep.ok) return;
    const res = await fetch(`${ep.url}/2015-03-31/functions/fn-b/invocations`, { method: 'POST', body: JSON.stringify(EVENT) });
    assert.equal(res.status, 200, await res.clone().text());
    await res.text();
    await until(
      () => runners(server).length === 2 && !runners(server).includes(pA),
      () => `2 warm workers in the whole server, without a's (${pA}); found ${JSON.stringify(runners(server))}`,
    );
    assert.ok(runners(server).includes(pC as number), 'c, used after a, is kept');
  });

  it('invoke.warmIdleSeconds from the settings ends an idle worker', async () => {
    const ws = workspace();
    dirs.push(ws);
    const server = await startServer({ workspace: ws, trusted: true, settings: { invoke: { warm: true, envFile: '', warmIdleSeconds: 2 } } });
    servers.push(server);
    await invokeLocal(server, ws, 'a');
    assert.equal(runners(server).length, 1, 'warm after the answer');
    await until(() => runners(server).length === 0, () => `the idle worker ended after 2 s (found ${runners(server).length})`, 15000);
  });
});
