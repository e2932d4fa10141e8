// The local invoke runners built into a folder the way esbuild.mjs puts them into dist/ (runner.js and,
// beside it, runner.py), for tests that drive the real LocalInvoker without building the whole product.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildSync } from 'esbuild';

const ROOT = path.resolve(__dirname, '..');

/** Builds runner.js (and copies runner.py) into `dir`; returns the path of runner.js. */
export function buildRunnerInto(dir: string): string {
  const runner = path.join(dir, 'runner.js');
  buildSync({ entryPoints: [path.join(ROOT, 'server/src/core/invoke/runner/main.ts')], bundle: true, platform: 'node', target: 'node20', format: 'cjs', outfile: runner, logLevel: 'error' });
  fs.copyFileSync(path.join(ROOT, 'server/src/core/invoke/python/runner.py'), path.join(dir, 'runner.py'));
  return runner;
}
