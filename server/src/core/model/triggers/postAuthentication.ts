// Post authentication: runs after a successful sign-in; no return values.
import { clientMetadata, dg, emptyResponse, userAttributes, userPoolEnvelope } from '../common';
import type { TriggerDefinition, TriggerSourceDefinition } from '../types';

const SOURCES: readonly TriggerSourceDefinition[] = [
  { value: 'PostAuthentication_Authentication', description: 'A user signed in successfully.' },
];

export const postAuthentication = {
  id: 'PostAuthentication',
  displayName: 'Post authentication',
  description:
    'Called after Cognito signs a user in, before it returns tokens. Use it for logging or analytics; a thrown error fails the sign-in although the password was right.',
  docs: dg('user-pool-lambda-post-authentication'),
  binding: { kind: 'userPool', lambdaConfigKey: 'PostAuthentication' },
  synchronous: true,
  errorName: 'PostAuthentication',
  sources: SOURCES,
  recognition: { distinctiveFields: ['request.newDeviceUsed'] },
  typeNames: ['PostAuthenticationTriggerEvent', 'PostAuthenticationTriggerHandler'],
  event: userPoolEnvelope({
    sources: SOURCES,
    request: {
      type: 'object',
      required: true,
      description: 'The user who signed in.',
      properties: {
        userAttributes: userAttributes('Attributes of the user who signed in.'),
        newDeviceUsed: {
          type: 'boolean',
          description: '`true` if the user signed in on a new device. Only set when the pool remembers devices (Always or User Opt-In).',
          note: 'Required in @types/aws-lambda; the developer guide says it is only set when device tracking is on.',
          example: false,
        },
        clientMetadata: clientMetadata('AdminRespondToAuthChallenge or RespondToAuthChallenge (not InitiateAuth)'),
      },
      additionalProperties: true,
    },
    response: emptyResponse(),
  }),
} as const satisfies TriggerDefinition;
