// Maps offsets between two versions of a text by their common prefix and suffix (one edit region).

/** A function from offsets in `current` to offsets in `analysed`. Exact outside the edited region. */
export function offsetMapper(analysed: string, current: string): (offset: number) => number {
  if (analysed === current) return (o) => o;
  const prefix = commonPrefix(analysed, current);
  const suffix = commonSuffix(analysed, current, prefix);
  const delta = analysed.length - current.length;
  const changedEnd = current.length - suffix;
  // Inside the edited region the old text has no counterpart: clamp to where the edit began, moved back
  // over the indentation before it to the end of the previous line. A line typed at the end of a block
  // shares the next statement's indentation with the old text; without this, the clamp would land on
  // that statement (outside a Python block, whose region ends at its last line).
  let clamp = prefix;
  while (clamp > 0 && (analysed[clamp - 1] === ' ' || analysed[clamp - 1] === '\t')) clamp--;
  if (clamp > 0 && analysed[clamp - 1] === '\n') clamp--;
  else clamp = prefix;
  return (o) => (o <= clamp ? o : o <= prefix ? clamp : o >= changedEnd ? o + delta : clamp);
}

/** Length of the common prefix of `a` and `b`: native comparisons of 1 KB chunks, then characters. */
export function commonPrefix(a: string, b: string): number {
  const min = Math.min(a.length, b.length);
  let n = 0;
  while (n + 1024 <= min && a.slice(n, n + 1024) === b.slice(n, n + 1024)) n += 1024;
  while (n < min && a.charCodeAt(n) === b.charCodeAt(n)) n++;
  return n;
}

/** Length of the common suffix of `a` and `b`, not reaching back past `floor` in either. */
export function commonSuffix(a: string, b: string, floor: number): number {
  const max = Math.min(a.length, b.length) - floor;
  let n = 0;
  while (n + 1024 <= max && a.slice(a.length - n - 1024, a.length - n) === b.slice(b.length - n - 1024, b.length - n)) n += 1024;
  while (n < max && a.charCodeAt(a.length - 1 - n) === b.charCodeAt(b.length - 1 - n)) n++;
  return n;
}
