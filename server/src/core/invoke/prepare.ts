// Turns a handler file into something the runner can load: format detection, TypeScript compiled with
// esbuild (bundling local imports, inline source map, cached by the module graph's mtimes).
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import type { InvokeOutcome } from '../protocol/invokeResult';

/** A loadable module and the files it was built from (for reload checks). */
export interface PreparedModule {
  modulePath: string;
  esm: boolean;
  /** Source files whose change requires a reload; filled lazily for JavaScript. */
  graph: string[];
  /** mtimes of `graph` when prepared. */
  mtimes: number[];
}

type StartFailure = Extract<InvokeOutcome, { kind: 'failedToStart' }>;
type EsbuildModule = typeof import('esbuild');

const TS = new Set(['.ts', '.mts', '.cts', '.tsx']);
const JS = new Set(['.js', '.mjs', '.cjs', '.jsx']);
let esbuild: EsbuildModule | undefined;

/**
 * esbuild, loaded at run time (it cannot be bundled: it drives a native binary for this platform):
 * ours when installed beside the extension or CLI, else the handler project's own.
 */
function loadEsbuild(handlerFile: string): EsbuildModule {
  if (esbuild) return esbuild;
  for (const from of [__filename, handlerFile]) {
    try {
      esbuild = createRequire(from)('esbuild') as EsbuildModule;
      return esbuild;
    } catch {
      // try the next place
    }
  }
  throw new Error('TypeScript handlers are compiled with esbuild, which was not found. Install it in the handler\'s project: npm install --save-dev esbuild');
}

/** True when `file` is TypeScript. */
export function isTypeScript(file: string): boolean {
  return TS.has(path.extname(file));
}

/** The `type` of the nearest package.json: decides whether `.js`/`.ts` files are ES modules. */
export function packageType(dir: string): 'module' | 'commonjs' {
  for (let d = dir; ; d = path.dirname(d)) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(d, 'package.json'), 'utf8')) as { type?: string };
      return pkg.type === 'module' ? 'module' : 'commonjs';
    } catch {
      // No (readable) package.json here: look further up.
    }
    if (path.dirname(d) === d) return 'commonjs';
  }
}

/** Current mtimes (0 for a vanished file). */
export function mtimesOf(files: readonly string[]): number[] {
  return files.map((f) => {
    try {
      return fs.statSync(f).mtimeMs;
    } catch {
      return 0;
    }
  });
}

/** True when a file of the graph changed since it was prepared. */
export function isStale(m: PreparedModule): boolean {
  const now = mtimesOf(m.graph);
  return now.some((t, i) => t !== m.mtimes[i]);
}

/**
 * Where compiled handlers go: under the nearest node_modules/.cache so that the handler's own
 * `require('pkg')` still resolves from there; the temp folder when the project has no node_modules.
 */
function cacheDirFor(file: string): string {
  for (let d = path.dirname(file); ; d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, 'node_modules'))) return path.join(d, 'node_modules', '.cache', 'cognito-triggers');
    if (path.dirname(d) === d) return path.join(os.tmpdir(), 'cognito-triggers-cache');
  }
}

const compiled = new Map<string, PreparedModule>();

function location(file: string, l?: { file: string; line: number; column: number } | null): StartFailure['location'] {
  return l ? { file: path.resolve(l.file), line: l.line, column: l.column + 1 } : { file };
}

/** Compiles a TypeScript handler (local imports bundled, packages left to Node) unless the cached build is current. */
async function compileTs(file: string): Promise<PreparedModule | StartFailure> {
  const cached = compiled.get(file);
  if (cached && !isStale(cached) && fs.existsSync(cached.modulePath)) return cached;
  const esm = path.extname(file) === '.mts' || (path.extname(file) !== '.cts' && packageType(path.dirname(file)) === 'module');
  const hash = createHash('sha1').update(file).digest('hex').slice(0, 12);
  const outfile = path.join(cacheDirFor(file), `${path.basename(file).replace(/\.[^.]+$/, '')}-${hash}${esm ? '.mjs' : '.cjs'}`);
  try {
    const r = await loadEsbuild(file).build({
      entryPoints: [file],
      outfile,
      bundle: true,
      packages: 'external',
      platform: 'node',
      target: 'node20',
      format: esm ? 'esm' : 'cjs',
      sourcemap: 'inline',
      metafile: true,
      logLevel: 'silent',
      write: true,
    });
    const graph = Object.keys(r.metafile.inputs).map((f) => path.resolve(f));
    const m: PreparedModule = { modulePath: outfile, esm, graph, mtimes: mtimesOf(graph) };
    compiled.set(file, m);
    return m;
  } catch (e) {
    const err = (e as { errors?: { text: string; location?: { file: string; line: number; column: number } | null }[] }).errors?.[0];
    if (!err) return { kind: 'failedToStart', message: `TypeScript handler not compiled: ${(e as Error).message}`, location: { file } };
    return { kind: 'failedToStart', message: `TypeScript error: ${err.text}`, location: location(file, err.location) };
  }
}

/** The local files a JavaScript handler imports, found by esbuild without writing anything. */
export async function javascriptGraph(file: string): Promise<string[]> {
  try {
    const r = await loadEsbuild(file).build({ entryPoints: [file], bundle: true, packages: 'external', platform: 'node', write: false, metafile: true, logLevel: 'silent' });
    return Object.keys(r.metafile.inputs).map((f) => path.resolve(f));
  } catch {
    return [file];
  }
}

/** Prepares the handler file for the runner, or says why it cannot run. */
export async function prepareModule(file: string): Promise<PreparedModule | StartFailure> {
  const abs = path.resolve(file);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(abs);
  } catch {
    return { kind: 'failedToStart', message: `No such handler file: ${abs}`, location: { file: abs } };
  }
  if (!stat.isFile()) return { kind: 'failedToStart', message: `Not a file: ${abs}`, location: { file: abs } };
  const ext = path.extname(abs);
  if (TS.has(ext)) return compileTs(abs);
  if (!JS.has(ext)) return { kind: 'failedToStart', message: `Not a JavaScript or TypeScript file: ${abs}`, location: { file: abs } };
  const esm = ext === '.mjs' || (ext === '.js' && packageType(path.dirname(abs)) === 'module');
  return { modulePath: abs, esm, graph: [abs], mtimes: [stat.mtimeMs] };
}
