// Reads the workspace bindings file (cognito-triggers.json) for handler-code trigger hints, cached by mtime.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { parseBindingsFile, type BindingEntry } from '../core/bindings/file';
import { readBindingsText } from '../core/bindings/read';
import type { FeatureContext } from '../core/features/provider';
import type { BindingHint } from '../core/handler/description';
import { getTrigger } from '../core/model';
import { wiringHints } from './wiring';

const cache = new Map<string, { mtimeMs: number; entries: BindingEntry[] }>();

/** The workspace folder of a document, from its path and its folder-relative path. */
function folderOf(ctx: FeatureContext): string | undefined {
  const uri = URI.parse(ctx.document.uri);
  if (uri.scheme !== 'file') return undefined;
  const full = uri.fsPath.replace(/\\/g, '/');
  const rel = ctx.relativePath;
  // relativePath is the absolute path (minus its leading '/') when the document is outside every folder.
  if (!rel || !full.endsWith(`/${rel}`) || full.replace(/^\//, '') === rel) return undefined;
  return full.slice(0, full.length - rel.length - 1);
}

/** Entries of the bindings file in `folder`; none when it is missing or unreadable (the bindings area reports errors). */
async function entries(folder: string, setting: string): Promise<BindingEntry[]> {
  const file = path.resolve(folder, setting || 'cognito-triggers.json');
  try {
    const st = await fs.stat(file);
    const hit = cache.get(file);
    if (hit && hit.mtimeMs === st.mtimeMs) return hit.entries;
    // Inside the folder, regular, size-capped: the setting may come from an untrusted repository.
    const read = readBindingsText(folder, setting);
    if (!read.ok) return [];
    const parsed = parseBindingsFile(read.text, (id) => !!getTrigger(id));
    cache.set(file, { mtimeMs: st.mtimeMs, entries: parsed.entries });
    return parsed.entries;
  } catch {
    return [];
  }
}

/**
 * Triggers stated for the handlers of the document (FeatureContext → hints): the bindings file, an
 * explicit override, first; then the IaC wiring for the handlers the file does not mention.
 */
export async function bindingHints(ctx: FeatureContext): Promise<BindingHint[]> {
  const folder = folderOf(ctx);
  if (!folder) return [];
  const stated = (await entries(folder, ctx.settings.bindingsFile)).filter((e) => e.file === ctx.relativePath && e.trigger).map((e) => ({ handler: e.handler, trigger: e.trigger as string }));
  const wired = (await wiringHints(ctx)).filter((w) => !stated.some((s) => s.handler === w.handler));
  return [...stated, ...wired];
}
