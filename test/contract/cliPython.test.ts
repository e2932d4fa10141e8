// `cognito-triggers invoke` of Python handlers as users run it: the built dist/cli.js with dist/runner.py,
// from another working directory, with the machine's python3.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { ensureBuilt } from '../ensureBuilt';

const ROOT = path.resolve(__dirname, '..', '..');
const FIX = path.join(ROOT, 'test', 'fixtures', 'invoke', 'python');
const EVENT = path.join(ROOT, 'test', 'fixtures', 'invoke', 'event.presignup.json');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const CWD = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-cli-py-'));

function cli(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: CWD, encoding: 'utf8', timeout: 30000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

before(() => {
  ensureBuilt();
});

describe('cognito-triggers invoke app.py', () => {
  it('--handler lambda_handler --event: the returned event and the summary, exit 0; output on stderr', () => {
    const r = cli('invoke', path.join(FIX, 'handlers.py'), '--handler', 'lambda_handler', '--event', EVENT);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^PreSignUp \(PreSignUp_SignUp\) ← .*handlers\.py#lambda_handler/);
    assert.match(r.stdout, /"autoConfirmUser": true/);
    assert.match(r.stdout, /✔ User auto-confirmed; email marked verified/);
    assert.match(r.stderr, /python handler for ana@example\.com/);
  });
  it('lambda_handler is the default for .py; --source generates the event', () => {
    const r = cli('invoke', path.join(FIX, 'handlers.py'), '--source', 'PreSignUp_SignUp', '--json');
    assert.equal(r.code, 0, r.stderr);
    const result = JSON.parse(r.stdout) as { target: string; outcome: { kind: string } };
    assert.equal(result.outcome.kind, 'returned');
    assert.match(result.target, /#lambda_handler$/);
  });
  it('an event for another trigger than the Python handler serves is noted (from the Python handler analysis)', () => {
    const dir = fs.mkdtempSync(path.join(CWD, 'mismatch-'));
    fs.writeFileSync(path.join(dir, 'pre.py'), 'def lambda_handler(event, context):\n    if event["triggerSource"] == "PreSignUp_SignUp":\n        event["response"]["autoConfirmUser"] = True\n    return event\n');
    const r = cli('invoke', path.join(dir, 'pre.py'), '--source', 'CustomMessage_SignUp');
    assert.match(r.stdout, /^! pre\.py#lambda_handler is a Pre sign-up handler \(.*\), but the event is for Custom message \(CustomMessage_SignUp\): Cognito never sends it this event\.$/m);
  });
  it('a raised exception fails the trigger (exit 1) with Cognito’s error text', () => {
    const r = cli('invoke', path.join(FIX, 'handlers.py'), '--handler', 'raises', '--source', 'PreSignUp_SignUp');
    assert.equal(r.code, 1);
    assert.match(r.stdout, /ValueError: Sign-ups are closed/);
    assert.match(r.stdout, /Cognito error: PreSignUp failed with error Sign-ups are closed\./);
  });
  it('syntax and import errors fail the trigger (exit 1) and give the file and line', () => {
    const s = cli('invoke', path.join(FIX, 'syntax_error.py'), '--source', 'PreSignUp_SignUp');
    assert.equal(s.code, 1);
    assert.match(s.stdout, /syntax_error\.py:[23](:\d+)?: Syntax error in module 'syntax_error'/);
    const i = cli('invoke', path.join(FIX, 'import_error.py'), '--source', 'PreSignUp_SignUp');
    assert.equal(i.code, 1);
    assert.match(i.stdout, /import_error\.py:3: Unable to import module 'import_error': No module named 'not_a_module_of_this_machine'/);
  });
  it('usage errors (exit 2): a missing function, an interpreter that is not there', () => {
    const missing = cli('invoke', path.join(FIX, 'handlers.py'), '--handler', 'nope', '--source', 'PreSignUp_SignUp');
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /Handler 'nope' missing on module 'handlers'/);
    const noPython = cli('invoke', path.join(FIX, 'handlers.py'), '--python', '/no/such/python3', '--source', 'PreSignUp_SignUp');
    assert.equal(noPython.code, 2);
    assert.match(noPython.stderr, /The Python interpreter "\/no\/such\/python3" .* does not exist/);
  });
});

describe('the runtime the infrastructure code declares', () => {
  it('a serverless.yml runtime other than the local Python is a warning in the summary; the same one is not', () => {
    const local = spawnSync('python3', ['-c', 'import sys; print("%d.%d" % sys.version_info[:2])'], { encoding: 'utf8' }).stdout.trim();
    const [major, minor] = local.split('.');
    const project = (runtime: string): string => {
      const dir = fs.mkdtempSync(path.join(CWD, 'sls-'));
      fs.writeFileSync(path.join(dir, 'serverless.yml'), `service: s\nprovider:\n  name: aws\n  runtime: ${runtime}\nfunctions:\n  preSignUp:\n    handler: app.lambda_handler\n    events:\n      - cognitoUserPool: { pool: P, trigger: PreSignUp }\n`);
      fs.copyFileSync(path.join(FIX, 'handlers.py'), path.join(dir, 'app.py'));
      fs.copyFileSync(path.join(FIX, 'helper.py'), path.join(dir, 'helper.py'));
      return path.join(dir, 'app.py');
    };
    const other = `python${major}.${Number(minor) + 1}`;
    const r = cli('invoke', project(other), '--source', 'PreSignUp_SignUp');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`! The function is deployed on ${other.replace('.', '\\.')} but ran here on Python ${major}\\.${minor}\\.\\d+`));
    const same = cli('invoke', project(`python${local}`), '--source', 'PreSignUp_SignUp');
    assert.equal(same.code, 0, same.stderr);
    assert.doesNotMatch(same.stdout, /deployed on/);
  });
});

describe('cognito-triggers new --language py', () => {
  it('writes the handler, the events and a test that passes; keeps existing files unless --force', () => {
    const dir = fs.mkdtempSync(path.join(CWD, 'new-'));
    const r = cli('new', 'CustomMessage', '--language', 'py', '--source', 'CustomMessage_SignUp', 'CustomMessage_ForgotPassword', '--dir', dir);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.stdout.trim().split('\n'), [
      'wrote     src/custom_message.py',
      'wrote     events/CustomMessage/CustomMessage_SignUp.json',
      'wrote     events/CustomMessage/CustomMessage_ForgotPassword.json',
      'wrote     tests/test_custom_message.py',
    ]);
    const test = spawnSync('python3', ['-B', '-m', 'unittest', 'discover', '-s', 'tests'], { cwd: dir, encoding: 'utf8' });
    assert.equal(test.status, 0, test.stderr);
    assert.match(test.stderr, /Ran 1 test/);
    fs.writeFileSync(path.join(dir, 'src', 'custom_message.py'), '# mine\n');
    const again = cli('new', 'CustomMessage', '--language', 'py', '--dir', dir);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /^kept +src\/custom_message\.py$/m);
    assert.equal(fs.readFileSync(path.join(dir, 'src', 'custom_message.py'), 'utf8'), '# mine\n');
    const invoked = cli('invoke', path.join(dir, 'src', 'custom_message.py'), '--handler', 'lambda_handler', '--event', path.join(dir, 'events', 'CustomMessage', 'CustomMessage_SignUp.json'));
    // The kept file (the user's) has no handler any more: a usage error.
    assert.equal(invoked.code, 2);
    assert.match(invoked.stderr, /Handler 'lambda_handler' missing on module 'custom_message'/);
  });
  it('usage errors (exit 2): an unknown trigger, a trigger without a Powertools data class', () => {
    const unknown = cli('new', 'PreSignup', '--language', 'py');
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown trigger "PreSignup"; did you mean PreSignUp\?/);
    const noClass = cli('new', 'SyncTrigger', '--language', 'py-powertools', '--dir', CWD);
    assert.equal(noClass.code, 2);
    assert.match(noClass.stderr, /has no data class for Cognito Sync trigger: use the plain Python template/);
  });
});
