// Local invoke core: every handler style and every way a handler can fail, against the real runner.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { invokeLocal, readEventFile } from '../../server/src/core/invoke';
import { LocalInvoker, type LocalRunRequest } from '../../server/src/core/invoke/local';
import { defaultSettings } from '../../server/src/core/settings';
import { testInvoker } from '../runnerBundle';

const FIX = path.resolve(__dirname, '../fixtures/invoke');
const EVENT = JSON.parse(fs.readFileSync(path.join(FIX, 'event.presignup.json'), 'utf8')) as Record<string, unknown>;
const { tmp, runner, invoker } = testInvoker('ct-invoke-');

function req(file: string, handlerName = 'handler', over: Partial<LocalRunRequest> = {}): LocalRunRequest {
  return { file, handlerName, event: structuredClone(EVENT), folder: FIX, timeoutMs: 5000, memoryLimitMb: 256, warm: false, envFile: '', env: {}, ...over };
}

function returned(v: { outcome: { kind: string } }): Record<string, unknown> {
  assert.equal(v.outcome.kind, 'returned', JSON.stringify(v.outcome));
  return (v.outcome as unknown as { value: Record<string, unknown> }).value;
}

describe('handler styles', () => {
  it('async: returns the event, console output captured', async () => {
    const lines: string[] = [];
    const r = await invoker.run(req('async.js', 'handler', { onOutput: (t) => lines.push(t) }));
    assert.deepEqual(returned(r).response, { autoConfirmUser: true, autoVerifyEmail: true, autoVerifyPhone: false });
    assert.equal(r.style, 'async');
    assert.match(r.logs, /async handler for ana@example.com/);
    assert.match(lines.join(''), /async handler for/);
  });
  it('async: a thrown error is an error outcome with Lambda fields', async () => {
    const r = await invoker.run(req('async.js', 'throws'));
    assert.equal(r.outcome.kind, 'error');
    if (r.outcome.kind !== 'error') return;
    assert.equal(r.outcome.errorType, 'Error');
    assert.equal(r.outcome.errorMessage, 'Sign-ups are closed');
    assert.match(r.outcome.stack?.[0] ?? '', /async\.js:9/);
  });
  it('callback: answer and errors (Error and string)', async () => {
    assert.equal((returned(await invoker.run(req('callback.js'))).response as Record<string, unknown>).autoConfirmUser, true);
    const e = await invoker.run(req('callback.js', 'fails'));
    assert.deepEqual([e.outcome.kind, e.style], ['error', 'callback']);
    const s = await invoker.run(req('callback.js', 'failsWithString'));
    assert.ok(s.outcome.kind === 'error' && s.outcome.errorType === 'string' && s.outcome.errorMessage === 'plain string error');
  });
  it('context.succeed / fail / done', async () => {
    const ok = await invoker.run(req('context.js', 'succeed'));
    assert.deepEqual(returned(ok).response, { autoConfirmUser: true });
    assert.equal(ok.style, 'context');
    const f = await invoker.run(req('context.js', 'fail'));
    assert.ok(f.outcome.kind === 'error' && f.outcome.errorMessage === 'context fail');
    assert.deepEqual(returned(await invoker.run(req('context.js', 'done'))), { done: true });
  });
  it('a plain return value is ignored as Lambda does (answer null) and flagged', async () => {
    const r = await invoker.run(req('context.js', 'syncReturn'));
    assert.equal(returned(r), null);
    assert.equal(r.ignoredReturn, true);
  });
  it('ESM: package type module with a local import, and .mjs', async () => {
    assert.equal((returned(await invoker.run(req('esm-pkg/handler.js'))).response as Record<string, unknown>).autoConfirmUser, true);
    assert.equal(returned(await invoker.run(req('esm.mjs'))).esm, true);
  });
  it('TypeScript: compiled with its local import; the stack points at the .ts line', async () => {
    assert.equal((returned(await invoker.run(req('ts/handler.ts'))).response as Record<string, unknown>).autoConfirmUser, true);
    const r = await invoker.run(req('ts/handler.ts', 'fails'));
    assert.equal(r.outcome.kind, 'error');
    if (r.outcome.kind !== 'error') return;
    assert.match(r.outcome.stack?.[0] ?? '', /ts\/handler\.ts:10:\d+/, r.outcome.stack?.join('\n'));
  });
  it('context fields and environment (.env file and setting)', async () => {
    fs.writeFileSync(path.join(tmp, '.env'), 'GREETING=hello from dotenv\nFROM_SETTING=file\n');
    const r = await invoker.run(req(path.join(FIX, 'async.js'), 'contextInfo', { folder: tmp, envFile: '.env', env: { FROM_SETTING: 'setting' }, timeoutMs: 3000 }));
    const v = returned(r);
    assert.equal(v.functionName, 'local-async');
    assert.match(String(v.awsRequestId), /^[0-9a-f-]{36}$/);
    assert.equal(v.arn, 'arn:aws:lambda:eu-west-1:123456789012:function:local-async');
    assert.equal(v.memory, '256');
    assert.equal(v.logGroupName, '/aws/lambda/local-async');
    assert.ok(typeof v.remaining === 'number' && v.remaining > 2000 && v.remaining <= 3000, String(v.remaining));
    assert.deepEqual([v.env, v.fromSetting], ['hello from dotenv', 'setting']);
  });
});

describe('failures never harm the host', () => {
  it('process.exit → crashed with the exit code and output kept', async () => {
    const r = await invoker.run(req('exit.js'));
    assert.equal(r.outcome.kind, 'crashed');
    assert.ok(r.outcome.kind === 'crashed' && r.outcome.exitCode === 3 && /process\.exit/.test(r.outcome.reason));
    assert.match(r.logs, /about to exit/);
  });
  it('infinite loop → timeout at the limit, process killed', async () => {
    const r = await invoker.run(req('loop.js', 'handler', { timeoutMs: 300 }));
    assert.deepEqual(r.outcome, { kind: 'timeout', limitMs: 300 });
    assert.ok(r.durationMs >= 300 && r.durationMs < 3000, String(r.durationMs));
  });
  it('memory exhaustion → crashed with an out-of-memory reason', async () => {
    const r = await invoker.run(req('oom.js', 'handler', { memoryLimitMb: 48, timeoutMs: 20000 }));
    assert.equal(r.outcome.kind, 'crashed', JSON.stringify(r.outcome));
    assert.ok(r.outcome.kind === 'crashed' && /out of memory \(heap limit 48 MB/.test(r.outcome.reason), JSON.stringify(r.outcome));
  });
  it('uncaught exception in a timer → error outcome', async () => {
    const r = await invoker.run(req('uncaught.js'));
    assert.ok(r.outcome.kind === 'error' && r.outcome.errorType === 'TypeError' && r.outcome.errorMessage === 'thrown from a timer', JSON.stringify(r.outcome));
  });
  it('syntax error (JS) → failedToStart with file and line', async () => {
    const r = await invoker.run(req('syntax.js'));
    assert.equal(r.outcome.kind, 'failedToStart');
    if (r.outcome.kind !== 'failedToStart') return;
    assert.match(r.outcome.message, /Syntax error/);
    assert.deepEqual([r.outcome.location?.file, r.outcome.location?.line], [path.join(FIX, 'syntax.js'), 3]);
  });
  it('syntax error (TS) → failedToStart at the .ts line and column', async () => {
    const r = await invoker.run(req('ts/broken.ts'));
    assert.ok(r.outcome.kind === 'failedToStart');
    if (r.outcome.kind !== 'failedToStart') return;
    assert.deepEqual([r.outcome.location?.file, r.outcome.location?.line], [path.join(FIX, 'ts/broken.ts'), 3]);
  });
  it('missing export, non-function export and missing file', async () => {
    const m = await invoker.run(req('async.js', 'nope'));
    assert.ok(m.outcome.kind === 'failedToStart' && /no export named "nope".*handler, throws, contextInfo/.test(m.outcome.message), JSON.stringify(m.outcome));
    const n = await invoker.run(req('async.js', 'notAFunction'));
    assert.ok(n.outcome.kind === 'failedToStart' && /is a number, not a function/.test(n.outcome.message));
    const f = await invoker.run(req('missing.js'));
    assert.ok(f.outcome.kind === 'failedToStart' && /No such handler file/.test(f.outcome.message));
  });
});

describe('warm mode', () => {
  it('reuses the worker and reloads when the handler or an import changes', async () => {
    const dir = fs.mkdtempSync(path.join(tmp, 'warm-'));
    fs.writeFileSync(path.join(dir, 'lib.js'), "exports.tag = 'one';\n");
    fs.writeFileSync(path.join(dir, 'h.js'), "const lib = require('./lib');\nexports.handler = async () => ({ tag: lib.tag, pid: process.pid });\n");
    const w = new LocalInvoker(runner);
    try {
      const opts = { folder: dir, warm: true };
      const a = await w.run(req('h.js', 'handler', opts));
      const b = await w.run(req('h.js', 'handler', opts));
      assert.equal(b.reused, true);
      assert.equal(returned(b).pid, returned(a).pid);
      // Wait for the import graph to be known (it is learned while the first run starts).
      await w.graphKnown(path.join(dir, 'h.js'));
      const future = new Date(Date.now() + 5000);
      fs.writeFileSync(path.join(dir, 'lib.js'), "exports.tag = 'two';\n");
      fs.utimesSync(path.join(dir, 'lib.js'), future, future);
      const c = await w.run(req('h.js', 'handler', opts));
      assert.equal(c.reused, false);
      assert.equal(returned(c).tag, 'two');
      assert.notEqual(returned(c).pid, returned(a).pid);
      // A timeout kills the warm worker; the next run starts a new one.
      const loop = await w.run(req(path.join(FIX, 'loop.js'), 'handler', { ...opts, timeoutMs: 200 }));
      assert.equal(loop.outcome.kind, 'timeout');
      assert.equal((await w.run(req('h.js', 'handler', opts))).reused, true);
    } finally {
      w.dispose();
    }
  });
});

describe('invokeLocal (model applied to the answer)', () => {
  it('recognises the trigger, summarises and checks the answer', async () => {
    const r = await invokeLocal(invoker, { file: path.join(FIX, 'async.js'), handlerName: 'handler', event: structuredClone(EVENT), folder: FIX, settings: defaultSettings().invoke, warm: false });
    assert.equal(r.triggerId, 'PreSignUp');
    assert.equal(r.triggerSource, 'PreSignUp_SignUp');
    assert.equal(r.summary.headline, 'User auto-confirmed; email marked verified (requires an email attribute: present).');
    assert.deepEqual(r.issues, []);
  });
  it('reports new problems in the answer as issues', async () => {
    const dir = fs.mkdtempSync(path.join(tmp, 'bad-'));
    fs.writeFileSync(path.join(dir, 'h.js'), 'exports.handler = async (e) => ({ ...e, response: { autoConfirmUser: "yes" } });\n');
    const r = await invokeLocal(invoker, { file: path.join(dir, 'h.js'), handlerName: 'handler', event: structuredClone(EVENT), folder: dir, settings: defaultSettings().invoke, warm: false });
    assert.ok(r.issues.some((i) => i.code === 'wrong-type' && i.path.join('.') === 'response.autoConfirmUser'), JSON.stringify(r.issues));
  });
  it('an event file that is not valid JSON: message with line and column', () => {
    const r = readEventFile(path.join(FIX, 'invalid.json'));
    assert.ok('kind' in r && r.kind === 'failedToStart');
    if (!('kind' in r)) return;
    assert.match(r.message, /not valid JSON: .* at line 4, column 1/);
    assert.deepEqual([r.location?.line, r.location?.column], [4, 1]);
    const missing = readEventFile(path.join(FIX, 'nope.json'));
    assert.ok('kind' in missing && /no such file/.test(missing.message));
  });
});
