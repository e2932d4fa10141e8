// No test file rebuilds dist/ itself: under scripts/test.mjs two test files run at once, and a rebuild rewrote
// dist/server.js and dist/cli.js under the other one (truncated bundles: "Unexpected end of input"). They call ensureBuilt().
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { it } from 'node:test';

const root = path.resolve(__dirname, '..', '..');

it('no test file runs esbuild.mjs (they call ensureBuilt)', () => {
  const offenders: string[] = [];
  for (const f of fs.readdirSync(path.join(root, 'test'), { recursive: true }).map(String)) {
    // Test files (the layers scripts/test.mjs runs two at a time); runners such as e2e/run.mjs build before anything starts.
    if (!f.endsWith('.test.ts') || f.startsWith(`e2e${path.sep}fixtures`)) continue;
    const text = fs.readFileSync(path.join(root, 'test', f), 'utf8');
    if (/['"]esbuild\.mjs['"]\s*\]/.test(text)) offenders.push(f);
  }
  assert.deepEqual(offenders, [], 'call ensureBuilt() from test/ensureBuilt.ts instead of running esbuild.mjs');
});
