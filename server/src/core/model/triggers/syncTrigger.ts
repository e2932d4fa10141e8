// Cognito Sync trigger (identity pools): sees and may rewrite dataset records before they are stored.
import { dg, IDENTITY_POOL_ID_PATTERN } from '../common';
import type { FieldDefinition, TriggerDefinition, TriggerSourceDefinition } from '../types';

const DOCS = dg('cognito-events');
const READ_ONLY = 'Read-only: changing it makes the dataset update fail.';

const SOURCES: readonly TriggerSourceDefinition[] = [
  { value: 'SyncTrigger', description: 'A device synchronised a dataset (UpdateRecords) with Cognito Identity credentials.' },
];

const record: FieldDefinition = {
  type: 'object',
  description: 'One record of the dataset: its old value, the value being written and the operation.',
  properties: {
    oldValue: { type: ['string', 'null'], description: 'Value before this sync; `null` for a new record.', example: 'blue' },
    newValue: {
      type: ['string', 'null'],
      writable: true,
      description: 'Value to store. Set it (with `op: "replace"`) to change the record; `null` deletes it.',
      example: 'green',
    },
    op: {
      type: 'string',
      required: true,
      writable: true,
      description: 'What happens to the record.',
      enum: [
        { value: 'replace', description: 'The record is created or updated with `newValue`.' },
        { value: 'remove', description: 'The record is deleted.' },
      ],
      example: 'replace',
    },
  },
  additionalProperties: false,
};

export const syncTrigger = {
  id: 'SyncTrigger',
  displayName: 'Cognito Sync trigger',
  description:
    'Identity pools (Cognito Sync, closed to new customers): called when a dataset is synchronised. Return the event with `datasetRecords` changed to rewrite, add or remove records; every other field is read-only.',
  docs: DOCS,
  binding: { kind: 'identityPool', cognitoEventType: 'SyncTrigger' },
  synchronous: true,
  errorName: 'SyncTrigger',
  sources: SOURCES,
  recognition: { eventType: 'SyncTrigger', eventVersions: ['2'], distinctiveFields: ['eventType', 'identityPoolId', 'datasetRecords'] },
  typeNames: [],
  notes: ['@types/aws-lambda has no type for this event (`// TODO: export * from "./trigger/cognito-sync"`).'],
  event: {
    type: 'object',
    description: 'The event Cognito Sync sends; the function returns the same shape.',
    properties: {
      version: {
        type: 'number',
        required: true,
        description: 'Event version: the number `2`.',
        enum: [{ value: '2', description: 'Event version 2.' }],
        note: 'Unlike user pool events, this version is a JSON number.',
        example: 2,
      },
      eventType: {
        type: 'string',
        required: true,
        description: 'Always `SyncTrigger`.',
        enum: [{ value: 'SyncTrigger', description: 'A dataset synchronisation.' }],
        example: 'SyncTrigger',
      },
      region: { type: 'string', required: true, description: `AWS Region of the identity pool. ${READ_ONLY}`, example: 'us-east-1' },
      identityPoolId: {
        type: 'string',
        required: true,
        description: `ID of the identity pool: \`<region>:<uuid>\`. ${READ_ONLY}`,
        constraints: { minLength: 1, maxLength: 55, pattern: IDENTITY_POOL_ID_PATTERN, patternName: 'an identity pool ID such as us-east-1:1a2b3c4d-…', source: 'identityPoolIdPattern' },
        example: 'us-east-1:4d3c2b1a-0f9e-8d7c-6b5a-1234567890ab',
      },
      identityId: {
        type: 'string',
        required: true,
        description: `Cognito identity that owns the dataset. ${READ_ONLY}`,
        example: 'us-east-1:9a8b7c6d-5e4f-3a2b-1c0d-0123456789ab',
      },
      datasetName: { type: 'string', required: true, description: `Name of the dataset. ${READ_ONLY}`, example: 'UserPreferences' },
      datasetRecords: {
        type: 'object',
        required: true,
        writable: true,
        description: 'Every record of the dataset by key. Change `newValue`/`op` to rewrite, add a key to add a record; omitted records are ignored.',
        additionalProperties: record,
        example: {
          theme: { oldValue: 'blue', newValue: 'green', op: 'replace' },
          fontSize: { oldValue: '14', newValue: null, op: 'remove' },
        },
      },
    },
    additionalProperties: true,
  },
} as const satisfies TriggerDefinition;
