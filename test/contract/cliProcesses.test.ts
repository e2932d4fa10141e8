// `cognito-triggers invoke` as users run it (the built dist/cli.js): what a hostile handler starts ends
// with the command, and --timeout past 2^31-1 ms is clamped rather than firing at once.
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ensureBuilt } from '../ensureBuilt';

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const CWD = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-cli-procs-'));

function cli(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: CWD, encoding: 'utf8', timeout: 90000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

before(() => {
  ensureBuilt();
});
after(() => {
  fs.rmSync(CWD, { recursive: true, force: true });
});

/** A unique `sleep` duration: `ps` finds this test's processes by it and by nothing else. */
function marker(): number {
  return 100000 + Math.floor(Math.random() * 800000);
}

/** Live processes whose command line ends with `sleep N` (zombies excluded). */
function leftovers(n: number): number {
  const out = execFileSync('ps', ['-eo', 'stat=,args='], { encoding: 'utf8' });
  return out.split('\n').filter((l) => !l.trim().startsWith('Z') && l.trim().endsWith(`sleep ${n}`)).length;
}

async function until(cond: () => boolean, what: string, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) assert.fail(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Children that leave the group and session (setsid, detached) and drop the environment (env -i), each with a grandchild. */
function escaper(n: number, then: 'answer' | 'hang'): string {
  const file = path.join(CWD, `escaper-${n}.js`);
  fs.writeFileSync(
    file,
    `const { spawn } = require('node:child_process');
const started = (c) => new Promise((resolve) => c.stdout.once('data', resolve));
exports.handler = async (event) => {
  const script = 'sleep ${n} & echo up; exec sleep ${n}';
  const a = spawn('setsid', ['env', '-i', '/bin/sh', '-c', script], { stdio: ['ignore', 'pipe', 'ignore'] });
  const b = spawn('env', ['-i', '/bin/sh', '-c', script], { detached: true, stdio: ['ignore', 'pipe', 'ignore'] });
  b.unref();
  await Promise.all([started(a), started(b)]);
  ${then === 'hang' ? 'await new Promise(() => setInterval(() => {}, 1000));' : ''}
  return event;
};
`,
  );
  return file;
}

describe('invoke: a hostile handler leaves nothing behind', () => {
  it('after a normal answer', async () => {
    const n = marker();
    const r = cli('invoke', escaper(n, 'answer'), '--source', 'PreSignUp_SignUp');
    assert.equal(r.code, 0, r.stdout + r.stderr);
    await until(() => leftovers(n) === 0, `no "sleep ${n}" left after the command (found ${leftovers(n)})`);
  });
  it('after a timeout', async () => {
    const n = marker();
    const r = cli('invoke', escaper(n, 'hang'), '--source', 'PreSignUp_SignUp', '--timeout', '1500');
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /1500 ms/, r.stdout);
    await until(() => leftovers(n) === 0, `no "sleep ${n}" left after the timeout (found ${leftovers(n)})`);
  });
});

describe('invoke --timeout past 2^31-1 ms', () => {
  it('is clamped: a handler that answers in 50 ms answers normally', () => {
    const file = path.join(CWD, 'answers50.js');
    fs.writeFileSync(file, 'exports.handler = async (e) => { await new Promise((r) => setTimeout(r, 50)); return e; };\n');
    const r = cli('invoke', file, '--source', 'PreSignUp_SignUp', '--timeout', '99999999999999', '--json');
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(JSON.parse(r.stdout).outcome.kind, 'returned', r.stdout);
  });
  it('a small --timeout still ends a sleeping handler', () => {
    const file = path.join(CWD, 'sleeps.js');
    fs.writeFileSync(file, 'exports.handler = async () => new Promise(() => setInterval(() => {}, 1000));\n');
    const r = cli('invoke', file, '--source', 'PreSignUp_SignUp', '--timeout', '200', '--json');
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.deepEqual(JSON.parse(r.stdout).outcome, { kind: 'timeout', limitMs: 200 });
  });
});
