// Documents over the analysis caps (a 10 MB bundle, a 3 MB event) cost nothing per keystroke: after an edit,
// every feature the server runs for them (diagnostics with suppressions, code lenses, completion, hover,
// code actions) reads none of their text. Counted, not timed: every string method called on the whole
// text (a string of the document's length) is counted while the features run; reading a character of one
// of its pieces is free and not counted. (Indexing, `text[i]`, cannot be counted this way.)
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FeatureContext } from '../../server/src/core/features/provider';
import { applySuppressions } from '../../server/src/core/features/suppression';
import { defaultSettings } from '../../server/src/core/settings';
import { PieceTextDocument } from '../../server/src/core/textDocument';
import { PROVIDERS } from '../../server/src/providers';
import { bundle } from '../server/bundle';

const BIG = 1024 * 1024;
const STRING_METHODS = ['at', 'charAt', 'charCodeAt', 'codePointAt', 'endsWith', 'includes', 'indexOf', 'lastIndexOf', 'localeCompare', 'match', 'matchAll', 'normalize', 'replace', 'replaceAll', 'search', 'slice', 'split', 'startsWith', 'substr', 'substring', 'toLowerCase', 'toUpperCase', 'trim', 'trimEnd', 'trimStart'] as const;

/** Runs `fn` with every read of a string of `length` characters counted by method name. */
async function countingReads(length: number, fn: () => Promise<void>): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  const count = (name: string, s: unknown): void => {
    if (typeof s === 'string' && s.length === length) counts.set(name, (counts.get(name) ?? 0) + 1);
  };
  const proto = String.prototype as unknown as Record<string, (...a: unknown[]) => unknown>;
  const saved = new Map<string, unknown>();
  const wrap = (target: Record<PropertyKey, unknown>, key: PropertyKey, name: string, subject: (self: unknown, args: unknown[]) => unknown): void => {
    const original = target[key] as (...a: unknown[]) => unknown;
    saved.set(name, original);
    target[key] = function (this: unknown, ...args: unknown[]) {
      count(name, subject(this, args));
      return original.apply(this, args);
    };
  };
  for (const m of STRING_METHODS) wrap(proto, m, m, (self) => (self instanceof String ? self.valueOf() : self));
  wrap(proto, Symbol.iterator, 'iterator', (self) => (self instanceof String ? self.valueOf() : self));
  const re = RegExp.prototype as unknown as Record<string, unknown>;
  wrap(re, 'exec', 'RegExp#exec', (_self, args) => args[0]);
  wrap(re, 'test', 'RegExp#test', (_self, args) => args[0]);
  const json = JSON as unknown as Record<string, unknown>;
  wrap(json, 'parse', 'JSON.parse', (_self, args) => args[0]);
  try {
    await fn();
  } finally {
    for (const m of STRING_METHODS) proto[m] = saved.get(m) as (...a: unknown[]) => unknown;
    (proto as unknown as Record<symbol, unknown>)[Symbol.iterator] = saved.get('iterator');
    re.exec = saved.get('RegExp#exec');
    re.test = saved.get('RegExp#test');
    json.parse = saved.get('JSON.parse');
  }
  return counts;
}

const manyKeys = (n: number): string => JSON.stringify({ version: '1', triggerSource: 'PreSignUp_SignUp', region: 'us-east-1', userPoolId: 'us-east-1_x', userName: 'u', callerContext: { awsSdkVersion: '1', clientId: 'c' }, request: { userAttributes: Object.fromEntries(Array.from({ length: n }, (_, i) => [`custom:k${i}`, `v${i}`])) }, response: {} }, null, 2);

const CASES = [
  { name: 'a 10 MB handler bundle', relativePath: 'dist/preSignUp.js', languageId: 'javascript', text: () => bundle(10 * BIG) },
  { name: 'a 3 MB event with 100,000 keys', relativePath: 'events/PreSignUp/many.json', languageId: 'json', text: () => manyKeys(100_000) },
];

describe('documents over the caps', () => {
  for (const c of CASES) {
    it(`${c.name}: no feature reads its text after an edit`, async () => {
      const doc = new PieceTextDocument(`file:///w/${c.relativePath}`, c.languageId, 1, c.text());
      const ctx: FeatureContext = { document: doc, settings: defaultSettings(), relativePath: c.relativePath, host: { log: () => undefined } };
      const providers = PROVIDERS.filter((p) => p.handles(ctx));
      assert.ok(providers.length > 0, 'a provider answers for the document');
      // The first version may be read once (its note says how large it is); the edits after it must not be.
      for (const p of providers) await p.diagnose?.(ctx);
      let reported = '';
      for (let v = 2; v <= 5; v++) {
        // Only insertions: the text's length then differs from every piece's, so only whole-text reads are counted.
        doc.update([{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: ' ' }], v);
        assert.ok(doc.length >= BIG);
        const counts = await countingReads(doc.length, async () => {
          for (const p of providers) {
            if (!p.handles(ctx)) continue;
            const diagnostics = (await p.diagnose?.(ctx)) ?? [];
            reported = applySuppressions(doc.getText(), doc.languageId, diagnostics).diagnostics.map((d) => String(d.code)).join(',');
            await p.codeLenses?.(ctx);
            for (const line of [0, 1000, 50_000]) {
              const position = { line, character: 3 };
              await p.complete?.(ctx, position);
              await p.hover?.(ctx, position);
              await p.codeActions?.(ctx, { start: position, end: position }, { diagnostics: [] });
            }
          }
        });
        assert.deepEqual(Object.fromEntries(counts), {}, `version ${v}: string reads of the whole text`);
      }
      // Still a note that the file is too large, not silence.
      assert.match(reported, /too-large/);
    });
  }
});
