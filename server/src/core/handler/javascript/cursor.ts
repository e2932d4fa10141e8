// What the cursor is on, from a small backward lexical scan of the text: works on half-typed code and
// needs no parse, so completion stays fast on big files and while the file does not parse.
import { DYNAMIC_KEY, type PathKey } from '../description';
import type { Chain, CursorContext, StringTarget } from '../syntax';

const ID = /[A-Za-z0-9_$]/;
const isWs = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r';
const LOOKBACK = 400;

function skipWsBack(text: string, i: number): number {
  while (i > 0 && isWs(text[i - 1])) i--;
  return i;
}

function identBack(text: string, end: number): number {
  let i = end;
  while (i > 0 && ID.test(text[i - 1] ?? '')) i--;
  return i;
}

/** Reads a member chain that ends at `end` (exclusive), backwards. Undefined when it is not a static chain. */
export function chainBefore(text: string, end: number): Chain | undefined {
  const keys: PathKey[] = [];
  let i = skipWsBack(text, end);
  const floor = Math.max(0, end - LOOKBACK);
  for (;;) {
    if (i <= floor) return undefined;
    const c = text[i - 1];
    let key: PathKey;
    if (c === ']') {
      const open = text.lastIndexOf('[', i - 1);
      if (open < floor) return undefined;
      const inner = text.slice(open + 1, i - 1).trim();
      const m = /^(['"`])(.*)\1$/.exec(inner);
      if (m) key = m[2] ?? '';
      else if (/^\d+$/.test(inner)) key = Number(inner);
      else if (inner && !inner.includes('[')) key = DYNAMIC_KEY;
      else return undefined;
      i = skipWsBack(text, open);
      if (text[i - 1] === '.' && text[i - 2] === '?') i = skipWsBack(text, i - 2);
    } else if (c && ID.test(c)) {
      const s = identBack(text, i);
      const name = text.slice(s, i);
      if (/^\d/.test(name)) return undefined;
      let j = skipWsBack(text, s);
      if (text[j - 1] === '.' && text[j - 2] !== '.') {
        j--;
        if (text[j - 1] === '?') j--;
        keys.unshift(name);
        i = skipWsBack(text, j);
        continue;
      }
      return { root: name, keys, start: s };
    } else return undefined;
    keys.unshift(key);
  }
}

/** The start of the string literal the cursor is in on this line, or -1. Tracks quotes and escapes. */
function stringStart(text: string, offset: number): { start: number; quote: string } | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let quote = '';
  let start = -1;
  for (let i = lineStart; i < offset; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === '/' && text[i + 1] === '/') return undefined;
    else if (c === "'" || c === '"' || c === '`') {
      quote = c;
      start = i;
    }
  }
  return quote ? { start, quote } : undefined;
}

/** What is being completed at `offset`. */
export function cursorContext(text: string, offset: number): CursorContext | undefined {
  const str = stringStart(text, offset);
  if (str) {
    const target = stringTarget(text, str.start);
    if (!target) return undefined;
    let end = offset;
    while (end < text.length && ID.test(text[end] ?? '')) end++;
    return { kind: 'string', target, partial: text.slice(str.start + 1, offset), quote: str.quote, replaceStart: str.start + 1, replaceEnd: end };
  }
  const wordStart = identBack(text, offset);
  const partial = text.slice(wordStart, offset);
  let j = skipWsBack(text, wordStart);
  if (text[j - 1] === '.' && text[j - 2] !== '.') {
    const dotEnd = j;
    j--;
    if (text[j - 1] === '?') j--;
    const chain = chainBefore(text, j);
    return chain ? { kind: 'member', chain, partial, replaceStart: wordStart, dotStart: dotEnd - 1 } : undefined;
  }
  if (text[j - 1] === '{' || text[j - 1] === ',') return { kind: 'objectKey', partial, replaceStart: wordStart };
  return undefined;
}

/** Classifies what precedes a string literal that starts at `quoteAt`. */
function stringTarget(text: string, quoteAt: number): StringTarget | undefined {
  const i = skipWsBack(text, quoteAt);
  const c = text[i - 1];
  if (c === '[') {
    const k = skipWsBack(text, i - 1);
    const before = text[k - 1] ?? '';
    if (ID.test(before) || before === ']' || (before === '.' && text[k - 2] === '?')) {
      const chain = chainBefore(text, before === '.' ? k - 2 : k);
      return chain ? { via: 'bracket', chain } : undefined;
    }
    return arrayTarget(text, i - 1);
  }
  if (c === ',') {
    // Inside an array literal: walk back over earlier string elements to its `[`.
    let k = i - 1;
    for (let guard = 0; guard < 50; guard++) {
      k = skipWsBack(text, k);
      const q = text[k - 1];
      if (q === "'" || q === '"' || q === '`') k = text.lastIndexOf(q, k - 2);
      else if (q === ',') k--;
      else if (q === '[') return arrayTarget(text, k - 1);
      else return undefined;
      if (k < 0) return undefined;
    }
    return undefined;
  }
  if (c === '=') {
    const two = text.slice(Math.max(0, i - 3), i);
    if (/[=!]==$/.test(two) || /[=!]=$/.test(two)) {
      const opStart = text.slice(0, i).search(/[=!]==?$/);
      const chain = chainBefore(text, opStart);
      return chain ? { via: 'compare', chain } : undefined;
    }
    if (/[<>+\-*/%&|^]$/.test(text[i - 2] ?? '')) return undefined;
    const chain = chainBefore(text, i - 1);
    return chain ? { via: 'assign', chain } : undefined;
  }
  if (c === ':') {
    const k = skipWsBack(text, i - 1);
    const q = text[k - 1];
    if (q === "'" || q === '"') {
      const s = text.lastIndexOf(q, k - 2);
      return s >= 0 ? { via: 'objectValue', key: text.slice(s + 1, k - 1) } : undefined;
    }
    const s = identBack(text, k);
    return s < k ? { via: 'objectValue', key: text.slice(s, k) } : undefined;
  }
  if (/\bcase$/.test(text.slice(Math.max(0, i - 5), i))) return { via: 'case' };
  return undefined;
}

/** `x = ['…` or `key: ['…`: the array's owner. `bracketAt` is the `[` offset. */
function arrayTarget(text: string, bracketAt: number): StringTarget | undefined {
  const i = skipWsBack(text, bracketAt);
  const c = text[i - 1];
  if (c === '=' && !/[=!<>]/.test(text[i - 2] ?? '')) {
    const chain = chainBefore(text, i - 1);
    return chain ? { via: 'arrayAssign', chain } : undefined;
  }
  if (c === ':') {
    const k = skipWsBack(text, i - 1);
    const s = identBack(text, k);
    return s < k ? { via: 'objectArray', key: text.slice(s, k) } : undefined;
  }
  return undefined;
}
