// `npm start`: builds the extension and opens the examples/ workspace in a real VS Code (code-server) with it loaded.
// Options: --port N (default: PORT, else the port of the last start, else a free one), --folder PATH (default examples/), --trusted (skip the trust prompt),
// --data-dir PATH (settings, extensions link and remembered port; default .cache/vscode/start-data), --skip-build (use dist/ as it is, e.g. with `npm run watch`).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { freePort, QUIET_SETTINGS, startCodeServer } from '../test/e2e/lib/codeServer.mjs';
import { CACHE_DIR, ensureVSCode } from './install-vscode.mjs';
import { mergeSettingsFile, rememberedPort } from './startState.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: opts } = parseArgs({
  options: { port: { type: 'string' }, folder: { type: 'string' }, trusted: { type: 'boolean', default: false }, 'data-dir': { type: 'string' }, 'skip-build': { type: 'boolean', default: false } },
});

/** Fails with a message and no stack: these are the user's mistakes or missing packages. */
function fail(message) {
  console.error(`npm start: ${message}`);
  process.exit(1);
}

/**
 * Puts a symlink to the repository into the extensions folder, so VS Code loads the extension from
 * the repo itself: after `npm run build` (or `npm run watch`), "Developer: Reload Window" picks it up.
 */
function linkExtension(extensionsDir) {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  fs.mkdirSync(extensionsDir, { recursive: true });
  // Remove links left by older versions of the extension, then link this one.
  for (const entry of fs.readdirSync(extensionsDir)) {
    if (entry.startsWith(`${pkg.publisher}.${pkg.name}-`)) fs.rmSync(path.join(extensionsDir, entry), { recursive: true, force: true });
  }
  fs.symlinkSync(root, path.join(extensionsDir, `${pkg.publisher}.${pkg.name}-${pkg.version}`), 'dir');
}

const folder = path.resolve(opts.folder ?? path.join(root, 'examples'));
if (!fs.existsSync(folder)) fail(`the folder to open does not exist: ${folder}`);
// A persistent data folder (settings, trust decisions, window state survive restarts); delete it to start over.
const dataDir = path.resolve(opts['data-dir'] ?? path.join(CACHE_DIR, 'start-data'));
const explicit = opts.port ?? process.env.PORT;
// Workspace trust and window state live in the browser's storage for the page's origin: the same port keeps them.
const chosen = explicit ? { port: Number(explicit) } : await rememberedPort(path.join(dataDir, 'port'), freePort);
const port = chosen.port;
if (!Number.isInteger(port) || port <= 0 || port > 65535) fail(`--port/PORT must be a TCP port number, got ${explicit}`);

let install;
try {
  install = ensureVSCode({ browser: false });
} catch (e) {
  fail(e instanceof Error ? e.message : String(e));
}
if (!opts['skip-build']) {
  console.log('Building the extension (node esbuild.mjs) ...');
  if (spawnSync(process.execPath, ['esbuild.mjs'], { cwd: root, stdio: 'inherit' }).status !== 0) fail('the build failed; see the errors above.');
}

// Only the keys this script needs, and only where the user has not set them: what the Settings UI
// changed (Region, endpoints, trace, auto save) survives a restart.
const merged = mergeSettingsFile(path.join(dataDir, 'ud', 'User', 'settings.json'), {
  ...QUIET_SETTINGS,
  // Show examples/README.md on start, as a person opening the folder would see it.
  'workbench.startupEditor': 'readme',
  // Trying the examples must not change tracked files behind the user's back: edits stay unsaved until saved.
  'files.autoSave': 'off',
});
if ('error' in merged) console.warn(`npm start: ${merged.error}.`);
linkExtension(path.join(dataDir, 'exts'));

let server;
try {
  server = await startCodeServer({ install, dataDir, port, trust: !opts.trusted });
} catch (e) {
  fail(e instanceof Error ? e.message : String(e));
}
let stopping = false;
const stop = async (code) => {
  stopping = true;
  await server.stop();
  process.exit(code);
};
void server.done.then((why) => {
  if (!stopping) fail(`${why}; its log: ${server.logFile}`);
});
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));
process.on('exit', () => server.killNow());

console.log(`Cognito Triggers is running in VS Code at ${server.url}/?folder=${encodeURI(folder)}`);
console.log(
  opts.trusted
    ? 'Workspace trust is off (--trusted): every folder is trusted.'
    : 'The folder opens in Restricted Mode (analysis only): click "Manage" in the banner (or "Restricted Mode" in the status bar) and trust it to enable local invoke and AWS features; `npm start -- --trusted` skips trust.',
);
if (chosen.changed) console.log(`Port ${chosen.changed} of the last start is in use, so this start uses ${port}: the browser keeps workspace trust per address, so trust the folder again (or stop what uses ${chosen.changed}).`);
console.log(`Logs: ${server.logFile}. Press Ctrl+C to stop.`);
