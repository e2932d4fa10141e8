// Contract: `npm run package`'s vsce step builds a .vsix that holds only the esbuild bundles, schemas, snippets and docs.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import ts from 'typescript';
import yauzl from 'yauzl';

const root = path.resolve(__dirname, '..', '..');
/** Never copied into the staging folder: too big, or not the project's files. */
const SKIP = new Set(['node_modules', '.git', '.cache', 'test-results', 'bench-results']);
/**
 * Bundles the extension needs at run time: the keys of `entryPoints` in esbuild.mjs, read from its
 * source (importing it would run the build).
 */
function bundles(): string[] {
  const file = ts.createSourceFile('esbuild.mjs', fs.readFileSync(path.join(root, 'esbuild.mjs'), 'utf8'), ts.ScriptTarget.Latest, true);
  let keys: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && node.name.getText(file) === 'entryPoints' && node.initializer && ts.isObjectLiteralExpression(node.initializer)) {
      keys = node.initializer.properties.map((p) => p.name?.getText(file).replace(/^['"]|['"]$/g, '') ?? '');
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  assert.ok(keys.length > 0 && keys.every(Boolean), 'no `entryPoints = { name: file, ... }` object found in esbuild.mjs');
  return keys;
}
const BUNDLES = bundles();
/** Everything the .vsix may hold; vsce renames README.md, CHANGELOG.md and LICENSE. */
const ALLOWED = [
  /^extension\.vsixmanifest$/,
  /^\[Content_Types\]\.xml$/,
  /^extension\/package\.json$/,
  /^extension\/readme\.md$/,
  /^extension\/changelog\.md$/,
  /^extension\/LICENSE\.txt$/,
  new RegExp(`^extension/dist/(${BUNDLES.join('|')})\\.js$`),
  /^extension\/schemas\/[\w.-]+\.json$/,
  /^extension\/snippets\/[\w.-]+\.code-snippets$/,
];

let stage = '';
let entries: string[] = [];

/** File names inside a zip file. */
function listZip(file: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (err, zip) => {
      if (err) return reject(err);
      const names: string[] = [];
      zip.on('entry', (e: yauzl.Entry) => {
        names.push(e.fileName);
        zip.readEntry();
      });
      zip.on('end', () => resolve(names));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

before(async () => {
  for (const b of BUNDLES) {
    assert.ok(fs.existsSync(path.join(root, 'dist', `${b}.js`)), `dist/${b}.js is missing: build first (node esbuild.mjs; npm test does).`);
  }
  // Package a snapshot of the tree: other engineers rebuild dist/ and schemas/ while tests run, and
  // vsce fails when a file changes size under it. The snapshot keeps sources, tests, examples and
  // dev source maps, so .vscodeignore has real files to leave out.
  stage = fs.mkdtempSync(path.join(os.tmpdir(), 'cognito-vsix-'));
  for (const entry of fs.readdirSync(root)) {
    if (!SKIP.has(entry)) fs.cpSync(path.join(root, entry), path.join(stage, entry), { recursive: true });
  }
  // The vsce step of the real `npm run package` script, with its flags, writing into the stage.
  const script = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.package ?? '';
  const vsceStep = script.split('&&').map((s) => s.trim()).find((s) => s.startsWith('vsce package'));
  assert.ok(vsceStep, `package.json "package" script has no "vsce package" step: ${script}`);
  const args = vsceStep.split(/\s+/).slice(1);
  const out = args.indexOf('--out');
  assert.ok(out >= 0, 'the vsce step must name its output with --out');
  args[out + 1] = path.join(stage, 'out.vsix');
  const r = spawnSync(path.join(root, 'node_modules', '.bin', 'vsce'), args, { cwd: stage, encoding: 'utf8' });
  assert.equal(r.status, 0, `vsce package failed:\n${r.stdout}\n${r.stderr}`);
  entries = await listZip(path.join(stage, 'out.vsix'));
});

after(() => {
  if (stage) fs.rmSync(stage, { recursive: true, force: true });
});

test('the .vsix holds only the bundles, schemas, snippets, package.json, README, LICENSE and CHANGELOG', () => {
  const unexpected = entries.filter((e) => !ALLOWED.some((re) => re.test(e)));
  assert.deepEqual(unexpected, [], 'files that should not ship (fix .vscodeignore)');
});

test('the .vsix holds every bundle and the docs', () => {
  const required = [
    'extension/package.json',
    'extension/readme.md',
    'extension/changelog.md',
    'extension/LICENSE.txt',
    ...BUNDLES.map((b) => `extension/dist/${b}.js`),
  ];
  assert.deepEqual(required.filter((f) => !entries.includes(f)), [], 'missing from the .vsix');
});

test('every schema and snippet file package.json points to is in the .vsix', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(stage, 'package.json'), 'utf8')) as {
    contributes: { jsonValidation?: { url: string }[]; snippets?: { path: string }[] };
  };
  const local = [...(manifest.contributes.jsonValidation ?? []).map((j) => j.url), ...(manifest.contributes.snippets ?? []).map((s) => s.path)]
    .filter((p) => p.startsWith('./'))
    .map((p) => `extension/${p.slice(2)}`);
  assert.ok(local.length > 0, 'package.json points to no schema or snippet file');
  assert.deepEqual([...new Set(local)].filter((f) => !entries.includes(f)), [], 'package.json points to files the .vsix lacks');
});
