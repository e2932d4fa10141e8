// tsconfig `compilerOptions.paths` and `baseUrl` for the IaC readers' import resolution: the
// `aws-nodejs-typescript` template's serverless.ts imports `@functions/index`, mapped in tsconfig.paths.json.
import { parse as parseJsonc } from 'jsonc-parser';
import { dirOf, joinPath } from './handlerFile';
import type { WiringFs } from './types';

/** The module-resolution options of one tsconfig, with paths made root-relative. */
export interface TsPaths {
  /** The tsconfig files read (the nearest one and what it `extends`), for incremental updates. */
  readonly files: readonly string[];
  /** Root-relative folder bare specifiers resolve against (`baseUrl`), when stated. */
  readonly baseUrl?: string;
  /** Pattern (`@functions/*`) → root-relative targets (`src/functions/*`), in tsconfig order. */
  readonly paths: readonly (readonly [string, readonly string[]])[];
}

const MAX_EXTENDS = 5;

/**
 * The effective `baseUrl`/`paths` of the tsconfig at `rel`, following relative `extends`. As tsc does,
 * `paths` targets are relative to `baseUrl` when set, else to the tsconfig that states `paths`
 * (https://www.typescriptlang.org/tsconfig/#paths), and an `extends`-ed file's options are overridden
 * by the extending file's (https://www.typescriptlang.org/tsconfig/#extends).
 */
export function readTsPaths(fs: WiringFs, rel: string): TsPaths {
  const files: string[] = [];
  let baseUrl: string | undefined;
  let paths: [string, string[]][] | undefined;
  let pathsDir = '';
  // Nearest file first: its options win, so an option is taken only when no nearer file set it.
  let at: string | undefined = rel;
  for (let depth = 0; at && depth < MAX_EXTENDS && !files.includes(at); depth++) {
    files.push(at);
    const text = fs.readFile(at);
    const json = text === undefined ? undefined : (parseJsonc(text.replace(/^\uFEFF/, ''), [], { allowTrailingComma: true }) as unknown);
    if (!json || typeof json !== 'object') break;
    const cfg = json as { extends?: unknown; compilerOptions?: { baseUrl?: unknown; paths?: unknown } };
    const dir = dirOf(at);
    const opts = cfg.compilerOptions ?? {};
    if (baseUrl === undefined && typeof opts.baseUrl === 'string') baseUrl = joinPath(dir, opts.baseUrl);
    if (paths === undefined && opts.paths && typeof opts.paths === 'object') {
      paths = Object.entries(opts.paths as Record<string, unknown>).map(([k, v]) => [k, Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []]);
      pathsDir = dir;
    }
    // Only an `extends` inside the repository (a relative path) can be read; a package's base config states no project paths.
    const ext = Array.isArray(cfg.extends) ? cfg.extends[0] : cfg.extends;
    if (typeof ext !== 'string' || !ext.startsWith('.')) break;
    const target = joinPath(dir, ext);
    at = target.endsWith('.json') ? target : `${target}.json`;
  }
  const from = baseUrl ?? pathsDir;
  return {
    files,
    ...(baseUrl !== undefined ? { baseUrl } : {}),
    paths: (paths ?? []).map(([k, targets]) => [k, targets.map((t) => joinPath(from, t))] as const),
  };
}

/**
 * The root-relative candidates (without extension) a bare specifier maps to: each matching `paths`
 * pattern's targets (an exact pattern first, then the longest prefix before `*`, as tsc picks), then
 * `baseUrl/<specifier>`.
 */
export function mapSpecifier(ts: TsPaths, source: string): string[] {
  const out: string[] = [];
  let best: { prefix: number; targets: string[] } | undefined;
  for (const [pattern, targets] of ts.paths) {
    const star = pattern.indexOf('*');
    if (star < 0) {
      if (pattern === source) out.push(...targets);
      continue;
    }
    const prefix = pattern.slice(0, star);
    const suffix = pattern.slice(star + 1);
    if (!source.startsWith(prefix) || !source.endsWith(suffix) || source.length < prefix.length + suffix.length) continue;
    const matched = source.slice(prefix.length, source.length - suffix.length);
    if (!best || prefix.length > best.prefix) best = { prefix: prefix.length, targets: targets.map((t) => t.replace('*', matched)) };
  }
  if (best) out.push(...best.targets);
  if (ts.baseUrl !== undefined) out.push(joinPath(ts.baseUrl, source));
  return out;
}

/** The nearest `tsconfig.json` (or `jsconfig.json`) at or above `dir`, root-relative. */
export function nearestTsconfig(fs: WiringFs, dir: string): string | undefined {
  for (let d = dir; ; d = dirOf(d)) {
    for (const name of ['tsconfig.json', 'jsconfig.json']) {
      const rel = joinPath(d, name);
      if (fs.exists(rel)) return rel;
    }
    if (!d) return undefined;
  }
}
