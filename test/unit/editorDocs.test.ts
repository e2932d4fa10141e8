// Issue 14's editing docs: event.response is assignable in pre token generation (with the AWS guide's example as source),
// and keys of object literals (dicts) assigned to the event get the Cognito docs in hover and completion, nested too.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { loadPython } from '../../server/src/core/handler/python/parser';
import { SOURCES } from '../../server/src/core/model/sources';
import { hoverText, items, labels } from './handlerHelpers';

const js = (id: string, body: string): string => `// @cognito-trigger ${id}\nexports.handler = async (event) => {\n  ${body}\n  return event;\n};\n`;
const py = (id: string, body: string): string => `# @cognito-trigger ${id}\ndef lambda_handler(event, context):\n    ${body}\n    return event\n`;

test('hover on event.response in pre token generation says it is assignable, with the assignment and the guide example it rests on', () => {
  const v1 = hoverText(js('PreTokenGeneration', 'event.resp|onse = { claimsOverrideDetails: {} };'));
  assert.match(v1, /^\*\*event\.response\*\*: `object` — assignable/);
  assert.ok(v1.includes('`event.response = { claimsOverrideDetails: { claimsToAddOrOverride: { … } } }`'), v1);
  assert.ok(v1.includes(`(${SOURCES.preTokenAssignResponseV1.url})`), v1);
  const v2 = hoverText(js('PreTokenGenerationV2', 'event.resp|onse = {};'));
  assert.ok(v2.includes('`event.response = { claimsAndScopeOverrideDetails: { idTokenGeneration: { claimsToAddOrOverride: { … } } } }`'), v2);
  assert.ok(v2.includes(`(${SOURCES.preTokenAssignResponse.url})`), v2);
  // The sources point at the guide's example sections.
  assert.match(SOURCES.preTokenAssignResponseV1.url, /user-pool-lambda-pre-token-generation\.html#aws-lambda-triggers-pre-token-generation-version-1-add-claim$/);
  assert.match(SOURCES.preTokenAssignResponse.url, /user-pool-lambda-pre-token-generation\.html#aws-lambda-triggers-pre-token-generation-example-version-2-overview$/);
  // Other triggers fill in what Cognito sent: their response is not called assignable.
  assert.doesNotMatch(hoverText(js('PreSignUp', 'event.resp|onse.autoConfirmUser = true;')), /assignable/);
});

test('hover on keys of an object literal assigned to event.response shows their Cognito docs, nested keys included', () => {
  const outer = hoverText(js('PreTokenGeneration', "event.response = { claimsOver|rideDetails: { claimsToAddOrOverride: { tier: 'gold' } } };"));
  assert.match(outer, /^\*\*event\.response\.claimsOverrideDetails\*\*: `object \| null` — writable/);
  assert.match(outer, /\[AWS documentation\]\(https:\/\/docs\.aws\.amazon\.com\/cognito\/latest\/developerguide\/user-pool-lambda-pre-token-generation\.html\)/);
  const inner = hoverText(js('PreTokenGeneration', "event.response = { claimsOverrideDetails: { claimsToAdd|OrOverride: { tier: 'gold' } } };"));
  assert.match(inner, /^\*\*event\.response\.claimsOverrideDetails\.claimsToAddOrOverride\*\*/);
  const v2 = hoverText(js('PreTokenGenerationV2', "event.response = { claimsAndScopeOverrideDetails: { accessTokenGeneration: { scopes|ToAdd: ['read'] } } };"));
  assert.match(v2, /^\*\*event\.response\.claimsAndScopeOverrideDetails\.accessTokenGeneration\.scopesToAdd\*\*/);
  // Not a key: a value named like one, a ternary, a key of an object that is not the event's.
  assert.equal(hoverText(js('PreTokenGeneration', "const x = { claimsOver|rideDetails: 1 };")), '');
  assert.equal(hoverText(js('PreTokenGeneration', "event.response = { claimsOverrideDetails: ok ? claims|ToAddOrOverride : null };")), '');
});

test('completion inside event.response = { … } offers the level\'s keys with the Cognito docs, nested too', () => {
  assert.deepEqual(labels(js('PreTokenGeneration', 'event.response = { | };')), ['claimsOverrideDetails']);
  const nested = items(js('PreTokenGeneration', 'event.response = { claimsOverrideDetails: { | } };'));
  assert.deepEqual(nested.map((i) => i.label), ['claimsToAddOrOverride', 'claimsToSuppress', 'groupOverrideDetails']);
  assert.match(nested[0]?.doc ?? '', /^\*\*event\.response\.claimsOverrideDetails\.claimsToAddOrOverride\*\*/);
  assert.match(nested[0]?.doc ?? '', /user-pool-lambda-pre-token-generation\.html/);
});

test('Python: the same hover and completion inside event["response"] = {…}, nested dicts included (a dict being typed parses as a set)', async () => {
  await loadPython();
  assert.match(hoverText(py('PreTokenGeneration', 'event["resp|onse"] = {"claimsOverrideDetails": {}}'), 'pre_token.py'), /— assignable/);
  assert.match(hoverText(py('PreTokenGeneration', 'event["response"] = {"claimsOverrideDetails": {"claimsToAdd|OrOverride": {"a": "b"}}}'), 'pre_token.py'), /^\*\*event\.response\.claimsOverrideDetails\.claimsToAddOrOverride\*\*/);
  assert.deepEqual(labels(py('PreTokenGeneration', 'event["response"] = {"claimsOverrideDetails": {"|"}}'), 'pre_token.py'), ['claimsToAddOrOverride', 'claimsToSuppress', 'groupOverrideDetails']);
  assert.deepEqual(labels(py('PreTokenGeneration', 'event["response"] = {"|"}'), 'pre_token.py'), ['claimsOverrideDetails']);
});
