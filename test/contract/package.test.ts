// Contract: `npm run package` builds a .vsix that holds only the bundles, schemas, snippets, docs and esbuild.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import ts from 'typescript';
import yauzl from 'yauzl';
import { startTsServer, TS_PLUGIN_NAME } from '../server/tsserverHarness';

const root = path.resolve(__dirname, '..', '..');
/** Never copied into the staging folder: too big, or not the project's files. */
const SKIP = new Set(['node_modules', '.git', '.cache', 'test-results', 'bench-results']);
/** The keys of the object literal `const <name> = { ... }` in esbuild.mjs, read from its source (importing it would run the build). */
function esbuildKeys(name: string): string[] {
  const file = ts.createSourceFile('esbuild.mjs', fs.readFileSync(path.join(root, 'esbuild.mjs'), 'utf8'), ts.ScriptTarget.Latest, true);
  let keys: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && node.name.getText(file) === name && node.initializer && ts.isObjectLiteralExpression(node.initializer)) {
      keys = node.initializer.properties.map((p) => p.name?.getText(file).replace(/^['"]|['"]$/g, '') ?? '');
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  assert.ok(keys.length > 0 && keys.every(Boolean), `no \`${name} = { name: file, ... }\` object found in esbuild.mjs`);
  return keys;
}
/** Bundles the extension needs at run time: the keys of `entryPoints`. */
const BUNDLES = esbuildKeys('entryPoints');
/** Files copied into dist/ as they are (the Python runner): the keys of `copiedFiles`. */
const COPIED = esbuildKeys('copiedFiles');
const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Everything the .vsix may hold; vsce renames README.md, CHANGELOG.md and LICENSE. */
const ALLOWED = [
  /^extension\.vsixmanifest$/,
  /^\[Content_Types\]\.xml$/,
  /^extension\/package\.json$/,
  /^extension\/readme\.md$/,
  /^extension\/changelog\.md$/,
  /^extension\/LICENSE\.txt$/,
  new RegExp(`^extension/dist/(${BUNDLES.join('|')})\\.js$`),
  new RegExp(`^extension/dist/(${COPIED.map(escapeRe).join('|')})$`),
  /^extension\/schemas\/[\w.-]+\.json$/,
  /^extension\/snippets\/[\w.-]+\.code-snippets$/,
  // esbuild, the one runtime dependency (TypeScript handlers are compiled at invoke time), with the
  // native binary of the package's target platform.
  /^extension\/dist\/node_modules\/esbuild\/(package\.json|lib\/main\.js)$/,
  /^extension\/dist\/node_modules\/@esbuild\/[\w-]+\/(package\.json|bin\/esbuild(\.exe)?)$/,
  // The TypeScript server plugin's package: tsserver loads plugins only from <extension>/node_modules/<name>.
  /^extension\/node_modules\/cognito-triggers-ts-plugin\/(package\.json|index\.js)$/,
  // The Marketplace icon and the walkthrough's images (scripts/images.mjs makes them).
  /^extension\/images\/icon\.png$/,
  /^extension\/images\/walkthrough\/[\w-]+\.png$/,
];

let stage = '';
let entries: string[] = [];

/** Extracts the zip file's entries under `prefix` into `dir`. */
function extractZip(file: string, prefix: string, dir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (err, zip) => {
      if (err) return reject(err);
      zip.on('entry', (e: yauzl.Entry) => {
        if (!e.fileName.startsWith(prefix) || e.fileName.endsWith('/')) return zip.readEntry();
        zip.openReadStream(e, (error, stream) => {
          if (error) return reject(error);
          const target = path.join(dir, e.fileName.slice(prefix.length));
          fs.mkdirSync(path.dirname(target), { recursive: true });
          stream.pipe(fs.createWriteStream(target)).on('finish', () => zip.readEntry());
        });
      });
      zip.on('end', () => resolve());
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

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
  for (const c of COPIED) assert.ok(fs.existsSync(path.join(root, 'dist', c)), `dist/${c} is missing: build first (node esbuild.mjs; npm test does).`);
  // Package a snapshot of the tree: other engineers rebuild dist/ and schemas/ while tests run, and
  // vsce fails when a file changes size under it. The snapshot keeps sources, tests, examples and
  // dev source maps, so .vscodeignore has real files to leave out.
  stage = fs.mkdtempSync(path.join(os.tmpdir(), 'cognito-vsix-'));
  for (const entry of fs.readdirSync(root)) {
    if (!SKIP.has(entry)) fs.cpSync(path.join(root, entry), path.join(stage, entry), { recursive: true });
  }
  // The real `npm run package` script, writing into the stage. node_modules is linked, not copied:
  // the script takes esbuild and its binary from it.
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(stage, 'node_modules'), 'dir');
  const script = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.package ?? '';
  assert.equal(script, 'node scripts/package.mjs', 'the package script');
  const r = spawnSync(process.execPath, [path.join(stage, 'scripts', 'package.mjs'), '--out', path.join(stage, 'out.vsix')], { cwd: stage, encoding: 'utf8' });
  assert.equal(r.status, 0, `npm run package failed:\n${r.stdout}\n${r.stderr}`);
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
    ...COPIED.map((c) => `extension/dist/${c}`),
  ];
  assert.deepEqual(required.filter((f) => !entries.includes(f)), [], 'missing from the .vsix');
});

test('the .vsix ships esbuild with its binary, so TypeScript handlers can be invoked', () => {
  assert.ok(entries.includes('extension/dist/node_modules/esbuild/lib/main.js'), 'esbuild API');
  assert.ok(entries.some((e) => /^extension\/dist\/node_modules\/@esbuild\/[\w-]+\/bin\/esbuild/.test(e)), 'esbuild binary for the target platform');
});

test('tsserver loads the TypeScript server plugin from the installed .vsix, as VS Code asks it to', async () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(stage, 'package.json'), 'utf8')) as { contributes: { typescriptServerPlugins?: { name: string }[] } };
  const plugin = manifest.contributes.typescriptServerPlugins?.[0]?.name;
  assert.equal(plugin, TS_PLUGIN_NAME, 'contributes.typescriptServerPlugins names the plugin package');
  // Installed the way VS Code installs a .vsix: its extension/ folder, which VS Code passes to tsserver as the probe location.
  const installed = path.join(stage, 'installed');
  await extractZip(path.join(stage, 'out.vsix'), 'extension/', installed);
  const text = "import type { PreSignUpTriggerEvent } from 'aws-lambda';\nexport const handler = async (event: PreSignUpTriggerEvent) => {\n  event.request.\n  return event;\n};\n";
  const s = await startTsServer({ 'h.ts': text }, installed);
  try {
    await s.open('h.ts');
    const names = (await s.completions('h.ts', text, text.indexOf('event.request.') + 'event.request.'.length)).map((e) => e.name);
    assert.match(s.pluginLog(), /\[cognito-triggers\] loaded for project/, 'tsserver did not load the plugin from the .vsix');
    assert.ok(!names.includes('userAttributes'), `TypeScript's userAttributes row is still there: ${names.join(', ')}`);
  } finally {
    s.stop();
  }
});

test('Marketplace and Open VSX metadata: icon in the .vsix, banner, no Debuggers category, links, a walkthrough whose steps each have a command button and a packaged image', () => {
  const m = JSON.parse(fs.readFileSync(path.join(stage, 'package.json'), 'utf8')) as {
    icon?: string; galleryBanner?: { color?: string }; categories: string[]; keywords: string[]; homepage?: string; bugs?: { url?: string }; repository?: { url?: string };
    contributes: { walkthroughs?: { steps: { description: string; media: { image?: string } }[] }[]; debuggers?: unknown };
  };
  assert.ok(m.icon && entries.includes(`extension/${m.icon}`), `icon ${m.icon} is not in the .vsix`);
  assert.ok(m.galleryBanner?.color);
  assert.ok(!m.categories.includes('Debuggers') || m.contributes.debuggers, 'Debuggers without a debugger');
  assert.ok(m.keywords.length >= 5 && m.keywords.length <= 30, 'vsce allows at most 30 keywords');
  for (const url of [m.homepage, m.bugs?.url, m.repository?.url]) assert.match(String(url), /^https:\/\//);
  const steps = m.contributes.walkthroughs?.[0]?.steps ?? [];
  assert.ok(steps.length >= 5, 'walkthrough steps');
  for (const st of steps) {
    assert.match(st.description, /\]\(command:[\w.]+\)/, `a step without a command button: ${st.description}`);
    assert.ok(st.media.image && entries.includes(`extension/${st.media.image}`), `${st.media.image} is not in the .vsix`);
  }
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

test('the npm package (the CLI) holds only the bundles, schemas, snippets and docs; esbuild is its one dependency', () => {
  const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--loglevel=error'], { cwd: root, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const files = (JSON.parse(r.stdout) as { files: { path: string }[] }[])[0]?.files.map((f) => f.path) ?? [];
  const allowed = [/^dist\/[\w]+\.js$/, ...COPIED.map((c) => new RegExp(`^dist/${escapeRe(c)}$`)), /^schemas\/[\w.-]+\.json$/, /^snippets\/[\w.-]+\.code-snippets$/, /^(package\.json|README\.md|LICENSE|CHANGELOG\.md)$/];
  assert.deepEqual(files.filter((f) => !allowed.some((re) => re.test(f))), [], 'files that should not be published (fix .npmignore)');
  for (const b of BUNDLES) assert.ok(files.includes(`dist/${b}.js`), `dist/${b}.js is published`);
  for (const c of COPIED) assert.ok(files.includes(`dist/${c}`), `dist/${c} is published`);
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; bin: Record<string, string> };
  assert.deepEqual(Object.keys(manifest.dependencies), ['esbuild'], 'everything else is bundled');
  assert.equal(manifest.bin['cognito-triggers'], './dist/cli.js');
  // Editors other than VS Code start the language server by this name (docs/editors.md).
  assert.equal(manifest.bin['cognito-triggers-language-server'], './dist/server.js');
  for (const bin of Object.values(manifest.bin)) {
    assert.ok(files.includes(bin.replace(/^\.\//, '')), `${bin} is published`);
    assert.match(fs.readFileSync(path.join(root, bin), 'utf8'), /^#!\/usr\/bin\/env node\n/, `${bin} starts with a node shebang`);
  }
});
