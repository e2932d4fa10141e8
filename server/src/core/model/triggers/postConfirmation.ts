// Post confirmation: runs after a user is confirmed (sign-up or forgot-password); no return values.
import { clientMetadata, dg, emptyResponse, userAttributes, userPoolEnvelope } from '../common';
import type { TriggerDefinition, TriggerSourceDefinition } from '../types';

const SOURCES: readonly TriggerSourceDefinition[] = [
  {
    value: 'PostConfirmation_ConfirmSignUp',
    description: 'A user confirmed sign-up (ConfirmSignUp, AdminConfirmSignUp, managed login, or first federated sign-in).',
  },
  { value: 'PostConfirmation_ConfirmForgotPassword', description: 'A user confirmed a new password with ConfirmForgotPassword.' },
];

export const postConfirmation = {
  id: 'PostConfirmation',
  displayName: 'Post confirmation',
  description:
    'Called after Cognito confirms a new user or a forgotten-password reset. Use it for welcome messages, provisioning or analytics; it returns nothing but a thrown error fails the confirmation call.',
  docs: dg('user-pool-lambda-post-confirmation'),
  binding: { kind: 'userPool', lambdaConfigKey: 'PostConfirmation' },
  synchronous: true,
  errorName: 'PostConfirmation',
  sources: SOURCES,
  recognition: {},
  typeNames: [
    'PostConfirmationTriggerEvent',
    'PostConfirmationTriggerHandler',
    'PostConfirmationConfirmSignUpTriggerEvent',
    'PostConfirmationConfirmForgotPassword',
  ],
  event: userPoolEnvelope({
    sources: SOURCES,
    request: {
      type: 'object',
      required: true,
      description: 'The confirmed user.',
      properties: {
        userAttributes: userAttributes('Current attributes of the confirmed user.'),
        clientMetadata: clientMetadata('AdminConfirmSignUp, ConfirmForgotPassword, ConfirmSignUp or SignUp'),
      },
      additionalProperties: true,
    },
    response: emptyResponse(),
  }),
} as const satisfies TriggerDefinition;
