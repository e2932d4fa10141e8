// Inline suppression comments, language-neutral: a post-filter over any provider's diagnostics, keyed by
// the comment syntax of the document's language. Unused suppressions and missing reasons are reported.
//
//   JavaScript/TypeScript: // cognito-triggers-disable-next-line handler/no-return, handler/long-wait -- reason
//                          /* cognito-triggers-disable-next-line handler/no-return -- reason */
//   Python:                # cognito-triggers: disable=handler/no-return -- reason   (own line: the next line;
//                                                                                    after code: that line)
import type { Diagnostic, Range } from 'vscode-languageserver-types';

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
  /** True when the comment applies to its own line (it follows code), false: the next line. */
  readonly sameLine: (beforeComment: string) => boolean;
}

const JS: CommentSyntax = {
  pattern: /(?:\/\/|\/\*)\s*cognito-triggers-disable-next-line\s+([^\s*][^*]*?)(?:\s+--\s+(.*?))?\s*(?:\*\/\s*)?$/,
  sameLine: () => false,
};
const PYTHON: CommentSyntax = {
  pattern: /#\s*cognito-triggers:\s*disable=([^\s#][^#]*?)(?:\s+--\s+(.*?))?\s*$/,
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
  const lines = text.split(/\r?\n/);
  lines.forEach((line, i) => {
    const m = syntax.pattern.exec(line);
    if (!m || m.index === undefined) return;
    const codes = (m[1] ?? '').split(/[\s,]+/).filter(Boolean);
    if (!codes.length) return;
    const same = syntax.sameLine(line.slice(0, m.index));
    out.push({ targetLine: same ? i : i + 1, codes, reason: (m[2] ?? '').trim(), range: { start: { line: i, character: m.index }, end: { line: i, character: line.length } } });
  });
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
