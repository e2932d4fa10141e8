// Protocol tests of local invoke against the built language server: the handler runs in a runner
// process the server spawns, output streams as notifications, untrusted workspaces are refused.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { InvokeCandidatesRequest, InvokeLocalRequest, InvokeOutputNotification, ScaffoldHandlerRequest } from '../../server/src/core/protocol';
import { CancellationTokenSource } from 'vscode-languageserver-protocol/node';
import { fileUri, REPO_ROOT, startServer, type TestServer } from './harness';
import { ensureBuilt } from '../ensureBuilt';

const FIX = path.join(REPO_ROOT, 'test', 'fixtures', 'invoke');
const handler = (file: string, handlerName = 'handler') => ({ uri: fileUri(path.join(FIX, file)), handlerName });
const eventFile = { kind: 'file' as const, uri: fileUri(path.join(FIX, 'events', 'PreSignUp_SignUp.json')) };

describe('invoke over LSP (trusted)', () => {
  let server: TestServer;
  before(async () => {
    ensureBuilt();
    server = await startServer({ workspace: FIX, trusted: true, settings: { invoke: { warm: true } } });
  });
  after(() => server.stop());

  it('runs the handler, streams its output and returns result and summary', async () => {
    const output: InvokeOutputNotification.Params[] = [];
    server.connection.onNotification('cognitoTriggers/invokeOutput', (p: unknown) => {
      output.push(p as InvokeOutputNotification.Params);
    });
    const r = await server.request<InvokeLocalRequest.Result>('cognitoTriggers/invokeLocal', { runId: 'r1', handler: handler('async.js'), event: eventFile });
    assert.ok(r.ok, JSON.stringify(r));
    if (!r.ok) return;
    assert.equal(r.result.triggerId, 'PreSignUp');
    assert.equal(r.eventLabel, 'events/PreSignUp_SignUp.json');
    assert.equal(r.result.summary.headline, 'User auto-confirmed; email marked verified (requires an email attribute: present).');
    assert.ok(output.some((o) => o.runId === 'r1' && o.stream === 'stdout' && /async handler for ana@example.com/.test(o.text)), JSON.stringify(output));
    assert.ok(output.some((o) => o.stream === 'info' && /^END returned/.test(o.text)));
  });
  it('a warm re-invoke is answered by the same worker', async () => {
    const a = await server.request<InvokeLocalRequest.Result>('cognitoTriggers/invokeLocal', { runId: 'w1', handler: handler('async.js', 'contextInfo'), event: eventFile });
    const b = await server.request<InvokeLocalRequest.Result>('cognitoTriggers/invokeLocal', { runId: 'w2', handler: handler('async.js', 'contextInfo'), event: eventFile });
    assert.ok(a.ok && b.ok);
    if (!a.ok || !b.ok) return;
    assert.ok(b.result.durationMs < a.result.durationMs || b.result.durationMs < 20, `${a.result.durationMs} → ${b.result.durationMs}`);
  });
  it('generates a sample event and returns it for Invoke Again', async () => {
    const r = await server.request<InvokeLocalRequest.Result>('cognitoTriggers/invokeLocal', { runId: 'g', handler: handler('async.js'), event: { kind: 'generate', triggerId: 'PreSignUp', source: 'PreSignUp_SignUp' } });
    assert.ok(r.ok, JSON.stringify(r));
    if (!r.ok) return;
    assert.equal(r.event.kind, 'value');
    assert.equal(r.result.triggerSource, 'PreSignUp_SignUp');
  });
  it('an open, unsaved event document is used as the editor shows it; invalid JSON is reported with its location', async () => {
    const uri = server.open(fileUri(path.join(FIX, 'events', 'unsaved.json')), '{ "triggerSource": "PreSignUp_SignUp", }', 'json');
    const r = await server.request<InvokeLocalRequest.Result>('cognitoTriggers/invokeLocal', { runId: 'bad', handler: handler('async.js'), event: { kind: 'file', uri } });
    assert.ok(!r.ok);
    if (r.ok) return;
    assert.equal(r.error.code, 'bad-event');
    assert.match(r.error.message, /unsaved\.json:1:\d+: The event is not valid JSON/);
  });
  it('lists event files for a trigger, handler exports and sources', async () => {
    const c = await server.request<InvokeCandidatesRequest.Result>('cognitoTriggers/invokeCandidates', { triggerIds: ['PreSignUp'], scopeUri: handler('async.js').uri });
    assert.deepEqual(c.events.map((e) => e.label), ['events/PreSignUp_SignUp.json']);
    assert.deepEqual(c.sources.map((s) => s.source), ['PreSignUp_SignUp', 'PreSignUp_AdminCreateUser', 'PreSignUp_ExternalProvider']);
    const e = await server.request<InvokeCandidatesRequest.Result>('cognitoTriggers/invokeCandidates', { exportsOf: handler('async.js').uri });
    assert.deepEqual(e.handlers.map((h) => h.handlerName), ['handler', 'throws', 'contextInfo', 'notAFunction']);
  });
  it('$/cancelRequest (the progress notification\'s Cancel) ends the run and every process its handler started', async () => {
    // A handler that starts two children (one detached) and never answers: only Cancel ends it.
    const n = 100000 + Math.floor(Math.random() * 800000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-cancel-'));
    const file = path.join(dir, 'hangs.js');
    fs.writeFileSync(file, `const { spawn } = require('node:child_process');
exports.handler = async () => {
  spawn('sleep', ['${n}'], { stdio: 'ignore' });
  spawn('sleep', ['${n}'], { stdio: 'ignore', detached: true }).unref();
  console.log('children started');
  await new Promise(() => setInterval(() => {}, 1000));
};
`);
    const sleeping = (): number => execFileSync('ps', ['-eo', 'stat=,args='], { encoding: 'utf8' }).split('\n').filter((l) => !l.trim().startsWith('Z') && l.trim().endsWith(`sleep ${n}`)).length;
    const cancel = new CancellationTokenSource();
    const started = new Promise<void>((resolve) => {
      server.connection.onNotification('cognitoTriggers/invokeOutput', (p: unknown) => {
        const o = p as InvokeOutputNotification.Params;
        if (o.runId === 'c1' && /children started/.test(o.text)) resolve();
      });
    });
    const answer = server.connection.sendRequest('cognitoTriggers/invokeLocal', { runId: 'c1', handler: { uri: fileUri(file), handlerName: 'handler' }, event: eventFile }, cancel.token) as Promise<InvokeLocalRequest.Result>;
    await started;
    assert.equal(sleeping(), 2, 'both children run before Cancel');
    const before = Date.now();
    cancel.cancel();
    const r = await answer;
    assert.ok(!r.ok && r.error.code === 'cancelled', JSON.stringify(r));
    // The run's 5-second limit did not end it: Cancel did, well before.
    assert.ok(Date.now() - before < 4000, `answered ${Date.now() - before} ms after Cancel`);
    const deadline = Date.now() + 5000;
    while (sleeping() > 0 && Date.now() < deadline) await new Promise((res) => setTimeout(res, 25));
    assert.equal(sleeping(), 0, 'no child of the cancelled handler is left');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('scaffold over LSP', () => {
  it('plans, refuses to overwrite silently, writes what was agreed', async () => {
    const server = await startServer({ workspace: FIX, trusted: false });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-scaffold-'));
    try {
      const base = { folderUri: fileUri(dir), triggerId: 'CustomMessage', sources: ['CustomMessage_SignUp'], language: 'ts' };
      const plan = await server.request<ScaffoldHandlerRequest.Result>('cognitoTriggers/scaffoldHandler', { ...base, dryRun: true });
      assert.ok(plan.ok);
      if (!plan.ok) return;
      assert.deepEqual(plan.files.map((f) => [f.label, f.exists, f.written]), [
        ['src/customMessage.ts', false, false],
        ['events/CustomMessage/CustomMessage_SignUp.json', false, false],
        ['test/customMessage.test.ts', false, false],
      ]);
      assert.equal(fs.readdirSync(dir).length, 0);
      const done = await server.request<ScaffoldHandlerRequest.Result>('cognitoTriggers/scaffoldHandler', base);
      assert.ok(done.ok && done.files.every((f) => f.written));
      fs.writeFileSync(path.join(dir, 'src', 'customMessage.ts'), '// mine\n');
      const again = await server.request<ScaffoldHandlerRequest.Result>('cognitoTriggers/scaffoldHandler', base);
      assert.ok(again.ok && again.files.every((f) => f.exists && !f.written));
      assert.equal(fs.readFileSync(path.join(dir, 'src', 'customMessage.ts'), 'utf8'), '// mine\n');
      const bad = await server.request<ScaffoldHandlerRequest.Result>('cognitoTriggers/scaffoldHandler', { ...base, sources: ['Nope'] });
      assert.ok(!bad.ok && /Nope is not a triggerSource of CustomMessage/.test(bad.error.message));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
      await server.stop();
    }
  });
});

describe('invoke over LSP (untrusted)', () => {
  it('refuses to run handler code and says how to trust', async () => {
    const server = await startServer({ workspace: FIX, trusted: false });
    try {
      const r = await server.request<InvokeLocalRequest.Result>('cognitoTriggers/invokeLocal', { runId: 'u', handler: handler('exit.js'), event: eventFile });
      assert.ok(!r.ok);
      if (r.ok) return;
      assert.equal(r.error.code, 'untrusted');
      assert.match(r.error.hint ?? '', /Trust the workspace/);
    } finally {
      await server.stop();
    }
  });
});
