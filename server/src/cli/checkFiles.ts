// The files `check` reads: named files, folders (walked) and globs, one at a time, with no cap on their
// number; only the directories still to visit are held, never the list of files.
import * as fs from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';

/** Build and dependency folders never searched (named files and globs that name them still count). */
const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', 'out', 'build', 'coverage', '.aws-sam', 'cdk.out', '.cache', '.serverless', 'venv', '__pycache__', 'site-packages']);

/** What one command-line pattern matched. */
export interface PatternResult {
  readonly pattern: string;
  /** Files it matched (before ignores). */
  matched: number;
  /** The pattern names no existing file or folder (and is not a glob). */
  missing: boolean;
}

/** Files under `dir`, depth first in name order, skipping build folders and dot folders. */
function* walk(dir: string): Generator<string> {
  const stack = [dir];
  while (stack.length) {
    const current = stack.pop() as string;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(current, { withFileTypes: true });
    } catch {
      continue;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const dirs: string[] = [];
    for (const e of entries) {
      const p = path.join(current, e.name);
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name) && !e.name.startsWith('.')) dirs.push(p);
      } else if (e.isFile()) yield p;
    }
    // Reverse so that the stack pops them in name order.
    for (let i = dirs.length - 1; i >= 0; i--) stack.push(dirs[i] as string);
  }
}

/**
 * Every file the patterns name, each once, in order: a file as named (whatever its extension), a
 * folder's files that `searched` keeps (handler and event files), a glob's matches (relative to `cwd`).
 * `results` gets one entry per pattern.
 */
export function* matchFiles(patterns: readonly string[], cwd: string, results: PatternResult[], searched: (file: string) => boolean): Generator<string> {
  // Only needed when a file could be named twice (several patterns).
  const seen = patterns.length > 1 ? new Set<string>() : undefined;
  const once = (f: string): boolean => {
    if (!seen) return true;
    if (seen.has(f)) return false;
    seen.add(f);
    return true;
  };
  for (const pattern of patterns) {
    const r: PatternResult = { pattern, matched: 0, missing: false };
    results.push(r);
    const abs = path.resolve(cwd, pattern);
    const st = statOf(abs);
    // A named FIFO or device is handed on too: checking it reports it as unreadable instead of "no such file".
    if (st && !st.isDirectory()) {
      r.matched++;
      if (once(abs)) yield abs;
      continue;
    }
    if (st?.isDirectory()) {
      for (const f of walk(abs)) {
        if (!searched(f)) continue;
        r.matched++;
        if (once(f)) yield f;
      }
      continue;
    }
    const scan = picomatch.scan(pattern);
    if (!scan.isGlob) {
      r.missing = true;
      continue;
    }
    const base = path.resolve(cwd, scan.base || '.');
    const isMatch = picomatch(scan.glob, { dot: false });
    for (const f of walk(base)) {
      if (!isMatch(path.relative(base, f).split(path.sep).join('/'))) continue;
      r.matched++;
      if (once(f)) yield f;
    }
  }
}

/**
 * A test for the files `matchFiles(patterns, cwd, ...)` can yield (before its `searched` filter): a file
 * named, a file under a folder named, a file a glob matches. A superset is harmless; used to keep only
 * texts the run will ask for.
 */
export function matchedByPatterns(patterns: readonly string[], cwd: string): (file: string) => boolean {
  const tests = patterns.map((pattern): ((file: string) => boolean) => {
    const abs = path.resolve(cwd, pattern);
    const st = statOf(abs);
    if (st && !st.isDirectory()) return (f) => f === abs;
    if (st?.isDirectory()) {
      const prefix = abs.endsWith(path.sep) ? abs : `${abs}${path.sep}`;
      return (f) => f.startsWith(prefix);
    }
    const scan = picomatch.scan(pattern);
    if (!scan.isGlob) return () => false;
    const base = path.resolve(cwd, scan.base || '.');
    const isMatch = picomatch(scan.glob, { dot: false });
    return (f) => {
      const rel = path.relative(base, f);
      return !rel.startsWith('..') && !path.isAbsolute(rel) && isMatch(rel.split(path.sep).join('/'));
    };
  });
  return (file) => tests.some((t) => t(file));
}

/** A test for files the config's ignore globs (relative to `root`) exclude. */
export function ignoreFilter(root: string, globs: readonly string[]): (file: string) => boolean {
  if (!globs.length) return () => false;
  const isMatch = picomatch([...globs], { dot: true });
  return (file) => {
    const rel = path.relative(root, file).split(path.sep).join('/');
    return !rel.startsWith('../') && isMatch(rel);
  };
}

/** The file's stats, or undefined when it cannot be stat'ed (missing, no permission). */
function statOf(file: string): fs.Stats | undefined {
  try {
    return fs.statSync(file);
  } catch {
    return undefined;
  }
}
