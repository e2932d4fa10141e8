// Robustness: random truncations and mutations of real handlers, fed through the real server process;
// every request must get an answer and the server must stay up. Seeded, bounded, no sleeps.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { REPO_ROOT, startServer, type TestServer } from './harness';

const CLEAN = path.join(REPO_ROOT, 'test', 'fixtures', 'handlers', 'clean');
const SEED = Number(process.env.FUZZ_SEED ?? 20261121);
const PER_FILE = 5;
const TOKENS = ['.', '?.', '(', ')', '{', '}', '[', ']', "'", '"', '`', '${', 'event.', 'event.request.', '/*', '*/', '//', '\n', ';', ',', '=>', 'async ', '=== ', '<', 'case ', '\\'];

/** mulberry32: a tiny seeded PRNG, so a failure can be replayed with FUZZ_SEED. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function mutate(text: string, rnd: () => number): string {
  const at = Math.floor(rnd() * (text.length + 1));
  switch (Math.floor(rnd() * 4)) {
    case 0:
      return text.slice(0, at); // truncation
    case 1:
      return text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + Math.floor(rnd() * 40))); // deletion
    case 2: {
      let out = text;
      for (let i = 0; i < 1 + Math.floor(rnd() * 4); i++) {
        const p = Math.floor(rnd() * (out.length + 1));
        out = out.slice(0, p) + (TOKENS[Math.floor(rnd() * TOKENS.length)] ?? '') + out.slice(p);
      }
      return out;
    }
    default: {
      const len = Math.floor(rnd() * 60);
      return text.slice(0, at) + text.slice(at, at + len) + text.slice(at); // duplication
    }
  }
}

function positionOf(text: string, offset: number): { line: number; character: number } {
  const lines = text.slice(0, offset).split('\n');
  return { line: lines.length - 1, character: (lines[lines.length - 1] ?? '').length };
}

let server: TestServer;
/** Errors the server logged: a feature that threw is caught by the server, so count them here. */
const errors: string[] = [];
before(async () => {
  server = await startServer();
  server.connection.onNotification('window/logMessage', (p: { type: number; message: string }) => {
    if (p.type === 1) errors.push(p.message);
  });
});
after(async () => {
  await server.stop();
});

test('answers every request on mutated handlers and never crashes', { timeout: 120_000 }, async () => {
  const rnd = prng(SEED);
  let requests = 0;
  let k = 0;
  for (const f of fs.readdirSync(CLEAN)) {
    const original = fs.readFileSync(path.join(CLEAN, f), 'utf8');
    const languageId = f.endsWith('.ts') ? 'typescript' : 'javascript';
    const uri = `${server.workspaceUri}/fuzz/${k++}-${f}`;
    const opened = server.diagnostics(uri, 1);
    server.open(uri, original, languageId);
    await opened;
    for (let i = 0; i < PER_FILE; i++) {
      const text = mutate(original, rnd);
      const diagnosed = server.diagnostics(uri);
      server.change(uri, text);
      const doc = { uri };
      const pos = (): { line: number; character: number } => positionOf(text, Math.floor(rnd() * (text.length + 1)));
      const answers = await Promise.all([
        server.request('textDocument/completion', { textDocument: doc, position: pos() }),
        server.request('textDocument/completion', { textDocument: doc, position: pos() }),
        server.request('textDocument/hover', { textDocument: doc, position: pos() }),
        server.request('textDocument/codeLens', { textDocument: doc }),
        server.request('textDocument/codeAction', { textDocument: doc, range: { start: pos(), end: pos() }, context: { diagnostics: [] } }),
        diagnosed,
      ]);
      requests += answers.length;
      // Lenses and actions are always arrays; diagnostics arrive for every version.
      assert.ok(Array.isArray(answers[3]) && Array.isArray(answers[4]) && Array.isArray(answers[5]), `${f} mutation ${i} (seed ${SEED})`);
    }
    server.close(uri);
  }
  assert.equal(server.process.exitCode, null, 'server still running');
  assert.deepEqual(errors, [], 'no feature threw');
  assert.ok(requests >= 16 * PER_FILE * 6, `requests answered: ${requests}`);
});
