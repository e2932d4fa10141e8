// Building blocks shared by the trigger definitions: the user-pool envelope, string maps, docs links.
import { USER_ATTRIBUTES } from './examples';
import type { EnumValue, FieldDefinition, FieldForm, TriggerSourceDefinition } from './types';

/** Base of every Cognito developer guide link. */
export const DG = 'https://docs.aws.amazon.com/cognito/latest/developerguide/';

/** Link to a developer guide page (`user-pool-lambda-pre-sign-up`), optionally with an anchor. */
export function dg(page: string, anchor?: string): string {
  return `${DG}${page}.html${anchor ? `#${anchor}` : ''}`;
}

/** Shared syntax section of the user pool trigger overview. */
export const SHARED_PARAMS_DOC = dg(
  'cognito-user-pools-working-with-lambda-triggers',
  'cognito-user-pools-lambda-trigger-syntax-shared',
);

/** Standard OIDC attributes Cognito user pools know, offered as suggestions for attribute maps. */
export const STANDARD_ATTRIBUTES: readonly EnumValue[] = [
  ['sub', 'Unique, immutable identifier of the user (a UUID).'],
  ['email', 'Email address.'],
  ['email_verified', 'Whether the email address is verified: the string "true" or "false".'],
  ['phone_number', 'Phone number in E.164 format, e.g. +12065551212.'],
  ['phone_number_verified', 'Whether the phone number is verified: "true" or "false".'],
  ['name', 'Full name.'],
  ['given_name', 'Given (first) name.'],
  ['family_name', 'Family (last) name.'],
  ['middle_name', 'Middle name.'],
  ['nickname', 'Casual name.'],
  ['preferred_username', 'Shorthand name the user wants to be referred to by.'],
  ['profile', 'URL of the profile page.'],
  ['picture', 'URL of the profile picture.'],
  ['website', 'URL of the web page or blog.'],
  ['gender', 'Gender.'],
  ['birthdate', 'Birthday, YYYY-MM-DD.'],
  ['zoneinfo', 'Time zone, e.g. Europe/Paris.'],
  ['locale', 'Locale, e.g. en-US.'],
  ['address', 'Postal address.'],
  ['updated_at', 'Time the information was last updated, seconds since the epoch.'],
  ['identities', 'JSON list of the federated identities linked to the user (read-only).'],
  ['cognito:user_status', 'Status of the user: CONFIRMED, UNCONFIRMED, FORCE_CHANGE_PASSWORD, ...'],
  ['cognito:email_alias', 'Email address used as a sign-in alias.'],
  ['cognito:phone_number_alias', 'Phone number used as a sign-in alias.'],
  ['custom:', 'Prefix of a custom attribute defined in the user pool (custom:<name>).'],
].map(([value, description]) => ({ value: value as string, description: description as string }));

/** A JSON object whose values are strings (@types/aws-lambda `StringMap`). */
export function stringMap(description: string, extra: Partial<FieldDefinition> = {}): FieldDefinition {
  return { type: 'object', description, additionalProperties: { type: 'string', description: 'Value.' }, ...extra };
}

/**
 * `request.userAttributes`. Real published events (AWS docs, Rust and Go runtimes) sometimes carry
 * booleans here; Cognito itself sends strings ("true"), so the model types values as strings and the
 * analysers report booleans as a quirk rather than an error.
 */
export function userAttributes(description: string, extra: Partial<FieldDefinition> = {}): FieldDefinition {
  return {
    type: 'object',
    description,
    required: true,
    additionalProperties: { type: 'string', description: 'Attribute value (always a string; booleans are "true"/"false").' },
    suggestions: STANDARD_ATTRIBUTES,
    example: USER_ATTRIBUTES.confirmed,
    ...extra,
  };
}

/** `request.clientMetadata`: ClientMetadata of the API call that started the flow. Null in some real events. */
export function clientMetadata(fromCalls: string): FieldDefinition {
  return stringMap(
    `Custom key-value pairs from the \`ClientMetadata\` parameter of ${fromCalls}. Absent when the call sent none.`,
    {
      type: ['object', 'null'],
      note: 'Captured events send `null` when no metadata was passed; @types/aws-lambda types it as optional only.',
      nullSource: 'nullFieldsObserved',
      example: { campaign: 'spring-launch' },
    },
  );
}

/** Arguments of `userPoolEnvelope`. */
export interface EnvelopeOptions {
  readonly sources: readonly TriggerSourceDefinition[];
  readonly request: FieldDefinition;
  readonly response?: FieldDefinition;
  /** Values of `version` (event version) Cognito sends. */
  readonly versions?: readonly string[];
  /** The custom senders send no `response` key at all. */
  readonly noResponse?: boolean;
  /** UserMigration's userName is the name typed at sign-in, not an existing user. */
  readonly userNameDescription?: string;
  /** Sample userName per source where it differs (federated users are `<Provider>_<id>`). */
  readonly userNameBySource?: Readonly<Record<string, string>>;
  /** The form userName takes per source (federated users: `<provider name>_<provider user id>`). */
  readonly userNameFormBySource?: Readonly<Record<string, FieldForm>>;
  readonly userNameNote?: string;
}

/** A federated user's userName: `<provider name>_<provider user id>` (ListUsers names the IdP prefix; the underscore is observed). */
export const FEDERATED_USER_NAME: FieldForm = { pattern: '^[^_\\s]\\S*_\\S+$', text: '<provider name>_<provider user id>', sources: ['federatedUserNamePrefix', 'federatedUserNameObserved'] };

/** The common envelope of every user pool trigger event, with this trigger's request and response. */
export function userPoolEnvelope(o: EnvelopeOptions): FieldDefinition {
  const versions = o.versions ?? ['1'];
  const properties: Record<string, FieldDefinition> = {
    version: {
      type: 'string',
      required: true,
      description: 'Event version. `"1"` for most triggers; pre token generation sends `"2"` or `"3"` for its V2_0/V3_0 events.',
      enum: versions.map((v) => ({ value: v, description: `Event version ${v}.` })),
      note: 'Old AWS documentation samples show a number (`1`); Cognito sends a string.',
      docs: SHARED_PARAMS_DOC,
      example: versions[0],
    },
    triggerSource: {
      type: 'string',
      required: true,
      description: 'What caused Cognito to call the function.',
      enum: o.sources.map((s) => ({ value: s.value, description: s.description })),
      docs: SHARED_PARAMS_DOC,
    },
    region: {
      type: 'string',
      required: true,
      description: 'AWS Region of the user pool.',
      constraints: { pattern: '^[a-z]{2}(-[a-z]+)+-\\d+$', patternName: 'an AWS Region such as us-east-1', source: 'regionNames' },
      example: 'us-east-1',
    },
    userPoolId: {
      type: 'string',
      required: true,
      description: 'ID of the user pool: `<region>_<id>`.',
      constraints: { minLength: 1, maxLength: 55, pattern: '^[\\w-]+_[0-9a-zA-Z]+$', patternName: 'a user pool ID such as us-east-1_AbC123xyz', source: 'userPoolIdPattern' },
      example: 'us-east-1_EXAMPLE1a',
    },
    userName: {
      type: 'string',
      required: true,
      description: o.userNameDescription ?? 'Username of the current user.',
      constraints: { minLength: 1, maxLength: 128, source: 'usernameLength' },
      example: 'jane.doe',
      ...(o.userNameBySource ? { examplesBySource: o.userNameBySource } : {}),
      ...(o.userNameFormBySource ? { formBySource: o.userNameFormBySource } : {}),
      ...(o.userNameNote ? { note: o.userNameNote } : {}),
    },
    callerContext: {
      type: 'object',
      required: true,
      description: 'About the request and the code environment that made it.',
      properties: {
        awsSdkVersion: {
          type: 'string',
          description: 'Version of the AWS SDK that made the request.',
          note: 'Some AWS doc and Powertools samples use the key `awsSdk`; Cognito sends `awsSdkVersion`.',
          example: 'aws-sdk-unknown-unknown',
        },
        clientId: {
          type: ['string', 'null'],
          description: 'ID of the app client. `CLIENT_ID_NOT_APPLICABLE` for admin operations with no client.',
          example: '1example23456789abcdefghij',
        },
      },
      additionalProperties: true,
    },
    request: o.request,
  };
  if (!o.noResponse) properties.response = o.response ?? { type: 'object', required: true, description: 'No return values: return the event unchanged.', properties: {}, additionalProperties: false };
  return { type: 'object', description: 'The event Cognito sends.', properties, additionalProperties: true };
}

/** `response` of triggers that return nothing: the function returns the event unchanged. */
export function emptyResponse(): FieldDefinition {
  return {
    type: 'object',
    required: true,
    description: 'No return values: return the event unchanged. Cognito sends `{}`.',
    properties: {},
    additionalProperties: false,
    example: {},
  };
}

/** `request.validationData`: the temporary map fed from `ValidationData` or `ClientMetadata` of `fromCalls`. */
export function validationData(fromCalls: string): FieldDefinition {
  return stringMap(
    `Key-value pairs from the \`ClientMetadata\` parameter of ${fromCalls}, passed through and not stored. Absent when none was sent.`,
    {
      type: ['object', 'null'],
      note: 'Real events send `null` when nothing was passed; @types/aws-lambda types it as optional only.',
      example: { loginSource: 'mobile-app' },
    },
  );
}

/** `request.userNotFound`: set when the app client has `PreventUserExistenceErrors` = ENABLED. */
export function userNotFound(): FieldDefinition {
  return {
    type: 'boolean',
    description:
      '`true` when the user does not exist. Only populated when the app client has `PreventUserExistenceErrors` set to `ENABLED`.',
    example: false,
  };
}

/** Challenge names Cognito reports in `request.session` and accepts in `response.challengeName`. */
export const CHALLENGE_NAMES: readonly EnumValue[] = [
  ['CUSTOM_CHALLENGE', 'A custom challenge issued by the create auth challenge trigger.'],
  ['SRP_A', 'The client sent SRP_A (start of the SRP password flow).'],
  ['PASSWORD_VERIFIER', 'The password was verified (SRP or USER_PASSWORD_AUTH).'],
  ['SMS_MFA', 'An SMS one-time code was verified.'],
  ['EMAIL_OTP', 'An email one-time code was verified.'],
  ['SOFTWARE_TOKEN_MFA', 'A TOTP authenticator code was verified.'],
  ['DEVICE_SRP_AUTH', 'Remembered-device SRP authentication.'],
  ['DEVICE_PASSWORD_VERIFIER', 'Remembered-device password verifier.'],
  ['ADMIN_NO_SRP_AUTH', 'Password checked server-side with AdminInitiateAuth (ADMIN_USER_PASSWORD_AUTH).'],
  ['NEW_PASSWORD_REQUIRED', 'The user had to set a new password (listed for create auth challenge only).'],
].map(([value, description]) => ({ value: value as string, description: description as string }));

/** `request.session`: the chronological list of challenge results so far. */
export function challengeSession(description: string, note: string): FieldDefinition {
  return {
    type: 'array',
    required: true,
    description,
    note,
    items: {
      type: 'object',
      description: 'One challenge result. `session[0]` is the first challenge of the flow.',
      properties: {
        challengeName: {
          type: 'string',
          required: true,
          description: 'Which challenge this was. Cognito only reports its own challenge names here.',
          enum: CHALLENGE_NAMES,
          example: 'PASSWORD_VERIFIER',
        },
        challengeResult: {
          type: 'boolean',
          required: true,
          description: '`true` if the user answered the challenge correctly.',
          example: true,
        },
        challengeMetadata: {
          type: ['string', 'null'],
          description: 'Your name for the custom challenge (from create auth challenge). Only used when challengeName is `CUSTOM_CHALLENGE`.',
          note: '@types/aws-lambda types it `undefined` except for CUSTOM_CHALLENGE; the .NET sample sends `null`.',
          example: 'CAPTCHA_CHALLENGE',
        },
      },
      additionalProperties: true,
    },
    example: [{ challengeName: 'PASSWORD_VERIFIER', challengeResult: true }],
  };
}

/** Identity pool id (`SetCognitoEvents` IdentityPoolId): `<region>:<uuid>`, 1..55 characters. */
export const IDENTITY_POOL_ID_PATTERN = '^[\\w-]+:[0-9a-f-]+$';
