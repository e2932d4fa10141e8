// Pre token generation, event version 2 (LambdaVersion V2_0): ID and access tokens of users.
import type { TriggerDefinition } from '../types';
import { claimRules, preTokenBinding, preTokenEvent, PRE_TOKEN_DOCS, SOURCES_V1_V2 } from './preTokenCommon';

export const preTokenGenerationV2 = {
  id: 'PreTokenGenerationV2',
  displayName: 'Pre token generation (event version 2)',
  description:
    'Called before Cognito issues tokens to a user. The V2_0 event customises the ID and the access token: claims (any JSON value), scopes, groups and IAM roles. Needs the Essentials or Plus feature plan.',
  docs: PRE_TOKEN_DOCS,
  binding: preTokenBinding('V2_0'),
  synchronous: true,
  errorName: 'PreTokenGeneration',
  sources: SOURCES_V1_V2,
  recognition: { eventVersions: ['2'], distinctiveFields: ['request.scopes', 'response.claimsAndScopeOverrideDetails'] },
  typeNames: [
    'PreTokenGenerationV2TriggerEvent',
    'PreTokenGenerationV2TriggerHandler',
    'PreTokenGenerationHostedAuthV2TriggerEvent',
    'PreTokenGenerationAuthenticationV2TriggerEvent',
    'PreTokenGenerationNewPasswordChallengeV2TriggerEvent',
    'PreTokenGenerationAuthenticateDeviceV2TriggerEvent',
    'PreTokenGenerationRefreshTokensV2TriggerEvent',
  ],
  event: preTokenEvent(2, SOURCES_V1_V2),
  claimRules: claimRules(2),
  notes: [
    'Several published V2 events (Rust runtime, Powertools for Python) carry `"version": "1"`; Cognito sends `"2"` for V2_0.',
    '@types/aws-lambda types claim values as strings; the developer guide accepts numbers, booleans, arrays and objects.',
  ],
} as const satisfies TriggerDefinition;
