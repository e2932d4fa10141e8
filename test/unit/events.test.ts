// Event recognition and the semantic checks, one test per rule, on samples mutated by hand.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkEvent, recognizeEvent, sampleEvent, type EventIssue } from '../../server/src/core/events';

type Ev = Record<string, unknown> & { request: Record<string, unknown>; response: Record<string, unknown> };
const sample = (id: string, source?: string): Ev => sampleEvent(id, source) as Ev;
const check = (event: unknown, triggerId?: string): EventIssue[] => checkEvent(event, recognizeEvent(event, triggerId ? { triggerId } : {}));
const codes = (issues: readonly EventIssue[]): string[] => issues.map((i) => i.code);
const only = (issues: readonly EventIssue[], code: string): EventIssue => {
  const found = issues.filter((i) => i.code === code);
  assert.equal(found.length, 1, `expected one ${code}, got ${JSON.stringify(issues, null, 1)}`);
  return found[0] as EventIssue;
};

test('recognises by triggerSource, Sync by eventType', () => {
  assert.equal(recognizeEvent(sample('PreSignUp')).trigger?.id, 'PreSignUp');
  assert.equal(recognizeEvent(sample('PreSignUp')).source?.value, 'PreSignUp_SignUp');
  assert.equal(recognizeEvent(sample('SyncTrigger')).trigger?.id, 'SyncTrigger');
  assert.match(recognizeEvent(sample('CustomMessage')).reason, /triggerSource "CustomMessage_SignUp"/);
});

test('pre token version: "2"/"3" decide; V2 keys with "1" mean V2; ClientCredentials means V3', () => {
  const v1 = sample('PreTokenGeneration');
  assert.equal(recognizeEvent(v1).trigger?.id, 'PreTokenGeneration');
  assert.equal(recognizeEvent({ ...sample('PreTokenGenerationV2'), version: '1' }).trigger?.id, 'PreTokenGenerationV2');
  assert.equal(recognizeEvent(sample('PreTokenGenerationV3')).trigger?.id, 'PreTokenGenerationV3');
  assert.equal(recognizeEvent({ ...v1, version: '2' }).trigger?.id, 'PreTokenGenerationV2');
  assert.equal(recognizeEvent({ ...sample('PreTokenGenerationV2'), triggerSource: 'TokenGeneration_ClientCredentials' }).trigger?.id, 'PreTokenGenerationV3');
  const published = { ...sample('PreTokenGenerationV2'), version: '1' };
  const w = only(check(published), 'pre-token-version-mismatch');
  assert.equal(w.severity, 'warning');
  assert.match(w.message, /Cognito sends "2"/);
});

test('the hint picks the pre token version; ClientCredentials under a V2 hint is an error', () => {
  const e = { ...sample('PreTokenGeneration') };
  assert.equal(recognizeEvent(e, { triggerId: 'PreTokenGenerationV2' }).trigger?.id, 'PreTokenGenerationV2');
  const cc = { ...sample('PreTokenGenerationV3', 'TokenGeneration_ClientCredentials'), version: '2' };
  const r = recognizeEvent(cc, { triggerId: 'PreTokenGenerationV2' });
  assert.equal(r.trigger?.id, 'PreTokenGenerationV2');
  assert.equal(only(r.quirks, 'source-not-for-version').severity, 'error');
});

test('placeholder triggerSources are recognised from shape or hint, with a warning', () => {
  const multi = { ...sample('CustomMessage'), triggerSource: 'CustomMessage_SignUp/CustomMessage_ResendCode' };
  const r = recognizeEvent(multi);
  assert.equal(r.trigger?.id, 'CustomMessage');
  assert.match(only(r.quirks, 'placeholder-trigger-source').message, /exactly one value, e.g. "CustomMessage_SignUp"/);
  assert.equal(recognizeEvent({ ...sample('PreTokenGeneration'), triggerSource: 'PreTokenGen' }).trigger?.id, 'PreTokenGeneration');
  assert.equal(recognizeEvent({ ...sample('UserMigration'), triggerSource: 'trigger_source' }).trigger?.id, 'UserMigration');
  const senders = recognizeEvent({ ...sample('CustomSMSSender'), triggerSource: 'trigger_source', request: { type: 'type', code: 'x', userAttributes: {} } });
  assert.equal(senders.trigger, undefined, 'the two senders share a shape');
  assert.deepEqual(senders.candidates.map((t) => t.id).sort(), ['CustomEmailSender', 'CustomSMSSender']);
  assert.equal(recognizeEvent({ triggerSource: 'testTrigger', response: {} }, { triggerId: 'PostAuthentication' }).trigger?.id, 'PostAuthentication');
});

test('missing triggerSource: shape, else hint, else unrecognised', () => {
  const fragment = { request: { providerName: 'X', providerType: 'SAML', attributes: {} }, response: { userAttributesToMap: {} } };
  const r = recognizeEvent(fragment);
  assert.equal(r.trigger?.id, 'InboundFederation');
  assert.equal(only(r.quirks, 'missing-trigger-source').severity, 'warning');
  const bare = { request: { userAttributes: {} }, response: {} };
  assert.equal(recognizeEvent(bare).trigger, undefined);
  assert.equal(recognizeEvent(bare, { triggerId: 'PostConfirmation' }).trigger?.id, 'PostConfirmation');
  assert.equal(only(recognizeEvent({ userName: 'x' }).quirks, 'unrecognised-event').severity, 'error');
});

test('unknown triggerSource with did-you-mean; hint mismatch', () => {
  const e = { ...sample('CustomSMSSender'), triggerSource: 'CustomSmsSender_SignUp' };
  const r = recognizeEvent(e);
  const err = only(r.quirks, 'unknown-trigger-source');
  assert.equal(err.severity, 'error');
  assert.match(err.message, /Did you mean "CustomSMSSender_SignUp"\?/);
  assert.equal(r.trigger?.id, 'CustomSMSSender');
  const m = recognizeEvent(sample('PostConfirmation'), { triggerId: 'PreSignUp' });
  assert.equal(m.trigger?.id, 'PostConfirmation');
  assert.match(only(m.quirks, 'trigger-mismatch').message, /Post confirmation event .* used as a Pre sign-up event/);
});

test('samples of every source check clean', () => {
  for (const id of ['PreSignUp', 'CustomMessage', 'PreTokenGenerationV3', 'SyncTrigger', 'UserMigration']) {
    assert.deepEqual(check(sample(id)), [], id);
  }
});

test('wrong JSON type, enum values and unexpected null', () => {
  const e = sample('PreSignUp');
  e.response.autoConfirmUser = 'true';
  const t = only(check(e), 'wrong-type');
  assert.deepEqual(t.path, ['response', 'autoConfirmUser']);
  assert.match(t.message, /must be a boolean, not string/);
  const um = sample('UserMigration');
  um.response.finalUserStatus = 'CONFIRMD';
  const en = only(check(um), 'invalid-enum-value');
  assert.equal(en.severity, 'error');
  assert.match(en.message, /Did you mean "CONFIRMED"\?/);
  const p = sample('PreSignUp');
  p.response.autoVerifyEmail = null;
  assert.equal(only(check(p), 'unexpected-null').severity, 'error');
});

test('userPoolId format (warning on input) and region prefix', () => {
  const e = { ...sample('PreSignUp'), userPoolId: 'pool' };
  assert.match(only(check(e), 'invalid-format').message, /not a user pool ID such as us-east-1_AbC123xyz/);
  const r = { ...sample('PreSignUp'), region: 'eu-west-1' };
  const m = only(check(r), 'region-mismatch');
  assert.match(m.message, /"eu-west-1_EXAMPLE1a"/);
});

test('custom message: placeholders per source and length limits', () => {
  const e = sample('CustomMessage', 'CustomMessage_AdminCreateUser');
  e.response.smsMessage = 'Hi {username}, welcome';
  e.response.emailMessage = `Code {####} for {username} ${'x'.repeat(20000)}`;
  e.response.emailSubject = 'Welcome {####}';
  const issues = check(e);
  const missing = issues.filter((i) => i.code === 'missing-placeholder');
  assert.deepEqual(missing.map((i) => i.path), [['response', 'smsMessage']]);
  assert.match(missing[0]?.message ?? '', /"\{####\}" \(the value of request.codeParameter\)/);
  assert.deepEqual(issues.filter((i) => i.code === 'length-limit').map((i) => i.path), [['response', 'emailMessage']]);
  const signUp = sample('CustomMessage', 'CustomMessage_SignUp');
  signUp.response.smsMessage = 'Your code is {####}.';
  assert.deepEqual(check(signUp), [], 'the username placeholder is only needed for AdminCreateUser');
  signUp.response.smsMessage = `Your code is {####}. ${'y'.repeat(130)}`;
  assert.match(only(check(signUp), 'length-limit').message, /at most 140/);
});

test('pre token: response of the other version, claims Cognito refuses, scope white space', () => {
  const v1 = sample('PreTokenGeneration');
  v1.response.claimsAndScopeOverrideDetails = { idTokenGeneration: {} };
  // version "1" and no request.scopes: a V1 event whose response uses the V2 shape (with or without a
  // hint), not a broken V2 event. The V2 response is an error naming what Cognito does with it.
  assert.equal(recognizeEvent(v1).trigger?.id, 'PreTokenGeneration');
  for (const hint of [undefined, 'PreTokenGeneration']) {
    const issues = check(v1, hint);
    assert.deepEqual(codes(issues), ['pre-token-response-version'], JSON.stringify(issues));
    const wrong = only(issues, 'pre-token-response-version');
    assert.equal(wrong.severity, 'error');
    assert.match(wrong.message, /^V2 response \(claimsAndScopeOverrideDetails\) in a version 1 event: Cognito ignores it unless the pool's PreTokenGenerationConfig LambdaVersion is V2_0\/V3_0/);
  }
  // With request.scopes it stays a V2 event that says "1" (published-sample habit).
  const v2Says1 = sample('PreTokenGenerationV2');
  v2Says1.version = '1';
  assert.equal(recognizeEvent(v2Says1).trigger?.id, 'PreTokenGenerationV2');
  const v2 = sample('PreTokenGenerationV2');
  v2.response.claimsAndScopeOverrideDetails = {
    idTokenGeneration: { claimsToAddOrOverride: { 'cognito:username': 'x', 'dev:a': 'b', email_verified: { a: 1 }, tier: ['gold', 2, true] }, claimsToSuppress: ['sub', 'dev:a', 'cognito:roles'] },
    accessTokenGeneration: { claimsToAddOrOverride: { aud: 'other' }, scopesToAdd: ['api/read', 'api/write extra'] },
  };
  const issues = check(v2);
  const at = (code: string): string[] => issues.filter((i) => i.code === code).map((i) => i.path.join('.'));
  const base = 'response.claimsAndScopeOverrideDetails';
  assert.deepEqual(at('claim-not-allowed'), [
    `${base}.idTokenGeneration.claimsToAddOrOverride.cognito:username`,
    `${base}.idTokenGeneration.claimsToAddOrOverride.dev:a`,
    `${base}.idTokenGeneration.claimsToSuppress.0`,
  ]);
  assert.deepEqual(at('claim-value-type'), [`${base}.idTokenGeneration.claimsToAddOrOverride.email_verified`]);
  assert.deepEqual(at('claim-use-other-field'), [`${base}.idTokenGeneration.claimsToSuppress.2`]);
  assert.deepEqual(at('aud-must-match-client'), [`${base}.accessTokenGeneration.claimsToAddOrOverride.aud`]);
  assert.deepEqual(at('scope-whitespace'), [`${base}.accessTokenGeneration.scopesToAdd.1`]);
  const v1Complex = sample('PreTokenGeneration');
  v1Complex.response.claimsOverrideDetails = { claimsToAddOrOverride: { n: 2 } };
  assert.match(only(check(v1Complex), 'wrong-type').message, /must be a string, not integer/);
});

test('quirks name what Cognito really sends', () => {
  const e = sample('CustomMessage') as Ev & { callerContext: Record<string, unknown> };
  e.version = 1;
  e.callerContext = { awsSdk: 'x', clientId: 'c' };
  e.request.userAttributes = { email_verified: true };
  const issues = check(e);
  assert.match(only(issues, 'numeric-version').message, /string "1"/);
  assert.match(only(issues, 'caller-context-aws-sdk').message, /awsSdkVersion/);
  assert.match(only(issues, 'boolean-attribute').message, /"true"/);
  assert.ok(issues.every((i) => i.severity !== 'error'), JSON.stringify(issues));
  const v2 = sample('PreTokenGenerationV2');
  (v2.request.groupConfiguration as Record<string, unknown>).preferredRole = ['arn:aws:iam::1:role/r'];
  v2.response.claimsAndScopeOverrideDetails = [];
  assert.deepEqual(codes(check(v2)), ['preferred-role-array', 'claims-override-array']);
  const { response: _r, ...noResponse } = sample('PostConfirmation');
  assert.deepEqual(codes(check(noResponse)), ['missing-response']);
  const sms = sample('CustomSMSSender');
  sms.request.type = 'customEmailSenderRequestV1';
  (sms as Record<string, unknown>).response = {};
  assert.deepEqual(codes(check(sms)), ['unexpected-response', 'sender-type-mismatch']);
});

test('fields of another trigger, source or version', () => {
  const um = sample('UserMigration');
  um.request.userAttributes = { email: 'a@b.c' };
  assert.match(only(check(um), 'field-not-for-trigger').message, /belongs to Pre sign-up/);
  const fp = sample('UserMigration', 'UserMigration_ForgotPassword');
  fp.request.password = 'x';
  assert.match(only(check(fp), 'field-not-for-source').message, /only sent for UserMigration_Authentication/);
  const ps = sample('PreSignUp');
  ps.request.userAtributes = {};
  assert.match(only(check(ps), 'unknown-field').message, /Did you mean "userAttributes"\?/);
});

test('Sync records: op enum, newValue type, remove with a value', () => {
  const s = sample('SyncTrigger') as Record<string, unknown>;
  s.datasetRecords = { a: { oldValue: 'x', newValue: 'y', op: 'delete' }, b: { oldValue: null, newValue: 3, op: 'replace' }, c: { oldValue: 'x', newValue: 'z', op: 'remove' } };
  const issues = check(s);
  assert.deepEqual(issues.map((i) => [i.code, i.path.join('.'), i.severity]), [
    ['invalid-enum-value', 'datasetRecords.a.op', 'error'],
    ['wrong-type', 'datasetRecords.b.newValue', 'error'],
    ['sync-remove-with-value', 'datasetRecords.c.newValue', 'warning'],
  ]);
  assert.equal(only(check({ ...s, datasetRecords: {}, version: '2' }), 'wrong-type').message, 'version must be a number, not string.');
});

test('every message names its field', () => {
  const e = sample('PreSignUp');
  e.response.autoConfirmUser = 'yes';
  e.request.validationData = 5;
  for (const i of check(e)) assert.ok(i.message.includes(i.path.join('.')), i.message);
});
