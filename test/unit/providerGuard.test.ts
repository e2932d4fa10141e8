// No input may make a provider throw: the boundary guard, and the cause found by fuzzing (a pre token
// event whose `version` is an object, as a half-typed `"version": {` is).
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { guardProvider, type FeatureContext, type LanguageFeatureProvider } from '../../server/src/core/features/provider';
import { defaultSettings } from '../../server/src/core/settings';
import { analyzeDocument, MAX_EVENT_PATH } from '../../server/src/core/handler/analyze';
import { loadPython } from '../../server/src/core/handler/python/parser';
import { PROVIDERS } from '../../server/src/providers';

function ctxFor(text: string, uri = 'file:///w/events/TokenGeneration_Authentication.json', languageId = 'json'): { ctx: FeatureContext; errors: string[] } {
  const errors: string[] = [];
  const ctx: FeatureContext = { document: TextDocument.create(uri, languageId, 1, text), settings: defaultSettings(), relativePath: uri.replace('file:///w/', ''), host: { log: (level, m) => (level === 'error' ? errors.push(m) : undefined) } };
  return { ctx, errors };
}

/** Every feature of the first provider that handles the document, at about 300 offsets spread over it. */
async function everyFeature(ctx: FeatureContext): Promise<void> {
  const p = PROVIDERS.find((x) => x.handles(ctx));
  assert.ok(p, 'a provider handles the document');
  const text = ctx.document.getText();
  await p.diagnose?.(ctx);
  await p.codeLenses?.(ctx);
  for (let off = 0; off <= text.length; off += Math.max(1, Math.floor(text.length / 300))) {
    const pos = ctx.document.positionAt(off);
    await p.complete?.(ctx, pos);
    await p.hover?.(ctx, pos);
    await p.codeActions?.(ctx, { start: pos, end: pos }, { diagnostics: [] });
  }
}

describe('provider boundary', () => {
  it('a provider that throws answers nothing and logs the error with the document', async () => {
    const boom = (): never => {
      throw new Error('defect');
    };
    const p: LanguageFeatureProvider = { name: 'bad', handles: () => true, complete: boom, hover: boom, diagnose: boom, codeActions: boom, codeLenses: boom };
    const g = guardProvider(p);
    const { ctx, errors } = ctxFor('{}');
    assert.equal(await g.complete?.(ctx, { line: 0, character: 0 }), null);
    assert.equal(await g.hover?.(ctx, { line: 0, character: 0 }), null);
    assert.deepEqual(await g.diagnose?.(ctx), []);
    assert.deepEqual(await g.codeActions?.(ctx, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, { diagnostics: [] }), []);
    assert.deepEqual(await g.codeLenses?.(ctx), []);
    assert.equal(errors.length, 5);
    assert.match(errors[0]!, /bad completion failed for file:\/\/\/w\/events.*defect/);
  });

  it('the guard passes on the cache calls (forget, forgetAll): an IaC change must still reach the wrapped provider', () => {
    const calls: string[] = [];
    const g = guardProvider({ name: 'p', handles: () => true, forget: (uri) => calls.push(`forget ${uri}`), forgetAll: () => calls.push('forgetAll') });
    g.forget?.('file:///a.js');
    g.forgetAll?.();
    assert.deepEqual(calls, ['forget file:///a.js', 'forgetAll']);
  });

  for (const [name, text] of [
    ['an object version', '{ "version": {"a": 1}, "triggerSource": "TokenGeneration_Authentication", "request": {"userAttributes": {}, "groupConfiguration": {}}, "response": {} }'],
    ['a half-typed version', '{ "triggerSource": "TokenGeneration_Authentication", "version": {'],
    ['an array version', '{ "triggerSource": "TokenGeneration_HostedAuth", "version": [1], "request": {"scopes": []} }'],
  ] as const) {
    it(`a pre token event with ${name}: every feature answers, no error logged`, async () => {
      const { ctx, errors } = ctxFor(text);
      await everyFeature(ctx);
      assert.deepEqual(errors, []);
    });
  }
});

describe('deep nesting', () => {
  it('10,000 nested arrays in event JSON: one "too deep" note, no error', async () => {
    const { ctx, errors } = ctxFor(`{"triggerSource": "PreSignUp_SignUp", "request": {"userAttributes": ${'['.repeat(10000)}${']'.repeat(10000)}}}`, 'file:///w/events/PreSignUp_SignUp.json');
    const p = PROVIDERS.find((x) => x.handles(ctx));
    assert.ok(p, 'still handled (by the events folder)');
    const d = await p.diagnose?.(ctx);
    assert.equal(d?.length, 1);
    assert.equal(d?.[0]?.code, 'too-deep');
    await everyFeature(ctx);
    assert.deepEqual(errors, []);
  });
  it('a 10,000-step member chain in a handler: analysed, no error', async () => {
    const { ctx, errors } = ctxFor(`exports.handler = async (event) => { event.response${'.a'.repeat(10000)} = 1; return event; };\n`, 'file:///w/preSignUp.js', 'javascript');
    const p = PROVIDERS.find((x) => x.handles(ctx));
    assert.equal(p?.name, 'handler-code');
    const d = (await p.diagnose?.(ctx)) ?? [];
    assert.ok(d.some((x) => /'a' is not a field of 'event.response'/.test(String(x.message))), JSON.stringify(d.map((x) => x.message)));
    assert.deepEqual(errors, []);
  });
  it('a 10,000-step chain is kept to its first 64 keys in the analysis (the worker thread sends it whole to the event loop)', () => {
    const a = analyzeDocument({ text: `exports.handler = async (event) => { const x = event.request${'.a'.repeat(10000)}; return event; };\n`, languageId: 'javascript', fileName: 'src/chain.js' });
    assert.deepEqual(a.refs.map((r) => [r.path.length, r.keyRanges.length, r.path.slice(0, 3)]), [[MAX_EVENT_PATH, MAX_EVENT_PATH, ['request', 'a', 'a']]]);
  });
  it('a 10,000-key subscript chain in a Python handler: analysed, no error (eventPath overflowed the stack)', async () => {
    await loadPython();
    const { ctx, errors } = ctxFor(`def lambda_handler(event, context):\n    event["response"]${'["a"]'.repeat(10000)} = 1\n    return event\n`, 'file:///w/pre_sign_up.py', 'python');
    const p = PROVIDERS.find((x) => x.handles(ctx));
    assert.equal(p?.name, 'handler-code');
    const d = (await p.diagnose?.(ctx)) ?? [];
    assert.ok(d.some((x) => /'a' is not a field of 'event\["response"\]'|'a' is not a field/.test(String(x.message))), JSON.stringify(d.map((x) => x.message)));
    await everyFeature(ctx);
    assert.deepEqual(errors, []);
  });
  it('100,000 nested parentheses in a JavaScript handler: one "too deep" note (was: nothing at all, after three stack overflows)', async () => {
    // Its own URI: the provider caches analyses by URI and version, and the chain test above used preSignUp.js.
    const { ctx, errors } = ctxFor(`// @cognito-trigger PreSignUp\nexports.handler = async (event) => {\n  const n = ${'('.repeat(100000)}1${')'.repeat(100000)};\n  return event;\n};\n`, 'file:///w/deepParens.js', 'javascript');
    const p = PROVIDERS.find((x) => x.handles(ctx));
    const d = (await p?.diagnose?.(ctx)) ?? [];
    assert.deepEqual(d.map((x) => [x.code, x.severity]), [['handler/too-deep', 3]]);
    assert.match(String(d[0]?.message), /nests .* thousands of levels deep.*not checked/);
    assert.deepEqual(errors, []);
  });
});

describe('event JSON diagnostics scale linearly', () => {
  /** Median of three runs of diagnostics for an event with `n` unknown top-level keys, in ms. */
  async function diagnoseMs(n: number): Promise<number> {
    const extra = Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i]));
    const text = JSON.stringify({ version: '1', triggerSource: 'PreSignUp_SignUp', region: 'us-east-1', userPoolId: 'us-east-1_x', userName: 'u', callerContext: { awsSdkVersion: '1', clientId: 'c' }, request: { userAttributes: {} }, response: {}, ...extra }, null, 2);
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const { ctx } = ctxFor(text, `file:///w/events/scale-${n}-${i}.json`);
      const p = PROVIDERS.find((x) => x.handles(ctx));
      const t = performance.now();
      const d = (await p?.diagnose?.(ctx)) ?? [];
      times.push(performance.now() - t);
      assert.equal(d.length, n, 'one unknown-field per key');
    }
    return times.sort((a, b) => a - b)[1] as number;
  }
  it('4× the keys costs well under 16× the time (it was quadratic: 10,000 keys took 50 s)', async () => {
    await diagnoseMs(500); // warm up schemas and JIT
    const small = await diagnoseMs(1200);
    const large = await diagnoseMs(4800);
    assert.ok(large / small < 9, `1,200 keys ${small.toFixed(0)} ms, 4,800 keys ${large.toFixed(0)} ms: ratio ${(large / small).toFixed(1)}`);
  });
  it('past 5,000 members: one "too large to analyse" note, at once', async () => {
    const extra = Object.fromEntries(Array.from({ length: 100000 }, (_, i) => [`k${i}`, i]));
    const { ctx, errors } = ctxFor(JSON.stringify({ triggerSource: 'PreSignUp_SignUp', ...extra }), 'file:///w/events/large/PreSignUp_SignUp.json');
    const p = PROVIDERS.find((x) => x.handles(ctx));
    const d = (await p?.diagnose?.(ctx)) ?? [];
    assert.deepEqual(d.map((x) => x.code), ['too-large']);
    assert.match(String(d[0]?.message), /too large to analyse/);
    assert.equal(await p?.complete?.(ctx, { line: 0, character: 5 }), null);
    assert.deepEqual(errors, []);
  });
});
