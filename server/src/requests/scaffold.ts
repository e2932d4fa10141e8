// Language server side of New Trigger Handler: the default folder, the plan (which files exist), writing the agreed ones, and the bindings file entry.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseJsonc } from 'jsonc-parser';
import { URI } from 'vscode-uri';
import { addBindingEntry } from '../core/bindings/edit';
import { parseBindingsFile } from '../core/bindings/file';
import { readBindingsText } from '../core/bindings/read';
import { getTrigger } from '../core/model';
import { AddBindingRequest, ScaffoldDefaultsRequest, ScaffoldHandlerRequest } from '../core/protocol';
import { readSafeFile } from '../core/safeFile';
import { defaultHandlerDir } from '../core/scaffold/location';
import { folderWiring } from '../workspace/wiring';
import { planScaffold, writeScaffold, type PlannedFile } from '../core/scaffold';
import type { RequestDeps } from './index';
import { onRequest } from './typed';

/** Registers `cognitoTriggers/scaffoldHandler`. Writing files runs no workspace code, so trust is not needed. */
export function registerScaffoldRequests({ connection, settings }: RequestDeps): void {
  onRequest(connection, ScaffoldDefaultsRequest.type, async (p): Promise<ScaffoldDefaultsRequest.Result> => {
    const folder = URI.parse(p.folderUri).fsPath;
    const bindingsFile = (await settings.get(p.folderUri)).bindingsFile || 'cognito-triggers.json';
    const read = readBindingsText(folder, bindingsFile);
    const bound = read.ok ? parseBindingsFile(read.text, (id) => getTrigger(id) !== undefined).entries.map((e) => e.file) : [];
    // A broken IaC file or tsconfig only loses its hint: the default falls back to the next source.
    const wired = await folderWiring(folder).then((w) => w.handlers.flatMap((h) => (h.file ? [h.file] : [])), () => []);
    const tsconfig = readSafeFile(path.join(folder, 'tsconfig.json'), { maxBytes: 1024 * 1024, within: folder });
    const include = tsconfig.ok ? (parseJsonc(tsconfig.text) as { include?: unknown } | undefined)?.include : undefined;
    const tsconfigInclude = Array.isArray(include) ? include.filter((x): x is string => typeof x === 'string') : [];
    return { ...defaultHandlerDir({ wired, bound, tsconfigInclude }), bindingsFile };
  });

  onRequest(connection, AddBindingRequest.type, async (p): Promise<AddBindingRequest.Result> => {
    const folder = URI.parse(p.folderUri).fsPath;
    const name = (await settings.get(p.folderUri)).bindingsFile || 'cognito-triggers.json';
    const file = path.resolve(folder, name);
    if (path.relative(folder, file).startsWith('..')) return { ok: false, error: { code: 'bad-bindings-file', message: `The bindings file ${name} is outside the workspace folder; set cognitoTriggers.bindingsFile to a path inside it.` } };
    const read = fs.existsSync(file) ? readBindingsText(folder, name) : undefined;
    if (read && !read.ok) return { ok: false, error: { code: 'bad-bindings-file', message: `${name} was not changed: ${read.message}` } };
    const r = addBindingEntry(read?.text, { file: p.file, handler: p.handler, functionName: p.functionName, ...(p.trigger ? { trigger: p.trigger } : {}) });
    if (!r.ok) return { ok: false, error: { code: 'bad-bindings-file', message: `${name} was not changed: ${r.message}.` } };
    if (!r.already) fs.writeFileSync(file, r.text);
    return { ok: true, uri: URI.file(file).toString(), already: r.already };
  });

  onRequest(connection, ScaffoldHandlerRequest.type, (p): ScaffoldHandlerRequest.Result => {
    const folder = URI.parse(p.folderUri).fsPath;
    let files: PlannedFile[];
    try {
      files = planScaffold({ folder, triggerId: p.triggerId, sources: p.sources, language: p.language, ...(p.name ? { name: p.name } : {}), ...(p.dir !== undefined ? { dir: p.dir } : {}) });
    } catch (e) {
      return { ok: false, error: { code: 'bad-scaffold', message: (e as Error).message } };
    }
    const overwrite = new Set((p.overwrite ?? []).map((u) => URI.parse(u).fsPath));
    let written = new Set<string>();
    if (!p.dryRun) {
      try {
        written = new Set(writeScaffold(files, overwrite));
      } catch (e) {
        return { ok: false, error: { code: 'write-failed', message: `Could not write the files: ${(e as Error).message}` } };
      }
    }
    return {
      ok: true,
      files: files.map((f) => ({ uri: URI.file(f.path).toString(), label: f.rel, role: f.role, exists: f.exists, written: written.has(f.path) })),
    };
  });
}
