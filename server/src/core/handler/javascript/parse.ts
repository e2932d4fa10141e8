// Parses handler source (JS, TS, JSX, TSX) with @babel/parser in error-recovery mode; never throws.
import { parse, type ParserOptions, type ParserPlugin } from '@babel/parser';
import type { File } from '@babel/types';
import { reparse, type ReusableParse } from './incremental';

/** One syntax error: Babel's message (without its `(line:col)` suffix) and where it is. */
export interface SyntaxErrorInfo {
  readonly message: string;
  readonly offset: number;
}

/**
 * The result of parsing: the tree (possibly partial; absent when nothing could be parsed) and the
 * syntax errors. After a repair only the first error is kept: later ones are echoes of the blanking.
 */
export interface ParsedSource {
  readonly ast?: File;
  readonly syntaxErrors: readonly SyntaxErrorInfo[];
  /** Set when the parse was clean (first dialect, no repair): the next edit can re-parse only what it touched. */
  readonly reusable?: ReusableParse;
  /** The parser ran out of stack: the code nests deeper than Babel's recursive descent can follow. */
  readonly tooDeep?: true;
}

const clean = (message: string): string => message.replace(/\s*\(\d+:\d+\)\s*$/, '');

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

/**
 * Characters all repair attempts of one parse may re-parse together, over every dialect: each attempt
 * re-parses the whole file, so one `//` that commented out a `}` in a 110 KB bundle cost 27 parses
 * (3 dialects × 9 attempts, 0.8 s of CPU) per keystroke. A handler of a few thousand lines keeps every
 * attempt; a bundle gets a few, then the caller keeps its last good analysis.
 */
const REPAIR_BUDGET_CHARS = 512 * 1024;

/** What is left of the repair budget of one `parseSource` call (undefined: nothing parsed yet). */
interface Budget {
  left?: number;
}

function tryParse(text: string, plugins: ParserPlugin[], sourceType: 'module' | 'script' | 'unambiguous', budget: Budget): ParsedSource {
  // Babel throws on some errors despite errorRecovery (an unfinished expression before `)`, a dangling
  // `[`). Blanking the offending line and retrying keeps the rest of the file analysable: half-typed
  // code must not hide every handler. Offsets do not move, so positions stay true.
  let current = text;
  let first: SyntaxErrorInfo | undefined;
  for (let attempt = 0; attempt <= MAX_REPAIRS; attempt++) {
    // The first parse always runs; every further one (a repair, another dialect) spends the budget.
    if (budget.left !== undefined && budget.left < text.length) break;
    budget.left = budget.left === undefined ? REPAIR_BUDGET_CHARS : budget.left - text.length;
    const r = parseOnce(current, plugins, sourceType);
    if (r.tooDeep) return r;
    if (r.ast && attempt === 0 && !r.syntaxErrors.length) return { ...r, reusable: { text, ast: r.ast, options: options(plugins, sourceType) } };
    if (r.ast) return { ast: r.ast, syntaxErrors: first ? [first] : dedupe(r.syntaxErrors) };
    const e = r.syntaxErrors[0];
    first ??= e;
    if (!e || e.offset < 0) break;
    const next = blankLine(current, Math.min(e.offset, current.length));
    if (next === current) break;
    current = next;
  }
  return { syntaxErrors: first ? [first] : [] };
}

/** One error per offset (Babel may report the same place twice). */
function dedupe(errors: readonly SyntaxErrorInfo[]): SyntaxErrorInfo[] {
  return errors.filter((e, i) => errors.findIndex((o) => o.offset === e.offset) === i);
}

function options(plugins: ParserPlugin[], sourceType: 'module' | 'script' | 'unambiguous'): ParserOptions {
  return {
    sourceType,
    errorRecovery: true,
    allowReturnOutsideFunction: true,
    allowAwaitOutsideFunction: true,
    allowImportExportEverywhere: true,
    allowUndeclaredExports: true,
    attachComment: true,
    plugins,
  };
}

function parseOnce(
  text: string,
  plugins: ParserPlugin[],
  sourceType: 'module' | 'script' | 'unambiguous',
): ParsedSource {
  try {
    const ast = parse(text, options(plugins, sourceType));
    const errors = (ast as File & { errors?: { reasonCode?: string; message: string; pos?: number }[] }).errors ?? [];
    return { ast, syntaxErrors: errors.map((e) => ({ message: clean(e.message), offset: e.pos ?? 0 })) };
  } catch (e) {
    // A stack overflow is no syntax error: retrying (without JSX, as a script) would overflow again.
    if (e instanceof RangeError) return { syntaxErrors: [], tooDeep: true };
    const pos = (e as { pos?: unknown }).pos;
    // -1: Babel gave no position, so there is no line to blank.
    return { syntaxErrors: [{ message: clean(e instanceof Error ? e.message : String(e)), offset: typeof pos === 'number' ? pos : -1 }] };
  }
}

/**
 * Parses `text`. TypeScript files get the `typescript` plugin (plus `jsx` for .tsx); JavaScript gets
 * `jsx`, which is harmless for plain JS. Babel can still throw on some unrecoverable errors even with
 * `errorRecovery`; then we retry without JSX (a stray `<` is the usual culprit) and finally give up
 * without a tree (callers keep their last good analysis), reporting the first attempt's error.
 */
export function parseSource(text: string, languageId: string, fileName = '', previous?: ReusableParse): ParsedSource {
  const ts = isTypeScript(languageId, fileName);
  const jsx = languageId.endsWith('react') || /x$/.test(fileName) || !ts;
  // Decorators (NestJS-style, TS experimentalDecorators) are valid code the CLI must not call a syntax error.
  const base: ParserPlugin[] = ts ? ['typescript', 'decorators-legacy'] : ['decorators-legacy'];
  const firstPlugins: ParserPlugin[] = jsx ? [...base, 'jsx'] : base;
  if (previous?.options.sourceType === 'module' && samePlugins(previous.options.plugins, firstPlugins)) {
    const ast = reparse(previous, text);
    if (ast) return { ast, syntaxErrors: [], reusable: { text, ast, options: previous.options } };
  }
  const budget: Budget = {};
  const first = tryParse(text, firstPlugins, 'module', budget);
  if (first.ast || first.tooDeep) return first;
  const noJsx = jsx ? tryParse(text, base, 'module', budget) : undefined;
  if (noJsx?.ast) return noJsx;
  const script = tryParse(text, base, 'script', budget);
  return script.ast ? script : first;
}

function samePlugins(a: ParserOptions['plugins'], b: readonly ParserPlugin[]): boolean {
  return !!a && a.length === b.length && a.every((p, i) => p === b[i]);
}
