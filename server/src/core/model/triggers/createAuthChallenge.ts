// Create auth challenge: builds the custom challenge named by define auth challenge.
import { challengeSession, clientMetadata, dg, stringMap, userAttributes, userNotFound, userPoolEnvelope } from '../common';
import type { TriggerDefinition, TriggerSourceDefinition } from '../types';

const SOURCES: readonly TriggerSourceDefinition[] = [
  { value: 'CreateAuthChallenge_Authentication', description: 'Define auth challenge asked for a CUSTOM_CHALLENGE.' },
];

const NULL_NOTE = 'Cognito sends `null` in the input event (captured first-call events); required in @types/aws-lambda.';

export const createAuthChallenge = {
  id: 'CreateAuthChallenge',
  displayName: 'Create auth challenge',
  description:
    'Called after define auth challenge names `CUSTOM_CHALLENGE`. It creates the challenge: public parameters for the client and private parameters (the expected answer) for verify auth challenge response.',
  docs: dg('user-pool-lambda-create-auth-challenge'),
  binding: { kind: 'userPool', lambdaConfigKey: 'CreateAuthChallenge' },
  synchronous: true,
  errorName: 'CreateAuthChallenge',
  sources: SOURCES,
  recognition: { distinctiveFields: ['request.challengeName', 'response.publicChallengeParameters', 'response.privateChallengeParameters'] },
  typeNames: ['CreateAuthChallengeTriggerEvent', 'CreateAuthChallengeTriggerHandler'],
  event: userPoolEnvelope({
    sources: SOURCES,
    request: {
      type: 'object',
      required: true,
      description: 'The user, the challenge to create and the results so far.',
      properties: {
        userAttributes: userAttributes('Attributes of the user who is authenticating.'),
        challengeName: {
          type: 'string',
          required: true,
          description: 'The challenge define auth challenge asked for; normally `CUSTOM_CHALLENGE`.',
          example: 'CUSTOM_CHALLENGE',
        },
        session: {
          ...challengeSession(
            'Challenge results so far, oldest first.',
            'The developer guide lists NEW_PASSWORD_REQUIRED here (missing in @types/aws-lambda) and omits SRP_A (present there).',
          ),
          // A custom challenge after the SRP password steps, the usual custom-auth flow.
          example: [
            { challengeName: 'SRP_A', challengeResult: true },
            { challengeName: 'PASSWORD_VERIFIER', challengeResult: true },
          ],
        },
        clientMetadata: clientMetadata('AdminRespondToAuthChallenge or RespondToAuthChallenge'),
        userNotFound: userNotFound(),
      },
      additionalProperties: true,
    },
    response: {
      type: 'object',
      required: true,
      description: 'The challenge: what the client sees and what verify auth challenge response checks.',
      properties: {
        publicChallengeParameters: stringMap('Parameters returned to the client app in `ChallengeParameters` (e.g. a question or a CAPTCHA URL).', {
          type: ['object', 'null'],
          writable: true,
          note: NULL_NOTE,
          example: null,
        }),
        privateChallengeParameters: stringMap('Parameters only passed to verify auth challenge response, typically the valid answer.', {
          type: ['object', 'null'],
          writable: true,
          note: NULL_NOTE,
          example: null,
        }),
        challengeMetadata: {
          type: ['string', 'null'],
          writable: true,
          description: 'Your name for this custom challenge; appears in `session[].challengeMetadata` of later calls.',
          note: NULL_NOTE,
          example: null,
        },
      },
      additionalProperties: false,
    },
  }),
} as const satisfies TriggerDefinition;
