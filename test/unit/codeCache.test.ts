// The code cache (server/src/codeCache.ts) run in child processes on a small bundle: written at exit,
// used at the next start, and a damaged, foreign or unwritable cache never stops the bundle from running.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, it } from 'node:test';
import { buildSync } from 'esbuild';

const ROOT = path.resolve(__dirname, '..', '..');
let work = '';
/** codeCache.ts bundled once (a tsx child per run would take a second or two each). */
let loader = '';
let bundle = '';

/** A bundle big enough for V8 to cache, that uses what a CommonJS module has and prints a result. */
function bundleText(tag: string): string {
  const fns = Array.from({ length: 300 }, (_, i) => `function f${i}(x) { return [x, ${i}, ${JSON.stringify(tag)}].join('-').length + ${i}; }`);
  return [
    '#!/usr/bin/env node',
    "'use strict';",
    ...fns,
    `const all = [${fns.map((_, i) => `f${i}`).join(', ')}];`,
    'let sum = 0; all.forEach((f, i) => (sum += f(i)));',
    "const here = require('node:path').basename(__dirname);",
    "module.exports = { sum }; process.stdout.write(JSON.stringify({ sum, here, file: require('node:path').basename(__filename) }));",
  ].join('\n');
}

/** Runs the bundle through runWithCodeCache in a new Node process; returns its output and the outcome. */
function run(env: Record<string, string>): { status: number | null; out: { sum: number; here: string; file: string } | undefined; outcome: string; stderr: string } {
  const script = `const { runWithCodeCache } = require(${JSON.stringify(loader)}); const o = runWithCodeCache(${JSON.stringify(bundle)}, module); process.stderr.write('outcome=' + o + '\\n');`;
  const r = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, COGNITO_TRIGGERS_DEBUG: '', ...env } });
  return { status: r.status, out: r.stdout ? (JSON.parse(r.stdout) as { sum: number; here: string; file: string }) : undefined, outcome: /outcome=(\w+)/.exec(r.stderr)?.[1] ?? '', stderr: r.stderr };
}

const cacheFiles = (dir: string): string[] => (fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.v8cache')) : []);

before(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-codecache-'));
  fs.mkdirSync(path.join(work, 'dist'));
  bundle = path.join(work, 'dist', 'serverMain.js');
  fs.writeFileSync(bundle, bundleText('a'));
  loader = path.join(work, 'codeCache.js');
  buildSync({ entryPoints: [path.join(ROOT, 'server', 'src', 'codeCache.ts')], bundle: true, platform: 'node', target: 'node20', format: 'cjs', outfile: loader, logLevel: 'error' });
});
after(() => fs.rmSync(work, { recursive: true, force: true }));

it('writes the cache at exit, uses it at the next start, and the bundle sees its own __dirname and __filename', () => {
  const dir = path.join(work, 'cache1');
  const first = run({ COGNITO_TRIGGERS_CACHE_DIR: dir });
  assert.equal(first.status, 0, first.stderr);
  assert.equal(first.outcome, 'none');
  assert.deepEqual({ here: first.out?.here, file: first.out?.file }, { here: 'dist', file: 'serverMain.js' });
  const files = cacheFiles(dir);
  assert.equal(files.length, 1, 'one cache file written');
  const raw = fs.readFileSync(path.join(dir, files[0] ?? ''));
  assert.equal(raw.subarray(0, 8).toString(), 'CTCC0001');
  assert.ok(createHash('sha256').update(raw.subarray(40)).digest().equals(raw.subarray(8, 40)), 'the header holds the checksum of the V8 data');
  const second = run({ COGNITO_TRIGGERS_CACHE_DIR: dir });
  assert.equal(second.status, 0, second.stderr);
  assert.equal(second.outcome, 'used');
  assert.equal(second.out?.sum, first.out?.sum);
  assert.ok(fs.readFileSync(path.join(dir, files[0] ?? '')).equals(raw), 'a used cache is not rewritten');
});

it('a cache with damaged bytes is detected (V8 would abort on it), ignored, and replaced', () => {
  const dir = path.join(work, 'cache2');
  assert.equal(run({ COGNITO_TRIGGERS_CACHE_DIR: dir }).status, 0);
  const file = path.join(dir, cacheFiles(dir)[0] ?? '');
  const good = fs.readFileSync(file);
  // Damage the V8 data only (the header still says CTCC0001): zeros across its middle.
  const bad = Buffer.from(good);
  bad.fill(0, 40 + Math.floor((bad.length - 40) / 4), bad.length - 16);
  fs.writeFileSync(file, bad);
  const r = run({ COGNITO_TRIGGERS_CACHE_DIR: dir });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.outcome, 'damaged');
  assert.ok(r.out && r.out.sum > 0);
  assert.equal(run({ COGNITO_TRIGGERS_CACHE_DIR: dir }).outcome, 'used', 'the damaged file was replaced by a good one');
  // A truncated file and a file of another format are damaged too.
  fs.writeFileSync(file, good.subarray(0, 20));
  assert.equal(run({ COGNITO_TRIGGERS_CACHE_DIR: dir }).outcome, 'damaged');
  fs.writeFileSync(file, 'not a cache');
  const text = run({ COGNITO_TRIGGERS_CACHE_DIR: dir });
  assert.equal(text.outcome, 'damaged');
  assert.equal(text.status, 0);
});

it('a well-formed cache of another bundle under this name is rejected by V8, and the bundle runs', () => {
  const dir = path.join(work, 'cache3');
  assert.equal(run({ COGNITO_TRIGGERS_CACHE_DIR: dir }).status, 0);
  const file = path.join(dir, cacheFiles(dir)[0] ?? '');
  // The cache another bundle text made (a different length), moved under this bundle's name.
  const other = path.join(work, 'cache3-other');
  const saved = fs.readFileSync(bundle, 'utf8');
  fs.writeFileSync(bundle, `${saved}\n// another build\nconst more = ${JSON.stringify('x'.repeat(5000))};`);
  assert.equal(run({ COGNITO_TRIGGERS_CACHE_DIR: other }).status, 0);
  fs.writeFileSync(bundle, saved);
  fs.copyFileSync(path.join(other, cacheFiles(other)[0] ?? ''), file);
  const r = run({ COGNITO_TRIGGERS_CACHE_DIR: dir });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.outcome, 'rejected');
  assert.equal(run({ COGNITO_TRIGGERS_CACHE_DIR: dir }).outcome, 'used', 'the foreign file was replaced');
});

it('another bundle text gets its own cache file (keyed by its hash), and old files are pruned', () => {
  const dir = path.join(work, 'cache4');
  const saved = fs.readFileSync(bundle, 'utf8');
  try {
    for (const tag of ['b', 'c', 'd', 'e', 'f', 'g']) {
      fs.writeFileSync(bundle, bundleText(tag));
      assert.equal(run({ COGNITO_TRIGGERS_CACHE_DIR: dir }).outcome, 'none', `bundle ${tag} starts without a cache`);
    }
    assert.equal(cacheFiles(dir).length, 4, 'at most four cache files are kept');
    assert.equal(run({ COGNITO_TRIGGERS_CACHE_DIR: dir }).outcome, 'used', 'the newest is kept');
  } finally {
    fs.writeFileSync(bundle, saved);
  }
});

it('an unwritable cache folder or COGNITO_TRIGGERS_CODE_CACHE=off only means no cache', () => {
  // A regular file where the folder's parent should be: mkdir fails (even for root, unlike a chmod).
  const blocker = path.join(work, 'blocker');
  fs.writeFileSync(blocker, '');
  const r = run({ COGNITO_TRIGGERS_CACHE_DIR: path.join(blocker, 'cache') });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.outcome, 'none');
  assert.ok(r.out && r.out.sum > 0);
  assert.equal(run({ COGNITO_TRIGGERS_CACHE_DIR: path.join(blocker, 'cache') }).outcome, 'none', 'still none: nothing was written');
  const off = run({ COGNITO_TRIGGERS_CODE_CACHE: 'off', COGNITO_TRIGGERS_CACHE_DIR: path.join(work, 'cache5') });
  assert.equal(off.outcome, 'off');
  assert.equal(off.status, 0);
  assert.deepEqual(cacheFiles(path.join(work, 'cache5')), []);
});
