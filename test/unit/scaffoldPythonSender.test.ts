// The scaffolded Python custom senders decrypt request.code with the AWS Encryption SDK for Python. Always
// tested: the documented API calls, the paths without a code, the generated test skipping with the install
// command. With aws_encryption_sdk importable by python3 (installed, or its source on PYTHONPATH): the
// generated tests and a local invoke decrypt for real through the local KMS.
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DUMMY_CREDENTIALS, startLocalKms, type LocalKms } from '../../server/src/core/flows/kms';
import { DEFAULT_LOCAL_KEY_ARN, invokeWithSenderCrypto } from '../../server/src/core/flows/kms/invoke';
import { invokeLocal, LocalInvoker } from '../../server/src/core/invoke';
import { TRIGGERS } from '../../server/src/core/model';
import { planScaffold, writeScaffold } from '../../server/src/core/scaffold';
import { pythonHandlerTemplate } from '../../server/src/core/scaffold/python/templates';
import { defaultSettings } from '../../server/src/core/settings';
import { buildRunnerInto } from '../runnerBundle';

const SENDERS = [
  { id: 'CustomEmailSender', module: 'custom_email_sender', attribute: 'email' },
  { id: 'CustomSMSSender', module: 'custom_sms_sender', attribute: 'phone_number' },
] as const;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-pysender-'));
const plain = path.join(tmp, 'plain');

/** The environment without the SDK's source path or KMS settings this test may have been given. */
function bareEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const k of ['PYTHONPATH', 'KEY_ARN', 'AWS_ENDPOINT_URL_KMS', 'AWS_PROFILE', 'AWS_SESSION_TOKEN']) delete env[k];
  return env;
}
function python(args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): { code: number | null; out: string } {
  const r = spawnSync('python3', ['-B', ...args], { cwd, encoding: 'utf8', timeout: 60_000, env });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}
const sdkImportable = python(['-c', 'import aws_encryption_sdk'], tmp).code === 0;
const sdkInstalled = python(['-c', 'import aws_encryption_sdk'], tmp, bareEnv()).code === 0;
const hasPytest = python(['-c', 'import pytest'], tmp).code === 0;
const NO_SDK = 'aws_encryption_sdk is not importable by python3 (PyPI is unreachable here): install aws-encryption-sdk or put its source on PYTHONPATH to run the decrypt path';

const eventsOf = (id: string) => fs.readdirSync(path.join(plain, 'events', id)).map((f) => ({ file: f, event: JSON.parse(fs.readFileSync(path.join(plain, 'events', id, f), 'utf8')) as { request: { code: string | null; userAttributes: Record<string, unknown> } } }));

before(() => {
  for (const s of SENDERS) {
    const t = TRIGGERS.find((x) => x.id === s.id);
    writeScaffold(planScaffold({ folder: plain, triggerId: s.id, sources: (t?.sources ?? []).map((x) => x.value), language: 'py' }));
  }
});
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('Python custom sender scaffolds decrypt request.code', () => {
  it('call the Encryption SDK as documented: strict KMS key provider on KEY_ARN, REQUIRE_ENCRYPT_ALLOW_DECRYPT, decrypt of the base64-decoded code', () => {
    for (const powertools of [false, true]) {
      for (const s of SENDERS) {
        const text = pythonHandlerTemplate(s.id, powertools);
        assert.match(text, /client = aws_encryption_sdk\.EncryptionSDKClient\(commitment_policy=CommitmentPolicy\.REQUIRE_ENCRYPT_ALLOW_DECRYPT\)/);
        assert.match(text, /aws_encryption_sdk\.StrictAwsKmsMasterKeyProvider\(key_ids=\[key_arn\]\)/);
        assert.match(text, /client\.decrypt\(source=base64\.b64decode\(ciphertext\), key_provider=key_provider\)/);
        assert.match(text, /^# Source: https:\/\/docs\.aws\.amazon\.com\/encryption-sdk\/latest\/developer-guide\/python\.html$/m);
        // The decrypted code reaches deliver(); no commented-out step is left.
        assert.match(text, powertools ? /code = decrypt_code\(event\.request\.code\) if event\.request\.code else None/ : /code = decrypt_code\(event\["request"\]\["code"\]\) if event\["request"\]\.get\("code"\) else None/);
        assert.doesNotMatch(text, /#\s*code = decrypt/);
      }
    }
  });

  it('the paths without a code run without the SDK: no recipient, an account take-over notice, a missing KEY_ARN', () => {
    const script = [
      'import json, sys',
      `sys.path.insert(0, ${JSON.stringify(path.join(plain, 'src'))})`,
      'import custom_email_sender as h',
      `takeover = json.load(open(${JSON.stringify(path.join(plain, 'events', 'CustomEmailSender', 'CustomEmailSender_AccountTakeOverNotification.json'))}))`,
      `sign_up = json.load(open(${JSON.stringify(path.join(plain, 'events', 'CustomEmailSender', 'CustomEmailSender_SignUp.json'))}))`,
      'print("takeover:", h.lambda_handler(takeover, None))',
      'no_to = json.loads(json.dumps(sign_up)); no_to["request"]["userAttributes"].pop("email")',
      'print("no recipient:", h.lambda_handler(no_to, None))',
      'no_code = json.loads(json.dumps(sign_up)); no_code["request"]["code"] = None',
      'print("no code:", h.lambda_handler(no_code, None))',
      'try:',
      '    h.lambda_handler(sign_up, None)',
      'except RuntimeError as e:',
      '    print("without KEY_ARN:", e)',
      'print("sdk imported:", "aws_encryption_sdk" in sys.modules)',
    ].join('\n');
    const r = python(['-c', script], tmp, bareEnv());
    assert.equal(r.code, 0, r.out);
    const lines = r.out.trim().split('\n');
    assert.deepEqual(lines, [
      'takeover: None',
      'no recipient: None',
      '{"msg": "email to send", "source": "CustomEmailSender_SignUp", "to": "jane.doe@example.com", "code": null}',
      'no code: None',
      'without KEY_ARN: KEY_ARN is not set: the ARN of the KMS key the user pool encrypts codes with',
      'sdk imported: False',
    ]);
  });

  it('the generated test skips each event with a code, saying what to install, and runs the others', () => {
    const r = python(['-m', 'unittest', 'discover', '-s', 'tests', '-v'], plain, bareEnv());
    assert.equal(r.code, 0, r.out);
    const withCode = SENDERS.reduce((n, s) => n + eventsOf(s.id).filter((e) => e.event.request.code).length, 0);
    const reason = sdkInstalled ? 'set KEY_ARN to a KMS key ARN (and AWS_ENDPOINT_URL_KMS for a local KMS) to run the decrypt path' : 'aws-encryption-sdk is not installed for this interpreter: pip install aws-encryption-sdk';
    assert.equal(r.out.split(`skipped '${reason}'`).length - 1, withCode, r.out);
    assert.match(r.out, new RegExp(`Ran 2 tests[\\s\\S]*\\nOK \\(skipped=${withCode}\\)\\n`));
    // The take-over notice (no code) is not skipped: it ran.
    assert.doesNotMatch(r.out, /AccountTakeOverNotification\.json'\) \.\.\. skipped/);
  });

  it('pytest reports the same skips with the reason', { skip: hasPytest ? false : 'pytest is not installed for python3 (.ci/run installs python3-pytest)' }, () => {
    const r = python(['-m', 'pytest', '-q', '-rs', '-p', 'no:cacheprovider', 'tests'], plain, bareEnv());
    assert.equal(r.code, 0, r.out);
    assert.match(r.out, /2 passed, \d+ skipped/);
    assert.match(r.out, sdkInstalled ? /set KEY_ARN/ : /aws-encryption-sdk is not installed for this interpreter: pip install aws-encryption-sdk/);
  });
});

describe('Python custom senders with the real Encryption SDK, through the local KMS', { skip: sdkImportable ? false : NO_SDK }, () => {
  let kms: LocalKms;
  let invoker: LocalInvoker;
  before(async () => {
    kms = await startLocalKms([DEFAULT_LOCAL_KEY_ARN]);
    buildRunnerInto(tmp);
    invoker = new LocalInvoker(path.join(tmp, 'runner.js'));
  });
  after(async () => {
    invoker?.dispose();
    await kms?.stop();
  });

  it('the generated tests encrypt each code through KMS and the handlers decrypt it (nothing skipped)', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, KEY_ARN: DEFAULT_LOCAL_KEY_ARN, AWS_ENDPOINT_URL_KMS: kms.endpoint, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: DUMMY_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: DUMMY_CREDENTIALS.secretAccessKey };
    delete env.AWS_SESSION_TOKEN;
    delete env.AWS_PROFILE;
    const before = kms.calls.length;
    // Asynchronous: the local KMS answers from this process while python3 runs.
    const r = await new Promise<{ status: number | null; out: string }>((resolve) => {
      const child = spawn('python3', ['-B', '-m', 'unittest', 'discover', '-s', 'tests', '-v'], { cwd: plain, env });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (out += d.toString()));
      child.on('close', (status) => resolve({ status, out }));
    });
    assert.equal(r.status, 0, r.out);
    assert.match(r.out, /Ran 2 tests[\s\S]*\nOK\n/);
    assert.doesNotMatch(r.out, /skipped/);
    const delivered = SENDERS.reduce((n, s) => n + eventsOf(s.id).filter((e) => e.event.request.code && e.event.request.userAttributes[s.attribute]).length, 0);
    const calls = kms.calls.slice(before);
    assert.ok(calls.filter((c) => c.endsWith('.GenerateDataKey')).length >= delivered, calls.join(', '));
    assert.ok(calls.filter((c) => c.endsWith('.Decrypt')).length >= delivered, calls.join(', '));
  });

  it('a local invoke: the code Cognito-style encrypted (Node.js Encryption SDK) is decrypted by the Python handler', async () => {
    for (const s of SENDERS) {
      const { event } = eventsOf(s.id).find((e) => e.file.endsWith('_SignUp.json')) ?? { event: undefined };
      const r = await invokeWithSenderCrypto(event, {}, s.id, (e, env) => invokeLocal(invoker, { file: path.join(plain, 'src', `${s.module}.py`), handlerName: 'lambda_handler', event: e, triggerId: s.id, folder: plain, settings: { ...defaultSettings().invoke, envFile: '', env } }));
      assert.equal(r.outcome.kind, 'returned', JSON.stringify(r.outcome));
      assert.ok(r.summary.lines.some((l) => l.severity === 'ok' && /output contains the code \d{6}: it decrypted request\.code/.test(l.text)), `${s.id}: ${r.logs}`);
    }
  });
});
