// False trigger inferences found by running the inference over real public handlers (issue 9 §3):
// each case is a fixture written for this test, shaped like the real handler, never a copy of it.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from './handlerHelpers';

const inference = (text: string, file: string): { known: boolean; signal?: string; ids: string[] } => {
  const h = analyze(text, file).handlers[0];
  assert.ok(h, 'no handler found');
  return { known: h.inference.known, ...(h.inference.signal ? { signal: h.inference.signal } : {}), ids: h.inference.candidates.map((c) => c.trigger.id) };
};

describe('fields that do not make a handler a Cognito trigger', () => {
  // Seen: aws-samples/amazon-cognito-passwordless-auth cdk/custom-auth/fido2-notification.ts, a function its own
  // FIDO2 credentials API invokes with { userEmail, friendlyName, eventType: 'DEVICE_REGISTERED' | 'DEVICE_REMOVED' },
  // was inferred as the Cognito Sync trigger because it reads event.eventType (Sync events carry
  // "eventType": "SyncTrigger", https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-events.html).
  const notifier = [
    "import { Handler } from 'aws-lambda';",
    'interface Notice { address: string; label: string; kind: string }',
    'export const handler: Handler = async (event) => {',
    '  try {',
    '    await notify({ address: event.userEmail, label: event.friendlyName, kind: event.eventType });',
    '  } catch (e) {',
    "    console.error('notification failed', e);",
    '  }',
    '};',
    'async function notify(n: Notice): Promise<void> {',
    "  if (n.kind === 'DEVICE_REMOVED') console.log(`removed ${n.label} for ${n.address}`);",
    '}',
    '',
  ].join('\n');

  it('a handler reading event.eventType beside keys no Cognito event has is not inferred as SyncTrigger', () => {
    const r = inference(notifier, 'fido2-notification.ts');
    assert.equal(r.known, false, JSON.stringify(r));
    assert.ok(r.ids.length > 1);
  });

  it('event.eventType alone names no trigger; a Sync field or the SyncTrigger comparison still does', () => {
    assert.equal(inference('exports.handler = async (event) => {\n  console.log(event.eventType);\n  return event;\n};\n', 'notify.js').known, false);
    const byField = inference('exports.handler = async (event) => {\n  for (const k of Object.keys(event.datasetRecords)) console.log(k, event.eventType);\n  return event;\n};\n', 'notify.js');
    assert.deepEqual([byField.known, byField.signal, byField.ids], [true, 'fields', ['SyncTrigger']]);
    const byCompare = inference("exports.handler = async (event) => {\n  if (event.eventType === 'SyncTrigger') console.log(event.datasetName);\n  return event;\n};\n", 'notify.js');
    assert.deepEqual([byCompare.known, byCompare.ids], [true, ['SyncTrigger']]);
  });

  it('a key no trigger has contradicts the fields signal; user pool fields still infer', () => {
    const mixed = inference('exports.handler = async (event) => {\n  console.log(event.body, event.request.userAttributes);\n  event.response.autoConfirmUser = true;\n  return event;\n};\n', 'notify.js');
    assert.equal(mixed.known, false, JSON.stringify(mixed));
    const pre = inference('exports.handler = async (event) => {\n  console.log(event.userPoolId, event.request.userAttributes);\n  event.response.autoConfirmUser = true;\n  return event;\n};\n', 'notify.js');
    assert.deepEqual([pre.known, pre.signal, pre.ids], [true, 'fields', ['PreSignUp']]);
  });
});
