// Compiles the extension-host suites (test/e2e/suite/*.ts) with esbuild into .cache/e2e-out/, one CommonJS file each.
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Bundles into `outDir` (under .cache/e2e-out/, so `require('mocha')` finds the repo's node_modules) index.ts and every *.test.ts (helpers and core modules they import are inlined).
 * `vscode` is provided by the extension host; `mocha` stays external so index.js and the test files
 * share one mocha instance (its `suite`/`test` exports delegate to the running context).
 * @returns {Promise<{ outDir: string, index: string, tests: string[] }>}
 */
export async function compileSuites(repoRoot, outDir) {
  const suiteDir = path.join(repoRoot, 'test', 'e2e', 'suite');
  const tests = fs.readdirSync(suiteDir).filter((f) => f.endsWith('.test.ts')).sort();
  fs.rmSync(outDir, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: ['index.ts', ...tests].map((f) => path.join(suiteDir, f)),
    outdir: outDir,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['vscode', 'mocha'],
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  return { outDir, index: path.join(outDir, 'index.js'), tests: tests.map((f) => f.replace(/\.ts$/, '.js')) };
}
