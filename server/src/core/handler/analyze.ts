// The front-end dispatcher: picks the front end for a document (by languageId, else file extension) and
// returns its language-neutral description (description.ts). Features never call a front end directly.
import type { AnalyzeInput, DocumentAnalysis, HandlerLanguageId } from './description';
import { analyzeJavaScript } from './javascript/analyze';

export type { AnalyzeInput } from './description';

const BY_LANGUAGE_ID: Record<string, HandlerLanguageId> = {
  javascript: 'javascript',
  typescript: 'javascript',
  javascriptreact: 'javascript',
  typescriptreact: 'javascript',
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

/** Analyses the document with its front end. Never throws for bad input. */
export function analyzeDocument(input: AnalyzeInput): DocumentAnalysis {
  // Unknown ids read as JavaScript, as before there were several front ends.
  handlerLanguage(input.languageId, input.fileName);
  return analyzeJavaScript(input);
}
