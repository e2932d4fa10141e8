// Builds dist/ when a test file runs on its own; under scripts/test.mjs, which builds once before the layers, it does nothing:
// a test that rebuilt dist/ rewrote dist/server.js and dist/cli.js while the other test file running beside it was loading them.
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..');

/** Builds dist/ unless the test runner says it already has (COGNITO_TRIGGERS_TEST_BUILT=1). */
export function ensureBuilt(): void {
  if (process.env.COGNITO_TRIGGERS_TEST_BUILT === '1') return;
  execFileSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT });
}
