// Pre token generation, event version 3 (LambdaVersion V3_0): V2 plus machine-to-machine tokens.
import type { TriggerDefinition } from '../types';
import { claimRules, preTokenBinding, preTokenEvent, PRE_TOKEN_DOCS, SOURCES_V3 } from './preTokenCommon';

export const preTokenGenerationV3 = {
  id: 'PreTokenGenerationV3',
  displayName: 'Pre token generation (event version 3)',
  description:
    'Same event as version 2, but Cognito also calls it for machine-to-machine client-credentials grants (`TokenGeneration_ClientCredentials`) and applies the access-token changes to those tokens. Needs the Essentials or Plus feature plan.',
  docs: PRE_TOKEN_DOCS,
  binding: preTokenBinding('V3_0'),
  synchronous: true,
  errorName: 'PreTokenGeneration',
  sources: SOURCES_V3,
  recognition: { eventVersions: ['3'], distinctiveFields: ['request.scopes', 'response.claimsAndScopeOverrideDetails'] },
  typeNames: ['PreTokenGenerationV3TriggerEvent', 'PreTokenGenerationV3TriggerHandler', 'PreTokenGenerationClientCredentialsV3TriggerEvent'],
  event: preTokenEvent(3, SOURCES_V3),
  claimRules: claimRules(3),
  notes: [
    'The developer guide says V3 events are identical to V2 and cover every TokenGeneration_* source; @types/aws-lambda `PreTokenGenerationV3TriggerEvent` only has TokenGeneration_ClientCredentials.',
    'No published client-credentials event exists; what Cognito puts in `userAttributes` / `groupConfiguration` for machines is unverified (@types requires both).',
  ],
} as const satisfies TriggerDefinition;
