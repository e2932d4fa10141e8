// Mocha entry point that VS Code's extension host loads as `extensionTestsPath`: runs every compiled *.test.js next to it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

/** Prefix of the machine-readable result line test/e2e/run.mjs reads from the extension host's log. */
export const RESULT_PREFIX = 'E2E_RESULT ';

/**
 * Called by VS Code once the extension host is up. Resolves when every test passed; rejects
 * otherwise (VS Code turns that into a non-zero `codeAutomationExit`).
 */
export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, reporter: 'spec', timeout: 60_000 });
  // E2E_GREP (passed through the payload's extensionEnvironment) runs a subset: `node test/e2e/run.mjs --grep hover`.
  const grep = process.env.E2E_GREP;
  if (grep) mocha.grep(grep);
  const files = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.test.js'))
    // activation.test.js first: it checks activation by a file opening, before any suite calls activate().
    .sort((a, b) => Number(b === 'activation.test.js') - Number(a === 'activation.test.js') || a.localeCompare(b));
  for (const f of files) mocha.addFile(path.join(__dirname, f));
  const { passed, failed } = await new Promise<{ passed: number; failed: number }>((resolve, reject) => {
    try {
      const runner = mocha.run(() => resolve({ passed: runner.stats?.passes ?? 0, failed: runner.stats?.failures ?? 0 }));
    } catch (e) {
      reject(e instanceof Error ? e : new Error(String(e)));
    }
  });
  console.log(`${RESULT_PREFIX}${JSON.stringify({ passed, failed })}`);
  if (failed > 0) throw new Error(`${failed} extension integration test(s) failed.`);
}
