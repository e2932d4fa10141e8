// "Did you mean": the closest name by edit distance, when it is close enough to be a likely typo.

function distance(a: string, b: string): number {
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

/** The option closest to `value` (case-insensitive first), or undefined when none is within a typo's reach. */
export function closest(value: string, options: readonly string[]): string | undefined {
  const lower = value.toLowerCase();
  const same = options.find((o) => o.toLowerCase() === lower);
  if (same) return same;
  let best: string | undefined;
  let bestD = Infinity;
  for (const o of options) {
    const d = distance(lower, o.toLowerCase());
    if (d < bestD) [best, bestD] = [o, d];
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(best.length / 4)) ? best : undefined;
}
