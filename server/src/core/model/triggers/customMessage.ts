// Custom message: rewrites the SMS and email messages Cognito sends with codes and temporary passwords.
import { clientMetadata, dg, userAttributes, userPoolEnvelope } from '../common';
import { attributesBySource } from '../examples';
import type { FieldConstraints, FieldDefinition, TriggerDefinition, TriggerSourceDefinition } from '../types';

const DOCS = dg('user-pool-lambda-custom-message');
const TEMPLATE_DOCS = 'https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_MessageTemplateType.html';

const SOURCES: readonly TriggerSourceDefinition[] = [
  { value: 'CustomMessage_SignUp', description: 'Confirmation code sent after sign-up.' },
  { value: 'CustomMessage_AdminCreateUser', description: 'Temporary password sent to a user created by an administrator.' },
  { value: 'CustomMessage_ResendCode', description: 'Confirmation code sent again (ResendConfirmationCode).' },
  { value: 'CustomMessage_ForgotPassword', description: 'Code sent for a forgotten password.' },
  { value: 'CustomMessage_UpdateUserAttribute', description: 'Verification code after the email or phone number changed.' },
  { value: 'CustomMessage_VerifyUserAttribute', description: 'Verification code the user asked for (GetUserAttributeVerificationCode).' },
  { value: 'CustomMessage_Authentication', description: 'MFA code sent during sign-in.' },
];

/**
 * The messages that verify an email address, where a pool set to verify by link takes the link placeholder
 * instead of the code. Not the invitation (the guide: it "must include placeholder variables for the
 * username and code"), the password reset ("the confirmation code for Forgot Password") or the MFA code.
 */
export const LINK_SOURCES: readonly string[] = ['CustomMessage_SignUp', 'CustomMessage_ResendCode', 'CustomMessage_UpdateUserAttribute', 'CustomMessage_VerifyUserAttribute'];

/** The message must carry the code, and for admin-created users also the username. */
const PLACEHOLDERS: FieldConstraints['mustContain'] = [
  // A pool that verifies email addresses by link sends request.linkParameter; a verification message carrying
  // it instead of the code is valid. An invitation, a password reset or an MFA message still needs the code.
  {
    fromField: 'request.codeParameter',
    typical: '{####}',
    alternatives: ['request.linkParameter'],
    alternativesFor: LINK_SOURCES,
    alternativesSource: 'verificationByLink',
    source: 'customMessagePattern',
  },
  // The page says only that usernameParameter is sent for admin-created users; that a message without it is
  // rejected is not documented: a warning, in the event check and the invoke summary alike.
  { fromField: 'request.usernameParameter', typical: '{username}', sources: ['CustomMessage_AdminCreateUser'], severity: 'warning', source: 'customMessageUsernameUndocumented' },
];

const NULL_NOTE = 'Cognito sends `null` in the input event; @types/aws-lambda types it `string | null` and required. Leave it null to keep the default message.';

const message = (description: string, constraints: FieldConstraints, example: string): FieldDefinition => ({
  type: ['string', 'null'],
  writable: true,
  description,
  constraints,
  docs: TEMPLATE_DOCS,
  note: NULL_NOTE,
  // `example` stays null because that is what Cognito sends; the suggestion offers typical text.
  example: null,
  suggestions: [{ value: example, description: 'A typical message with the code placeholder.' }],
});

export const customMessage = {
  id: 'CustomMessage',
  displayName: 'Custom message',
  description:
    'Called before Cognito sends a verification code, MFA code or temporary password by SMS or email. Return your own message text and subject; they must include the code placeholder (and, for AdminCreateUser, the username placeholder).',
  docs: DOCS,
  binding: { kind: 'userPool', lambdaConfigKey: 'CustomMessage' },
  synchronous: true,
  errorName: 'CustomMessage',
  sources: SOURCES,
  recognition: { distinctiveFields: ['request.codeParameter', 'response.smsMessage', 'response.emailMessage'] },
  typeNames: [
    'CustomMessageTriggerEvent',
    'CustomMessageTriggerHandler',
    'CustomMessageSignUpTriggerEvent',
    'CustomMessageAdminCreateUserTriggerEvent',
    'CustomMessageResendCodeTriggerEvent',
    'CustomMessageForgotPasswordTriggerEvent',
    'CustomMessageUpdateUserAttributeTriggerEvent',
    'CustomMessageVerifyUserAttributeTriggerEvent',
    'CustomMessageAuthenticationTriggerEvent',
  ],
  event: userPoolEnvelope({
    sources: SOURCES,
    request: {
      type: 'object',
      required: true,
      description: 'The user and the placeholders your message must contain.',
      properties: {
        userAttributes: userAttributes('Attributes of the user the message is for.', { examplesBySource: attributesBySource(SOURCES) }),
        codeParameter: {
          type: 'string',
          required: true,
          description: 'Placeholder Cognito replaces with the code or temporary password. Put this value (not a hard-coded `{####}`) in your messages.',
          example: '{####}',
        },
        linkParameter: {
          type: 'string',
          description: 'Placeholder for the verification link when the pool verifies by link, e.g. `{##Click Here##}`.',
          note: 'Required in @types/aws-lambda; the developer guide parameter list omits it (it appears in its test event).',
          example: '{##Click Here##}',
        },
        usernameParameter: {
          type: ['string', 'null'],
          required: true,
          description: 'Placeholder Cognito replaces with the username. Set (e.g. `{username}`) for `CustomMessage_AdminCreateUser`; `null` otherwise.',
          example: null,
          examplesBySource: { CustomMessage_AdminCreateUser: '{username}' },
          // "Amazon Cognito includes this parameter in requests that result from admin-created users."
          valueOnlyFor: { sources: ['CustomMessage_AdminCreateUser'], source: 'customMessageUsername' },
        },
        clientMetadata: clientMetadata(
          'AdminResetUserPassword, AdminRespondToAuthChallenge, AdminUpdateUserAttributes, ForgotPassword, GetUserAttributeVerificationCode, ResendConfirmationCode, SignUp or UpdateUserAttributes',
        ),
      },
      additionalProperties: true,
    },
    response: {
      type: 'object',
      required: true,
      description: 'Your message. Fields left `null` keep the message configured in the user pool.',
      properties: {
        smsMessage: message(
          'SMS text. Must contain the `request.codeParameter` value; at most 140 characters including the code.',
          { minLength: 6, maxLength: 140, mustContain: PLACEHOLDERS, source: 'customMessageLengths' },
          'Your verification code is {####}.',
        ),
        emailMessage: message(
          'Email body (HTML allowed). Must contain the `request.codeParameter` value; at most 20,000 characters. Only used when the pool sends email with `EmailSendingAccount` = `DEVELOPER` (Amazon SES); otherwise Cognito fails with InvalidLambdaResponseException.',
          { minLength: 6, maxLength: 20000, mustContain: PLACEHOLDERS, source: 'customMessageLengths' },
          '<p>Your verification code is {####}.</p>',
        ),
        emailSubject: {
          type: ['string', 'null'],
          writable: true,
          description: 'Email subject, 1 to 140 characters. Same `DEVELOPER` email account requirement as `emailMessage`.',
          constraints: { minLength: 1, maxLength: 140, source: 'emailSubjectLength' },
          docs: TEMPLATE_DOCS,
          note: NULL_NOTE,
          example: null,
        },
      },
      additionalProperties: false,
    },
  }),
} as const satisfies TriggerDefinition;
