// Verify auth challenge response: checks the user's answer to a custom challenge.
import { clientMetadata, dg, stringMap, userAttributes, userNotFound, userPoolEnvelope } from '../common';
import type { TriggerDefinition, TriggerSourceDefinition } from '../types';

const SOURCES: readonly TriggerSourceDefinition[] = [
  {
    value: 'VerifyAuthChallengeResponse_Authentication',
    description: 'The user answered a custom challenge (RespondToAuthChallenge). The API overview misspells it VerifyAuthChallenge_Authentication.',
  },
];

export const verifyAuthChallengeResponse = {
  id: 'VerifyAuthChallengeResponse',
  displayName: 'Verify auth challenge response',
  description:
    "Called when the user answers a custom challenge. Compare `request.challengeAnswer` with `request.privateChallengeParameters` and set `response.answerCorrect`.",
  docs: dg('user-pool-lambda-verify-auth-challenge-response'),
  binding: { kind: 'userPool', lambdaConfigKey: 'VerifyAuthChallengeResponse' },
  synchronous: true,
  errorName: 'VerifyAuthChallengeResponse',
  sources: SOURCES,
  recognition: { distinctiveFields: ['request.challengeAnswer', 'response.answerCorrect'] },
  typeNames: ['VerifyAuthChallengeResponseTriggerEvent', 'VerifyAuthChallengeResponseTriggerHandler'],
  event: userPoolEnvelope({
    sources: SOURCES,
    request: {
      type: 'object',
      required: true,
      description: 'The answer and what create auth challenge expected.',
      properties: {
        userAttributes: userAttributes('Attributes of the user who is authenticating.'),
        privateChallengeParameters: stringMap('The private parameters create auth challenge returned (the expected answer).', {
          required: true,
          example: { answer: '5' },
        }),
        challengeAnswer: {
          type: 'string',
          required: true,
          description: "The user's answer, from `ChallengeResponses.ANSWER` of RespondToAuthChallenge.",
          note: 'aws-lambda-go types it `interface{}`; Cognito sends a string.',
          example: '5',
        },
        clientMetadata: clientMetadata('AdminRespondToAuthChallenge or RespondToAuthChallenge'),
        userNotFound: userNotFound(),
      },
      additionalProperties: true,
    },
    response: {
      type: 'object',
      required: true,
      description: 'Whether the answer is correct.',
      properties: {
        answerCorrect: {
          type: ['boolean', 'null'],
          writable: true,
          description: 'Set to `true` if the answer is correct, `false` otherwise.',
          note: 'Cognito sends `null` in the input event (captured events); required in @types/aws-lambda.',
          example: null,
        },
      },
      additionalProperties: false,
    },
  }),
} as const satisfies TriggerDefinition;
