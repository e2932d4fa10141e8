// Pre authentication: runs before Cognito checks the password; throw to deny sign-in.
import { clientMetadata, dg, emptyResponse, userAttributes, userNotFound, userPoolEnvelope, validationData } from '../common';
import type { TriggerDefinition, TriggerSourceDefinition } from '../types';

const SOURCES: readonly TriggerSourceDefinition[] = [
  { value: 'PreAuthentication_Authentication', description: 'A user signs in (InitiateAuth, AdminInitiateAuth or managed login).' },
];

export const preAuthentication = {
  id: 'PreAuthentication',
  displayName: 'Pre authentication',
  description:
    'Called when a user tries to sign in, before Cognito verifies the password. Throw an error to deny the sign-in. Not invoked for unknown users unless `PreventUserExistenceErrors` is enabled, nor when tokens are refreshed.',
  docs: dg('user-pool-lambda-pre-authentication'),
  binding: { kind: 'userPool', lambdaConfigKey: 'PreAuthentication' },
  synchronous: true,
  errorName: 'PreAuthentication',
  sources: SOURCES,
  recognition: {},
  typeNames: ['PreAuthenticationTriggerEvent', 'PreAuthenticationTriggerHandler'],
  event: userPoolEnvelope({
    sources: SOURCES,
    request: {
      type: 'object',
      required: true,
      description: 'The user who is signing in.',
      properties: {
        userAttributes: userAttributes('Attributes of the user who is signing in.'),
        validationData: validationData('InitiateAuth or AdminInitiateAuth'),
        userNotFound: userNotFound(),
        clientMetadata: {
          ...clientMetadata('InitiateAuth or AdminInitiateAuth'),
          note: 'Only @types/aws-lambda lists it; the developer guide page does not. Cognito passes InitiateAuth ClientMetadata as `validationData` instead.',
        },
      },
      additionalProperties: true,
    },
    response: emptyResponse(),
  }),
} as const satisfies TriggerDefinition;
