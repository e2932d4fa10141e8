// Issue 9, section 3: mistakes seen in real handlers that went unflagged, and half-typed code that must stay quiet.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { analyze, findings } from './handlerHelpers';

const keys = (text: string, file = 'preSignUp.js'): string[] => findings(text, file).map((p) => p.key);
const fn = (...lines: string[]): string => `exports.handler = async (event) => {\n${lines.map((l) => `  ${l}`).join('\n')}\n};\n`;

describe('answers that are not the event', () => {
  // Developer guide: the function sends the event back ("send the event back unmodified"); observed: anything
  // else gets "InvalidLambdaResponseException: Unrecognizable lambda output".
  it('an API Gateway {statusCode, body} is reported; the event and spreads are not', () => {
    assert.ok(keys(fn("return { statusCode: 200, body: JSON.stringify(event) };")).includes('returnsNonEvent'));
    assert.ok(keys("exports.handler = (event, context, callback) => {\n  callback(null, { statusCode: 200 });\n};\n").includes('returnsNonEvent'));
    assert.ok(!keys(fn('return { ...event, response: { autoConfirmUser: true } };')).includes('returnsNonEvent'));
    assert.ok(!keys(fn('return event;')).includes('returnsNonEvent'));
  });
  it('return new Error(…) instead of throw', () => {
    const f = findings(fn("if (!event.request.userAttributes.email) return new Error('no email');", 'return event;'), 'preSignUp.js').find((p) => p.key === 'returnsError');
    assert.ok(f);
    assert.equal(f.fixes?.[0]?.edits[0]?.newText, 'throw');
    assert.ok(!keys(fn("if (!event.request.userAttributes.email) throw new Error('no email');", 'return event;')).includes('returnsError'));
  });
});

describe('promises and callbacks', () => {
  const ses = "const { SESClient, SendEmailCommand } = require('@aws-sdk/client-ses');\nconst ses = new SESClient({});\n";
  it('a promise stored in a variable and never awaited', () => {
    assert.ok(keys(`${ses}${fn('const sent = ses.send(new SendEmailCommand({}));', 'return event;')}`, 'postConfirmation.js').includes('floatingPromise'));
    assert.ok(!keys(`${ses}${fn('const sent = ses.send(new SendEmailCommand({}));', 'await sent;', 'return event;')}`, 'postConfirmation.js').includes('floatingPromise'));
    assert.ok(!keys(`${ses}${fn('const sent = ses.send(new SendEmailCommand({}));', 'await Promise.all([sent]);', 'return event;')}`, 'postConfirmation.js').includes('floatingPromise'));
  });
  // Runtime interface client, Runtime.js: "send a successful invocation with a null payload if the customer forgot to call the callback".
  it('a callback called on some paths only', () => {
    const some = "exports.handler = (event, context, callback) => {\n  if (event.request.userAttributes.email) {\n    callback(null, event);\n  }\n};\n";
    const f = findings(some, 'preSignUp.js').find((p) => p.key === 'noReturn');
    assert.match(f?.message ?? '', /some paths call it.*answers null/);
    assert.ok(!keys("exports.handler = (event, context, callback) => {\n  if (event.request.userAttributes.email) callback(null, event);\n  else callback(new Error('no'));\n};\n").includes('noReturn'));
    // Called from a nested function (a promise chain): every path may end there; not reported.
    assert.ok(!keys("exports.handler = (event, context, callback) => {\n  save(event).then(() => callback(null, event)).catch(callback);\n};\n").includes('noReturn'));
  });
});

describe('values written and attributes assumed', () => {
  it('a challengeName write outside the documented names', () => {
    assert.ok(keys(fn("event.response.challengeName = 'COLLECT_ATTRIBUTES';", 'return event;'), 'defineAuthChallenge.js').includes('invalidValue'));
    assert.ok(!keys(fn("event.response.challengeName = 'CUSTOM_CHALLENGE';", 'return event;'), 'defineAuthChallenge.js').includes('invalidValue'));
  });
  // Migrate user guide, response finalUserStatus: "If you don't set this attribute to CONFIRMED, it's set to
  // RESET_REQUIRED" (the two values the guide documents; https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-migrate-user.html).
  it('an unknown finalUserStatus write is reported (writes are checked, not only comparisons)', () => {
    const attrs = "event.response.userAttributes = { email: 'jane@example.com' };";
    const bad = findings(fn(attrs, "event.response.finalUserStatus = 'ACTIVE';", 'return event;'), 'userMigration.js').find((p) => p.key === 'invalidValue');
    assert.match(bad?.message ?? '', /'ACTIVE' is not a value of .*finalUserStatus.*'CONFIRMED', 'RESET_REQUIRED'/);
    assert.ok(!keys(fn(attrs, "event.response.finalUserStatus = 'RESET_REQUIRED';", 'return event;'), 'userMigration.js').includes('invalidValue'));
    // A comparison with an unknown value was already checked; the write is the part the issue found unflagged.
    assert.ok(!keys(fn(attrs, "event.response.finalUserStatus = 'CONFIRMED';", 'return event;'), 'userMigration.js').includes('invalidValue'));
  });
  // "If autoVerifyPhone is set to true, the phone_number attribute must have a valid, non-null value."
  it('autoVerifyPhone = true with no look at phone_number', () => {
    assert.ok(keys(fn('event.response.autoConfirmUser = true;', 'event.response.autoVerifyPhone = true;', 'return event;')).includes('autoVerifyUnchecked'));
    assert.ok(!keys(fn('if (event.request.userAttributes.phone_number) event.response.autoVerifyPhone = true;', 'return event;')).includes('autoVerifyUnchecked'));
    assert.ok(!keys(fn("if (event.triggerSource === 'PreSignUp_AdminCreateUser') {", '  event.response.autoVerifyPhone = true;', '}', 'return event;')).includes('autoVerifyUnchecked'));
  });
});

describe('inference', () => {
  it('the keys of an object literal assigned to event.response decide (pre token V1, not 13 triggers)', () => {
    const a = analyze(fn("event.response = { claimsOverrideDetails: { claimsToAddOrOverride: { tier: 'gold' } } };", 'return event;'), 'handler.js');
    assert.deepEqual(a.handlers[0]?.inference.candidates.map((c) => c.trigger.id), ['PreTokenGeneration']);
  });
  it('export const handler = impl = async (event) => …', () => {
    const a = analyze('let impl;\nexport const handler = impl = async (event) => {\n  event.response.autoConfirmUser = true;\n  return event;\n};\n', 'handler.mjs');
    assert.deepEqual(a.handlers.map((h) => h.name), ['handler']);
  });
  it('Amplify Gen 1: the function folder two levels up names the trigger, also for loader index files', () => {
    const loader = "const moduleNames = process.env.MODULES.split(',');\nconst modules = moduleNames.map((name) => require(`./${name}`));\nexports.handler = async (event, context) => {\n  for (const m of modules) await m.handler(event, context);\n  return event;\n};\n";
    const a = analyze(loader, 'amplify/backend/function/myappPreSignup/src/index.js');
    assert.deepEqual(a.handlers[0]?.inference.candidates.map((c) => c.trigger.id), ['PreSignUp']);
    assert.deepEqual(findings(loader, 'amplify/backend/function/myappPreSignup/src/index.js'), []);
  });
});

describe('while typing', () => {
  it('`event.request.` on the line above `return event;` reports nothing', () => {
    const text = fn('event.response.autoConfirmUser = true;', 'event.request.', 'return event;');
    assert.deepEqual(findings(text, 'preSignUp.js').map((p) => `${p.key}: ${p.message}`), []);
  });
  it('the same inside a branch', () => {
    const text = fn('if (event.request.userAttributes.email) {', '  event.request.', '  return event;', '}', 'return event;');
    assert.deepEqual(findings(text, 'preSignUp.js').map((p) => p.key), []);
  });
  // Found by test/server/whileTyping.test.ts, typing into a real pre sign-up handler through the server.
  const errorsOf = (text: string): string[] => findings(text, 'preSignUp.js').filter((p) => p.severity === 'error').map((p) => p.key);
  it('a half-typed line that swallows the next `return` (an open call, a bare `const`) does not say the handler can finish without returning', () => {
    for (const typed of ['console.log(event.', 'console.log(event.request.userAttributes.', 'const', 'const source = event.request.clientMetadata?.']) {
      assert.deepEqual(errorsOf(fn('event.response.autoConfirmUser = true;', typed, 'return event;')), [], typed);
    }
    // A handler that parses and really can finish without the event is still reported.
    assert.deepEqual(errorsOf(fn("if (event.request.userAttributes.email) event.response.autoConfirmUser = true;")), ['noReturn']);
  });
  it('a key still being typed at the end of its line is not an unknown field; a finished or misspelt one is', () => {
    assert.deepEqual(errorsOf(fn('if (event.request.userAttributes.email) {', '  event.response.autoV', '  event.response.autoVerifyEmail = true;', '}', 'return event;')), []);
    assert.deepEqual(errorsOf(fn('event.response.', 'event.response.autoVerifyEmail = true;', 'return event;')), []);
    assert.deepEqual(errorsOf(fn('event.response.autoV = true;', 'return event;')), ['unknownField']);
    assert.deepEqual(errorsOf(fn('event.response.autoConfrm', 'return event;')), ['unknownField']);
  });
  it('`return` being typed in code with semicolons is not a bare return; without semicolons it is', () => {
    assert.deepEqual(errorsOf(fn('if (event.request.userAttributes.email) return', 'event.response.autoConfirmUser = true;', 'return event;')), []);
    const noSemicolons = 'exports.handler = async (event) => {\n  if (event.request.userAttributes.email) return\n  event.response.autoConfirmUser = true\n  return event\n}\n';
    assert.deepEqual(errorsOf(noSemicolons), ['noReturn']);
  });
});

describe('no new false positives on the clean fixtures', () => {
  const dir = path.resolve(__dirname, '..', 'fixtures', 'handlers', 'clean');
  for (const file of fs.readdirSync(dir)) {
    it(file, () => {
      assert.deepEqual(findings(fs.readFileSync(path.join(dir, file), 'utf8'), file).map((p) => `${p.key}: ${p.message}`), []);
    });
  }
});
