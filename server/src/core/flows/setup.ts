// The pool of a folder for a flow run (its wiring, bindings file, a described pool and explicit bindings),
// shared by the CLI and the language server; every input problem is a PoolConfigError saying what to fix.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseBindingsFile, type BindingEntry } from '../bindings/file';
import { MAX_BINDINGS_BYTES } from '../bindings/read';
import { readSafeFile } from '../safeFile';
import { getTrigger } from '../model';
import { readWiring } from '../wiring';
import { boundFromWiring, PoolConfigError, resolvePool, type BoundHandler, type PoolConfig } from './pool';

/** What the pool of a folder is made from. */
export interface FolderPoolInputs {
  folder: string;
  /** Absolute path of the bindings file (a missing file binds nothing). */
  bindingsFile: string;
  /** Parsed DescribeUserPool JSON (`--pool`). */
  described?: unknown;
  /** What names it in messages (default `--pool`). */
  describedFrom?: string;
  /** `--trigger` bindings: they win. */
  overrides?: readonly BoundHandler[];
  /** Read the bindings file only inside the folder (it is named by a setting the repository may set). */
  confine?: boolean;
  /** Read the project's infrastructure code (serverless.yml, SAM, CDK, Terraform, Amplify); default true. */
  wiring?: boolean;
}

/** The bindings file's entries (missing file = none), read as a regular file of at most 1 MB. */
export function bindingsOf(file: string, within: string | undefined): BindingEntry[] {
  const read = readSafeFile(file, { maxBytes: MAX_BINDINGS_BYTES, ...(within ? { within } : {}) });
  if (!read.ok) {
    if (read.reason === 'missing') return [];
    throw new PoolConfigError(read.message);
  }
  const parsed = parseBindingsFile(read.text, (id) => !!getTrigger(id));
  if (parsed.errors.length) throw new PoolConfigError(`${file}: ${parsed.errors.map((e) => `${e.path ? `${e.path}: ` : ''}${e.message}`).join('; ')}`);
  return parsed.entries;
}

/** The pool for a flow in `folder`; every bound handler file exists. */
export async function poolOfFolder(i: FolderPoolInputs): Promise<PoolConfig> {
  const pool = resolvePool({
    ...(i.described !== undefined ? { described: i.described } : {}),
    ...(i.describedFrom ? { describedFrom: i.describedFrom } : {}),
    bindings: bindingsOf(i.bindingsFile, i.confine ? i.folder : undefined),
    wired: i.wiring === false ? [] : boundFromWiring((await readWiring(i.folder)).handlers, i.folder),
    overrides: i.overrides ?? [],
    folder: i.folder,
  });
  for (const h of Object.values(pool.triggers)) {
    if (h && !fs.existsSync(h.file)) throw new PoolConfigError(`${h.trigger.id} (from ${h.from}): no such handler file ${path.relative(i.folder, h.file) || h.file}.`);
  }
  return pool;
}
