// Diagnostics in handler code: each rule fires on its mistake, and idiomatic handlers stay clean.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { analyze, findings } from './handlerHelpers';

const CLEAN = path.join(__dirname, '..', 'fixtures', 'handlers', 'clean');
const wrap = (id: string, body: string): string => `// @cognito-trigger ${id}\nexports.handler = async (event) => {\n  ${body}\n  return event;\n};\n`;
const keys = (text: string, fileName?: string): string[] => findings(text, fileName).map((f) => f.key);

test('idiomatic handlers of every trigger produce no diagnostics', () => {
  const files = fs.readdirSync(CLEAN);
  assert.ok(files.length >= 16, `one fixture per trigger, found ${files.length}`);
  const seen = new Set<string>();
  for (const f of files) {
    const text = fs.readFileSync(path.join(CLEAN, f), 'utf8');
    const a = analyze(text, f);
    assert.equal(a.handlers.length, 1, `${f}: one handler`);
    assert.ok(a.handlers[0]?.inference.known, `${f}: trigger known`);
    for (const c of a.handlers[0]?.inference.candidates ?? []) seen.add(c.trigger.id);
    assert.deepEqual(findings(text, f).map((p) => `${p.key}: ${p.message}`), [], f);
  }
  assert.equal(seen.size, 16, `every trigger covered: ${[...seen].join(', ')}`);
});

test('unknown field with did-you-mean and its fix', () => {
  const [f] = findings(wrap('PreSignUp', 'const e = event.request.userAtributes.email;'));
  assert.equal(f?.key, 'unknownField');
  assert.equal(f?.covered, 'userAtributes');
  assert.match(f?.message ?? '', /Did you mean `userAttributes`/);
  assert.equal(f?.fixes?.[0]?.edits[0]?.newText, 'userAttributes');
});

test('field of another trigger and of another source', () => {
  const [f] = findings(wrap('PreSignUp', 'const c = event.request.codeParameter;'));
  assert.equal(f?.key, 'otherTrigger');
  assert.match(f?.message ?? '', /field of CustomMessage/);
  const src = "// @cognito-trigger PreTokenGenerationV3\nexports.handler = async (event) => {\n  if (event.triggerSource === 'TokenGeneration_ClientCredentials') { const u = event.request.userAttributes; }\n  return event;\n};";
  const any = findings(src);
  // userAttributes is sent for user sources only when the model says so; if not, nothing is reported.
  for (const p of any) assert.equal(p.key, 'otherSource');
});

test('wrong value type, with the boolean fix', () => {
  const [f] = findings(wrap('PreSignUp', "event.response.autoConfirmUser = 'true';"));
  assert.equal(f?.key, 'wrongType');
  assert.equal(f?.fixes?.[0]?.edits[0]?.newText, 'true');
  assert.deepEqual(keys(wrap('PreSignUp', 'event.response = { autoVerifyEmail: 1 };')), ['wrongType']);
});

test('writes to read-only parts', () => {
  assert.deepEqual(keys(wrap('PreSignUp', "event.request.userAttributes.email = 'x@example.com';")), ['readOnly']);
  const sync = "exports.handler = async (event) => {\n  if (event.eventType === 'SyncTrigger') { event.identityId = 'x'; event.datasetRecords.a.newValue = 'b'; }\n  return event;\n};";
  assert.deepEqual(findings(sync).map((f) => [f.key, f.covered]), [['readOnly', 'event.identityId']]);
});

test('a write into a field Cognito sends as null, unless it was assigned first', () => {
  const [f] = findings(wrap('CreateAuthChallenge', "event.response.publicChallengeParameters.question = '2 + 3?';"));
  assert.equal(f?.key, 'nullParent');
  assert.match(f?.message ?? '', /sends `event\.response\.publicChallengeParameters` as null/);
  assert.deepEqual(keys(wrap('CreateAuthChallenge', "event.response.publicChallengeParameters = {};\n  event.response.publicChallengeParameters.question = '2 + 3?';")), []);
  assert.deepEqual(keys(wrap('PreTokenGenerationV2', "event.response = { claimsAndScopeOverrideDetails: {} };\n  event.response.claimsAndScopeOverrideDetails.idTokenGeneration = { claimsToSuppress: ['email'] };")), []);
});

test('invalid enum literals', () => {
  const [f] = findings("exports.handler = async (event) => {\n  if (event.eventType === 'SyncTrigger') { event.datasetRecords.a.op = 'delete'; }\n  return event;\n};");
  assert.equal(f?.key, 'invalidValue');
  assert.match(f?.message ?? '', /'replace', 'remove'/);
  assert.deepEqual(keys(wrap('UserMigration', "event.response.finalUserStatus = 'ACTIVE';")), ['invalidValue']);
  assert.deepEqual(keys(wrap('UserMigration', "event.response.desiredDeliveryMediums = ['EMAIL', 'PHONE'];")), ['invalidValue']);
  const [typo] = findings(wrap('PreSignUp', "if (event.triggerSource === 'PreSignUp_Signup') {}"));
  assert.equal(typo?.key, 'invalidValue');
  assert.equal(typo?.fixes?.[0]?.edits[0]?.newText, 'PreSignUp_SignUp');
});

test('pre token: version shape mix-ups and forbidden claims', () => {
  const v1 = findings(wrap('PreTokenGeneration', 'event.response.claimsAndScopeOverrideDetails = {};'));
  assert.deepEqual(v1.map((f) => f.key), ['preTokenVersion']);
  const v2 = findings(wrap('PreTokenGenerationV2', 'event.response = { claimsOverrideDetails: { claimsToAddOrOverride: { a: "b" } } };'));
  assert.deepEqual(v2.map((f) => f.key), ['preTokenVersion']);
  assert.deepEqual(v2[0]?.fixes?.[0]?.edits.map((e) => e.newText), ['claimsAndScopeOverrideDetails', '{ idTokenGeneration: { claimsToAddOrOverride: { a: "b" } } }']);
  assert.deepEqual(keys(wrap('PreTokenGeneration', "event.response.claimsOverrideDetails = { claimsToAddOrOverride: { sub: 'x', 'cognito:username': 'y', tenant: 'ok' } };")), ['claimNotAllowed', 'claimNotAllowed']);
  assert.deepEqual(keys(wrap('PreTokenGenerationV2', "event.response.claimsAndScopeOverrideDetails = { accessTokenGeneration: { claimsToSuppress: ['iss'], scopesToAdd: ['a b'] } };")), ['claimNotAllowed', 'whitespace']);
});

test('custom message placeholders and length limits', () => {
  const [f] = findings(wrap('CustomMessage', "event.response.smsMessage = 'Welcome!';"));
  assert.equal(f?.key, 'missingPlaceholder');
  assert.equal(f?.fixes?.[0]?.edits[0]?.newText, '`Welcome! ${event.request.codeParameter}`');
  assert.deepEqual(keys(wrap('CustomMessage', 'event.response.emailMessage = `Hi ${event.request.codeParameter}`;')), []);
  assert.deepEqual(keys(wrap('CustomMessage', 'event.response.emailMessage = `Verify: ${event.request.linkParameter}`;')), []);
  const admin = "// @cognito-trigger CustomMessage\nexports.handler = async (event) => {\n  if (event.triggerSource === 'CustomMessage_AdminCreateUser') { event.response.emailMessage = `Code ${event.request.codeParameter}`; }\n  return event;\n};";
  assert.deepEqual(findings(admin).map((p) => p.message.includes('usernameParameter')), [true]);
  assert.deepEqual(keys(wrap('CustomMessage', `event.response.smsMessage = '{####} ${'x'.repeat(150)}';`)), ['lengthLimit']);
});

test('handler-level rules: return, callbacks, unawaited calls, long waits', () => {
  const noRet = findings('// @cognito-trigger PreSignUp\nexports.handler = async (event) => {\n  event.response.autoConfirmUser = true;\n};');
  assert.deepEqual(noRet.map((f) => f.key), ['noReturn']);
  assert.match(noRet[0]?.fixes?.[0]?.edits[0]?.newText ?? '', /return event;/);
  assert.deepEqual(keys('// @cognito-trigger PreSignUp\nexports.handler = async (event, context, callback) => { callback(null, event); };'), ['asyncWithCallback']);
  const cb = findings('// @cognito-trigger PreSignUp\nexports.handler = (event, context, callback) => { callback(null, event); };');
  assert.deepEqual(cb.map((f) => f.key), ['callbackStyle']);
  assert.match(cb[0]?.message ?? '', /Node\.js 24/);
  assert.deepEqual(keys(wrap('PostConfirmation', 'sns.publish(params);')), ['floatingPromise']);
  assert.deepEqual(keys(wrap('PreSignUp', 'await new Promise((r) => setTimeout(r, 10 * 1000));')), ['longWait']);
  // Custom senders return nothing: no "no return" for them.
  assert.deepEqual(keys('// @cognito-trigger CustomSMSSender\nexports.handler = async (event) => { await send(event.request.code); };'), []);
});

test('unknown trigger comment, and silence without a Cognito signal', () => {
  const [f] = findings('// @cognito-trigger PreSignup\nexports.handler = async (event) => event;');
  assert.equal(f?.key, 'unknownTriggerComment');
  assert.equal(f?.fixes?.[0]?.edits[0]?.newText, 'PreSignUp');
  assert.deepEqual(keys('exports.handler = async (event) => { event.body.x = 1; client.send(x); };'), []);
});

test('more idioms from the AWS guides stay clean (concatenation, hasOwnProperty, session[0], datasetRecords)', () => {
  const snippets: [string, string][] = [
    ['preSignUp.js', 'exports.handler = async (event) => {\n  if (event.request.userAttributes.hasOwnProperty("email")) { event.response.autoVerifyEmail = true; }\n  return event;\n};'],
    ['customMessage.js', 'exports.handler = async (event) => {\n  if (event.triggerSource === "CustomMessage_AdminCreateUser") {\n    event.response.smsMessage = "Your user name is " + event.request.usernameParameter + " and your password is " + event.request.codeParameter;\n  }\n  return event;\n};'],
    ['defineAuthChallenge.js', "exports.handler = async (event) => {\n  if (event.request.session.length == 1 && event.request.session[0].challengeName == 'SRP_A') {\n    event.response.issueTokens = false;\n    event.response.failAuthentication = false;\n    event.response.challengeName = 'PASSWORD_VERIFIER';\n  }\n  return event;\n};"],
    ['sync.js', "exports.handler = async (event) => {\n  if (event.datasetName === 'settings') {\n    event.datasetRecords.theme.newValue = 'dark';\n    event.datasetRecords.theme.op = 'replace';\n  }\n  return event;\n};"],
    ['createAuthChallenge.js', "exports.handler = async (event) => {\n  event.response.publicChallengeParameters = {};\n  event.response.publicChallengeParameters.captchaUrl = 'url/123.jpg';\n  event.response.privateChallengeParameters = { answer: '5' };\n  return event;\n};"],
  ];
  for (const [name, text] of snippets) {
    assert.ok(analyze(text, name).handlers[0]?.inference.known, `${name}: trigger inferred`);
    assert.deepEqual(findings(text, name).map((p) => `${p.key}: ${p.message}`), [], name);
  }
});

test('an export found only by its event parameter may be a helper: what it returns is checked once something names it a handler', () => {
  // Seen in aws-samples/amazon-cognito-passwordless-auth (cdk/custom-auth/fido2.ts): exported helpers such as
  // `addChallengeToEvent(event: CreateAuthChallengeTriggerEvent)` change the event and return nothing.
  const helper = "import type { CreateAuthChallengeTriggerEvent } from 'aws-lambda';\nexport async function addChallengeToEvent(event: CreateAuthChallengeTriggerEvent) {\n  if (!event.request.userAttributes.email) return;\n  event.response.publicChallengeParameters = { kind: 'fido2' };\n}\n";
  assert.deepEqual(keys(helper, 'fido2.ts'), []);
  // The same function, named a handler by a comment, is reported.
  assert.ok(keys(`// @cognito-trigger CreateAuthChallenge\n${helper}`, 'fido2.ts').includes('noReturn'));
  // A function named `handler`, or one declared to return the event, is never a guess.
  assert.ok(keys(helper.replace('addChallengeToEvent', 'handler'), 'fido2.ts').includes('noReturn'));
  assert.ok(keys(helper.replace('CreateAuthChallengeTriggerEvent) {', 'CreateAuthChallengeTriggerEvent): Promise<CreateAuthChallengeTriggerEvent> {'), 'fido2.ts').includes('noReturn'));
});
