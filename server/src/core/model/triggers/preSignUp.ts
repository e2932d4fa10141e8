// Pre sign-up: runs before Cognito creates a user; may auto-confirm and auto-verify.
import { clientMetadata, dg, FEDERATED_USER_NAME, stringMap, userAttributes, userPoolEnvelope } from '../common';
import type { FieldDefinition, TriggerDefinition, TriggerSourceDefinition } from '../types';

const DOCS = dg('user-pool-lambda-pre-sign-up');

const SOURCES: readonly TriggerSourceDefinition[] = [
  { value: 'PreSignUp_SignUp', description: 'A user signs up through SignUp or the managed login sign-up page.' },
  { value: 'PreSignUp_AdminCreateUser', description: 'An administrator creates the user with AdminCreateUser.' },
  { value: 'PreSignUp_ExternalProvider', description: 'A user signs in for the first time through an external identity provider.' },
];

/** One of the three response flags; they share their rules. */
const flag = (what: string, extra: string): FieldDefinition => ({
  type: 'boolean',
  writable: true,
  description: `Set to \`true\` to ${what}.${extra ? ` ${extra}` : ''} Ignored for \`PreSignUp_AdminCreateUser\`.`,
  note: 'Optional in the AWS docs (default false), required in @types/aws-lambda. Cognito sends `false` in the input event.',
  example: false,
});

export const preSignUp = {
  id: 'PreSignUp',
  displayName: 'Pre sign-up',
  description:
    'Called just before Cognito signs up a new user. It can deny the sign-up by throwing, or auto-confirm the user and auto-verify their email or phone number.',
  docs: DOCS,
  binding: { kind: 'userPool', lambdaConfigKey: 'PreSignUp' },
  synchronous: true,
  errorName: 'PreSignUp',
  sources: SOURCES,
  recognition: {},
  typeNames: [
    'PreSignUpTriggerEvent',
    'PreSignUpTriggerHandler',
    'PreSignUpEmailTriggerEvent',
    'PreSignUpExternalProviderTriggerEvent',
    'PreSignUpAdminCreateUserTriggerEvent',
  ],
  event: userPoolEnvelope({
    sources: SOURCES,
    // A federated user's name is `<providerName>_<provider user id>` (Google's ids are 21 digits).
    userNameBySource: { PreSignUp_ExternalProvider: 'Google_111111111111111111111' },
    userNameFormBySource: { PreSignUp_ExternalProvider: FEDERATED_USER_NAME },
    request: {
      type: 'object',
      required: true,
      description: 'What the user or the administrator sent.',
      properties: {
        // Before sign-up the user does not exist yet: a self sign-up carries only what the user typed
        // (no sub, no cognito:user_status), as in the AWS docs' and the runtimes' captured events.
        userAttributes: userAttributes('Attributes given at sign-up, or mapped from the identity provider.', {
          examplesBySource: {
            PreSignUp_SignUp: { email: 'jane.doe@example.com', name: 'Jane Doe', phone_number: '+12065550100' },
            PreSignUp_ExternalProvider: { email: 'jane.doe@example.com', name: 'Jane Doe' },
            // What the administrator passed to AdminCreateUser; the user (sub, status) is created after this trigger.
            PreSignUp_AdminCreateUser: { email: 'jane.doe@example.com', email_verified: 'true', name: 'Jane Doe' },
          },
        }),
        validationData: stringMap(
          'Key-value pairs from the `ValidationData` parameter of SignUp or AdminCreateUser. Not stored on the user.',
          {
            type: ['object', 'null'],
            note: 'Real events send `null` when no validation data was passed; @types/aws-lambda has no null.',
            nullSource: 'validationDataNull',
            example: null,
          },
        ),
        clientMetadata: clientMetadata('AdminCreateUser, AdminRespondToAuthChallenge, ForgotPassword or SignUp'),
      },
      additionalProperties: true,
    },
    response: {
      type: 'object',
      required: true,
      description: 'Set these flags to confirm or verify the user without a code.',
      properties: {
        autoConfirmUser: flag('confirm the user without a confirmation code', ''),
        autoVerifyEmail: flag(
          'mark the email address verified',
          'The event must carry a valid `email` attribute, or sign-up fails. If email is an alias, the alias moves from any user who has it.',
        ),
        autoVerifyPhone: flag(
          'mark the phone number verified',
          'The event must carry a valid `phone_number` attribute, or sign-up fails. If the phone number is an alias, the alias moves from any user who has it.',
        ),
      },
      additionalProperties: false,
    },
  }),
} as const satisfies TriggerDefinition;
