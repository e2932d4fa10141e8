// Thin LSP handlers: find the provider that claims the document, call it, return its answer.
import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { FeatureContext, LanguageFeatureProvider, ProviderHost } from '../core/features/provider';
import type { SettingsCache } from '../workspace/settings';
import type { WorkspaceFolders } from '../workspace/folders';

/** What the handlers need from the server. */
export interface FeatureDeps {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  settings: SettingsCache;
  folders: WorkspaceFolders;
  providers: readonly LanguageFeatureProvider[];
  host: ProviderHost;
  /** Report syntax errors too (clients without their own JavaScript/JSON diagnostics ask for it). */
  reportSyntaxErrors?(): boolean;
}

/** Builds the context for a document and finds its provider; undefined when none claims it. */
export async function routeDocument(
  deps: FeatureDeps,
  uri: string,
): Promise<{ ctx: FeatureContext; provider: LanguageFeatureProvider } | undefined> {
  const document = deps.documents.get(uri);
  if (!document) return undefined;
  const ctx: FeatureContext = {
    document,
    settings: await deps.settings.get(uri),
    relativePath: deps.folders.relativePath(uri),
    host: deps.host,
    ...(deps.reportSyntaxErrors?.() ? { reportSyntaxErrors: true } : {}),
  };
  const provider = deps.providers.find((p) => p.handles(ctx));
  return provider ? { ctx, provider } : undefined;
}

/** Runs a feature call, logging and swallowing any error so one bad document cannot kill the server. */
export async function guarded<T>(deps: FeatureDeps, what: string, fallback: T, fn: () => T | Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    deps.host.log('error', `${what} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    return fallback;
  }
}

/** Registers completion, hover, code action and code lens handlers. */
export function registerFeatureHandlers(deps: FeatureDeps): void {
  const { connection } = deps;
  connection.onCompletion((p) =>
    guarded(deps, 'completion', null, async () => {
      const r = await routeDocument(deps, p.textDocument.uri);
      return (await r?.provider.complete?.(r.ctx, p.position)) ?? null;
    }),
  );
  connection.onHover((p) =>
    guarded(deps, 'hover', null, async () => {
      const r = await routeDocument(deps, p.textDocument.uri);
      return (await r?.provider.hover?.(r.ctx, p.position)) ?? null;
    }),
  );
  connection.onCodeAction((p) =>
    guarded(deps, 'code action', [], async () => {
      const r = await routeDocument(deps, p.textDocument.uri);
      return (await r?.provider.codeActions?.(r.ctx, p.range, p.context)) ?? [];
    }),
  );
  connection.onCodeLens((p) =>
    guarded(deps, 'code lens', [], async () => {
      const r = await routeDocument(deps, p.textDocument.uri);
      return (await r?.provider.codeLenses?.(r.ctx)) ?? [];
    }),
  );
}
