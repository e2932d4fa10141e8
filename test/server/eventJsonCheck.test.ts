// `cognito-triggers check` on event files outside its working directory (audit M7): the built CLI
// must find the same diagnostics wherever it runs, and event-shaped files outside events/ count too.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { before, test } from 'node:test';
import { ensureBuilt } from '../ensureBuilt';

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const FIX = path.join(ROOT, 'test', 'fixtures', 'eventJson');
const UM = path.join(FIX, 'events', 'UserMigration-placeholder.json');

interface Finding {
  file: string;
  severity: string;
  code: string;
  message: string;
}

/** Runs `check --json` from `cwd`; returns the findings. */
function check(cwd: string, ...args: string[]): Finding[] {
  const r = spawnSync(process.execPath, [CLI, 'check', '--json', ...args], { cwd, encoding: 'utf8', timeout: 30000 });
  assert.ok(r.status === 0 || r.status === 1, r.stderr);
  return (JSON.parse(r.stdout) as { findings: Finding[] }).findings;
}

const summary = (fs_: readonly Finding[]): string[] => fs_.map((f) => `${f.code}:${f.severity}`);

before(() => {
  ensureBuilt();
});

test('an events/ file gives the same diagnostics from its folder, a sibling folder and elsewhere', () => {
  const near = check(path.join(FIX, 'events'), UM);
  assert.equal(near.filter((f) => f.severity === 'error').length, 4, JSON.stringify(near));
  const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-check-'));
  for (const cwd of [path.join(FIX, 'loose'), elsewhere, ROOT]) assert.deepEqual(summary(check(cwd, UM)), summary(near), cwd);
});

test('event-shaped files outside events/ get diagnostics; unrelated JSON gets none', () => {
  const found = check(path.join(FIX, 'events'), path.join(FIX, 'loose'));
  const files = new Set(found.map((f) => path.basename(f.file)));
  for (const f of fs.readdirSync(path.join(FIX, 'loose')).filter((n) => n.includes('__x-'))) assert.ok(files.has(f), `${f} printed nothing`);
  assert.ok(!files.has('http-mock.json') && !files.has('frontend-config.json'), [...files].join());
  const unrecognised = found.find((f) => f.file.endsWith('PreTokenGeneration__x-unspecified__awsdocs-v1-empty.json'));
  assert.equal(unrecognised?.code, 'unrecognised-event');
  assert.match(unrecognised?.message ?? '', /names no Cognito trigger.*"triggerSource"/);
});
