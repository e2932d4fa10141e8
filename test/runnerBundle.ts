// The local invoke runners built into a folder the way esbuild.mjs puts them into dist/ (runner.js and,
// beside it, runner.py), for tests that drive the real LocalInvoker without building the whole product.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before } from 'node:test';
import { buildSync } from 'esbuild';
import { LocalInvoker } from '../server/src/core/invoke/local';

const ROOT = path.resolve(__dirname, '..');

/** Builds runner.js (and copies runner.py) into `dir`; returns the path of runner.js. */
export function buildRunnerInto(dir: string): string {
  const runner = path.join(dir, 'runner.js');
  buildSync({ entryPoints: [path.join(ROOT, 'server/src/core/invoke/runner/main.ts')], bundle: true, platform: 'node', target: 'node20', format: 'cjs', outfile: runner, logLevel: 'error' });
  fs.copyFileSync(path.join(ROOT, 'server/src/core/invoke/python/runner.py'), path.join(dir, 'runner.py'));
  return runner;
}

/**
 * A LocalInvoker for one test file, on runners built into a fresh temporary folder (`prefix` names it):
 * built before the file's tests, disposed and removed after them. The invoker only holds the runner's
 * path until its first run, so it exists at once.
 */
export function testInvoker(prefix: string): { readonly tmp: string; readonly runner: string; readonly invoker: LocalInvoker } {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const runner = path.join(tmp, 'runner.js');
  const invoker = new LocalInvoker(runner);
  before(() => {
    buildRunnerInto(tmp);
  });
  after(() => {
    invoker.dispose();
    fs.rmSync(tmp, { recursive: true, force: true });
  });
  return { tmp, runner, invoker };
}
