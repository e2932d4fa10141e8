// Finds what an invoke can use in a workspace folder: event files per trigger, handler function exports.
import * as fs from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import { recognizeEvent } from '../events';
import { parseEventText } from './event';

// Dependencies, build output and Python's virtual environments and caches hold no handler or event of the user's.
const SKIP = new Set(['node_modules', '.git', 'dist', 'out', 'build', 'coverage', '.aws-sam', 'cdk.out', '.cache', 'venv', '__pycache__', 'site-packages']);
const MAX_FILES = 5000;
const MAX_BYTES = 512 * 1024;

/** Files under `folder` (relative, '/'-separated) whose name passes `keep`, skipping build and dependency folders. */
export function listFiles(folder: string, keep: (rel: string) => boolean): string[] {
  const out: string[] = [];
  const stack = [''];
  let seen = 0;
  while (stack.length && seen < MAX_FILES) {
    const rel = stack.pop() as string;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(path.join(folder, rel), { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (!SKIP.has(e.name) && !e.name.startsWith('.')) stack.push(r);
      } else if (e.isFile() && ++seen <= MAX_FILES && keep(r)) out.push(r);
    }
  }
  return out.sort();
}

/** An event file and the trigger it is for. */
export interface FoundEvent {
  file: string;
  rel: string;
  triggerId?: string;
  triggerSource?: string;
}

/** The file's text, or undefined when it is unreadable or larger than MAX_BYTES (not worth scanning). */
function readSmallFile(file: string): string | undefined {
  try {
    return fs.statSync(file).size > MAX_BYTES ? undefined : fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** JSON files matching the event globs (or any .json under an `events` folder), recognised by the model. */
export function findEventFiles(folder: string, globs: readonly string[], triggerIds: readonly string[] = []): FoundEvent[] {
  const match = picomatch(globs.length ? [...globs] : ['**/events/**/*.json', '**/*.event.json'], { dot: false });
  const out: FoundEvent[] = [];
  for (const rel of listFiles(folder, (r) => r.endsWith('.json') && match(r))) {
    const file = path.join(folder, rel);
    const text = readSmallFile(file);
    if (text === undefined) continue;
    const parsed = parseEventText(text, file);
    if ('kind' in parsed) continue;
    // Recognised on its own first: an event that states its version (pre token `version`) is that
    // version's event, whatever is asked for. The asked trigger only settles what the event leaves open.
    const own = recognizeEvent(parsed.value);
    const candidates = own.trigger ? [own.trigger.id as string] : own.candidates.map((c) => c.id as string);
    if (triggerIds.length && !candidates.some((c) => triggerIds.includes(c))) continue;
    const asked = candidates.filter((c) => triggerIds.includes(c));
    const rec = !own.trigger && asked.length === 1 && asked[0] ? recognizeEvent(parsed.value, { triggerId: asked[0] }) : own;
    out.push({ file, rel, ...(rec.trigger ? { triggerId: rec.trigger.id } : {}), ...(rec.source ? { triggerSource: rec.source.value } : {}) });
  }
  return out;
}

// `exports.x =`, `module.exports.x =`, `export const x`, `export async function x`, `export { a, b as c }`.
const EXPORT_PATTERNS = [
  /(?:^|[^.\w])(?:module\.)?exports\.([A-Za-z_$][\w$]*)\s*=/g,
  /\bexport\s+(?:const|let|var)\s+([A-Za-z_$][\w$]*)/g,
  /\bexport\s+(?:async\s+)?function\s*\*?\s*([A-Za-z_$][\w$]*)/g,
];

/** Names a module exports, read from its text (a quick scan, not a parse: good enough for pickers). */
export function exportedNames(text: string): string[] {
  const names = new Set<string>();
  for (const re of EXPORT_PATTERNS) for (const m of text.matchAll(re)) if (m[1]) names.add(m[1]);
  for (const m of text.matchAll(/\bexport\s*\{([^}]*)\}/g)) {
    for (const part of (m[1] ?? '').split(',')) {
      const name = part.trim().split(/\s+as\s+/).pop()?.trim();
      if (name && /^[A-Za-z_$][\w$]*$/.test(name)) names.add(name);
    }
  }
  if (/\bexport\s+default\b/.test(text)) names.add('default');
  return [...names];
}

/**
 * Functions a Python module defines at top level (`def name(`), which Lambda can call as `module.name`;
 * `async def` too, so that picking one shows why Lambda cannot use it. Private `_names` are left out.
 */
export function pythonFunctionNames(text: string): string[] {
  return [...new Set([...text.matchAll(/^(?:async[ \t]+)?def[ \t]+([A-Za-z]\w*)[ \t]*\(/gm)].map((m) => m[1] as string))];
}

/** The names a handler file offers to invoke: JS/TS exports, or a Python module's functions. */
export function handlerNames(file: string, text: string): string[] {
  return path.extname(file) === '.py' ? pythonFunctionNames(text) : exportedNames(text);
}

/** Handler-looking exports in JS/TS and Python files of the folder: files mentioning Cognito triggers first. */
export function findHandlerExports(folder: string): { file: string; rel: string; handlerName: string }[] {
  const out: { file: string; rel: string; handlerName: string; score: number }[] = [];
  // Python tests (test_*.py, *_test.py, conftest.py) hold no handlers.
  const isTest = (r: string): boolean => /\.d\.ts$|\.test\.|\.spec\./.test(r) || /(^|\/)(test_[^/]*|[^/]*_test|conftest)\.py$/.test(r);
  for (const rel of listFiles(folder, (r) => /\.((c|m)?(j|t)s|py)$/.test(r) && !isTest(r))) {
    const file = path.join(folder, rel);
    const text = readSmallFile(file);
    if (text === undefined) continue;
    const score = /triggerSource|TriggerHandler|TriggerEvent|userPoolId|datasetRecords/.test(text) ? 0 : 1;
    for (const handlerName of handlerNames(file, text)) out.push({ file, rel, handlerName, score });
  }
  return out.sort((a, b) => a.score - b.score || a.rel.localeCompare(b.rel)).map(({ file, rel, handlerName }) => ({ file, rel, handlerName }));
}
