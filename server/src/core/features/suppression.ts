// Inline suppression comments, language-neutral: a post-filter over any provider's diagnostics, keyed by
// the comment syntax of the document's language. Unused suppressions and missing reasons are reported.
//
//   JavaScript/TypeScript: // cognito-triggers-disable-next-line handler/no-return, handler/long-wait -- reason
//                          /* cognito-triggers-disable-next-line handler/no-return -- reason */
//   Python:                # cognito-triggers: disable=handler/no-return -- reason   (own line: the next line;
//                                                                                    after code: that line)
import type { Diagnostic, Range } from 'vscode-languageserver-types';
import { MAX_ANALYSED_HANDLER_CHARS } from '../handler/description';

/** Codes of the findings about suppression comments themselves (not Cognito rules: the tool's own). */
export const SUPPRESSION_CODES = {
  unused: 'suppression/unused',
  noReason: 'suppression/missing-reason',
} as const;

/** One suppression comment. */
export interface Suppression {
  /** 0-based line the comment suppresses. */
  readonly targetLine: number;
  /** Rule codes it names. */
  readonly codes: readonly string[];
  readonly reason: string;
  /** Where the comment is, for the findings about it. */
  readonly range: Range;
}

/** Comment syntaxes by language id: how a suppression comment looks there. */
interface CommentSyntax {
  /** Matches a suppression on one line; group 1 = codes, group 2 = reason (optional). */
  readonly pattern: RegExp;
  /** Text every match contains: only lines holding it are matched (a 10 MB bundle has none to split). */
  readonly marker: string;
  /** True when the comment applies to its own line (it follows code), false: the next line. */
  readonly sameLine: (beforeComment: string) => boolean;
}

const JS: CommentSyntax = {
  pattern: /(?:\/\/|\/\*)\s*cognito-triggers-disable-next-line\s+([^\s*][^*]*?)(?:\s+--\s+(.*?))?\s*(?:\*\/\s*)?$/,
  marker: 'cognito-triggers-disable-next-line',
  sameLine: () => false,
};
const PYTHON: CommentSyntax = {
  pattern: /#\s*cognito-triggers:\s*disable=([^\s#][^#]*?)(?:\s+--\s+(.*?))?\s*$/,
  marker: 'cognito-triggers:',
  sameLine: (before) => before.trim() !== '',
};

const SYNTAX: Record<string, CommentSyntax> = {
  javascript: JS,
  javascriptreact: JS,
  typescript: JS,
  typescriptreact: JS,
  python: PYTHON,
};

/** The suppression comments of a document (none for languages without comments, such as event JSON). */
export function findSuppressions(text: string, languageId: string): Suppression[] {
  const syntax = SYNTAX[languageId];
  if (!syntax) return [];
  const out: Suppression[] = [];
  // Lines are numbered as text.split(/\r?\n/) would, without splitting the text: the marker is found by
  // a native search and only its lines are matched (the editor runs this on every edit of any size).
  let line = 0;
  let counted = 0;
  for (let hit = text.indexOf(syntax.marker); hit >= 0; ) {
    const start = text.lastIndexOf('\n', hit) + 1;
    const nl = text.indexOf('\n', hit);
    const end = nl < 0 ? text.length : nl;
    for (let i = text.indexOf('\n', counted); i >= 0 && i < start; i = text.indexOf('\n', i + 1)) line++;
    counted = start;
    const i = line;
    const lineText = nl > 0 && text.charCodeAt(nl - 1) === 13 ? text.slice(start, nl - 1) : text.slice(start, end);
    hit = nl < 0 ? -1 : text.indexOf(syntax.marker, nl + 1);
    const m = syntax.pattern.exec(lineText);
    if (!m || m.index === undefined) continue;
    const codes = (m[1] ?? '').split(/[\s,]+/).filter(Boolean);
    if (!codes.length) continue;
    const same = syntax.sameLine(lineText.slice(0, m.index));
    out.push({ targetLine: same ? i : i + 1, codes, reason: (m[2] ?? '').trim(), range: { start: { line: i, character: m.index }, end: { line: i, character: lineText.length } } });
  }
  return out;
}

/** What suppression did to a document's diagnostics. */
export interface SuppressionResult {
  /** Diagnostics still reported, plus the findings about unused or reasonless suppressions. */
  readonly diagnostics: Diagnostic[];
  /** How many diagnostics the comments suppressed. */
  readonly suppressed: number;
}

/**
 * Drops diagnostics whose first line a suppression comment names, and reports every code a comment
 * names that suppressed nothing (a rule fixed since, or a typo) and every comment without a reason.
 */
export function applySuppressions(text: string, languageId: string, diagnostics: readonly Diagnostic[]): SuppressionResult {
  // A handler over the analysis cap is not analysed (one note says so): its comments suppress nothing and
  // are not judged (each would read as unused), and a bundle's megabytes are not searched at every edit.
  if (text.length > MAX_ANALYSED_HANDLER_CHARS) return { diagnostics: [...diagnostics], suppressed: 0 };
  const suppressions = findSuppressions(text, languageId);
  if (!suppressions.length) return { diagnostics: [...diagnostics], suppressed: 0 };
  const used = new Set<string>();
  const kept = diagnostics.filter((d) => {
    const code = d.code === undefined ? '' : String(d.code);
    const s = suppressions.find((x) => x.targetLine === d.range.start.line && x.codes.includes(code));
    if (!s) return true;
    used.add(`${s.range.start.line}\u0000${code}`);
    return false;
  });
  const notes: Diagnostic[] = [];
  for (const s of suppressions) {
    const unused = s.codes.filter((c) => !used.has(`${s.range.start.line}\u0000${c}`));
    if (unused.length) {
      notes.push({ range: s.range, severity: 2, code: SUPPRESSION_CODES.unused, source: 'cognito-triggers', message: `Unused suppression: nothing to suppress for ${unused.join(', ')} on line ${s.targetLine + 1}. Remove ${unused.length > 1 ? 'them' : 'it'} from the comment.` });
    }
    if (!s.reason) notes.push({ range: s.range, severity: 2, code: SUPPRESSION_CODES.noReason, source: 'cognito-triggers', message: 'Say why the finding is suppressed: end the comment with " -- reason".' });
  }
  return { diagnostics: [...kept, ...notes], suppressed: diagnostics.length - kept.length };
}
