// The Lambda runtime of a handler file: from the IaC wiring, else the cognitoTriggers.runtime setting
// (the CLI's --runtime), else engines.node of the nearest package.json; undefined when nothing says.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import type { FeatureContext } from '../core/features/provider';
import { nodeMajor, runtimeFromEngines, type LambdaRuntime } from '../core/features/handlerCode/runtime';
import { wiredFor } from '../core/wiring';
import { folderWiring } from './wiring';

/** The document's absolute path and its workspace folder (from the folder-relative path), when on disk. */
function locate(ctx: FeatureContext): { file: string; folder?: string } | undefined {
  const uri = URI.parse(ctx.document.uri);
  if (uri.scheme !== 'file') return undefined;
  const file = uri.fsPath;
  const rel = ctx.relativePath;
  const norm = file.replace(/\\/g, '/');
  const inside = !!rel && norm.endsWith(`/${rel}`) && norm.replace(/^\//, '') !== rel;
  return { file, ...(inside ? { folder: norm.slice(0, norm.length - rel.length - 1) } : {}) };
}

/** The runtime the IaC states for this file, with the file:line that says so. */
async function fromWiring(folder: string, rel: string): Promise<LambdaRuntime | undefined> {
  try {
    // The shared per-folder cache, refreshed when an IaC file changes (workspace/wiring.ts).
    const wired = wiredFor(await folderWiring(folder), rel).filter((h) => h.runtime);
    const h = wired[0];
    if (!h?.runtime) return undefined;
    const e = h.evidence.find((x) => x.fact === 'runtime');
    return { id: h.runtime, from: 'iac', evidence: e ? `${e.file}:${e.line}` : h.kind };
  } catch {
    return undefined; // a broken IaC file must not break diagnostics
  }
}

/** The runtime the IaC states for the handler file `rel` of `folder` (local invoke compares it with the local Python). */
export async function wiredRuntime(folder: string, rel: string): Promise<string | undefined> {
  return (await fromWiring(folder, rel))?.id;
}

/** engines.node of the nearest package.json above `file` (up to the folder, or the file system root). */
function fromEngines(file: string, folder: string | undefined): LambdaRuntime | undefined {
  let dir = path.dirname(file);
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg)) {
      try {
        const range = (JSON.parse(fs.readFileSync(pkg, 'utf8')) as { engines?: { node?: unknown } }).engines?.node;
        const id = typeof range === 'string' ? runtimeFromEngines(range) : undefined;
        // The nearest package.json decides, even when its range spans both behaviours (then: unknown).
        return id ? { id, from: 'engines', evidence: `${path.relative(folder ?? dir, pkg).split(path.sep).join('/') || 'package.json'} engines.node "${String(range)}"` } : undefined;
      } catch {
        return undefined;
      }
    }
    const up = path.dirname(dir);
    if (up === dir || (folder && !up.replace(/\\/g, '/').startsWith(folder))) return undefined;
    dir = up;
  }
}

/** The runtime of the document's handlers, strongest source first. */
export async function handlerRuntime(ctx: FeatureContext): Promise<LambdaRuntime | undefined> {
  const where = locate(ctx);
  if (where?.folder) {
    const wired = await fromWiring(where.folder, ctx.relativePath);
    if (wired) return wired;
  }
  const setting = ctx.settings.runtime;
  if (setting && nodeMajor(setting) !== undefined) return { id: setting, from: 'setting', evidence: 'cognitoTriggers.runtime' };
  return where ? fromEngines(where.file, where.folder) : undefined;
}
