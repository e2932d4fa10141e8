// Pure planning of UpdateUserPool: every current updatable setting unchanged plus one slot changed.
// Why this exists: UpdateUserPool resets every member a call leaves out (MFA, messages, other triggers).
import type { UpdateUserPoolCommandInput, UserPoolType } from '@aws-sdk/client-cognito-identity-provider';
import { PlanError } from './planError';
import { applySlotChange, type SlotChange } from './slotChange';

export { PlanError };

/** Update members other than the pool id. */
type UpdateMember = Exclude<keyof UpdateUserPoolCommandInput, 'UserPoolId'>;

/**
 * Where each UpdateUserPool member comes from in DescribeUserPool's `UserPool`. `satisfies` makes this
 * exhaustive: when the SDK adds an update member, type-checking fails until it is listed here.
 */
export const UPDATE_MEMBER_SOURCE = {
  Policies: 'Policies',
  DeletionProtection: 'DeletionProtection',
  LambdaConfig: 'LambdaConfig',
  AutoVerifiedAttributes: 'AutoVerifiedAttributes',
  SmsVerificationMessage: 'SmsVerificationMessage',
  EmailVerificationMessage: 'EmailVerificationMessage',
  EmailVerificationSubject: 'EmailVerificationSubject',
  VerificationMessageTemplate: 'VerificationMessageTemplate',
  SmsAuthenticationMessage: 'SmsAuthenticationMessage',
  UserAttributeUpdateSettings: 'UserAttributeUpdateSettings',
  MfaConfiguration: 'MfaConfiguration',
  DeviceConfiguration: 'DeviceConfiguration',
  EmailConfiguration: 'EmailConfiguration',
  SmsConfiguration: 'SmsConfiguration',
  UserPoolTags: 'UserPoolTags',
  AdminCreateUserConfig: 'AdminCreateUserConfig',
  UserPoolAddOns: 'UserPoolAddOns',
  DcrConfiguration: 'DcrConfiguration',
  AccountRecoverySetting: 'AccountRecoverySetting',
  // Describe calls it Name; Update calls it PoolName. Sent unchanged.
  PoolName: 'Name',
  UserPoolTier: 'UserPoolTier',
  KeyConfiguration: 'KeyConfiguration',
  IssuerConfiguration: 'IssuerConfiguration',
  AcrConfiguration: 'AcrConfiguration',
} as const satisfies Record<UpdateMember, keyof UserPoolType>;

/** Describe members no UpdateUserPool member carries (read-only, or changed by other APIs). */
export function describeOnlyMembers(pool: UserPoolType): string[] {
  const sources = new Set<string>(Object.values(UPDATE_MEMBER_SOURCE));
  return Object.keys(pool).filter((k) => !sources.has(k)).sort();
}

/** A member left out of (or trimmed from) the update input, and why. */
export interface OmittedMember {
  member: string;
  reason: string;
  /**
   * Trimmed from the update although Describe returns it (a deprecated mirror of a member that is
   * sent): the pool may stop reporting it afterwards, which the plan announced, so it is no surprise.
   */
  mayDisappear?: boolean;
  /**
   * Nothing a person would notice: the member only repeats the value of the one that is sent, so the
   * review does not list it and its disappearance is not reported (the pool keeps that value).
   */
  quiet?: boolean;
}

/** The planned UpdateUserPool call. */
export interface UpdatePlan {
  input: UpdateUserPoolCommandInput;
  /** `LambdaConfig` keys whose value changes (the slot, its legacy key, KMSKeyID). */
  changedKeys: string[];
  before: Record<string, unknown>;
  after: Record<string, unknown>;
  omitted: OmittedMember[];
}

/**
 * Builds the UpdateUserPool input from DescribeUserPool's `UserPool`: every updatable member as it is,
 * minus what Update refuses, plus one slot change. Throws PlanError when the change is not allowed.
 */
export function planUserPoolUpdate(pool: UserPoolType, change: SlotChange): UpdatePlan {
  if (!pool.Id) throw new PlanError('The pool description has no Id.', 'Describe the pool again.');
  const source = structuredClone(pool) as Record<string, unknown>;
  const input: Record<string, unknown> = { UserPoolId: pool.Id };
  for (const [member, from] of Object.entries(UPDATE_MEMBER_SOURCE)) {
    const value = source[from];
    if (value !== undefined && value !== null) input[member] = value;
  }
  const omitted: OmittedMember[] = describeOnlyMembers(pool).map((m) => ({ member: m, reason: 'not an UpdateUserPool member (read-only or changed by another API); unaffected' }));
  omitted.push(...trimRefusedMembers(input));
  const before = (source.LambdaConfig as Record<string, unknown> | undefined) ?? {};
  const { lambdaConfig, changedKeys } = applySlotChange(before, change);
  const version = (lambdaConfig.PreTokenGenerationConfig as { LambdaVersion?: string } | undefined)?.LambdaVersion;
  if (pool.UserPoolTier === 'LITE' && changedKeys.includes('PreTokenGenerationConfig') && version && version !== 'V1_0') {
    // Refused before the call: Cognito would answer FeatureUnavailableInTierException.
    throw new PlanError(`Pre token generation ${version} needs the Essentials or Plus feature plan; this pool is on Lite.`, 'Change the feature plan in the Cognito console, or bind with --lambda-version V1_0.');
  }
  if (Object.keys(lambdaConfig).length > 0) input.LambdaConfig = lambdaConfig;
  else if (input.LambdaConfig !== undefined) input.LambdaConfig = {};
  return { input: input as unknown as UpdateUserPoolCommandInput, changedKeys, before, after: lambdaConfig, omitted };
}

/**
 * The deprecated top-level verification members and the template field each mirrors. The API reference
 * says of each "This parameter is no longer used" and points to VerificationMessageTemplateType
 * (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UpdateUserPool.html#CognitoUserPools-UpdateUserPool-request-EmailVerificationMessage);
 * it does not say whether Update accepts both. Observed: the Terraform AWS provider's UpdateUserPool
 * sends both, making the template field equal to the mirror
 * (https://github.com/hashicorp/terraform-provider-aws/blob/main/internal/service/cognitoidp/user_pool.go,
 * resourceUserPoolUpdate), so both are sent when they agree and an emulator that stores the mirrors as
 * sent (cognito-local) keeps them.
 */
export const VERIFICATION_MIRRORS = [
  ['EmailVerificationMessage', 'EmailMessage'],
  ['EmailVerificationSubject', 'EmailSubject'],
  ['SmsVerificationMessage', 'SmsMessage'],
] as const;

/** Removes what Describe returns but Update refuses; returns what was removed and why. */
function trimRefusedMembers(input: Record<string, unknown>): OmittedMember[] {
  const out: OmittedMember[] = [];
  const acu = input.AdminCreateUserConfig as Record<string, unknown> | undefined;
  const policy = (input.Policies as { PasswordPolicy?: { TemporaryPasswordValidityDays?: number } } | undefined)?.PasswordPolicy;
  if (acu && acu.UnusedAccountValidityDays !== undefined && policy?.TemporaryPasswordValidityDays !== undefined) {
    // Update rejects both at once ("Please use TemporaryPasswordValidityDays in PasswordPolicy instead of
    // UnusedAccountValidityDays", observed: the Terraform provider retries without it on that message).
    // "This parameter is no longer in use … For older user pools that have a UnusedAccountValidityDays
    // configuration, that value is effective until you set a value for TemporaryPasswordValidityDays"
    // (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminCreateUserConfigType.html#CognitoUserPools-Type-AdminCreateUserConfigType-UnusedAccountValidityDays):
    // with both set, TemporaryPasswordValidityDays is the value in effect. Cognito's Describe repeats it
    // there (observed: the Terraform provider reads both back equal), so leaving it out changes nothing
    // anyone sees, and the review says nothing. Only a pool reporting another value (cognito-local keeps
    // its default 7) loses something visible: that one is announced, and its disappearance noted.
    const days = policy.TemporaryPasswordValidityDays;
    const same = acu.UnusedAccountValidityDays === days;
    delete acu.UnusedAccountValidityDays;
    out.push({
      member: 'AdminCreateUserConfig.UnusedAccountValidityDays',
      reason: `no longer in use; Policies.PasswordPolicy.TemporaryPasswordValidityDays (${days}) is the value in effect, and it is sent`,
      mayDisappear: true,
      ...(same ? { quiet: true } : {}),
    });
  }
  const template = input.VerificationMessageTemplate as Record<string, unknown> | undefined;
  if (template) {
    for (const [legacy, field] of VERIFICATION_MIRRORS) {
      if (input[legacy] === undefined) continue;
      // A template without the field takes the mirror's value (the pool's current text either way).
      if (template[field] === undefined) template[field] = input[legacy];
      // Equal to the template: sent as it is, so nothing is lost. Different: the template wins (it is
      // what Cognito uses), and the stale mirror is left out, as announced.
      if (template[field] === input[legacy]) continue;
      delete input[legacy];
      out.push({ member: legacy, reason: `deprecated and different from VerificationMessageTemplate.${field}, which is sent`, mayDisappear: true });
    }
  }
  return out;
}
