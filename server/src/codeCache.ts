// Runs a CommonJS bundle through V8's code cache (Node 20 has no module.enableCompileCache): the bytecode of
// the language server's bundle is kept in a per-user cache folder, so a start need not compile it again.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import Module, { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';

/**
 * Every cache file starts with this tag and the SHA-256 of the V8 data after it. Why our own checksum:
 * V8 checks a code cache's version, flags and length but, in release builds, not its bytes, and a cache
 * with damaged bytes aborts the process ("Fatal error ... unreachable code" in the deserializer).
 */
const MAGIC = Buffer.from('CTCC0001');
const HEADER = MAGIC.length + 32;
/** Cache files kept per folder: a few builds (an update, a dev build beside the installed one), not every one. */
const KEEP = 4;

/** What happened to the cache at this start (for the debug log and tests). */
export type CacheOutcome = 'off' | 'none' | 'used' | 'rejected' | 'damaged';

/**
 * The folder for cache files: COGNITO_TRIGGERS_CACHE_DIR, else the platform's per-user cache folder.
 * COGNITO_TRIGGERS_CODE_CACHE=off turns the cache off.
 */
export function codeCacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.COGNITO_TRIGGERS_CODE_CACHE === 'off') return undefined;
  if (env.COGNITO_TRIGGERS_CACHE_DIR) return env.COGNITO_TRIGGERS_CACHE_DIR;
  try {
    if (process.platform === 'win32') return path.join(env.LOCALAPPDATA ?? path.join(os.homedir(), 'AppData', 'Local'), 'cognito-triggers', 'Cache');
    if (process.platform === 'darwin') return path.join(os.homedir(), 'Library', 'Caches', 'cognito-triggers');
    return path.join(env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'cognito-triggers');
  } catch {
    return undefined; // no home folder: run without a cache
  }
}

/**
 * The cache file for this bundle text under this Node (version, architecture and V8 flags: V8 rejects a
 * cache made under other flags, and two kinds of start sharing one file would replace it at every start).
 */
function cacheFileName(base: string, source: string): string {
  const bundle = createHash('sha256').update(source).digest('hex').slice(0, 16);
  const node = createHash('sha256').update(`${process.version} ${process.arch} ${process.execArgv.join(' ')}`).digest('hex').slice(0, 8);
  return `${base}-${bundle}-${node}.v8cache`;
}

/** The V8 data in `file` if its checksum holds; undefined for a missing, short or damaged file. */
function readCache(file: string): { data?: Buffer; damaged: boolean } {
  let raw: Buffer;
  try {
    raw = fs.readFileSync(file);
  } catch {
    return { damaged: false };
  }
  const data = raw.subarray(HEADER);
  const ok = raw.length > HEADER && raw.subarray(0, MAGIC.length).equals(MAGIC) && createHash('sha256').update(data).digest().equals(raw.subarray(MAGIC.length, HEADER));
  return ok ? { data, damaged: false } : { damaged: true };
}

/** Writes the cache atomically (a reader never sees half a file) and drops the oldest files past KEEP. */
function writeCache(file: string, data: Buffer): void {
  const dir = path.dirname(file);
  fs.mkdirSync(dir, { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, Buffer.concat([MAGIC, createHash('sha256').update(data).digest(), data]));
  fs.renameSync(tmp, file);
  const prefix = path.basename(file).split('-')[0] ?? '';
  const others = fs
    .readdirSync(dir)
    .filter((f) => f.startsWith(`${prefix}-`) && f.endsWith('.v8cache'))
    .map((f) => ({ f, t: fs.statSync(path.join(dir, f)).mtimeMs }))
    .sort((a, b) => b.t - a.t);
  for (const { f } of others.slice(KEEP)) fs.rmSync(path.join(dir, f), { force: true });
}

/**
 * Loads `bundle` as the CommonJS module it is (its own `require`, `module`, `__filename`, `__dirname`),
 * compiled from the code cache when one matches. Without one (or when V8 rejects it) the cache is written
 * when the process exits, so it holds the functions the run compiled, not only the top level. Any problem
 * with the cache (unreadable, damaged, foreign, unwritable folder) only means compiling as usual.
 */
export function runWithCodeCache(bundle: string, parent: NodeJS.Module | undefined, env: NodeJS.ProcessEnv = process.env): CacheOutcome {
  const source = fs.readFileSync(bundle, 'utf8').replace(/^#!.*/, '');
  const dir = codeCacheDir(env);
  const file = dir === undefined ? undefined : path.join(dir, cacheFileName(path.basename(bundle, '.js'), source));
  const cached = file === undefined ? { damaged: false } : readCache(file);
  const script = new vm.Script(Module.wrap(source), { filename: bundle, cachedData: cached.data });
  const outcome: CacheOutcome = file === undefined ? 'off' : cached.damaged ? 'damaged' : !cached.data ? 'none' : script.cachedDataRejected ? 'rejected' : 'used';
  if (env.COGNITO_TRIGGERS_DEBUG) process.stderr.write(`code cache: ${outcome}${file ? ` (${file})` : ''}\n`);
  if (file !== undefined && outcome !== 'used') {
    process.once('exit', () => {
      try {
        writeCache(file, script.createCachedData());
      } catch (e) {
        if (env.COGNITO_TRIGGERS_DEBUG) process.stderr.write(`code cache not written: ${e instanceof Error ? e.message : String(e)}\n`);
      }
    });
  }
  const mod = new Module(bundle, parent);
  mod.filename = bundle;
  const run = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: Module, filename: string, dirname: string) => void;
  run.call(mod.exports, mod.exports, createRequire(bundle), mod, bundle, path.dirname(bundle));
  mod.loaded = true;
  return outcome;
}
