// Fuzz: thousands of random edits to handlers, event files and pathological documents through the real
// server process. Every edit's diagnostics, completion and hover must answer within 2 s; the server
// must not crash or log an error. FUZZ_EDITS (default 2,000: CI's budget; `npm run fuzz` runs 10,000),
// FUZZ_SEED replays a run.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { REPO_ROOT, startServer, type TestServer } from './harness';

const EDITS = Number(process.env.FUZZ_EDITS ?? 2000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const HANG_MS = 2000;
const TOKENS = ['.', '?.', '(', ')', '{', '}', '[', ']', "'", '"', '`', '${', ':', ',', 'event.', 'event.request.', 'event.response.', '"version": {', '"triggerSource": "', 'TokenGeneration_', '/*', '*/', '//', '\n', ';', '=>', 'null', '1e999', '\\u', '\uD800', '\u0000', 'async '];

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

/** One random edit: insert a token, delete a run, duplicate a run, or truncate. */
function edit(text: string, rnd: () => number): string {
  const at = Math.floor(rnd() * (text.length + 1));
  const r = rnd();
  if (r < 0.45) return text.slice(0, at) + (TOKENS[Math.floor(rnd() * TOKENS.length)] ?? '') + text.slice(at);
  if (r < 0.8) return text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + Math.floor(rnd() * 30)));
  if (r < 0.95) return text.slice(0, at) + text.slice(at, at + Math.floor(rnd() * 50)) + text.slice(at);
  return text.slice(0, at);
}

interface Seed {
  name: string;
  text: string;
  languageId: string;
  /** Edits per visit: pathological documents are large, a few edits each. */
  edits: number;
}

function seeds(): Seed[] {
  const out: Seed[] = [];
  const handlers = path.join(REPO_ROOT, 'test', 'fixtures', 'handlers', 'clean');
  for (const f of fs.readdirSync(handlers)) out.push({ name: f, text: fs.readFileSync(path.join(handlers, f), 'utf8'), languageId: f.endsWith('.ts') ? 'typescript' : 'javascript', edits: 40 });
  const events = path.join(REPO_ROOT, 'examples', 'events');
  for (const dir of fs.readdirSync(events)) {
    for (const f of fs.readdirSync(path.join(events, dir)).slice(0, 2)) out.push({ name: `events/${dir}/${f}`, text: fs.readFileSync(path.join(events, dir, f), 'utf8'), languageId: 'json', edits: 40 });
  }
  const many = Object.fromEntries(Array.from({ length: 10000 }, (_, i) => [`k${i}`, i]));
  out.push(
    { name: 'events/PreSignUp/many-keys.json', text: JSON.stringify({ triggerSource: 'PreSignUp_SignUp', request: { userAttributes: {} }, response: {}, ...many }), languageId: 'json', edits: 3 },
    { name: 'events/PreSignUp/deep.json', text: `{"triggerSource": "PreSignUp_SignUp", "request": ${'['.repeat(10000)}${']'.repeat(10000)}}`, languageId: 'json', edits: 3 },
    { name: 'events/PreTokenGeneration/version-object.json', text: '{"version": {"a": 1}, "triggerSource": "TokenGeneration_Authentication", "request": {"userAttributes": {}, "groupConfiguration": {}}, "response": {}}', languageId: 'json', edits: 20 },
    { name: 'chain.js', text: `exports.handler = async (event) => { event.response${'.a'.repeat(10000)} = 1; return event; };\n`, languageId: 'javascript', edits: 3 },
    { name: 'long-line.js', text: `exports.handler = async (event) => { event.response.smsMessage = '${'x'.repeat(200000)}'; return event; };\n`, languageId: 'javascript', edits: 3 },
    { name: 'dist/bundle.js', text: `${'function f(event) { return event.request && event.request.userAttributes; }\n'.repeat(8000)}exports.handler = async (event) => event;\n`, languageId: 'javascript', edits: 3 },
    { name: 'garbage.js', text: Array.from({ length: 4000 }, (_, i) => String.fromCharCode((i * 7919) % 0xd7ff)).join(''), languageId: 'javascript', edits: 5 },
  );
  return out;
}

function positionOf(text: string, offset: number): { line: number; character: number } {
  const lines = text.slice(0, offset).split('\n');
  return { line: lines.length - 1, character: (lines[lines.length - 1] ?? '').length };
}

let server: TestServer;
const errors: string[] = [];
before(async () => {
  server = await startServer();
  server.connection.onNotification('window/logMessage', (p: { type: number; message: string }) => {
    if (p.type === 1) errors.push(p.message.slice(0, 400));
  });
});
after(async () => {
  await server.stop();
});

test(`${EDITS} random edits, pathological documents included: no crash, no hang over ${HANG_MS} ms, no logged error`, { timeout: Math.max(240_000, EDITS * 60) }, async () => {
  const rnd = prng(SEED);
  const all = seeds();
  const hangs: string[] = [];
  let done = 0;
  let k = 0;
  while (done < EDITS) {
    const s = all[k % all.length] as Seed;
    const uri = `${server.workspaceUri}/fuzz/${k++}/${s.name}`;
    let text = s.text;
    const opened = server.diagnostics(uri, 1);
    server.open(uri, text, s.languageId);
    await opened;
    for (let i = 0; i < s.edits && done < EDITS; i++, done++) {
      text = edit(text, rnd);
      const diagnosed = server.diagnostics(uri);
      const started = Date.now();
      server.change(uri, text);
      const pos = () => positionOf(text, Math.floor(rnd() * (text.length + 1)));
      const work = Promise.all([server.request('textDocument/completion', { textDocument: { uri }, position: pos() }), server.request('textDocument/hover', { textDocument: { uri }, position: pos() }), diagnosed]);
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<'hang'>((r) => (timer = setTimeout(() => r('hang'), HANG_MS)));
      const r = await Promise.race([work, late]);
      clearTimeout(timer);
      if (r === 'hang') {
        hangs.push(`${s.name} edit ${i} (seed ${SEED})`);
        await work;
      } else assert.ok(Array.isArray(r[2]), `${s.name} edit ${i}: diagnostics`);
      assert.ok(Date.now() - started < 60_000);
    }
    server.close(uri);
    assert.equal(server.process.exitCode, null, `server crashed after ${s.name} (seed ${SEED})`);
  }
  assert.equal(server.process.exitCode, null, 'server still running');
  assert.deepEqual(hangs, [], 'edits answered later than 2 s');
  assert.deepEqual(errors, [], 'the server logged errors');
  assert.equal(done, EDITS);
});
