// Text edits by offsets that several languages share: removing one entry of an object or array literal.

/** A text edit by offsets. */
export interface OffsetEdit {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

const blank = (c: string | undefined): boolean => c === ' ' || c === '\t';

/**
 * Removes the entry `text[start, end)` of an object or array literal (JavaScript, JSON, or a Python
 * dict/list) with the comma that separates it: its whole line when it stands alone on one, else `a, `
 * or `, a`; the only entry leaves `{}` / `[]`.
 */
export function removeEntry(text: string, start: number, end: number): OffsetEdit {
  let after = end;
  while (blank(text[after])) after++;
  if (text[after] === ',') {
    after++;
    let lineStart = start;
    while (blank(text[lineStart - 1])) lineStart--;
    let rest = after;
    while (blank(text[rest])) rest++;
    if ((lineStart === 0 || text[lineStart - 1] === '\n') && (text[rest] === '\n' || rest === text.length)) return { start: lineStart, end: Math.min(rest + 1, text.length), newText: '' };
    return { start, end: rest, newText: '' };
  }
  let before = start;
  while (before > 0 && /\s/.test(text[before - 1] ?? '')) before--;
  if (text[before - 1] === ',') return { start: before - 1, end, newText: '' };
  let close = after;
  while (close < text.length && /\s/.test(text[close] ?? '')) close++;
  return { start: before, end: close, newText: '' };
}
