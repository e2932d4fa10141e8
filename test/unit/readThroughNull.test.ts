// Issue 9 §3: reading through a request map Cognito sends as null (`'x' in event.request.validationData`), and the guards that make it safe.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getTrigger } from '../../server/src/core/model';
import { SOURCES } from '../../server/src/core/model/sources';
import { findings } from './handlerHelpers';

// Sources: SOURCES.validationDataNull — the developer guide's PreSignUp_SignUp input event: "validationData": null;
// SOURCES.nullFieldsObserved — amplify-js#14770: "CustomMessage trigger: { triggerSource: 'CustomMessage_ForgotPassword', … clientMetadata: null,".
const ps = (body: string, id = 'PreSignUp'): string => `// @cognito-trigger ${id}\nexports.handler = async (event) => {\n  ${body}\n  return event;\n};\n`;
const nullReads = (text: string): string[] => findings(text).filter((f) => f.key === 'nullRead').map((f) => f.covered);

test('the model says which request maps Cognito sends as null, each with its source', () => {
  const vd = getTrigger('PreSignUp')?.event.properties?.request?.properties?.validationData;
  assert.equal(vd?.nullSource, 'validationDataNull');
  assert.equal(SOURCES.validationDataNull.quote, '"validationData": null');
  for (const id of ['PreSignUp', 'CustomMessage', 'PostConfirmation', 'DefineAuthChallenge', 'PreTokenGenerationV2']) {
    assert.equal(getTrigger(id)?.event.properties?.request?.properties?.clientMetadata?.nullSource, 'nullFieldsObserved', id);
  }
  // Published nowhere as null: not given a source, so never reported.
  assert.equal(getTrigger('PreAuthentication')?.event.properties?.request?.properties?.validationData?.nullSource, undefined);
});

test('unguarded reads are reported: in, a key, a computed key, Object.keys, destructuring, an alias, a destructuring default', () => {
  assert.deepEqual(nullReads(ps("if ('x' in event.request.validationData) event.response.autoConfirmUser = true;")), ["'x' in event.request.validationData"]);
  assert.deepEqual(nullReads(ps('const f = event.request.clientMetadata.foo;', 'CustomMessage')), ['event.request.clientMetadata.foo']);
  assert.deepEqual(nullReads(ps('const f = event.request.clientMetadata[key];')), ['event.request.clientMetadata[key]']);
  assert.deepEqual(nullReads(ps('const k = Object.keys(event.request.validationData);')), ['Object.keys(event.request.validationData)']);
  assert.deepEqual(nullReads(ps('const { invite } = event.request.validationData;')), ['{ invite } = event.request.validationData']);
  assert.deepEqual(nullReads(ps('const md = event.request.clientMetadata; console.log(md.foo);')), ['md.foo']);
  // A default applies to undefined, not to null: still reported.
  assert.deepEqual(nullReads(ps('const { clientMetadata = {} } = event.request; console.log(clientMetadata.foo);')), ['clientMetadata.foo']);
});

test('guards are recognised: ?., &&, ||, ?:, if, an early exit, || {}, ?? {}, an assignment first, try', () => {
  for (const body of [
    'const f = event.request.clientMetadata?.foo;',
    'const f = event.request.clientMetadata && event.request.clientMetadata.foo;',
    'const f = !event.request.clientMetadata || event.request.clientMetadata.foo;',
    'const f = event.request.clientMetadata ? event.request.clientMetadata.foo : null;',
    'if (event.request.clientMetadata) { console.log(event.request.clientMetadata.foo); }',
    "if (event.request.validationData && 'x' in event.request.validationData) console.log(1);",
    'if (!event.request.clientMetadata) return event;\n  console.log(event.request.clientMetadata.foo);',
    'if (!event.request.clientMetadata) { throw new Error("metadata required"); }\n  console.log(Object.keys(event.request.clientMetadata));',
    'const md = event.request.clientMetadata || {}; console.log(md.foo);',
    "const v = event.request.validationData ?? {}; if ('x' in v) console.log(1);",
    'const { foo } = event.request.clientMetadata ?? {};',
    "if ('x' in (event.request.validationData || {})) console.log(1);",
    'event.request.clientMetadata = event.request.clientMetadata || {};\n  console.log(event.request.clientMetadata.foo);',
    'try { console.log(event.request.clientMetadata.foo); } catch (e) { console.error(e); }',
    'const md = event.request.clientMetadata; if (md) console.log(md.foo);',
    // Fields Cognito always sends are not maps that can be null.
    'const e = event.request.userAttributes.email;',
  ]) assert.deepEqual(nullReads(ps(body)), [], body);
});

test('the finding says why, links its source, and its fix adds the guard', () => {
  const text = ps("if ('x' in event.request.validationData) event.response.autoConfirmUser = true;");
  const [f] = findings(text).filter((x) => x.key === 'nullRead');
  assert.equal(f?.severity, 'warning');
  assert.equal(f?.href, SOURCES.validationDataNull.url);
  assert.match(f?.message ?? '', /can be null: Cognito sends null when the call passed none \(the developer guide's sample event\)/);
  const apply = (t: string, edits: readonly { start: number; end: number; newText: string }[]): string => [...edits].sort((a, b) => b.start - a.start).reduce((s, e) => s.slice(0, e.start) + e.newText + s.slice(e.end), t);
  assert.match(apply(text, f?.fixes?.[0]?.edits ?? []), /'x' in \(event\.request\.validationData \?\? \{\}\)/);
  const member = ps('const f = event.request.clientMetadata.foo;');
  const [m] = findings(member).filter((x) => x.key === 'nullRead');
  assert.match(m?.message ?? '', /observed in captured events/);
  assert.match(apply(member, m?.fixes?.[0]?.edits ?? []), /event\.request\.clientMetadata\?\.foo/);
  assert.deepEqual(nullReads(apply(member, m?.fixes?.[0]?.edits ?? [])), []);
});

test('a 10,000-step member chain on the request is reported once, at the nullable map', () => {
  assert.deepEqual(nullReads(ps(`const x = event.request.clientMetadata${'.a'.repeat(10_000)};`)).map((c) => c.length), [`event.request.clientMetadata.a`.length]);
});
