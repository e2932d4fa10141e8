// One string per event path (or prefix of one), for sets and maps of paths: the front ends' null-guard
// checks look paths up per use, where comparing each use with each guard was quadratic.
import type { PathKey } from './description';

/**
 * The first `n` keys of a path as one string, each with its length (so no key's text can look like two
 * keys); a number and its digits as a string stay apart, as `===` keeps them.
 */
export function pathKey(p: readonly PathKey[], n = p.length): string {
  let k = '';
  for (let i = 0; i < n; i++) {
    const key = p[i] as PathKey;
    k += typeof key === 'number' ? `#${key};` : `${key.length}:${key}`;
  }
  return k;
}
