// No input may make a provider throw: the boundary guard, and the cause found by fuzzing (a pre token
// event whose `version` is an object, as a half-typed `"version": {` is).
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { guardProvider, type FeatureContext, type LanguageFeatureProvider } from '../../server/src/core/features/provider';
import { defaultSettings } from '../../server/src/core/settings';
import { PROVIDERS } from '../../server/src/providers';

function ctxFor(text: string, uri = 'file:///w/events/TokenGeneration_Authentication.json', languageId = 'json'): { ctx: FeatureContext; errors: string[] } {
  const errors: string[] = [];
  const ctx: FeatureContext = { document: TextDocument.create(uri, languageId, 1, text), settings: defaultSettings(), relativePath: uri.replace('file:///w/', ''), host: { log: (level, m) => (level === 'error' ? errors.push(m) : undefined) } };
  return { ctx, errors };
}

/** Every feature of the first provider that handles the document, at every 7th offset. */
async function everyFeature(ctx: FeatureContext): Promise<void> {
  const p = PROVIDERS.find((x) => x.handles(ctx));
  assert.ok(p, 'a provider handles the document');
  const text = ctx.document.getText();
  await p.diagnose?.(ctx);
  await p.codeLenses?.(ctx);
  for (let off = 0; off <= text.length; off += 7) {
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
