// Sample events (realistic, deterministic, clean), conversion between sources, and no crash on garbage.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkEvent, convertEvent, recognizeEvent, sampleEvent } from '../../server/src/core/events';
import { TRIGGERS } from '../../server/src/core/model';

test('every (trigger, source) sample is recognised as itself and has no issue', () => {
  for (const t of TRIGGERS) {
    for (const s of t.sources) {
      const e = sampleEvent(t.id, s.value);
      const r = recognizeEvent(e);
      assert.equal(r.trigger?.id, t.id, `${t.id} ${s.value}`);
      if (t.binding.kind === 'userPool') assert.equal(r.source?.value, s.value);
      assert.deepEqual(checkEvent(e, r), [], `${t.id} ${s.value}`);
    }
  }
});

test('samples are deterministic and follow the region', () => {
  assert.deepEqual(sampleEvent('PreSignUp'), sampleEvent('PreSignUp'));
  const e = sampleEvent('PreSignUp', 'PreSignUp_SignUp', { region: 'eu-central-1' });
  assert.equal(e.region, 'eu-central-1');
  assert.match(String(e.userPoolId), /^eu-central-1_/);
  const s = sampleEvent('SyncTrigger', undefined, { region: 'ap-south-1' });
  assert.match(String(s.identityPoolId), /^ap-south-1:/);
  assert.throws(() => sampleEvent('PreSignUp', 'PostConfirmation_ConfirmSignUp'), /not a triggerSource of PreSignUp/);
  assert.throws(() => sampleEvent('Nope'), /Unknown trigger id/);
});

test('responses are what Cognito sends', () => {
  const ps = sampleEvent('PreSignUp') as { response: unknown };
  assert.deepEqual(ps.response, { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false });
  const cm = sampleEvent('CustomMessage', 'CustomMessage_SignUp') as { response: unknown; request: Record<string, unknown> };
  assert.deepEqual(cm.response, { smsMessage: null, emailMessage: null, emailSubject: null });
  assert.equal(cm.request.usernameParameter, null);
  const admin = sampleEvent('CustomMessage', 'CustomMessage_AdminCreateUser') as { request: Record<string, unknown>; callerContext: Record<string, unknown> };
  assert.equal(admin.request.usernameParameter, '{username}');
  assert.equal(admin.callerContext.clientId, 'CLIENT_ID_NOT_APPLICABLE');
  assert.equal('response' in sampleEvent('CustomEmailSender'), false);
  assert.equal('password' in (sampleEvent('UserMigration', 'UserMigration_ForgotPassword').request as object), false);
  assert.equal('userAttributes' in (sampleEvent('UserMigration').request as object), false);
  assert.equal(sampleEvent('PreTokenGenerationV3').version, '3');
  assert.deepEqual(Object.keys(sampleEvent('PreTokenGenerationV2').response as object), ['claimsAndScopeOverrideDetails']);
  assert.equal(sampleEvent('SyncTrigger').version, 2);
  const minimal = sampleEvent('PreSignUp', undefined, { minimal: true }) as { request: Record<string, unknown> };
  assert.deepEqual(Object.keys(minimal.request), ['userAttributes']);
});

test('convertEvent keeps the envelope and shared request fields, resets the rest', () => {
  type Ev = Record<string, unknown> & { request: Record<string, unknown>; response: unknown; callerContext: Record<string, unknown> };
  const from = sampleEvent('PreSignUp', 'PreSignUp_SignUp', { region: 'eu-west-1' }) as Ev;
  from.request.userAttributes = { email: 'kim@example.com' };
  from.request.validationData = { a: 'b' };
  const to = convertEvent(from, { triggerId: 'PostConfirmation', source: 'PostConfirmation_ConfirmForgotPassword' }) as Ev;
  assert.equal(to.triggerSource, 'PostConfirmation_ConfirmForgotPassword');
  assert.equal(to.region, 'eu-west-1');
  assert.equal(to.userPoolId, from.userPoolId);
  assert.deepEqual(to.request.userAttributes, { email: 'kim@example.com' });
  assert.equal('validationData' in to.request, false, 'post confirmation has no validationData');
  assert.deepEqual(to.response, {});
  assert.deepEqual(checkEvent(to, recognizeEvent(to)), []);
  assert.deepEqual(from.request.validationData, { a: 'b' }, 'input not modified');
  const other = convertEvent(from, { triggerId: 'PreSignUp', source: 'PreSignUp_AdminCreateUser' });
  assert.equal((other.callerContext as Record<string, unknown>).clientId, from.callerContext.clientId);
  assert.equal(convertEvent('garbage', { triggerId: 'UserMigration' }).triggerSource, 'UserMigration_Authentication');
  assert.throws(() => convertEvent(from, { triggerId: 'Nope' }), /Unknown trigger id/);
});

/** A small deterministic generator of hostile JSON-ish values. */
function* garbage(): Generator<unknown> {
  const atoms: unknown[] = [null, undefined, 0, -1.5, NaN, '', 'x', true, false, [], {}, [[[]]], { a: { b: { c: null } } }, '<p>', 'None'];
  yield* atoms;
  const keys = ['version', 'triggerSource', 'region', 'userPoolId', 'callerContext', 'request', 'response', 'eventType', 'datasetRecords', 'identityPoolId'];
  let seed = 7;
  const next = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648);
  for (let n = 0; n < 400; n++) {
    const e: Record<string, unknown> = {};
    for (const k of keys) if (next() % 3 === 0) e[k] = atoms[next() % atoms.length];
    if (next() % 2) e.triggerSource = TRIGGERS[next() % TRIGGERS.length]?.sources[0]?.value;
    if (next() % 2) e.request = { userAttributes: atoms[next() % atoms.length], session: atoms[next() % atoms.length], scopes: [atoms[next() % atoms.length]] };
    if (next() % 2) e.response = { claimsAndScopeOverrideDetails: { idTokenGeneration: { claimsToAddOrOverride: atoms[next() % atoms.length], claimsToSuppress: [1, null, 'sub'] } }, smsMessage: atoms[next() % atoms.length] };
    yield e;
  }
}

test('no crash on any input', () => {
  let count = 0;
  for (const value of garbage()) {
    for (const hint of [{}, { triggerId: 'PreTokenGenerationV2' }, { triggerId: 'SyncTrigger' }, { triggerId: 'nope' }]) {
      const r = recognizeEvent(value, hint);
      const issues = checkEvent(value, r);
      assert.ok(Array.isArray(issues));
      for (const i of issues) assert.ok(i.message.length > 0 && Array.isArray(i.path));
      count++;
    }
  }
  assert.ok(count > 1000);
  const deep: Record<string, unknown> = {};
  let cur = deep;
  for (let i = 0; i < 5000; i++) cur = (cur.request = {}) as Record<string, unknown>;
  assert.doesNotThrow(() => checkEvent(deep, recognizeEvent(deep, { triggerId: 'PreSignUp' })));
  assert.equal(recognizeEvent([1, 2]).quirks[0]?.code, 'not-an-object');
});
