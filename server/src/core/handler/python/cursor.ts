// What the cursor is on in Python, from a small backward scan of the text (no parse: works on
// half-typed lines): `event["request"]["|`, `.get("|`, `== "|`, `case "|`, dict keys, `event.request.|`.
import { DYNAMIC_KEY, type PathKey } from '../description';
import type { Chain, CursorContext, StringTarget } from '../syntax';

const ID = /[A-Za-z0-9_]/;
const LOOKBACK = 400;
const OPENERS: Record<string, string> = { ')': '(', ']': '[', '}': '{' };

function skipWsBack(text: string, i: number): number {
  while (i > 0 && /[ \t\r\n\\]/.test(text[i - 1] ?? '')) i--;
  return i;
}

function identBack(text: string, end: number): number {
  let i = end;
  while (i > 0 && ID.test(text[i - 1] ?? '')) i--;
  return i;
}

/** The unmatched opening bracket before `from`, scanning back no further than `floor`, or -1 (strings are skipped). */
function openerBack(text: string, from: number, floor: number): number {
  const stack: string[] = [];
  for (let i = from - 1; i >= floor; i--) {
    const c = text[i] ?? '';
    if (c === '"' || c === "'") {
      const s = text.lastIndexOf(c, i - 1);
      if (s < floor) return -1;
      i = s;
      continue;
    }
    if (c in OPENERS) stack.push(OPENERS[c] ?? '');
    else if (c === '(' || c === '[' || c === '{') {
      if (!stack.length) return i;
      if (stack.pop() !== c) return -1;
    }
  }
  return -1;
}

/** The offset of the bracket that opens the one closing at `close - 1`, or -1. */
function matchBack(text: string, close: number, floor: number): number {
  const open = openerBack(text, close - 1, floor);
  return open >= 0 && text[open] === OPENERS[text[close - 1] ?? ''] ? open : -1;
}

/** A string literal `"k"` / `'k'` (with an optional r/u prefix) that is all of `s`: its value. */
function literal(s: string): string | undefined {
  const m = /^[rRuU]?(['"])(.*)\1$/s.exec(s.trim());
  return m ? (m[2] ?? '') : undefined;
}

/** Reads an access chain ending at `end` backwards: subscripts, `.get("k", …)` calls, properties. */
export function chainBefore(text: string, end: number): Chain | undefined {
  const keys: { key: PathKey; member: boolean }[] = [];
  let i = skipWsBack(text, end);
  const floor = Math.max(0, end - LOOKBACK);
  for (;;) {
    if (i <= floor) return undefined;
    const c = text[i - 1];
    if (c === ']') {
      const open = matchBack(text, i, floor);
      if (open < 0) return undefined;
      const inner = text.slice(open + 1, i - 1).trim();
      const lit = literal(inner);
      keys.unshift({ key: lit ?? (/^\d+$/.test(inner) ? Number(inner) : DYNAMIC_KEY), member: false });
      i = skipWsBack(text, open);
      continue;
    }
    if (c === ')') {
      // `.get("k")` / `.get("k", {})`: the first argument is the key.
      const open = matchBack(text, i, floor);
      if (open < 0) return undefined;
      const s = identBack(text, open);
      if (text.slice(s, open) !== 'get' || text[s - 1] !== '.') return undefined;
      const args = text.slice(open + 1, i - 1);
      const first = /^\s*([rRuU]?(['"]).*?\2)\s*(,|$)/s.exec(args);
      const lit = first ? literal(first[1] ?? '') : undefined;
      keys.unshift({ key: lit ?? DYNAMIC_KEY, member: false });
      i = skipWsBack(text, s - 1);
      continue;
    }
    if (c && ID.test(c)) {
      const s = identBack(text, i);
      const name = text.slice(s, i);
      if (/^\d/.test(name)) return undefined;
      const j = skipWsBack(text, s);
      if (text[j - 1] === '.') {
        keys.unshift({ key: name, member: true });
        i = skipWsBack(text, j - 1);
        continue;
      }
      const members = keys.flatMap((k, n) => (k.member ? [n] : []));
      return { root: name, keys: keys.map((k) => k.key), start: s, ...(members.length ? { members } : {}) };
    }
    return undefined;
  }
}

/** The string literal the cursor is in on this line: where its quote is and where its prefix starts. */
function stringStart(text: string, offset: number): { start: number; quote: string; prefixStart: number } | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let quote = '';
  let start = -1;
  for (let i = lineStart; i < offset; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === '#') return undefined;
    else if (c === "'" || c === '"') {
      quote = c;
      start = i;
    }
  }
  if (!quote) return undefined;
  let p = start;
  while (p > lineStart && /[rRuUfFbB]/.test(text[p - 1] ?? '') && !ID.test(text[p - 2] ?? '')) p--;
  return { start, quote, prefixStart: p };
}

/** What is being completed at `offset`. */
export function cursorContext(text: string, offset: number): CursorContext | undefined {
  const str = stringStart(text, offset);
  if (str) {
    // An f-string or bytes literal is not a key or a value the model knows.
    if (/[fFbB]/.test(text.slice(str.prefixStart, str.start))) return undefined;
    const target = stringTarget(text, str.prefixStart);
    if (!target) return undefined;
    let end = offset;
    while (end < text.length && ID.test(text[end] ?? '')) end++;
    return { kind: 'string', target, partial: text.slice(str.start + 1, offset), quote: str.quote, replaceStart: str.start + 1, replaceEnd: end };
  }
  const wordStart = identBack(text, offset);
  const partial = text.slice(wordStart, offset);
  const j = skipWsBack(text, wordStart);
  if (text[j - 1] === '.' && text[j - 2] !== '.') {
    const chain = chainBefore(text, j - 1);
    return chain ? { kind: 'member', chain, partial, replaceStart: wordStart, dotStart: j - 1 } : undefined;
  }
  return undefined;
}

/** Text before `i` ends with the keyword `word` (not part of a longer name). */
function endsWithWord(text: string, i: number, word: string): boolean {
  return text.slice(Math.max(0, i - word.length), i) === word && !ID.test(text[i - word.length - 1] ?? '');
}

/** Classifies what precedes a string literal that starts at `quoteAt` (its prefix included). */
function stringTarget(text: string, quoteAt: number): StringTarget | undefined {
  const i = skipWsBack(text, quoteAt);
  const c = text[i - 1];
  if (c === '[') {
    const k = skipWsBack(text, i - 1);
    const before = text[k - 1] ?? '';
    if (ID.test(before) || before === ']' || before === ')') {
      const chain = chainBefore(text, k);
      return chain ? { via: 'bracket', chain } : undefined;
    }
    return containerTarget(text, i - 1);
  }
  if (c === '(') {
    const s = identBack(text, i - 1);
    const name = text.slice(s, i - 1);
    if ((name === 'get' || name === 'startswith' || name === 'endswith') && text[s - 1] === '.') {
      const chain = chainBefore(text, s - 1);
      if (!chain) return undefined;
      return name === 'get' ? { via: 'bracket', chain } : { via: 'compare', chain };
    }
    return containerTarget(text, i - 1);
  }
  if (c === '{') return { via: 'dictKey' };
  if (c === ',') {
    const open = openerBack(text, i - 1, Math.max(0, i - 1 - LOOKBACK));
    if (open < 0) return undefined;
    if (text[open] === '{') {
      // After a `,` at the dict's top level comes a key; after a `:` a value.
      return { via: 'dictKey' };
    }
    return containerTarget(text, open);
  }
  if (c === ':') {
    const k = skipWsBack(text, i - 1);
    const q = text[k - 1];
    if (q === "'" || q === '"') {
      const s = text.lastIndexOf(q, k - 2);
      return s >= 0 ? { via: 'objectValue', key: text.slice(s + 1, k - 1) } : undefined;
    }
    return undefined;
  }
  if (c === '=') {
    const op = text.slice(Math.max(0, i - 2), i);
    if (op === '==' || op === '!=') {
      const chain = chainBefore(text, i - 2);
      return chain ? { via: 'compare', chain } : undefined;
    }
    if (/[<>+\-*/%&|^:=!]/.test(text[i - 2] ?? '')) return undefined;
    const chain = chainBefore(text, i - 1);
    return chain ? { via: 'assign', chain } : undefined;
  }
  if (endsWithWord(text, i, 'case')) return { via: 'case' };
  return undefined;
}

/** `x in ("…`, `x = ["…`, `"key": ["…`: what a tuple or list literal opened at `open` belongs to. */
function containerTarget(text: string, open: number): StringTarget | undefined {
  const i = skipWsBack(text, open);
  if (endsWithWord(text, i, 'in')) {
    const chain = chainBefore(text, skipWsBack(text, i - 2));
    return chain ? { via: 'compare', chain } : undefined;
  }
  const c = text[i - 1];
  if (c === '=' && !/[=!<>]/.test(text[i - 2] ?? '')) {
    const chain = chainBefore(text, i - 1);
    return chain ? { via: 'arrayAssign', chain } : undefined;
  }
  if (c === ':') {
    const k = skipWsBack(text, i - 1);
    const q = text[k - 1];
    if (q === "'" || q === '"') {
      const s = text.lastIndexOf(q, k - 2);
      return s >= 0 ? { via: 'objectArray', key: text.slice(s + 1, k - 1) } : undefined;
    }
  }
  return undefined;
}
