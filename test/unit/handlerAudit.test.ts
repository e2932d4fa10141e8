// Regressions from the audit of handler-code diagnostics: false errors and missed ones, per finding.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { checkFile } from '../../server/src/cli/check';
import { checkPath } from '../../server/src/core/features/handlerCode/checkPaths';
import { fieldAt, getTrigger } from '../../server/src/core/model';
import type { TriggerDefinition } from '../../server/src/core/model/types';
import { problems } from '../../server/src/core/features/handlerCode/diagnose';
import { analyze, findings, hoverText, labels, labelsWithStale } from './handlerHelpers';

const AUDIT = path.join(__dirname, '..', 'fixtures', 'handlers', 'audit');
const read = (name: string): string => fs.readFileSync(path.join(AUDIT, name), 'utf8');
const shown = (text: string, fileName?: string): string[] => findings(text, fileName).map((f) => `${f.key} ${f.severity}: ${f.covered}`);

test('M2: JSON-object and array claim values in pre token V2/V3 are free-form', () => {
  assert.deepEqual(shown(read('pt-obj.mjs'), 'pt-obj.mjs'), []);
  assert.deepEqual(shown(read('pt-obj2.ts'), 'pt-obj2.ts'), []);
  const v3 = "// @cognito-trigger PreTokenGenerationV3\nexports.handler = async (event) => {\n  event.response.claimsAndScopeOverrideDetails = { accessTokenGeneration: { claimsToAddOrOverride: { t: { a: { b: [1, { c: true }] } }, n: 3, ok: false } } };\n  event.response.claimsAndScopeOverrideDetails.idTokenGeneration.claimsToAddOrOverride.org.id = 'x';\n  return event;\n};\n";
  assert.deepEqual(shown(v3), []);
});

test('M2: a non-string claim value in pre token V1 is still a wrong type', () => {
  const v1 = "// @cognito-trigger PreTokenGeneration\nexports.handler = async (event) => {\n  event.response.claimsOverrideDetails = { claimsToAddOrOverride: { org: { id: 'o-1' }, n: 3 } };\n  return event;\n};\n";
  assert.deepEqual(shown(v1), ["wrongType error: { id: 'o-1' }", 'wrongType error: 3']);
});

test('M3: no missing placeholder when the message comes from a variable or an expression not fully known', () => {
  assert.deepEqual(shown(read('r11.js'), 'r11.js'), []);
  const cm = (body: string): string => `// @cognito-trigger CustomMessage\nexports.handler = async (event, ctx) => {\n  ${body}\n  return event;\n};\n`;
  // Not fully known: a parameter, a `let`, a call, a helper's result inside a template.
  assert.deepEqual(shown(cm('event.response.emailMessage = `<p>${ctx.body}</p>`;')), []);
  assert.deepEqual(shown(cm("let m = 'x'; m += event.request.codeParameter; event.response.emailMessage = '<p>' + m + '</p>';")), []);
  assert.deepEqual(shown(cm("event.response.emailMessage = `<b>${['a', event.request.codeParameter].join('')}</b>`;")), []);
  // Fully known through a const alias: still reported, on the message.
  assert.deepEqual(shown(cm("const who = 'friend'; const msg = 'Hello ' + who; event.response.emailMessage = `<p>${msg}</p>`;")), ['missingPlaceholder error: `<p>${msg}</p>`']);
  assert.deepEqual(shown(cm("const n = 3; event.response.smsMessage = 'You have ' + n + ' tries';")), ["missingPlaceholder error: 'You have ' + n + ' tries'"]);
  // A const used as the whole message: checked, reported on the name, with no fix that would rewrite it.
  const [named] = findings(cm("const body = 'Welcome!'; event.response.smsMessage = body;"));
  assert.deepEqual([named?.key, named?.covered, named?.fixes?.length ?? 0], ['missingPlaceholder', 'body', 0]);
  assert.deepEqual(shown(cm('const body = `Code ${event.request.codeParameter}`; event.response.smsMessage = body;')), []);
  assert.deepEqual(shown(cm("const flag = 'true'; event.response.emailSubject = flag;")), []);
  // A const carrying the code through two hops satisfies the rule.
  assert.deepEqual(shown(cm("const c = event.request.codeParameter; const line = `Code ${c}`; event.response.smsMessage = line + '!';")), []);
  // The same name declared twice (shadowing) is not resolved: silent.
  assert.deepEqual(shown(cm("const t = 'a'; { const t2 = 1; } [1].forEach((t) => t); event.response.smsMessage = `x ${t}`;")), []);
});

test('minor 7: an array element is reported at its own index', () => {
  const [f] = findings(read('m5_enum.js'), 'm5_enum.js').filter((p) => p.covered === "'PUSH'");
  assert.match(f?.message ?? '', /desiredDeliveryMediums\[1\]/);
});

test('M4: context.succeed / done / fail finish the invocation like a callback', () => {
  assert.deepEqual(shown(read('cbctx.js'), 'cbctx.js'), ['callbackStyle warning: context.succeed(event)']);
  const ps = (params: string, body: string): string => `// @cognito-trigger PreSignUp\nexports.handler = ${params} => {\n  ${body}\n};\n`;
  assert.deepEqual(shown(ps('(event, ctx)', 'if (!event.request.userAttributes.email) { ctx.fail(new Error("no email")); return; }\n  ctx.done(null, event);')).map((s) => s.split(':')[0]), ['callbackStyle warning']);
  // Inside a callback (the SDK v2 style) too; but an async handler must still return.
  assert.deepEqual(shown(ps('(event, context)', 'db.get(k, (err) => { if (err) context.fail(err); else context.succeed(event); });')).map((s) => s.split(':')[0]), ['callbackStyle warning']);
  assert.deepEqual(shown(ps('async (event, context)', 'db.get(k, (err) => { context.succeed(event); });')).map((s) => s.split(' ')[0]), ['callbackStyle', 'noReturn']);
  // Still "no return" when nothing finishes it.
  assert.deepEqual(shown(ps('(event, context)', 'event.response.autoConfirmUser = true;')).map((s) => s.split(' ')[0]), ['noReturn']);
});

test('M12: syntax errors are reported when asked (the CLI), with their place, and not in the editor', async () => {
  const text = read('syntax.js');
  const a = analyze(text, 'syntax.js');
  assert.deepEqual(problems(text, a), []);
  const [e, ...rest] = problems(text, a, { syntaxErrors: true });
  assert.deepEqual(rest, []);
  assert.equal(e?.key, 'syntaxError');
  assert.equal(e?.severity, 'error');
  assert.equal(text.slice(0, e?.start).split('\n').length, 2, 'on line 2, where `if ( }` is');
  // An error Babel recovers from is a syntax error too; a file that parses has none.
  const dup = problems('exports.handler = async (event) => { let x = 1; let x = 2; return event; };', analyze('exports.handler = async (event) => { let x = 1; let x = 2; return event; };'), { syntaxErrors: true });
  assert.deepEqual(dup.map((p) => [p.key, p.message]), [['syntaxError', "Syntax error: Identifier 'x' has already been declared."]]);
  assert.deepEqual(problems(read('cbctx.js'), analyze(read('cbctx.js')), { syntaxErrors: true }).map((p) => p.key), ['callbackStyle']);
  // Decorators (NestJS, TS experimentalDecorators) are valid code.
  const decorated = '@Injectable()\nclass Svc { @Get() m() {} }\nexport const handler = async (event: unknown) => event;\n';
  assert.deepEqual(problems(decorated, analyze(decorated, 'svc.ts'), { syntaxErrors: true }), []);
  // The CLI's check asks for them.
  const found = await checkFile(path.join(AUDIT, 'syntax.js'), { log: () => undefined });
  assert.deepEqual(found.map((f) => [f.line, f.column, f.severity, f.code]), [[2, 8, 'error', 'handler/syntax-error']]);
});

test('claims Cognito refuses to change are warnings saying Cognito drops them', () => {
  const pt = (id: string, body: string): string => `// @cognito-trigger ${id}\nexports.handler = async (event) => {\n  ${body}\n  return event;\n};\n`;
  const v1 = findings(pt('PreTokenGeneration', "event.response.claimsOverrideDetails = { claimsToAddOrOverride: { sub: 'x', tenant: 'ok' }, claimsToSuppress: ['iss', 'email'] };"));
  assert.deepEqual(v1.map((f) => [f.key, f.severity, f.covered]), [['claimNotAllowed', 'warning', 'sub'], ['claimNotAllowed', 'warning', "'iss'"]]);
  assert.match(v1[0]?.message ?? '', /`sub` is dropped by Cognito.*keeps its own value/);
  assert.match(v1[1]?.message ?? '', /ignored by Cognito/);
  const v2 = findings(pt('PreTokenGenerationV2', "event.response.claimsAndScopeOverrideDetails = { accessTokenGeneration: { claimsToAddOrOverride: { 'cognito:username': 'bob' } } };"));
  assert.deepEqual(v2.map((f) => [f.key, f.severity]), [['claimNotAllowed', 'warning']]);
  assert.doesNotMatch(v2[0]?.message ?? '', /fails/);
});

test('M8: a half-typed line in the last case of a switch on triggerSource narrows to that case', () => {
  const ps10 = "exports.handler = async (event) => {\n  switch (event.triggerSource) {\n    case 'CustomMessage_SignUp':\n      event.request.|\n  }\n  return event;\n};";
  assert.ok(labels(ps10).includes('codeParameter'), labels(ps10).join());
  assert.ok(!labels(ps10).includes('validationData'), labels(ps10).join());
  // From the analysis of the text before the keystrokes (the editor's cache), too.
  const before = ps10.replace('event.request.|', '');
  assert.deepEqual(labelsWithStale(before, ps10), labels(ps10));
  // A new line typed after a case's last statement is still in that case, not in the next one.
  const mid = "exports.handler = async (event) => {\n  switch (event.triggerSource) {\n    case 'PreSignUp_SignUp':\n      foo();\n      event.request.|\n    case 'CustomMessage_SignUp':\n      break;\n  }\n  return event;\n};";
  assert.deepEqual(labels(mid), ['userAttributes', 'validationData', 'clientMetadata']);
});

test("minor 9: hover in a handler serving several triggers shows the union, not one trigger's docs", () => {
  const unknown = hoverText('exports.handler = async (event) => {\n  const a = event.request.userAttri|butes;\n  return event;\n};');
  assert.doesNotMatch(unknown, /sign-up|pre-sign-up/i);
  assert.match(unknown, /union of 13 triggers/);
  assert.match(unknown, /cognito-user-pools-working-with-lambda-triggers\.html/);
  const two = hoverText('// @cognito-trigger PreSignUp, PostConfirmation\nexports.handler = async (event) => {\n  const a = event.request.userAttri|butes;\n  return event;\n};');
  assert.match(two, /- `PreSignUp`: Attributes given at sign-up.*\n- `PostConfirmation`: Current attributes/);
  assert.doesNotMatch(two, /pre-sign-up\.html/);
  // One trigger: its own description and page, as before.
  const one = hoverText('// @cognito-trigger PreSignUp\nexports.handler = async (event) => {\n  const a = event.request.userAttri|butes;\n  return event;\n};');
  assert.match(one, /Attributes given at sign-up/);
  assert.match(one, /pre-sign-up\.html/);
});

test('minor 1: completion of keys in destructuring patterns of the event', () => {
  const ps = (s: string): string => `// @cognito-trigger PreSignUp\nexports.handler = async (event) => {\n  ${s}\n  return event;\n};`;
  const envelope = ['version', 'triggerSource', 'region', 'userPoolId', 'userName', 'callerContext', 'request', 'response'];
  const request = ['userAttributes', 'validationData', 'clientMetadata'];
  assert.deepEqual(labels(ps('const { | } = event;')), envelope);
  assert.deepEqual(labels(ps('const { request: { | } } = event;')), request);
  assert.deepEqual(labels(ps("const { 'request': { v| }, response } = event;")), request);
  assert.deepEqual(labels(ps('const { userAttributes, | } = event.request;')), request);
  assert.deepEqual(labels('// @cognito-trigger PreSignUp\nexports.handler = async ({ request: { | } }) => {\n  return {};\n};'), request);
  assert.deepEqual(labels('// @cognito-trigger PreSignUp\nexport async function handler({ response: { | } }) {\n  return {};\n}'), ['autoConfirmUser', 'autoVerifyEmail', 'autoVerifyPhone']);
  // Typed before the analysis caught up (the editor's cache).
  assert.deepEqual(labelsWithStale(ps(''), ps('const { request: { | } } = event;')), request);
  // Not the event: nothing.
  assert.deepEqual([labels(ps('foo({ | });')), labels(ps('const { | } = other;')), labels(ps('const x = { | };'))], [[], [], []]);
});

test('minor 3: trigger inferred through type aliases, import() types and the folder name', () => {
  const ids = (text: string, fileName = 'handler.ts'): string[] => {
    const h = analyze(text, fileName).handlers[0];
    return h?.inference.known ? h.inference.candidates.map((c) => c.trigger.id) : [];
  };
  const body = ' = async (event) => {\n  return event;\n};\n';
  assert.deepEqual(ids(`import type { PreSignUpTriggerHandler as H } from 'aws-lambda';\nexport const handler: H${body}`), ['PreSignUp']);
  assert.deepEqual(ids(`import type { Handler, CustomMessageTriggerEvent as E } from 'aws-lambda';\nexport const handler: Handler<E>${body}`), ['CustomMessage']);
  assert.deepEqual(ids(`import type { Handler } from 'aws-lambda';\ntype Ev = import('aws-lambda').PostConfirmationTriggerEvent;\nexport const handler: Handler<Ev>${body}`), ['PostConfirmation']);
  assert.deepEqual(ids(`export const handler = async (event: import('aws-lambda').CustomMessageTriggerEvent) => {\n  return event;\n};\n`), ['CustomMessage']);
  assert.deepEqual(ids(`/** @typedef {import('aws-lambda').PreAuthenticationTriggerEvent} Ev */\n/** @param {Ev} event */\nexports.handler = async (event) => {\n  return event;\n};\n`, 'h.js'), ['PreAuthentication']);
  // The folder is the weakest signal: after the file's own name, and only when nothing else speaks.
  const plain = 'exports.handler = async (event) => {\n  return event;\n};\n';
  assert.deepEqual(ids(plain, 'src/presignup/index.js'), ['PreSignUp']);
  assert.deepEqual(ids(plain, 'functions/pre-sign-up/handler.ts'), ['PreSignUp']);
  assert.deepEqual(ids(plain, 'pre-sign-up/customMessage.js'), ['CustomMessage']);
  assert.deepEqual(ids(`// @cognito-trigger PostConfirmation\n${plain}`, 'presignup/index.js'), ['PostConfirmation']);
  assert.match(analyze(plain, 'presignup/index.js').handlers[0]?.inference.reasons.join() ?? '', /folder name presignup/);
});

test('minor 2: narrowing through startsWith / includes tests of triggerSource', () => {
  const h = (test: string, inner = 'event.request.|'): string => `exports.handler = async (event) => {\n  if (${test}) {\n    ${inner}\n  }\n  return event;\n};`;
  const cm = ['userAttributes', 'codeParameter', 'linkParameter', 'usernameParameter', 'clientMetadata'];
  assert.deepEqual(labels(h("event.triggerSource.startsWith('CustomMessage_')")), cm);
  // Narrowed to sign-up and resend: usernameParameter is null there (admin-created users only), so it is not offered.
  assert.deepEqual(labels(h("['CustomMessage_SignUp', 'CustomMessage_ResendCode'].includes(event.triggerSource)")), cm.filter((k) => k !== 'usernameParameter'));
  assert.deepEqual(labels(h("event.triggerSource.startsWith('PreSignUp_') && event.request.userAttributes.email")), ['userAttributes', 'validationData', 'clientMetadata']);
  // The handler's trigger is inferred from such a test, so its other uses are checked.
  const a = analyze(h("event.triggerSource.startsWith('CustomMessage_')", 'event.response.smsMessage = `c ${event.request.codeParameter}`;'));
  assert.deepEqual(a.handlers[0]?.inference.candidates.map((c) => c.trigger.id), ['CustomMessage']);
  // Where the test is false, nothing is pinned: the else branch of a startsWith is not narrowed.
  const neg = "exports.handler = async (event) => {\n  if (!event.triggerSource.startsWith('CustomMessage_')) { return event; } else {\n    event.request.|\n  }\n  return event;\n};";
  assert.deepEqual(labels(neg), cm);
});

test('minor 8: an unawaited SDK v2 callback call gets "use .promise() and await", not "Add await"', () => {
  const apply = (text: string, edits: readonly { start: number; end: number; newText: string }[]): string =>
    [...edits].sort((x, y) => y.start - x.start).reduce((t, e) => t.slice(0, e.start) + e.newText + t.slice(e.end), text);
  const pc = (body: string): string => `// @cognito-trigger PostConfirmation\nexports.handler = async (event) => {\n  ${body}\n  return event;\n};\n`;
  const text = pc('sns.publish(params, () => {});');
  const [f] = findings(text);
  assert.equal(f?.key, 'floatingPromise');
  assert.deepEqual(f?.fixes?.map((x) => x.title), ['Use .promise() and await']);
  assert.match(apply(text, f?.fixes?.[0]?.edits ?? []), /\n {2}await sns\.publish\(params\)\.promise\(\);\n/);
  // A callback with code in it: no fix that would drop the code.
  const [g] = findings(pc('sns.publish(params, (err, data) => { console.log(data); });'));
  assert.deepEqual([g?.key, g?.fixes?.length], ['floatingPromise', 0]);
  assert.match(g?.message ?? '', /\.promise\(\)/);
  // A promise (SDK v3, .promise()) still gets "Add await".
  assert.deepEqual(findings(pc('client.send(cmd);'))[0]?.fixes?.map((x) => x.title), ['Add await']);
});

test('M2: below a value whose shape the model leaves open (no properties, items or map type), nothing is checked', () => {
  // The model now also marks V2/V3 claim values as open maps; the path check must not depend on it.
  const t = structuredClone(getTrigger('PreTokenGenerationV2')) as TriggerDefinition;
  const claims = fieldAt(t, ['response', 'claimsAndScopeOverrideDetails', 'idTokenGeneration', 'claimsToAddOrOverride']) as { additionalProperties?: unknown };
  claims.additionalProperties = { type: ['string', 'object', 'array'], description: 'Claim value.' };
  const path = ['response', 'claimsAndScopeOverrideDetails', 'idTokenGeneration', 'claimsToAddOrOverride', 'org', 'id', 0];
  const r = checkPath(path, [{ trigger: t }], () => ({ start: 0, end: 1 }), true);
  assert.deepEqual([r.problem, r.beyond], [undefined, true]);
});
