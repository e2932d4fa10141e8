// A multi-MB handler (a bundle) is not analysed: it gets one "too large to analyse" note at once, and a
// small document's completion is answered without waiting behind it (the order of the answers is asserted).
import * as assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { CompletionList, Diagnostic } from 'vscode-languageserver-protocol';
import { MAX_ANALYSED_HANDLER_CHARS } from '../../server/src/core/handler/description';
import { bundle } from './bundle';
import { caret, messageText, startServer, type TestServer } from './harness';

let server: TestServer;
before(async () => {
  server = await startServer();
});
after(async () => {
  await server.stop();
});

test('a 5 MB handler gets one too-large note and no analysis; a small document answers first', { timeout: 120_000 }, async () => {
  const small = caret('// @cognito-trigger PreSignUp\nexports.handler = async (event) => {\n  const a = event.request.|\n  return event;\n};\n');
  const smallUri = `${server.workspaceUri}/src/preSignUp.js`;
  const opened = server.diagnostics(smallUri, 1);
  server.open(smallUri, small.text, 'javascript');
  await opened;

  const big = bundle(5 * 1024 * 1024);
  assert.ok(big.length > MAX_ANALYSED_HANDLER_CHARS);
  const bigUri = `${server.workspaceUri}/dist/preSignUp.js`;
  const order: string[] = [];
  const bigDiagnostics = server.diagnostics(bigUri, 1).then((d: Diagnostic[]) => (order.push('big diagnostics'), d));
  server.open(bigUri, big, 'javascript');
  const completion = server.request<CompletionList | null>('textDocument/completion', { textDocument: { uri: smallUri }, position: small.position }).then((c) => (order.push('small completion'), c));
  const [notes, items] = await Promise.all([bigDiagnostics, completion]);

  assert.deepEqual(notes.map((d) => [d.code, d.severity]), [['handler/too-large', 3]]);
  assert.match(messageText(notes[0]!), /5,1\d\d KB, over the 256 KB .* not checked/);
  assert.ok((items?.items ?? []).some((i) => i.label === 'userAttributes'), JSON.stringify(items?.items.map((i) => i.label)));
  assert.deepEqual(order, ['small completion', 'big diagnostics'], 'the small document waited behind the big one');
  // Nothing is analysed in the big document: completion and hover there answer empty.
  const inBig = await server.request<CompletionList | null>('textDocument/completion', { textDocument: { uri: bigUri }, position: { line: 3, character: 30 } });
  assert.equal(inBig?.items.length ?? 0, 0);
  // An edit of the big document is not analysed either: the note again, for the new version.
  const again = server.diagnostics(bigUri, 2);
  server.change(bigUri, `${big}// edited\n`);
  assert.deepEqual((await again).map((d) => d.code), ['handler/too-large']);
});
