// Protocol tests of the event JSON provider against the real server: hover, completion, each semantic
// rule as a diagnostic, unrelated JSON left alone, the code lens and the custom event requests.
import * as assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { CompletionList, Diagnostic, Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { sampleEvent } from '../../server/src/core/events';
import { findSource } from '../../server/src/core/model';
import type { EventBuildResult, EventSourceChoice } from '../../server/src/core/protocol';
import { caret, messageText, startServer, type TestServer } from './harness';

let server: TestServer;
let n = 0;
/** A fresh URI under events/ (matches the default eventFiles glob) or elsewhere. */
const uri = (dir = 'events/PreSignUp', name = `e${++n}.json`): string => `${server.workspaceUri}/${dir}/${name}`;
const json = (v: unknown): string => `${JSON.stringify(v, null, 2)}\n`;

/** Opens `text` (with an optional `|` caret) and returns the diagnostics published for it. */
async function diagnose(value: unknown, at = uri()): Promise<Diagnostic[]> {
  const wait = server.diagnostics(at, 1);
  server.open(at, typeof value === 'string' ? value : json(value));
  return wait;
}

async function completeAt(textWithCaret: string, at = uri()): Promise<CompletionList | null> {
  const { text, position } = caret(textWithCaret);
  server.open(at, text);
  return server.request<CompletionList | null>('textDocument/completion', { textDocument: { uri: at }, position });
}

async function hoverAt(textWithCaret: string, at = uri()): Promise<string | undefined> {
  const { text, position } = caret(textWithCaret);
  server.open(at, text);
  const h = await server.request<Hover | null>('textDocument/hover', { textDocument: { uri: at }, position });
  return h ? (h.contents as MarkupContent).value : undefined;
}

const codes = (ds: Diagnostic[]): string[] => ds.map((d) => String(d.code)).sort();
const only = (ds: Diagnostic[], code: string): Diagnostic => {
  const found = ds.filter((d) => d.code === code);
  assert.equal(found.length, 1, `expected one ${code}, got ${JSON.stringify(ds.map((d) => [d.code, d.message]))}`);
  return found[0] as Diagnostic;
};
const labels = (l: CompletionList | null): string[] => (l?.items ?? []).map((i) => i.label);

before(async () => {
  server = await startServer();
});
after(async () => {
  await server.stop();
});

describe('hover', () => {
  test('a triggerSource value shows the source description and the AWS link', async () => {
    const text = await hoverAt('{ "version": "1", "triggerSource": "PreSignUp_Sig|nUp", "request": {}, "response": {} }');
    const source = findSource('PreSignUp_SignUp')[0];
    assert.ok(text && source);
    assert.match(text, new RegExp(source.source.description.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    assert.match(text, /\[AWS documentation\]\(https:\/\/docs\.aws\.amazon\.com\/cognito\/latest\/developerguide\/user-pool-lambda-pre-sign-up\.html\)/);
  });
  test('a response key shows type, writability and description', async () => {
    const text = await hoverAt('{ "triggerSource": "PreSignUp_SignUp", "request": {}, "response": { "autoConf|irmUser": false } }');
    assert.match(text ?? '', /^\*\*autoConfirmUser\*\* — `boolean` · writable/);
  });
  test('a user attribute key shows the standard attribute description', async () => {
    const text = await hoverAt('{ "triggerSource": "PreSignUp_SignUp", "request": { "userAttributes": { "ema|il": "a@b.c" } } }');
    assert.match(text ?? '', /\*\*email\*\*\s+Email address/);
  });
});

describe('completion', () => {
  test('triggerSource values: every source, this trigger first, with descriptions', async () => {
    const list = await completeAt('{ "version": "1", "triggerSource": "Pre|", "request": {}, "response": {} }', uri('events/x'));
    const all = labels(list);
    assert.ok(all.includes('PreSignUp_SignUp') && all.includes('TokenGeneration_ClientCredentials') && all.includes('SyncTrigger'));
    const item = list?.items.find((i) => i.label === 'CustomMessage_SignUp');
    assert.match((item?.documentation as MarkupContent).value, /AWS documentation/);
  });
  test('response keys of this trigger only, minus those present', async () => {
    const all = labels(await completeAt('{ "triggerSource": "PreSignUp_SignUp", "request": {}, "response": { "autoConfirmUser": false, | } }'));
    assert.deepEqual(all.sort(), ['autoVerifyEmail', 'autoVerifyPhone']);
  });
  test('request keys follow the event version: scopes in V2, not in V1', async () => {
    const v2 = labels(await completeAt('{ "version": "2", "triggerSource": "TokenGeneration_HostedAuth", "request": { | }, "response": {} }'));
    const v1 = labels(await completeAt('{ "version": "1", "triggerSource": "TokenGeneration_HostedAuth", "request": { | }, "response": {} }'));
    assert.ok(v2.includes('scopes'), `V2 keys: ${v2.join(', ')}`);
    assert.ok(!v1.includes('scopes') && v1.includes('groupConfiguration'), `V1 keys: ${v1.join(', ')}`);
  });
  test('standard attribute names inside userAttributes', async () => {
    const all = labels(await completeAt('{ "triggerSource": "PreSignUp_SignUp", "request": { "userAttributes": { "sub": "x", | } } }'));
    assert.ok(all.includes('email') && all.includes('phone_number') && !all.includes('sub'));
  });
  test('booleans for a boolean field, replacing the typed token', async () => {
    const list = await completeAt('{ "triggerSource": "PreSignUp_SignUp", "request": {}, "response": { "autoConfirmUser": t| } }');
    assert.deepEqual(labels(list).sort(), ['false', 'true']);
  });
  test('a whole-object snippet for response', async () => {
    const list = await completeAt('{ "version": "1", "triggerSource": "UserMigration_Authentication", "request": {}, "response": | }');
    const snippet = list?.items.find((i) => i.kind === 15 /* Snippet */);
    assert.ok(snippet, `no snippet among ${labels(list).join(', ')}`);
    const edit = snippet.textEdit as { newText: string };
    assert.match(edit.newText, /"finalUserStatus"/);
  });
});

describe('diagnostics', () => {
  test('a clean sample has none', async () => {
    assert.deepEqual(await diagnose(sampleEvent('PreSignUp', 'PreSignUp_SignUp')), []);
  });
  test('every diagnostic carries code, source and documentation link', async () => {
    const ds = await diagnose({ ...sampleEvent('PreSignUp', 'PreSignUp_SignUp'), triggerSource: 'PreSignUp_SignUpp' });
    const d = only(ds, 'unknown-trigger-source');
    assert.equal(d.severity, 1);
    assert.equal(d.source, 'cognito-triggers');
    assert.match(d.codeDescription?.href ?? '', /^https:\/\/docs\.aws\.amazon\.com\//);
    assert.match(messageText(d), /Did you mean "PreSignUp_SignUp"/);
  });
  test('numeric version: only the quirk warning, no schema error on the same node', async () => {
    const at = uri();
    const ds = await diagnose({ ...sampleEvent('PreSignUp', 'PreSignUp_SignUp'), version: 1 }, at);
    assert.deepEqual(codes(ds), ['numeric-version']);
    assert.equal(ds[0]?.severity, 2);
    assert.match(messageText(ds[0] as Diagnostic), /Cognito sends the string "1"/);
  });
  test('quirks: callerContext.awsSdk, booleans and nulls in userAttributes', async () => {
    const e = sampleEvent('PreSignUp', 'PreSignUp_SignUp') as { callerContext: Record<string, unknown>; request: { userAttributes: Record<string, unknown> } };
    e.callerContext = { awsSdk: 'x', clientId: 'c' };
    e.request.userAttributes.email_verified = true;
    const ds = await diagnose(e);
    assert.ok(codes(ds).includes('caller-context-aws-sdk') && codes(ds).includes('boolean-attribute'), codes(ds).join());
    assert.ok(ds.every((d) => d.severity === 2 || d.code === 'missing-field'), JSON.stringify(ds));
    assert.ok(!codes(ds).some((c) => c.startsWith('schema')), codes(ds).join());
  });
  test('userPoolId region prefix against region', async () => {
    const ds = await diagnose({ ...sampleEvent('PreSignUp', 'PreSignUp_SignUp'), userPoolId: 'eu-west-1_AbC123' });
    assert.match(messageText(only(ds, 'region-mismatch')), /userPoolId/);
  });
  test('userPoolId format', async () => {
    const ds = await diagnose({ ...sampleEvent('PreSignUp', 'PreSignUp_SignUp'), userPoolId: 'not a pool' });
    assert.ok(codes(ds).includes('invalid-format'), codes(ds).join());
  });
  test('pre token: version 1 event with the V2 response shape', async () => {
    const e = sampleEvent('PreTokenGeneration', 'TokenGeneration_HostedAuth');
    e.response = { claimsAndScopeOverrideDetails: { idTokenGeneration: {} } };
    const ds = await diagnose(e);
    assert.ok(codes(ds).some((c) => c.startsWith('pre-token-')), codes(ds).join());
  });
  test('pre token: claims Cognito refuses to change', async () => {
    const e = sampleEvent('PreTokenGeneration', 'TokenGeneration_HostedAuth');
    e.response = { claimsOverrideDetails: { claimsToAddOrOverride: { sub: 'someone-else' } } };
    assert.ok(codes(await diagnose(e)).includes('claim-not-allowed'));
  });
  test('custom message: missing code placeholder', async () => {
    const e = sampleEvent('CustomMessage', 'CustomMessage_SignUp');
    e.response = { smsMessage: 'Welcome', emailMessage: null, emailSubject: null };
    const d = only(await diagnose(e), 'missing-placeholder');
    assert.match(messageText(d), /response\.smsMessage must contain "\{####\}"/);
  });
  test('custom message: length limit', async () => {
    const e = sampleEvent('CustomMessage', 'CustomMessage_SignUp');
    e.response = { smsMessage: null, emailMessage: null, emailSubject: 'x'.repeat(200) };
    assert.ok(codes(await diagnose(e)).includes('length-limit'));
  });
  test('sync: removed record with a newValue', async () => {
    const e = sampleEvent('SyncTrigger', 'SyncTrigger') as { datasetRecords: Record<string, Record<string, unknown>> };
    const first = Object.keys(e.datasetRecords)[0] ?? 'k';
    e.datasetRecords[first] = { oldValue: 'a', newValue: 'b', op: 'remove' };
    assert.ok(codes(await diagnose(e, uri('events/sync'))).includes('sync-remove-with-value'));
  });
  test('an events/ file naming no trigger gets exactly one diagnostic saying which keys would make it one', async () => {
    const ds = await diagnose({ hello: 'world' }, uri('events'));
    const d = only(ds, 'unrecognised-event');
    assert.equal(ds.length, 1);
    assert.match(messageText(d), /"triggerSource"/);
    assert.match(messageText(d), /"eventType": "SyncTrigger"/);
  });
  test('$schema naming a trigger schema claims a file outside events/', async () => {
    const ds = await diagnose({ $schema: './schemas/PreSignUp.schema.json', version: 1 }, uri('misc'));
    assert.ok(codes(ds).includes('numeric-version'), codes(ds).join());
  });
});

describe('unrelated JSON', () => {
  test('no diagnostics, completion, hover or code lens from us', async () => {
    const at = uri('config', 'package.json');
    const ds = await diagnose({ name: 'x', version: 1, triggerSource: 7 }, at);
    assert.deepEqual(ds, []);
    const c = await server.request('textDocument/completion', { textDocument: { uri: at }, position: { line: 1, character: 3 } });
    const h = await server.request('textDocument/hover', { textDocument: { uri: at }, position: { line: 1, character: 3 } });
    const l = await server.request<unknown[]>('textDocument/codeLens', { textDocument: { uri: at } });
    assert.equal(c, null);
    assert.equal(h, null);
    assert.deepEqual(l, []);
  });
});

describe('code lens and custom requests', () => {
  test('▶ Invoke with a handler… at the top of a recognised event', async () => {
    const at = uri();
    server.open(at, json(sampleEvent('PreSignUp', 'PreSignUp_SignUp')));
    const lenses = await server.request<{ range: { start: { line: number } }; command: { title: string; command: string; arguments: unknown[] } }[]>('textDocument/codeLens', { textDocument: { uri: at } });
    assert.equal(lenses.length, 1);
    assert.equal(lenses[0]?.command.command, 'cognitoTriggers.invokeLocal');
    assert.deepEqual(lenses[0]?.command.arguments, [{ eventUri: at, triggerId: 'PreSignUp' }]);
    assert.equal(lenses[0]?.range.start.line, 0);
  });
  test('listEventSources offers every source with its version', async () => {
    const list = await server.request<EventSourceChoice[]>('cognitoTriggers/listEventSources', null);
    assert.ok(list.some((c) => c.triggerId === 'PreTokenGenerationV3' && c.source === 'TokenGeneration_ClientCredentials' && c.version === '3'));
  });
  test('sampleEvent builds the V2 event for version 2 and explains an unknown source', async () => {
    const ok = await server.request<EventBuildResult>('cognitoTriggers/sampleEvent', { source: 'TokenGeneration_HostedAuth', version: '2' });
    assert.ok(ok.ok);
    assert.equal(ok.triggerId, 'PreTokenGenerationV2');
    assert.equal(ok.suggestedPath, 'events/PreTokenGenerationV2/TokenGeneration_HostedAuth.json');
    assert.equal((JSON.parse(ok.json) as { version: string }).version, '2');
    const bad = await server.request<EventBuildResult>('cognitoTriggers/sampleEvent', { source: 'Nope' });
    assert.ok(!bad.ok);
    assert.match(bad.error.message, /Unknown triggerSource "Nope"\. Valid values: PreSignUp_SignUp/);
  });
  test('convertEvent keeps the envelope and shared request fields of the open document', async () => {
    const at = uri();
    const e = { ...sampleEvent('PreSignUp', 'PreSignUp_SignUp'), userName: 'kept.name' };
    server.open(at, json(e));
    const r = await server.request<EventBuildResult & { fromTriggerId?: string }>('cognitoTriggers/convertEvent', { uri: at, source: 'PostConfirmation_ConfirmSignUp' });
    assert.ok(r.ok);
    assert.equal(r.fromTriggerId, 'PreSignUp');
    const out = JSON.parse(r.json) as { triggerSource: string; userName: string };
    assert.equal(out.triggerSource, 'PostConfirmation_ConfirmSignUp');
    assert.equal(out.userName, 'kept.name');
  });
  test('describeEvent tells events from other JSON', async () => {
    const at = uri();
    server.open(at, json(sampleEvent('PreSignUp', 'PreSignUp_SignUp')));
    assert.deepEqual(await server.request('cognitoTriggers/describeEvent', { uri: at }), { isEvent: true, triggerId: 'PreSignUp', version: '1', source: 'PreSignUp_SignUp' });
    const other = uri('config', 'tsconfig.json');
    server.open(other, '{}');
    assert.deepEqual(await server.request('cognitoTriggers/describeEvent', { uri: other }), { isEvent: false });
  });
});

describe('the cognitoTriggers.eventFiles setting', () => {
  test('the configured globs replace the defaults', async () => {
    const custom = await startServer({ settings: { eventFiles: ['payloads/**/*.json'] } });
    try {
      const claimed = `${custom.workspaceUri}/payloads/a.json`;
      const notClaimed = `${custom.workspaceUri}/events/a.json`;
      const first = custom.diagnostics(claimed, 1);
      custom.open(claimed, '{ "hello": 1 }');
      assert.deepEqual(codes(await first), ['unrecognised-event']);
      const second = custom.diagnostics(notClaimed, 1);
      custom.open(notClaimed, '{ "hello": 1 }');
      assert.deepEqual(await second, []);
    } finally {
      await custom.stop();
    }
  });
});
