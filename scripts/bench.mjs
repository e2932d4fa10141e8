// `npm run bench`: runs every bench/<area>.* module in turn, each in its own process (JavaScript with
// node, TypeScript with tsx), so that each prints its own table. Exits non-zero only when one crashes.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const dir = path.join(root, 'bench');
// Helpers that benchmarks import (e.g. a bare comparison server) are not benchmarks themselves.
const isHelper = (name) => /^bare|^_|\.d\.ts$/.test(name);
const only = process.argv.slice(2);
const modules = fs.existsSync(dir)
  ? fs
      .readdirSync(dir)
      .filter((f) => /\.(mjs|cjs|js|ts)$/.test(f) && !isHelper(f))
      .filter((f) => !only.length || only.some((o) => f.startsWith(o)))
      .sort()
  : [];
if (!modules.length) console.log('No benchmarks found in bench/.');

const crashed = [];
for (const m of modules) {
  console.log(`\n=== bench/${m} ===`);
  const file = path.join(dir, m);
  const [cmd, args] = m.endsWith('.ts') ? [path.join(root, 'node_modules', '.bin', 'tsx'), [file]] : [process.execPath, [file]];
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) crashed.push(`${m} (exit ${r.status ?? r.signal})`);
  console.log(`(bench/${m}: ${((Date.now() - started) / 1000).toFixed(1)} s)`);
}
if (crashed.length) {
  console.error(`\nBenchmarks that crashed: ${crashed.join(', ')}`);
  process.exit(1);
}
