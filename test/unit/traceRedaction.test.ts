// The client's trace channel hides `cognitoTriggers.invoke.env` values: a real vscode-jsonrpc connection
// traced at Verbose (the tracer vscode-languageclient uses) writes into the channel, with `vscode` stubbed.
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import Module from 'node:module';
import { after, before, describe, it } from 'node:test';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, Trace, type MessageConnection } from 'vscode-jsonrpc/node';
import { redactSecretSettings, secretSettingValues } from '../../server/src/core/settings';

const SECRET = 'sk_live_9fA3kQ7zPq';
const FOLDER_SECRET = 'folder-only-p4ssw0rd';
const settings: Record<string, unknown> = { 'trace.server': 'verbose', 'invoke.env': { STRIPE_KEY: SECRET, REGION: 'eu' } };
const written: string[] = [];

/** Just what traceChannel.ts uses of the `vscode` API. */
const vscodeStub = {
  LogLevel: { Off: 0, Trace: 1 },
  EventEmitter: class {
    event = () => ({ dispose() {} });
    fire() {}
    dispose() {}
  },
  workspace: {
    workspaceFolders: [{ uri: { fsPath: '/ws' } }],
    getConfiguration: (_section?: string, scope?: unknown) => ({
      get: (k: string) => settings[k.replace(/^cognitoTriggers\./, '')],
      inspect: (k: string) => ({ globalValue: settings[k], workspaceFolderValue: scope ? { DB_PASSWORD: FOLDER_SECRET } : undefined }),
    }),
    onDidChangeConfiguration: () => ({ dispose() {} }),
  },
  window: {
    createOutputChannel: (name: string) => ({ name, append: (v: string) => written.push(v), appendLine: (v: string) => written.push(v), replace() {}, clear() {}, show() {}, hide() {}, dispose() {} }),
  },
};

describe('invoke.env in the verbose trace', () => {
  let client: MessageConnection;
  let server: MessageConnection;
  let traceChannel: typeof import('../../client/src/traceChannel.js').traceChannel;
  const restore: { resolve?: unknown } = {};

  before(async () => {
    const M = Module as unknown as { _resolveFilename: (r: string, ...a: unknown[]) => string; _cache: Record<string, unknown> };
    restore.resolve = M._resolveFilename;
    const original = M._resolveFilename;
    M._resolveFilename = (request: string, ...rest: unknown[]) => (request === 'vscode' ? 'vscode' : original(request, ...rest));
    M._cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: vscodeStub };
    // Loaded after the stub is in place (a static import would resolve `vscode` first).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    ({ traceChannel } = require('../../client/src/traceChannel') as typeof import('../../client/src/traceChannel.js'));
    const [a, b] = [new PassThrough(), new PassThrough()];
    client = createMessageConnection(new StreamMessageReader(b), new StreamMessageWriter(a));
    server = createMessageConnection(new StreamMessageReader(a), new StreamMessageWriter(b));
    client.onRequest('workspace/configuration', () => [{ invoke: { env: { STRIPE_KEY: SECRET, REGION: 'eu' } } }]);
    const channel = traceChannel();
    // What vscode-languageclient's tracer does with each traced message (client.js: trace → getLogMessage).
    await client.trace(Trace.Verbose, { log: (message: string, data?: string) => channel.trace(data ? `${message}\n${data}` : message) });
    client.listen();
    server.listen();
  });
  after(() => {
    client?.dispose();
    server?.dispose();
    (Module as unknown as { _resolveFilename: unknown })._resolveFilename = restore.resolve;
  });

  it('shows the traffic, not the values (by structure and by value, every scope)', async () => {
    const answer = (await server.sendRequest('workspace/configuration', { items: [{ section: 'cognitoTriggers' }] })) as { invoke: { env: Record<string, string> } }[];
    assert.equal(answer[0]?.invoke.env.STRIPE_KEY, SECRET, 'the server did get the value');
    // A handler that prints a secret from a folder's settings: found by value, not by structure.
    const logged = new Promise<void>((resolve) => client.onNotification('window/logMessage', () => resolve()));
    await server.sendNotification('window/logMessage', { type: 3, message: `connected with ${FOLDER_SECRET}` });
    await logged;
    const trace = written.join('\n');
    assert.match(trace, /Sending response 'workspace\/configuration/, trace);
    assert.match(trace, /"STRIPE_KEY": "\*\*\*\*"/, trace);
    assert.match(trace, /"REGION": "\*\*\*\*"/);
    assert.match(trace, /connected with \*\*\*\*/);
    assert.ok(!trace.includes(SECRET) && !trace.includes(FOLDER_SECRET), trace);
  });
});

describe('redactSecretSettings', () => {
  it('hides env map values, keeps keys and the rest; leaves nested objects alone; hides known values raw and escaped', () => {
    assert.equal(redactSecretSettings('{"env": {"A": "x}y", "B": "q\\"r"}, "other": "keep"}'), '{"env": {"A": "****", "B": "****"}, "other": "keep"}');
    assert.equal(redactSecretSettings('{"env": {"nested": {"a": "b"}}}'), '{"env": {"nested": {"a": "b"}}}');
    assert.equal(redactSecretSettings('pw=a"bcd; json "a\\"bcd"', ['a"bcd']), 'pw=****; json "****"');
    assert.equal(redactSecretSettings('short ab stays', ['ab']), 'short ab stays');
    assert.deepEqual(secretSettingValues({ invoke: { env: { A: 'long-enough', B: 'no', C: 3 } } }), ['long-enough']);
  });
});
