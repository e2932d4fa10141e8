// Starts and stops code-server (a real VS Code) on 127.0.0.1 in its own process group; shared by the e2e runner and `npm start`.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';

/** Log lines that are expected offline or in a headless browser and say nothing about our extension. */
export const NOISE = [
  /open-vsx\.org/i,
  /ENOTFOUND/,
  /install-scripts not yet covered by allowScripts/,
  /\[AccountPolicyGate\]/,
  /authentication provider 'github'/,
  /Long running operations during shutdown are unsupported/,
  /Updating additional builtin extensions cache/,
  /Creating a socket \(/,
  /\[Service Worker\]/,
  /\[AgentHost/,
  /Resolv(ing|ed) connection token/,
  /\[reconnection-grace-time\]/,
];

/** A free TCP port on 127.0.0.1 (the OS picks it; a tiny race with other processes is acceptable). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {net.AddressInfo} */ (srv.address());
      srv.close(() => resolve(port));
    });
  });
}

/** Writes user settings into `<userDataDir>/User/settings.json`. */
export function writeUserSettings(userDataDir, settings) {
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify(settings, null, 2) + '\n');
}

/**
 * Writes the remote machine's settings into `<userDataDir>/Machine/settings.json` ("Remote" settings
 * in the Settings editor). code-server is a remote window: settings of scope `machine` or
 * `machine-overridable` (e.g. `cognitoTriggers.aws.*`) are read from here, not from the user settings.
 */
export function writeMachineSettings(userDataDir, settings) {
  fs.mkdirSync(path.join(userDataDir, 'Machine'), { recursive: true });
  fs.writeFileSync(path.join(userDataDir, 'Machine', 'settings.json'), JSON.stringify(settings, null, 2) + '\n');
}

/** Settings that keep focus in the editor and stop calls home (see /work/shared/reference/real-vscode.md). */
export const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
};

/**
 * Starts code-server and waits until it serves the workbench.
 * @param {object} o
 * @param {import('../../../scripts/install-vscode.mjs').VSCodeInstall} o.install
 * @param {string} o.dataDir fresh (tests) or persistent (`npm start`) folder: config, user data, extensions, HOME
 * @param {number} o.port
 * @param {boolean} o.trust true = workspace trust on (the user is asked), false = every folder is trusted
 * @param {string[]} [o.extraArgs] e.g. ['--vscode-option', 'enable-smoke-test-driver']
 * @param {Record<string, string | undefined>} [o.env] extra environment for code-server, and so for the extension
 *   host and the language server it starts (an undefined value removes the variable)
 * @param {(line: string) => void} [o.onLog] code-server's output lines (noise filtered)
 * @param {number} [o.readyTimeoutMs]
 */
export async function startCodeServer({ install, dataDir, port, trust, extraArgs = [], env = {}, onLog = () => {}, readyTimeoutMs = 60_000 }) {
  const userDataDir = path.join(dataDir, 'ud');
  const extensionsDir = path.join(dataDir, 'exts');
  fs.mkdirSync(userDataDir, { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  // An empty config: otherwise code-server writes a password config into the real home folder.
  if (!fs.existsSync(path.join(dataDir, 'config.yaml'))) fs.writeFileSync(path.join(dataDir, 'config.yaml'), '');
  const args = [
    install.codeServer,
    '--config', path.join(dataDir, 'config.yaml'),
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    // Without it the extension host and language server linger for hours after the browser goes.
    '--reconnection-grace-time', '10',
    ...(trust ? [] : ['--disable-workspace-trust']),
    ...extraArgs,
  ];
  const logFile = path.join(dataDir, 'code-server.log');
  const log = fs.openSync(logFile, 'a');
  // detached: its own process group, so one kill reaches the extension host and language server too.
  const child = spawn(install.node, args, {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: withEnv({ ...process.env, HOME: dataDir, PATH: `${path.dirname(install.node)}${path.delimiter}${process.env.PATH ?? ''}` }, env),
  });
  let exited = /** @type {null | string} */ (null);
  const done = new Promise((resolve) => child.on('exit', (code, signal) => resolve((exited = `code-server exited (${signal ?? code})`))));
  for (const stream of [child.stdout, child.stderr]) {
    let partial = '';
    stream.on('data', (chunk) => {
      fs.writeSync(log, chunk);
      const lines = (partial + chunk.toString()).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) if (line.trim() && !NOISE.some((n) => n.test(line))) onLog(line);
    });
  }
  const server = {
    port,
    pid: /** @type {number} */ (child.pid),
    logFile,
    url: `http://127.0.0.1:${port}`,
    /** Resolves with the reason when code-server exits, however that happens. */
    done,
    /** Kills the whole process group: SIGTERM, then SIGKILL if it is still there after `graceMs`. */
    async stop(graceMs = 5_000) {
      if (exited) return;
      const gone = new Promise((r) => child.once('exit', r));
      killGroup(child.pid, 'SIGTERM');
      const timer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), graceMs);
      await gone;
      clearTimeout(timer);
      // Children that ignored SIGTERM (extension host, language server) go with the group.
      killGroup(child.pid, 'SIGKILL');
      fs.closeSync(log);
    },
    /** Synchronous last resort for process 'exit' handlers. */
    killNow() {
      killGroup(child.pid, 'SIGKILL');
    },
  };
  try {
    await waitUntilServing(server.url, readyTimeoutMs, () => exited);
  } catch (e) {
    await server.stop(1_000);
    const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n');
    throw new Error(`${e instanceof Error ? e.message : String(e)}\ncode-server log (${logFile}):\n${tail}`, { cause: e });
  }
  return server;
}

/** `base` with `extra` applied: a string sets a variable, undefined removes it. */
function withEnv(base, extra) {
  const env = { ...base };
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

/** Sends `signal` to process group `pid`; ignores a group that is already gone. */
function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch (e) {
    if (/** @type {NodeJS.ErrnoException} */ (e).code !== 'ESRCH') throw e;
  }
}

/** Polls /healthz until 200, then GET / (the page load starts the VS Code server proper). */
async function waitUntilServing(url, ms, exited) {
  const end = Date.now() + ms;
  for (const route of ['/healthz', '/']) {
    for (let delay = 50; ; delay = Math.min(delay * 2, 500)) {
      const why = exited();
      if (why) throw new Error(`${why} before it served ${route}.`);
      const status = await getStatus(url + route);
      if (status === 200) break;
      if (Date.now() > end) throw new Error(`code-server did not answer 200 on ${url}${route} within ${ms} ms (last status ${status}).`);
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}

/** HTTP status of a GET (0 when it fails), given up after 5 s so a stuck request cannot hang the wait. */
async function getStatus(url) {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), 5_000);
  try {
    const response = await fetch(url, { signal: abort.signal });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return 0;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Copies what the .vsix would hold (package.json, dist/*.js, schemas/, snippets/, README, LICENSE,
 * CHANGELOG) into `<extensionsDir>/<publisher>.<name>-<version>` so the test sees the packaged
 * extension, not the repo with its node_modules. Source maps are copied too, for readable stacks.
 * @returns {string} the extension's folder
 */
export function copyExtension(repoRoot, extensionsDir) {
  const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
  const target = path.join(extensionsDir, `${pkg.publisher}.${pkg.name}-${pkg.version}`);
  fs.rmSync(target, { recursive: true, force: true });
  fs.mkdirSync(path.join(target, 'dist'), { recursive: true });
  // The bundles and the files they load at run time: the Python runner, tree-sitter's WebAssembly.
  for (const f of fs.readdirSync(path.join(repoRoot, 'dist'))) {
    if (/\.(js(\.map)?|py|wasm)$/.test(f)) fs.copyFileSync(path.join(repoRoot, 'dist', f), path.join(target, 'dist', f));
  }
  // The TypeScript server plugin's package (esbuild.mjs writes it): tsserver finds it under node_modules.
  for (const f of ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md', 'schemas', 'snippets', 'images', 'node_modules/cognito-triggers-ts-plugin']) {
    const from = path.join(repoRoot, f);
    if (fs.existsSync(from)) fs.cpSync(from, path.join(target, f), { recursive: true });
  }
  // E2E_NO_TS_PLUGIN=1: the extension without its TypeScript server plugin, to measure the difference.
  if (process.env.E2E_NO_TS_PLUGIN) {
    const manifest = JSON.parse(fs.readFileSync(path.join(target, 'package.json'), 'utf8'));
    delete manifest.contributes.typescriptServerPlugins;
    fs.writeFileSync(path.join(target, 'package.json'), JSON.stringify(manifest, null, 2));
  }
  return target;
}
