// Pure: where a new handler goes by default — the folder the workspace's handlers already live in.

/** What the workspace says about where handlers live, strongest first. */
export interface HandlerPlaces {
  /** Handler files the IaC wiring names (root-relative, '/'-separated). */
  wired: readonly string[];
  /** Handler files of the bindings file (cognito-triggers.json). */
  bound: readonly string[];
  /** tsconfig.json `include` patterns. */
  tsconfigInclude: readonly string[];
}

/** A default folder ('' = the workspace folder itself) and why it was chosen, for the prompt. */
export interface HandlerDir {
  dir: string;
  why: string;
}

const dirOf = (file: string): string => (file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '');

/** The most common folder of `files` (the first seen on a tie); undefined for none. */
function commonest(files: readonly string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const f of files) counts.set(dirOf(f), (counts.get(dirOf(f)) ?? 0) + 1);
  let best: string | undefined;
  for (const [d, n] of counts) if (best === undefined || n > (counts.get(best) ?? 0)) best = d;
  return best;
}

/**
 * The literal folder a tsconfig `include` pattern starts with: `src/**\/*` → `src`, `lambda/*.ts` →
 * `lambda`; undefined for a pattern that starts with a wildcard or names a file.
 */
function includeDir(pattern: string): string | undefined {
  const parts = pattern.replace(/^\.\//, '').split('/');
  const literal: string[] = [];
  for (const p of parts) {
    if (/[*?[{]/.test(p)) break;
    literal.push(p);
  }
  // All literal: a folder, unless the last part looks like a file name.
  if (literal.length === parts.length && /\.[a-z]+$/i.test(literal[literal.length - 1] ?? '')) literal.pop();
  const dir = literal.join('/');
  return dir && !dir.startsWith('..') && !dir.startsWith('/') ? dir : undefined;
}

/** Where the workspace's handlers live: the wiring, then the bindings file, then tsconfig `include`, else `src`. */
export function defaultHandlerDir(p: HandlerPlaces): HandlerDir {
  const wired = commonest(p.wired);
  if (wired !== undefined) return { dir: wired, why: 'where the IaC wiring’s handlers are' };
  const bound = commonest(p.bound);
  if (bound !== undefined) return { dir: bound, why: 'where the handlers of cognito-triggers.json are' };
  const included = p.tsconfigInclude.map(includeDir).find((d) => d !== undefined);
  if (included !== undefined) return { dir: included, why: 'the first folder of tsconfig.json’s include' };
  return { dir: 'src', why: 'the usual folder (no wiring, bindings file or tsconfig include says otherwise)' };
}
