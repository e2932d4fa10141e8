// Protocol tests of local invoke of Python handlers against the built language server (dist/server.js
// with dist/runner.py): the same InvokeResult and output notifications as JavaScript, the interpreter setting.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { InvokeCandidatesRequest, InvokeLocalRequest, InvokeOutputNotification } from '../../server/src/core/protocol';
import { fileUri, REPO_ROOT, startServer, type TestServer } from './harness';
import { ensureBuilt } from '../ensureBuilt';

const FIX = path.join(REPO_ROOT, 'test', 'fixtures', 'invoke');
const handler = (file: string, handlerName = 'lambda_handler') => ({ uri: fileUri(path.join(FIX, 'python', file)), handlerName });
const eventFile = { kind: 'file' as const, uri: fileUri(path.join(FIX, 'events', 'PreSignUp_SignUp.json')) };

describe('Python invoke over LSP', () => {
  let server: TestServer;
  before(async () => {
    ensureBuilt();
    server = await startServer({ workspace: FIX, trusted: true, settings: { invoke: { warm: true } } });
  });
  after(() => server.stop());

  it('runs a Python handler, streams print() output and returns the Cognito summary', async () => {
    const output: InvokeOutputNotification.Params[] = [];
    server.connection.onNotification('cognitoTriggers/invokeOutput', (p: unknown) => {
      output.push(p as InvokeOutputNotification.Params);
    });
    const r = await server.request<InvokeLocalRequest.Result>('cognitoTriggers/invokeLocal', { runId: 'py1', handler: handler('handlers.py'), event: eventFile });
    assert.ok(r.ok, JSON.stringify(r));
    if (!r.ok) return;
    assert.equal(r.result.triggerId, 'PreSignUp');
    assert.equal(r.result.summary.headline, 'User auto-confirmed; email marked verified (requires an email attribute: present).');
    // Unbuffered, as in Lambda: print() may arrive in pieces; the output view appends them.
    const stdout = output.filter((o) => o.runId === 'py1' && o.stream === 'stdout').map((o) => o.text).join('');
    assert.match(stdout, /python handler for ana@example\.com\n/);
    assert.ok(output.some((o) => o.runId === 'py1' && o.stream === 'info' && /^START python\/handlers\.py#lambda_handler/.test(o.text)), JSON.stringify(output));
  });

  it('a warm re-invoke keeps the module loaded (module state survives)', async () => {
    const a = await server.request<InvokeLocalRequest.Result>('cognitoTriggers/invokeLocal', { runId: 'c1', handler: handler('handlers.py', 'counter'), event: eventFile });
    const b = await server.request<InvokeLocalRequest.Result>('cognitoTriggers/invokeLocal', { runId: 'c2', handler: handler('handlers.py', 'counter'), event: eventFile });
    assert.ok(a.ok && b.ok);
    if (!a.ok || !b.ok || a.result.outcome.kind !== 'returned' || b.result.outcome.kind !== 'returned') return assert.fail(JSON.stringify([a, b]));
    assert.equal((b.result.outcome.value as { calls: number }).calls, (a.result.outcome.value as { calls: number }).calls + 1);
  });

  it('lists a Python module’s functions for the picker, and Python handlers among the workspace’s', async () => {
    const e = await server.request<InvokeCandidatesRequest.Result>('cognitoTriggers/invokeCandidates', { exportsOf: handler('handlers.py').uri });
    assert.deepEqual(e.handlers.map((h) => h.handlerName), ['lambda_handler', 'context_info', 'env_info', 'counter', 'raises', 'sleeps', 'decimals', 'unserialisable', 'exits', 'async_handler']);
    const all = await server.request<InvokeCandidatesRequest.Result>('cognitoTriggers/invokeCandidates', { handlers: true, scopeUri: eventFile.uri });
    assert.ok(all.handlers.some((h) => h.label === 'python/handlers.py' && h.handlerName === 'lambda_handler'), JSON.stringify(all.handlers.map((h) => `${h.label}#${h.handlerName}`)));
  });
});

describe('the Python interpreter setting over LSP', () => {
  it('an interpreter that does not exist is a failed start naming the setting', async () => {
    const server = await startServer({ workspace: FIX, trusted: true, settings: { python: { interpreter: 'no/such/bin/python' } } });
    try {
      const r = await server.request<InvokeLocalRequest.Result>('cognitoTriggers/invokeLocal', { runId: 'np', handler: handler('handlers.py'), event: eventFile });
      assert.ok(r.ok, JSON.stringify(r));
      if (!r.ok) return;
      assert.equal(r.result.outcome.kind, 'failedToStart');
      assert.match(r.result.outcome.kind === 'failedToStart' ? r.result.outcome.message : '', /setting cognitoTriggers\.python\.interpreter/);
    } finally {
      await server.stop();
    }
  });
});
