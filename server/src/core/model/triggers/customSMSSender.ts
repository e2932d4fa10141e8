// Custom SMS sender: Cognito hands the encrypted code to your function, which sends the SMS itself.
import { dg } from '../common';
import type { TriggerDefinition, TriggerSourceDefinition } from '../types';
import { senderBinding, senderEvent } from './customSenders';

const SOURCES: readonly TriggerSourceDefinition[] = [
  { value: 'CustomSMSSender_SignUp', description: 'Confirmation code after sign-up.' },
  { value: 'CustomSMSSender_ResendCode', description: 'Confirmation code sent again.' },
  { value: 'CustomSMSSender_ForgotPassword', description: 'Code for a forgotten password.' },
  { value: 'CustomSMSSender_UpdateUserAttribute', description: 'Verification code after the phone number changed.' },
  { value: 'CustomSMSSender_VerifyUserAttribute', description: 'Verification code the user asked for.' },
  { value: 'CustomSMSSender_AdminCreateUser', description: 'Temporary password for a user created by an administrator.' },
  { value: 'CustomSMSSender_Authentication', description: 'SMS one-time code or MFA code during sign-in.' },
];

export const customSMSSender = {
  id: 'CustomSMSSender',
  displayName: 'Custom SMS sender',
  description:
    'Called instead of Cognito sending an SMS. The code is encrypted with the pool’s KMS key; decrypt it and send the text with your own provider. Invoked asynchronously: the return value is ignored.',
  docs: dg('user-pool-lambda-custom-sms-sender'),
  binding: senderBinding('CustomSMSSender'),
  synchronous: false,
  errorName: 'CustomSMSSender',
  sources: SOURCES,
  recognition: { distinctiveFields: ['request.type', 'request.code'] },
  typeNames: [
    'CustomSMSSenderTriggerEvent',
    'CustomSMSSenderTriggerHandler',
    'CustomSMSSenderSignUpTriggerEvent',
    'CustomSMSSenderResendCodeTriggerEvent',
    'CustomSMSSenderForgotPasswordTriggerEvent',
    'CustomSMSSenderUpdateUserAttributeTriggerEvent',
    'CustomSMSSenderVerifyUserAttributeTriggerEvent',
    'CustomSMSSenderAdminCreateUserTriggerEvent',
    'CustomSMSSenderAuthenticationUserTriggerEvent',
  ],
  event: senderEvent(SOURCES, 'customSMSSenderRequestV1'),
  noResponse: true,
  notes: ['The developer guide overview table spells the sources `CustomSmsSender_*`; Cognito sends `CustomSMSSender_*`.'],
} as const satisfies TriggerDefinition;
