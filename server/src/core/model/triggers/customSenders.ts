// Shared parts of the custom email and SMS sender triggers: asynchronous, KMS-encrypted code, no response.
import { clientMetadata, dg, userAttributes, userPoolEnvelope } from '../common';
import { ACCOUNT_TAKE_OVER_ATTRIBUTES, attributesBySource } from '../examples';
import type { FieldDefinition, TriggerSourceDefinition, UserPoolBinding } from '../types';

const ATO = 'CustomEmailSender_AccountTakeOverNotification';

/** The custom sender overview page. */
export const SENDER_DOCS = dg('user-pool-lambda-custom-sender-triggers');

/** `LambdaConfig.CustomEmailSender` / `CustomSMSSender`: `{LambdaArn, LambdaVersion: V1_0}` plus `KMSKeyID`. */
export function senderBinding(lambdaConfigKey: 'CustomEmailSender' | 'CustomSMSSender'): UserPoolBinding {
  return { kind: 'userPool', lambdaConfigKey, lambdaVersions: ['V1_0'], lambdaVersion: 'V1_0', requiresKmsKey: true };
}

/** The event of a custom sender: `request.type` is the fixed literal `typeValue`; there is no `response`. */
export function senderEvent(sources: readonly TriggerSourceDefinition[], typeValue: string, extra: Record<string, FieldDefinition> = {}): FieldDefinition {
  return userPoolEnvelope({
    sources,
    noResponse: true,
    request: {
      type: 'object',
      required: true,
      description: 'The encrypted code and the user to send it to.',
      properties: {
        type: {
          type: 'string',
          required: true,
          description: `Request version: always \`${typeValue}\`.`,
          enum: [{ value: typeValue, description: 'The only request version.' }],
          note: '@types/aws-lambda types it as any string; the developer guide gives this fixed value.',
          example: typeValue,
        },
        code: {
          type: ['string', 'null'],
          required: true,
          description:
            'The code or temporary password, encrypted with the `KMSKeyID` key by the AWS Encryption SDK and base64-encoded. Decrypt it (needs `kms:Decrypt`); temporary passwords may contain `&lt;`/`&gt;` to unescape.',
          example: 'AYADeBgsK1kzzMAw2pCpnMu0ZhMAXwABABVhd3MtY3J5cHRvLXB1YmxpYy1rZXkAREEwV2pYbnZNcm9BVXh1SGFjMw==',
        },
        userAttributes: userAttributes('Attributes of the user the message is for.', {
          examplesBySource: {
            ...attributesBySource(sources, typeValue === 'customSMSSenderRequestV1'),
            // The threat-protection notification carries the risk event, not the user's attributes.
            ...(sources.some((s) => s.value === ATO) ? { [ATO]: ACCOUNT_TAKE_OVER_ATTRIBUTES } : {}),
          },
        }),
        clientMetadata: clientMetadata('AdminRespondToAuthChallenge or RespondToAuthChallenge (captured events send `null`)'),
        ...extra,
      },
      additionalProperties: true,
    },
  });
}
