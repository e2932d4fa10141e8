// Define auth challenge: decides the next step of a custom authentication flow.
import { CHALLENGE_NAMES, challengeSession, clientMetadata, dg, userAttributes, userNotFound, userPoolEnvelope } from '../common';
import type { TriggerDefinition, TriggerSourceDefinition } from '../types';

const SOURCES: readonly TriggerSourceDefinition[] = [
  { value: 'DefineAuthChallenge_Authentication', description: 'Each step of a CUSTOM_AUTH flow, starting with InitiateAuth.' },
];

const NULL_NOTE =
  'Cognito sends `null` in the input event (captured first-call events); required in @types/aws-lambda, not stated in the developer guide.';

export const defineAuthChallenge = {
  id: 'DefineAuthChallenge',
  displayName: 'Define auth challenge',
  description:
    'Called at every step of a custom authentication flow. It reads the challenge results so far in `request.session` and decides: issue tokens, fail the flow, or name the next challenge.',
  docs: dg('user-pool-lambda-define-auth-challenge'),
  binding: { kind: 'userPool', lambdaConfigKey: 'DefineAuthChallenge' },
  synchronous: true,
  errorName: 'DefineAuthChallenge',
  sources: SOURCES,
  recognition: { distinctiveFields: ['request.session', 'response.issueTokens', 'response.failAuthentication'] },
  typeNames: ['DefineAuthChallengeTriggerEvent', 'DefineAuthChallengeTriggerHandler'],
  event: userPoolEnvelope({
    sources: SOURCES,
    request: {
      type: 'object',
      required: true,
      description: 'The user and the challenge results so far.',
      properties: {
        userAttributes: userAttributes('Attributes of the user who is authenticating.'),
        session: challengeSession(
          'Challenge results so far, oldest first. Empty (`[]`) on the first call of the flow.',
          'The developer guide lists EMAIL_OTP and SOFTWARE_TOKEN_MFA, which @types/aws-lambda `ChallengeName` lacks.',
        ),
        clientMetadata: clientMetadata('AdminRespondToAuthChallenge or RespondToAuthChallenge'),
        userNotFound: userNotFound(),
      },
      additionalProperties: true,
    },
    response: {
      type: 'object',
      required: true,
      description: 'Set `issueTokens`, `failAuthentication` or the next `challengeName`.',
      properties: {
        challengeName: {
          type: ['string', 'null'],
          writable: true,
          description: 'The next challenge to present, e.g. `CUSTOM_CHALLENGE` (then create auth challenge runs).',
          // A closed set: the challenge names Cognito uses (API ChallengeNameType and the guide's SRP_A);
          // a write of anything else (COLLECT_ATTRIBUTES, seen in real handlers) is reported.
          enum: CHALLENGE_NAMES,
          note: NULL_NOTE,
          example: null,
        },
        issueTokens: {
          type: ['boolean', 'null'],
          writable: true,
          description: '`true` when the user has passed enough challenges: Cognito issues tokens.',
          note: NULL_NOTE,
          example: null,
        },
        failAuthentication: {
          type: ['boolean', 'null'],
          writable: true,
          description: '`true` to end the flow with an error (NotAuthorizedException).',
          note: NULL_NOTE,
          example: null,
        },
      },
      additionalProperties: false,
    },
  }),
} as const satisfies TriggerDefinition;
