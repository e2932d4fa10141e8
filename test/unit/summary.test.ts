// Summaries: what Cognito would do with each trigger's answer, and with failures.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { InvokeOutcome } from '../../server/src/core/protocol/invokeResult';
import { mergeDataset, summarize } from '../../server/src/core/summary';

const returned = (value: unknown): InvokeOutcome => ({ kind: 'returned', value });
const texts = (s: { lines: { text: string }[] }): string => s.lines.map((l) => l.text).join('\n');

describe('failures (any trigger)', () => {
  it('a thrown error: the operation fails with Cognito’s error text', () => {
    const s = summarize({ triggerId: 'PreSignUp', input: {}, outcome: { kind: 'error', errorType: 'Error', errorMessage: 'Sign-ups are closed' } });
    assert.equal(s.succeeds, false);
    assert.equal(s.cognitoError, 'PreSignUp failed with error Sign-ups are closed.');
    assert.match(s.headline, /^Sign-up fails; the app receives `PreSignUp failed with error Sign-ups are closed\.`/);
  });
  it('a timeout: three attempts in all, then the operation fails', () => {
    // Developer guide, Important considerations: "If it does not, Amazon Cognito retries the call.
    // After three unsuccessful attempts, the function times out." Three attempts, not 1 + 3 retries.
    const s = summarize({ triggerId: 'PreAuthentication', input: {}, outcome: { kind: 'timeout', limitMs: 5000 } });
    assert.equal(s.succeeds, false);
    assert.match(s.headline, /tries three times in all, then the operation fails/);
    assert.doesNotMatch(`${s.headline} ${texts(s)}`, /retries up to 3/);
    assert.equal(s.source.url, 'https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-working-with-lambda-triggers.html#important-lambda-considerations');
  });
  it('a crash and a start failure', () => {
    const c = summarize({ triggerId: 'PostConfirmation', input: {}, outcome: { kind: 'crashed', reason: 'exit', exitCode: 3 } });
    assert.equal(c.cognitoError, 'PostConfirmation failed with error Runtime exited with error: exit status 3.');
    const f = summarize({ triggerId: 'PreSignUp', input: {}, outcome: { kind: 'failedToStart', message: 'Syntax error', location: { file: '/a.js', line: 3, column: 7 } } });
    assert.equal(f.lines[0]?.text, '/a.js:3:7: Syntax error');
  });
  it('an answer that is not the event: Unrecognizable lambda output', () => {
    const s = summarize({ triggerId: 'PreSignUp', input: {}, outcome: returned(null), ignoredReturn: true });
    assert.equal(s.succeeds, false);
    assert.equal(s.cognitoError, 'Unrecognizable lambda output');
    assert.match(texts(s), /Lambda discards a plain return value/);
  });
  it('async custom sender errors do not produce a Cognito error text', () => {
    const s = summarize({ triggerId: 'CustomEmailSender', input: {}, outcome: { kind: 'error', errorType: 'Error', errorMessage: 'x' } });
    assert.equal(s.cognitoError, undefined);
    assert.match(s.headline, /asynchronously/);
  });
});

describe('pre sign-up', () => {
  const ev = (response: object, attrs: object = { email: 'a@example.com' }, source = 'PreSignUp_SignUp') => ({ triggerSource: source, request: { userAttributes: attrs }, response });
  it('auto-confirm and verify email (present)', () => {
    const e = ev({ autoConfirmUser: true, autoVerifyEmail: true, autoVerifyPhone: false });
    const s = summarize({ triggerId: 'PreSignUp', triggerSource: 'PreSignUp_SignUp', input: e, outcome: returned(e) });
    assert.equal(s.headline, 'User auto-confirmed; email marked verified (requires an email attribute: present).');
    assert.equal(s.succeeds, true);
  });
  it('verify phone without a phone number fails the sign-up', () => {
    const e = ev({ autoConfirmUser: true, autoVerifyPhone: true });
    const s = summarize({ triggerId: 'PreSignUp', triggerSource: 'PreSignUp_SignUp', input: e, outcome: returned(e) });
    assert.equal(s.succeeds, false);
    // The reason comes first; no "marked verified" claim for what fails (auditor's minor 10).
    assert.equal(s.headline, 'Sign-up fails: autoVerifyPhone is true but the user has no phone_number attribute.');
  });
  it('no flags: unconfirmed; admin-created users ignore the flags', () => {
    const e = ev({ autoConfirmUser: false });
    assert.match(summarize({ triggerId: 'PreSignUp', triggerSource: 'PreSignUp_SignUp', input: e, outcome: returned(e) }).headline, /UNCONFIRMED/);
    const a = ev({ autoConfirmUser: true }, {}, 'PreSignUp_AdminCreateUser');
    const s = summarize({ triggerId: 'PreSignUp', triggerSource: 'PreSignUp_AdminCreateUser', input: a, outcome: returned(a) });
    assert.match(s.headline, /FORCE_CHANGE_PASSWORD/);
    // "Response parameters autoVerifyPhone, autoVerifyEmail and autoConfirmUser are ignored by Amazon
    // Cognito when the Pre Sign-up lambda is triggered by the AdminCreateUser API."
    assert.match(texts(s), /autoConfirmUser is ignored for PreSignUp_AdminCreateUser/);
  });
});

describe('pre token generation', () => {
  it('v2: claims and scopes per token, refused changes dropped', () => {
    const value = {
      callerContext: { clientId: 'client1' },
      request: { userAttributes: { email: 'a@example.com' } },
      response: {
        claimsAndScopeOverrideDetails: {
          idTokenGeneration: { claimsToAddOrOverride: { tenant: 't-1', sub: 'evil' }, claimsToSuppress: ['email'] },
          accessTokenGeneration: { claimsToAddOrOverride: { aud: 'other' }, scopesToAdd: ['orders/read', 'bad scope'], scopesToSuppress: ['phone'] },
          groupOverrideDetails: { groupsToOverride: ['admins'] },
        },
      },
    };
    const s = summarize({ triggerId: 'PreTokenGenerationV2', input: value, outcome: returned(value) });
    const t = texts(s);
    assert.match(t, /ID token claims added or overridden: tenant: t-1/);
    assert.match(t, /ID token: dropped sub \(Cognito refuses to add it/);
    assert.match(t, /ID token claims suppressed: email/);
    assert.match(t, /Access token scopes: \+orders\/read -phone/);
    assert.match(t, /Access token: scope "bad scope" contains white space: Cognito rejects the answer/);
    assert.match(t, /Access token: dropped aud \(must equal the app client id client1\)/);
    assert.match(t, /cognito:groups becomes \[admins\] in both tokens/);
    assert.match(s.headline, /dropped by Cognito/);
  });
  it('v1: the v2 shape is ignored', () => {
    const value = { response: { claimsAndScopeOverrideDetails: {} } };
    assert.match(texts(summarize({ triggerId: 'PreTokenGeneration', input: value, outcome: returned(value) })), /version 1 trigger ignores it/);
  });
});

describe('other families', () => {
  it('custom message: code substituted, missing placeholder warned', () => {
    const value = { userName: 'ana', request: { codeParameter: '{####}', usernameParameter: '{username}' }, response: { emailSubject: 'Welcome', emailMessage: 'Your code is {####}', smsMessage: 'Hi' } };
    const s = summarize({ triggerId: 'CustomMessage', triggerSource: 'CustomMessage_SignUp', input: value, outcome: returned(value) });
    assert.match(texts(s), /Email: Your code is 123456/);
    assert.match(texts(s), /SMS lacks the code placeholder/);
  });
  it('define auth challenge: each state', () => {
    const d = (response: object) => summarize({ triggerId: 'DefineAuthChallenge', input: {}, outcome: returned({ request: { session: [{}] }, response }) });
    assert.match(d({ issueTokens: true }).headline, /issues the tokens/);
    assert.equal(d({ failAuthentication: true }).succeeds, false);
    assert.match(d({ challengeName: 'CUSTOM_CHALLENGE' }).headline, /create auth challenge next/);
    assert.equal(d({}).succeeds, false);
  });
  it('sync: merge (omitted ignored, null removes)', () => {
    const input = { datasetRecords: { level: { oldValue: '3', newValue: '4', op: 'replace' }, color: { oldValue: 'red', newValue: 'blue', op: 'replace' }, tmp: { oldValue: 'x', newValue: 'y', op: 'replace' } } };
    const answer = { datasetRecords: { level: { oldValue: '3', newValue: '4', op: 'replace' }, tmp: { oldValue: 'x', newValue: null, op: 'replace' }, badge: { oldValue: null, newValue: 'level-4', op: 'replace' } } };
    assert.deepEqual(mergeDataset(input, answer), [
      { key: 'badge', value: 'level-4', change: 'written' },
      { key: 'color', value: 'red', change: 'ignored' },
      { key: 'level', value: '4', change: 'written' },
      { key: 'tmp', value: null, change: 'removed' },
    ]);
    assert.match(summarize({ triggerId: 'SyncTrigger', input, outcome: returned(answer) }).headline, /2 record\(s\) written, 1 removed, 1 ignored/);
  });
  it('user migration without attributes migrates nobody', () => {
    const s = summarize({ triggerId: 'UserMigration', triggerSource: 'UserMigration_Authentication', input: {}, outcome: returned({ response: {} }) });
    assert.equal(s.succeeds, false);
    const ok = summarize({ triggerId: 'UserMigration', triggerSource: 'UserMigration_Authentication', input: {}, outcome: returned({ response: { userAttributes: { email: 'a@b.c' }, finalUserStatus: 'CONFIRMED' } }) });
    assert.match(texts(ok), /CONFIRMED/);
  });
  it('unknown trigger: answer reported without Cognito rules', () => {
    assert.match(summarize({ input: {}, outcome: returned({}) }).headline, /trigger is unknown/);
  });
});
