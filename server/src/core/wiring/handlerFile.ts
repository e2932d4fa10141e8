// From the handler a function names (`dist/preSignUp.handler`, `app.lambda_handler`, an `entry` file)
// to the source file in the repository and the exported name, mapping build outputs back to sources.
import type { WiringFs } from './types';

/** The language family a runtime identifier belongs to. */
export type RuntimeFamily = 'node' | 'python' | 'other';

export function familyOf(runtime: string | undefined): RuntimeFamily | undefined {
  if (!runtime) return undefined;
  if (/^nodejs/i.test(runtime)) return 'node';
  if (/^python/i.test(runtime)) return 'python';
  return 'other';
}

/**
 * Splits a handler string into module path and export. Node's runtime splits the file name (after the
 * last `/`) at its first dot: `dist/a.handler` → `dist/a` + `handler`
 * (https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html#nodejs-handler-naming). Python
 * names a dotted module and the function after the last dot: `pkg.app.main` → `pkg/app` + `main`
 * (https://docs.aws.amazon.com/lambda/latest/dg/python-handler.html#naming).
 */
export function splitHandler(spec: string, family: RuntimeFamily | undefined): { module: string; export: string } | undefined {
  const s = spec.trim();
  if (family === 'python') {
    const i = s.lastIndexOf('.');
    if (i <= 0) return undefined;
    return { module: s.slice(0, i).replace(/\./g, '/'), export: s.slice(i + 1) };
  }
  const slash = s.lastIndexOf('/');
  const dot = s.indexOf('.', slash + 1);
  if (dot <= slash + 1 || dot === s.length - 1) return undefined;
  return { module: s.slice(0, dot), export: s.slice(dot + 1) };
}

const NODE_EXTS = ['.ts', '.mts', '.cts', '.tsx', '.js', '.mjs', '.cjs', '.jsx'];
const PY_EXTS = ['.py'];
/** Folders that hold build output rather than sources (tsc outDir, bundlers, Serverless plugins). */
const BUILD_DIRS = new Set(['dist', 'build', 'out', 'lib', '.build', '.webpack', '.esbuild', 'bundle', '.serverless', 'target', '.aws-sam']);

/** Joins '/'-separated paths, resolving `.` and `..` (never above the root). */
export function joinPath(...parts: string[]): string {
  const out: string[] = [];
  for (const part of parts.join('/').split('/')) {
    if (!part || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return out.join('/');
}

export function dirOf(rel: string): string {
  const i = rel.lastIndexOf('/');
  return i < 0 ? '' : rel.slice(0, i);
}

/** A resolved source file, with a note when it was mapped from a build output; or what was tried. */
export type FileResolution = { file: string; note?: string } | { file?: undefined; tried: string[] };

/**
 * Finds the source file of `module` (no extension, or one the runtime would load) under `baseDir`.
 * Tries the source extensions (TypeScript before JavaScript: a `.js` beside a `.ts` is its output),
 * `module/index`, then the module with a build folder (`dist/`, `build/`, ...) replaced by `src/` or
 * dropped, so `dist/x.handler` finds `src/x.ts`.
 */
export function resolveModule(fs: WiringFs, baseDir: string, module: string, family: RuntimeFamily | undefined): FileResolution {
  const exts = family === 'python' ? PY_EXTS : family === 'other' ? [] : NODE_EXTS;
  const tried: string[] = [];
  const attemptFrom = (dir: string, m: string): string | undefined => {
    const base = joinPath(dir, m);
    const ext = /\.[cm]?[jt]sx?$|\.py$/.exec(base)?.[0];
    const stem = ext ? base.slice(0, -ext.length) : base;
    const names = [...(ext ? [base] : []), ...exts.map((e) => stem + e), ...exts.map((e) => `${stem}/index${e}`)];
    for (const n of names) {
      tried.push(n);
      if (fs.exists(n)) return n;
    }
    return undefined;
  };
  const attempt = (m: string): string | undefined => attemptFrom(baseDir, m);
  if (!exts.length) {
    const f = joinPath(baseDir, module);
    return fs.exists(f) ? { file: f } : { tried: [f] };
  }
  // Build output first maps to its source: the source is what the user edits, even when both exist.
  // The build folder may be in the code folder (`Code.fromAsset('lambda/dist')`) or in the handler string.
  const parts = joinPath(baseDir, module).split('/');
  const at = parts.findIndex((p) => BUILD_DIRS.has(p));
  if (at >= 0) {
    const before = parts.slice(0, at);
    const after = parts.slice(at + 1);
    for (const replacement of [['src'], [], ['lib'], ['source']]) {
      if (replacement[0] === parts[at]) continue;
      const m = [...before, ...replacement, ...after].join('/');
      const f = attemptFrom('', m);
      if (f && /\.[cm]?tsx?$/.test(f)) return { file: f, note: `${joinPath(baseDir, module)} is build output; its source is ${f}` };
    }
  }
  const direct = attempt(module);
  if (direct) return { file: direct };
  return { tried };
}
