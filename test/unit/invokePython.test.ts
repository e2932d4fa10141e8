// Local invoke of Python handlers against the real runner (dist/runner.py) and the machine's python3.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { invokeLocal } from '../../server/src/core/invoke';
import { LocalInvoker, type LocalRunRequest } from '../../server/src/core/invoke/local';
import { findOnPath, pythonVersion, resolvePythonInterpreter, runtimeMismatch } from '../../server/src/core/invoke/python/interpreter';
import { defaultSettings } from '../../server/src/core/settings';
import { testInvoker } from '../runnerBundle';

const FIX = path.resolve(__dirname, '../fixtures/invoke/python');
const EVENT = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../fixtures/invoke/event.presignup.json'), 'utf8')) as Record<string, unknown>;
const { tmp, runner, invoker } = testInvoker('ct-pyinvoke-');

function req(file: string, handlerName: string, over: Partial<LocalRunRequest> = {}): LocalRunRequest {
  return { file, handlerName, event: structuredClone(EVENT), folder: FIX, timeoutMs: 5000, memoryLimitMb: 256, warm: false, envFile: '', env: {}, ...over };
}

function returned(v: { outcome: { kind: string } }): Record<string, unknown> {
  assert.equal(v.outcome.kind, 'returned', JSON.stringify(v.outcome));
  return (v.outcome as unknown as { value: Record<string, unknown> }).value;
}

function failure(v: { outcome: { kind: string } }): { message: string; location?: { file: string; line?: number; column?: number } } {
  assert.equal(v.outcome.kind, 'failedToStart', JSON.stringify(v.outcome));
  return v.outcome as unknown as { message: string; location?: { file: string; line?: number } };
}

function errorOf(v: { outcome: { kind: string } }): { errorType: string; errorMessage: string; stack?: string[] } {
  assert.equal(v.outcome.kind, 'error', JSON.stringify(v.outcome));
  return v.outcome as unknown as { errorType: string; errorMessage: string; stack?: string[] };
}

describe('python handlers', () => {
  it('returns the event; print and logging lines stream live, logging in Lambda’s format with the request id', async () => {
    const chunks: string[] = [];
    const r = await invoker.run(req('handlers.py', 'lambda_handler', { onOutput: (t) => chunks.push(t) }));
    assert.deepEqual(returned(r).response, { autoConfirmUser: true, autoVerifyEmail: true, autoVerifyPhone: false });
    assert.match(chunks.join(''), /python handler for ana@example\.com/);
    assert.match(r.logs, /^\[INFO\]\t\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z\t[0-9a-f-]{36}\tlogged through logging$/m);
  });

  it('a realistic context: Lambda’s attributes, identity without ids, no client context, a countdown', async () => {
    const v = returned(await invoker.run(req('handlers.py', 'context_info', { memoryLimitMb: 256 })));
    assert.match(String(v.aws_request_id), /^[0-9a-f-]{36}$/);
    assert.equal(v.function_name, 'local-handlers');
    assert.equal(v.function_version, '$LATEST');
    assert.equal(v.invoked_function_arn, 'arn:aws:lambda:eu-west-1:123456789012:function:local-handlers');
    assert.equal(v.memory_limit_in_mb, '256');
    assert.equal(v.log_group_name, '/aws/lambda/local-handlers');
    assert.match(String(v.log_stream_name), /^\d{4}\/\d\d\/\d\d\/\[\$LATEST\][0-9a-f]{32}$/);
    assert.deepEqual(v.identity, [null, null]);
    assert.equal(v.client_context, null);
    assert.ok(typeof v.remaining === 'number' && v.remaining > 0 && v.remaining <= 5000, String(v.remaining));
  });

  it('environment: the .env file, the setting over it, Lambda’s variables with the Python runtime', async () => {
    fs.writeFileSync(path.join(tmp, 'py.env'), 'FROM_DOTENV=file\nFROM_SETTING=file\n');
    const v = returned(await invoker.run(req('handlers.py', 'env_info', { envFile: path.join(tmp, 'py.env'), env: { FROM_SETTING: 'setting' } })));
    const version = await pythonVersion(findOnPath('python3') ?? 'python3');
    assert.deepEqual(v, {
      FROM_DOTENV: 'file',
      FROM_SETTING: 'setting',
      AWS_EXECUTION_ENV: `AWS_Lambda_python${version?.split('.').slice(0, 2).join('.')}`,
      _HANDLER: 'handlers.env_info',
      AWS_LAMBDA_FUNCTION_NAME: 'local-handlers',
      // The event's region, as Cognito sends it.
      AWS_REGION: process.env.AWS_REGION ?? 'eu-west-1',
    });
    const declared = returned(await invoker.run(req('handlers.py', 'env_info', { runtime: 'python3.12' })));
    assert.equal(declared.AWS_EXECUTION_ENV, 'AWS_Lambda_python3.12');
  });

  it('a raised exception is an error with Lambda’s fields and the handler’s frame', async () => {
    const e = errorOf(await invoker.run(req('handlers.py', 'raises')));
    assert.equal(e.errorType, 'ValueError');
    assert.equal(e.errorMessage, 'Sign-ups are closed');
    assert.match(e.stack?.[0] ?? '', /handlers\.py", line \d+, in raises/);
    assert.ok(!(e.stack ?? []).some((l) => l.includes('runner.py')), 'runner frames are cut');
  });

  it('Decimal answers are numbers, as Lambda marshals them; an unserialisable answer is Runtime.MarshalError', async () => {
    assert.deepEqual(returned(await invoker.run(req('handlers.py', 'decimals'))), { count: 3, ratio: 0.5 });
    const e = errorOf(await invoker.run(req('handlers.py', 'unserialisable')));
    assert.equal(e.errorType, 'Runtime.MarshalError');
    assert.match(e.errorMessage, /Unable to marshal response: Object of type object is not JSON serializable/);
  });

  it('async def: not awaited by Lambda, so the invocation fails, and the message says what to do', async () => {
    const e = errorOf(await invoker.run(req('handlers.py', 'async_handler')));
    assert.equal(e.errorType, 'Runtime.MarshalError');
    assert.match(e.errorMessage, /'async_handler' is an async def: Lambda's Python runtime does not await handlers/);
    assert.match(e.errorMessage, /asyncio\.run/);
  });

  it('sys.exit fails the invocation with Runtime.ExitError', async () => {
    const e = errorOf(await invoker.run(req('handlers.py', 'exits')));
    assert.equal(e.errorType, 'Runtime.ExitError');
    assert.match(e.errorMessage, /sys\.exit\(3\)/);
  });

  it('the time limit kills the process (a handler that sleeps past 5 s)', async () => {
    const pidFile = path.join(tmp, 'sleeper.pid');
    const lines: string[] = [];
    const r = await invoker.run(req('handlers.py', 'sleeps', { env: { PID_FILE: pidFile }, onOutput: (t) => lines.push(t) }));
    assert.deepEqual(r.outcome, { kind: 'timeout', limitMs: 5000 });
    assert.ok(r.durationMs >= 5000, String(r.durationMs));
    assert.match(lines.join(''), /going to sleep/);
    const pid = Number(fs.readFileSync(pidFile, 'utf8'));
    assert.throws(() => process.kill(pid, 0), /ESRCH/, 'the handler process is gone');
  });
});

describe('python load failures say where', () => {
  it('syntax error: file and line', async () => {
    const f = failure(await invoker.run(req('syntax_error.py', 'lambda_handler')));
    assert.match(f.message, /^Syntax error in module 'syntax_error' \(syntax_error\.py, line \d\): .+\[Runtime\.UserCodeSyntaxError\]$/);
    assert.equal(f.location?.file, path.join(FIX, 'syntax_error.py'));
    assert.ok(f.location?.line === 2 || f.location?.line === 3, String(f.location?.line));
  });

  it('import error: the failing import’s file and line, and what to install where', async () => {
    const f = failure(await invoker.run(req('import_error.py', 'lambda_handler')));
    assert.match(f.message, /Unable to import module 'import_error': No module named 'not_a_module_of_this_machine' at import_error\.py:3 \[Runtime\.ImportModuleError\]/);
    assert.match(f.message, /Install not_a_module_of_this_machine for this interpreter \(.+\)/);
    assert.deepEqual(f.location, { file: path.join(FIX, 'import_error.py'), line: 3 });
  });

  it('an import error inside a local module points into that module', async () => {
    const f = failure(await invoker.run(req('nested_import.py', 'lambda_handler')));
    assert.match(f.message, /cannot import name 'not_a_name_in_os'/);
    assert.deepEqual(f.location, { file: path.join(FIX, 'pkg', 'broken.py'), line: 2 });
  });

  it('module-level code that raises: the error and its line', async () => {
    const f = failure(await invoker.run(req('init_error.py', 'lambda_handler')));
    assert.match(f.message, /Error while importing module 'init_error' \(init_error\.py\): KeyError: 'TABLE_THAT_IS_NOT_SET' at init_error\.py:3/);
    assert.deepEqual(f.location, { file: path.join(FIX, 'init_error.py'), line: 3 });
  });

  it('missing function: Lambda’s error and the module’s functions', async () => {
    const f = failure(await invoker.run(req('handlers.py', 'handler')));
    assert.match(f.message, /^Handler 'handler' missing on module 'handlers' \[Runtime\.HandlerNotFound\]\. Its functions: .*context_info.*lambda_handler/);
    const n = failure(await invoker.run(req('handlers.py', 'not_a_function')));
    assert.match(n.message, /'not_a_function' in module 'handlers' is int, not a function/);
  });

  it('missing interpreter: a setting that names nothing, and no python3 at all, say what to set', async () => {
    const f = failure(await invoker.run(req('handlers.py', 'lambda_handler', { pythonInterpreter: 'no/such/python' })));
    assert.match(f.message, /The Python interpreter "no\/such\/python" \(setting cognitoTriggers\.python\.interpreter\) does not exist/);
    const savedPath = process.env.PATH;
    process.env.PATH = tmp;
    try {
      const none = resolvePythonInterpreter(path.join(FIX, 'handlers.py'), FIX, '');
      assert.ok('error' in none);
      assert.match(none.error, /No Python interpreter found: python3 is not on PATH.*set cognitoTriggers\.python\.interpreter/);
    } finally {
      process.env.PATH = savedPath;
    }
  });
});

describe('python interpreter choice', () => {
  it('the workspace’s .venv wins over python3 on PATH; the setting wins over both', async () => {
    const ws = fs.mkdtempSync(path.join(tmp, 'ws-'));
    fs.mkdirSync(path.join(ws, '.venv', 'bin'), { recursive: true });
    // A stand-in for a virtual environment's interpreter: a link to the real one (python3 -m venv may be missing).
    const real = findOnPath('python3') as string;
    fs.symlinkSync(real, path.join(ws, '.venv', 'bin', 'python'));
    fs.mkdirSync(path.join(ws, 'src'));
    fs.copyFileSync(path.join(FIX, 'handlers.py'), path.join(ws, 'src', 'app.py'));
    fs.copyFileSync(path.join(FIX, 'helper.py'), path.join(ws, 'src', 'helper.py'));
    assert.deepEqual(resolvePythonInterpreter(path.join(ws, 'src', 'app.py'), ws, ''), { path: path.join(ws, '.venv', 'bin', 'python'), source: 'venv' });
    assert.deepEqual(resolvePythonInterpreter(path.join(ws, 'src', 'app.py'), ws, real), { path: real, source: 'setting' });
    assert.deepEqual(resolvePythonInterpreter(path.join(ws, 'src', 'app.py'), ws, '.venv/bin/python'), { path: path.join(ws, '.venv', 'bin', 'python'), source: 'setting' });
    const r = await invoker.run(req('src/app.py', 'lambda_handler', { folder: ws }));
    assert.equal((returned(r).response as Record<string, unknown>).autoConfirmUser, true);
  });

  it('a declared runtime other than the local Python is a warning in the summary; the same one is not', async () => {
    const version = (await pythonVersion(findOnPath('python3') as string)) as string;
    const [major, minor] = version.split('.');
    const other = `python${major}.${Number(minor) + 1}`;
    assert.match(runtimeMismatch(other, version, '/usr/bin/python3') ?? '', new RegExp(`deployed on ${other.replace('.', '\\.')} but ran here on Python ${version.replace(/\./g, '\\.')}`));
    assert.equal(runtimeMismatch(`python${major}.${minor}`, version, '/usr/bin/python3'), undefined);
    assert.equal(runtimeMismatch('nodejs20.x', version, '/usr/bin/python3'), undefined);
    const settings = { ...defaultSettings().invoke, warm: false };
    const mismatched = await invokeLocal(invoker, { file: path.join(FIX, 'handlers.py'), handlerName: 'lambda_handler', event: structuredClone(EVENT), folder: FIX, settings, runtime: other });
    assert.ok(mismatched.summary.lines.some((l) => l.severity === 'warning' && l.text.includes(`deployed on ${other}`)), JSON.stringify(mismatched.summary));
    const matched = await invokeLocal(invoker, { file: path.join(FIX, 'handlers.py'), handlerName: 'lambda_handler', event: structuredClone(EVENT), folder: FIX, settings, runtime: `python${major}.${minor}` });
    assert.ok(!matched.summary.lines.some((l) => l.text.includes('deployed on')), JSON.stringify(matched.summary));
  });
});

describe('python warm mode', () => {
  it('reuses the worker (module state survives) and reloads when the handler or a local module changes', async () => {
    const ws = fs.mkdtempSync(path.join(tmp, 'warm-'));
    fs.copyFileSync(path.join(FIX, 'handlers.py'), path.join(ws, 'app.py'));
    fs.copyFileSync(path.join(FIX, 'helper.py'), path.join(ws, 'helper.py'));
    const warm = new LocalInvoker(runner);
    try {
      const run = () => warm.run(req('app.py', 'counter', { folder: ws, warm: true }));
      const a = await run();
      const b = await run();
      assert.deepEqual([returned(a).calls, returned(b).calls, b.reused], [1, 2, true]);
      // An edit of the imported module: a new mtime, new text.
      fs.writeFileSync(path.join(ws, 'helper.py'), 'def greeting():\n    return "edited"\n');
      fs.utimesSync(path.join(ws, 'helper.py'), new Date(), new Date(Date.now() + 2000));
      const c = await run();
      assert.deepEqual([returned(c).calls, returned(c).greeting, c.reused], [1, 'edited', false]);
      fs.appendFileSync(path.join(ws, 'app.py'), '\n\ndef added(event, context):\n    return "added"\n');
      fs.utimesSync(path.join(ws, 'app.py'), new Date(), new Date(Date.now() + 4000));
      const d = await warm.run(req('app.py', 'added', { folder: ws, warm: true }));
      assert.deepEqual([returned(d), d.reused], ['added', false]);
      assert.equal(warm.warmCount, 1);
    } finally {
      warm.dispose();
    }
  });
});

describe('invokeLocal with a Python handler', () => {
  it('the same InvokeResult as JavaScript: trigger, source, Cognito summary', async () => {
    const settings = { ...defaultSettings().invoke, warm: false };
    const r = await invokeLocal(invoker, { file: path.join(FIX, 'handlers.py'), handlerName: 'lambda_handler', event: structuredClone(EVENT), folder: FIX, settings });
    assert.equal(r.triggerId, 'PreSignUp');
    assert.equal(r.triggerSource, 'PreSignUp_SignUp');
    assert.equal(r.target, `${path.join(FIX, 'handlers.py')}#lambda_handler`);
    assert.equal(r.summary.succeeds, true);
    assert.match(r.summary.headline, /auto-confirmed/);
    const failed = await invokeLocal(invoker, { file: path.join(FIX, 'handlers.py'), handlerName: 'raises', event: structuredClone(EVENT), folder: FIX, settings });
    assert.equal(failed.summary.succeeds, false);
    assert.match(failed.summary.cognitoError ?? '', /Sign-ups are closed/);
  });
});
