// Helpers for handler-code unit tests: the `|` caret, analysis and feature calls on inline text.
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeDocument } from '../../server/src/core/handler/analyze';
import type { BindingHint, DocumentAnalysis } from '../../server/src/core/handler/description';
import { complete } from '../../server/src/core/features/handlerCode/complete';
import { hover } from '../../server/src/core/features/handlerCode/hover';
import { offsetMapper } from '../../server/src/core/handler/offsets';
import { diagnose, problems, type DiagnoseOptions } from '../../server/src/core/features/handlerCode/diagnose';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { Problem } from '../../server/src/core/features/handlerCode/problems';

/** Removes the single `|` caret (one not part of `||`) and returns the text and its offset. */
export function caret(src: string): { text: string; offset: number } {
  for (let i = 0; i < src.length; i++) {
    if (src[i] === '|' && src[i - 1] !== '|' && src[i + 1] !== '|') return { text: src.slice(0, i) + src.slice(i + 1), offset: i };
  }
  throw new Error('no | caret in test source');
}

/** The editor language id of a test file name: TypeScript for .ts, Python for .py, else JavaScript. */
export function languageOf(fileName: string): string {
  return fileName.endsWith('.ts') ? 'typescript' : fileName.endsWith('.py') ? 'python' : 'javascript';
}

/** Analyses inline JS (or TS when the name ends in .ts, Python for .py: `await loadPython()` first). */
export function analyze(text: string, fileName = 'handler.js', bindingHints: BindingHint[] = []): DocumentAnalysis {
  return analyzeDocument({ text, languageId: languageOf(fileName), fileName, bindingHints });
}

/** Completion labels at the caret. */
export function labels(src: string, fileName = 'handler.js'): string[] {
  const { text, offset } = caret(src);
  const doc = TextDocument.create(`file:///w/${fileName}`, languageOf(fileName), 1, text);
  return complete(doc, offset, { analysis: analyze(text, fileName), toAnalysed: (o) => o })?.items.map((i) => i.label) ?? [];
}

/** Completion items at the caret (label, detail, documentation markdown). */
export function items(src: string, fileName = 'handler.js'): { label: string; detail?: string; doc: string }[] {
  const { text, offset } = caret(src);
  const doc = TextDocument.create(`file:///w/${fileName}`, languageOf(fileName), 1, text);
  return (complete(doc, offset, { analysis: analyze(text, fileName), toAnalysed: (o) => o })?.items ?? []).map((i) => ({
    label: i.label,
    ...(i.detail ? { detail: i.detail } : {}),
    doc: typeof i.documentation === 'string' ? i.documentation : (i.documentation?.value ?? ''),
  }));
}

/** Completion labels at the caret, using an analysis of an *older* text (the cache path). */
export function labelsWithStale(older: string, src: string, fileName = 'handler.js'): string[] {
  const { text, offset } = caret(src);
  const doc = TextDocument.create(`file:///w/${fileName}`, languageOf(fileName), 2, text);
  return complete(doc, offset, { analysis: analyze(older, fileName), toAnalysed: offsetMapper(older, text) })?.items.map((i) => i.label) ?? [];
}

/** Hover markdown at the caret, or ''. */
export function hoverText(src: string, fileName = 'handler.js'): string {
  const { text, offset } = caret(src);
  const doc = TextDocument.create(`file:///w/${fileName}`, languageOf(fileName), 1, text);
  const h = hover(doc, offset, { analysis: analyze(text, fileName), toAnalysed: (o) => o });
  return h && typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : '';
}

/** Problems of inline text, with the text they cover. */
export function findings(text: string, fileName = 'handler.js'): (Problem & { covered: string })[] {
  return problems(text, analyze(text, fileName)).map((p) => ({ ...p, covered: text.slice(p.start, p.end) }));
}

/** LSP diagnostics of inline text, as the editor gets them (code, severity, codeDescription). */
export function diagnosticsOf(text: string, fileName = 'handler.js', opts: DiagnoseOptions = {}): Diagnostic[] {
  const doc = TextDocument.create(`file:///w/${fileName}`, fileName.endsWith('.ts') ? 'typescript' : 'javascript', 1, text);
  return diagnose(doc, analyze(text, fileName), opts);
}
