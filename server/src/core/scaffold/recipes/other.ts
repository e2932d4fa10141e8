// Recipes for inbound federation and the Cognito Sync trigger.
import type { Recipe } from './types';

export const inboundFederation: Recipe = {
  handlerType: 'InboundFederationTriggerHandler',
  summary: [
    'Inbound federation: choose which attributes of the external identity provider Cognito stores.',
    'Every attribute you leave out of userAttributesToMap is dropped.',
  ],
  body: {
    js: [
      'const fromProvider = { ...event.request.attributes.idToken, ...event.request.attributes.userInfo };',
      'event.response.userAttributesToMap = {',
      "  email: fromProvider.email ?? '',",
      "  given_name: fromProvider.given_name ?? '',",
      "  family_name: fromProvider.family_name ?? '',",
      '};',
      'return event;',
    ],
  },
  testAssert: ["assert.equal(typeof result.response.userAttributesToMap.email, 'string');"],
};

export const syncTrigger: Recipe = {
  summary: [
    'Cognito Sync trigger (identity pools): validate the records a device syncs and award a badge when the',
    'player reaches a new level. Records you leave out of the answer are ignored; newValue null removes one.',
  ],
  localTypes: [
    '/** One record of a Cognito Sync dataset (there is no type for this event in @types/aws-lambda). */',
    "interface SyncRecord { oldValue: string | null; newValue: string | null; op: 'replace' | 'remove' }",
    '/** The Cognito Sync trigger event; the handler returns it, with datasetRecords changed. */',
    'interface SyncTriggerEvent {',
    "  version: number; eventType: 'SyncTrigger'; region: string; identityPoolId: string; identityId: string;",
    '  datasetName: string; datasetRecords: Record<string, SyncRecord>;',
    '}',
    '/** Lambda also passes context and callback; this handler needs neither. */',
    'type Handler = (event: SyncTriggerEvent, ...lambdaArgs: unknown[]) => Promise<SyncTriggerEvent>;',
  ],
  prelude: {
    js: [
      '/** Levels at which a player earns a badge. */',
      'const BADGE_LEVELS = new Set([5, 10, 25, 50]);',
      '',
      '/** A level is a whole number from 1 to 100: anything else sent by a device is rejected. */',
      'const validLevel = (value) => /^\\d+$/.test(value) && Number(value) >= 1 && Number(value) <= 100;',
    ],
    ts: [
      '/** Levels at which a player earns a badge. */',
      'const BADGE_LEVELS = new Set([5, 10, 25, 50]);',
      '',
      '/** A level is a whole number from 1 to 100: anything else sent by a device is rejected. */',
      'const validLevel = (value: string): boolean => /^\\d+$/.test(value) && Number(value) >= 1 && Number(value) <= 100;',
    ],
  },
  body: {
    js: [
      "if (event.datasetName !== 'GameProgress') return event;",
      'const records = event.datasetRecords;',
      'const level = records.level;',
      "if (level && level.op === 'replace' && level.newValue !== null) {",
      '  if (!validLevel(level.newValue)) {',
      '    // Keep the stored value: answering with the old value rejects this change.',
      '    level.newValue = level.oldValue;',
      '  } else if (Number(level.newValue) > Number(level.oldValue ?? 0) && BADGE_LEVELS.has(Number(level.newValue))) {',
      '    const badge = `level-${level.newValue}`;',
      '    // A record that was not in the sync is added by returning it.',
      "    records[`badge:${badge}`] = { oldValue: null, newValue: new Date().toISOString(), op: 'replace' };",
      '  }',
      '}',
      'return event;',
    ],
  },
  sampleFields: {
    datasetName: 'GameProgress',
    datasetRecords: {
      level: { oldValue: '9', newValue: '10', op: 'replace' },
      nickname: { oldValue: 'ana', newValue: 'ana', op: 'replace' },
    },
  },
  testAssert: [
    "if (event.datasetName === 'GameProgress' && event.datasetRecords.level?.newValue === '10') assert.ok(result.datasetRecords['badge:level-10']);",
    'assert.equal(result.identityId, event.identityId);',
  ],
};
