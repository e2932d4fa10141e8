// Inbound federation: rewrites the attributes an external identity provider sent before Cognito stores them.
import { dg, FEDERATED_USER_NAME, STANDARD_ATTRIBUTES, stringMap, userPoolEnvelope } from '../common';
import type { TriggerDefinition, TriggerSourceDefinition } from '../types';

const SOURCES: readonly TriggerSourceDefinition[] = [
  { value: 'InboundFederation_ExternalProvider', description: 'A user signed in through an external OIDC, SAML or social identity provider.' },
];

const OIDC_ONLY = 'Present for OIDC and social providers, absent for SAML.';

export const inboundFederation = {
  id: 'InboundFederation',
  displayName: 'Inbound federation',
  description:
    'Called after Cognito validates the response of an external identity provider and before it creates or updates the federated user (new and returning users). It can add, override or suppress attributes: Cognito applies the attributes it returns to the user profile. A map keeps only its keys (every attribute you omit is dropped); `{}` keeps them unchanged; what Cognito does with no map at all is not documented.',
  docs: dg('user-pool-lambda-inbound-federation'),
  binding: { kind: 'userPool', lambdaConfigKey: 'InboundFederation', lambdaVersions: ['V1_0'], lambdaVersion: 'V1_0' },
  synchronous: true,
  errorName: 'InboundFederation',
  sources: SOURCES,
  recognition: { distinctiveFields: ['request.providerName', 'request.providerType', 'request.attributes', 'response.userAttributesToMap'] },
  typeNames: ['InboundFederationTriggerEvent', 'InboundFederationTriggerHandler'],
  event: userPoolEnvelope({
    sources: SOURCES,
    userNameDescription: 'The federated username Cognito builds: `<providerName>_<provider user id>`.',
    // Matches the sample's providerName and idToken.sub.
    userNameBySource: { InboundFederation_ExternalProvider: 'CorporateOIDC_248289761001' },
    userNameFormBySource: { InboundFederation_ExternalProvider: FEDERATED_USER_NAME },
    request: {
      type: 'object',
      required: true,
      description: 'The provider and the raw attributes it sent. There is no `userAttributes`.',
      properties: {
        providerName: {
          type: 'string',
          required: true,
          description: 'Name of the identity provider as configured in the user pool.',
          example: 'CorporateOIDC',
        },
        providerType: {
          type: 'string',
          required: true,
          description: 'Kind of identity provider.',
          enum: [
            { value: 'OIDC', description: 'OpenID Connect provider.' },
            { value: 'SAML', description: 'SAML 2.0 provider.' },
            { value: 'Facebook', description: 'Facebook.' },
            { value: 'Google', description: 'Google.' },
            { value: 'SignInWithApple', description: 'Sign in with Apple.' },
            { value: 'LoginWithAmazon', description: 'Login with Amazon.' },
          ],
          example: 'OIDC',
        },
        attributes: {
          type: 'object',
          required: true,
          description: 'Raw attributes from the provider, grouped by where they came from.',
          properties: {
            tokenResponse: stringMap(`Token endpoint response: access_token, id_token, refresh_token, token_type, expires_in, scope. ${OIDC_ONLY}`, {
              example: { access_token: 'eyJraWQiOiJFWEFNUExFIn0.e30.c2ln', token_type: 'Bearer', expires_in: '3600' },
            }),
            idToken: stringMap(`Decoded and validated ID token claims (sub, email, name, iss, aud, exp, iat …). ${OIDC_ONLY}`, {
              example: { sub: '248289761001', email: 'jane.doe@example.com', email_verified: 'true' },
            }),
            userInfo: stringMap(`Claims from the provider's UserInfo endpoint; may be empty. ${OIDC_ONLY}`, {
              example: { email: 'jane.doe@example.com', given_name: 'Jane', family_name: 'Doe' },
            }),
            samlResponse: stringMap('Attributes of the SAML assertion. SAML providers only (the only object for SAML).'),
          },
          additionalProperties: true,
        },
      },
      additionalProperties: true,
    },
    response: {
      type: 'object',
      required: true,
      description: 'The attributes Cognito stores on the federated user.',
      properties: {
        userAttributesToMap: stringMap(
          'The attributes Cognito applies to the user profile. Every attribute to keep must be returned (omitted ones are dropped); `{}` keeps the original attributes unchanged.',
          { required: true, writable: true, suggestions: STANDARD_ATTRIBUTES, example: {} },
        ),
      },
      additionalProperties: false,
    },
  }),
} as const satisfies TriggerDefinition;
