// Helpers that keep per-handler work proportional to the handler: the items of a sorted list inside a
// range (by binary search), and whether the handlers' ranges are disjoint (each then holds only its own).

/**
 * A function giving the items of `items` that lie inside [from, to] (`start >= from && end <= to`), in
 * their order. When the items are sorted and do not overlap (comments), that is one run, found by binary
 * search; otherwise every item is tested, as a filter would.
 */
export function within<T>(items: readonly T[], start: (x: T) => number, end: (x: T) => number): (from: number, to: number) => T[] {
  let ordered = true;
  for (let i = 1; i < items.length && ordered; i++) ordered = end(items[i - 1] as T) <= start(items[i] as T) && start(items[i - 1] as T) <= end(items[i - 1] as T);
  if (!ordered) return (from, to) => items.filter((x) => start(x) >= from && end(x) <= to);
  return (from, to) => {
    let lo = 0;
    let hi = items.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (start(items[mid] as T) < from) lo = mid + 1;
      else hi = mid;
    }
    const out: T[] = [];
    for (let i = lo; i < items.length && end(items[i] as T) <= to; i++) out.push(items[i] as T);
    return out;
  };
}

/** Whether no two of the ranges [start, end] share an offset. */
export function disjointRanges(ranges: readonly (readonly [number, number])[]): boolean {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < sorted.length; i++) if ((sorted[i - 1] as readonly [number, number])[1] >= (sorted[i] as readonly [number, number])[0]) return false;
  return true;
}
