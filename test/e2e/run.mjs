// End-to-end tests in a real VS Code (code-server + headless Chromium): mocha suites in the extension host, then UI steps.
// Usage: node test/e2e/run.mjs [--grep TEXT] [--only integration|ui] [--keep]. Prints "N passed, N failed" last.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { ensureVSCode } from '../../scripts/install-vscode.mjs';
import { copyExtension, freePort, QUIET_SETTINGS, startCodeServer, writeMachineSettings, writeUserSettings } from './lib/codeServer.mjs';
import { compileSuites } from './lib/compile.mjs';
import { runIntegration } from './lib/integration.mjs';
import { runUiModules } from './lib/ui.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const { values: opts } = parseArgs({
  options: { grep: { type: 'string' }, only: { type: 'string' }, keep: { type: 'boolean', default: false } },
});
if (opts.only && !['integration', 'ui'].includes(opts.only)) throw new Error('--only takes "integration" or "ui".');
/**
 * Kills everything and fails when the whole run takes longer (override with E2E_TIMEOUT_MS). A guard against a
 * hang, not a speed test: the quiet run takes about 4.5 minutes and grows with the suite, so 5 minutes was too tight.
 */
const TIMEOUT_MS = Number(process.env.E2E_TIMEOUT_MS || 15 * 60_000);
const FIXTURE = path.join(root, 'test', 'fixtures', 'workspace');
const SHOTS = path.join(root, 'test-results', 'e2e');
const print = (line) => console.log(line);

/**
 * What a UI module may export as `environment`: services it needs running before VS Code starts.
 * `trust: true` turns workspace trust on for that module's code-server (the folder then opens in
 * Restricted Mode when its settings say `security.workspace.trust.startupPrompt: never`).
 * @typedef {{ env?: Record<string, string | undefined>, settings?: Record<string, unknown>, machineSettings?: Record<string, unknown>, trust?: boolean, stop(): Promise<void> }} UiEnvironmentStarted
 * @typedef {{ start(o: { root: string, workspace: string, tmp: string }): Promise<UiEnvironmentStarted> }} UiEnvironment
 */

const started = Date.now();
const totals = { passed: 0, failed: 0 };
/** Everything to undo at the end, newest first. */
const cleanups = [];
let current = /** @type {null | { killNow(): void }} */ (null);

/** Runs the cleanups once (browser, code-server group, temp folders). */
async function cleanup() {
  while (cleanups.length) await /** @type {() => Promise<void>} */ (cleanups.pop())().catch((e) => print(`cleanup: ${e}`));
}

let finishing = /** @type {null | Promise<never>} */ (null);
/**
 * Cleans up, prints the summary line CI reads and exits. Only the first call counts: after a
 * timeout or Ctrl+C the main flow may still reach its own finish while the cleanup runs.
 */
function finish(code) {
  finishing ??= (async () => {
    await cleanup();
    console.log(`\nEnd-to-end run took ${((Date.now() - started) / 1000).toFixed(1)} s.`);
    console.log(`${totals.passed} passed, ${totals.failed} failed`);
    process.exit(code || (totals.failed ? 1 : 0));
  })();
  return finishing;
}

// Last resort if Node exits some other way: no code-server may outlive the run.
process.on('exit', () => current?.killNow());
// Services of UI modules (fake AWS, cognito-local) run in this process: an error in one of them must
// fail the run, not end Node silently without the cleanups (which stop them and their child
// processes). A rejected promise is reported and counted, and the run goes on (the step that needed
// the service fails too, on its own assertions); an uncaught exception ends the run.
process.on('unhandledRejection', (e) => {
  print(`\nE2E ERROR (unhandled rejection, e.g. in a UI module's service): ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  totals.failed += 1;
});
process.on('uncaughtException', (e) => {
  print(`\nE2E ERROR (uncaught exception): ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  totals.failed += 1;
  void finish(1);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => void finish(130));
const globalTimer = setTimeout(() => {
  print(`\nE2E TIMEOUT: the run took longer than ${TIMEOUT_MS / 1000} s; killing code-server and the browser.`);
  totals.failed += 1;
  void finish(1);
}, TIMEOUT_MS);
globalTimer.unref();

/**
 * Starts code-server for one kind of test with a fresh data folder; registers its shutdown.
 * `settings` are added to the user settings, `machineSettings` go to the remote machine's settings
 * (where a remote window reads `machine`-scoped settings), `env` to code-server's environment (so
 * the extension host's and the language server's).
 */
async function server(dataDir, install, extraArgs, { settings = {}, machineSettings = {}, env = {}, trust = false } = {}) {
  // After a timeout or Ctrl+C nothing new may start: wait for the exit instead.
  if (finishing) await finishing;
  writeUserSettings(path.join(dataDir, 'ud'), { ...QUIET_SETTINGS, 'security.workspace.trust.enabled': trust, ...settings });
  if (Object.keys(machineSettings).length) writeMachineSettings(path.join(dataDir, 'ud'), machineSettings);
  const s = await startCodeServer({
    install,
    dataDir,
    port: await freePort(),
    trust,
    env,
    // E2E_LOG=trace makes VS Code log activation reasons etc. under <temp>/…/ud/logs (use with --keep).
    extraArgs: [...extraArgs, ...(process.env.E2E_LOG ? ['--log', process.env.E2E_LOG] : [])],
    onLog: (line) => (process.env.E2E_VERBOSE ? print(`  [code-server] ${line}`) : undefined),
  });
  current = s;
  cleanups.push(async () => {
    await s.stop();
    current = null;
  });
  return s;
}

try {
  const install = ensureVSCode({ log: print });
  const build = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('The build (node esbuild.mjs) failed.');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cognito-e2e-'));
  const outDir = path.join(root, '.cache', 'e2e-out', `run-${process.pid}`);
  if (!opts.keep) cleanups.push(async () => fs.rmSync(tmp, { recursive: true, force: true }));
  cleanups.push(async () => fs.rmSync(outDir, { recursive: true, force: true }));
  // A snapshot of the built extension: other engineers may rebuild dist/ while this runs.
  const extensionPath = copyExtension(root, path.join(tmp, 'extension'));
  const makeWorkspace = (name) => {
    const ws = path.join(tmp, 'workspaces', name);
    fs.cpSync(FIXTURE, ws, { recursive: true });
    return ws;
  };
  fs.mkdirSync(SHOTS, { recursive: true });
  const browser = await chromium.launch({
    executablePath: install.chromium,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  cleanups.push(() => browser.close());
  print(`Setup took ${((Date.now() - started) / 1000).toFixed(1)} s (temp folder ${tmp}).`);

  if (opts.only !== 'ui') {
    print('\n=== Extension integration tests (mocha in the VS Code extension host) ===');
    const compiled = await compileSuites(root, outDir);
    fs.rmSync(path.join(SHOTS, 'integration-final.png'), { force: true });
    // The smoke-test driver makes code-server honour the test payload (and hides toasts): integration only.
    const s = await server(path.join(tmp, 'integration'), install, ['--vscode-option', 'enable-smoke-test-driver']);
    const r = await runIntegration({
      browser,
      server: s,
      workspace: makeWorkspace('integration'),
      extensionPath,
      testsPath: compiled.index,
      env: { E2E_REPO_ROOT: root, ...(opts.grep ? { E2E_GREP: opts.grep } : {}), ...(process.env.E2E_NO_TS_PLUGIN ? { E2E_NO_TS_PLUGIN: '1' } : {}) },
      screenshot: path.join(SHOTS, 'integration-final.png'),
      print,
    });
    // A timeout kills the window, which ends the run above too: its counts would repeat the failure.
    if (finishing) await finishing;
    totals.passed += r.passed;
    totals.failed += r.failed;
    await /** @type {() => Promise<void>} */ (cleanups.pop())();
  }

  if (finishing) await finishing;
  if (opts.only !== 'integration') {
    print('\n=== UI tests (headless Chromium on the workbench) ===');
    const uiDir = path.join(root, 'test', 'e2e', 'ui');
    const files = fs
      .readdirSync(uiDir)
      .filter((f) => f.endsWith('.mjs') && (!opts.grep || f.toLowerCase().includes(opts.grep.toLowerCase())))
      .sort()
      .map((f) => path.join(uiDir, f));
    // A module exporting `environment` (services to start first, settings, environment variables)
    // gets a code-server of its own; the others share one.
    /** @type {Map<string, UiEnvironment>} */
    const environments = new Map();
    for (const f of files) {
      const mod = await import(pathToFileURL(f).href);
      if (mod.environment) environments.set(f, mod.environment);
    }
    // UI steps type into editors and leave them unsaved: no auto save behind their back.
    const UI_SETTINGS = { 'files.autoSave': 'off' };
    const shared = files.filter((f) => !environments.has(f));
    if (shared.length) {
      const dataDir = path.join(tmp, 'ui');
      copyExtension(root, path.join(dataDir, 'exts'));
      const s = await server(dataDir, install, [], { settings: UI_SETTINGS });
      const r = await runUiModules({ browser, server: s, files: shared, makeWorkspace, shotsDir: SHOTS, print });
      totals.passed += r.passed;
      totals.failed += r.failed;
      await /** @type {() => Promise<void>} */ (cleanups.pop())();
    }
    for (const [file, environment] of environments) {
      if (finishing) await finishing;
      const name = path.basename(file, '.mjs');
      const workspace = makeWorkspace(name);
      const depth = cleanups.length;
      try {
        const services = await environment.start({ root, workspace, tmp: path.join(tmp, `ui-${name}-env`) });
        cleanups.push(() => services.stop());
        const dataDir = path.join(tmp, `ui-${name}`);
        copyExtension(root, path.join(dataDir, 'exts'));
        const s = await server(dataDir, install, [], { settings: { ...UI_SETTINGS, ...services.settings }, machineSettings: services.machineSettings ?? {}, env: services.env ?? {}, trust: services.trust ?? false });
        const r = await runUiModules({ browser, server: s, files: [file], makeWorkspace: () => workspace, shotsDir: SHOTS, print });
        totals.passed += r.passed;
        totals.failed += r.failed;
      } catch (e) {
        totals.failed += 1;
        print(`  ${name}\n    ✘ its environment or VS Code did not start: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      }
      // This module's code-server, then its services (newest first).
      while (cleanups.length > depth) await /** @type {() => Promise<void>} */ (cleanups.pop())();
    }
    print(`  Screenshots: ${path.relative(root, SHOTS)}/`);
  }
  await finish(0);
} catch (e) {
  print(`\nE2E ERROR: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  totals.failed += 1;
  await finish(1);
}
