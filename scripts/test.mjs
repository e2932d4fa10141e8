// The test command (`npm test`): type-check, lint, build, then every test layer in order.
// `npm test -- unit` (or server, contract, e2e) runs one layer; layers run on plain Node except e2e.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const only = process.argv[2];
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

/** Runs a command in the repo root, streaming its output; exits on failure. */
function run(title, cmd, args, env = {}) {
  console.log(`\n=== ${title} ===`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) {
    console.error(`\n${title} failed (exit ${r.status ?? r.signal}).`);
    process.exit(r.status || 1);
  }
}

/** Test files of a layer, sorted. */
function files(layer) {
  const dir = path.join(root, 'test', layer);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.test.ts'))
    .sort()
    .map((f) => path.join('test', layer, f));
}

const layers = ['unit', 'contract', 'server', 'integration'];
if (!only || only === 'check') {
  run('type-check', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']);
  run('lint', bin('eslint'), ['--max-warnings', '0', '.']);
}
if (!only || layers.includes(only) || only === 'e2e') run('build', process.execPath, ['esbuild.mjs']);
for (const layer of layers) {
  if (only && only !== layer) continue;
  const list = files(layer);
  // The build above is what every test loads: tell test files not to rebuild dist/ under each other (test/ensureBuilt.ts).
  if (list.length) run(`${layer} tests`, bin('tsx'), ['--test', '--test-concurrency=2', ...list], { COGNITO_TRIGGERS_TEST_BUILT: '1' });
}
if (!only || only === 'e2e') run('end-to-end tests in a real VS Code', process.execPath, ['test/e2e/run.mjs']);
