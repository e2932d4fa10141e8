// The front-end dispatcher: picks the front end for a document (by languageId, else file extension) and
// returns its language-neutral description (description.ts). Features never call a front end directly.
import { emptyAnalysis, MAX_ANALYSED_HANDLER_CHARS, MAX_EVENT_PATH, type AnalyzeInput, type DocumentAnalysis, type HandlerLanguageId, type PathKey } from './description';
import { analyzeJavaScript } from './javascript/analyze';
import { analyzePython } from './python/analyze';
import { loadPython } from './python/parser';

export type { AnalyzeInput } from './description';
export { MAX_EVENT_PATH } from './description';

const BY_LANGUAGE_ID: Record<string, HandlerLanguageId> = {
  javascript: 'javascript',
  typescript: 'javascript',
  javascriptreact: 'javascript',
  typescriptreact: 'javascript',
  python: 'python',
};

const BY_EXTENSION: Record<string, HandlerLanguageId> = {
  js: 'javascript',
  mjs: 'javascript',
  cjs: 'javascript',
  jsx: 'javascript',
  ts: 'javascript',
  mts: 'javascript',
  cts: 'javascript',
  tsx: 'javascript',
  py: 'python',
};

/** Editor language ids with a handler front end. */
export const HANDLER_LANGUAGE_IDS: readonly string[] = Object.keys(BY_LANGUAGE_ID);

/** The front end for a document, or undefined when no front end reads it. */
export function handlerLanguage(languageId: string, fileName = ''): HandlerLanguageId | undefined {
  const byId = BY_LANGUAGE_ID[languageId];
  if (byId) return byId;
  const ext = /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase();
  return ext ? BY_EXTENSION[ext] : undefined;
}

/**
 * Loads what the document's front end needs before `analyzeDocument` (Python: tree-sitter's
 * WebAssembly, once). Never rejects; a front end that failed to load analyses nothing.
 */
export async function prepareFrontEnd(languageId: string, fileName = ''): Promise<void> {
  if (handlerLanguage(languageId, fileName) === 'python') await loadPython();
}

/**
 * Analyses the document with its front end. Never throws for bad input. A Python document needs
 * `prepareFrontEnd` first (else it is reported unparsed); unknown ids read as JavaScript.
 */
export function analyzeDocument(input: AnalyzeInput): DocumentAnalysis {
  if (input.text.length > MAX_ANALYSED_HANDLER_CHARS) return { ...emptyAnalysis(handlerLanguage(input.languageId, input.fileName) ?? 'javascript', false), tooLarge: input.text.length };
  return capPaths(handlerLanguage(input.languageId, input.fileName) === 'python' ? analyzePython(input) : analyzeJavaScript(input));
}


function capPaths(a: DocumentAnalysis): DocumentAnalysis {
  const long = <T extends { readonly path: readonly unknown[] }>(xs: readonly T[] | undefined): boolean => !!xs?.some((x) => x.path.length > MAX_EVENT_PATH);
  if (!long(a.refs) && !long(a.aliases) && !long(a.objects) && !long(a.switches) && !long(a.derefs)) return a;
  const cap = <T extends { readonly path: readonly PathKey[]; readonly keyRanges?: readonly unknown[] }>(x: T): T =>
    x.path.length <= MAX_EVENT_PATH ? x : { ...x, path: x.path.slice(0, MAX_EVENT_PATH), ...(x.keyRanges ? { keyRanges: x.keyRanges.slice(0, MAX_EVENT_PATH) } : {}) };
  return { ...a, refs: a.refs.map(cap), aliases: a.aliases.map(cap), objects: a.objects.map(cap), switches: a.switches.map(cap), ...(a.derefs ? { derefs: a.derefs.map(cap) } : {}) };
}

/** `prepareFrontEnd` then `analyzeDocument`. */
export async function analyzeDocumentAsync(input: AnalyzeInput): Promise<DocumentAnalysis> {
  await prepareFrontEnd(input.languageId, input.fileName);
  return analyzeDocument(input);
}
