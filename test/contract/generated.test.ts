// Drift check: regenerates every artifact in memory and compares it with the files on disk.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { GENERATED_DIRS, generateAll, isStale, ownedKeys, updatePackageJson, updateReadme, README_END, README_START } from '../../server/src/core/generate';

const root = path.resolve(__dirname, '..', '..');
const read = (rel: string): string | undefined => {
  const file = path.join(root, rel);
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
};
const HOW = 'run `npm run generate` and commit';

test('generated files match the model', () => {
  const files = generateAll({ readme: read('README.md'), packageJson: read('package.json') ?? '{}' });
  const stale = files.filter((f) => isStale(f, read(f.path))).map((f) => f.path);
  assert.deepEqual(stale, [], `stale generated files: ${stale.join(', ')} — ${HOW}`);
  const wanted = new Set(files.map((f) => f.path));
  const extra: string[] = [];
  for (const dir of GENERATED_DIRS) {
    const abs = path.join(root, dir);
    if (!fs.existsSync(abs)) continue;
    for (const rel of fs.readdirSync(abs, { recursive: true }).map(String)) {
      const p = `${dir}/${rel.split(path.sep).join('/')}`;
      if (p.endsWith('.json') && !wanted.has(p)) extra.push(p);
    }
  }
  assert.deepEqual(extra, [], `files no longer generated: ${extra.join(', ')} — ${HOW}`);
});

test('the package.json rewrite touches only our generated keys', () => {
  const before = { name: 'x', contributes: { commands: [{ command: 'a' }], jsonValidation: [] as unknown[], snippets: [] as unknown[] }, scripts: { b: 'c' } };
  const after = JSON.parse(updatePackageJson(JSON.stringify(before))) as { contributes: { commands: unknown; jsonValidation?: unknown; snippets: { path: string }[]; configuration: { properties: Record<string, unknown> } }; scripts: unknown };
  assert.deepEqual(after.contributes.commands, before.contributes.commands);
  assert.deepEqual(after.scripts, before.scripts);
  assert.deepEqual(Object.keys(after), Object.keys(before), 'key order kept');
  assert.equal(after.contributes.jsonValidation, undefined, 'no jsonValidation: the server validates event files itself');
  assert.equal(after.contributes.snippets[0]?.path, './snippets/triggers.code-snippets');
  assert.ok(after.contributes.configuration.properties['cognitoTriggers.invoke.timeoutMs'], 'settings come from core/settings.ts');
  assert.ok(updatePackageJson(JSON.stringify(before)).endsWith('}\n'));
  assert.notEqual(ownedKeys(JSON.stringify(before)), ownedKeys(updatePackageJson(JSON.stringify(before))), 'drift in our keys is detected');
  assert.equal(ownedKeys(JSON.stringify({ ...after, scripts: { other: 'edit' } })), ownedKeys(JSON.stringify(after)), 'edits to other keys are not drift');
});

test('the README block is replaced only between the markers', () => {
  const created = updateReadme(undefined);
  assert.match(created, /^# Cognito Triggers\n\n<!-- generated:triggers -->\n\| Trigger/);
  const text = `# T\n\nintro\n\n${README_START}\nold\n${README_END}\n\n## After\n`;
  const next = updateReadme(text);
  assert.ok(next.startsWith('# T\n\nintro\n\n<!-- generated:triggers -->\n| Trigger'));
  assert.ok(next.endsWith(`${README_END}\n\n## After\n`));
  assert.ok(!next.includes('\nold\n'));
  assert.equal(updateReadme(next), next, 'idempotent');
  assert.match(updateReadme('# Other\n'), /# Other\n\n<!-- generated:triggers -->/);
});
