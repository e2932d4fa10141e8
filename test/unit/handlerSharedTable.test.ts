// One table of handler cases, each written in JavaScript and in Python: both front ends must give the
// same findings (codes, severities, what each covers, whether a fix is offered), and the expected ones.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { loadPython, pythonReady } from '../../server/src/core/handler/python/parser';
import { HANDLER_CODES } from '../../server/src/core/features/handlerCode/codes';
import { findings } from './handlerHelpers';

interface Case {
  readonly name: string;
  readonly js: string;
  readonly py: string;
  /** `code` or `code:covered text` (the text is compared where both languages write it the same way). */
  readonly expect: readonly string[];
}

const js = (id: string, body: string, ret = 'return event;'): string => `// @cognito-trigger ${id}\nexports.handler = async (event) => {\n  ${body}\n  ${ret}\n};\n`;
const py = (id: string, body: string, ret = 'return event'): string => `# @cognito-trigger ${id}\ndef lambda_handler(event, context):\n    ${body.replace(/\n/g, '\n    ')}\n    ${ret}\n`;

const CASES: readonly Case[] = [
  { name: 'clean pre sign-up', js: js('PreSignUp', 'event.response.autoConfirmUser = true;'), py: py('PreSignUp', 'event["response"]["autoConfirmUser"] = True'), expect: [] },
  { name: 'no return', js: js('PreSignUp', 'event.response.autoConfirmUser = true;', ''), py: py('PreSignUp', 'event["response"]["autoConfirmUser"] = True', 'pass'), expect: ['handler/no-return'] },
  { name: 'bare return', js: js('PreSignUp', '', 'return;'), py: py('PreSignUp', 'pass', 'return'), expect: ['handler/no-return'] },
  { name: 'returns a string', js: js('PreAuthentication', '', "return 'ok';"), py: py('PreAuthentication', 'pass', 'return "ok"'), expect: ['handler/returns-non-event'] },
  { name: 'read-only request write', js: js('PreSignUp', "event.request.userAttributes.email = 'x';"), py: py('PreSignUp', 'event["request"]["userAttributes"]["email"] = "x"'), expect: ['handler/read-only'] },
  { name: 'unknown response field', js: js('PreSignUp', 'event.response.autoVerifyEmal = true;'), py: py('PreSignUp', 'event["response"]["autoVerifyEmal"] = True'), expect: ['handler/unknown-field:autoVerifyEmal'] },
  { name: 'unknown request field read', js: js('PreSignUp', 'const a = event.request.userAtributes;'), py: py('PreSignUp', 'a = event["request"]["userAtributes"]'), expect: ['handler/unknown-field:userAtributes'] },
  { name: 'boolean as a string', js: js('PreSignUp', "event.response.autoConfirmUser = 'true';"), py: py('PreSignUp', 'event["response"]["autoConfirmUser"] = "true"'), expect: ['handler/wrong-type'] },
  { name: 'number where a string is needed', js: js('CustomMessage', 'event.response.emailSubject = 42;'), py: py('CustomMessage', 'event["response"]["emailSubject"] = 42'), expect: ['handler/wrong-type:42'] },
  { name: 'missing code placeholder', js: js('CustomMessage', "event.response.smsMessage = 'Welcome!';"), py: py('CustomMessage', 'event["response"]["smsMessage"] = "Welcome!"'), expect: ['handler/missing-placeholder'] },
  {
    name: 'placeholder interpolated',
    js: js('CustomMessage', 'event.response.smsMessage = `Code ${event.request.codeParameter}`;'),
    py: py('CustomMessage', 'event["response"]["smsMessage"] = f"Code {event[\'request\'][\'codeParameter\']}"'),
    expect: [],
  },
  {
    name: 'username placeholder in the AdminCreateUser branch',
    js: js('CustomMessage', "if (event.triggerSource === 'CustomMessage_AdminCreateUser') {\n    event.response.emailMessage = 'Code ' + event.request.codeParameter;\n  }"),
    py: py('CustomMessage', 'if event["triggerSource"] == "CustomMessage_AdminCreateUser":\n    event["response"]["emailMessage"] = "Code " + event["request"]["codeParameter"]'),
    expect: ['handler/missing-placeholder'],
  },
  { name: 'triggerSource typo', js: js('PreSignUp', "if (event.triggerSource === 'PreSignUp_Signup') {}"), py: py('PreSignUp', 'if event["triggerSource"] == "PreSignUp_Signup":\n    pass'), expect: ['handler/invalid-value'] },
  {
    name: 'protected claims',
    js: js('PreTokenGeneration', "event.response.claimsOverrideDetails = { claimsToAddOrOverride: { sub: 'x', tenant: 'ok' } };"),
    py: py('PreTokenGeneration', 'event["response"]["claimsOverrideDetails"] = {"claimsToAddOrOverride": {"sub": "x", "tenant": "ok"}}'),
    expect: ['handler/claim-not-allowed'],
  },
  {
    name: 'V1 response in a V2 handler',
    js: js('PreTokenGenerationV2', "event.response.claimsOverrideDetails = { claimsToAddOrOverride: { a: 'b' } };"),
    py: py('PreTokenGenerationV2', 'event["response"]["claimsOverrideDetails"] = {"claimsToAddOrOverride": {"a": "b"}}'),
    expect: ['handler/pre-token-version:claimsOverrideDetails'],
  },
  { name: 'long wait', js: js('PreSignUp', 'await new Promise((r) => setTimeout(r, 6000));'), py: `import time\n${py('PreSignUp', 'time.sleep(6)')}`, expect: ['handler/long-wait'] },
  { name: 'a short wait is fine', js: js('PreSignUp', 'await new Promise((r) => setTimeout(r, 1000));'), py: `import time\n${py('PreSignUp', 'time.sleep(1)')}`, expect: [] },
  { name: 'field of another trigger', js: js('PreSignUp', 'const c = event.request.codeParameter;'), py: py('PreSignUp', 'c = event["request"]["codeParameter"]'), expect: ['handler/other-trigger-field:codeParameter'] },
  { name: 'not a trigger id', js: js('PreSignUpp', ''), py: py('PreSignUpp', 'pass'), expect: ['handler/unknown-trigger-comment:PreSignUpp'] },
  {
    name: 'an unknown trigger is never reported',
    js: 'exports.handler = async (event) => {\n  event.request.whatever = 1;\n};\n',
    py: 'def lambda_handler(event, context):\n    event["request"]["whatever"] = 1\n',
    expect: [],
  },
  {
    name: 'raise to refuse is not a missing return',
    js: js('PreSignUp', "if (!event.request.userAttributes.email.endsWith('@example.com')) throw new Error('Sign-up refused');"),
    py: py('PreSignUp', 'if not event["request"]["userAttributes"]["email"].endswith("@example.com"):\n    raise Exception("Sign-up refused")'),
    expect: [],
  },
  // Issue 9's recall rules, in both front ends.
  { name: 'returns an API Gateway response', js: js('PreSignUp', '', "return { statusCode: 200, body: 'ok' };"), py: py('PreSignUp', 'pass', 'return {"statusCode": 200, "body": "ok"}'), expect: ['handler/returns-non-event'] },
  { name: 'returns the event spread with a response', js: js('PreSignUp', '', 'return { ...event, response: { autoConfirmUser: true } };'), py: py('PreSignUp', 'pass', 'return {**event, "response": {"autoConfirmUser": True}}'), expect: [] },
  { name: 'returns a dict with the event keys', js: js('PreSignUp', '', 'return { request: event.request, response: event.response };'), py: py('PreSignUp', 'pass', 'return {"request": event["request"], "response": event["response"]}'), expect: [] },
  {
    name: 'returns the error instead of raising it',
    js: js('PreSignUp', "if (!event.request.userAttributes.email) return new Error('An email is required');"),
    py: py('PreSignUp', 'if not event["request"]["userAttributes"].get("email"):\n    return ValueError("An email is required")'),
    expect: ['handler/returns-error'],
  },
  { name: 'a challengeName no flow allows', js: js('DefineAuthChallenge', "event.response.challengeName = 'COLLECT_ATTRIBUTES';"), py: py('DefineAuthChallenge', 'event["response"]["challengeName"] = "COLLECT_ATTRIBUTES"'), expect: ['handler/invalid-value'] },
  { name: 'a documented challengeName', js: js('DefineAuthChallenge', "event.response.challengeName = 'CUSTOM_CHALLENGE';"), py: py('DefineAuthChallenge', 'event["response"]["challengeName"] = "CUSTOM_CHALLENGE"'), expect: [] },
  { name: 'autoVerifyPhone without a look at phone_number', js: js('PreSignUp', 'event.response.autoVerifyPhone = true;'), py: py('PreSignUp', 'event["response"]["autoVerifyPhone"] = True'), expect: ['handler/auto-verify-unchecked'] },
  {
    name: 'autoVerifyPhone behind a phone_number check',
    js: js('PreSignUp', 'if (event.request.userAttributes.phone_number) event.response.autoVerifyPhone = true;'),
    py: py('PreSignUp', 'if "phone_number" in event["request"]["userAttributes"]:\n    event["response"]["autoVerifyPhone"] = True'),
    expect: [],
  },
  { name: 'a write into a field Cognito sends as null', js: js('PreTokenGeneration', "event.response.claimsOverrideDetails.claimsToAddOrOverride = { a: 'b' };"), py: py('PreTokenGeneration', 'event["response"]["claimsOverrideDetails"]["claimsToAddOrOverride"] = {"a": "b"}'), expect: ['handler/write-through-null'] },
  // Reading through a request map Cognito sends as null (issue 9 §3): the reads and each language's guards.
  { name: 'a key of clientMetadata read unguarded', js: js('CustomMessage', 'const x = event.request.clientMetadata.x;'), py: py('CustomMessage', 'x = event["request"]["clientMetadata"]["x"]'), expect: ['handler/read-through-null'] },
  { name: 'a key of validationData read by .get', js: js('PreSignUp', 'const x = event.request.validationData.invite;'), py: py('PreSignUp', 'x = event["request"]["validationData"].get("invite")'), expect: ['handler/read-through-null'] },
  { name: 'an in test on validationData', js: js('PreSignUp', "if ('x' in event.request.validationData) event.response.autoConfirmUser = true;"), py: py('PreSignUp', 'if "x" in event["request"]["validationData"]:\n    event["response"]["autoConfirmUser"] = True'), expect: ['handler/read-through-null'] },
  { name: 'through an alias of clientMetadata', js: js('PreSignUp', 'const md = event.request.clientMetadata;\n  console.log(md.x);'), py: py('PreSignUp', 'md = event["request"]["clientMetadata"]\nprint(md["x"])'), expect: ['handler/read-through-null'] },
  { name: 'a default that does not apply to null', js: js('PreSignUp', 'const { clientMetadata = {} } = event.request;\n  console.log(clientMetadata.x);'), py: py('PreSignUp', 'x = event["request"].get("clientMetadata", {})["x"]'), expect: ['handler/read-through-null'] },
  { name: 'guarded by a truthiness test', js: js('PreSignUp', 'if (event.request.clientMetadata) console.log(event.request.clientMetadata.x);'), py: py('PreSignUp', 'if event["request"]["clientMetadata"]:\n    print(event["request"]["clientMetadata"]["x"])'), expect: [] },
  { name: 'guarded by a default to empty', js: js('PreSignUp', 'const md = event.request.clientMetadata || {};\n  console.log(md.x);'), py: py('PreSignUp', 'md = event["request"]["clientMetadata"] or {}\nprint(md["x"])'), expect: [] },
  { name: 'guarded inline', js: js('PreSignUp', "if ('x' in (event.request.validationData || {})) console.log(1);"), py: py('PreSignUp', 'x = (event["request"].get("validationData") or {}).get("x")'), expect: [] },
  { name: 'guarded by a not-null test', js: js('PreSignUp', 'const md = event.request.clientMetadata;\n  if (md != null) console.log(md.x);'), py: py('PreSignUp', 'md = event["request"]["clientMetadata"]\nif md is not None:\n    print(md["x"])'), expect: [] },
  { name: 'guarded by an early return', js: js('PreSignUp', 'if (!event.request.clientMetadata) return event;\n  console.log(event.request.clientMetadata.x);'), py: py('PreSignUp', 'if not event["request"]["clientMetadata"]:\n    return event\nprint(event["request"]["clientMetadata"]["x"])'), expect: [] },
  { name: 'guarded by an early raise', js: js('PreSignUp', "const md = event.request.clientMetadata;\n  if (!md) { throw new Error('metadata required'); }\n  console.log(md.x);"), py: py('PreSignUp', 'md = event["request"]["clientMetadata"]\nif md is None:\n    raise ValueError("metadata required")\nprint(md["x"])'), expect: [] },
  { name: 'guarded by try', js: js('PreSignUp', 'try { console.log(event.request.clientMetadata.x); } catch (e) { console.error(e); }'), py: py('PreSignUp', 'try:\n    print(event["request"]["clientMetadata"]["x"])\nexcept Exception as e:\n    print(e)'), expect: [] },
  { name: 'guarded by and', js: js('PreSignUp', 'const x = event.request.clientMetadata && event.request.clientMetadata.x;'), py: py('PreSignUp', 'x = event["request"]["clientMetadata"] and event["request"]["clientMetadata"]["x"]'), expect: [] },
  { name: 'guarded by a .get default then or', js: js('PreSignUp', 'const md = event.request.clientMetadata ?? {};\n  console.log(md.x);'), py: py('PreSignUp', 'md = event["request"].get("clientMetadata") or {}\nprint(md.get("x"))'), expect: [] },
  { name: 'an always-sent map read directly', js: js('PreSignUp', 'const e = event.request.userAttributes.email;'), py: py('PreSignUp', 'e = event["request"]["userAttributes"]["email"]'), expect: [] },
  // A message built with unknown parts (issue 9 §3): a part named like an app name cannot hold {####}; one named like a template could.
  { name: 'an app name cannot hold the code', js: js('CustomMessage', 'event.response.smsMessage = `Welcome to ${process.env.APP_NAME}!`;'), py: `import os\n${py('CustomMessage', 'event["response"]["smsMessage"] = f"Welcome to {os.environ[\'APP_NAME\']}!"')}`, expect: ['handler/missing-placeholder'] },
  { name: 'an env lookup with a fallback cannot hold the code', js: js('CustomMessage', "event.response.smsMessage = `Welcome to ${process.env.APP_NAME ?? 'Example'}!`;"), py: `import os\n${py('CustomMessage', 'event["response"]["smsMessage"] = f"Welcome to {os.environ.get(\'APP_NAME\', \'Example\')}!"')}`, expect: ['handler/missing-placeholder'] },
  { name: 'a concatenated first name cannot hold the code', js: js('CustomMessage', "event.response.smsMessage = 'Hi ' + firstName;"), py: py('CustomMessage', 'event["response"]["smsMessage"] = "Hi %s" % first_name'), expect: ['handler/missing-placeholder'] },
  { name: 'a template part may hold the code', js: js('CustomMessage', 'event.response.emailMessage = `<p>${emailTemplate}</p>`;'), py: py('CustomMessage', 'event["response"]["emailMessage"] = f"<p>{email_template}</p>"'), expect: [] },
  { name: 'a rendered part may hold the code', js: js('CustomMessage', 'event.response.emailMessage = `<p>${render(data)}</p>`;'), py: py('CustomMessage', 'event["response"]["emailMessage"] = "<p>{}</p>".format(render(data))'), expect: [] },
  { name: 'a part handed event data may hold the code', js: js('CustomMessage', 'event.response.emailMessage = `<p>${wrap(event.request.codeParameter)}</p>`;'), py: py('CustomMessage', 'event["response"]["emailMessage"] = f"<p>{wrap(event[\'request\'][\'codeParameter\'])}</p>"'), expect: [] },
  { name: 'a literal over the length limit', js: js('CustomMessage', `event.response.emailSubject = '${'x'.repeat(200)}';`), py: py('CustomMessage', `event["response"]["emailSubject"] = "${'x'.repeat(200)}"`), expect: ['handler/length-limit'] },
];

/** A finding as compared across languages. */
function shape(text: string, fileName: string, withCovered: ReadonlySet<string>): string[] {
  return findings(text, fileName).map((f) => {
    const code: string = HANDLER_CODES[f.key].code;
    return `${f.severity} ${withCovered.has(code) ? `${code}:${f.covered}` : code}${f.fixes?.length ? ' (fix)' : ''}`;
  });
}

before(async () => {
  await loadPython();
  assert.ok(pythonReady(), 'the Python parser loads');
});

for (const c of CASES) {
  test(`same findings in JavaScript and Python: ${c.name}`, () => {
    const covered = new Set(c.expect.filter((e) => e.includes(':')).map((e) => e.split(':')[0] as string));
    const inJs = shape(c.js, 'handler.js', covered);
    const inPy = shape(c.py, 'handler.py', covered);
    assert.deepEqual(inJs.map((s) => s.replace(/^\w+ /, '').replace(/ \(fix\)$/, '')), [...c.expect], 'JavaScript findings');
    assert.deepEqual(inPy, inJs, 'Python gives what JavaScript gives');
  });
}

test('the table covers every language-neutral rule', () => {
  const codes = new Set(CASES.flatMap((c) => c.expect.map((e) => e.split(':')[0])));
  for (const code of ['handler/no-return', 'handler/returns-non-event', 'handler/read-only', 'handler/unknown-field', 'handler/wrong-type', 'handler/missing-placeholder', 'handler/invalid-value', 'handler/claim-not-allowed', 'handler/pre-token-version', 'handler/long-wait', 'handler/other-trigger-field', 'handler/unknown-trigger-comment', 'handler/returns-error', 'handler/auto-verify-unchecked', 'handler/write-through-null', 'handler/length-limit', 'handler/read-through-null']) {
    assert.ok(codes.has(code), `${code} has a case`);
  }
});
