// The disk implementation of WiringFs: reads under one root, skipping dependencies and build output.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readSafeFile } from '../safeFile';
import type { WiringFs } from './types';

// Dependency, build and tool-state folders never hold the project's own IaC (cdk.out is synthesized,
// amplify/#current-cloud-backend is a copy of the deployed backend).
const SKIP = new Set(['node_modules', '.git', 'dist', 'build', 'out', 'coverage', '.aws-sam', 'cdk.out', '.cache', '.serverless', '.terraform', '#current-cloud-backend', '.amplify', '.next', 'vendor', '__pycache__', '.venv', 'venv']);
const MAX_FILES = 20000;
const MAX_BYTES = 1024 * 1024;

/** File access under `root` (absolute); paths in and out are root-relative and '/'-separated. */
export function nodeWiringFs(root: string): WiringFs {
  const abs = (rel: string): string => path.join(root, ...rel.split('/'));
  return {
    readFile(rel) {
      // Regular files inside the root only (a FIFO would block, a symlink could lead out), size-capped.
      const read = readSafeFile(abs(rel), { maxBytes: MAX_BYTES, within: root });
      return read.ok ? read.text : undefined;
    },
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

/** The project root above `start`: the nearest folder holding `.git`, else `start` itself. */
export function findProjectRoot(start: string): string {
  for (let d = path.resolve(start); ; d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, '.git'))) return d;
    if (path.dirname(d) === d) return path.resolve(start);
  }
}
