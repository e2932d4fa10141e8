// `npm run package`: production build, then a .vsix for this platform. The extension's only runtime
// dependency is esbuild (it compiles TypeScript handlers for local invoke and drives a native binary,
// so it cannot be bundled): it is copied with this platform's binary into dist/node_modules, where the
// bundles' require('esbuild') finds it first, hence a platform target.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import JSZip from 'jszip';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
/** vsce target names for the platforms esbuild ships binaries for. */
const TARGETS = {
  'linux-x64': 'linux-x64',
  'linux-arm64': 'linux-arm64',
  'darwin-x64': 'darwin-x64',
  'darwin-arm64': 'darwin-arm64',
  'win32-x64': 'win32-x64',
  'win32-arm64': 'win32-arm64',
};
const key = `${process.platform}-${process.arch}`;
const target = TARGETS[key];
if (!target) {
  console.error(`No .vsix target for ${key}: supported are ${Object.keys(TARGETS).join(', ')}.`);
  process.exit(2);
}
const out = process.argv.includes('--out') ? process.argv[process.argv.indexOf('--out') + 1] : path.join('dist', 'cognito-triggers.vsix');

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: process.cwd(), stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status || 1);
}

run(process.execPath, [path.join(root, 'esbuild.mjs'), '--production']);

// Only what esbuild's JavaScript API needs at run time: its package.json and lib/main.js, and the
// platform package with the binary (main.js resolves `@esbuild/<platform>/bin/esbuild`).
const vendored = path.join(root, 'dist', 'node_modules');
fs.rmSync(vendored, { recursive: true, force: true });
for (const file of ['esbuild/package.json', 'esbuild/lib/main.js', `@esbuild/${key}/package.json`, `@esbuild/${key}/bin/esbuild${process.platform === 'win32' ? '.exe' : ''}`]) {
  const from = path.join(root, 'node_modules', file);
  if (!fs.existsSync(from)) {
    console.error(`Missing ${from}: run npm ci first.`);
    process.exit(1);
  }
  fs.mkdirSync(path.dirname(path.join(vendored, file)), { recursive: true });
  fs.copyFileSync(from, path.join(vendored, file));
  fs.chmodSync(path.join(vendored, file), fs.statSync(from).mode);
}

run(path.join(root, 'node_modules', '.bin', 'vsce'), [
  'package',
  // node_modules stays out (everything else is bundled); esbuild comes from dist/node_modules.
  '--no-dependencies',
  '--target', target,
  // README links resolve against package.json's repository (vsce derives the GitHub URLs).
  '--out', out,
]);

// The TypeScript server plugin's package: tsserver loads a plugin only from <extension>/node_modules/<name>
// (VS Code passes the extension folder as the probe location), which --no-dependencies leaves out, so it
// is added to the .vsix here. Its index.js requires dist/tsPlugin.js, which vsce packed.
const pluginName = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).contributes.typescriptServerPlugins[0].name;
const vsix = await JSZip.loadAsync(fs.readFileSync(out));
for (const file of ['package.json', 'index.js']) {
  const from = path.join(root, 'node_modules', pluginName, file);
  if (!fs.existsSync(from)) {
    console.error(`Missing ${from}: esbuild.mjs writes it.`);
    process.exit(1);
  }
  vsix.file(`extension/node_modules/${pluginName}/${file}`, fs.readFileSync(from), { createFolders: false });
}
fs.writeFileSync(out, await vsix.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', platform: 'UNIX' }));
console.log(`Packaged ${out} for ${target}.`);

// Open VSX: the checks ovsx runs before publishing that need no registry or token, on the .vsix itself
// (its manifest as ovsx reads it, the required fields, a license). Publishing: npx ovsx publish FILE -p TOKEN.
const require = createRequire(import.meta.url);
const ovsx = require('ovsx');
const { readVSIXPackage } = require('ovsx/lib/zip');
try {
  const manifest = await readVSIXPackage(out);
  ovsx.validateManifest(manifest);
  if (!(await ovsx.isLicenseOk(root, manifest))) throw new Error('no license field and no LICENSE file');
  console.log(`Open VSX checks passed for ${manifest.publisher}.${manifest.name}@${manifest.version} (manifest, license; not published).`);
} catch (e) {
  console.error(`Open VSX would refuse ${out}: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}
