// Issue 9, section 2: every statement fixed against its source, with the source quoted beside the test.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkEvent, recognizeEvent, sampleEvent } from '../../server/src/core/events';
import { trigger } from '../../server/src/core/model';
import { SOURCES } from '../../server/src/core/model/sources';
import type { InvokeOutcome, InvokeSummary } from '../../server/src/core/protocol/invokeResult';
import { summarize } from '../../server/src/core/summary';
import { diagnosticsOf } from './handlerHelpers';

type Json = Record<string, unknown>;
const returned = (value: unknown): InvokeOutcome => ({ kind: 'returned', value });
const texts = (s: InvokeSummary): string => s.lines.map((l) => l.text).join('\n');
const lineOf = (s: InvokeSummary, re: RegExp): InvokeSummary['lines'][number] | undefined => s.lines.find((l) => re.test(l.text));
const issuesOf = (e: unknown): ReturnType<typeof checkEvent> => checkEvent(e, recognizeEvent(e));
const sample = (id: string, source: string, patch: (e: Json) => void): Json => {
  const e = sampleEvent(id, source);
  patch(e);
  return e;
};
const res = (e: Json): Json => e.response as Json;
const req = (e: Json): Json => e.request as Json;

describe('timeouts', () => {
  // "If it does not, Amazon Cognito retries the call. After three unsuccessful attempts, the function times out."
  it('says three attempts in all and shows side effects that ran before the limit', () => {
    const s = summarize({ triggerId: 'PostConfirmation', input: {}, outcome: { kind: 'timeout', limitMs: 5000 }, logs: 'sent welcome email to jane@example.com\n' });
    assert.match(s.headline, /three times in all/);
    const side = lineOf(s, /print 1 line/);
    assert.ok(side, texts(s));
    assert.match(side.text, /sent welcome email.*happens once per attempt, up to three times/);
    assert.equal(side.source.url, SOURCES.triggerTimeout.url);
  });
});

describe('Cognito Sync is not a user pool', () => {
  // UpdateRecords errors: "InvalidLambdaFunctionOutputException: The AWS Lambda function returned invalid output or an exception."
  it('a thrown error reaches the app as InvalidLambdaFunctionOutputException from UpdateRecords', () => {
    const s = summarize({ triggerId: 'SyncTrigger', input: {}, outcome: { kind: 'error', errorType: 'Error', errorMessage: 'nope' } });
    assert.match(s.cognitoError ?? '', /^InvalidLambdaFunctionOutputException/);
    assert.doesNotMatch(`${s.headline} ${texts(s)}`, /UserLambdaValidationException|failed with error/);
  });
  // "the function must respond within 5 seconds. If it doesn't, the Amazon Cognito Sync service generates a LambdaSocketTimeoutException exception."
  it('a timeout is LambdaSocketTimeoutException, without user pool retries', () => {
    const s = summarize({ triggerId: 'SyncTrigger', input: {}, outcome: { kind: 'timeout', limitMs: 5000 } });
    assert.match(s.headline, /LambdaSocketTimeoutException \(no retries are documented\)/);
    assert.doesNotMatch(s.headline, /three|retries the call/);
  });
});

describe('migrate user', () => {
  const ev = (source: string, response: Json): Json => sample('UserMigration', source, (e) => Object.assign(res(e), response));
  // "If you don't set this attribute to CONFIRMED, it's set to RESET_REQUIRED."
  it('no finalUserStatus: RESET_REQUIRED, as the developer guide says', () => {
    const e = ev('UserMigration_Authentication', { userAttributes: { email: 'a@example.com' } });
    const s = summarize({ triggerId: 'UserMigration', triggerSource: 'UserMigration_Authentication', input: e, outcome: returned(e) });
    const l = lineOf(s, /No finalUserStatus/);
    assert.ok(l, texts(s));
    assert.match(l.text, /set to RESET_REQUIRED/);
    assert.doesNotMatch(texts(s), /must confirm before the sign-in/);
  });
  // Until March 2022 (awsdocs/amazon-cognito-developer-guide 280b651): "During sign-in, this attribute can be set to CONFIRMED, or not set, to auto-confirm your users";
  // since: "If you don't set this attribute to CONFIRMED, it's set to RESET_REQUIRED." The live page could not be read through the search tool; the product follows the newer text and says the guide changed.
  it('the older guide text that an unset status auto-confirms is kept as history, not followed', () => {
    assert.match(SOURCES.migrateFinalStatusHistory.quote, /or not set, to auto-confirm/);
    assert.match(SOURCES.migrateFinalStatus.quote, /it's set to RESET_REQUIRED/);
    const f = trigger('UserMigration').event.properties?.response?.properties?.finalUserStatus;
    assert.match(f?.note ?? '', /Until March 2022 the guide said an unset status also auto-confirms/);
    assert.deepEqual(f?.enum?.map((v) => v.value), ['CONFIRMED', 'RESET_REQUIRED']);
  });
  // "Your user's attributes in the request parameters must include a phone number, or else the migration of that user will fail."
  it('enableSMSMFA without phone_number fails the migration', () => {
    const e = ev('UserMigration_Authentication', { userAttributes: { email: 'a@example.com' }, finalUserStatus: 'CONFIRMED', enableSMSMFA: true });
    const s = summarize({ triggerId: 'UserMigration', triggerSource: 'UserMigration_Authentication', input: e, outcome: returned(e) });
    assert.equal(s.succeeds, false);
    assert.match(s.headline, /enableSMSMFA is true but the user has no phone_number/);
    const ok = ev('UserMigration_Authentication', { userAttributes: { phone_number: '+12065550100' }, finalUserStatus: 'CONFIRMED', enableSMSMFA: true });
    assert.equal(summarize({ triggerId: 'UserMigration', triggerSource: 'UserMigration_Authentication', input: ok, outcome: returned(ok) }).succeeds, true);
  });
  // "To reset their passwords in the forgot-password flow, a user must have either a verified email address or a verified phone number."
  it('the forgot-password flow needs a verified email or phone', () => {
    const bad = ev('UserMigration_ForgotPassword', { userAttributes: { email: 'a@example.com' } });
    const s = summarize({ triggerId: 'UserMigration', triggerSource: 'UserMigration_ForgotPassword', input: bad, outcome: returned(bad) });
    assert.equal(s.succeeds, false);
    assert.match(s.headline, /verified email or phone number/);
    const good = ev('UserMigration_ForgotPassword', { userAttributes: { email: 'a@example.com', email_verified: 'true' } });
    assert.equal(summarize({ triggerId: 'UserMigration', triggerSource: 'UserMigration_ForgotPassword', input: good, outcome: returned(good) }).succeeds, true);
  });
  // "You can set this parameter to SUPPRESS to decline to send the welcome message" — RESEND is not documented here.
  it('messageAction RESEND is flagged as not documented: summary, event check and handler check', () => {
    const e = ev('UserMigration_Authentication', { userAttributes: { email: 'a@example.com' }, finalUserStatus: 'CONFIRMED', messageAction: 'RESEND' });
    const s = summarize({ triggerId: 'UserMigration', triggerSource: 'UserMigration_Authentication', input: e, outcome: returned(e) });
    const l = lineOf(s, /RESEND/);
    assert.equal(l?.severity, 'warning');
    assert.match(l?.text ?? '', /not documented/);
    const issue = issuesOf(e).find((i) => i.path.join('.') === 'response.messageAction');
    assert.equal(issue?.code, 'invalid-enum-value');
    assert.equal(issue?.severity, 'warning');
    assert.match(issue?.message ?? '', /not documented/);
    const d = diagnosticsOf("exports.handler = async (event) => {\n  event.response.userAttributes = { email: 'a@example.com' };\n  event.response.messageAction = 'RESEND';\n  return event;\n};\n", 'userMigration.js');
    const h = d.find((x) => x.code === 'handler/invalid-value');
    assert.equal(h?.severity, 2);
    assert.match(String(h?.message ?? ''), /not documented/);
    assert.ok(!issuesOf(ev('UserMigration_Authentication', { userAttributes: { email: 'a@example.com' }, messageAction: 'SUPPRESS' })).some((i) => i.path.join('.') === 'response.messageAction'));
  });
});

describe('pre sign-up', () => {
  // "If autoVerifyEmail is set to true, the email attribute must have a valid, non-null value. Otherwise an error will occur"
  it('reads the attributes Cognito sent, not what the handler wrote into the request', () => {
    const input = sample('PreSignUp', 'PreSignUp_SignUp', (e) => (req(e).userAttributes = { name: 'Jane' }));
    const value = structuredClone(input);
    (req(value).userAttributes as Json).email = 'jane@example.com';
    res(value).autoVerifyEmail = true;
    const s = summarize({ triggerId: 'PreSignUp', triggerSource: 'PreSignUp_SignUp', input, outcome: returned(value) });
    assert.equal(s.succeeds, false);
    assert.match(s.headline, /autoVerifyEmail is true but the user has no email/);
    assert.match(lineOf(s, /changed event\.request/)?.text ?? '', /not documented/);
  });
  it('an event check reports autoVerifyPhone without phone_number, and not for AdminCreateUser', () => {
    const e = sample('PreSignUp', 'PreSignUp_SignUp', (x) => {
      req(x).userAttributes = { email: 'a@example.com' };
      res(x).autoVerifyPhone = true;
    });
    const i = issuesOf(e).find((x) => x.code === 'auto-verify-without-attribute');
    assert.equal(i?.severity, 'error');
    assert.deepEqual(i?.path, ['response', 'autoVerifyPhone']);
    const admin = sample('PreSignUp', 'PreSignUp_AdminCreateUser', (x) => {
      req(x).userAttributes = { email: 'a@example.com' };
      res(x).autoVerifyPhone = true;
    });
    assert.ok(!issuesOf(admin).some((x) => x.code === 'auto-verify-without-attribute'));
  });
  // "Response parameters autoVerifyPhone, autoVerifyEmail and autoConfirmUser are ignored by Amazon Cognito when … AdminCreateUser"
  it('says where each flag is set that AdminCreateUser ignores it', () => {
    const e = sample('PreSignUp', 'PreSignUp_AdminCreateUser', (x) => Object.assign(res(x), { autoConfirmUser: true, autoVerifyEmail: true }));
    const s = summarize({ triggerId: 'PreSignUp', triggerSource: 'PreSignUp_AdminCreateUser', input: e, outcome: returned(e) });
    assert.match(texts(s), /autoConfirmUser is ignored for PreSignUp_AdminCreateUser/);
    assert.match(texts(s), /autoVerifyEmail is ignored for PreSignUp_AdminCreateUser/);
    assert.doesNotMatch(texts(s), /autoVerifyPhone is ignored/);
  });
});

describe('pre token generation', () => {
  // "If you provide an empty or null object in the response, then Amazon Cognito suppresses the groups."
  for (const [id, details, value] of [
    ['PreTokenGeneration', 'claimsOverrideDetails', null],
    ['PreTokenGeneration', 'claimsOverrideDetails', {}],
    ['PreTokenGenerationV2', 'claimsAndScopeOverrideDetails', null],
    ['PreTokenGenerationV2', 'claimsAndScopeOverrideDetails', {}],
  ] as const) {
    it(`${id}: groupOverrideDetails ${JSON.stringify(value)} suppresses the groups`, () => {
      const e = sample(id, 'TokenGeneration_HostedAuth', (x) => (res(x)[details] = { groupOverrideDetails: value }));
      const s = summarize({ triggerId: id, triggerSource: 'TokenGeneration_HostedAuth', input: e, outcome: returned(e) });
      const l = lineOf(s, /suppresses the user's groups/);
      assert.ok(l, texts(s));
      assert.equal(l.source.url, SOURCES.preTokenGroups.url);
    });
  }
  it('a response without groupOverrideDetails keeps the groups', () => {
    const e = sample('PreTokenGeneration', 'TokenGeneration_HostedAuth', (x) => (res(x).claimsOverrideDetails = { claimsToAddOrOverride: { a: 'b' } }));
    assert.doesNotMatch(texts(summarize({ triggerId: 'PreTokenGeneration', input: e, outcome: returned(e) })), /suppresses the user's groups/);
  });
  it('which triggerSource GetTokensFromRefreshToken sends is stated as not documented, not assumed', () => {
    const sources = trigger('PreTokenGenerationV2').sources;
    assert.doesNotMatch(sources.find((s) => s.value === 'TokenGeneration_Authentication')?.description ?? '', /GetTokensFromRefreshToken/);
    assert.match(sources.find((s) => s.value === 'TokenGeneration_RefreshTokens')?.description ?? '', /GetTokensFromRefreshToken sends is not documented/);
  });
  // GetTokensFromRefreshToken ClientMetadata: "When you use the GetTokensFromRefreshToken API action, Amazon Cognito invokes the Lambda function the pre token generation trigger."
  it('GetTokensFromRefreshToken is said to invoke the trigger, with its API reference source', () => {
    const d = trigger('PreTokenGenerationV2').sources.find((s) => s.value === 'TokenGeneration_RefreshTokens')?.description ?? '';
    assert.match(d, /GetTokensFromRefreshToken invokes the trigger \(API reference/);
    assert.match(SOURCES.refreshTokenInvokes.quote, /invokes the Lambda function the pre token generation trigger/);
    assert.match(SOURCES.refreshTokenInvokes.url, /API_GetTokensFromRefreshToken\.html#/);
  });
  // GetClientToken: "GetClientToken provides the same functionality as the OAuth2 client-credentials grant; both authorize an application rather than a user."
  it('V3 TokenGeneration_ClientCredentials names GetClientToken as the same grant, and says its triggerSource is not stated', () => {
    const d = trigger('PreTokenGenerationV3').sources.find((s) => s.value === 'TokenGeneration_ClientCredentials')?.description ?? '';
    assert.match(d, /GetClientToken, which "provides the same functionality as the OAuth2 client-credentials grant"/);
    assert.match(d, /that it sends this triggerSource is not stated/);
    assert.match(SOURCES.getClientToken.quote, /same functionality as the OAuth2 client-credentials grant/);
    assert.equal(trigger('PreTokenGenerationV2').sources.some((s) => s.value === 'TokenGeneration_ClientCredentials'), false);
  });
});

describe('inbound federation', () => {
  const ev = (map: unknown): Json => sample('InboundFederation', 'InboundFederation_ExternalProvider', (e) => (res(e).userAttributesToMap = map));
  // "All attributes to be retained must be included; omitted attributes are dropped. Return an empty object {} to retain all original attributes unchanged."
  it('{} keeps every attribute', () => {
    const e = ev({});
    const s = summarize({ triggerId: 'InboundFederation', input: e, outcome: returned(e) });
    assert.match(s.headline, /\{\} keeps every attribute/);
    assert.match(texts(s), /Kept: every provider-mapped attribute/);
  });
  // AWS guide, user-pool-lambda-inbound-federation.html: "This trigger receives raw identity provider attributes
  // as input and returns modified attributes that Amazon Cognito applies to the user profile."
  it('a returned map is what Cognito applies to the user profile, sourced to the AWS page (not @types)', () => {
    const e = ev({ email: 'jane.doe@example.com' });
    const s = summarize({ triggerId: 'InboundFederation', input: e, outcome: returned(e) });
    const applied = lineOf(s, /applies the returned attributes to the federated user profile/);
    assert.ok(applied, texts(s));
    assert.equal(applied.source.url, 'https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-inbound-federation.html');
    assert.match(SOURCES.inboundFederationApplies.quote, /returns modified attributes that Amazon Cognito applies to the user profile/);
    // Every line of every inbound federation summary cites the AWS page, none a DefinitelyTyped summary.
    for (const map of [{}, { email: 'a@example.com' }, null]) {
      const x = summarize({ triggerId: 'InboundFederation', input: ev(map), outcome: returned(ev(map)) });
      for (const src of [x.source, ...x.lines.map((l) => l.source)]) {
        assert.doesNotMatch(`${src?.title} ${src?.url}`, /@types|DefinitelyTyped|unpkg/);
        assert.match(src?.url ?? '', /^https:\/\/docs\.aws\.amazon\.com\/cognito\/latest\/developerguide\/user-pool-lambda-inbound-federation\.html/);
      }
    }
  });
  // No map at all: the guide is silent, and the product says so.
  it('no userAttributesToMap at all is called not documented', () => {
    const e = ev(undefined);
    const s = summarize({ triggerId: 'InboundFederation', input: e, outcome: returned(e) });
    assert.match(s.headline, /what Cognito does without it is not documented/);
    assert.equal(s.source.kind, 'undocumented');
    assert.match(trigger('InboundFederation').description, /what Cognito does with no map at all is not documented/);
  });
  it('a non-empty map keeps its keys and lists what it drops', () => {
    const e = ev({ email: 'jane.doe@example.com' });
    const s = summarize({ triggerId: 'InboundFederation', input: e, outcome: returned(e) });
    assert.match(s.headline, /1 attribute\(s\) kept, every other attribute dropped/);
    assert.match(texts(s), /Kept email: jane\.doe@example\.com/);
    const dropped = lineOf(s, /^Dropped/);
    assert.match(dropped?.text ?? '', /given_name/);
    assert.doesNotMatch(dropped?.text ?? '', /\bemail\b,|\biss\b/);
  });
});

describe('custom message', () => {
  const ev = (source: string, patch: (e: Json) => void): Json => sample('CustomMessage', source, patch);
  // Observed: "InvalidParameterException: 1 validation error detected: Value at 'emailBody' failed to satisfy constraint: Member must satisfy regular expression pattern: …\{####\}…"
  it('a message without the code placeholder fails with InvalidParameterException, and says templates may interfere', () => {
    const e = ev('CustomMessage_SignUp', (x) => (res(x).emailMessage = 'Welcome!'));
    const s = summarize({ triggerId: 'CustomMessage', triggerSource: 'CustomMessage_SignUp', input: e, outcome: returned(e) });
    assert.match(s.cognitoError ?? '', /^InvalidParameterException/);
    assert.doesNotMatch(`${s.headline} ${s.cognitoError}`, /InvalidLambdaResponseException/);
    assert.match(texts(s), /Message templates set for the pool/);
    const i = issuesOf(e).find((x) => x.code === 'missing-placeholder');
    assert.match(i?.message ?? '', /InvalidParameterException \(observed/);
  });
  // usernameParameter: "Amazon Cognito includes this parameter in requests that result from admin-created users." Nothing says a message without it is rejected.
  it('event check and summary agree: a missing {username} in an AdminCreateUser message is a warning', () => {
    const e = ev('CustomMessage_AdminCreateUser', (x) => (res(x).emailMessage = 'Your temporary password is {####}'));
    const i = issuesOf(e).find((x) => x.code === 'missing-placeholder');
    assert.equal(i?.severity, 'warning');
    assert.match(i?.message ?? '', /not documented/);
    const s = summarize({ triggerId: 'CustomMessage', triggerSource: 'CustomMessage_AdminCreateUser', input: e, outcome: returned(e) });
    assert.equal(s.succeeds, true);
    assert.equal(lineOf(s, /username placeholder/)?.severity, 'warning');
  });
  it('event check and summary agree: linkParameter satisfies the code placeholder', () => {
    const e = ev('CustomMessage_SignUp', (x) => {
      req(x).linkParameter = '{##Click Here##}';
      res(x).emailMessage = 'Verify: {##Click Here##}';
    });
    assert.ok(!issuesOf(e).some((x) => x.code === 'missing-placeholder'));
    assert.equal(summarize({ triggerId: 'CustomMessage', triggerSource: 'CustomMessage_SignUp', input: e, outcome: returned(e) }).succeeds, true);
  });
});

describe('a handler that returns nothing', () => {
  // Observed: "x-amzn-ErrorMessage: Unrecognizable lambda output / x-amzn-ErrorType: InvalidLambdaResponseException"
  it('uses the real text in the summary and in the handler diagnostic', () => {
    const s = summarize({ triggerId: 'PreSignUp', input: {}, outcome: returned(undefined) });
    assert.equal(s.cognitoError, 'Unrecognizable lambda output');
    assert.match(s.headline, /Unrecognizable lambda output" \(observed\)/);
    const d = diagnosticsOf('exports.handler = async (event) => {\n  event.response.autoConfirmUser = true;\n};\n', 'preSignUp.js').find((x) => x.code === 'handler/no-return');
    assert.match(String(d?.message ?? ''), /Unrecognizable lambda output/);
    assert.doesNotMatch(String(d?.message ?? ''), /Invalid lambda response/);
    assert.equal(d?.codeDescription?.href, SOURCES.unrecognizableOutput.url);
  });
});

describe('account-takeover notification', () => {
  // Captured events (DefinitelyTyped PR 52111): "awsSdkVersion": null | string, "clientId": null | string … "code": null, "clientMetadata": null … "DEVICE_NAME": … | null
  it('models the nulls and the sample carries them without findings', () => {
    const e = sampleEvent('CustomEmailSender', 'CustomEmailSender_AccountTakeOverNotification');
    assert.equal((e.callerContext as Json).awsSdkVersion, null);
    assert.equal((e.callerContext as Json).clientId, null);
    assert.equal(req(e).code, null);
    assert.equal(req(e).clientMetadata, null);
    assert.equal((req(e).userAttributes as Json).DEVICE_NAME, null);
    assert.deepEqual(issuesOf(e), []);
    const nulls = structuredClone(e);
    Object.assign(req(nulls).userAttributes as Json, { CITY: null, COUNTRY: null });
    assert.deepEqual(issuesOf(nulls), []);
  });
});
