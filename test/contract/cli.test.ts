// The CLI as users run it: spawns the built dist/cli.js (from another working directory) and checks
// output and exit codes of `invoke` and `check`, usage errors of every subcommand, and `lsp`.
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import { buildProgram } from '../../server/src/cli/program';
import { ensureBuilt } from '../ensureBuilt';

const ROOT = path.resolve(__dirname, '..', '..');
const FIX = path.join(ROOT, 'test', 'fixtures', 'invoke');
const CLI = path.join(ROOT, 'dist', 'cli.js');
// Another project directory: the CLI must not depend on the repository being the cwd.
const CWD = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-cli-'));

function cli(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  return cliEnv({}, ...args);
}

function cliEnv(env: Record<string, string>, ...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: CWD, encoding: 'utf8', timeout: 30000, env: { ...process.env, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

before(() => {
  ensureBuilt();
});

describe('cognito-triggers invoke', () => {
  it('prints the returned event and the summary; exit 0 when the trigger succeeds', () => {
    const r = cli('invoke', path.join(FIX, 'async.js'), '--event', path.join(FIX, 'event.presignup.json'));
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /"autoConfirmUser": true/);
    assert.match(r.stdout, /✔ User auto-confirmed; email marked verified/);
    // Handler output goes to stderr, keeping stdout for the result.
    assert.match(r.stderr, /async handler for ana@example.com/);
  });
  it('exit 1 with Cognito’s error text when the handler throws', () => {
    const r = cli('invoke', path.join(FIX, 'async.js'), '--handler', 'throws', '--source', 'PreSignUp_SignUp');
    assert.equal(r.code, 1);
    assert.match(r.stdout, /Cognito error: PreSignUp failed with error Sign-ups are closed\./);
  });
  it('--json prints an InvokeResult; --timeout stops a hanging handler (exit 1)', () => {
    const r = cli('invoke', path.join(FIX, 'loop.js'), '--source', 'PreSignUp_SignUp', '--timeout', '300', '--json');
    assert.equal(r.code, 1);
    const result = JSON.parse(r.stdout) as { outcome: { kind: string; limitMs: number }; summary: { headline: string; source: { kind: string; url: string }; lines: { source: { kind: string } }[] } };
    assert.deepEqual(result.outcome, { kind: 'timeout', limitMs: 300 });
    // "If it does not, Amazon Cognito retries the call. After three unsuccessful attempts, the function times out."
    assert.match(result.summary.headline, /tries three times in all/);
    // Every summary sentence carries its source in the JSON result.
    assert.equal(result.summary.source.url, 'https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-working-with-lambda-triggers.html#important-lambda-considerations');
    assert.ok(result.summary.lines.every((l) => typeof l.source.kind === 'string'));
  });
  it('--source with --version picks the pre token generation event version', () => {
    const r = cli('invoke', path.join(FIX, 'esm.mjs'), '--source', 'TokenGeneration_HostedAuth', '--version', '2', '--json');
    assert.equal(r.code, 0, r.stderr);
    assert.equal((JSON.parse(r.stdout) as { triggerId: string }).triggerId, 'PreTokenGenerationV2');
  });
  it('TypeScript: the stack trace points at the .ts line', () => {
    const r = cli('invoke', path.join(FIX, 'ts', 'handler.ts'), '--handler', 'fails', '--source', 'PreSignUp_SignUp');
    assert.equal(r.code, 1);
    assert.match(r.stdout, /ts\/handler\.ts:10:\d+/);
  });
  it('exit 2 for usage errors, with a clear message', () => {
    const none = cli('invoke', path.join(FIX, 'async.js'));
    assert.equal(none.code, 2);
    assert.match(none.stderr, /give the event: --event FILE or --source TRIGGER_SOURCE/);
    const bad = cli('invoke', path.join(FIX, 'async.js'), '--event', path.join(FIX, 'invalid.json'));
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /invalid\.json:4:1: The event is not valid JSON/);
    const missing = cli('invoke', 'nope.js', '--source', 'PreSignUp_SignUp');
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /No such handler file/);
    const noExport = cli('invoke', path.join(FIX, 'async.js'), '--handler', 'nope', '--source', 'PreSignUp_SignUp');
    assert.equal(noExport.code, 2);
    assert.match(noExport.stderr, /no export named "nope"/);
    assert.equal(cli('invoke', path.join(FIX, 'async.js'), '--source', 'NoSuchSource').code, 2);
    assert.equal(cli('invoke', path.join(FIX, 'async.js'), '--bogus').code, 2);
  });
  it('--remote delegates to the deployed-function invoke (here: an unreachable endpoint, exit 1)', () => {
    const r = cliEnv({ AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'not-a-secret' }, 'invoke', path.join(FIX, 'async.js'), '--remote', 'my-fn', '--source', 'PreSignUp_SignUp', '--region', 'us-east-1', '--endpoint-url', 'http://127.0.0.1:9');
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /Invoke my-fn failed: could not reach the endpoint/);
  });
  it('a syntax error in the handler is a failing trigger (exit 1) with its location', () => {
    const r = cli('invoke', path.join(FIX, 'syntax.js'), '--source', 'PreSignUp_SignUp');
    assert.equal(r.code, 1);
    assert.match(r.stdout, /syntax\.js:3(:\d+)?: Syntax error/);
  });
});

describe('cognito-triggers check', () => {
  const bad = path.join(FIX, 'check', 'bad-response.json');
  it('prints path:line:col severity code message; exit 1 on an error', () => {
    const r = cli('check', bad);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /bad-response\.json:9:36 error wrong-type response\.autoConfirmUser must be a boolean/);
  });
  it('--runtime decides the callback rules when the project states no runtime; a bad value is a usage error', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-cli-rt-'));
    const file = path.join(dir, 'preSignUp.js');
    fs.writeFileSync(file, 'exports.handler = (event, context, callback) => {\n  callback(null, event);\n};\n');
    const unknown = cli('check', file);
    assert.equal(unknown.code, 0, unknown.stdout);
    assert.match(unknown.stdout, /warning handler\/callback-style .*Node\.js 22 and older run it; the Node\.js 24 Lambda runtime no longer supports it/);
    const node24 = cli('check', '--runtime', 'nodejs24.x', file);
    assert.equal(node24.code, 1, node24.stdout);
    assert.match(node24.stdout, /error handler\/callback-style .*the nodejs24\.x runtime \(cognitoTriggers\.runtime\) no longer supports callback-based handlers/);
    const wrong = cli('check', '--runtime', 'node24', file);
    assert.equal(wrong.code, 2);
    assert.match(wrong.stderr, /--runtime must be a Lambda Node\.js runtime such as nodejs22\.x/);
  });
  it('handler files get the handler analysis (a typo in a response field)', () => {
    const r = cli('check', path.join(FIX, 'check', 'preSignUp.js'));
    assert.equal(r.code, 1);
    assert.match(r.stdout, /preSignUp\.js:3:\d+ error \S+ .*autoConfirmUsr.*autoConfirmUser/);
  });
  it('Python handlers get the same analysis, in the same output shape as JavaScript', () => {
    const r = cli('check', path.join(FIX, 'check', 'pre_sign_up.py'));
    assert.equal(r.code, 1);
    assert.match(r.stdout, /pre_sign_up\.py:3:\d+ error handler\/unknown-field .*autoConfirmUsr.*autoConfirmUser/);
    const js = (JSON.parse(cli('check', path.join(FIX, 'check', 'preSignUp.js'), '--json').stdout) as { findings: Record<string, unknown>[] }).findings;
    const py = (JSON.parse(cli('check', path.join(FIX, 'check', 'pre_sign_up.py'), '--json').stdout) as { findings: Record<string, unknown>[] }).findings;
    assert.deepEqual(py.map((f) => Object.keys(f)), js.map((f) => Object.keys(f)));
    assert.deepEqual(py.map((f) => [f.code, f.severity, f.message]), js.map((f) => [f.code, f.severity, f.message]));
    // A folder contributes its .py files.
    assert.match(cli('check', path.join(FIX, 'check')).stdout, /pre_sign_up\.py:3/);
  });
  it('--json and exit 0 for a clean file', () => {
    const r = cli('check', path.join(FIX, 'events', 'PreSignUp_SignUp.json'), '--json');
    assert.equal(r.code, 0, r.stdout);
    assert.deepEqual(JSON.parse(r.stdout), { findings: [], handlers: [] });
    const j = cli('check', bad, '--json');
    const { findings } = JSON.parse(j.stdout) as { findings: { code: string; line: number; severity: string }[] };
    assert.deepEqual(findings.map((f) => [f.code, f.line, f.severity]), [['wrong-type', 9, 'error']]);
  });
  it('an event file that is not strict JSON is an error (Cognito sends strict JSON)', () => {
    const r = cli('check', path.join(FIX, 'invalid.json'));
    assert.equal(r.code, 1);
    assert.match(r.stdout, /invalid\.json:4:1 error json-syntax Not valid JSON: PropertyNameExpected/);
    assert.equal(r.stdout.match(/json-syntax/g)?.length, 1, 'one trailing comma, one error');
  });
  it('--max-warnings: warnings fail only past the limit', () => {
    const ev = path.join(FIX, 'check', 'warnings-only.json');
    const lenient = cli('check', ev);
    assert.match(lenient.stdout, / warning /);
    assert.equal(lenient.code, 0);
    assert.equal(cli('check', ev, '--max-warnings', '0').code, 1);
  });
  it('exit 2 for a missing file', () => {
    const r = cli('check', 'nope.json');
    assert.equal(r.code, 2);
    assert.match(r.stderr, /no such file or folder: nope\.json/);
  });
});

describe('usage errors exit 2 in every subcommand and at the top level', () => {
  // The subcommands and their required arguments, from the program itself: a new subcommand is covered too.
  const program = buildProgram();
  const commands = program.commands.filter((c) => c.name() !== 'help');
  it('covers every subcommand', () => {
    assert.ok(commands.length >= 8, commands.map((c) => c.name()).join(' '));
  });
  for (const c of commands) {
    it(`${c.name()}: an unknown option is exit 2 with a message`, () => {
      const r = cli(c.name(), '--no-such-option-x');
      assert.equal(r.code, 2, `${c.name()}: ${r.stderr}`);
      assert.match(r.stderr, /no-such-option-x/);
    });
    const required = c.registeredArguments.filter((a) => a.required);
    if (required.length) {
      it(`${c.name()}: a missing argument is exit 2`, () => {
        const r = cli(c.name());
        assert.equal(r.code, 2, r.stderr);
        assert.match(r.stderr, /missing required argument/);
      });
    }
  }
  it('no subcommand, an unknown subcommand, excess arguments: exit 2; --help and --version: exit 0', () => {
    assert.equal(cli().code, 2);
    assert.equal(cli('nope').code, 2);
    assert.equal(cli('triggers', 'extra').code, 2);
    assert.equal(cli('event', '--version').code, 2, '--version of event needs a value');
    assert.equal(cli('--help').code, 0);
    assert.equal(cli('check', '--help').code, 0);
    const v = cli('--version');
    assert.equal(v.code, 0);
    assert.equal(v.stdout.trim(), (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version);
  });
});

describe('cognito-triggers lsp and cognito-triggers-language-server', () => {
  const version = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  const server = (...args: string[]): { code: number | null; stdout: string; stderr: string } => {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'server.js'), ...args], { cwd: CWD, encoding: 'utf8', timeout: 30000 });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  it('--version and --help print and exit 0, with no stack trace', () => {
    for (const r of [cli('lsp', '--version'), server('--version')]) {
      assert.equal(r.code, 0);
      assert.equal(r.stdout.trim(), version);
    }
    for (const r of [cli('lsp', '--help'), server('--help')]) {
      assert.equal(r.code, 0);
      assert.match(r.stdout, /--stdio/);
      assert.doesNotMatch(`${r.stdout}${r.stderr}`, /\n\s+at /);
    }
  });
  it('an unknown option is exit 2 with a message', () => {
    for (const r of [cli('lsp', '--bogus'), server('--bogus')]) {
      assert.equal(r.code, 2);
      assert.match(r.stderr, /Unknown option '--bogus'/);
    }
  });
  it('answers initialize over stdio with its version, with and without --stdio', async () => {
    for (const args of [[CLI, 'lsp', '--stdio'], [CLI, 'lsp'], [path.join(ROOT, 'dist', 'server.js')]]) {
      const child = spawn(process.execPath, args, { cwd: CWD, stdio: ['pipe', 'pipe', 'inherit'] });
      const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
      connection.listen();
      const init = (await connection.sendRequest('initialize', { processId: null, rootUri: null, capabilities: {} })) as { serverInfo: { version: string } };
      assert.equal(init.serverInfo.version, version, args.join(' '));
      const exited = new Promise((resolve) => child.once('exit', resolve));
      await connection.sendRequest('shutdown');
      await connection.sendNotification('exit');
      assert.equal(await exited, 0);
      connection.dispose();
    }
  });
});
