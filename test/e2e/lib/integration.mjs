// Runs the mocha suites inside VS Code's real extension host through code-server's smoke-test driver.
import * as path from 'node:path';
import { format } from 'node:util';
import { NOISE } from './codeServer.mjs';

const RESULT_PREFIX = 'E2E_RESULT '; // printed by test/e2e/suite/index.ts

/** Turns one `codeAutomationLog` call into text: its args are console.log's (a format string, then values). */
function logText(args) {
  return format(...(Array.isArray(args) ? args : [args]));
}

/**
 * Opens the workbench with the test payload and waits for `codeAutomationExit`.
 * @param {object} o
 * @param {import('playwright-core').Browser} o.browser
 * @param {{ url: string, port: number }} o.server
 * @param {string} o.workspace folder to open
 * @param {string} o.extensionPath extensionDevelopmentPath
 * @param {string} o.testsPath compiled index.js (extensionTestsPath)
 * @param {Record<string, string>} o.env environment for the extension host (extensionEnvironment)
 * @param {string} o.screenshot PNG written when the run ends, to see the window's final state
 * @param {(line: string) => void} o.print
 * @returns {Promise<{ passed: number, failed: number, exitCode: number }>}
 */
export async function runIntegration({ browser, server, workspace, extensionPath, testsPath, env, screenshot, print }) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  let result = /** @type {null | { passed: number, failed: number }} */ (null);
  let resolveExit = (/** @type {number} */ _code) => {};
  const exited = new Promise((resolve) => (resolveExit = resolve));
  await page.exposeFunction('codeAutomationExit', (code) => resolveExit(Number(code)));
  await page.exposeFunction('codeAutomationLog', (_type, args) => {
    const text = logText(args);
    // The whole entry goes when it is noise: stack traces of offline gallery errors span many lines.
    if (!process.env.E2E_VERBOSE && NOISE.some((n) => n.test(text))) return;
    for (const line of text.split('\n')) {
      if (line.startsWith(RESULT_PREFIX)) result = JSON.parse(line.slice(RESULT_PREFIX.length));
      else print(`  ${line}`);
    }
  });
  // The authority must be exactly the page's host:port, or VS Code resolves the paths elsewhere.
  const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${p.split(path.sep).join('/')}`;
  const payload = [
    ['extensionDevelopmentPath', remote(extensionPath)],
    ['extensionTestsPath', remote(testsPath)],
    ['skipWelcome', 'true'],
    ['extensionEnvironment', JSON.stringify(env)],
  ];
  const url = `${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  try {
    await page.goto(url);
    const exitCode = await exited;
    await page.screenshot({ path: screenshot }).catch(() => {});
    // No result line means mocha never ran to the end (compile error, crash in index.js): a failure.
    const counts = result ?? { passed: 0, failed: 1 };
    if (!result) print('  The extension host exited without a test result line: see the log above.');
    if (exitCode !== 0 && counts.failed === 0) counts.failed = 1;
    return { ...counts, exitCode };
  } finally {
    await context.close().catch(() => {});
  }
}
