// Maps offsets between two versions of a text by their common prefix and suffix (one edit region).

/** A function from offsets in `current` to offsets in `analysed`. Exact outside the edited region. */
export function offsetMapper(analysed: string, current: string): (offset: number) => number {
  if (analysed === current) return (o) => o;
  const max = Math.min(analysed.length, current.length);
  let prefix = 0;
  while (prefix < max && analysed.charCodeAt(prefix) === current.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < max - prefix && analysed.charCodeAt(analysed.length - 1 - suffix) === current.charCodeAt(current.length - 1 - suffix)) suffix++;
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
