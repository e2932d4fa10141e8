// Pure deep diff of two pool descriptions: proves after an update that nothing but the slot changed.

/** One difference: a dotted path and the values on each side (undefined = absent). */
export interface Difference {
  path: string;
  before: unknown;
  after: unknown;
}

/** Every difference between `a` and `b`. Arrays compare by index; Dates by time. */
export function deepDiff(a: unknown, b: unknown, path = ''): Difference[] {
  const na = normalize(a);
  const nb = normalize(b);
  if (isObject(na) && isObject(nb)) {
    const out: Difference[] = [];
    for (const k of [...new Set([...Object.keys(na), ...Object.keys(nb)])].sort()) out.push(...deepDiff(na[k], nb[k], path ? `${path}.${k}` : k));
    return out;
  }
  if (Array.isArray(na) && Array.isArray(nb)) {
    const out: Difference[] = [];
    for (let i = 0; i < Math.max(na.length, nb.length); i++) out.push(...deepDiff(na[i], nb[i], `${path}[${i}]`));
    return out;
  }
  return Object.is(na, nb) ? [] : [{ path, before: a, after: b }];
}

/**
 * Differences outside `allowed` paths (each allowed path covers its children), e.g.
 * `['LastModifiedDate', 'LambdaConfig.PreSignUp']`: what an update changed that it should not have.
 */
export function unexpectedDifferences(before: unknown, after: unknown, allowed: readonly string[]): Difference[] {
  return deepDiff(before, after).filter((d) => !allowed.some((p) => d.path === p || d.path.startsWith(`${p}.`) || d.path.startsWith(`${p}[`)));
}

function normalize(v: unknown): unknown {
  if (v instanceof Date) return v.getTime();
  return v;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
