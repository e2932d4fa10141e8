// Where a key typed in a destructuring pattern lands: `const { request: { | } } = event`, `({ request: { | } }) =>`.
// A small lexical scan like cursor.ts: the pattern is usually half-typed, so the tree has no trace of it.
import { chainBefore } from './cursor';
import type { PathKey } from '../description';
import type { PatternSite } from '../syntax';

const LOOKBACK = 400;
const ID = /[A-Za-z0-9_$]/;
const OPEN: Record<string, string> = { '}': '{', ']': '[', ')': '(' };

function skipWsBack(text: string, i: number): number {
  while (i > 0 && /\s/.test(text[i - 1] ?? '')) i--;
  return i;
}

/** The unmatched opening bracket before `from`, or -1. */
function openBefore(text: string, from: number, floor: number): number {
  const stack: string[] = [];
  for (let i = from - 1; i >= floor; i--) {
    const c = text[i] ?? '';
    if (c in OPEN) stack.push(OPEN[c] ?? '');
    else if (c === '{' || c === '[' || c === '(') {
      if (!stack.length) return i;
      if (stack.pop() !== c) return -1;
    }
  }
  return -1;
}

/** The bracket matching the `{` at `open`, or -1. */
function closeAfter(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length && i < open + 4 * LOOKBACK; i++) {
    const c = text[i];
    if (c === '{' || c === '[' || c === '(') depth++;
    else if (c === '}' || c === ']' || c === ')') {
      depth--;
      if (depth === 0) return c === '}' ? i : -1;
    }
  }
  return -1;
}

/** The key before `:` that ends at `end` (`request:` or `'custom:x':`), or undefined. */
function keyBefore(text: string, end: number): string | undefined {
  const i = skipWsBack(text, end);
  const q = text[i - 1];
  if (q === "'" || q === '"') {
    const s = text.lastIndexOf(q, i - 2);
    return s >= 0 ? text.slice(s + 1, i - 1) : undefined;
  }
  let s = i;
  while (s > 0 && ID.test(text[s - 1] ?? '')) s--;
  return s < i ? text.slice(s, i) : undefined;
}

/** The pattern the `{` at `brace` (the innermost one around the cursor) belongs to, or undefined. */
export function patternAt(text: string, brace: number): PatternSite | undefined {
  const floor = Math.max(0, brace - LOOKBACK);
  const keys: PathKey[] = [];
  let open = brace;
  for (;;) {
    if (text[open] !== '{') return undefined;
    const before = skipWsBack(text, open);
    const c = text[before - 1];
    if (c === ':') {
      const key = keyBefore(text, before - 1);
      if (key === undefined) return undefined;
      keys.unshift(key);
      // The enclosing `{` of this property: skip over earlier properties of the same pattern.
      open = openBefore(text, before - 1, floor);
      if (open < 0) return undefined;
      continue;
    }
    if (c === '(') return { root: { kind: 'param', paren: before - 1 }, keys };
    if (!/\b(const|let|var)$/.test(text.slice(Math.max(0, before - 5), before))) return undefined;
    // `const { … } = <chain>`: read the chain after the pattern's closing brace.
    const close = closeAfter(text, open);
    if (close < 0) return undefined;
    const m = /^\s*=(?!=)\s*([A-Za-z_$][\w$]*(?:\s*\??\.\s*[A-Za-z_$][\w$]*|\s*\[\s*(['"])[^'"\n]*\2\s*\])*)/.exec(text.slice(close + 1, close + 1 + LOOKBACK));
    if (!m) return undefined;
    const chain = chainBefore(text, close + 1 + m[0].length);
    return chain ? { root: { kind: 'init', chain }, keys } : undefined;
  }
}

/** The `{` that opens the pattern or object the cursor's key is typed in, or -1. */
export function braceBefore(text: string, offset: number): number {
  return openBefore(text, offset, Math.max(0, offset - LOOKBACK));
}
