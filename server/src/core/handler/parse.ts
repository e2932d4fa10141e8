// Parses handler source (JS, TS, JSX, TSX) with @babel/parser in error-recovery mode; never throws.
import { parse, type ParserPlugin } from '@babel/parser';
import type { File } from '@babel/types';

/** The result of parsing: the tree (possibly partial) and the syntax errors Babel recovered from. */
export interface ParsedSource {
  readonly ast: File;
  readonly syntaxErrors: readonly { message: string; offset: number }[];
}

/** Whether the document should be parsed as TypeScript, from its languageId or file name. */
export function isTypeScript(languageId: string, fileName = ''): boolean {
  return languageId.startsWith('typescript') || /\.[cm]?tsx?$/.test(fileName);
}

/**
 * Blanks the line holding `offset` with spaces, keeping every offset in the text valid. When the error
 * is at the first token of its line, the culprit is usually the line before (`event.request.` left
 * dangling makes the next line's `}` unexpected), so that one is blanked instead.
 */
function blankLine(text: string, at: number): string {
  let offset = at;
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  if (/^\s*$/.test(text.slice(lineStart, offset)) && lineStart > 0) {
    let prev = lineStart - 1;
    while (prev > 0 && /\s/.test(text[prev - 1] ?? '')) prev--;
    if (prev > 0) offset = prev - 1;
  }
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  let end = text.indexOf('\n', offset);
  if (end < 0) end = text.length;
  return text.slice(0, start) + text.slice(start, end).replace(/[^\r]/g, ' ') + text.slice(end);
}

const MAX_REPAIRS = 8;

function tryParse(text: string, plugins: ParserPlugin[], sourceType: 'module' | 'script' | 'unambiguous'): ParsedSource | undefined {
  // Babel throws on some errors despite errorRecovery (an unfinished expression before `)`, a dangling
  // `[`). Blanking the offending line and retrying keeps the rest of the file analysable: half-typed
  // code must not hide every handler. Offsets do not move, so positions stay true.
  let current = text;
  const repaired: { message: string; offset: number }[] = [];
  for (let attempt = 0; attempt <= MAX_REPAIRS; attempt++) {
    const r = parseOnce(current, plugins, sourceType);
    if ('ast' in r) return { ast: r.ast, syntaxErrors: [...repaired, ...r.syntaxErrors] };
    if (r.offset === undefined) return undefined;
    repaired.push({ message: r.message, offset: r.offset });
    const next = blankLine(current, Math.min(r.offset, current.length));
    if (next === current) return undefined;
    current = next;
  }
  return undefined;
}

function parseOnce(
  text: string,
  plugins: ParserPlugin[],
  sourceType: 'module' | 'script' | 'unambiguous',
): ParsedSource | { message: string; offset?: number } {
  try {
    const ast = parse(text, {
      sourceType,
      errorRecovery: true,
      allowReturnOutsideFunction: true,
      allowAwaitOutsideFunction: true,
      allowImportExportEverywhere: true,
      allowUndeclaredExports: true,
      attachComment: true,
      plugins,
    });
    const errors = (ast as File & { errors?: { reasonCode?: string; message: string; pos?: number }[] }).errors ?? [];
    return { ast, syntaxErrors: errors.map((e) => ({ message: e.message, offset: e.pos ?? 0 })) };
  } catch (e) {
    const pos = (e as { pos?: unknown }).pos;
    return { message: e instanceof Error ? e.message : String(e), offset: typeof pos === 'number' ? pos : undefined };
  }
}

/**
 * Parses `text`. TypeScript files get the `typescript` plugin (plus `jsx` for .tsx); JavaScript gets
 * `jsx`, which is harmless for plain JS. Babel can still throw on some unrecoverable errors even with
 * `errorRecovery`; then we retry without JSX (a stray `<` is the usual culprit) and finally give up
 * with undefined, so callers keep their last good analysis.
 */
export function parseSource(text: string, languageId: string, fileName = ''): ParsedSource | undefined {
  const ts = isTypeScript(languageId, fileName);
  const jsx = languageId.endsWith('react') || /x$/.test(fileName) || !ts;
  const base: ParserPlugin[] = ts ? ['typescript'] : [];
  return (
    tryParse(text, jsx ? [...base, 'jsx'] : base, 'module') ??
    (jsx ? tryParse(text, base, 'module') : undefined) ??
    tryParse(text, base, 'script')
  );
}
