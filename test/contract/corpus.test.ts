// The published-events corpus: every file is recognised as the trigger its name names, real
// triggerSources get no error, and each file yields exactly the issues decided for it below.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { checkEvent, recognizeEvent } from '../../server/src/core/events';

const repoRoot = path.resolve(__dirname, '..', '..');
const corpus = path.resolve(repoRoot, '..', 'shared', 'reference', 'events');

/** What one file must produce: `code@dotted.path` in report order; `alone` = trigger recognised without a hint (x- files). */
interface Expected {
  readonly issues: readonly string[];
  readonly alone?: string | null;
}

// Groups that recur in the runtime libraries' samples.
/** aws-lambda-go style `<region>`, `<userPoolId>` … envelope: placeholders are information only. */
const ANGLE_ENV = ['placeholder-value@region', 'placeholder-value@userPoolId', 'placeholder-value@userName', 'placeholder-value@callerContext.awsSdkVersion', 'placeholder-value@callerContext.clientId'];
/** The custom-challenge samples of aws-lambda-go / -rust: real region, placeholder ids. */
const CHALLENGE_ENV = ['placeholder-value@userPoolId', 'placeholder-value@userName', 'placeholder-value@callerContext.clientId', 'placeholder-value@request.userAttributes.sub'];
/** Powertools/Rust samples whose region and pool id are the words "region" / "userPoolId": wrong format, a warning. */
const WORD_ENV = ['invalid-format@region', 'invalid-format@userPoolId'];
/** Booleans in userAttributes (old AWS docs, Powertools for Python, Rust): Cognito sends "true"/"false". */
const BOOL_ATTRS = ['boolean-attribute@request.userAttributes.phone_number_verified', 'boolean-attribute@request.userAttributes.email_verified'];
/** `<custom message …>` texts: placeholders in a response Cognito would read, so warnings. */
const ANGLE_MESSAGES = ['placeholder-value@response.smsMessage', 'placeholder-value@response.emailMessage', 'placeholder-value@response.emailSubject'];

/*
 * Decisions, quirk by quirk: placeholder values are information on the input side and warnings in a
 * response; a wrong format or an odd version string on the input side is a warning (the event still
 * runs locally); numeric version, awsSdk, boolean attributes, preferredRole arrays, [] overrides,
 * missing response, custom-sender response keys, the SMS event typed as email and V2 events saying
 * "1" are quirk warnings naming what Cognito sends; only response values Cognito would refuse (the
 * .NET migrate-user placeholders "action"/"status"/"medium1") are errors.
 */
const EXPECTED: Readonly<Record<string, Expected>> = {
  'CreateAuthChallenge__CreateAuthChallenge_Authentication__aws-lambda-go': { issues: [...CHALLENGE_ENV] },
  'CreateAuthChallenge__CreateAuthChallenge_Authentication__aws-lambda-java': { issues: [] },
  'CreateAuthChallenge__CreateAuthChallenge_Authentication__aws-lambda-rust-user-not-found': { issues: [...CHALLENGE_ENV] },
  'CreateAuthChallenge__CreateAuthChallenge_Authentication__powertools-python': { issues: [] },
  'CreateAuthChallenge__CreateAuthChallenge_Authentication__powertools-ts-first-call': { issues: [] },
  'CustomEmailSender__CustomEmailSender_AdminCreateUser__powertools-ts': { issues: [] },
  'CustomEmailSender__CustomEmailSender_ForgotPassword__powertools-ts': { issues: [] },
  'CustomEmailSender__CustomEmailSender_SignUp__powertools-python': { issues: [...WORD_ENV, ...BOOL_ATTRS, 'caller-context-aws-sdk@callerContext.awsSdk'] },
  'CustomEmailSender__x-trigger_source__aws-lambda-dotnet': { issues: ['placeholder-trigger-source@triggerSource', 'unexpected-response@response', 'invalid-enum-value@request.type'], alone: null },
  'CustomMessage__CustomMessage_AdminCreateUser__awsdocs': { issues: ['numeric-version@version', 'placeholder-value@region', 'placeholder-value@userPoolId', 'placeholder-value@userName', 'placeholder-value@callerContext.clientId', ...BOOL_ATTRS, ...ANGLE_MESSAGES, 'caller-context-aws-sdk@callerContext.awsSdk'] },
  'CustomMessage__CustomMessage_AdminCreateUser__powertools-python': { issues: [...WORD_ENV, ...BOOL_ATTRS, 'caller-context-aws-sdk@callerContext.awsSdk'] },
  'CustomMessage__CustomMessage_SignUp__aws-lambda-java': { issues: [] },
  'CustomMessage__CustomMessage_SignUp__awsdocs': { issues: ['placeholder-value@request.usernameParameter', ...ANGLE_MESSAGES] },
  'CustomMessage__CustomMessage_VerifyUserAttribute__aws-lambda-rust': { issues: [...ANGLE_ENV, ...BOOL_ATTRS, ...ANGLE_MESSAGES] },
  'CustomMessage__x-CustomMessage_multi__aws-lambda-go': { issues: ['placeholder-trigger-source@triggerSource', ...ANGLE_ENV, ...BOOL_ATTRS, ...ANGLE_MESSAGES], alone: 'CustomMessage' },
  'CustomMessage__x-CustomMessage_multi__awsdocs2023': { issues: ['placeholder-trigger-source@triggerSource', 'numeric-version@version', 'placeholder-value@region', 'placeholder-value@userPoolId', 'placeholder-value@userName', 'placeholder-value@callerContext.clientId', 'missing-field@request', ...BOOL_ATTRS, ...ANGLE_MESSAGES, 'caller-context-aws-sdk@callerContext.awsSdk'], alone: 'CustomMessage' },
  'CustomSMSSender__CustomSMSSender_SignUp__powertools-python': { issues: [...WORD_ENV, ...BOOL_ATTRS, 'caller-context-aws-sdk@callerContext.awsSdk', 'sender-type-mismatch@request.type'] },
  'CustomSMSSender__CustomSMSSender_SignUp__powertools-ts-jsdoc': { issues: ['unexpected-response@response'] },
  'CustomSMSSender__x-trigger_source__aws-lambda-dotnet': { issues: ['placeholder-trigger-source@triggerSource', 'unexpected-response@response', 'invalid-enum-value@request.type'], alone: null },
  // response.challengeName is "challengeName" in this sample: a placeholder (now that challengeName is a closed set).
  'DefineAuthChallenge__DefineAuthChallenge_Authentication__aws-lambda-go': { issues: [...CHALLENGE_ENV, 'placeholder-value@response.challengeName'] },
  'DefineAuthChallenge__DefineAuthChallenge_Authentication__aws-lambda-java': { issues: [] },
  // response.challengeName is "challengeName" in this sample: a placeholder (now that challengeName is a closed set).
  'DefineAuthChallenge__DefineAuthChallenge_Authentication__aws-lambda-rust-optional-response-fields': { issues: [...CHALLENGE_ENV, 'placeholder-value@response.challengeName'] },
  // response.challengeName is "challengeName" in this sample: a placeholder (now that challengeName is a closed set).
  'DefineAuthChallenge__DefineAuthChallenge_Authentication__aws-lambda-rust-user-not-found': { issues: [...CHALLENGE_ENV, 'placeholder-value@response.challengeName'] },
  'DefineAuthChallenge__DefineAuthChallenge_Authentication__powertools-python': { issues: [] },
  'DefineAuthChallenge__DefineAuthChallenge_Authentication__powertools-ts-first-call': { issues: [] },
  'DefineAuthChallenge__x-trigger_source__aws-lambda-dotnet-null-values': { issues: ['placeholder-trigger-source@triggerSource', 'invalid-enum-value@request.session.0.challengeName', 'invalid-enum-value@request.session.1.challengeName'], alone: 'DefineAuthChallenge' },
  'InboundFederation__InboundFederation_ExternalProvider__aws-lambda-go-oidc': { issues: [] },
  'InboundFederation__InboundFederation_ExternalProvider__aws-lambda-go-saml': { issues: [] },
  'InboundFederation__InboundFederation_ExternalProvider__awsdocs-logging-saml': { issues: ['invalid-enum-value@version'] },
  'InboundFederation__InboundFederation_ExternalProvider__awsdocs-truncate-oidc': { issues: ['invalid-enum-value@version'] },
  'InboundFederation__x-unspecified__awsdocs-group-membership': { issues: ['missing-trigger-source@', 'missing-field@'], alone: 'InboundFederation' },
  'PostAuthentication__PostAuthentication_Authentication__aws-lambda-go': { issues: [...ANGLE_ENV, 'placeholder-value@request.userAttributes.email', 'placeholder-value@request.userAttributes.phone_number'] },
  'PostAuthentication__PostAuthentication_Authentication__aws-lambda-java': { issues: ['missing-response@'] },
  'PostAuthentication__PostAuthentication_Authentication__powertools-python': { issues: [] },
  'PostAuthentication__x-testTrigger__awsdocs': { issues: ['placeholder-trigger-source@triggerSource', 'missing-field@', 'invalid-format@userPoolId'], alone: null },
  'PostAuthentication__x-trigger_source__aws-lambda-dotnet': { issues: ['placeholder-trigger-source@triggerSource', 'field-not-for-trigger@request.validationData'], alone: 'PostAuthentication' },
  'PostConfirmation__PostConfirmation_ConfirmForgotPassword__powertools-ts': { issues: [] },
  'PostConfirmation__PostConfirmation_ConfirmSignUp__aws-lambda-go': { issues: [...ANGLE_ENV, 'placeholder-value@request.userAttributes.email', 'placeholder-value@request.userAttributes.phone_number'] },
  'PostConfirmation__PostConfirmation_ConfirmSignUp__aws-lambda-java': { issues: ['missing-response@'] },
  'PostConfirmation__PostConfirmation_ConfirmSignUp__powertools-python': { issues: ['invalid-enum-value@version', 'invalid-format@userPoolId', 'boolean-attribute@request.userAttributes.email_verified'] },
  'PostConfirmation__PostConfirmation_ConfirmSignUp__powertools-ts-admin-confirm': { issues: [] },
  'PostConfirmation__x-unspecified__awsdocs': { issues: ['missing-trigger-source@', 'missing-field@', 'boolean-attribute@request.userAttributes.email_verified'], alone: null },
  'PreAuthentication__PreAuthentication_Authentication__aws-lambda-go': { issues: [...ANGLE_ENV, 'placeholder-value@request.userAttributes.email'] },
  'PreAuthentication__PreAuthentication_Authentication__aws-lambda-java': { issues: ['missing-response@'] },
  'PreAuthentication__PreAuthentication_Authentication__powertools-python': { issues: [] },
  'PreAuthentication__x-unspecified__awsdocs': { issues: ['missing-trigger-source@', 'missing-field@', 'placeholder-value@callerContext.clientId'], alone: null },
  'PreSignUp__PreSignUp_AdminCreateUser__powertools-ts': { issues: [] },
  'PreSignUp__PreSignUp_SignUp__aws-lambda-go': { issues: [...ANGLE_ENV, 'placeholder-value@request.userAttributes.email', 'placeholder-value@request.userAttributes.phone_number'] },
  'PreSignUp__PreSignUp_SignUp__aws-lambda-java': { issues: [] },
  'PreSignUp__PreSignUp_SignUp__awsdocs-client-metadata': { issues: [] },
  'PreSignUp__PreSignUp_SignUp__powertools-python': { issues: ['invalid-enum-value@version', 'invalid-format@userPoolId'] },
  'PreSignUp__x-unspecified__awsdocs2023-autoverify': { issues: ['missing-trigger-source@', 'missing-field@'], alone: null },
  'PreSignUp__x-unspecified__awsdocs2023-custom-domain': { issues: ['missing-trigger-source@', 'missing-field@'], alone: null },
  'PreSignUp__x-unspecified__awsdocs2023-username-length': { issues: ['missing-trigger-source@', 'missing-field@'], alone: null },
  'PreTokenGenerationV2__TokenGeneration_Authentication__aws-lambda-go-v2_0-complex': { issues: [] },
  'PreTokenGenerationV2__TokenGeneration_Authentication__aws-lambda-go': { issues: [] },
  'PreTokenGenerationV2__TokenGeneration_Authentication__aws-lambda-java': { issues: [] },
  'PreTokenGenerationV2__TokenGeneration_Authentication__awsdocs': { issues: ['preferred-role-array@request.groupConfiguration.preferredRole', 'claims-override-array@response.claimsAndScopeOverrideDetails'] },
  'PreTokenGenerationV2__TokenGeneration_Authentication__powertools-python': { issues: ['pre-token-version-mismatch@version'] },
  'PreTokenGenerationV2__TokenGeneration_HostedAuth__aws-lambda-rust-incoming': { issues: [...WORD_ENV, 'pre-token-response-version@response.claimsOverrideDetails', 'pre-token-version-mismatch@version'] },
  'PreTokenGenerationV2__TokenGeneration_HostedAuth__aws-lambda-rust': { issues: [...WORD_ENV, 'pre-token-version-mismatch@version'] },
  'PreTokenGenerationV2__TokenGeneration_HostedAuth__awsdocs-complex-objects': { issues: ['preferred-role-array@request.groupConfiguration.preferredRole', 'claims-override-array@response.claimsAndScopeOverrideDetails'] },
  'PreTokenGenerationV2__x-trigger_source__aws-lambda-dotnet-complex': { issues: ['placeholder-trigger-source@triggerSource'], alone: 'PreTokenGenerationV2' },
  'PreTokenGeneration__TokenGeneration_Authentication__aws-lambda-rust-incoming': { issues: [...WORD_ENV] },
  'PreTokenGeneration__TokenGeneration_Authentication__powertools-python': { issues: [] },
  'PreTokenGeneration__TokenGeneration_HostedAuth__aws-lambda-java': { issues: [] },
  'PreTokenGeneration__TokenGeneration_HostedAuth__aws-lambda-rust': { issues: [...WORD_ENV] },
  'PreTokenGeneration__TokenGeneration_NewPasswordChallenge__aws-lambda-dotnet': { issues: [] },
  'PreTokenGeneration__x-PreTokenGen__aws-lambda-go': { issues: ['placeholder-trigger-source@triggerSource', ...WORD_ENV], alone: 'PreTokenGeneration' },
  'PreTokenGeneration__x-unspecified__awsdocs-v1-empty': { issues: ['missing-trigger-source@', 'missing-field@', 'missing-field@request'], alone: null },
  'SyncTrigger__SyncTrigger__aws-lambda-go': { issues: ['invalid-format@identityPoolId'] },
  'SyncTrigger__SyncTrigger__aws-lambda-java': { issues: ['invalid-format@identityPoolId'] },
  'SyncTrigger__SyncTrigger__awsdocs2023-cognito-events': { issues: ['invalid-format@identityPoolId'] },
  'SyncTrigger__SyncTrigger__lambda-developer-guide': { issues: ['invalid-format@identityPoolId'] },
  'SyncTrigger__SyncTrigger__sam-cli-template': { issues: ['placeholder-value@region', 'invalid-format@identityPoolId'] },
  'UserMigration__UserMigration_Authentication__aws-lambda-go': { issues: [...ANGLE_ENV, 'placeholder-value@request.password', 'placeholder-value@response.userAttributes.email', 'placeholder-value@response.userAttributes.phone_number', 'placeholder-value@response.finalUserStatus', 'placeholder-value@response.messageAction', 'placeholder-value@response.desiredDeliveryMediums.0', 'placeholder-value@response.desiredDeliveryMediums.1'] },
  'UserMigration__UserMigration_Authentication__aws-lambda-java': { issues: ['field-not-for-trigger@request.userAttributes', 'unknown-field@request.userName'] },
  'UserMigration__UserMigration_Authentication__powertools-python': { issues: ['invalid-enum-value@version', 'invalid-format@userPoolId'] },
  'UserMigration__UserMigration_Authentication__powertools-ts-jsdoc': { issues: [] },
  'UserMigration__x-trigger_source__aws-lambda-dotnet': { issues: ['placeholder-trigger-source@triggerSource', 'field-not-for-trigger@request.userAttributes', 'unknown-field@request.userName', 'invalid-enum-value@response.messageAction', 'invalid-enum-value@response.finalUserStatus', 'invalid-enum-value@response.desiredDeliveryMediums.0', 'invalid-enum-value@response.desiredDeliveryMediums.1'], alone: 'UserMigration' },
  'VerifyAuthChallengeResponse__VerifyAuthChallengeResponse_Authentication__aws-lambda-go': { issues: [...CHALLENGE_ENV] },
  'VerifyAuthChallengeResponse__VerifyAuthChallengeResponse_Authentication__aws-lambda-java': { issues: [] },
  'VerifyAuthChallengeResponse__VerifyAuthChallengeResponse_Authentication__aws-lambda-rust-null-answer': { issues: [...CHALLENGE_ENV] },
  'VerifyAuthChallengeResponse__VerifyAuthChallengeResponse_Authentication__aws-lambda-rust-optional-answer': { issues: [...CHALLENGE_ENV] },
  'VerifyAuthChallengeResponse__VerifyAuthChallengeResponse_Authentication__aws-lambda-rust-user-not-found': { issues: [...CHALLENGE_ENV] },
  'VerifyAuthChallengeResponse__VerifyAuthChallengeResponse_Authentication__powertools-python': { issues: [] },
  'VerifyAuthChallengeResponse__VerifyAuthChallengeResponse_Authentication__powertools-ts': { issues: [] },
  'VerifyAuthChallengeResponse__x-trigger_source__aws-lambda-dotnet-null-values': { issues: ['placeholder-trigger-source@triggerSource'], alone: 'VerifyAuthChallengeResponse' },
};

const files = (): string[] => {
  assert.ok(fs.existsSync(corpus), `corpus not found at ${corpus} (expected ../shared/reference/events next to the repository)`);
  return fs.readdirSync(corpus).filter((f) => f.endsWith('.json')).sort();
};

test('the table covers exactly the corpus', () => {
  const names = files().map((f) => f.replace(/\.json$/, '')).sort();
  assert.equal(names.length, 88);
  assert.deepEqual(names, Object.keys(EXPECTED).sort());
});

for (const file of fs.existsSync(corpus) ? files() : []) {
  const name = file.replace(/\.json$/, '');
  const [triggerId = '', sourcePart = ''] = name.split('__');
  test(name, () => {
    const event: unknown = JSON.parse(fs.readFileSync(path.join(corpus, file), 'utf8'));
    const expected = EXPECTED[name];
    assert.ok(expected, `${name} is missing from the table`);
    const hinted = recognizeEvent(event, { triggerId });
    assert.equal(hinted.trigger?.id, triggerId, hinted.reason);
    const alone = recognizeEvent(event);
    const real = !sourcePart.startsWith('x-');
    if (real) {
      assert.equal(alone.trigger?.id, triggerId, `recognised without a hint: ${alone.reason}`);
      assert.equal(alone.source?.value, sourcePart);
    } else {
      assert.equal(alone.trigger?.id ?? null, expected.alone, `recognised without a hint: ${alone.reason}`);
    }
    const issues = checkEvent(event, hinted);
    assert.deepEqual(issues.map((i) => `${i.code}@${i.path.join('.')}`), expected.issues);
    if (real) assert.deepEqual(issues.filter((i) => i.severity === 'error'), [], 'a real triggerSource gets no error');
    for (const i of issues) assert.ok(i.message.length > 20, `${i.code} has a real message`);
  });
}
