// The language server's invoke of a custom sender through the lazily loaded dist/flows.js: the code is
// encrypted under the local KMS key and an unmodified handler that decrypts it gets the plaintext. Also
// pins the bundle split: the Encryption SDK and the KMS client are not in dist/serverMain.js (cold start).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { InvokeLocalRequest, InvokeOutputNotification } from '../../server/src/core/protocol';
import { fileUri, REPO_ROOT, startServer, type TestServer } from './harness';
import { ensureBuilt } from '../ensureBuilt';

const FIX = path.join(REPO_ROOT, 'test', 'fixtures', 'flows');

describe('custom sender invoke over LSP', () => {
  let server: TestServer;
  before(async () => {
    ensureBuilt();
    server = await startServer({ workspace: FIX, trusted: true });
  });
  after(() => server.stop());

  it('dist/serverMain.js (the server bundle dist/server.js loads) leaves the Encryption SDK and the KMS client to dist/flows.js', () => {
    const server = fs.readFileSync(path.join(REPO_ROOT, 'dist', 'serverMain.js'), 'utf8');
    const flows = fs.readFileSync(path.join(REPO_ROOT, 'dist', 'flows.js'), 'utf8');
    // KMS's JSON protocol target prefix and the Encryption SDK's encryption-context key (not class names:
    // the scaffolded sender handler's source, a string in the server, names KmsKeyringNode).
    for (const marker of ['TrentService', 'aws-crypto-public-key']) {
      assert.ok(flows.includes(marker), `dist/flows.js has ${marker}`);
      assert.ok(!server.includes(marker), `dist/serverMain.js must not bundle ${marker}: load it through requests/lazyBundles.ts`);
    }
  });

  it('encrypts request.code; the handler decrypts it with the local KMS', async () => {
    const output: InvokeOutputNotification.Params[] = [];
    server.connection.onNotification('cognitoTriggers/invokeOutput', (p: unknown) => void output.push(p as InvokeOutputNotification.Params));
    const r = await server.request<InvokeLocalRequest.Result>('cognitoTriggers/invokeLocal', {
      runId: 's1',
      handler: { uri: fileUri(path.join(FIX, 'emailSender.js')), handlerName: 'handler' },
      event: { kind: 'generate', triggerId: 'CustomEmailSender', source: 'CustomEmailSender_SignUp' },
    });
    assert.ok(r.ok, JSON.stringify(r));
    if (!r.ok) return;
    const texts = r.result.summary.lines.map((l) => l.text);
    const code = /request\.code is the code (\S+), encrypted/.exec(texts.join('\n'))?.[1];
    assert.ok(code, texts.join('\n'));
    assert.ok(texts.some((t) => t.includes(`contains the code ${code}: it decrypted request.code`)), texts.join('\n'));
    assert.ok(output.some((o) => o.runId === 's1' && o.text.includes(`your code is ${code}`)), JSON.stringify(output));
  });
});
