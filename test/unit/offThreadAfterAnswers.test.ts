// An off-thread analysis starts after the completion an editor sends with the keystroke has been answered
// (from the last analysis), not at once: the worker's CPU competed with that answer on 2 cores (the
// handler-code bench's completion p95, 3,000 lines). Counted by order of events, with no timings.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeDocument, type AnalyzeInput } from '../../server/src/core/handler/analyze';
import type { DocumentAnalysis } from '../../server/src/core/handler/description';
import { HandlerCodeProvider } from '../../server/src/core/features/handlerCode';
import type { FeatureContext } from '../../server/src/core/features/provider';
import { defaultSettings } from '../../server/src/core/settings';

const URI = 'file:///w/src/big.js';
const text = (n: number): string => `// @cognito-trigger PreSignUp\n// v${n}\nexports.handler = async (event) => {\n  const a = event.request.userAttributes;\n  return event;\n};\n`;
const PROBE = { line: 3, character: '  const a = event.request.'.length };

/** A provider whose every document goes to a fake worker that records what it was sent, in order with `log`. */
function setUp(): { provider: HandlerCodeProvider; log: string[]; ctx: (d: TextDocument) => FeatureContext } {
  const log: string[] = [];
  const provider = new HandlerCodeProvider({
    // The analysis's first step: the hints of the bindings file and the IaC wiring (a stat, a lookup).
    bindingHints: (ctx) => {
      log.push(`hints v${ctx.document.version}`);
      return [];
    },
    offThread: {
      minChars: 1,
      budgetMs: 8,
      analyze(_key: string, input: AnalyzeInput): Promise<DocumentAnalysis | undefined> {
        log.push(`analyse ${/\/\/ (v\d+)/.exec(input.text)?.[1]}`);
        return Promise.resolve(analyzeDocument(input));
      },
    },
  });
  const ctx = (document: TextDocument): FeatureContext => ({ document, settings: defaultSettings(), relativePath: 'src/big.js', host: { log: () => undefined } });
  return { provider, log, ctx };
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

test('the completion read with an edit is answered before the analysis of the new version starts', async () => {
  const { provider, log, ctx } = setUp();
  const doc = TextDocument.create(URI, 'javascript', 1, text(1));
  await provider.diagnose(ctx(doc));
  assert.deepEqual(log, ['hints v1', 'analyse v1']);
  TextDocument.update(doc, [{ text: text(2) }], 2);
  // The server validates on the edit; the completion the editor sent with it is read a turn later.
  const diagnosed = provider.diagnose(ctx(doc));
  await nextTurn();
  const completion = provider.complete(ctx(doc), PROBE).then((c) => {
    log.push('completion answered');
    return c;
  });
  const [items] = await Promise.all([completion, diagnosed]);
  assert.ok(items?.items.some((i) => i.label === 'userAttributes'), 'answered from the analysis of version 1');
  assert.deepEqual(log, ['hints v1', 'analyse v1', 'completion answered', 'hints v2', 'analyse v2']);
});

test('with no completion, the new version still goes to the worker and its diagnostics come', async () => {
  const { provider, log, ctx } = setUp();
  const doc = TextDocument.create(URI, 'javascript', 1, text(1));
  await provider.diagnose(ctx(doc));
  TextDocument.update(doc, [{ text: `${text(2)}exports.x = event.request;\n` }], 2);
  const diagnostics = await provider.diagnose(ctx(doc));
  assert.deepEqual(log, ['hints v1', 'analyse v1', 'hints v2', 'analyse v2']);
  assert.ok(Array.isArray(diagnostics));
  assert.equal((await provider.fresh(ctx(doc))).handlers.length, 1, 'version 2 is cached: no third analysis');
  assert.deepEqual(log, ['hints v1', 'analyse v1', 'hints v2', 'analyse v2']);
});

test('a version typed past while it waited for an answer is never sent to the worker', async () => {
  const { provider, log, ctx } = setUp();
  const doc = TextDocument.create(URI, 'javascript', 1, text(1));
  await provider.diagnose(ctx(doc));
  TextDocument.update(doc, [{ text: text(2) }], 2);
  const stale = provider.diagnose(ctx(doc));
  // The next keystroke is read a turn later (the worker would have had version 2 by then).
  await nextTurn();
  TextDocument.update(doc, [{ text: text(3) }], 3);
  const current = provider.diagnose(ctx(doc));
  assert.deepEqual(await stale, [], 'the answer for version 2 is not worked out');
  await current;
  assert.deepEqual(log, ['hints v1', 'analyse v1', 'hints v3', 'analyse v3']);
});
