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
  const envelope = userPoolEnvelope({
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
          // The account-takeover notification has no code: captured events send null (observed).
          ...(sources.some((s) => s.value === ATO) ? { examplesBySource: { [ATO]: null } } : {}),
          description:
            'The code or temporary password, encrypted with the `KMSKeyID` key by the AWS Encryption SDK and base64-encoded. Decrypt it (needs `kms:Decrypt`); temporary passwords may contain `&lt;`/`&gt;` to unescape.',
          example: 'AYADeBgsK1kzzMAw2pCpnMu0ZhMAXwABABVhd3MtY3J5cHRvLXB1YmxpYy1rZXkAREEwV2pYbnZNcm9BVXh1SGFjMw==',
        },
        userAttributes: userAttributes('Attributes of the user the message is for.', {
          ...(sources.some((s) => s.value === ATO) ? { properties: ATO_ATTRIBUTES } : {}),
          examplesBySource: {
            ...attributesBySource(sources, typeValue === 'customSMSSenderRequestV1'),
            // The threat-protection notification carries the risk event, not the user's attributes.
            ...(sources.some((s) => s.value === ATO) ? { [ATO]: ACCOUNT_TAKE_OVER_ATTRIBUTES } : {}),
          },
        }),
        clientMetadata: {
          ...clientMetadata('AdminRespondToAuthChallenge or RespondToAuthChallenge (captured events send `null`)'),
          ...(sources.some((s) => s.value === ATO) ? { examplesBySource: { [ATO]: null } } : {}),
        },
        ...extra,
      },
      additionalProperties: true,
    },
  });
  if (!sources.some((s) => s.value === ATO)) return envelope;
  // Account-takeover notifications come from threat protection, not from an API call: captured events carry
  // null for the SDK version and the app client (DefinitelyTyped PR 52111, observed).
  const caller = envelope.properties?.callerContext;
  const props = caller?.properties ?? {};
  const nullable = (f: FieldDefinition | undefined): FieldDefinition => ({ ...(f as FieldDefinition), type: ['string', 'null'], examplesBySource: { [ATO]: null }, note: 'null in account-takeover notification events (observed).' });
  return { ...envelope, properties: { ...envelope.properties, callerContext: { ...(caller as FieldDefinition), properties: { ...props, awsSdkVersion: nullable(props.awsSdkVersion), clientId: nullable(props.clientId) } } } };
}

/** Attributes of an account-takeover notification that captured events send as null (observed). */
const ATO_ATTRIBUTES: Record<string, FieldDefinition> = Object.fromEntries(
  (['CITY', 'COUNTRY', 'DEVICE_NAME'] as const).map((k) => [k, { type: ['string', 'null'], description: `${k.replace('_', ' ').toLowerCase()} of the risky sign-in; null when threat protection could not tell (observed).`, sources: [ATO], example: ACCOUNT_TAKE_OVER_ATTRIBUTES[k] } satisfies FieldDefinition]),
);
