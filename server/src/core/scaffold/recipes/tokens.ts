// Recipes for pre token generation, event versions 1, 2 and 3.
import type { Recipe } from './types';

export const preTokenGeneration: Recipe = {
  handlerType: 'PreTokenGenerationTriggerHandler',
  summary: [
    'Pre token generation (event version 1): add a claim to the ID token and narrow the groups.',
    'Version 1 changes the ID token only; choose version 2 to change the access token and its scopes.',
  ],
  body: {
    js: [
      'event.response.claimsOverrideDetails = {',
      "  claimsToAddOrOverride: { tenant_id: 'tenant-42' },",
      "  claimsToSuppress: ['phone_number'],",
      '  groupOverrideDetails: {',
      "    // cognito:groups is changed here, never through claimsToAddOrOverride (Cognito drops that).",
      "    groupsToOverride: event.request.groupConfiguration.groupsToOverride?.filter((g) => g !== 'internal') ?? [],",
      '  },',
      '};',
      'return event;',
    ],
  },
  testAssert: ["assert.equal(result.response.claimsOverrideDetails.claimsToAddOrOverride.tenant_id, 'tenant-42');"],
};

const v2Body = (m2m: boolean): string[] => [
  ...(m2m
    ? [
        "if (event.triggerSource === 'TokenGeneration_ClientCredentials') {",
        '  // Machine-to-machine: no user and no ID token; only the access token can change.',
        '  event.response.claimsAndScopeOverrideDetails = {',
        "    accessTokenGeneration: { claimsToAddOrOverride: { caller: 'service' }, scopesToAdd: ['orders/read'] },",
        '  };',
        '  return event;',
        '}',
      ]
    : []),
  "const tenant = 'tenant-42'; // e.g. looked up from event.request.userAttributes",
  'event.response.claimsAndScopeOverrideDetails = {',
  '  idTokenGeneration: {',
  '    claimsToAddOrOverride: { tenant_id: tenant },',
  "    claimsToSuppress: ['phone_number'],",
  '  },',
  '  accessTokenGeneration: {',
  "    // Claims Cognito fixes (sub, cognito:*, token_use, ...) are dropped even if you set them.",
  '    claimsToAddOrOverride: { tenant_id: tenant },',
  "    scopesToAdd: ['orders/read'], // no white space inside a scope",
  "    scopesToSuppress: ['aws.cognito.signin.user.admin'],",
  '  },',
  '};',
  'return event;',
];

const v2Assert = [
  'const details = result.response.claimsAndScopeOverrideDetails;',
  "assert.ok(details.accessTokenGeneration.scopesToAdd.includes('orders/read'));",
];

export const preTokenGenerationV2: Recipe = {
  handlerType: 'PreTokenGenerationV2TriggerHandler',
  summary: ['Pre token generation (event version 2): add a tenant claim to both tokens and an API scope to the access token.'],
  body: { js: v2Body(false) },
  testAssert: v2Assert,
};

export const preTokenGenerationV3: Recipe = {
  handlerType: 'PreTokenGenerationV3TriggerHandler',
  summary: [
    'Pre token generation (event version 3): like version 2, and also called for machine-to-machine',
    '(client credentials) tokens, which have no user and no ID token.',
  ],
  body: { js: v2Body(true) },
  testAssert: v2Assert,
};
