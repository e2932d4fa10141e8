// Small helpers over untrusted JSON values: type names, placeholders, did-you-mean.
import type { JsonType } from '../model/types';

/** A plain JSON object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The JSON type name of a value; `undefined` for values JSON cannot hold (functions, undefined). */
export function jsonTypeOf(value: unknown): JsonType | undefined {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  switch (typeof value) {
    case 'string':
      return 'string';
    case 'boolean':
      return 'boolean';
    case 'number':
      return Number.isInteger(value) ? 'integer' : 'number';
    case 'object':
      return 'object';
    default:
      return undefined;
  }
}

/** The field's type(s) as a list. */
export function typesOf(type: JsonType | readonly JsonType[]): readonly JsonType[] {
  return typeof type === 'string' ? [type] : type;
}

/** True when `value` has one of `types` (an integer is also a number). */
export function hasType(value: unknown, types: readonly JsonType[]): boolean {
  const t = jsonTypeOf(value);
  if (t === undefined) return false;
  if (types.includes(t)) return true;
  return t === 'integer' && types.includes('number');
}

/** "a string or null" for messages. */
export function describeTypes(types: readonly JsonType[]): string {
  const names = types.map((t) => (t === 'null' ? 'null' : `${/^[ao]/.test(t) ? 'an' : 'a'} ${t}`));
  return names.length <= 1 ? (names[0] ?? 'nothing') : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}

/**
 * Why a string is a placeholder rather than a real value, or undefined. Published examples use
 * `<userPoolId>` (AWS docs), `{{{region}}}` (SAM CLI templates) and `"None"` (a Python None printed).
 */
export function placeholderKind(value: string): string | undefined {
  if (/^<[^<>]*>$/.test(value.trim())) return 'an angle-bracket placeholder from a published example';
  if (/^\{\{\{?[^{}]+\}?\}\}$/.test(value.trim())) return 'a template placeholder (SAM CLI mustache)';
  if (value === 'None') return 'the string "None" (a Python None printed as text); Cognito sends null';
  return undefined;
}

/** Levenshtein distance, for did-you-mean. */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0] ?? 0;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j] ?? 0;
      prev[j] = Math.min(up + 1, (prev[j - 1] ?? 0) + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length] ?? 0;
}

/** The closest of `options` to `value` (case-insensitive first), if close enough to be a likely typo. */
export function didYouMean(value: string, options: readonly string[]): string | undefined {
  const lower = value.toLowerCase();
  const exactCase = options.find((o) => o.toLowerCase() === lower);
  if (exactCase) return exactCase;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const o of options) {
    const d = editDistance(lower, o.toLowerCase());
    if (d < bestDistance) {
      best = o;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(best.length / 4)) ? best : undefined;
}

/** `"a", "b" or "c"` for messages (at most `max` values, then "…"). */
export function listValues(values: readonly string[], max = 8): string {
  const shown = values.slice(0, max).map((v) => `"${v}"`);
  const more = values.length > max ? ` (and ${values.length - max} more)` : '';
  if (shown.length <= 1) return (shown[0] ?? '') + more;
  return `${shown.slice(0, -1).join(', ')} or ${shown[shown.length - 1]}${more}`;
}

/**
 * `phrase` with its indefinite article, for messages: "an Inbound federation", "a Pre sign-up",
 * "an array". By sound, not by letter: acronyms by their letter names ("an SMS", "a URL"), and the
 * common words whose first letter misleads ("a user", "a unique", "an hour").
 */
export function withArticle(phrase: string): string {
  const first = phrase.trim().split(/[\s-]/)[0] ?? '';
  const lower = first.toLowerCase();
  const vowelSound = /^[A-Z]+$/.test(first)
    ? /^[AEFHILMNORSX]/.test(first)
    : /^(hour|honest|honou?r)/.test(lower) || (/^[aeiou]/.test(lower) && !/^(uni|use|usu|ur[aeiu]|uti|eu|one|once)/.test(lower));
  return `${vowelSound ? 'an' : 'a'} ${phrase}`;
}

/** What a parsed JSON document's value is, with its article, for messages ("an array", "null"). */
export function describeValue(value: unknown): string {
  // A document whose text does not parse has no value at all: say so rather than "an undefined".
  if (value === undefined) return 'not valid JSON';
  const type = jsonTypeOf(value);
  if (type === 'null') return 'null';
  return withArticle(type === 'integer' ? 'number' : (type ?? typeof value));
}

/**
 * The text of a JSON scalar (string, number, boolean), '' for anything else. Never throws: `String(v)`
 * does for objects without a prototype (what the JSON parser builds), and a half-typed
 * `"version": {` is such an object.
 */
export function scalarText(v: unknown): string {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
}
