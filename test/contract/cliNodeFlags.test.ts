// The CLI's options stay out of Node's namespace: Node 20+ takes `--env-file` even after the script
// name (exit 9 before the CLI starts), so the dotenv option is `--dotenv`, and no option shadows a Node flag.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import type { Command } from 'commander';
import { buildProgram } from '../../server/src/cli/program';
import { ensureBuilt } from '../ensureBuilt';

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');

before(() => {
  ensureBuilt();
});

function longOptions(c: Command): string[] {
  return [...c.options.map((o) => o.long).filter((l): l is string => !!l), ...c.commands.flatMap(longOptions)];
}

describe('CLI options and Node flags', () => {
  it('no CLI option is one of Node’s own flags', () => {
    const node = new Set([...process.allowedNodeEnvironmentFlags].map((f) => f.split('=')[0]));
    const clash = longOptions(buildProgram()).filter((o) => node.has(o) || o.startsWith('--env-file'));
    assert.deepEqual(clash, []);
  });

  it('--dotenv reaches the handler (and the CLI runs at all)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-dotenv-'));
    fs.writeFileSync(path.join(dir, 'custom.env'), 'FROM_DOTENV=yes-it-arrived\n');
    fs.writeFileSync(path.join(dir, 'h.js'), "exports.handler = async (e) => { console.log('env:' + process.env.FROM_DOTENV); return e; };\n");
    const r = spawnSync(process.execPath, [CLI, 'invoke', 'h.js', '--source', 'PreSignUp_SignUp', '--dotenv', 'custom.env'], { cwd: dir, encoding: 'utf8', timeout: 30000 });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /env:yes-it-arrived/);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a handler’s megabytes of output reach the terminal whole before the CLI exits', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-loud-'));
    fs.writeFileSync(path.join(dir, 'h.js'), "exports.handler = async (e) => { const l = 'z'.repeat(1023) + '\\n'; for (let i = 0; i < 3 * 1024; i++) process.stdout.write(l); console.log('LAST LINE'); return e; };\n");
    const r = spawnSync(process.execPath, [CLI, 'invoke', 'h.js', '--source', 'PreSignUp_SignUp'], { cwd: dir, encoding: 'utf8', timeout: 30000, maxBuffer: 64 * 1024 * 1024 });
    assert.equal(r.status, 0);
    assert.ok(r.stderr.includes('LAST LINE'), `stderr had ${r.stderr.length} chars`);
    assert.ok(r.stderr.length >= 3 * 1024 * 1024);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
