// Publishes diagnostics for open documents: coalesces bursts of edits and drops results for stale versions.
import type { Diagnostic } from 'vscode-languageserver/node';
import { applySuppressions } from '../core/features/suppression';
import { guarded, routeDocument, type FeatureDeps } from './features';

/** Schedules validation of documents and publishes the results. */
export class DiagnosticsScheduler {
  private readonly pending = new Map<string, NodeJS.Immediate>();

  constructor(private readonly deps: FeatureDeps) {}

  /** Validates the document soon; a newer request for the same URI replaces this one. */
  schedule(uri: string): void {
    const old = this.pending.get(uri);
    if (old) clearImmediate(old);
    // setImmediate, not a timer: no fixed delay, yet a burst of changes in one tick validates once.
    this.pending.set(
      uri,
      setImmediate(() => {
        this.pending.delete(uri);
        void this.validate(uri);
      }),
    );
  }

  /** Validates every open document (after a settings change or trust change). */
  scheduleAll(): void {
    for (const d of this.deps.documents.all()) this.schedule(d.uri);
  }

  /** Clears the document's diagnostics (closed). */
  clear(uri: string): void {
    const old = this.pending.get(uri);
    if (old) clearImmediate(old);
    this.pending.delete(uri);
    void this.deps.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  private async validate(uri: string): Promise<void> {
    const version = this.deps.documents.get(uri)?.version;
    const diagnostics = await guarded<Diagnostic[]>(this.deps, `diagnostics of ${uri}`, [], async () => {
      const r = await routeDocument(this.deps, uri);
      if (!r) return [];
      // Inline suppression comments apply in the editor as in `check`: the same answers in both.
      return applySuppressions(r.ctx.document.getText(), r.ctx.document.languageId, (await r.provider.diagnose?.(r.ctx)) ?? []).diagnostics;
    });
    const now = this.deps.documents.get(uri);
    if (!now || now.version !== version) return; // a newer edit will publish
    await this.deps.connection.sendDiagnostics({ uri, version, diagnostics });
  }
}
