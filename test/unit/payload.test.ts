// Unit tests of the pure event-JSON layer: which files are events, cursor paths, ranges, completion,
// hover, diagnostics mapping (with an injected schema) and sample targets.
import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { EventJsonProvider } from '../../server/src/core/features/eventJson';
import type { FeatureContext } from '../../server/src/core/features/provider';
import { analyzeEvent, triggerFromPath } from '../../server/src/core/payload/analyze';
import { claimEvent, matchingGlob, triggerOfSchemaRef } from '../../server/src/core/payload/classify';
import { completeAt } from '../../server/src/core/payload/complete';
import { parseJson } from '../../server/src/core/payload/document';
import { hoverAt } from '../../server/src/core/payload/hover';
import { cursorAt, rangeOfPath } from '../../server/src/core/payload/locate';
import { buildSample, convertText, resolveTarget, samplePath } from '../../server/src/core/payload/samples';
import { defaultSettings } from '../../server/src/core/settings';
import { messageText } from '../server/harness';

const GLOBS = defaultSettings().eventFiles;

/** Splits at the `|` caret: text and offset. */
function caret(s: string): { text: string; offset: number } {
  const offset = s.indexOf('|');
  assert.ok(offset >= 0, 'no caret');
  return { text: s.slice(0, offset) + s.slice(offset + 1), offset };
}

/** Analyses text as a file at `rel` (default under events/). */
function analysis(text: string, rel = 'events/a.json') {
  const a = analyzeEvent(parseJson(text, `file:///ws/${rel}`, 1), rel, GLOBS);
  assert.ok(a, 'not claimed as an event');
  return a;
}

describe('which JSON files are events', () => {
  test('the default globs match events/ folders at any depth and *.event.json, dot folders included', () => {
    assert.equal(matchingGlob('events/PreSignUp/x.json', GLOBS), '**/events/**/*.json');
    assert.equal(matchingGlob('svc/.aws/events/x.json', GLOBS), '**/events/**/*.json');
    assert.equal(matchingGlob('test/signup.event.json', GLOBS), '**/*.event.json');
    assert.equal(matchingGlob('package.json', GLOBS), undefined);
    assert.equal(matchingGlob('eventsx/a.json', GLOBS), undefined);
  });
  test('content claims: a known triggerSource or the Sync eventType; not an unknown one', () => {
    assert.deepEqual(claimEvent({ triggerSource: 'PreSignUp_SignUp' }, 'x.json', []), { by: 'content' });
    assert.deepEqual(claimEvent({ eventType: 'SyncTrigger' }, 'x.json', []), { by: 'content' });
    assert.equal(claimEvent({ triggerSource: 'build' }, 'x.json', []), undefined);
    assert.equal(claimEvent([1, 2], 'x.json', []), undefined);
  });
  test('$schema naming one of our schemas claims the file for that trigger', () => {
    assert.equal(triggerOfSchemaRef('../schemas/CustomMessage.schema.json')?.id, 'CustomMessage');
    assert.equal(triggerOfSchemaRef('https://json.schemastore.org/package.schema.json'), undefined);
    const c = claimEvent({ $schema: './PreTokenGenerationV2.schema.json' }, 'x.json', []);
    assert.equal(c?.by === 'schema' && c.trigger.id, 'PreTokenGenerationV2');
  });
  test('a trigger-named folder hints only files whose content does not decide', () => {
    assert.equal(triggerFromPath('events/UserMigration/a.json')?.id, 'UserMigration');
    assert.equal(analysis('{ "request": {} }', 'events/UserMigration/a.json').trigger?.id, 'UserMigration');
    // Content wins over the folder: no mismatch warning from a folder habit.
    const a = analysis('{ "triggerSource": "PreSignUp_SignUp" }', 'events/UserMigration/a.json');
    assert.equal(a.trigger?.id, 'PreSignUp');
    assert.deepEqual(a.recognition.quirks, []);
  });
});

describe('locating paths', () => {
  test('cursor in a key and in a value', () => {
    const k = caret('{ "request": { "us|" } }');
    assert.deepEqual(cursorAt(parseJson(k.text), k.offset), { path: ['request'], atKey: true, node: cursorAt(parseJson(k.text), k.offset).node });
    const v = caret('{ "response": { "finalUserStatus": "CON|" } }');
    const c = cursorAt(parseJson(v.text), v.offset);
    assert.deepEqual([c.path, c.atKey, c.node?.value], [['response', 'finalUserStatus'], false, 'CON']);
  });
  test('a missing field points at the key of its nearest existing parent; the root at its brace', () => {
    const text = '{ "request": { "a": 1 } }';
    const p = parseJson(text);
    const r = rangeOfPath(p, ['request', 'missing']);
    assert.equal(text.slice(r.start, r.end), '"request"');
    const root = rangeOfPath(p, ['nothing']);
    assert.equal(text.slice(root.start, root.end), '{');
    const key = rangeOfPath(p, ['request', 'a'], 'key');
    assert.equal(text.slice(key.start, key.end), '"a"');
  });
});

describe('completion', () => {
  test('request keys follow the triggerSource: password only for UserMigration_Authentication', () => {
    const auth = caret('{ "triggerSource": "UserMigration_Authentication", "request": { | } }');
    const forgot = caret('{ "triggerSource": "UserMigration_ForgotPassword", "request": { | } }');
    const keys = (c: { text: string; offset: number }) => completeAt(analysis(c.text), c.offset).map((e) => e.label);
    assert.ok(keys(auth).includes('password'));
    assert.ok(!keys(forgot).includes('password') && keys(forgot).includes('validationData'));
  });
  test('a key typed after an existing colon inserts only the key', () => {
    const c = caret('{ "triggerSource": "PreSignUp_SignUp", "response": { "auto|": false } }');
    const e = completeAt(analysis(c.text), c.offset).find((x) => x.label === 'autoConfirmUser');
    assert.equal(e?.insertText, '"autoConfirmUser"');
    assert.equal(c.text.slice(e.range.start, e.range.end), '"auto"');
  });
  test('a key inserted before another property gets a separating comma', () => {
    const c = caret('{ "triggerSource": "PreSignUp_SignUp", "response": { | "autoConfirmUser": false } }');
    const e = completeAt(analysis(c.text), c.offset).find((x) => x.label === 'autoVerifyEmail');
    assert.equal(e?.insertText, '"autoVerifyEmail": ${1|false,true|},');
  });
  test('enum values of a response field', () => {
    const c = caret('{ "triggerSource": "UserMigration_Authentication", "response": { "messageAction": "|" } }');
    // The field is nullable (Cognito sends null in the input), so null is offered too.
    assert.deepEqual(completeAt(analysis(c.text), c.offset).map((e) => e.label), ['SUPPRESS', 'RESEND', 'null']);
  });
  test('an events/ file naming no trigger offers triggerSource and eventType at the root only', () => {
    const c = caret('{ | }');
    assert.deepEqual(completeAt(analysis(c.text), c.offset).map((e) => e.label), ['triggerSource', 'eventType']);
  });
});

describe('hover', () => {
  test('an enum value shows its own description and the field', () => {
    const c = caret('{ "triggerSource": "UserMigration_Authentication", "response": { "finalUserStatus": "RESET_RE|QUIRED" } }');
    const h = hoverAt(analysis(c.text), c.offset);
    assert.match(h?.markdown ?? '', /^\*\*RESET_REQUIRED\*\*/);
    assert.match(h?.markdown ?? '', /\*\*finalUserStatus\*\* — `string[^`]*` · writable/);
  });
  test('a field limited to other sources says so', () => {
    const c = caret('{ "triggerSource": "UserMigration_ForgotPassword", "request": { "pass|word": "x" } }');
    assert.match(hoverAt(analysis(c.text), c.offset)?.markdown ?? '', /Only for `UserMigration_Authentication`/);
  });
});

describe('diagnostics through the provider', () => {
  let docs = 0;
  // A new version per call: the provider caches its analysis per URI and version, as the server's documents do.
  const ctx = (text: string, rel = 'events/a.json'): FeatureContext => ({
    document: TextDocument.create(`file:///ws/${rel}`, 'json', ++docs, text),
    settings: defaultSettings(),
    relativePath: rel,
    host: { log: () => undefined },
  });
  test('a schema error on the node of a quirk warning is dropped', async () => {
    const provider = new EventJsonProvider();
    const ds = await provider.diagnose(ctx(JSON.stringify({ ...buildSampleOk('PreSignUp_SignUp'), version: 1 })));
    assert.deepEqual(ds.map((d) => d.code), ['numeric-version']);
  });
  test('a blank new file in events/ gets no diagnostic yet; a non-object one does', async () => {
    const provider = new EventJsonProvider();
    assert.deepEqual(await provider.diagnose(ctx('  \n')), []);
    const ds = await provider.diagnose(ctx('[1, 2]'));
    assert.deepEqual(ds.map((d) => d.code), ['unrecognised-event']);
    assert.match(messageText(ds[0] as (typeof ds)[number]), /JSON object; this is an array/);
  });
  test('JSON outside the globs that names no trigger is not handled', () => {
    assert.equal(new EventJsonProvider().handles(ctx('{ "name": "x" }', 'package.json')), false);
    assert.equal(new EventJsonProvider().handles(ctx('{ "triggerSource": "PreSignUp_SignUp" }', 'fixtures/a.json')), true);
  });
});

/** A sample event as a value (fails the test when the core refuses). */
function buildSampleOk(source: string): Record<string, unknown> {
  const r = buildSample({ source });
  assert.ok(r.ok);
  return r.event;
}

describe('sample targets', () => {
  test('version picks among the pre token definitions; mismatches explain the valid choices', () => {
    const v3 = resolveTarget({ source: 'TokenGeneration_Authentication', version: '3' });
    assert.equal('trigger' in v3 && v3.trigger.id, 'PreTokenGenerationV3');
    const bad = resolveTarget({ source: 'PreSignUp_SignUp', version: '2' });
    assert.ok('message' in bad);
    assert.match(bad.message, /has no event version 2\. Valid versions: 1/);
  });
  test('convertText refuses invalid JSON and keeps the user name', () => {
    assert.equal(convertText('{ "a": ', { source: 'PreSignUp_SignUp' }).ok, false);
    const r = convertText(JSON.stringify({ ...buildSampleOk('PreSignUp_SignUp'), userName: 'kept' }), { source: 'CustomMessage_SignUp' });
    assert.ok(r.ok);
    assert.equal(r.event.userName, 'kept');
  });
  test('sample paths never collide by construction of the suffix', () => {
    assert.equal(samplePath('PreSignUp', 'PreSignUp_SignUp'), 'events/PreSignUp/PreSignUp_SignUp.json');
    assert.equal(samplePath('PreSignUp', 'PreSignUp_SignUp', 1), 'events/PreSignUp/PreSignUp_SignUp-2.json');
  });
});

describe('triggerSource completion', () => {
  test('each value once, even when several event versions share it', () => {
    const c = caret('{ "version": "2", "triggerSource": "|", "request": {} }');
    const labels = completeAt(analysis(c.text), c.offset).map((e) => e.label);
    assert.equal(labels.filter((l) => l === 'TokenGeneration_HostedAuth').length, 1);
    assert.equal(new Set(labels).size, labels.length);
  });
});
