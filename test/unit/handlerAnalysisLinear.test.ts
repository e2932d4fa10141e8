// Handler analysis does work linear in the size of the file, counted (not timed): every read of a syntax
// node, every array and string scan and every key listing of the front end and of the rules that read its
// description, for 10× the size, in each shape of handler file, JavaScript and Python.
import { countWork, totalWork, type Work } from './handlerLinearCounting';
import * as assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { analyzeDocument } from '../../server/src/core/handler/analyze';
import { MAX_ANALYSED_HANDLER_CHARS } from '../../server/src/core/handler/description';
import { loadPython } from '../../server/src/core/handler/python/parser';
import { problems } from '../../server/src/core/features/handlerCode/diagnose';
import { HANDLER_SHAPES, jsHandler, pyHandler, type HandlerShape } from '../server/handlerShapes';

/** Sizes 10× apart; shapes that nest with the size get smaller ones, which Babel's recursion still follows. */
const SIZES: Partial<Record<HandlerShape, readonly [number, number]>> = { 'deep-nesting': [768, 7680], 'nested-functions': [768, 7680], 'member-chain': [1024, 10240] };
const DEFAULT_SIZES = [2048, 20480] as const;


let run = 0;

/** Analyses the text and diagnoses the analysis, counting the work (parsing excluded); what was found, and the work. */
function analyseCounted(text: string, languageId: string, ext: string): { found: number; handlers: number; work: Work } {
  // A new file name each run: the front ends re-parse a file they know incrementally.
  const fileName = `src/linear${run++}.${ext}`;
  const { result, work } = countWork(() => {
    const a = analyzeDocument({ text, languageId, fileName });
    return { a, problems: problems(text, a) };
  });
  assert.ok(!result.a.unparsed && !result.a.tooDeep && result.a.tooLarge === undefined, `${text.length} characters are analysed`);
  const a = result.a;
  return { found: a.refs.length + a.objects.length + a.regions.length + result.problems.length, handlers: a.handlers.length, work };
}

const describeWork = (w: Work): string => `${totalWork(w)} (nodeReads ${w.nodeReads}, arrayScans ${w.arrayScans}, stringScans ${w.stringScans}, keyListings ${w.keyListings})`;

describe('handler analysis: work counted, 10× the file', () => {
  before(() => loadPython());
  for (const [lang, make, languageId, ext] of [['JavaScript', jsHandler, 'javascript', 'js'], ['Python', pyHandler, 'python', 'py']] as const) {
    for (const shape of HANDLER_SHAPES) {
      it(`${lang}, ${shape}: 10× the size costs at most 12× the work (a scan per node costs ~100×)`, (t) => {
        const [smallSize, largeSize] = SIZES[shape] ?? DEFAULT_SIZES;
        assert.ok(largeSize < MAX_ANALYSED_HANDLER_CHARS);
        const smallText = make(shape, smallSize);
        const largeText = make(shape, largeSize);
        const small = analyseCounted(smallText, languageId, ext);
        const large = analyseCounted(largeText, languageId, ext);
        assert.ok(small.handlers >= 1, 'a handler is found');
        // The analysis finds more in the larger file (each use of the event, each branch, each key), unless the shape has one use only.
        if (small.found > 4) assert.ok(large.found >= 5 * small.found, `found ${small.found}, then ${large.found}`);
        const ratio = totalWork(large.work) / totalWork(small.work);
        const size = largeText.length / smallText.length;
        t.diagnostic(`${smallText.length} chars: ${describeWork(small.work)}; ${largeText.length} chars: ${describeWork(large.work)}; ${ratio.toFixed(2)}× the work for ${size.toFixed(2)}× the size`);
        // Each kind of work on its own, so a quadratic scan is not hidden by a larger linear kind: at most
        // 12× for 10× the size (the texts are 9–10× apart; the limit scales with the real ratio).
        for (const kind of Object.keys(small.work) as (keyof Work)[]) {
          const grew = large.work[kind] / Math.max(small.work[kind], 1);
          assert.ok(grew <= 1.2 * size, `${kind}: ${grew.toFixed(1)}× for ${size.toFixed(1)}× the size: ${describeWork(small.work)} → ${describeWork(large.work)}`);
        }
      });
    }
  }
});
