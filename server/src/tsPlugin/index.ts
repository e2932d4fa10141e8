// TypeScript server plugin: drops TypeScript's completion rows and diagnostics that the Cognito Triggers
// language server already gives for handler code, so a typed handler shows one row per field (ours, with
// the Cognito docs and the per-branch narrowing) and one diagnostic per problem. No vscode import: it runs
// inside tsserver (VS Code loads it through contributes.typescriptServerPlugins; any editor can through tsconfig).
import type ts from 'typescript';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { duplicatedCompletionNames, duplicatedDiagnostics } from '../core/features/handlerCode/overlap';
import { analyzeDocument } from '../core/handler/analyze';
import { offsetMapper } from '../core/handler/offsets';
import type { DocumentAnalysis } from '../core/handler/description';

/** Language ids by file extension, as the language server sees them. */
const LANGUAGE_BY_EXT: Readonly<Record<string, string>> = {
  '.js': 'javascript',
  '.cjs': 'javascript',
  '.mjs': 'javascript',
  '.jsx': 'javascriptreact',
  '.ts': 'typescript',
  '.cts': 'typescript',
  '.mts': 'typescript',
  '.tsx': 'typescriptreact',
};

interface Entry {
  version: string;
  text: string;
  analysis: DocumentAnalysis;
}

/** What the plugin needs of a file: its text and an analysis (the last parsable one, as the language server keeps). */
interface Snapshot {
  doc: TextDocument;
  analysis: DocumentAnalysis;
  toAnalysed: (offset: number) => number;
  fresh: boolean;
}

function languageOf(fileName: string): string | undefined {
  const dot = fileName.lastIndexOf('.');
  return dot >= 0 ? LANGUAGE_BY_EXT[fileName.slice(dot).toLowerCase()] : undefined;
}

function init(modules: { typescript: typeof ts }): ts.server.PluginModule {
  void modules;
  return {
    create(info) {
      const ls = info.languageService;
      const host = info.languageServiceHost;
      const cache = new Map<string, Entry>();
      let versions = 0;
      const log = (message: string) => info.project.projectService.logger.info(`[cognito-triggers] ${message}`);

      const snapshot = (fileName: string): Snapshot | undefined => {
        const languageId = languageOf(fileName);
        const snap = languageId ? host.getScriptSnapshot(fileName) : undefined;
        if (!languageId || !snap) return undefined;
        const version = host.getScriptVersion(fileName);
        const text = snap.getText(0, snap.getLength());
        const doc = TextDocument.create(`file://${fileName}`, languageId, ++versions, text);
        let hit = cache.get(fileName);
        if (!hit || hit.version !== version) {
          const analysis = analyzeDocument({ text, languageId, fileName });
          // A half-typed line does not parse: keep the last good analysis and map offsets, as the server does.
          if (!analysis.unparsed || !hit) cache.set(fileName, (hit = { version, text, analysis }));
          else return { doc, analysis: hit.analysis, toAnalysed: offsetMapper(hit.text, text), fresh: false };
        }
        return { doc, analysis: hit.analysis, toAnalysed: (o) => o, fresh: !hit.analysis.unparsed };
      };

      const proxy = Object.create(null) as ts.LanguageService;
      for (const key of Object.keys(ls) as (keyof ts.LanguageService)[]) {
        const member = ls[key];
        (proxy as unknown as Record<string, unknown>)[key] = typeof member === 'function' ? (...args: unknown[]) => (member as (...a: unknown[]) => unknown).apply(ls, args) : member;
      }

      proxy.getCompletionsAtPosition = (fileName, position, options, formatting) => {
        const prior = ls.getCompletionsAtPosition(fileName, position, options, formatting);
        if (!prior?.entries.length) return prior;
        try {
          const s = snapshot(fileName);
          const drop = s && (s.analysis.handlers.length || s.analysis.cognitoSignal) ? duplicatedCompletionNames(s.doc, position, s) : null;
          if (!drop) return prior;
          return { ...prior, entries: prior.entries.filter((e) => !drop.has(e.name)) };
        } catch (e) {
          log(`completion filter failed, TypeScript's list kept: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
          return prior;
        }
      };

      proxy.getSemanticDiagnostics = (fileName) => {
        const prior = ls.getSemanticDiagnostics(fileName);
        if (!prior.length) return prior;
        try {
          const s = snapshot(fileName);
          // Only a fresh analysis: offsets of an older one would match the wrong diagnostics.
          if (!s?.fresh) return prior;
          const drop = duplicatedDiagnostics(s.doc.getText(), s.analysis, prior);
          return drop.size ? prior.filter((_, i) => !drop.has(i)) : prior;
        } catch (e) {
          log(`diagnostic filter failed, TypeScript's diagnostics kept: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
          return prior;
        }
      };

      log(`loaded for project ${info.project.getProjectName()}`);
      return proxy;
    },
    onConfigurationChanged() {},
  };
}

export = init;
