// Handler discovery and trigger inference: every export form, every signal, narrowing per branch.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { candidatesAt } from '../../server/src/core/handler/context';
import { analyze } from './handlerHelpers';

const ids = (text: string, fileName?: string): string[][] => analyze(text, fileName).handlers.map((h) => h.inference.candidates.map((c) => c.trigger.id));

test('finds handlers in every export form', () => {
  const forms: [string, string][] = [
    ['exports.handler = async (event) => event;', 'handler'],
    ['module.exports.handler = function (event) { return event; };', 'handler'],
    ['async function handler(event) { return event; }\nmodule.exports = { handler };', 'handler'],
    ['export const handler = async (event) => { return event; };', 'handler'],
    ['export async function handler(event) { return event; }', 'handler'],
    ['export default async (event) => event;', 'default'],
    ['const main = async (event) => event;\nexport { main as handler };', 'handler'],
    ['export const handler = middy(async (event) => event);', 'handler'],
    ['const base = async (event) => event;\nexport const handler = middy(base).use(logger()).use(errors());', 'handler'],
  ];
  for (const [src, name] of forms) assert.deepEqual(analyze(src).handlers.map((h) => h.name), [name], src);
});

test('ignores exports that are not handlers', () => {
  assert.deepEqual(analyze('export function formatName(user) { return user.name; }\nexport const VERSION = 1;').handlers, []);
});

test('an exported helper that takes the event beside other arguments is not a handler; Lambda\'s own (event, context, callback) still is', () => {
  // Seen in aws-samples/amazon-cognito-passwordless-auth: helpers such as addChallengeToEvent(event, ...) are
  // exported from the custom-auth modules; taken for handlers they got false "no return" findings.
  const src = 'export async function addChallengeToEvent(event, challenge) { event.response.challengeMetadata = challenge; }\nexport const createAuthChallenge = async (event, context) => { await addChallengeToEvent(event, "X"); return event; };\nexport function legacy(event, context, callback) { callback(null, event); }';
  assert.deepEqual(analyze(src).handlers.map((h) => h.name), ['createAuthChallenge', 'legacy']);
});

test('type annotation decides, in TS and in JSDoc', () => {
  assert.deepEqual(ids('import type { PreSignUpTriggerHandler } from "aws-lambda";\nexport const handler: PreSignUpTriggerHandler = async (event) => event;', 'h.ts'), [['PreSignUp']]);
  assert.deepEqual(ids('export const handler = async (event: PreTokenGenerationV2TriggerEvent) => event;', 'h.ts'), [['PreTokenGenerationV2']]);
  assert.deepEqual(ids("/** @param {import('aws-lambda').CustomMessageTriggerEvent} event */\nexports.handler = async (event) => event;"), [['CustomMessage']]);
  assert.deepEqual(ids("/** @type {import('aws-lambda').UserMigrationTriggerHandler} */\nexport const handler = async (event) => event;"), [['UserMigration']]);
});

test('@cognito-trigger comment decides and bad ids are reported', () => {
  assert.deepEqual(ids('// @cognito-trigger DefineAuthChallenge\nexports.handler = async (event) => event;'), [['DefineAuthChallenge']]);
  assert.deepEqual(ids('/* @cognito-trigger PreSignUp, CustomMessage for the web client */\nexports.handler = async (event) => event;'), [['PreSignUp', 'CustomMessage']]);
  const a = analyze('// @cognito-trigger PreSignup\nexports.handler = async (event) => event;');
  assert.equal(a.badComments[0]?.name, 'PreSignup');
  assert.equal(a.handlers[0]?.inference.known, false);
});

test('binding hints decide when nothing stronger is present', () => {
  const a = analyze('exports.handler = async (event) => event;', 'src/fn.js', [{ handler: 'handler', trigger: 'PostConfirmation' }]);
  assert.deepEqual(a.handlers[0]?.inference.candidates.map((c) => c.trigger.id), ['PostConfirmation']);
  assert.equal(a.handlers[0]?.inference.signal, 'binding');
});

test('triggerSource comparisons and switches, with per-branch narrowing', () => {
  const src = `exports.handler = async (event) => {
  switch (event.triggerSource) {
    case 'PreSignUp_SignUp':
      event.response.autoConfirmUser = true;
      break;
    case 'CustomMessage_SignUp':
    case 'CustomMessage_ResendCode':
      event.response.smsMessage = 'x';
      break;
  }
  return event;
};`;
  const a = analyze(src);
  assert.deepEqual(a.handlers[0]?.inference.candidates.map((c) => c.trigger.id), ['PreSignUp', 'CustomMessage']);
  const inSignUp = candidatesAt(a, src.indexOf('autoConfirmUser'));
  assert.deepEqual(inSignUp.candidates.map((c) => [c.trigger.id, c.sources]), [['PreSignUp', ['PreSignUp_SignUp']]]);
  const inMessage = candidatesAt(a, src.indexOf('smsMessage'));
  assert.deepEqual(inMessage.candidates.map((c) => [c.trigger.id, c.sources]), [['CustomMessage', ['CustomMessage_SignUp', 'CustomMessage_ResendCode']]]);
});

test('response fields pick the pre token event version; file name is the weakest signal', () => {
  assert.deepEqual(ids("exports.handler = async (event) => { if (event.triggerSource === 'TokenGeneration_HostedAuth') event.response.claimsAndScopeOverrideDetails = {}; return event; };"), [['PreTokenGenerationV2', 'PreTokenGenerationV3']]);
  assert.deepEqual(ids('exports.handler = async (event) => { event.response.claimsOverrideDetails = {}; return event; };'), [['PreTokenGeneration']]);
  assert.deepEqual(ids('exports.handler = async (event) => event;', 'src/pre-sign-up.js'), [['PreSignUp']]);
  assert.deepEqual(ids('exports.handler = async (event) => event;', 'src/preTokenGenerationV2.js'), [['PreTokenGenerationV2']]);
});

test('unknown trigger: every trigger, flagged unknown, with a reason', () => {
  const h = analyze('exports.handler = async (event) => event;').handlers[0];
  assert.equal(h?.inference.known, false);
  assert.equal(h?.inference.candidates.length, 16);
  assert.match(h?.inference.reasons[0] ?? '', /no type annotation/);
});

test('parses half-typed code and files with errors elsewhere', () => {
  const a = analyze('// @cognito-trigger PreSignUp\nexports.handler = async (event) => {\n  if (event.request. ) {}\n  return event;\n};\nconst broken = (;\n');
  assert.equal(a.unparsed, false);
  assert.deepEqual(a.handlers.map((h) => h.name), ['handler']);
});

test('handler facts: callbacks, missing return, unawaited calls, long waits', () => {
  const kinds = (src: string): string[] => (analyze(src).handlers[0]?.facts ?? []).map((f) => f.kind).sort();
  assert.deepEqual(kinds('exports.handler = async (event, context, callback) => { callback(null, event); };'), ['asyncWithCallback']);
  assert.deepEqual(kinds('exports.handler = (event, context, callback) => { callback(null, event); };'), ['callbackStyle']);
  assert.deepEqual(kinds('exports.handler = async (event) => { if (event.x) return event; };'), ['noReturn']);
  assert.deepEqual(kinds('exports.handler = async (event) => { try { return event; } catch (e) { throw e; } };'), []);
  assert.deepEqual(kinds('exports.handler = async (event) => { client.send(cmd); await new Promise((r) => setTimeout(r, 6000)); return event; };'), ['floatingPromise', 'longWait']);
  assert.deepEqual(kinds('exports.handler = async (event) => { await client.send(cmd); await sleep(4000); return event; };'), []);
});
