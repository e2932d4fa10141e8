// Local invoke process handling: what a handler starts ends with the run, late errors and output, reaping.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { LocalInvoker, type LocalRunRequest } from '../../server/src/core/invoke/local';
import { OUTPUT_CAP_BYTES } from '../../server/src/core/invoke/process';
import { resolveSettings } from '../../server/src/core/settings';
import { buildRunnerInto } from '../runnerBundle';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-procs-'));
const runner = path.join(tmp, 'runner.js');
const invokers: LocalInvoker[] = [];

before(() => {
  buildRunnerInto(tmp);
});
after(() => {
  for (const i of invokers) i.dispose(true);
  fs.rmSync(tmp, { recursive: true, force: true });
});

function newInvoker(events: ConstructorParameters<typeof LocalInvoker>[1] = {}): LocalInvoker {
  const i = new LocalInvoker(runner, events);
  invokers.push(i);
  return i;
}

/** A unique `sleep` duration: `ps` finds the processes of one test by it and by nothing else. */
function marker(): number {
  return 100000 + Math.floor(Math.random() * 800000);
}

/** Live processes whose command line is exactly `sleep N` (zombies have no command line). */
function leftovers(n: number): number {
  const out = execFileSync('ps', ['-eo', 'stat=,args='], { encoding: 'utf8' });
  return out.split('\n').filter((l) => !l.trim().startsWith('Z') && l.trim().endsWith(`sleep ${n}`)).length;
}

/** Waits (polling, bounded) until `cond` holds; fails with `what` past the deadline. */
async function until(cond: () => boolean, what: string, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) assert.fail(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** A handler that starts `count` children (half detached, half not), then answers or hangs. */
function spawner(n: number, count: number, then: 'answer' | 'hang'): string {
  const file = path.join(tmp, `spawner-${n}.js`);
  fs.writeFileSync(
    file,
    `const { spawn } = require('node:child_process');
exports.handler = async (event) => {
  for (let i = 0; i < ${count}; i++) {
    const detached = i % 2 === 0;
    const c = spawn('sleep', ['${n}'], { detached, stdio: 'ignore' });
    if (detached) c.unref();
  }
  ${then === 'hang' ? 'await new Promise(() => setInterval(() => {}, 1000));' : ''}
  return event;
};
`,
  );
  return file;
}

function req(file: string, over: Partial<LocalRunRequest> = {}): LocalRunRequest {
  return { file, handlerName: 'handler', event: { triggerSource: 'PreSignUp_SignUp' }, folder: tmp, timeoutMs: 5000, memoryLimitMb: 128, warm: false, envFile: '', env: {}, ...over };
}

describe('processes a handler starts end with the invoke', () => {
  it('fresh run, normal answer: 50 of 50 children (detached or not) are gone', async () => {
    const n = marker();
    const r = await newInvoker().run(req(spawner(n, 50, 'answer')));
    assert.equal(r.outcome.kind, 'returned', JSON.stringify(r.outcome));
    await until(() => leftovers(n) === 0, `no "sleep ${n}" left (found ${leftovers(n)})`);
  });

  it('timeout: the whole tree is killed with the runner', async () => {
    const n = marker();
    const r = await newInvoker().run(req(spawner(n, 10, 'hang'), { timeoutMs: 1500 }));
    assert.equal(r.outcome.kind, 'timeout');
    await until(() => leftovers(n) === 0, `no "sleep ${n}" left after the timeout`);
  });

  it('warm worker: children live while it is warm, end on dispose', async () => {
    const n = marker();
    const inv = newInvoker();
    const file = spawner(n, 6, 'answer');
    const r = await inv.run(req(file, { warm: true }));
    assert.equal(r.outcome.kind, 'returned');
    assert.equal(leftovers(n), 6, 'the warm environment keeps what it started, as a reused Lambda environment does');
    inv.dispose();
    await until(() => leftovers(n) === 0, 'children ended with the disposed warm worker');
  });

  it('warm reload (handler edited): the old worker and its children end', async () => {
    const n = marker();
    const inv = newInvoker();
    const file = spawner(n, 4, 'answer');
    await inv.run(req(file, { warm: true }));
    await inv.graphKnown(file);
    assert.equal(leftovers(n), 4);
    // A different mtime: the edit reloads the worker.
    const t = new Date(Date.now() + 5000);
    fs.utimesSync(file, t, t);
    const m = marker();
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(`'${n}'`, `'${m}'`));
    fs.utimesSync(file, t, t);
    const r = await inv.run(req(file, { warm: true }));
    assert.equal(r.reused, false);
    await until(() => leftovers(n) === 0, 'the old worker’s children ended on reload');
    inv.dispose(true);
    await until(() => leftovers(m) === 0, 'the new worker’s children ended at dispose');
  });
});

/**
 * A hostile handler: two children that leave the runner's process group and session and drop its
 * environment (so its tag), each with a grandchild: `setsid env -i sh` (setsid(1) without a fork: the
 * child leads no group) and `env -i sh` spawned with `detached: true` (setsid(2)). It answers once both
 * shells are up (their `sleep n` grandchild forked), then answers or hangs.
 */
function escaper(n: number, then: 'answer' | 'hang'): string {
  const file = path.join(tmp, `escaper-${n}-${then}.js`);
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

describe('children that leave the group, the session and the environment end with the invoke too', () => {
  it('fresh run, normal answer: the setsid and detached env -i children and their grandchildren are gone', async () => {
    const n = marker();
    const r = await newInvoker().run(req(escaper(n, 'answer')));
    assert.equal(r.outcome.kind, 'returned', JSON.stringify(r.outcome));
    await until(() => leftovers(n) === 0, `no "sleep ${n}" left (found ${leftovers(n)})`);
  });

  it('timeout: the same tree is ended', async () => {
    const n = marker();
    const r = await newInvoker().run(req(escaper(n, 'hang'), { timeoutMs: 1500 }));
    assert.equal(r.outcome.kind, 'timeout');
    await until(() => leftovers(n) === 0, `no "sleep ${n}" left after the timeout (found ${leftovers(n)})`);
  });

  it('warm worker: all four live while it is warm, none after dispose', async () => {
    const n = marker();
    const inv = newInvoker();
    const r = await inv.run(req(escaper(n, 'answer'), { warm: true }));
    assert.equal(r.outcome.kind, 'returned');
    await until(() => leftovers(n) === 4, `four "sleep ${n}" while warm (found ${leftovers(n)})`);
    inv.dispose();
    await until(() => leftovers(n) === 0, `no "sleep ${n}" left after dispose (found ${leftovers(n)})`);
  });
});

describe('late errors and output belong to no run', () => {
  it('a timer that throws after the answer: reported, worker recycled, next run says so', async () => {
    const file = path.join(tmp, 'lateThrow.js');
    fs.writeFileSync(file, `exports.handler = async (e) => { setTimeout(() => { throw new Error('late boom'); }, 30); return e; };\n`);
    let late: { file: string; message: string } | undefined;
    let signal: () => void = () => {};
    const seen = new Promise<void>((r) => (signal = r));
    const inv = newInvoker({
      onLateError: (f, e) => {
        late = { file: f, message: e.errorMessage };
        signal();
      },
    });
    const first = await inv.run(req(file, { warm: true }));
    assert.equal(first.outcome.kind, 'returned');
    assert.equal(first.lateError, undefined);
    await seen;
    assert.deepEqual(late, { file, message: 'late boom' });
    const second = await inv.run(req(file, { warm: true }));
    assert.equal(second.reused, false, 'the worker that threw is not reused');
    assert.equal(second.lateError?.errorMessage, 'late boom');
  });

  it('an interval that keeps printing after the answer goes to no run', async () => {
    const file = path.join(tmp, 'lateOutput.js');
    // The first tick comes 500 ms after the answer: IPC and stdout are separate pipes, so output written
    // right at the answer may arrive either side of it on a loaded machine.
    fs.writeFileSync(file, `exports.handler = async (e) => { let i = 0; setTimeout(() => setInterval(() => console.log('tick ' + i++), 20), 500); return e; };\n`);
    const lateText: string[] = [];
    let signal: () => void = () => {};
    const seen = new Promise<void>((r) => (signal = r));
    const inv = newInvoker({
      onLateOutput: (_f, text) => {
        lateText.push(text);
        if (lateText.join('').includes('tick 2')) signal();
      },
    });
    const runOutput: string[] = [];
    const r = await inv.run(req(file, { warm: true, onOutput: (t) => runOutput.push(t) }));
    assert.equal(r.outcome.kind, 'returned');
    await seen;
    assert.doesNotMatch(runOutput.join(''), /tick 2/, 'output after the answer is not streamed into the finished run');
    assert.doesNotMatch(r.logs, /tick 2/);
    inv.dispose(true);
  });
});

describe('warm workers are reaped', () => {
  it('idle timeout ends the worker', async () => {
    const file = path.join(tmp, 'idle.js');
    fs.writeFileSync(file, 'exports.handler = async (e) => e;\n');
    const inv = newInvoker();
    await inv.run(req(file, { warm: true, warmIdleMs: 100 }));
    await until(() => inv.warmCount === 0, 'the idle worker was ended');
  });

  it('at most maxWarmWorkers live; the least recently used goes', async () => {
    const inv = newInvoker();
    for (const name of ['a', 'b', 'c']) {
      const file = path.join(tmp, `cap-${name}.js`);
      fs.writeFileSync(file, 'exports.handler = async (e) => e;\n');
      await inv.run(req(file, { warm: true, maxWarmWorkers: 2 }));
    }
    assert.equal(inv.warmCount, 2);
  });
});

describe('limits', () => {
  it('timeouts past 2^31-1 ms are clamped to the schema maximum and do not fire at once', async () => {
    assert.equal(resolveSettings({ invoke: { timeoutMs: 2 ** 32 } }).invoke.timeoutMs, 900000);
    const file = path.join(tmp, 'slowish.js');
    fs.writeFileSync(file, 'exports.handler = async (e) => { await new Promise((r) => setTimeout(r, 50)); return e; };\n');
    const r = await newInvoker().run(req(file, { timeoutMs: 2 ** 32 }));
    assert.equal(r.outcome.kind, 'returned', JSON.stringify(r.outcome));
  });

  it('a fresh run keeps all of its output up to the cap, then says it was truncated', async () => {
    const file = path.join(tmp, 'loud.js');
    const mb = OUTPUT_CAP_BYTES / 1024 / 1024;
    fs.writeFileSync(file, `exports.handler = async (e) => { const line = 'x'.repeat(1023) + '\\n'; for (let i = 0; i < ${mb + 2} * 1024; i++) process.stdout.write(line); return e; };\n`);
    const r = await newInvoker().run(req(file));
    assert.equal(r.outcome.kind, 'returned');
    assert.ok(r.logs.endsWith(`[output truncated after ${mb} MB]\n`), `${r.logs.length} chars, ends ${JSON.stringify(r.logs.slice(-60))}`);
    assert.ok(r.logs.length >= OUTPUT_CAP_BYTES - 1024 && r.logs.length < OUTPUT_CAP_BYTES + 1024, String(r.logs.length));
    const quieter = path.join(tmp, 'quieter.js');
    fs.writeFileSync(quieter, `exports.handler = async (e) => { const line = 'y'.repeat(1023) + '\\n'; for (let i = 0; i < 4 * 1024; i++) process.stdout.write(line); return e; };\n`);
    const q = await newInvoker().run(req(quieter));
    assert.equal(q.logs.length, 4 * 1024 * 1024, 'nothing written before the answer is lost');
  });
});

describe('no output written before the answer is lost (the end-of-output marker)', () => {
  const MiB = 1024 * 1024;
  /** A handler that writes `mb` MiB to stdout and `errKb` KiB to stderr, then answers. */
  function loudJs(name: string, mb: number, errKb = 0): string {
    const file = path.join(tmp, `${name}.js`);
    fs.writeFileSync(
      file,
      `exports.handler = async (e) => { const line = 'o'.repeat(1023) + '\\n'; for (let i = 0; i < ${mb} * 1024; i++) process.stdout.write(line);
  const err = 'e'.repeat(1023) + '\\n'; for (let i = 0; i < ${errKb}; i++) process.stderr.write(err); return { done: true }; };\n`,
    );
    return file;
  }
  function loudPy(name: string, mb: number, errKb = 0): string {
    const file = path.join(tmp, `${name}.py`);
    fs.writeFileSync(
      file,
      `import sys\ndef handler(event, context):\n    line = 'o' * 1023 + '\\n'\n    for _ in range(${mb} * 1024):\n        sys.stdout.write(line)\n    err = 'e' * 1023 + '\\n'\n    for _ in range(${errKb}):\n        sys.stderr.write(err)\n    return {"done": True}\n`,
    );
    return file;
  }
  /** A reader slowed down as a busy editor is: every chunk of output blocks the host's event loop for `ms`. */
  function slowReader(ms: number, seen: { bytes: number }): LocalRunRequest['onOutput'] {
    const cell = new Int32Array(new SharedArrayBuffer(4));
    return (text) => {
      seen.bytes += text.length;
      Atomics.wait(cell, 0, 0, ms);
    };
  }

  it('warm JS worker: 4 MiB of stdout and 256 KiB of stderr arrive whole, run after run', async () => {
    const inv = newInvoker();
    const file = loudJs('loudWarm', 4, 256);
    for (const round of [1, 2]) {
      const seen = { bytes: 0 };
      const r = await inv.run(req(file, { warm: true, onOutput: (t) => (seen.bytes += t.length) }));
      assert.deepEqual(r.outcome, { kind: 'returned', value: { done: true } });
      assert.equal(r.reused, round === 2);
      assert.equal(r.logs.length, 4 * MiB + 256 * 1024, `round ${round}: every byte written before the answer is the run's`);
      assert.equal(seen.bytes, 4 * MiB + 256 * 1024, `round ${round}: and was streamed to the run's listener`);
      assert.doesNotMatch(r.logs, /cognito-triggers:end/, 'the marker itself is not output');
    }
  });

  it('fresh JS run with a slow reader: 6 MiB arrive whole (the process is not killed while its output drains)', async () => {
    const seen = { bytes: 0 };
    const r = await newInvoker().run(req(loudJs('loudFresh', 6), { onOutput: slowReader(10, seen) }));
    assert.equal(r.outcome.kind, 'returned');
    assert.equal(r.logs.length, 6 * MiB);
    assert.equal(seen.bytes, 6 * MiB);
  });

  it('warm JS worker with a slow reader: output written after the answer still goes to no run', async () => {
    const file = path.join(tmp, 'loudThenLate.js');
    fs.writeFileSync(file, `exports.handler = async (e) => { const line = 'o'.repeat(1023) + '\\n'; for (let i = 0; i < 2048; i++) process.stdout.write(line); setTimeout(() => console.log('after the answer'), 0); return e; };\n`);
    const late: string[] = [];
    let signal: () => void = () => {};
    const lateSeen = new Promise<void>((r) => (signal = r));
    const inv = newInvoker({
      onLateOutput: (_f, text) => {
        late.push(text);
        if (late.join('').includes('after the answer')) signal();
      },
    });
    const seen = { bytes: 0 };
    const r = await inv.run(req(file, { warm: true, onOutput: slowReader(5, seen) }));
    assert.equal(r.logs.length, 2 * MiB, 'the 2 MiB before the answer, and nothing after it');
    await lateSeen;
    assert.equal(late.join(''), 'after the answer\n');
    inv.dispose(true);
  });

  for (const warm of [true, false]) {
    it(`${warm ? 'warm' : 'fresh'} Python run with a slow reader: 4 MiB of stdout and 256 KiB of stderr arrive whole`, async () => {
      const inv = newInvoker();
      const file = loudPy(`loud_${warm ? 'warm' : 'fresh'}`, 4, 256);
      for (const round of warm ? [1, 2] : [1]) {
        const seen = { bytes: 0 };
        const r = await inv.run(req(file, { warm, onOutput: slowReader(5, seen) }));
        assert.deepEqual(r.outcome, { kind: 'returned', value: { done: true } }, r.logs.slice(-500));
        assert.equal(r.logs.length, 4 * MiB + 256 * 1024, `round ${round}`);
        assert.equal(seen.bytes, 4 * MiB + 256 * 1024, `round ${round}`);
      }
    });
  }
});
