// The seam between the language server and each area of analysis (event JSON, handler code).
// The server routes every LSP feature request to the first provider that claims the document.
import type {
  CodeAction,
  CodeActionContext,
  CodeLens,
  CompletionList,
  Diagnostic,
  Hover,
  Position,
  Range,
} from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Settings } from '../settings';
import { plainText } from '../protocol/plainText';

/** Host services a provider may use; the server and the CLI inject their own. */
export interface ProviderHost {
  /** Logs to the host's log (server: connection.console; CLI: stderr when verbose). */
  log(level: 'trace' | 'info' | 'warn' | 'error', message: string): void;
}

/** Everything a provider needs to answer for one document. */
export interface FeatureContext {
  readonly document: TextDocument;
  readonly settings: Settings;
  /** Path of the document relative to its workspace folder, '/'-separated, for glob settings. */
  readonly relativePath: string;
  readonly host: ProviderHost;
  /** Report syntax errors too (the CLI; in the editor VS Code's own JS/TS and JSON support shows them). */
  readonly reportSyntaxErrors?: boolean;
}

/** One area of analysis. Every method must return quickly and never throw for bad input. */
export interface LanguageFeatureProvider {
  /** A short name for logs ("event-json", "handler-code"). */
  readonly name: string;
  /** True when this provider answers for the document. Cheap: called on every request. */
  handles(ctx: FeatureContext): boolean;
  complete?(ctx: FeatureContext, position: Position): CompletionList | null | Promise<CompletionList | null>;
  hover?(ctx: FeatureContext, position: Position): Hover | null | Promise<Hover | null>;
  diagnose?(ctx: FeatureContext): Diagnostic[] | Promise<Diagnostic[]>;
  codeActions?(ctx: FeatureContext, range: Range, context: CodeActionContext): CodeAction[] | Promise<CodeAction[]>;
  codeLenses?(ctx: FeatureContext): CodeLens[] | Promise<CodeLens[]>;
  /** The document was closed: drop caches. */
  forget?(uri: string): void;
  /** Something every analysis depends on changed (the IaC wiring): drop all caches. */
  forgetAll?(): void;
  /** The handlers of the document and the trigger(s) each serves (the CLI's `check --json`). */
  describe?(ctx: FeatureContext): HandlerReport[] | Promise<HandlerReport[]>;
}

/** One handler of a document as inference sees it. */
export interface HandlerReport {
  /** The export Lambda calls (`handler`, `default`, `lambda_handler`). */
  readonly export: string;
  /** 1-based line of the export. */
  readonly line: number;
  /** The inferred trigger ids, strongest signal first; empty when nothing says which trigger it serves. */
  readonly triggers: readonly string[];
  /** The signal that decided (`type`, `comment`, `binding` = bindings file or IaC wiring, ...). */
  readonly signal?: string;
  /** Why, as the hover's "Why:" line says it. */
  readonly reasons: readonly string[];
}

/**
 * The provider boundary: no input may make a provider throw. Each method of `p` is wrapped so that an
 * error (a defect, since inputs are user text) is logged with the document and answered with nothing,
 * instead of failing every feature of the document or aborting a CLI `check`.
 */
export function guardProvider(p: LanguageFeatureProvider): LanguageFeatureProvider {
  const fail = (ctx: FeatureContext, what: string, e: unknown): void => {
    ctx.host.log('error', `${p.name} ${what} failed for ${ctx.document.uri}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  };
  const wrap =
    <A extends unknown[], R>(what: string, fn: ((ctx: FeatureContext, ...a: A) => R | Promise<R>) | undefined, fallback: R) =>
    fn &&
    (async (ctx: FeatureContext, ...a: A): Promise<R> => {
      try {
        return await fn.call(p, ctx, ...a);
      } catch (e) {
        fail(ctx, what, e);
        return fallback;
      }
    });
  const guarded: LanguageFeatureProvider = {
    name: p.name,
    handles: (ctx) => {
      try {
        return p.handles(ctx);
      } catch (e) {
        fail(ctx, 'handles', e);
        return false;
      }
    },
    ...(p.forget ? { forget: (uri: string) => p.forget?.(uri) } : {}),
    ...(p.forgetAll ? { forgetAll: () => p.forgetAll?.() } : {}),
  };
  const complete = wrap('completion', p.complete, null);
  const hover = wrap('hover', p.hover, null);
  const rawDiagnose = wrap('diagnostics', p.diagnose, []);
  // The Problems panel, the CLI and SARIF show messages as plain text: no Markdown code spans.
  const diagnose = rawDiagnose && (async (ctx: FeatureContext) => (await rawDiagnose(ctx)).map((d) => (typeof d.message === 'string' ? { ...d, message: plainText(d.message) } : d)));
  const codeActions = wrap('code actions', p.codeActions, []);
  const codeLenses = wrap('code lenses', p.codeLenses, []);
  const describe = wrap('handler description', p.describe, []);
  return { ...guarded, ...(complete ? { complete } : {}), ...(hover ? { hover } : {}), ...(diagnose ? { diagnose } : {}), ...(codeActions ? { codeActions } : {}), ...(codeLenses ? { codeLenses } : {}), ...(describe ? { describe } : {}) };
}
