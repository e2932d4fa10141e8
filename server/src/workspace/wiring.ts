// The IaC wiring of each workspace folder for the server: one cache per folder, read on first use,
// refreshed file by file from workspace/didChangeWatchedFiles; the trigger hints it gives handler files.
import { URI } from 'vscode-uri';
import type { FeatureContext } from '../core/features/provider';
import type { BindingHint } from '../core/handler/description';
import { WiringCache, wiredFor, type WiredHandler, type WiringFs, type WiringResult } from '../core/wiring';
import { nodeWiringFs } from '../core/wiring/nodeFs';

const caches = new Map<string, WiringCache>();

/** Globs of the files the wiring reads, for the file watcher the server asks the client for. */
export const WIRING_GLOBS = ['**/serverless.{yml,yaml,json,ts,js}', '**/*.{yml,yaml,json,template,tf}', '**/*.{ts,js,mjs,cjs,py}'];

/** The folder's cache (created on first use). `folder` is a file system path. */
export function wiringCache(folder: string): WiringCache {
  let c = caches.get(folder);
  if (!c) caches.set(folder, (c = new WiringCache(nodeWiringFs(folder))));
  return c;
}

/** Reads the folder's wiring through `fs` from now on (a fresh cache): the CLI's `check` shares what it reads. */
export function useWiringFs(folder: string, fs: WiringFs): void {
  caches.set(folder, new WiringCache(fs));
}

/** The folder's wiring; empty (never throws) when it cannot be read. */
export async function folderWiring(folder: string): Promise<WiringResult> {
  try {
    return await wiringCache(folder).read();
  } catch {
    return { handlers: [], unresolved: [], files: [] };
  }
}

/**
 * A file changed on disk: tells the caches of the folders that hold it. Returns true when the
 * change can alter the wiring (an IaC file, or a file created or deleted that a binding may name).
 */
export function wiringFileChanged(uri: string, change: 'created' | 'changed' | 'deleted'): boolean {
  const p = URI.parse(uri);
  if (p.scheme !== 'file') return false;
  const file = p.fsPath.replace(/\\/g, '/');
  let affected = false;
  for (const [folder, cache] of caches) {
    const f = folder.replace(/\\/g, '/');
    if (!file.startsWith(`${f}/`)) continue;
    const rel = file.slice(f.length + 1);
    const before = cache.known();
    cache.updateFile(rel, change);
    affected ||= change !== 'changed' || before.has(rel);
  }
  return affected;
}

/** The document's workspace folder (file system path), from its path and its folder-relative path. */
export function folderOfDocument(ctx: FeatureContext): string | undefined {
  const uri = URI.parse(ctx.document.uri);
  if (uri.scheme !== 'file') return undefined;
  const full = uri.fsPath.replace(/\\/g, '/');
  const rel = ctx.relativePath;
  if (!rel || !full.endsWith(`/${rel}`) || full.replace(/^\//, '') === rel) return undefined;
  return full.slice(0, full.length - rel.length - 1);
}

/** `serverless.yml:42 binds functions.preSignUp to PreSignUp of UserPool` for a wired handler. */
export function whyOf(h: WiredHandler): string {
  const e = h.evidence.find((x) => x.fact === 'trigger');
  const v = h.lambdaVersion && h.evidence.find((x) => x.fact === 'lambdaVersion');
  return `${e ? `${e.file}:${e.line} ${e.text}` : `${h.kind} wiring binds it to ${h.trigger}`}${v ? ` (${v.file}:${v.line} ${v.text})` : ''}`;
}

/** The triggers the folder's IaC wires to the document's handlers, as binding hints with a link to the IaC line. */
export async function wiringHints(ctx: FeatureContext): Promise<BindingHint[]> {
  const folder = folderOfDocument(ctx);
  if (!folder) return [];
  const wired = wiredFor(await folderWiring(folder), ctx.relativePath);
  return wired.map((h) => {
    const e = h.evidence.find((x) => x.fact === 'trigger');
    return { handler: h.export, trigger: h.trigger, why: whyOf(h), ...(e ? { at: { uri: URI.file(`${folder}/${e.file}`).toString(), line: e.line } } : {}) };
  });
}
