// Language ids as editors other than VS Code send them (eglot's "js", Helix's "jsx", Vim's
// "javascript.jsx", ...) mapped to the ids the providers answer for, with the file extension as fallback.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocumentsConfiguration } from 'vscode-languageserver/node';
import { PieceTextDocument } from '../core/textDocument';

/** Ids the providers know, by the id an editor may send. */
const BY_ID: Record<string, string> = {
  javascript: 'javascript',
  js: 'javascript',
  javascriptreact: 'javascriptreact',
  jsx: 'javascriptreact',
  'javascript.jsx': 'javascriptreact',
  typescript: 'typescript',
  ts: 'typescript',
  typescriptreact: 'typescriptreact',
  tsx: 'typescriptreact',
  'typescript.tsx': 'typescriptreact',
  json: 'json',
  jsonc: 'jsonc',
  python: 'python',
  py: 'python',
};

/** Ids by file extension, for ids the table does not know (eglot's "js-json", "typescript-ts", "plaintext", ...). */
const BY_EXTENSION: Record<string, string> = {
  '.js': 'javascript',
  '.mjs': 'javascript',
  '.cjs': 'javascript',
  '.jsx': 'javascriptreact',
  '.ts': 'typescript',
  '.mts': 'typescript',
  '.cts': 'typescript',
  '.tsx': 'typescriptreact',
  '.json': 'json',
  '.jsonc': 'jsonc',
  '.py': 'python',
};

/** The provider-facing language id of a document: by its id, else by its file extension, else unchanged. */
export function normalizeLanguageId(languageId: string, uri: string): string {
  const known = BY_ID[languageId.toLowerCase()];
  if (known) return known;
  const ext = /(\.[A-Za-z]+)$/.exec(uri.replace(/[?#].*$/, ''))?.[1]?.toLowerCase();
  return (ext && BY_EXTENSION[ext]) || languageId;
}

/** TextDocuments configuration that stores every document under its normalized language id, as a PieceTextDocument (an edit never copies a large text). */
export const NormalizedTextDocument: TextDocumentsConfiguration<TextDocument> = {
  create: (uri, languageId, version, content) => new PieceTextDocument(uri, normalizeLanguageId(languageId, uri), version, content),
  update: (document, changes, version) => {
    if (!(document instanceof PieceTextDocument)) throw new Error('update: the document was not created by this store');
    document.update(changes, version);
    return document;
  },
};
