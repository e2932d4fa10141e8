// Migrate user: creates a user from a legacy directory at sign-in or forgot-password.
import { clientMetadata, dg, STANDARD_ATTRIBUTES, userPoolEnvelope, validationData } from '../common';
import type { TriggerDefinition, TriggerSourceDefinition } from '../types';

const SOURCES: readonly TriggerSourceDefinition[] = [
  { value: 'UserMigration_Authentication', description: 'An unknown user signs in with a password (not invoked for passwordless sign-in).' },
  { value: 'UserMigration_ForgotPassword', description: 'An unknown user starts the forgot-password flow.' },
];

const NULL_NOTE = 'The Powertools TypeScript sample sends every response field as `null` in the input.';

export const userMigration = {
  id: 'UserMigration',
  displayName: 'Migrate user',
  description:
    'Called when a user that does not exist in the pool signs in with a password or starts a password reset. Look the user up in your old directory and return their attributes: Cognito creates the user. Throw to refuse.',
  docs: dg('user-pool-lambda-migrate-user'),
  binding: { kind: 'userPool', lambdaConfigKey: 'UserMigration' },
  synchronous: true,
  errorName: 'UserMigration',
  sources: SOURCES,
  recognition: { distinctiveFields: ['request.password', 'response.finalUserStatus', 'response.desiredDeliveryMediums'] },
  typeNames: [
    'UserMigrationTriggerEvent',
    'UserMigrationTriggerHandler',
    'UserMigrationAuthenticationTriggerEvent',
    'UserMigrationForgotPasswordTriggerEvent',
  ],
  event: userPoolEnvelope({
    sources: SOURCES,
    userNameDescription: 'The username the user entered at sign-in or forgot-password; the user does not exist in the pool yet.',
    request: {
      type: 'object',
      required: true,
      description: 'What the user entered. There is no `userAttributes`: the user does not exist yet.',
      properties: {
        password: {
          type: 'string',
          description: 'The password the user entered. Not sent for `UserMigration_ForgotPassword`.',
          sources: ['UserMigration_Authentication'],
          note: 'Required in @types/aws-lambda, but the developer guide says it is absent for UserMigration_ForgotPassword.',
          example: 'correct-horse-battery-staple',
        },
        validationData: validationData('InitiateAuth or AdminInitiateAuth'),
        clientMetadata: clientMetadata('AdminRespondToAuthChallenge or ForgotPassword'),
      },
      additionalProperties: true,
    },
    response: {
      type: 'object',
      required: true,
      description: 'The attributes and status of the user to create.',
      properties: {
        userAttributes: {
          type: ['object', 'null'],
          writable: true,
          description:
            'Attributes stored on the new user (custom attributes need the `custom:` prefix). Required to migrate; with alias sign-in, put the entered username in an alias attribute (email or phone_number).',
          additionalProperties: { type: 'string', description: 'Attribute value (a string).' },
          suggestions: STANDARD_ATTRIBUTES,
          note: NULL_NOTE,
          example: null,
        },
        finalUserStatus: {
          type: ['string', 'null'],
          writable: true,
          description: 'Status of the new user. `CONFIRMED` auto-confirms the user, who signs in with the migrated password; if you do not set `CONFIRMED`, Cognito sets `RESET_REQUIRED` (developer guide) and the client must handle PasswordResetRequiredException.',
          enum: [
            { value: 'CONFIRMED', description: 'Auto-confirm: the user can sign in with the migrated password.' },
            { value: 'RESET_REQUIRED', description: 'The user must reset the password (PasswordResetRequiredException) at next sign-in.' },
          ],
          note: 'The developer guide names only CONFIRMED and RESET_REQUIRED; @types/aws-lambda allows every UserStatus value. Until March 2022 the guide said an unset status also auto-confirms ("can be set to CONFIRMED, or not set, to auto-confirm"); it now says an unset status becomes RESET_REQUIRED, and the model follows the current text.',
          example: null,
        },
        messageAction: {
          type: ['string', 'null'],
          writable: true,
          description: 'Set to `SUPPRESS` to skip the welcome message Cognito normally sends to migrated users.',
          enum: [
            { value: 'SUPPRESS', description: 'Do not send the welcome message.' },
            {
              value: 'RESEND',
              description: 'Resend the invitation (API MessageActionType of AdminCreateUser).',
              undocumented: 'the migrate user page documents only SUPPRESS for messageAction; what Cognito does with RESEND here is not documented',
            },
          ],
          note: 'The developer guide documents only SUPPRESS; @types/aws-lambda and the AdminCreateUser API add RESEND.',
          example: null,
        },
        desiredDeliveryMediums: {
          type: ['array', 'null'],
          writable: true,
          description: 'Where to send the welcome message. Default `["SMS"]`.',
          items: {
            type: 'string',
            description: 'A delivery medium.',
            enum: [
              { value: 'EMAIL', description: 'Send by email.' },
              { value: 'SMS', description: 'Send by SMS.' },
            ],
          },
          note: 'Optional in the developer guide (default SMS), required in @types/aws-lambda.',
          example: null,
        },
        forceAliasCreation: {
          type: ['boolean', 'null'],
          writable: true,
          description: '`true` moves an email or phone alias from an existing user to the migrated user. Default `false`.',
          note: NULL_NOTE,
          example: null,
        },
        enableSMSMFA: {
          type: ['boolean', 'null'],
          writable: true,
          description: '`true` requires SMS MFA for the migrated user. The pool must have MFA enabled and the user attributes must include `phone_number`, or the migration fails.',
          note: NULL_NOTE,
          example: null,
        },
      },
      additionalProperties: false,
    },
  }),
} as const satisfies TriggerDefinition;
