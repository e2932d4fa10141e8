// Custom email sender: Cognito hands the encrypted code to your function, which sends the email itself.
import { dg } from '../common';
import type { TriggerDefinition, TriggerSourceDefinition } from '../types';
import { senderBinding, senderEvent } from './customSenders';

const SOURCES: readonly TriggerSourceDefinition[] = [
  { value: 'CustomEmailSender_SignUp', description: 'Confirmation code after sign-up.' },
  { value: 'CustomEmailSender_ResendCode', description: 'Confirmation code sent again.' },
  { value: 'CustomEmailSender_ForgotPassword', description: 'Code for a forgotten password.' },
  { value: 'CustomEmailSender_UpdateUserAttribute', description: 'Verification code after the email address changed.' },
  { value: 'CustomEmailSender_VerifyUserAttribute', description: 'Verification code the user asked for.' },
  { value: 'CustomEmailSender_AdminCreateUser', description: 'Temporary password for a user created by an administrator.' },
  { value: 'CustomEmailSender_Authentication', description: 'Email one-time code or MFA code during sign-in.' },
  { value: 'CustomEmailSender_AccountTakeOverNotification', description: 'Threat protection detected a risky sign-in and notifies the user.' },
];

export const customEmailSender = {
  id: 'CustomEmailSender',
  displayName: 'Custom email sender',
  description:
    'Called instead of Cognito sending an email. The code is encrypted with the pool’s KMS key; decrypt it and send the email with your own provider. Invoked asynchronously: the return value is ignored.',
  docs: dg('user-pool-lambda-custom-email-sender'),
  binding: senderBinding('CustomEmailSender'),
  synchronous: false,
  errorName: 'CustomEmailSender',
  sources: SOURCES,
  recognition: { distinctiveFields: ['request.type', 'request.code'] },
  typeNames: [
    'CustomEmailSenderTriggerEvent',
    'CustomEmailSenderTriggerHandler',
    'CustomEmailSenderSignUpTriggerEvent',
    'CustomEmailSenderResendCodeTriggerEvent',
    'CustomEmailSenderForgotPasswordTriggerEvent',
    'CustomEmailSenderUpdateUserAttributeTriggerEvent',
    'CustomEmailSenderVerifyUserAttributeTriggerEvent',
    'CustomEmailSenderAdminCreateUserTriggerEvent',
    'CustomEmailSenderAuthenticationTriggerEvent',
    'CustomEmailSenderAccountTakeOverNotificationTriggerEvent',
  ],
  event: senderEvent(SOURCES, 'customEmailSenderRequestV1'),
  noResponse: true,
  notes: [
    'For CustomEmailSender_AccountTakeOverNotification @types/aws-lambda types `userAttributes` as EVENT_ID, USER_NAME, IP_ADDRESS, ACCOUNT_TAKE_OVER_ACTION, ONE_CLICK_LINK_VALID/INVALID, LOGIN_TIME, FEEDBACK_TOKEN, CITY, COUNTRY, DEVICE_NAME; the developer guide pages do not show it.',
  ],
} as const satisfies TriggerDefinition;
