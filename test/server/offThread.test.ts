// Large handlers are analysed on a worker thread: while a 250 KB handler is re-analysed on every keystroke,
// a small document's completion is answered at once (each under 200 ms beyond the same request's latency
// with nothing else open, measured in the same run), and the large document's own diagnostics still
// arrive for its newest version with its findings.
import * as assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { CompletionList, Diagnostic } from 'vscode-languageserver-protocol';
import { MAX_ANALYSED_HANDLER_CHARS } from '../../server/src/core/handler/description';
import { jsHandler, pyHandler } from './handlerShapes';
import { caret, startServer, type TestServer } from './harness';

let server: TestServer;
before(async () => {
  server = await startServer();
});
after(async () => {
  await server.stop();
});

const KEYSTROKES = 15;

for (const [lang, big, smallText, ext] of [
  ['JavaScript', jsHandler('member-chain', 250 * 1024), '// @cognito-trigger PreSignUp\nexports.handler = async (event) => {\n  const a = event.request.|\n  return event;\n};\n', 'js'],
  ['Python', pyHandler('member-chain', 250 * 1024), '# @cognito-trigger PreSignUp\ndef lambda_handler(event, context):\n    a = event["request"]["|\n    return event\n', 'py'],
] as const) {
  test(`${lang}: a small document's completion answers within 200 ms of its latency alone while a 250 KB handler is re-analysed on every keystroke`, { timeout: 120_000 }, async (t) => {
    assert.ok(big.length > 200 * 1024 && big.length < MAX_ANALYSED_HANDLER_CHARS, 'the large handler is analysed, not skipped as too large');
    const languageId = lang === 'Python' ? 'python' : 'javascript';
    const small = caret(smallText);
    const smallUri = `${server.workspaceUri}/src/small-${ext}.${ext}`;
    const opened = server.diagnostics(smallUri, 1);
    server.open(smallUri, small.text, languageId);
    await opened;
    // The same completion with no large document open, in this run: on a loaded machine (CI, shared
    // cores) every request is slower, and that is no wait behind the large document.
    const anchor: number[] = [];
    for (let i = 0; i < KEYSTROKES; i++) {
      const t0 = performance.now();
      await server.request('textDocument/completion', { textDocument: { uri: smallUri }, position: small.position });
      anchor.push(performance.now() - t0);
    }

    // The chain's first key is no field of the request: that finding proves the newest text was analysed.
    const bigUri = `${server.workspaceUri}/src/big-${ext}.${ext}`;
    server.open(bigUri, big, languageId);
    const waits: number[] = [];
    let text = big;
    for (let i = 0; i < KEYSTROKES; i++) {
      text = `${text}${lang === 'Python' ? '#' : '/'}`;
      server.change(bigUri, text);
      const t = performance.now();
      const c = await server.request<CompletionList | null>('textDocument/completion', { textDocument: { uri: smallUri }, position: small.position });
      waits.push(performance.now() - t);
      assert.ok((c?.items ?? []).some((x) => x.label === 'userAttributes'), JSON.stringify(c?.items.map((x) => x.label)));
    }
    const last = server.diagnostics(bigUri, KEYSTROKES + 1);
    const finalDiagnostics: Diagnostic[] = await last;
    assert.ok(finalDiagnostics.some((d) => /'k0' is not a field/.test(String(d.message))), JSON.stringify(finalDiagnostics.map((d) => d.message)));
    const worst = Math.max(...waits);
    const anchorWorst = Math.max(...anchor);
    t.diagnostic(`waits (ms): ${waits.map((w) => w.toFixed(0)).join(', ')}; anchor: ${anchor.map((w) => w.toFixed(0)).join(', ')}`);
    // Under 200 ms beyond what the machine's load costs any request (without the worker: 1.5–14 s).
    assert.ok(worst < 200 + anchorWorst, `the small document waited ${worst.toFixed(0)} ms behind the large one (waits: ${waits.map((w) => w.toFixed(0)).join(', ')}; the same request alone took at most ${anchorWorst.toFixed(0)} ms)`);
    server.close(bigUri);
    server.close(smallUri);
  });
}
