// Regression tests for the audit's event-check findings: claim values (M2), placeholder suggestions
// (minor 4), pre token versions (minor 5), refused claims (team decision), articles (18), samples (17).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { checkEvent, recognizeEvent, sampleEvent, type EventIssue } from '../../server/src/core/events';
import { withArticle } from '../../server/src/core/events/json';
import { codeActions } from '../../server/src/core/features/handlerCode/codeActions';
import { TRIGGERS } from '../../server/src/core/model';
import { analyze } from './handlerHelpers';

const FIX = path.resolve(__dirname, '..', 'fixtures', 'eventJson');
const load = (rel: string): Record<string, unknown> => JSON.parse(fs.readFileSync(path.join(FIX, rel), 'utf8')) as Record<string, unknown>;
const check = (event: unknown, triggerId?: string): EventIssue[] => checkEvent(event, recognizeEvent(event, triggerId ? { triggerId } : {}));
const at = (issues: readonly EventIssue[], code: string): string[] => issues.filter((i) => i.code === code).map((i) => i.path.join('.'));
type Ev = Record<string, unknown> & { request: Record<string, unknown>; response: Record<string, unknown> };
const sample = (id: string, source?: string): Ev => sampleEvent(id, source) as Ev;

describe('M2: claim values', () => {
  test('V2/V3: a JSON object claim value may hold any keys at any depth', () => {
    const issues = check(load('events/x_v2_claims.json'));
    assert.deepEqual(at(issues, 'unknown-field'), []);
    for (const id of ['PreTokenGenerationV2', 'PreTokenGenerationV3']) {
      const e = sample(id);
      e.response.claimsAndScopeOverrideDetails = { accessTokenGeneration: { claimsToAddOrOverride: { org: { id: 1, tags: [{ a: { b: null } }] } } } };
      assert.deepEqual(check(e), [], id);
    }
  });
  test('V1: claim values are strings only', () => {
    const e = sample('PreTokenGeneration');
    e.response.claimsOverrideDetails = { claimsToAddOrOverride: { org: { id: 1 } } };
    assert.deepEqual(at(check(e), 'wrong-type'), ['response.claimsOverrideDetails.claimsToAddOrOverride.org']);
  });
});

describe('minor 4: a placeholder triggerSource suggests the recognised trigger’s sources', () => {
  const cases: Record<string, RegExp> = {
    UserMigration: /such as "UserMigration_Authentication" or "UserMigration_ForgotPassword"\./,
    DefineAuthChallenge: /such as "DefineAuthChallenge_Authentication"\./,
    VerifyAuthChallengeResponse: /such as "VerifyAuthChallengeResponse_Authentication"\./,
    PostAuthentication: /such as "PostAuthentication_Authentication"\./,
    PreTokenGenerationV2: /such as "TokenGeneration_HostedAuth", "TokenGeneration_Authentication"/,
  };
  for (const [id, expected] of Object.entries(cases)) {
    test(id, () => {
      const e = { ...sample(id), triggerSource: 'trigger_source' };
      const r = recognizeEvent(e);
      assert.equal(r.trigger?.id, id);
      const q = r.quirks.find((i) => i.code === 'placeholder-trigger-source');
      assert.match(q?.message ?? '', expected);
      assert.ok(!/PreSignUp_SignUp/.test(q?.message ?? '') || id === 'PreSignUp', q?.message);
    });
  }
  test('the auditor’s UserMigration file', () => {
    const q = recognizeEvent(load('events/UserMigration-placeholder.json')).quirks[0];
    assert.equal(q?.code, 'placeholder-trigger-source');
    assert.match(q?.message ?? '', /"UserMigration_Authentication"/);
  });
});

describe('minor 5: pre token event versions', () => {
  test('version "1" without request.scopes and a V2 response is a V1 event with a V2 response', () => {
    const issues = check(load('events/x_v1_with_v2.json'));
    assert.equal(recognizeEvent(load('events/x_v1_with_v2.json')).trigger?.id, 'PreTokenGeneration');
    assert.deepEqual(issues.map((i) => i.code), ['pre-token-response-version']);
    assert.match(issues[0]?.message ?? '', /^V2 response \(claimsAndScopeOverrideDetails\) in a version 1 event: Cognito ignores it unless the pool's PreTokenGenerationConfig LambdaVersion is V2_0\/V3_0/);
  });
  test('a client-credentials event saying "2" is not told it has "version 2 keys although"', () => {
    const [w, ...rest] = check(load('events/x_cc_v2.json'));
    assert.equal(rest.length, 0);
    assert.equal(w?.code, 'pre-token-version-mismatch');
    assert.doesNotMatch(w?.message ?? '', /although/);
    assert.match(w?.message ?? '', /^version is "2", but TokenGeneration_ClientCredentials \(machine-to-machine\) events only exist in event version 3; Cognito sends "3"/);
  });
  test('a V2 event saying "1" keeps its explanation', () => {
    const e = { ...sample('PreTokenGenerationV2'), version: '1' };
    assert.match(check(e)[0]?.message ?? '', /version is "1" although the event has version 2 keys/);
  });
});

describe('team decision: claims Cognito refuses are dropped (warning)', () => {
  test('adding sub and suppressing iss: warnings saying Cognito drops them', () => {
    const issues = check(load('events/x_v2_claims.json')).filter((i) => i.code === 'claim-not-allowed');
    assert.equal(issues.length, 2);
    for (const i of issues) {
      assert.equal(i.severity, 'warning');
      assert.match(i.message, /^Cognito drops /);
    }
    assert.match(issues[0]?.message ?? '', /"sub".*the token keeps Cognito's own value/);
    assert.match(issues[1]?.message ?? '', /suppression of "iss".*the token keeps it/);
  });
  test('V1 too, and an access-token aud other than the client id', () => {
    const v1 = sample('PreTokenGeneration');
    v1.response.claimsOverrideDetails = { claimsToAddOrOverride: { 'cognito:username': 'x' } };
    assert.deepEqual(check(v1).map((i) => `${i.code}:${i.severity}`), ['claim-not-allowed:warning']);
    const v2 = sample('PreTokenGenerationV2');
    v2.response.claimsAndScopeOverrideDetails = { accessTokenGeneration: { claimsToAddOrOverride: { aud: 'other' } } };
    const [aud] = check(v2);
    assert.equal(`${aud?.code}:${aud?.severity}`, 'aud-must-match-client:warning');
    assert.match(aud?.message ?? '', /^Cognito drops aud "other"/);
  });
});

describe('minor 18: articles in messages', () => {
  test('withArticle goes by sound', () => {
    assert.deepEqual(
      ['Inbound federation', 'Pre sign-up', 'array', 'user', 'SMS code', 'URL', 'hour'].map(withArticle),
      ['an Inbound federation', 'a Pre sign-up', 'an array', 'a user', 'an SMS code', 'a URL', 'an hour'],
    );
  });
  test('trigger mismatch names "an Inbound federation event"', () => {
    const e = sample('InboundFederation');
    const q = recognizeEvent(e, { triggerId: 'PreSignUp' }).quirks.find((i) => i.code === 'trigger-mismatch');
    assert.match(q?.message ?? '', /^This is an Inbound federation event .*, but it is used as a Pre sign-up event\.$/);
    const used = recognizeEvent(sample('PreSignUp'), { triggerId: 'InboundFederation' }).quirks.find((i) => i.code === 'trigger-mismatch');
    assert.match(used?.message ?? '', /used as an Inbound federation event/);
  });
  test('not-an-object names the JSON type with its article', () => {
    assert.match(recognizeEvent([1]).quirks[0]?.message ?? '', /this is an array\.$/);
    assert.match(recognizeEvent(undefined).quirks[0]?.message ?? '', /this is not valid JSON\.$/);
    assert.match(recognizeEvent(3).quirks[0]?.message ?? '', /this is a number\.$/);
  });
});

describe('minor 17: realistic sample events', () => {
  const attrs = (id: string, source: string): Record<string, string> => sample(id, source).request.userAttributes as Record<string, string>;
  test('sign-up sources: UNCONFIRMED, not verified; admin-created: FORCE_CHANGE_PASSWORD', () => {
    for (const [id, prefix] of [['CustomMessage', 'CustomMessage'], ['CustomEmailSender', 'CustomEmailSender'], ['CustomSMSSender', 'CustomSMSSender']] as const) {
      const signUp = attrs(id, `${prefix}_SignUp`);
      assert.equal(signUp['cognito:user_status'], 'UNCONFIRMED', id);
      assert.ok(signUp.email_verified === 'false' || signUp.phone_number_verified === 'false', id);
      assert.equal(attrs(id, `${prefix}_AdminCreateUser`)['cognito:user_status'], 'FORCE_CHANGE_PASSWORD', id);
    }
    assert.equal(attrs('CustomMessage', 'CustomMessage_ForgotPassword')['cognito:user_status'], 'CONFIRMED');
  });
  test('pre sign-up: the user does not exist yet (no sub or status); federated user names', () => {
    const admin = attrs('PreSignUp', 'PreSignUp_AdminCreateUser');
    assert.equal('sub' in admin || 'cognito:user_status' in admin, false, JSON.stringify(admin));
    assert.equal(sample('PreSignUp', 'PreSignUp_ExternalProvider').userName, 'Google_111111111111111111111');
  });
  test('account takeover notification: the @types userAttributes shape', () => {
    const keys = Object.keys(attrs('CustomEmailSender', 'CustomEmailSender_AccountTakeOverNotification'));
    assert.deepEqual(keys, ['EVENT_ID', 'USER_NAME', 'IP_ADDRESS', 'ACCOUNT_TAKE_OVER_ACTION', 'ONE_CLICK_LINK_VALID', 'ONE_CLICK_LINK_INVALID', 'LOGIN_TIME', 'FEEDBACK_TOKEN', 'CITY', 'COUNTRY', 'DEVICE_NAME']);
  });
  test('create auth challenge: a custom challenge after the SRP steps', () => {
    const r = sample('CreateAuthChallenge').request;
    assert.deepEqual(r.session, [{ challengeName: 'SRP_A', challengeResult: true }, { challengeName: 'PASSWORD_VERIFIER', challengeResult: true }]);
    assert.equal(r.challengeName, 'CUSTOM_CHALLENGE');
  });
  test('client credentials (V3 M2M): no invented user, and the decision is written down', () => {
    const e = sample('PreTokenGenerationV3', 'TokenGeneration_ClientCredentials');
    assert.deepEqual(e.request.userAttributes, {});
    assert.equal(e.userName, (e.callerContext as Record<string, unknown>).clientId);
    assert.deepEqual(e.request.groupConfiguration, { groupsToOverride: [], iamRolesToOverride: [], preferredRole: null });
    const t = TRIGGERS.find((x) => x.id === 'PreTokenGenerationV3');
    assert.match(t?.event.properties?.request?.properties?.userAttributes?.note ?? '', /TokenGeneration_ClientCredentials .* authorises an app client, not a user/);
    // Other V3 sources keep a user.
    assert.equal((sample('PreTokenGenerationV3', 'TokenGeneration_Authentication').request.userAttributes as Record<string, string>)['cognito:user_status'], 'CONFIRMED');
  });
});

describe('minor 18: articles outside the event checks (minimal edits in other areas)', () => {
  test('the "Mark as … handler" quick fix says "an Inbound federation handler"', () => {
    const text = 'exports.handler = async (event) => event;\n';
    const d = TextDocument.create('file:///w/x.js', 'javascript', 1, text);
    const titles = codeActions(d, { start: { line: 0, character: 9 }, end: { line: 0, character: 9 } }, { diagnostics: [] }, analyze(text)).map((a) => a.title);
    assert.ok(titles.some((t) => t.startsWith("Mark 'handler' as an Inbound federation handler")), titles.join('\n'));
    assert.ok(!titles.some((t) => / as a [AEIOU]/.test(t)), titles.join('\n'));
  });
});

test('a response key of another trigger is a warning that says Cognito ignores it', () => {
  const event = sampleEvent('PreSignUp', 'PreSignUp_SignUp') as { response: Record<string, unknown> };
  event.response.smsMessage = 'Your code is {####}';
  const issue = checkEvent(event, recognizeEvent(event)).find((i) => i.code === 'field-not-for-trigger');
  assert.equal(issue?.severity, 'warning', JSON.stringify(issue));
  assert.deepEqual(issue?.path, ['response', 'smsMessage']);
  assert.match(issue?.message ?? '', /belongs to Custom message\. Cognito ignores it here\./);
});
