// Unit tests of the pure bind planning: slots from the model, update input, slot changes, diff, ids.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { UserPoolType } from '@aws-sdk/client-cognito-identity-provider';
import { TRIGGERS } from '../../server/src/core/model';
import { deepDiff, unexpectedDifferences } from '../../server/src/core/aws/diff';
import { parseArn, validateIdentityPoolId, validateUserPoolId } from '../../server/src/core/aws/ids';
import { PlanError } from '../../server/src/core/aws/planError';
import { applySlotChange } from '../../server/src/core/aws/slotChange';
import { findSlot, readSlots, userPoolSlots } from '../../server/src/core/aws/slots';
import { describePlan } from '../../server/src/core/aws/render';
import { describeOnlyMembers, planUserPoolUpdate } from '../../server/src/core/aws/updatePlan';

const FN = 'arn:aws:lambda:us-east-1:123456789012:function:pre-sign-up';
const FN2 = 'arn:aws:lambda:us-east-1:123456789012:function:other';

/** A description with many non-default settings, as DescribeUserPool returns it. */
function pool(): UserPoolType {
  return {
    Id: 'us-east-1_Abc123',
    Name: 'prod',
    Arn: 'arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_Abc123',
    Status: 'Enabled',
    CreationDate: new Date(1),
    LastModifiedDate: new Date(2),
    EstimatedNumberOfUsers: 42,
    SchemaAttributes: [{ Name: 'custom:tenant', AttributeDataType: 'String', Mutable: true }],
    UsernameAttributes: ['email'],
    Domain: 'prod-login',
    UsernameConfiguration: { CaseSensitive: false },
    Policies: { PasswordPolicy: { MinimumLength: 12, RequireSymbols: true, TemporaryPasswordValidityDays: 3 } },
    AdminCreateUserConfig: { AllowAdminCreateUserOnly: true, UnusedAccountValidityDays: 3, InviteMessageTemplate: { EmailSubject: 'Welcome' } },
    MfaConfiguration: 'OPTIONAL',
    EmailVerificationMessage: 'Code {####}',
    EmailVerificationSubject: 'Verify',
    SmsVerificationMessage: 'SMS {####}',
    VerificationMessageTemplate: { DefaultEmailOption: 'CONFIRM_WITH_CODE', EmailMessage: 'Code {####}', EmailSubject: 'Verify', SmsMessage: 'SMS {####}' },
    UserPoolTags: { team: 'auth' },
    LambdaConfig: { PostConfirmation: FN2, CustomMessage: FN2 },
    DeletionProtection: 'ACTIVE',
  };
}

describe('slots from the model', () => {
  it('has one slot per LambdaConfig key of the model, pre token with three versions', () => {
    const keys = new Set(TRIGGERS.flatMap((t) => (t.binding.kind === 'userPool' ? [t.binding.lambdaConfigKey] : [])));
    assert.deepEqual(userPoolSlots().map((s) => s.key).sort(), [...keys].sort());
    const pre = findSlot('PreTokenGenerationConfig');
    assert.deepEqual(pre?.lambdaVersions, ['V1_0', 'V2_0', 'V3_0']);
    assert.equal(pre?.legacyKey, 'PreTokenGeneration');
    assert.equal(findSlot('PreTokenGeneration')?.key, 'PreTokenGenerationConfig');
    assert.equal(findSlot('CustomEmailSender')?.requiresKmsKey, true);
    assert.equal(findSlot('Nope'), undefined);
  });
  it('reads bound slots with their trigger', () => {
    const slots = readSlots({ PreSignUp: FN, PreTokenGeneration: FN2, PreTokenGenerationConfig: { LambdaArn: FN2, LambdaVersion: 'V2_0' }, KMSKeyID: 'k' });
    assert.deepEqual(slots.map((s) => [s.slot, s.functionArn, s.triggerId]), [
      ['PreSignUp', FN, 'PreSignUp'],
      ['PreTokenGenerationConfig', FN2, 'PreTokenGenerationV2'],
    ]);
  });
});

describe('planUserPoolUpdate', () => {
  it('keeps every updatable setting and changes only the slot', () => {
    const plan = planUserPoolUpdate(pool(), { kind: 'bind', slot: 'PreSignUp', functionArn: FN });
    const input = plan.input as unknown as Record<string, unknown>;
    assert.equal(input.UserPoolId, 'us-east-1_Abc123');
    assert.equal(input.PoolName, 'prod');
    assert.deepEqual(input.Policies, pool().Policies);
    assert.equal(input.MfaConfiguration, 'OPTIONAL');
    assert.deepEqual(input.UserPoolTags, { team: 'auth' });
    assert.equal(input.DeletionProtection, 'ACTIVE');
    assert.deepEqual(input.LambdaConfig, { PostConfirmation: FN2, CustomMessage: FN2, PreSignUp: FN });
    assert.deepEqual(plan.changedKeys, ['PreSignUp']);
    for (const readOnly of ['Id', 'Name', 'Arn', 'Status', 'CreationDate', 'LastModifiedDate', 'EstimatedNumberOfUsers', 'SchemaAttributes', 'UsernameAttributes', 'Domain', 'UsernameConfiguration']) {
      assert.equal(readOnly in input, false, readOnly);
    }
    assert.deepEqual(describeOnlyMembers(pool()), ['Arn', 'CreationDate', 'Domain', 'EstimatedNumberOfUsers', 'Id', 'LastModifiedDate', 'SchemaAttributes', 'Status', 'UsernameAttributes', 'UsernameConfiguration']);
  });
  it('drops UnusedAccountValidityDays when TemporaryPasswordValidityDays is set, keeps it otherwise', () => {
    const plan = planUserPoolUpdate(pool(), { kind: 'bind', slot: 'PreSignUp', functionArn: FN });
    assert.deepEqual((plan.input as unknown as Record<string, unknown>).AdminCreateUserConfig, { AllowAdminCreateUserOnly: true, InviteMessageTemplate: { EmailSubject: 'Welcome' } });
    const p = pool();
    p.Policies = { PasswordPolicy: { MinimumLength: 8 } };
    const kept = planUserPoolUpdate(p, { kind: 'bind', slot: 'PreSignUp', functionArn: FN });
    assert.equal(kept.input.AdminCreateUserConfig?.UnusedAccountValidityDays, 3);
  });
  it('says nothing of UnusedAccountValidityDays where it repeats TemporaryPasswordValidityDays (real Cognito), and announces it where it differs (cognito-local)', () => {
    const mirror = /UnusedAccountValidityDays/;
    // As Cognito reports it: the same days in both members. Leaving the mirror out changes nothing anyone sees.
    const same = planUserPoolUpdate(pool(), { kind: 'bind', slot: 'PreSignUp', functionArn: FN });
    assert.equal(same.input.AdminCreateUserConfig?.UnusedAccountValidityDays, undefined);
    assert.ok(same.omitted.some((o) => mirror.test(o.member) && o.mayDisappear && o.quiet));
    assert.doesNotMatch(describePlan('us-east-1_Abc123', same).join('\n'), mirror);
    // An emulator's stale default (7 beside 3): the pool stops reporting a value it showed, so the review says so.
    const p = pool();
    p.AdminCreateUserConfig = { ...p.AdminCreateUserConfig, UnusedAccountValidityDays: 7 };
    const differs = planUserPoolUpdate(p, { kind: 'bind', slot: 'PreSignUp', functionArn: FN });
    assert.equal(differs.input.AdminCreateUserConfig?.UnusedAccountValidityDays, undefined);
    assert.ok(differs.omitted.some((o) => mirror.test(o.member) && o.mayDisappear && !o.quiet));
    assert.match(describePlan('us-east-1_Abc123', differs).join('\n'), /\(AdminCreateUserConfig\.UnusedAccountValidityDays: no longer in use; Policies\.PasswordPolicy\.TemporaryPasswordValidityDays \(3\) is the value in effect, and it is sent\)/);
  });
  it('sends the deprecated verification mirrors beside the template when they agree (nothing lost)', () => {
    const plan = planUserPoolUpdate(pool(), { kind: 'bind', slot: 'PreSignUp', functionArn: FN });
    assert.equal(plan.input.EmailVerificationMessage, 'Code {####}');
    assert.equal(plan.input.EmailVerificationSubject, 'Verify');
    assert.equal(plan.input.SmsVerificationMessage, 'SMS {####}');
    assert.deepEqual(plan.input.VerificationMessageTemplate, pool().VerificationMessageTemplate);
    assert.deepEqual(plan.omitted.filter((o) => /Verification/.test(o.member)), []);
    // A template without the field takes the mirror's value, and both are sent.
    const partial = pool();
    partial.VerificationMessageTemplate = { DefaultEmailOption: 'CONFIRM_WITH_CODE', EmailMessage: 'Code {####}' };
    const filled = planUserPoolUpdate(partial, { kind: 'bind', slot: 'PreSignUp', functionArn: FN });
    assert.deepEqual(filled.input.VerificationMessageTemplate, { DefaultEmailOption: 'CONFIRM_WITH_CODE', EmailMessage: 'Code {####}', EmailSubject: 'Verify', SmsMessage: 'SMS {####}' });
    assert.equal(filled.input.EmailVerificationSubject, 'Verify');
    // No template at all: the mirrors are the pool's only messages and are sent as they are.
    const p = pool();
    delete p.VerificationMessageTemplate;
    const legacy = planUserPoolUpdate(p, { kind: 'bind', slot: 'PreSignUp', functionArn: FN });
    assert.equal(legacy.input.EmailVerificationMessage, 'Code {####}');
    assert.equal(legacy.input.VerificationMessageTemplate, undefined);
  });
  it('leaves out a deprecated mirror that disagrees with the template, announced', () => {
    const p = pool();
    p.EmailVerificationMessage = 'Old code {####}';
    const plan = planUserPoolUpdate(p, { kind: 'bind', slot: 'PreSignUp', functionArn: FN });
    assert.equal(plan.input.EmailVerificationMessage, undefined);
    assert.equal(plan.input.VerificationMessageTemplate?.EmailMessage, 'Code {####}');
    assert.equal(plan.input.SmsVerificationMessage, 'SMS {####}');
    assert.deepEqual(plan.omitted.filter((o) => /Verification/.test(o.member)).map((o) => [o.member, o.mayDisappear]), [['EmailVerificationMessage', true]]);
  });
  it('refuses pre token V2_0/V3_0 on the Lite feature plan before any call, allows V1_0', () => {
    const lite = { ...pool(), UserPoolTier: 'LITE' as const };
    assert.throws(() => planUserPoolUpdate(lite, { kind: 'bind', slot: 'PreTokenGenerationConfig', functionArn: FN, lambdaVersion: 'V2_0' }), (e: unknown) => e instanceof PlanError && /Essentials or Plus/.test(e.message));
    assert.deepEqual(planUserPoolUpdate(lite, { kind: 'bind', slot: 'PreTokenGenerationConfig', functionArn: FN, lambdaVersion: 'V1_0' }).changedKeys, ['PreTokenGeneration', 'PreTokenGenerationConfig']);
    assert.equal(planUserPoolUpdate({ ...pool(), UserPoolTier: 'ESSENTIALS' }, { kind: 'bind', slot: 'PreTokenGenerationConfig', functionArn: FN, lambdaVersion: 'V3_0' }).input.UserPoolTier, 'ESSENTIALS');
  });
  it('does not modify the description it was given', () => {
    const p = pool();
    planUserPoolUpdate(p, { kind: 'unbind', slot: 'CustomMessage' });
    assert.deepEqual(p, pool());
  });
  it('unbinds one slot and keeps the other', () => {
    const plan = planUserPoolUpdate(pool(), { kind: 'unbind', slot: 'CustomMessage' });
    assert.deepEqual(plan.input.LambdaConfig, { PostConfirmation: FN2 });
    assert.deepEqual(plan.changedKeys, ['CustomMessage']);
  });
});

describe('applySlotChange', () => {
  it('pre token: sets the object key and the legacy key to the same ARN, keeps the version on rebind', () => {
    const v2 = applySlotChange({}, { kind: 'bind', slot: 'PreTokenGenerationConfig', functionArn: FN, lambdaVersion: 'V2_0' });
    assert.deepEqual(v2.lambdaConfig, { PreTokenGenerationConfig: { LambdaArn: FN, LambdaVersion: 'V2_0' }, PreTokenGeneration: FN });
    const rebound = applySlotChange(v2.lambdaConfig, { kind: 'bind', slot: 'PreTokenGeneration', functionArn: FN2 });
    assert.deepEqual(rebound.lambdaConfig, { PreTokenGenerationConfig: { LambdaArn: FN2, LambdaVersion: 'V2_0' }, PreTokenGeneration: FN2 });
    const cleared = applySlotChange(rebound.lambdaConfig, { kind: 'unbind', slot: 'PreTokenGenerationConfig' });
    assert.deepEqual(cleared.lambdaConfig, {});
    assert.deepEqual(cleared.changedKeys, ['PreTokenGeneration', 'PreTokenGenerationConfig']);
  });
  it('refuses a version the slot does not take', () => {
    assert.throws(() => applySlotChange({}, { kind: 'bind', slot: 'PreTokenGenerationConfig', functionArn: FN, lambdaVersion: 'V9_0' }), PlanError);
    assert.throws(() => applySlotChange({}, { kind: 'bind', slot: 'PreSignUp', functionArn: FN, lambdaVersion: 'V1_0' }), PlanError);
  });
  it('refuses a custom sender without a KMS key, with the reason', () => {
    assert.throws(
      () => applySlotChange({}, { kind: 'bind', slot: 'CustomEmailSender', functionArn: FN }),
      (e: unknown) => e instanceof PlanError && /KMS/.test(e.message) && /--kms-key/.test(e.hint),
    );
    const withKey = applySlotChange({}, { kind: 'bind', slot: 'CustomSMSSender', functionArn: FN, kmsKeyId: 'arn:aws:kms:us-east-1:1:key/k' });
    assert.deepEqual(withKey.lambdaConfig, { CustomSMSSender: { LambdaArn: FN, LambdaVersion: 'V1_0' }, KMSKeyID: 'arn:aws:kms:us-east-1:1:key/k' });
    const existingKey = applySlotChange({ KMSKeyID: 'k1' }, { kind: 'bind', slot: 'CustomEmailSender', functionArn: FN });
    assert.deepEqual(existingKey.changedKeys, ['CustomEmailSender']);
  });
  it('refuses a name where an ARN is needed and an unknown slot', () => {
    assert.throws(() => applySlotChange({}, { kind: 'bind', slot: 'PreSignUp', functionArn: 'my-fn' }), /not a Lambda function ARN/);
    assert.throws(() => applySlotChange({}, { kind: 'bind', slot: 'PreSignin', functionArn: FN }), /not a user pool trigger slot/);
  });
});

describe('diff', () => {
  it('finds nested changes and ignores allowed paths', () => {
    const a = { LastModifiedDate: new Date(1), LambdaConfig: { PreSignUp: FN }, Policies: { PasswordPolicy: { MinimumLength: 12 } }, Tags: ['a'] };
    const b = { LastModifiedDate: new Date(2), LambdaConfig: { PreSignUp: FN2 }, Policies: { PasswordPolicy: { MinimumLength: 8 } }, Tags: ['a', 'b'] };
    assert.deepEqual(deepDiff(a, b).map((d) => d.path), ['LambdaConfig.PreSignUp', 'LastModifiedDate', 'Policies.PasswordPolicy.MinimumLength', 'Tags[1]']);
    assert.deepEqual(unexpectedDifferences(a, b, ['LastModifiedDate', 'LambdaConfig.PreSignUp']).map((d) => d.path), ['Policies.PasswordPolicy.MinimumLength', 'Tags[1]']);
    assert.deepEqual(deepDiff({ d: new Date(5) }, { d: new Date(5) }), []);
  });
});

describe('ids', () => {
  it('validates identity pool ids before any call', () => {
    assert.equal(validateIdentityPoolId('us-east-1:1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d'), 'us-east-1:1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d');
    for (const bad of ['', 'us-east-1', 'us-east-1:XYZ', `us-east-1:${'a'.repeat(50)}`, 'us east-1:abc', 'us-east-1:abc;rm']) assert.throws(() => validateIdentityPoolId(bad), PlanError, bad);
    assert.throws(() => validateUserPoolId('us-east-1'), PlanError);
    assert.equal(validateUserPoolId('local_3Abc'), 'local_3Abc');
  });
  it('parses ARNs', () => {
    assert.deepEqual(parseArn(FN), { partition: 'aws', service: 'lambda', region: 'us-east-1', account: '123456789012', resource: 'function:pre-sign-up' });
    assert.equal(parseArn('nope'), undefined);
  });
});
