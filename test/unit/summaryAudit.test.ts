// Summaries against the auditor's findings: answers Cognito rejects fail, changes it ignores only warn,
// Sync read-only fields, suppression over override, client credentials, reasons first, error locations.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { InvokeOutcome, ResponseIssue } from '../../server/src/core/protocol/invokeResult';
import { normalizeResponseIssues, summarize } from '../../server/src/core/summary';

const returned = (value: unknown): InvokeOutcome => ({ kind: 'returned', value });
const texts = (s: { lines: { text: string }[] }): string => s.lines.map((l) => l.text).join('\n');
const issue = (code: string, severity: ResponseIssue['severity'], message: string, path: string[] = ['response', 'x']): ResponseIssue => ({ code, severity, message, path });

describe('M5: the summary follows the response issues', () => {
  const ev = { triggerSource: 'PreSignUp_SignUp', request: { userAttributes: { email: 'a@example.com' } }, response: { autoConfirmUser: 'yes' } };
  it('an error Cognito rejects fails the operation, reason first, with what the app sees', () => {
    const s = summarize({ triggerId: 'PreSignUp', triggerSource: 'PreSignUp_SignUp', input: ev, outcome: returned(ev), issues: [issue('wrong-type', 'error', 'response.autoConfirmUser must be a boolean, not string.')] });
    assert.equal(s.succeeds, false);
    assert.match(s.headline, /^Sign-up fails: response\.autoConfirmUser must be a boolean, not string\. The app receives InvalidLambdaResponseException\.$/);
    assert.match(s.cognitoError ?? '', /^InvalidLambdaResponseException/);
  });
  it('warnings do not fail', () => {
    const s = summarize({ triggerId: 'PreSignUp', triggerSource: 'PreSignUp_SignUp', input: ev, outcome: returned(ev), issues: [issue('missing-field', 'warning', 'lacks x')] });
    assert.equal(s.succeeds, true);
  });
  it('custom message without the code placeholder fails by itself (no issues given)', () => {
    const v = { request: { codeParameter: '{####}' }, response: { smsMessage: 'Welcome! Please verify your phone.' } };
    const s = summarize({ triggerId: 'CustomMessage', triggerSource: 'CustomMessage_SignUp', input: v, outcome: returned(v) });
    assert.equal(s.succeeds, false);
    // Observed (amazon-cognito-identity-js#99): "InvalidParameterException: 1 validation error detected: Value
    // at 'emailBody' failed to satisfy constraint: Member must satisfy regular expression pattern: …\{####\}…"
    assert.match(s.headline, /^Sending the message fails: SMS lacks the code placeholder \{####\}\. The app receives InvalidParameterException \(observed\)\./);
    assert.match(s.cognitoError ?? '', /^InvalidParameterException: .*\\\{####\\\}/);
  });
  it('Sync answers Cognito rejects: InvalidLambdaFunctionOutputException', () => {
    const input = { version: 2, eventType: 'SyncTrigger', datasetName: 'd', datasetRecords: { k: { oldValue: 'a', newValue: 'b', op: 'replace' } } };
    const out = structuredClone(input);
    out.datasetRecords.k.op = 'delete';
    const s = summarize({ triggerId: 'SyncTrigger', input, outcome: returned(out), issues: [issue('invalid-enum-value', 'error', 'datasetRecords.k.op is "delete".', ['datasetRecords', 'k', 'op'])] });
    assert.equal(s.succeeds, false);
    assert.match(s.cognitoError ?? '', /^InvalidLambdaFunctionOutputException/);
  });
});

describe('M6: Sync read-only fields', () => {
  const input = { version: 2, eventType: 'SyncTrigger', region: 'us-east-1', identityPoolId: 'us-east-1:1', identityId: 'us-east-1:2', datasetName: 'SampleDataset', datasetRecords: { k: { oldValue: 'a', newValue: 'b', op: 'replace' } } };
  for (const [field, value] of [['datasetName', 'x'], ['identityId', 'other'], ['identityPoolId', 'p'], ['region', 'eu-west-1'], ['version', 3], ['eventType', 'Other']] as const) {
    it(`changing ${field} fails the update`, () => {
      const out = { ...structuredClone(input), [field]: value };
      const s = summarize({ triggerId: 'SyncTrigger', input, outcome: returned(out) });
      assert.equal(s.succeeds, false);
      assert.match(s.headline, new RegExp(`^The dataset sync fails: the function changed ${field} \\(`));
      assert.match(texts(s), new RegExp(`${field} is read-only`));
    });
  }
  it('records only: the sync succeeds', () => {
    const out = structuredClone(input);
    out.datasetRecords.k.newValue = 'c';
    assert.equal(summarize({ triggerId: 'SyncTrigger', input, outcome: returned(out) }).succeeds, true);
  });
});

describe('M10 / M11: pre token claims', () => {
  it('a claim both added and suppressed is suppressed, not reported as added', () => {
    const v = { request: { userAttributes: {} }, response: { claimsAndScopeOverrideDetails: { idTokenGeneration: { claimsToAddOrOverride: { tier: 'gold', team: 'a' }, claimsToSuppress: ['tier'] } } } };
    const s = summarize({ triggerId: 'PreTokenGenerationV2', triggerSource: 'TokenGeneration_Authentication', input: v, outcome: returned(v) });
    const t = texts(s);
    assert.match(t, /ID token claims added or overridden: team: a$/m);
    assert.doesNotMatch(t, /overridden: .*tier/);
    assert.match(t, /tier: suppressed \(also in claimsToAddOrOverride; suppression wins\)/);
  });
  it('refused claims are dropped (warnings), never a failure, even when the check says error', () => {
    const v = { request: { userAttributes: {} }, response: { claimsAndScopeOverrideDetails: { idTokenGeneration: { claimsToAddOrOverride: { sub: 'x', 'cognito:username': 'u' }, claimsToSuppress: ['iss'] } } } };
    const issues = normalizeResponseIssues([issue('claim-not-allowed', 'error', 'Cognito does not let a function add or change "sub".'), issue('aud-must-match-client', 'error', 'aud')]);
    assert.deepEqual(issues.map((i) => i.severity), ['warning', 'warning']);
    const s = summarize({ triggerId: 'PreTokenGenerationV2', triggerSource: 'TokenGeneration_Authentication', input: v, outcome: returned(v), issues });
    assert.equal(s.succeeds, true);
    assert.match(s.headline, /3 change\(s\) dropped by Cognito/);
    assert.ok(s.lines.filter((l) => /dropped/.test(l.text)).every((l) => l.severity === 'warning'));
  });
});

describe('M9: client credentials (V3 machine-to-machine)', () => {
  const v = {
    version: '3',
    triggerSource: 'TokenGeneration_ClientCredentials',
    request: { userAttributes: {}, scopes: ['a/b'] },
    response: {
      claimsAndScopeOverrideDetails: {
        idTokenGeneration: { claimsToAddOrOverride: { family_name: 'Doe' } },
        accessTokenGeneration: { claimsToAddOrOverride: { tenant: 'acme' }, scopesToAdd: ['x/y'] },
        groupOverrideDetails: { groupsToOverride: ['g'] },
      },
    },
  };
  it('no ID token and no groups: access token claims and scopes only; the rest is ignored', () => {
    const s = summarize({ triggerId: 'PreTokenGenerationV3', triggerSource: 'TokenGeneration_ClientCredentials', input: v, outcome: returned(v) });
    const t = texts(s);
    assert.doesNotMatch(t, /ID token claims|cognito:groups becomes/);
    assert.match(t, /Access token claims added or overridden: tenant: acme/);
    assert.match(t, /Access token scopes: \+x\/y/);
    assert.match(t, /idTokenGeneration is ignored for client credentials/);
    assert.match(t, /groupOverrideDetails is ignored for client credentials/);
    assert.match(s.headline, /^Access token issued with 2 change\(s\)\.$/);
  });
});

describe('minor 10 and 12', () => {
  it('a failing pre sign-up states the reason first', () => {
    const e = { triggerSource: 'PreSignUp_SignUp', request: { userAttributes: { name: 'Jane' } }, response: { autoConfirmUser: true, autoVerifyEmail: true } };
    const s = summarize({ triggerId: 'PreSignUp', triggerSource: 'PreSignUp_SignUp', input: e, outcome: returned(e) });
    assert.equal(s.headline, 'Sign-up fails: autoVerifyEmail is true but the user has no email attribute.');
  });
  it('a thrown error names where it was thrown (the first stack frame)', () => {
    const s = summarize({ triggerId: 'PreSignUp', input: {}, outcome: { kind: 'error', errorType: 'TypeError', errorMessage: 'boom', stack: ['at handler (/src/h.ts:7:43)', 'at node:internal/x:1:1'] } });
    assert.equal(s.lines[0]?.text, 'TypeError: boom (at /src/h.ts:7:43)');
  });
});
