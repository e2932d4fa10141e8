// The scaffold on disk: which files a new handler gets (handler, sample events, test) and writing them
// without ever overwriting a file the user did not agree to.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { sampleEvent } from '../events';
import { getTrigger } from '../model/registry';
import { samplePath } from '../payload/samples';
import { packageType } from '../invoke/prepare';
import { pythonTestTemplate, snakeCase } from './python/templates';
import { handlerTemplate, sampleFieldsFor, testTemplate, type ScaffoldLanguage } from './templates';

/** One file of a scaffold. */
export interface PlannedFile {
  /** Absolute path. */
  path: string;
  /** Relative to the folder, '/'-separated. */
  rel: string;
  role: 'handler' | 'event' | 'test';
  content: string;
  exists: boolean;
}

/** What to scaffold. */
export interface ScaffoldOptions {
  folder: string;
  triggerId: string;
  sources: readonly string[];
  language: ScaffoldLanguage;
  /** Base name of the handler file (default: the trigger id in lowerCamelCase). */
  name?: string;
  /** Folder of the handler file, relative to `folder`, '/'-separated ('' = the folder itself; default `src`). */
  dir?: string;
}

const posix = (p: string): string => p.split(path.sep).join('/');

/** The files a scaffold writes; throws with a clear message for an unknown trigger or source. */
export function planScaffold(o: ScaffoldOptions): PlannedFile[] {
  const t = getTrigger(o.triggerId);
  if (!t) throw new Error(`Unknown trigger "${o.triggerId}".`);
  const bad = o.sources.filter((s) => !t.sources.some((x) => x.value === s));
  if (bad.length) throw new Error(`${bad.join(', ')} ${bad.length > 1 ? 'are not triggerSources' : 'is not a triggerSource'} of ${t.id}: ${t.sources.map((s) => s.value).join(', ')}.`);
  const python = o.language === 'py' || o.language === 'py-powertools';
  const name = o.name ?? (python ? snakeCase(t.id) : `${t.id[0]?.toLowerCase()}${t.id.slice(1)}`);
  if (python && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`"${name}" is not a usable Python module name (letters, digits and _, not starting with a digit).`);
  if (!/^[A-Za-z0-9_.-]+$/.test(name)) throw new Error(`"${name}" is not a usable file name (letters, digits, _ . - only).`);
  const dir = (o.dir ?? 'src').replace(/\\/g, '/').replace(/^\.\/|\/+$/g, '');
  if (dir.startsWith('/') || /^[A-Za-z]:/.test(dir) || dir.split('/').some((p) => p === '..' || p === '.') || !/^[A-Za-z0-9_.\-/ ]*$/.test(dir)) {
    throw new Error(`"${o.dir}" is not a folder inside the workspace folder: give a relative path such as src/handlers (letters, digits, _ . - and /).`);
  }
  const inDir = (file: string): string => (dir ? `${dir}/${file}` : file);
  const sources = o.sources.length ? o.sources : [t.sources[0]?.value ?? ''];
  const events = sources.map((s) => ({ rel: samplePath(t.id, s), event: { ...sampleEvent(t.id, s), ...sampleFieldsFor(t.id) } }));
  if (python) return withExistence(o.folder, pythonFiles(t.id, name, dir, o.language === 'py-powertools', events));
  // A CommonJS `.js` file would be loaded as ESM in a "type": "module" package: use .cjs there.
  const moduleType = packageType(o.folder) === 'module';
  const ext = o.language === 'ts' ? '.ts' : o.language === 'esm' ? '.mjs' : moduleType ? '.cjs' : '.js';
  const handlerRel = inDir(`${name}${ext}`);
  const testRel = `test/${name}.test${ext}`;
  const fromTest = (rel: string): string => posix(path.relative(path.dirname(testRel), rel));
  const handlerImport = o.language === 'ts' ? fromTest(inDir(name)) : fromTest(handlerRel);
  const files: Omit<PlannedFile, 'path' | 'exists'>[] = [
    { rel: handlerRel, role: 'handler', content: handlerTemplate(t.id, o.language) },
    ...events.map((e) => ({ rel: e.rel, role: 'event' as const, content: `${JSON.stringify(e.event, null, 2)}\n` })),
    { rel: testRel, role: 'test', content: testTemplate(t.id, o.language, { handlerImport: handlerImport.startsWith('.') ? handlerImport : `./${handlerImport}`, events: events.map((e) => fromTest(e.rel)), esm: moduleType }) },
  ];
  return withExistence(o.folder, files);
}

/** A Python scaffold: <dir>/<module>.py (Lambda's code root, `src` by default), the events, tests/test_<module>.py. */
function pythonFiles(triggerId: string, module: string, dir: string, powertools: boolean, events: readonly { rel: string; event: unknown }[]): Omit<PlannedFile, 'path' | 'exists'>[] {
  const handlerRel = dir ? `${dir}/${module}.py` : `${module}.py`;
  const testRel = `tests/test_${module}.py`;
  const fromTest = (rel: string): string => posix(path.relative(path.dirname(testRel), rel));
  return [
    { rel: handlerRel, role: 'handler', content: handlerTemplate(triggerId, powertools ? 'py-powertools' : 'py') },
    ...events.map((e) => ({ rel: e.rel, role: 'event' as const, content: `${JSON.stringify(e.event, null, 2)}\n` })),
    { rel: testRel, role: 'test', content: pythonTestTemplate(triggerId, { module, handlerDir: fromTest(dir || '.'), events: events.map((e) => fromTest(e.rel)), powertools }) },
  ];
}

function withExistence(folder: string, files: readonly Omit<PlannedFile, 'path' | 'exists'>[]): PlannedFile[] {
  return files.map((f) => {
    const abs = path.join(folder, ...f.rel.split('/'));
    return { ...f, path: abs, exists: fs.existsSync(abs) };
  });
}

/** Writes the planned files; an existing file is written only when its path is in `overwrite`. Returns the written paths. */
export function writeScaffold(files: readonly PlannedFile[], overwrite: ReadonlySet<string> = new Set()): string[] {
  const written: string[] = [];
  for (const f of files) {
    if (f.exists && !overwrite.has(f.path)) continue;
    fs.mkdirSync(path.dirname(f.path), { recursive: true });
    // 'wx' refuses to replace a file created since the plan was made; overwriting is explicit.
    fs.writeFileSync(f.path, f.content, { flag: f.exists ? 'w' : 'wx' });
    written.push(f.path);
  }
  return written;
}
