// Parts shared by the three pre token generation definitions (event versions 1, 2 and 3).
import { clientMetadata, dg, STANDARD_ATTRIBUTES, stringMap, userAttributes, userPoolEnvelope } from '../common';
import type { ClaimRule, FieldDefinition, TriggerSourceDefinition, UserPoolBinding } from '../types';

/** The pre token generation page. */
export const PRE_TOKEN_DOCS = dg('user-pool-lambda-pre-token-generation');

/** Sources every event version can carry. */
const USER_SOURCES: readonly TriggerSourceDefinition[] = [
  { value: 'TokenGeneration_HostedAuth', description: 'A user signed in through the managed login (hosted UI) pages.', minEventVersion: 1 },
  { value: 'TokenGeneration_Authentication', description: 'A user authentication flow completed.', minEventVersion: 1 },
  { value: 'TokenGeneration_NewPasswordChallenge', description: 'An admin-created user changed the temporary password.', minEventVersion: 1 },
  { value: 'TokenGeneration_AuthenticateDevice', description: 'A user signed in with a remembered device.', minEventVersion: 1 },
  // Which source the GetTokensFromRefreshToken operation sends is not documented (sources.ts refreshTokenSource).
  { value: 'TokenGeneration_RefreshTokens', description: 'A user refreshed ID and access tokens with a refresh token. GetTokensFromRefreshToken invokes the trigger (API reference, ClientMetadata); which triggerSource GetTokensFromRefreshToken sends is not documented.', minEventVersion: 1 },
];

/** Sources of the V1_0 and V2_0 events. */
export const SOURCES_V1_V2 = USER_SOURCES;

/** Sources of the V3_0 event: the user sources plus machine-to-machine client credentials. */
export const SOURCES_V3: readonly TriggerSourceDefinition[] = [
  ...USER_SOURCES,
  {
    value: 'TokenGeneration_ClientCredentials',
    description: 'A machine-to-machine client-credentials grant at the token endpoint, or GetClientToken, which "provides the same functionality as the OAuth2 client-credentials grant" (API reference; that it sends this triggerSource is not stated). V3_0 events only.',
    minEventVersion: 3,
  },
];

/** The `PreTokenGenerationConfig` binding that selects one event version. */
export function preTokenBinding(lambdaVersion: 'V1_0' | 'V2_0' | 'V3_0'): UserPoolBinding {
  return {
    kind: 'userPool',
    lambdaConfigKey: 'PreTokenGenerationConfig',
    lambdaVersions: ['V1_0', 'V2_0', 'V3_0'],
    lambdaVersion,
    ...(lambdaVersion === 'V1_0' ? { legacyKey: 'PreTokenGeneration' } : {}),
  };
}

const strings = (description: string, example: unknown, extra: Partial<FieldDefinition> = {}): FieldDefinition => ({
  type: 'array',
  description,
  items: { type: 'string', description: 'One value.' },
  example,
  ...extra,
});

/** `groupConfiguration` in the request, or `groupOverrideDetails` in the response. */
export function groupDetails(response: boolean): FieldDefinition {
  return {
    type: response ? ['object', 'null'] : 'object',
    required: !response,
    writable: response || undefined,
    description: response
      ? 'Replaces the group configuration in the tokens (`cognito:groups`, `cognito:roles`, `cognito:preferred_role`). An empty or null object suppresses the groups; copy `request.groupConfiguration` to keep them.'
      : 'The groups and IAM roles of the user, as Cognito would write them to the tokens.',
    properties: {
      groupsToOverride: strings(
        response ? 'Group names to write to `cognito:groups` in the ID and access tokens.' : 'Names of the groups the user belongs to.',
        ['admins', 'editors'],
        { writable: response || undefined, required: !response },
      ),
      iamRolesToOverride: strings(
        response ? 'IAM role ARNs to write to `cognito:roles` in the ID token.' : 'IAM roles of those groups.',
        ['arn:aws:iam::123456789012:role/EditorsRole'],
        { writable: response || undefined, required: !response },
      ),
      preferredRole: {
        type: ['string', 'null'],
        writable: response || undefined,
        required: !response,
        description: response
          ? 'IAM role ARN to write to `cognito:preferred_role` in the ID token.'
          : 'The IAM role of the group with the best (lowest) precedence; `null` when there is none.',
        note: 'Cognito sends `null` when there is no preferred role (@types/aws-lambda: `string | undefined`). Two AWS doc V2 test events show an array, which Cognito does not send.',
        example: response ? 'arn:aws:iam::123456789012:role/EditorsRole' : null,
      },
    },
    additionalProperties: false,
  };
}

const M2M = 'TokenGeneration_ClientCredentials';

/**
 * Why the client-credentials sample has no user: an M2M token is issued to an app client, whose id
 * is the token's subject. No published client-credentials event exists and the developer guide only
 * says V3 events are "identical" to V2, so the sample invents no user name, attributes or groups.
 */
const M2M_NOTE =
  'TokenGeneration_ClientCredentials (V3_0 only) authorises an app client, not a user: the sample event names the app client (callerContext.clientId) as userName and has empty userAttributes and groups. No published client-credentials event exists, so what Cognito puts in these fields for machines is unverified (@types/aws-lambda requires userAttributes and groupConfiguration).';

/** The request of every pre token event; `scopes` only from version 2. */
export function preTokenRequest(version: 1 | 2 | 3): FieldDefinition {
  const m2m = version === 3;
  const properties: Record<string, FieldDefinition> = {
    userAttributes: userAttributes('Attributes of the user the tokens are for.', m2m ? { examplesBySource: { [M2M]: {} }, note: M2M_NOTE } : {}),
    groupConfiguration: m2m
      ? { ...groupDetails(false), examplesBySource: { [M2M]: { groupsToOverride: [], iamRolesToOverride: [], preferredRole: null } } }
      : groupDetails(false),
    clientMetadata: clientMetadata(
      'AdminRespondToAuthChallenge or RespondToAuthChallenge; for client credentials, the URL-encoded JSON `aws_client_metadata` form field of the token request',
    ),
  };
  if (version >= 2) {
    properties.scopes = strings('Access-token scopes that were requested and are allowed for the app client.', ['openid', 'email', 'aws.cognito.signin.user.admin'], {
      required: true,
      // Client credentials grant only custom resource-server scopes.
      ...(m2m ? { examplesBySource: { [M2M]: ['api.example.com/orders.read'] } } : {}),
    });
  }
  return {
    type: 'object',
    required: true,
    description: 'What Cognito is about to write to the tokens.',
    properties,
    additionalProperties: true,
  };
}

/** `claimsToSuppress` of any token. */
export function claimsToSuppress(token: string): FieldDefinition {
  return strings(`Claims to remove from the ${token}. A claim both suppressed and overridden is suppressed.`, ['email'], {
    writable: true,
    suggestions: STANDARD_ATTRIBUTES,
  });
}

/** V1 response: `claimsOverrideDetails` for the ID token only, string claim values. */
export function responseV1(): FieldDefinition {
  return {
    type: 'object',
    required: true,
    description: 'Claims to add, override or suppress in the ID token.',
    assign: { example: 'event.response = { claimsOverrideDetails: { claimsToAddOrOverride: { … } } }', source: 'preTokenAssignResponseV1' },
    properties: {
      claimsOverrideDetails: {
        type: ['object', 'null'],
        writable: true,
        description: 'Changes to the ID token (event version 1). Cognito sends `null`.',
        note: 'Rust and other captured events show `"claimsOverrideDetails": null` in the input.',
        properties: {
          claimsToAddOrOverride: stringMap('Claims to add or override in the ID token. Version 1 accepts string values only.', {
            writable: true,
            example: { 'custom:tenant': 'acme' },
          }),
          claimsToSuppress: claimsToSuppress('ID token'),
          groupOverrideDetails: groupDetails(true),
        },
        additionalProperties: false,
        example: null,
      },
    },
    additionalProperties: false,
  };
}

/** Any claim value V2/V3 accepts: string, number, boolean, array of those, or a JSON object. */
const CLAIM_VALUE: FieldDefinition = {
  type: ['string', 'number', 'boolean', 'array', 'object'],
  description: 'Claim value: string, number, boolean, array of strings/numbers/booleans, or a JSON object.',
  note: 'The developer guide accepts complex values in V2/V3; @types/aws-lambda types the map as `StringMap`.',
  // An object claim value is the user's own JSON: any keys, any depth (an open map without properties).
  additionalProperties: true,
};

const claimsMap = (token: string): FieldDefinition => ({
  type: 'object',
  writable: true,
  description: `Claims to add or override in the ${token}.`,
  additionalProperties: CLAIM_VALUE,
  example: { 'custom:tenant': 'acme' },
});

/** V2/V3 response: `claimsAndScopeOverrideDetails` for the ID and access tokens. */
export function responseV2(): FieldDefinition {
  return {
    type: 'object',
    required: true,
    description: 'Claims and scopes to change in the ID and access tokens.',
    assign: { example: 'event.response = { claimsAndScopeOverrideDetails: { idTokenGeneration: { claimsToAddOrOverride: { … } } } }', source: 'preTokenAssignResponse' },
    properties: {
      claimsAndScopeOverrideDetails: {
        type: ['object', 'null'],
        writable: true,
        description: 'Changes to the ID token, the access token and the groups (event versions 2 and 3). Cognito sends `null`.',
        note: 'Two AWS doc V2 test events show `[]` here; Cognito sends `null` and expects an object back.',
        properties: {
          idTokenGeneration: {
            type: ['object', 'null'],
            writable: true,
            description: 'Changes to the ID token.',
            properties: { claimsToAddOrOverride: claimsMap('ID token'), claimsToSuppress: claimsToSuppress('ID token') },
            additionalProperties: false,
          },
          accessTokenGeneration: {
            type: ['object', 'null'],
            writable: true,
            description: 'Changes to the access token (for V3, also machine-to-machine tokens).',
            properties: {
              claimsToAddOrOverride: claimsMap('access token'),
              claimsToSuppress: claimsToSuppress('access token'),
              scopesToAdd: strings('Scopes to add to the `scope` claim. Values may not contain white space.', ['api/read'], {
                writable: true,
                constraints: { noWhitespace: true, source: 'preTokenClaims' },
              }),
              scopesToSuppress: strings('Scopes to remove from the `scope` claim.', ['aws.cognito.signin.user.admin'], { writable: true }),
            },
            additionalProperties: false,
          },
          groupOverrideDetails: groupDetails(true),
        },
        additionalProperties: false,
        example: null,
      },
    },
    additionalProperties: false,
  };
}

/** The whole pre token event for one version. */
export function preTokenEvent(version: 1 | 2 | 3, sources: readonly TriggerSourceDefinition[]): FieldDefinition {
  return userPoolEnvelope({
    sources,
    versions: [String(version)],
    ...(version === 3 ? { userNameBySource: { [M2M]: '1example23456789abcdefghij' }, userNameNote: M2M_NOTE } : {}),
    request: preTokenRequest(version),
    response: version === 1 ? responseV1() : responseV2(),
  });
}

const rule = (claim: string, tokens: ClaimRule['tokens'], can: [boolean, boolean, boolean], via?: string, note?: string): ClaimRule => ({
  claim,
  tokens,
  canAdd: can[0],
  canOverride: can[1],
  canSuppress: can[2],
  ...(via ? { via } : {}),
  ...(note ? { note } : {}),
});

const NO: [boolean, boolean, boolean] = [false, false, false];
const ALL: [boolean, boolean, boolean] = [true, true, true];
const FIXED = ['sub', 'identities', 'client_id', 'event_id', 'device_key', 'version', 'acr', 'amr', 'at_hash', 'auth_time', 'azp', 'exp', 'iat', 'iss', 'jti', 'nbf', 'nonce', 'origin_jti', 'token_use'];

/** The claims table of the developer guide. `version` 1 has no access token rules and no `scope`. */
export function claimRules(version: 1 | 2 | 3): readonly ClaimRule[] {
  const idAndAccess: ClaimRule['tokens'] = version === 1 ? ['id'] : ['id', 'access'];
  const rules: ClaimRule[] = [
    rule('cognito:groups', idAndAccess, ALL, 'groupOverrideDetails.groupsToOverride / claimsToSuppress'),
    rule('cognito:preferred_role', ['id'], ALL, 'groupOverrideDetails.preferredRole; suppress by suppressing cognito:groups'),
    rule('cognito:roles', ['id'], ALL, 'groupOverrideDetails.iamRolesToOverride; suppress by suppressing cognito:groups'),
    rule('custom:', ['id'], ALL, 'claimsToAddOrOverride / claimsToSuppress', 'Custom attributes (custom:<name>) and standard OIDC attributes.'),
    rule('dev:', ['id'], [false, false, true], 'claimsToSuppress', 'Developer-only attributes can be suppressed, never added or changed.'),
    rule('cognito:', ['id', 'access'], NO, undefined, 'cognito:username and every other cognito: claim are fixed.'),
    rule('username', ['access'], NO),
    ...FIXED.map((c) => rule(c, ['id', 'access'], NO)),
    rule('aud', ['id'], NO, undefined, version === 1 ? undefined : 'You can add `aud` to the access token, but its value must equal the app client id (`callerContext.clientId`).'),
  ];
  if (version >= 2) rules.unshift(rule('scope', ['access'], ALL, 'accessTokenGeneration.scopesToAdd / scopesToSuppress'));
  return rules;
}
