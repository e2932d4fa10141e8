// The innermost of many ranges around an offset, found in O(log n) per query after one O(n log n) build:
// diagnostics ask it for every reference, and a scan of every handler and branch per reference made them
// quadratic in a file with many handlers or many `if (event.triggerSource === …)` branches.

/**
 * Answers what `innermostScan` answers (kept beside it as the definition): of the items whose range
 * holds `offset` (`start <= offset <= end`), the one with the greatest start, and of several with that
 * start the last in the list.
 */
export interface InnermostIndex<T> {
  at(offset: number): T | undefined;
}

/** The definition, by a scan of every item: what `innermostIndex(...).at` must answer. */
export function innermostScan<T>(items: readonly T[], start: (x: T) => number, end: (x: T) => number, offset: number): T | undefined {
  let best: T | undefined;
  for (const x of items) if (start(x) <= offset && offset <= end(x) && (best === undefined || start(x) >= start(best))) best = x;
  return best;
}

/**
 * Sorted by start (then by place in the list), the answer is the rightmost item starting at or before the
 * offset whose end reaches it; a max-end segment tree finds that item without looking at the ones between.
 */
export function innermostIndex<T>(items: readonly T[], start: (x: T) => number, end: (x: T) => number): InnermostIndex<T> {
  const order = items.map((_, i) => i).sort((a, b) => start(items[a] as T) - start(items[b] as T) || a - b);
  const sorted = order.map((i) => items[i] as T);
  const starts = sorted.map(start);
  const n = sorted.length;
  let size = 1;
  while (size < n) size *= 2;
  const maxEnd = new Array<number>(2 * size).fill(-Infinity);
  sorted.forEach((x, i) => {
    maxEnd[size + i] = end(x);
  });
  for (let i = size - 1; i >= 1; i--) maxEnd[i] = Math.max(maxEnd[2 * i] as number, maxEnd[2 * i + 1] as number);
  /** The rightmost leaf at or before `last` whose end is at least `offset`, under node `node` covering [lo, hi]. */
  const rightmost = (node: number, lo: number, hi: number, last: number, offset: number): number => {
    if (lo > last || (maxEnd[node] as number) < offset) return -1;
    if (lo === hi) return lo;
    const mid = (lo + hi) >> 1;
    const right = rightmost(2 * node + 1, mid + 1, hi, last, offset);
    return right >= 0 ? right : rightmost(2 * node, lo, mid, last, offset);
  };
  return {
    at(offset) {
      // The last item starting at or before the offset.
      let lo = 0;
      let hi = n;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((starts[mid] as number) <= offset) lo = mid + 1;
        else hi = mid;
      }
      if (lo === 0) return undefined;
      const i = rightmost(1, 0, size - 1, lo - 1, offset);
      return i < 0 ? undefined : sorted[i];
    },
  };
}
