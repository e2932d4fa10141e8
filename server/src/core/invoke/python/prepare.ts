// A Python handler for the runner: the file itself, and the local .py files whose edit reloads a warm worker.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { InvokeOutcome } from '../../protocol/invokeResult';
import { mtimesOf, type PreparedModule } from '../prepare';

type StartFailure = Extract<InvokeOutcome, { kind: 'failedToStart' }>;

/** Folders that hold no code of the handler's own (virtual environments, caches, dependencies). */
const SKIP = new Set(['__pycache__', 'node_modules', 'site-packages', 'venv', 'env', 'build', 'dist', 'cdk.out']);
/** A warm worker checks these files before each run: keep the check cheap. */
const MAX_GRAPH = 300;

/** True when `file` is a Python module. */
export function isPython(file: string): boolean {
  return path.extname(file) === '.py';
}

/**
 * The .py files under the handler's folder (the folder Lambda puts on sys.path): the handler can import
 * any of them, and Python gives no cheap way to know which it did before it runs.
 */
export function pythonGraph(file: string): string[] {
  const out = [file];
  const stack = [path.dirname(file)];
  while (stack.length && out.length < MAX_GRAPH) {
    const dir = stack.pop() as string;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (!SKIP.has(e.name) && !e.name.startsWith('.')) stack.push(p);
      } else if (e.isFile() && e.name.endsWith('.py') && p !== file && out.length < MAX_GRAPH) out.push(p);
    }
  }
  return out;
}

/** Prepares a Python handler file, or says why it cannot run. */
export function preparePython(file: string): PreparedModule | StartFailure {
  const abs = path.resolve(file);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(abs);
  } catch {
    return { kind: 'failedToStart', message: `No such handler file: ${abs}`, location: { file: abs } };
  }
  if (!stat.isFile()) return { kind: 'failedToStart', message: `Not a file: ${abs}`, location: { file: abs } };
  const graph = pythonGraph(abs);
  return { modulePath: abs, esm: false, graph, mtimes: mtimesOf(graph) };
}
