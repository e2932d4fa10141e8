// Unit tests of permission detection and of explainAwsError / redactSecrets (no secret in any message).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { envSecrets, explainAwsError, redactSecrets } from '../../server/src/core/aws/errors';
import { findPermission, ourStatementIds, statementFor, statementIdFor, USER_POOL_PRINCIPAL } from '../../server/src/core/aws/permission';
import { PlanError } from '../../server/src/core/aws/planError';
import { toOutcome } from '../../server/src/core/aws/remoteInvoke';

const POOL = 'arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_Abc';
const need = { principal: USER_POOL_PRINCIPAL, sourceArn: POOL, sourceAccount: '123456789012' };
const policy = (...Statement: unknown[]) => JSON.stringify({ Version: '2012-10-17', Statement });
const stmt = (over: Record<string, unknown> = {}) => ({
  Sid: 's1',
  Effect: 'Allow',
  Principal: { Service: USER_POOL_PRINCIPAL },
  Action: 'lambda:InvokeFunction',
  Resource: 'arn:aws:lambda:us-east-1:123456789012:function:f',
  Condition: { ArnLike: { 'AWS:SourceArn': POOL } },
  ...over,
});

describe('findPermission', () => {
  it('no policy, or a policy for something else, is not a permission', () => {
    assert.equal(findPermission(undefined, need), undefined);
    assert.equal(findPermission(policy(stmt({ Principal: { Service: 'cognito-sync.amazonaws.com' } })), need), undefined);
    assert.equal(findPermission(policy(stmt({ Condition: { ArnLike: { 'AWS:SourceArn': `${POOL}X` } } })), need), undefined);
    assert.equal(findPermission(policy(stmt({ Effect: 'Deny' })), need), undefined);
    assert.equal(findPermission(policy(stmt({ Action: 'lambda:GetFunction' })), need), undefined);
    assert.equal(findPermission(policy(stmt({ Condition: { ArnLike: { 'AWS:SourceArn': POOL }, StringEquals: { 'AWS:SourceAccount': '999' } } })), need), undefined);
    assert.equal(findPermission('not json', need), undefined);
  });
  it('finds exact, wildcard and broad grants', () => {
    assert.deepEqual(findPermission(policy(stmt()), need), { sid: 's1' });
    assert.deepEqual(findPermission(policy(stmt({ Condition: { ArnLike: { 'aws:sourcearn': 'arn:aws:cognito-idp:us-east-1:123456789012:userpool/*' } } })), need), { sid: 's1' });
    assert.deepEqual(findPermission(policy(stmt({ Condition: undefined })), need), { sid: 's1', broad: true });
    assert.deepEqual(findPermission(policy(stmt({ Principal: { Service: [USER_POOL_PRINCIPAL] }, Action: ['lambda:*'] })), need), { sid: 's1' });
  });
  it('builds the statement to add and recognises ours', () => {
    const s = statementFor(need);
    assert.deepEqual(s, { StatementId: statementIdFor(POOL), Action: 'lambda:InvokeFunction', Principal: USER_POOL_PRINCIPAL, SourceArn: POOL, SourceAccount: '123456789012' });
    assert.match(s.StatementId, /^CognitoTriggers-[a-zA-Z0-9_-]+$/);
    assert.deepEqual(ourStatementIds(policy(stmt({ Sid: s.StatementId }), stmt()), POOL), [s.StatementId]);
  });
});

describe('explainAwsError', () => {
  const err = (name: string, message: string, extra: Record<string, unknown> = {}) => Object.assign(new Error(message), { name, ...extra });
  const cases: [unknown, string, RegExp, RegExp][] = [
    [err('AccessDeniedException', 'User: arn:aws:iam::1:user/x is not authorized to perform: lambda:AddPermission'), 'AccessDeniedException', /AddPermission on f failed: access denied/, /Grant the caller permission for AddPermission/],
    [err('ResourceNotFoundException', 'User pool us-east-1_x does not exist.'), 'ResourceNotFoundException', /not found/, /Region/],
    [err('TooManyRequestsException', 'Rate exceeded'), 'TooManyRequestsException', /throttled/, /Wait/],
    [err('CredentialsProviderError', 'Token is expired. To refresh this SSO session run aws sso login'), 'SsoExpired', /SSO session has expired/, /aws sso login/],
    [err('CredentialsProviderError', 'Could not load credentials from any providers'), 'NoCredentials', /no AWS credentials/, /profile/],
    [err('InvalidParameterException', 'LambdaVersion is invalid'), 'InvalidParameterException', /parameter was refused. LambdaVersion/, /nothing was changed/],
    [err('FeatureUnavailableInTierException', 'This feature is not available for the LITE tier'), 'FeatureUnavailableInTierException', /feature plan/, /Essentials or Plus/],
    [err('AbortError', 'Request aborted'), 'Cancelled', /was cancelled/, /again/],
    [err('Error', 'Region is missing'), 'NoRegion', /no AWS Region/, /--region/],
    [new PlanError('CustomEmailSender needs a KMS key', 'Pass --kms-key'), 'InvalidInput', /refused: CustomEmailSender needs a KMS key/, /--kms-key/],
  ];
  for (const [error, code, message, hint] of cases) {
    it(`explains ${code}`, () => {
      const x = explainAwsError(error, 'AddPermission on f');
      assert.equal(x.code, code);
      assert.match(x.message, message);
      assert.match(x.hint, hint);
    });
  }
  it('never repeats a secret from an error message', () => {
    const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
    const token = `IQoJb3JpZ2luX2VjE${'A'.repeat(150)}`;
    const e = err('UnrecognizedClientException', `bad key AKIAIOSFODNN7EXAMPLE secret ${secret} aws_session_token=${token}`);
    const x = explainAwsError(e, 'ListFunctions');
    const all = `${x.message} ${x.hint}`;
    for (const s of ['AKIAIOSFODNN7EXAMPLE', secret, token]) assert.equal(all.includes(s), false, s);
    const other = explainAwsError(err('SomethingElse', `credentials ${secret} / ASIAIOSFODNN7EXAMPLE`), 'Invoke');
    assert.equal(other.message.includes(secret) || other.message.includes('ASIAIOSFODNN7EXAMPLE'), false);
    assert.match(redactSecrets('key AKIAIOSFODNN7EXAMPLE'), /AKIA\*+/);
    // A secret of no known shape is still hidden when it is known (e.g. from the environment).
    assert.equal(explainAwsError(err('AccessDeniedException', 'sig with short-secret-1'), 'X', ['short-secret-1']).message.includes('short-secret-1'), false);
    assert.deepEqual(envSecrets({ AWS_SECRET_ACCESS_KEY: 'abcd', AWS_SESSION_TOKEN: 'tok-123', AWS_ACCESS_KEY_ID: 'AKID' }), ['abcd', 'tok-123']);
  });
});

describe('remote invoke outcome', () => {
  it('maps Lambda answers to outcomes', () => {
    assert.deepEqual(toOutcome('{"a":1}', undefined), { kind: 'returned', value: { a: 1 } });
    assert.deepEqual(toOutcome('plain text', undefined), { kind: 'returned', value: 'plain text' });
    assert.deepEqual(toOutcome('', undefined), { kind: 'returned', value: null });
    assert.deepEqual(toOutcome('{"errorType":"Error","errorMessage":"boom","trace":["at x"]}', 'Unhandled'), { kind: 'error', errorType: 'Error', errorMessage: 'boom', stack: ['at x'] });
    assert.deepEqual(toOutcome('{"errorMessage":"2026-01-01T00:00:00.000Z abc Task timed out after 5.00 seconds"}', 'Unhandled'), { kind: 'timeout', limitMs: 5000 });
    assert.deepEqual(toOutcome('{"errorMessage":"x"}', 'Handled'), { kind: 'error', errorType: 'Handled', errorMessage: 'x' });
  });
});

describe('explainAwsError: a KMS key Cognito refuses', () => {
  it('says what to fix (the key ARN of an enabled symmetric key) instead of a retry that cannot help', () => {
    const e = Object.assign(new Error("1 validation error detected: Value 'key-123' at 'lambdaConfig.kMSKeyID' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:[\\w+=/,.@-]+"), { name: 'InvalidParameterException', $metadata: { httpStatusCode: 400 } });
    const x = explainAwsError(e, 'us-east-1_Abc: binding CustomEmailSender');
    assert.equal(x.code, 'KmsKeyRefused');
    assert.match(x.message, /^us-east-1_Abc: binding CustomEmailSender failed: the KMS key was refused\./);
    assert.match(x.hint, /full ARN .*symmetric encryption key .*bind again; the same key is refused the same way\./);
    assert.doesNotMatch(x.hint, /try again/i);
  });
  it('a throttled or internal error that mentions KMS keeps its retry advice', () => {
    const e = Object.assign(new Error('KMS is busy'), { name: 'ThrottlingException', $metadata: { httpStatusCode: 400 } });
    assert.equal(explainAwsError(e, 'x').code, 'ThrottlingException');
  });
});
