// The CLI against the auditor's findings (M5, M6, M9–M11, minor 10–14): built dist/cli.js, spawned from
// another directory, exit codes and the text users read.
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { ensureBuilt } from '../ensureBuilt';

const ROOT = path.resolve(__dirname, '..', '..');
const FIX = path.join(ROOT, 'test', 'fixtures', 'invoke');
const AUDIT = path.join(FIX, 'audit');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const CWD = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-cli-audit-'));

function cli(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: CWD, encoding: 'utf8', timeout: 90000, env: { ...process.env, AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'not-a-secret' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const a = (f: string): string => path.join(AUDIT, f);

before(() => {
  ensureBuilt();
});

describe('M5: an answer Cognito rejects fails the invoke (✘, exit 1)', () => {
  it('custom message without the code placeholder', () => {
    const r = cli('invoke', a('noPlaceholder.js'), '--source', 'CustomMessage_SignUp');
    assert.equal(r.code, 1, r.stdout);
    // Observed (amazon-cognito-identity-js#99): the call fails with InvalidParameterException, a pattern validation on the message.
    assert.match(r.stdout, /^✘ Sending the message fails: Email and SMS lack the code placeholder \{####\}\. The app receives InvalidParameterException \(observed\)\. \[\d+, observed\]$/m);
    assert.match(r.stdout, /^Sources:\n {2}\[1\] https:\/\//m);
    assert.match(r.stdout, /^Rejected by Cognito:\n {2}✘ response\.smsMessage: .*\[missing-placeholder\]/m);
  });
  it('a 160-character SMS', () => {
    const r = cli('invoke', a('longSms.js'), '--source', 'CustomMessage_SignUp');
    assert.equal(r.code, 1, r.stdout);
    assert.match(r.stdout, /^✘ Sending the message fails: response\.smsMessage has 160 characters; Cognito allows at most 140\./m);
  });
  it('Sync op "delete" and a renamed dataset', () => {
    const r = cli('invoke', a('syncReadOnly.js'), '--event', a('sync-input.json'));
    assert.equal(r.code, 1, r.stdout);
    assert.match(r.stdout, /^✘ The dataset sync fails: the function changed datasetName \("SampleDataset" → "x"\)/m);
    assert.match(r.stdout, /✘ datasetRecords\.SampleKey1\.op: .*"delete".*\[invalid-enum-value\]/);
    assert.match(r.stdout, /^Cognito error: InvalidLambdaFunctionOutputException/m);
  });
  it('autoConfirmUser: "yes"', () => {
    const r = cli('invoke', a('stringFlag.js'), '--source', 'PreSignUp_SignUp');
    assert.equal(r.code, 1, r.stdout);
    assert.match(r.stdout, /^✘ Sign-up fails: response\.autoConfirmUser must be a boolean, not string\./m);
  });
});

describe('M6, M9, M10, M11: summaries', () => {
  it('M6: changing only datasetName fails the update', () => {
    const r = cli('invoke', a('syncDatasetOnly.js'), '--event', a('sync-input.json'));
    assert.equal(r.code, 1, r.stdout);
    assert.match(r.stdout, /^✘ The dataset sync fails: the function changed datasetName \("SampleDataset" → "renamed"\); Cognito lets it change only datasetRecords/m);
  });
  it('M11: refused claims are dropped (warnings) and the invoke succeeds', () => {
    const r = cli('invoke', a('refusedClaims.mjs'), '--source', 'TokenGeneration_Authentication', '--version', '2');
    assert.equal(r.code, 0, r.stdout);
    assert.match(r.stdout, /^✔ Tokens issued unchanged; 8 change\(s\) dropped by Cognito\. \[\d+\]$/m);
    assert.match(r.stdout, /^Ignored by Cognito/m);
    assert.doesNotMatch(r.stdout, /Rejected by Cognito|claimsToAddOrOverride\.sub: .*\n?.*✘/);
    assert.doesNotMatch(r.stdout, /^ {2}✘ /m);
  });
  it('M10: a claim both added and suppressed is suppressed', () => {
    const r = cli('invoke', a('addAndSuppress.mjs'), '--source', 'TokenGeneration_Authentication', '--version', '2');
    assert.equal(r.code, 0, r.stdout);
    assert.match(r.stdout, /ID token claims added or overridden: team: a \[\d+\]$/m);
    assert.match(r.stdout, /tier: suppressed \(also in claimsToAddOrOverride; suppression wins\)/);
  });
  it('M9: client credentials summarise the access token only', () => {
    const r = cli('invoke', a('pretokV2.mjs'), '--source', 'TokenGeneration_ClientCredentials');
    assert.equal(r.code, 0, r.stdout);
    assert.doesNotMatch(r.stdout, /ID token claims|cognito:groups becomes|cognito:roles/);
    assert.match(r.stdout, /idTokenGeneration is ignored for client credentials/);
    assert.match(r.stdout, /groupOverrideDetails is ignored for client credentials/);
  });
});

describe('minor 10–12: headlines, mismatches, locations', () => {
  it('10: the failing headline states the reason first', () => {
    const r = cli('invoke', a('psAlways.js'), '--event', a('ps-noemail.json'));
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^✘ Sign-up fails: autoVerifyEmail is true but the user has no email attribute\. \[\d+\]$/m);
  });
  it('11: an event for another trigger than the handler serves; ignored items under their own heading', () => {
    const r = cli('invoke', a('presignup.js'), '--source', 'CustomMessage_SignUp');
    assert.equal(r.code, 0, r.stdout);
    assert.match(r.stdout, /^! presignup\.js#handler is a Pre sign-up handler .*but the event is for Custom message \(CustomMessage_SignUp\)/m);
    assert.match(r.stdout, /^Ignored by Cognito \(the answer still works, without these\):\n {2}! response\.autoConfirmUser: /m);
  });
  it('12: a thrown error names its .ts location in the text output', () => {
    const r = cli('invoke', path.join(FIX, 'ts', 'handler.ts'), '--handler', 'fails', '--source', 'PreSignUp_SignUp');
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^ {2}✘ Error: no sign-ups for jane\.doe \(at \S*ts\/handler\.ts:10:\d+\)$/m);
  });
});

describe('minor 13–14: CLI plumbing', () => {
  it('13: a closed stdout (EPIPE) ends the CLI quietly', async () => {
    const child = spawn(process.execPath, [CLI, 'triggers'], { cwd: CWD, stdio: ['ignore', 'pipe', 'pipe'] });
    // The reader is gone before the first write: every write fails with EPIPE.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    assert.equal(stderr, '');
    assert.equal(code, 0);
  });
  it('14: -V prints the package version', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    assert.equal(cli('-V').stdout.trim(), pkg.version);
  });
  it('14: a --source typo suggests the value instead of listing all', () => {
    const r = cli('invoke', a('presignup.js'), '--source', 'PreSignup_SignUp');
    assert.equal(r.code, 2);
    assert.match(r.stderr, /unknown triggerSource "PreSignup_SignUp"; did you mean PreSignUp_SignUp\?/);
    assert.doesNotMatch(r.stderr, /CustomSMSSender_SignUp/);
  });
  it('14: --max-warnings says why it fails; --verbose names the analyser; other files are skipped', () => {
    const w = cli('check', path.join(FIX, 'check', 'warnings-only.json'), '--max-warnings', '0', '--verbose');
    assert.equal(w.code, 1);
    assert.match(w.stderr, /2 warning\(s\) > --max-warnings 0/);
    assert.match(w.stderr, /warnings-only\.json: checked by event-json/);
    const txt = path.join(CWD, 'notes.txt');
    fs.writeFileSync(txt, 'hello\n');
    const t = cli('check', txt);
    assert.equal(t.code, 0);
    assert.match(t.stderr, /notes\.txt: skipped \(not a handler or event file\)/);
    assert.match(t.stderr, /^0 file\(s\) checked/m);
  });
  it('14: out of memory gives a one-line reason, not V8’s crash report', () => {
    const r = cli('invoke', path.join(FIX, 'oom.js'), '--source', 'PreSignUp_SignUp', '--timeout', '60000');
    assert.equal(r.code, 1);
    assert.match(r.stdout, /ran out of memory/);
    assert.doesNotMatch(r.stderr, /Last few GCs|Native stack trace|FATAL ERROR/);
  });
  it('14: --remote needs no handler file; without --remote the file is required', () => {
    const remote = cli('invoke', '--remote', 'my-fn', '--source', 'PreSignUp_SignUp', '--region', 'us-east-1', '--endpoint-url', 'http://127.0.0.1:9');
    assert.equal(remote.code, 1, remote.stderr);
    assert.match(remote.stderr, /Invoke my-fn failed/);
    const none = cli('invoke', '--source', 'PreSignUp_SignUp');
    assert.equal(none.code, 2);
    assert.match(none.stderr, /give the handler file to run, or --remote FUNCTION/);
  });
});
