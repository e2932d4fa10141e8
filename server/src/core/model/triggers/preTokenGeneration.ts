// Pre token generation, event version 1 (LambdaVersion V1_0): customises the ID token only.
import type { TriggerDefinition } from '../types';
import { claimRules, preTokenBinding, preTokenEvent, PRE_TOKEN_DOCS, SOURCES_V1_V2 } from './preTokenCommon';

export const preTokenGeneration = {
  id: 'PreTokenGeneration',
  displayName: 'Pre token generation (event version 1)',
  description:
    'Called before Cognito issues tokens. The V1_0 event customises the ID token: add, override or suppress claims (string values only) and override groups and IAM roles. Group changes also reach `cognito:groups` in the access token.',
  docs: PRE_TOKEN_DOCS,
  binding: preTokenBinding('V1_0'),
  synchronous: true,
  errorName: 'PreTokenGeneration',
  sources: SOURCES_V1_V2,
  recognition: { eventVersions: ['1'], distinctiveFields: ['request.groupConfiguration', 'response.claimsOverrideDetails'] },
  typeNames: [
    'PreTokenGenerationTriggerEvent',
    'PreTokenGenerationTriggerHandler',
    'PreTokenGenerationHostedAuthTriggerEvent',
    'PreTokenGenerationAuthenticationTriggerEvent',
    'PreTokenGenerationNewPasswordChallengeTriggerEvent',
    'PreTokenGenerationAuthenticateDeviceTriggerEvent',
    'PreTokenGenerationRefreshTokensTriggerEvent',
  ],
  event: preTokenEvent(1, SOURCES_V1_V2),
  claimRules: claimRules(1),
  notes: ['Bound either by the legacy `LambdaConfig.PreTokenGeneration` ARN or by `PreTokenGenerationConfig` with `LambdaVersion: V1_0`; when both are set the ARNs must be identical.'],
} as const satisfies TriggerDefinition;
