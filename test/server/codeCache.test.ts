// The real server (dist/server.js, a loader running dist/serverMain.js through V8's code cache): it
// completes Python with no cache, with its cache, and with a damaged one, and its bundle has no import().
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { parse } from '@babel/parser';
import type { CompletionList } from 'vscode-languageserver-protocol';
import { ensureBuilt } from '../ensureBuilt';
import { caret, REPO_ROOT, startServer } from './harness';

const WORKSPACE = path.join(REPO_ROOT, 'test', 'fixtures', 'handlers', 'workspace');
let cacheDir = '';

before(() => {
  ensureBuilt();
  cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-server-cache-'));
});
after(() => fs.rmSync(cacheDir, { recursive: true, force: true }));

/** Starts the server with the test's cache folder, completes inside event["request"]["…"] of a Python handler, stops it. */
async function completeOnce(): Promise<string[]> {
  const server = await startServer({ workspace: WORKSPACE, env: { COGNITO_TRIGGERS_CACHE_DIR: cacheDir } });
  try {
    const at = `${server.workspaceUri}/src/cache.py`;
    const { text, position } = caret('# @cognito-trigger PreSignUp\ndef lambda_handler(event, context):\n    email = event["request"]["|"]\n    return event\n');
    server.open(at, text, 'python');
    const r = await server.request<CompletionList | null>('textDocument/completion', { textDocument: { uri: at }, position });
    return r?.items.map((i) => i.label) ?? [];
  } finally {
    await server.stop();
  }
}

const cacheFile = (): string => {
  const files = fs.readdirSync(cacheDir).filter((f) => f.startsWith('serverMain-') && f.endsWith('.v8cache'));
  assert.equal(files.length, 1, `one cache file for the server bundle: ${files.join(', ')}`);
  return path.join(cacheDir, files[0] ?? '');
};
const valid = (b: Buffer): boolean => b.subarray(0, 8).toString() === 'CTCC0001' && createHash('sha256').update(b.subarray(40)).digest().equals(b.subarray(8, 40));
const EXPECTED = ['userAttributes', 'validationData', 'clientMetadata'];

test('a first start writes the cache at exit; the next start completes from it and leaves it as it is', async () => {
  assert.deepEqual(await completeOnce(), EXPECTED);
  const written = fs.readFileSync(cacheFile());
  assert.ok(valid(written), 'the cache file has its tag and checksum');
  assert.deepEqual(await completeOnce(), EXPECTED);
  assert.ok(fs.readFileSync(cacheFile()).equals(written), 'a cache that was used is not rewritten');
});

test('a damaged cache file does not stop the server: it completes, and the file is replaced by a good one', async () => {
  if (!fs.readdirSync(cacheDir).length) await completeOnce();
  const file = cacheFile();
  const damaged = Buffer.from(fs.readFileSync(file));
  damaged.fill(0xa5, 40 + 1000, damaged.length - 1000);
  fs.writeFileSync(file, damaged);
  assert.deepEqual(await completeOnce(), EXPECTED);
  assert.ok(valid(fs.readFileSync(file)), 'rewritten at exit');
  fs.writeFileSync(file, 'foreign bytes');
  assert.deepEqual(await completeOnce(), EXPECTED);
  assert.ok(valid(fs.readFileSync(file)), 'rewritten at exit');
});

test('the server bundle makes no import() call: a script run by the loader has no dynamic import loader', () => {
  const ast = parse(fs.readFileSync(path.join(REPO_ROOT, 'dist', 'serverMain.js'), 'utf8').replace(/^#!.*/, ''), { sourceType: 'script', allowReturnOutsideFunction: true, errorRecovery: false });
  const found: number[] = [];
  const visit = (n: unknown): void => {
    if (!n || typeof n !== 'object') return;
    if (Array.isArray(n)) {
      for (const c of n) visit(c);
      return;
    }
    const node = n as { type?: string; callee?: { type?: string }; start?: number };
    if (node.type === 'ImportExpression' || (node.type === 'CallExpression' && node.callee?.type === 'Import')) found.push(node.start ?? -1);
    for (const [k, v] of Object.entries(node)) if (k !== 'loc' && v && typeof v === 'object') visit(v);
  };
  visit(ast.program);
  assert.deepEqual(found, [], 'import() in dist/serverMain.js at these offsets: load files with fs, modules with require');
});
