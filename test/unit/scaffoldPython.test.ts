// The Python scaffold: every trigger's handler, events and test, written and then run with the machine's
// python3 (unittest always; pytest too when this interpreter has it), and invoked through the runner.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { invokeLocal } from '../../server/src/core/invoke';
import { LocalInvoker } from '../../server/src/core/invoke/local';
import { TRIGGERS } from '../../server/src/core/model';
import { planScaffold, writeScaffold } from '../../server/src/core/scaffold';
import { hasPowertoolsVariant, pythonHandlerTemplate, snakeCase } from '../../server/src/core/scaffold/python/templates';
import { defaultSettings } from '../../server/src/core/settings';
import { buildRunnerInto } from '../runnerBundle';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-pyscaffold-'));
const plain = path.join(tmp, 'plain');
const powertools = path.join(tmp, 'powertools');

function python(args: string[], cwd: string): { code: number | null; out: string } {
  const r = spawnSync('python3', ['-B', ...args], { cwd, encoding: 'utf8', timeout: 60000 });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}
const hasPytest = python(['-c', 'import pytest'], tmp).code === 0;

before(() => {
  for (const t of TRIGGERS) {
    const sources = t.sources.map((s) => s.value);
    writeScaffold(planScaffold({ folder: plain, triggerId: t.id, sources, language: 'py' }));
    if (hasPowertoolsVariant(t.id)) writeScaffold(planScaffold({ folder: powertools, triggerId: t.id, sources, language: 'py-powertools' }));
  }
});
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('Python scaffold', () => {
  it('plans src/<module>.py, an event per source and tests/test_<module>.py; names are Python modules', () => {
    const files = planScaffold({ folder: path.join(tmp, 'x'), triggerId: 'CustomSMSSender', sources: ['CustomSMSSender_SignUp'], language: 'py' });
    assert.deepEqual(files.map((f) => [f.rel, f.role]), [
      ['src/custom_sms_sender.py', 'handler'],
      ['events/CustomSMSSender/CustomSMSSender_SignUp.json', 'event'],
      ['tests/test_custom_sms_sender.py', 'test'],
    ]);
    assert.deepEqual(['PreSignUp', 'PreTokenGenerationV2', 'CustomSMSSender', 'VerifyAuthChallengeResponse'].map(snakeCase), ['pre_sign_up', 'pre_token_generation_v2', 'custom_sms_sender', 'verify_auth_challenge_response']);
    assert.throws(() => planScaffold({ folder: tmp, triggerId: 'PreSignUp', sources: [], language: 'py', name: 'pre-sign-up' }), /not a usable Python module name/);
    assert.throws(() => planScaffold({ folder: tmp, triggerId: 'SyncTrigger', sources: [], language: 'py-powertools' }), /Powertools for AWS Lambda \(Python\) has no data class for Cognito Sync trigger/);
  });

  it('the handler is type-hinted, names lambda_handler and cites its sources', () => {
    const text = pythonHandlerTemplate('PreSignUp');
    assert.match(text, /^def lambda_handler\(event: dict\[str, Any\], context: Any\) -> dict\[str, Any\]:$/m);
    assert.match(text, /^# Source: https:\/\/docs\.aws\.amazon\.com\/cognito\/latest\/developerguide\/user-pool-lambda-pre-sign-up\.html#/m);
    const pt = pythonHandlerTemplate('PreSignUp', true);
    assert.match(pt, /^@event_source\(data_class=PreSignUpTriggerEvent\)\ndef lambda_handler\(event: PreSignUpTriggerEvent, context: LambdaContext\) -> dict\[str, Any\]:$/m);
    assert.match(pt, /event\.response\.auto_confirm_user = True/);
    assert.match(pythonHandlerTemplate('CustomEmailSender'), /-> None:$/m);
  });

  it('every generated handler and test compiles', () => {
    const all = [plain, powertools].flatMap((d) => ['src', 'tests'].flatMap((s) => fs.readdirSync(path.join(d, s)).map((f) => path.join(d, s, f))));
    assert.equal(all.length, TRIGGERS.length * 2 + TRIGGERS.filter((t) => hasPowertoolsVariant(t.id)).length * 2);
    const r = python(['-m', 'py_compile', ...all], tmp);
    assert.equal(r.code, 0, r.out);
  });

  // The custom senders' events with a code need the Encryption SDK and a KMS key (KEY_ARN): without them
  // each such event is a skipped subtest (scaffoldPythonSender.test.ts runs them against the local KMS).
  const senderCodeEvents = (): number => ['CustomEmailSender', 'CustomSMSSender'].flatMap((id) => fs.readdirSync(path.join(plain, 'events', id)).filter((f) => (JSON.parse(fs.readFileSync(path.join(plain, 'events', id, f), 'utf8')) as { request: { code?: unknown } }).request.code)).length;

  it('the generated tests pass with python3 -m unittest (standard library only)', () => {
    const r = python(['-m', 'unittest', 'discover', '-s', 'tests'], plain);
    assert.equal(r.code, 0, r.out);
    assert.match(r.out, new RegExp(`Ran ${TRIGGERS.length} tests`));
    const n = senderCodeEvents();
    assert.ok(n >= 10, String(n));
    assert.match(r.out, new RegExp(`\\nOK \\(skipped=${n}\\)\\n`));
  });

  it('the generated tests pass with python3 -m pytest', { skip: hasPytest ? false : 'pytest is not installed for python3 (.ci/run installs python3-pytest)' }, () => {
    const r = python(['-m', 'pytest', '-q', '-p', 'no:cacheprovider', 'tests'], plain);
    assert.equal(r.code, 0, r.out);
    assert.match(r.out, new RegExp(`${TRIGGERS.length} passed, ${senderCodeEvents()} skipped`));
  });

  it('Powertools tests skip with the install command when Powertools is missing, else pass', () => {
    const present = python(['-c', 'import aws_lambda_powertools'], tmp).code === 0;
    const r = python(['-m', 'unittest', 'discover', '-s', 'tests', '-v'], powertools);
    assert.equal(r.code, 0, r.out);
    const n = TRIGGERS.filter((t) => hasPowertoolsVariant(t.id)).length;
    if (present) assert.match(r.out, new RegExp(`Ran ${n} tests[\\s\\S]*\\nOK\\n`));
    else assert.match(r.out, new RegExp(`skipped 'aws-lambda-powertools is not installed for this interpreter: pip install aws-lambda-powertools'[\\s\\S]*OK \\(skipped=${n}\\)`));
  });
});

describe('a scaffolded Python handler invoked locally', () => {
  const runner = path.join(tmp, 'runner.js');
  let invoker: LocalInvoker;
  before(() => {
    buildRunnerInto(tmp);
    invoker = new LocalInvoker(runner);
  });
  after(() => invoker.dispose());

  it('answers each of its sample events in a way Cognito accepts', async () => {
    const settings = { ...defaultSettings().invoke, warm: true };
    for (const id of ['PreSignUp', 'CustomMessage', 'PreTokenGenerationV3', 'DefineAuthChallenge']) {
      const t = TRIGGERS.find((x) => x.id === id);
      for (const s of t?.sources ?? []) {
        const event = JSON.parse(fs.readFileSync(path.join(plain, 'events', id, `${s.value}.json`), 'utf8')) as unknown;
        const r = await invokeLocal(invoker, { file: path.join(plain, 'src', `${snakeCase(id)}.py`), handlerName: 'lambda_handler', event, folder: plain, settings, triggerId: id });
        assert.equal(r.outcome.kind, 'returned', `${id} ${s.value}: ${JSON.stringify(r.outcome)}`);
        assert.ok(r.summary.succeeds && !r.issues.some((i) => i.severity === 'error'), `${id} ${s.value}: ${JSON.stringify([r.summary, r.issues])}`);
      }
    }
  });
});
