// The disk implementation of WiringFs: reads under one root, skipping dependencies and build output.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readSafeFile, type FileStamp } from '../safeFile';
import type { WiringFs } from './types';

// Dependency, build and tool-state folders never hold the project's own IaC (cdk.out is synthesized,
// amplify/#current-cloud-backend is a copy of the deployed backend).
const SKIP = new Set(['node_modules', '.git', 'dist', 'build', 'out', 'coverage', '.aws-sam', 'cdk.out', '.cache', '.serverless', '.terraform', '#current-cloud-backend', '.amplify', '.next', 'vendor', '__pycache__', '.venv', 'venv']);
const MAX_FILES = 20000;
const MAX_BYTES = 1024 * 1024;

/** Options of nodeWiringFs. */
export interface NodeWiringFsOptions {
  /** Told of every text read (absolute path, text, stamp): `check` keeps them so it does not read a file twice. */
  readonly onRead?: (file: string, text: string, stamp: FileStamp) => void;
}

/** File access under `root` (absolute); paths in and out are root-relative and '/'-separated. */
export function nodeWiringFs(root: string, options: NodeWiringFsOptions = {}): WiringFs {
  const abs = (rel: string): string => path.join(root, ...rel.split('/'));
  const version = (rel: string): string | undefined => {
    // One stat (of the target of a symlink, as the read opens it): a changed file changes its mtime or size, a replaced one its inode.
    try {
      const st = fs.statSync(abs(rel), { throwIfNoEntry: false });
      return st ? versionOf(st) : undefined;
    } catch {
      return undefined;
    }
  };
  const readVersioned = (rel: string): { text: string | undefined; version: string | undefined } => {
    // Regular files inside the root only (a FIFO would block, a symlink could lead out), size-capped.
    const file = abs(rel);
    const read = readSafeFile(file, { maxBytes: MAX_BYTES, within: root });
    if (!read.ok) return { text: undefined, version: read.reason === 'missing' ? undefined : version(rel) };
    options.onRead?.(file, read.text, read.stamp);
    return { text: read.text, version: versionOf(read.stamp) };
  };
  return {
    readFile: (rel) => readVersioned(rel).text,
    readVersioned,
    version,
    exists(rel) {
      try {
        return fs.statSync(abs(rel)).isFile();
      } catch {
        return false;
      }
    },
    list(rel) {
      try {
        return fs.readdirSync(abs(rel));
      } catch {
        return [];
      }
    },
    walk(keep) {
      const out: string[] = [];
      const stack = [''];
      let seen = 0;
      while (stack.length && seen < MAX_FILES) {
        const rel = stack.pop() as string;
        let entries: fs.Dirent[];
        try {
          entries = fs.readdirSync(abs(rel), { withFileTypes: true });
        } catch {
          continue;
        }
        for (const e of entries) {
          const r = rel ? `${rel}/${e.name}` : e.name;
          if (e.isDirectory()) {
            if (!SKIP.has(e.name) && (!e.name.startsWith('.') || e.name === '.')) stack.push(r);
          } else if (e.isFile() && ++seen <= MAX_FILES && keep(r)) out.push(r);
        }
      }
      return out.sort();
    },
  };
}

const versionOf = (st: FileStamp): string => `${st.ino}:${st.size}:${st.mtimeMs}`;

/** In-memory file access for tests and tools: `{ 'serverless.yml': '...', 'src/a.ts': '...' }`. */
export function memoryWiringFs(files: Record<string, string>): WiringFs {
  const has = (rel: string): boolean => Object.prototype.hasOwnProperty.call(files, rel);
  return {
    readFile: (rel) => (has(rel) ? files[rel] : undefined),
    exists: (rel) => has(rel),
    list: (rel) => [...new Set(Object.keys(files).filter((f) => f.startsWith(rel ? `${rel}/` : '')).map((f) => f.slice(rel ? rel.length + 1 : 0).split('/')[0] as string))],
    walk: (keep) => Object.keys(files).filter((f) => !f.split('/').some((p) => SKIP.has(p)) && keep(f)).sort(),
  };
}

/** What made a folder the project root (see `projectRootOf`). */
export type RootMarker = '.git' | 'cognito-triggers.json' | 'iac' | 'package' | 'none';

// Files that start an IaC project (what the readers look for first), and a package manifest.
const IAC_FILE = /^(serverless\.(ya?ml|json|[cm]?[jt]s)|template\.(ya?ml|json)|samconfig\.(toml|ya?ml)|cdk\.json|[^/]+\.tf)$/;
const PACKAGE_FILE = /^(package\.json|pyproject\.toml)$/;

/**
 * The project root for `start` (the CLI's working directory, a handler's folder), decided in this order:
 * 1. the nearest folder at or above it holding `.git` or `cognito-triggers.json` (the repository, or
 *    the bindings file that states the project);
 * 2. else the nearest one holding an IaC file: serverless.yml/.ts/..., template.yaml, samconfig.toml,
 *    cdk.json, a `*.tf` file or an `amplify/` folder (so `fn1/src` inside a service finds the service,
 *    past a function's own package.json);
 * 3. else the nearest one holding package.json or pyproject.toml;
 * 4. else `start` itself.
 */
export function projectRootOf(start: string): { root: string; by: RootMarker } {
  const from = path.resolve(start);
  let iac: string | undefined;
  let pkg: string | undefined;
  for (let d = from; ; d = path.dirname(d)) {
    let names: string[];
    try {
      names = fs.readdirSync(d);
    } catch {
      names = [];
    }
    if (names.includes('.git')) return { root: d, by: '.git' };
    if (names.includes('cognito-triggers.json')) return { root: d, by: 'cognito-triggers.json' };
    if (!iac && names.some((n) => IAC_FILE.test(n) || (n === 'amplify' && isDir(path.join(d, n))))) iac = d;
    if (!pkg && names.some((n) => PACKAGE_FILE.test(n))) pkg = d;
    if (path.dirname(d) === d) break;
  }
  if (iac) return { root: iac, by: 'iac' };
  if (pkg) return { root: pkg, by: 'package' };
  return { root: from, by: 'none' };
}

/** The project root above `start` (see `projectRootOf` for the rule). */
export function findProjectRoot(start: string): string {
  return projectRootOf(start).root;
}

function isDir(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}
