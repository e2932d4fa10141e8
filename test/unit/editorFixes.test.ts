// Issue 14's editing fixes: quick fixes where the message says what to do, applied to the text they fix (JS, TS and Python).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { EventJsonProvider } from '../../server/src/core/features/eventJson';
import type { FeatureContext } from '../../server/src/core/features/provider';
import { defaultSettings } from '../../server/src/core/settings';
import { loadPython } from '../../server/src/core/handler/python/parser';
import { analyze, findings } from './handlerHelpers';
import { problems } from '../../server/src/core/features/handlerCode/diagnose';
import type { Problem } from '../../server/src/core/features/handlerCode/problems';

/** Applies the fix titled `title` (or the first) of `p` to `text`. */
export function applyFix(text: string, p: Problem | undefined, title?: string): string {
  const f = title ? p?.fixes?.find((x) => x.title === title) : p?.fixes?.[0];
  assert.ok(f, `no fix${title ? ` '${title}'` : ''} on ${p?.key ?? 'nothing'}: ${JSON.stringify(p?.fixes?.map((x) => x.title) ?? [])}`);
  return [...f.edits].sort((a, b) => b.start - a.start).reduce((t, e) => t.slice(0, e.start) + e.newText + t.slice(e.end), text);
}

const pt = (id: string, body: string): string => `// @cognito-trigger ${id}\nexports.handler = async (event) => {\n  ${body}\n  return event;\n};\n`;

test('a protected claim is squiggled on its key, and the fix removes its entry (JS, one line)', () => {
  const text = pt('PreTokenGeneration', "event.response.claimsOverrideDetails = { claimsToAddOrOverride: { sub: 'x', tenant: 'ok' } };");
  const [p, ...rest] = findings(text);
  assert.equal(rest.length, 0);
  assert.equal(p?.key, 'claimNotAllowed');
  assert.equal(p?.covered, 'sub');
  assert.match(p?.message ?? '', /Remove this entry/);
  const fixed = applyFix(text, p, "Remove the 'sub' claim");
  assert.ok(fixed.includes("claimsToAddOrOverride: { tenant: 'ok' } };"), fixed);
  assert.deepEqual(findings(fixed), []);
});

test('the protected-claim fix removes a whole line, the last entry with its comma, and the only entry', () => {
  const multi = pt('PreTokenGenerationV2', "event.response.claimsAndScopeOverrideDetails = {\n    idTokenGeneration: {\n      claimsToAddOrOverride: {\n        'cognito:username': 'bob',\n        tier: 'gold',\n        iss: 'me'\n      },\n    },\n  };");
  const ps = findings(multi).filter((p) => p.key === 'claimNotAllowed');
  assert.deepEqual(ps.map((p) => p.covered), ["'cognito:username'", 'iss']);
  const once = applyFix(multi, ps[0]);
  assert.ok(once.includes("claimsToAddOrOverride: {\n        tier: 'gold',\n        iss: 'me'\n      },"), once);
  const twice = applyFix(once, findings(once).find((p) => p.key === 'claimNotAllowed'));
  assert.ok(twice.includes("claimsToAddOrOverride: {\n        tier: 'gold'\n      },"), twice);
  assert.deepEqual(findings(twice), []);
  const only = pt('PreTokenGeneration', "event.response.claimsOverrideDetails = { claimsToAddOrOverride: { sub: 'x' } };");
  assert.ok(applyFix(only, findings(only)[0]).includes('claimsToAddOrOverride: {} };'));
});

test('a suppressed protected claim gets a fix that removes it from claimsToSuppress', () => {
  const text = pt('PreTokenGeneration', "event.response.claimsOverrideDetails = { claimsToSuppress: ['email', 'iss'] };");
  const [p] = findings(text);
  assert.equal(p?.covered, "'iss'");
  assert.ok(applyFix(text, p).includes("claimsToSuppress: ['email'] };"));
});

test('a protected claim written by assignment is squiggled on its key (no entry to remove)', () => {
  const text = pt('PreTokenGeneration', "event.response.claimsOverrideDetails.claimsToAddOrOverride.sub = 'x';");
  const [p] = findings(text).filter((x) => x.key === 'claimNotAllowed');
  assert.equal(p?.covered, 'sub');
  assert.deepEqual(p?.fixes ?? [], []);
});

test('Python: a protected claim in a dict is squiggled on its key and the fix removes the entry, quotes included', async () => {
  await loadPython();
  const py = '# @cognito-trigger PreTokenGeneration\ndef lambda_handler(event, context):\n    event["response"]["claimsOverrideDetails"] = {"claimsToAddOrOverride": {"sub": "x", "tenant": "ok"}}\n    return event\n';
  const [p] = findings(py, 'pre_token.py');
  assert.equal(p?.key, 'claimNotAllowed');
  assert.match(p?.covered ?? '', /^"?sub"?$/);
  const fixed = applyFix(py, p);
  assert.ok(fixed.includes('{"claimsToAddOrOverride": {"tenant": "ok"}}'), fixed);
  assert.deepEqual(findings(fixed, 'pre_token.py'), []);
});

// Event JSON: the did-you-mean and dropped-claim fixes, through the real provider (diagnostics → code actions).
const provider = new EventJsonProvider();
const host = { log: () => undefined };
let docs = 0;
/** A fresh document (the provider caches analyses by URI and version). */
const eventDoc = (json: string): TextDocument => TextDocument.create(`file:///ws/events/e${++docs}.json`, 'json', 1, json);

/** Our diagnostics of an event file and the text after applying the code action titled `title`. */
async function eventFix(json: string, code: string, title: string): Promise<{ covered: string; message: string; fixed: string; titles: string[] }> {
  const doc = eventDoc(json);
  const ctx: FeatureContext = { document: doc, settings: defaultSettings(), relativePath: 'events/e.json', host };
  const diags = (await provider.diagnose(ctx)).filter((d) => d.code === code);
  assert.equal(diags.length, 1, `${code}: ${JSON.stringify(diags.map((d) => d.message))}`);
  const d = diags[0] as Diagnostic;
  const actions = provider.codeActions(ctx, d.range, { diagnostics: [d] });
  const action = actions.find((a) => a.title === title);
  assert.ok(action?.edit?.changes, `no '${title}' among ${JSON.stringify(actions.map((a) => a.title))}`);
  const fixed = TextDocument.applyEdits(doc, action.edit.changes[doc.uri] ?? []);
  return { covered: doc.getText(d.range), message: typeof d.message === 'string' ? d.message : d.message.value, fixed, titles: actions.map((a) => a.title) };
}

const sample = (over: Record<string, unknown>, response: Record<string, unknown> = { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false }): string =>
  `${JSON.stringify({ version: '1', region: 'us-east-1', userPoolId: 'us-east-1_abc', userName: 'jane', callerContext: { awsSdkVersion: 'aws-sdk-js-3', clientId: 'c1' }, triggerSource: 'PreSignUp_SignUp', request: { userAttributes: { email: 'jane@example.com' }, validationData: null }, response, ...over }, null, 2)}\n`;

test('event JSON: a triggerSource typo gets "Change to" the suggestion', async () => {
  const r = await eventFix(sample({ triggerSource: 'PreSignUp_Signup' }), 'unknown-trigger-source', 'Change to "PreSignUp_SignUp"');
  assert.equal(r.covered, '"PreSignUp_Signup"');
  assert.match(r.message, /Did you mean "PreSignUp_SignUp"\?/);
  assert.ok(r.fixed.includes('"triggerSource": "PreSignUp_SignUp"'), r.fixed);
});

test('event JSON: a field-name typo gets "Change to" the field, not when the field is already there', async () => {
  const r = await eventFix(sample({}, { autoConfirmUsr: true, autoVerifyEmail: false, autoVerifyPhone: false }), 'unknown-field', 'Change to "autoConfirmUser"');
  assert.equal(r.covered, '"autoConfirmUsr"');
  assert.ok(r.fixed.includes('"autoConfirmUser": true'), r.fixed);
  const doc = eventDoc(sample({}, { autoConfirmUser: false, autoConfirmUsr: true }));
  const ctx: FeatureContext = { document: doc, settings: defaultSettings(), relativePath: 'events/e.json', host };
  const d = (await provider.diagnose(ctx)).find((x) => x.code === 'unknown-field');
  assert.ok(d, 'the typo is still reported');
  assert.deepEqual(provider.codeActions(ctx, d.range, { diagnostics: [d] }), []);
});

test('event JSON: an enum typo gets "Change to" the value', async () => {
  const json = sample({ triggerSource: 'UserMigration_Authentication', request: { userAttributes: {}, password: 'x', validationData: null }, response: { userAttributes: { email: 'a@example.com' }, finalUserStatus: 'CONFIRMD', messageAction: 'SUPPRESS' } });
  const r = await eventFix(json, 'invalid-enum-value', 'Change to "CONFIRMED"');
  assert.equal(r.covered, '"CONFIRMD"');
  assert.ok(r.fixed.includes('"finalUserStatus": "CONFIRMED"'), r.fixed);
});

test('event JSON: a dropped claim is squiggled on its key, and the fix removes the entry', async () => {
  const json = sample({ version: '1', triggerSource: 'TokenGeneration_Authentication', request: { userAttributes: { sub: 's' }, groupConfiguration: { groupsToOverride: [], iamRolesToOverride: [], preferredRole: null } }, response: { claimsOverrideDetails: { claimsToAddOrOverride: { tier: 'gold', sub: 'someone' } } } });
  const r = await eventFix(json, 'claim-not-allowed', 'Remove the "sub" claim');
  assert.equal(r.covered, '"sub"');
  assert.ok(r.fixed.includes('"claimsToAddOrOverride": {\n        "tier": "gold"\n      }'), r.fixed);
});

// Async handler that also takes a callback: the fixes its message names, per runtime.
const rt = (id: string) => ({ runtime: { id, from: 'setting' as const, evidence: 'cognitoTriggers.runtime' } });
const asyncCb = "exports.handler = async (event, context, callback) => {\n  if (!event.request.userAttributes.email) return callback(new Error('email required'));\n  event.response.autoConfirmUser = true;\n  callback(null, event);\n};\n";
const withCallback = (text: string, fileName = 'preSignUp.js', opts = {}): Problem | undefined => problems(text, analyze(text, fileName), opts).find((p) => p.key === 'asyncWithCallback');

test('async + callback: "Remove the callback parameter and return the event" rewrites each call, on every runtime', () => {
  for (const opts of [{}, rt('nodejs22.x'), rt('nodejs24.x')]) {
    const p = withCallback(asyncCb, 'preSignUp.js', opts);
    assert.match(p?.message ?? '', /Remove the callback parameter and return the event\./);
    const fixed = applyFix(asyncCb, p, 'Remove the callback parameter and return the event');
    assert.equal(fixed, "exports.handler = async (event, context) => {\n  if (!event.request.userAttributes.email) throw new Error('email required');\n  event.response.autoConfirmUser = true;\n  return event;\n};\n");
    assert.deepEqual(problems(fixed, analyze(fixed, 'preSignUp.js'), opts), []);
  }
});

test('async + callback: "Make it non-async" only where the runtime still runs callbacks (Node.js 22), and only without await', () => {
  const title = 'Make it non-async (keep the callback: Node.js 22 and older only)';
  const on22 = withCallback(asyncCb, 'preSignUp.js', rt('nodejs22.x'));
  assert.match(on22?.message ?? '', /Or, to keep the callback until you move to Node\.js 24, make it non-async\./);
  assert.ok(applyFix(asyncCb, on22, title).startsWith('exports.handler = (event, context, callback) => {'));
  // Node.js 24 rejects callback handlers; an unknown runtime may be 24: neither offers it, nor says it.
  for (const opts of [{}, rt('nodejs24.x')]) {
    const p = withCallback(asyncCb, 'preSignUp.js', opts);
    assert.deepEqual(p?.fixes?.map((f) => f.title), ['Remove the callback parameter and return the event']);
    assert.doesNotMatch(p?.message ?? '', /non-async/);
  }
  const awaits = "exports.handler = async (event, context, callback) => {\n  await Promise.resolve();\n  callback(null, event);\n};\n";
  const p = withCallback(awaits, 'preSignUp.js', rt('nodejs22.x'));
  assert.deepEqual(p?.fixes?.map((f) => f.title), ['Remove the callback parameter and return the event']);
  assert.doesNotMatch(p?.message ?? '', /non-async/);
});

test('async + callback in TypeScript: the typed parameter goes with its annotation; an expression body becomes the answer', () => {
  const ts = "import type { PreSignUpTriggerHandler } from 'aws-lambda';\nexport const handler: PreSignUpTriggerHandler = async (event, context, callback: (e: unknown, r?: unknown) => void) => {\n  callback(null, event);\n};\n";
  const fixed = applyFix(ts, withCallback(ts, 'preSignUp.ts'));
  assert.ok(fixed.includes('= async (event, context) => {\n  return event;\n};'), fixed);
  const arrow = '// @cognito-trigger PreSignUp\nexports.handler = async (event, context, cb) => cb(null, event);\n';
  assert.ok(applyFix(arrow, withCallback(arrow)).includes('exports.handler = async (event, context) => event;'));
});

test('async + callback: no rewrite where a call cannot become a return (inside a nested function, code after it, passed on)', () => {
  for (const body of ['somePromise().then(() => callback(null, event));\n  return undefined;', 'callback(null, event);\n  console.log("after");', 'helper(event, callback);']) {
    const text = `// @cognito-trigger PreSignUp\nexports.handler = async (event, context, callback) => {\n  ${body}\n};\n`;
    const p = withCallback(text);
    assert.ok(p, body);
    assert.ok(!p.fixes?.some((f) => f.title.startsWith('Remove the callback')), `${body}: ${JSON.stringify(p.fixes)}`);
  }
});
