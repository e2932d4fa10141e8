// Language server side of New Trigger Handler: plans the files, reports which exist, writes the agreed ones.
import { URI } from 'vscode-uri';
import { ScaffoldHandlerRequest } from '../core/protocol';
import { planScaffold, writeScaffold, type PlannedFile } from '../core/scaffold';
import type { RequestDeps } from './index';
import { onRequest } from './typed';

/** Registers `cognitoTriggers/scaffoldHandler`. Writing files runs no workspace code, so trust is not needed. */
export function registerScaffoldRequests({ connection }: RequestDeps): void {
  onRequest(connection, ScaffoldHandlerRequest.type, (p): ScaffoldHandlerRequest.Result => {
    const folder = URI.parse(p.folderUri).fsPath;
    let files: PlannedFile[];
    try {
      files = planScaffold({ folder, triggerId: p.triggerId, sources: p.sources, language: p.language, ...(p.name ? { name: p.name } : {}) });
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
