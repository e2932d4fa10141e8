// The handler-code provider: documents of every handler front end (handler/analyze.ts), with the last analysis kept per document for fast completion.
import type { CodeAction, CodeActionContext, CodeLens, CompletionList, Diagnostic, Hover, Position, Range } from 'vscode-languageserver-types';
import { analyzeDocument, HANDLER_LANGUAGE_IDS, prepareFrontEnd, type AnalyzeInput } from '../../handler/analyze';
import { pythonLoadError } from '../../handler/python/parser';
import { commonPrefix, commonSuffix, offsetMapper } from '../../handler/offsets';
import { emptyAnalysis, MAX_ANALYSED_HANDLER_CHARS, type BindingHint, type DocumentAnalysis } from '../../handler/description';
import type { FeatureContext, HandlerReport, LanguageFeatureProvider } from '../provider';
import { codeActions } from './codeActions';
import { codeLenses } from './codeLens';
import { complete, type AnalysisView } from './complete';
import { diagnose } from './diagnose';
import { hover } from './hover';
import { wiringDiagnostics } from './wiringChecks';
import type { LambdaRuntime } from './runtime';

/** Language ids this provider answers for. */
export const HANDLER_LANGUAGES: readonly string[] = HANDLER_LANGUAGE_IDS;

/** What the host injects: the triggers the workspace bindings file states for a document's handlers. */
export interface HandlerCodeOptions {
  bindingHints?(ctx: FeatureContext): readonly BindingHint[] | Promise<readonly BindingHint[]>;
  /** The Lambda runtime the project states for the document (IaC, setting, package.json engines). */
  runtime?(ctx: FeatureContext): LambdaRuntime | undefined | Promise<LambdaRuntime | undefined>;
  /**
   * Analyses documents of `minChars` and more elsewhere (the server: a worker thread), so that one large
   * file never holds up another document's requests. Answers undefined when a newer version of the same
   * document (`key`) replaced the request before it ran.
   */
  offThread?: { readonly minChars: number; analyze(key: string, input: AnalyzeInput): Promise<DocumentAnalysis | undefined> };
}

interface Entry {
  version: number;
  /** The hints the analysis used (wiring diagnostics compare the code with them). */
  hints: readonly BindingHint[];
  text: string;
  analysis: DocumentAnalysis;
  /** Offset mapper for the latest text seen, keyed by its version, so repeated requests reuse it. */
  mapped?: { version: number; map: (o: number) => number };
}

/** The handler-code provider with its per-document cache. */
export class HandlerCodeProvider implements LanguageFeatureProvider {
  readonly name = 'handler-code';
  private readonly cache = new Map<string, Entry>();
  /** Off-thread analyses under way, by document: requests for the same version share one. */
  private readonly inflight = new Map<string, { version: number; promise: Promise<DocumentAnalysis> }>();
  /** Bumped when a document is forgotten, so an analysis that finishes after its close is not cached. */
  private readonly generation = new Map<string, number>();
  /** A front end that failed to load is logged once. */
  private reported = false;

  constructor(private readonly options: HandlerCodeOptions = {}) {}

  handles(ctx: FeatureContext): boolean {
    return HANDLER_LANGUAGES.includes(ctx.document.languageId);
  }

  /** A fresh analysis of the current text (parses when the cache is older). */
  async fresh(ctx: FeatureContext): Promise<DocumentAnalysis> {
    const d = ctx.document;
    const hit = this.cache.get(d.uri);
    if (hit && hit.version === d.version) return hit.analysis;
    const hints = (await this.options.bindingHints?.(ctx)) ?? [];
    await prepareFrontEnd(d.languageId, d.uri);
    const failed = d.languageId === 'python' ? pythonLoadError() : undefined;
    if (failed && !this.reported) {
      this.reported = true;
      ctx.host.log('error', failed);
    }
    const text = d.getText();
    const input = { text, languageId: d.languageId, fileName: ctx.relativePath || d.uri, bindingHints: hints };
    const off = this.options.offThread;
    if (off && text.length >= off.minChars && text.length <= MAX_ANALYSED_HANDLER_CHARS) return this.offThread(d.uri, d.version, hints, input, off);
    const analysis = analyzeDocument(input);
    this.store(d.uri, d.version, hints, text, analysis);
    return analysis;
  }

  /** An unparsable text keeps the last good analysis for completion (offsets are mapped); an older version never replaces a newer one. */
  private store(uri: string, version: number, hints: readonly BindingHint[], text: string, analysis: DocumentAnalysis): void {
    const hit = this.cache.get(uri);
    if (hit && hit.version > version) return;
    if (!analysis.unparsed || !hit) this.cache.set(uri, { version, hints, text, analysis });
  }

  private offThread(uri: string, version: number, hints: readonly BindingHint[], input: AnalyzeInput, off: NonNullable<HandlerCodeOptions['offThread']>): Promise<DocumentAnalysis> {
    const pending = this.inflight.get(uri);
    if (pending && pending.version === version) return pending.promise;
    const generation = this.generation.get(uri) ?? 0;
    const promise: Promise<DocumentAnalysis> = off.analyze(uri, input).then(
      (analysis) => {
        if (this.inflight.get(uri)?.promise === promise) this.inflight.delete(uri);
        // Superseded before it ran: a newer analysis is on its way; callers of this version are stale.
        if (!analysis) return this.cache.get(uri)?.analysis ?? emptyAnalysis(input.languageId === 'python' ? 'python' : 'javascript', true);
        if ((this.generation.get(uri) ?? 0) === generation) this.store(uri, version, hints, input.text, analysis);
        return analysis;
      },
      (e: unknown) => {
        if (this.inflight.get(uri)?.promise === promise) this.inflight.delete(uri);
        throw e;
      },
    );
    this.inflight.set(uri, { version, promise });
    return promise;
  }

  /**
   * The last analysis, even if older than the text: completion must not parse 3,000 lines per
   * keystroke. Offsets are mapped through the edit since. Parses only when nothing is cached.
   */
  async view(ctx: FeatureContext): Promise<AnalysisView> {
    const d = ctx.document;
    let e = this.cache.get(d.uri);
    if (!e) {
      await this.fresh(ctx);
      e = this.cache.get(d.uri);
    }
    if (!e) return { analysis: await this.fresh(ctx), toAnalysed: (o) => o };
    if (e.version === d.version) return { analysis: e.analysis, toAnalysed: (o) => o };
    if (!e.mapped || e.mapped.version !== d.version) e.mapped = { version: d.version, map: offsetMapper(e.text, d.getText()) };
    return { analysis: e.analysis, toAnalysed: e.mapped.map };
  }

  async complete(ctx: FeatureContext, position: Position): Promise<CompletionList | null> {
    return complete(ctx.document, ctx.document.offsetAt(position), await this.view(ctx));
  }

  async hover(ctx: FeatureContext, position: Position): Promise<Hover | null> {
    return hover(ctx.document, ctx.document.offsetAt(position), await this.view(ctx));
  }

  async diagnose(ctx: FeatureContext): Promise<Diagnostic[]> {
    // Yield before parsing: a timer turn lets the event loop read input that is arriving (the
    // completion an editor sends right after the keystroke) and the immediate lets jsonrpc answer it
    // from the cached analysis, instead of waiting behind a 3,000-line parse (~20 ms). If the text
    // changed meanwhile, a newer validation is scheduled and this one would be dropped anyway.
    const version = ctx.document.version;
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (ctx.document.version !== version) return [];
    const before = this.cache.get(ctx.document.uri);
    const analysis = await this.fresh(ctx);
    // Where the latest edit ended (the caret, as far as a server can tell): the text analysed last time against this one.
    const text = ctx.document.getText();
    const typingAt = before && before.version !== version && before.text !== text ? text.length - commonSuffix(before.text, text, commonPrefix(before.text, text)) : undefined;
    // Only handlers with callback facts need the runtime: the others skip the lookup.
    const needsRuntime = analysis.handlers.some((h) => h.facts.some((f) => f.kind === 'asyncWithCallback' || f.kind === 'callbackStyle' || f.kind === 'legacyContext'));
    const runtime = needsRuntime ? await this.options.runtime?.(ctx) : undefined;
    const hints = this.cache.get(ctx.document.uri)?.hints ?? [];
    return [...diagnose(ctx.document, analysis, { syntaxErrors: ctx.reportSyntaxErrors === true, ...(runtime ? { runtime } : {}), ...(typingAt !== undefined ? { typingAt } : {}) }), ...wiringDiagnostics(ctx.document, analysis, hints)];
  }

  async codeActions(ctx: FeatureContext, range: Range, context: CodeActionContext): Promise<CodeAction[]> {
    return codeActions(ctx.document, range, context, await this.fresh(ctx));
  }

  async codeLenses(ctx: FeatureContext): Promise<CodeLens[]> {
    return codeLenses(ctx.document, await this.fresh(ctx));
  }

  async describe(ctx: FeatureContext): Promise<HandlerReport[]> {
    const analysis = await this.fresh(ctx);
    return analysis.handlers.map((h) => ({
      export: h.name,
      line: ctx.document.positionAt(h.nameStart).line + 1,
      triggers: h.inference.known ? [...new Set(h.inference.candidates.map((c) => c.trigger.id))] : [],
      ...(h.inference.signal ? { signal: h.inference.signal } : {}),
      reasons: h.inference.reasons,
    }));
  }

  forget(uri: string): void {
    this.cache.delete(uri);
    this.inflight.delete(uri);
    this.generation.set(uri, (this.generation.get(uri) ?? 0) + 1);
  }

  /** Drops every analysis (the IaC wiring changed: inference may differ for any file). */
  forgetAll(): void {
    this.cache.clear();
    this.inflight.clear();
    for (const uri of this.generation.keys()) this.generation.set(uri, (this.generation.get(uri) ?? 0) + 1);
  }
}

/** Creates the provider; the server injects the bindings-file reader. */
export function createHandlerCodeProvider(options: HandlerCodeOptions = {}): HandlerCodeProvider {
  return new HandlerCodeProvider(options);
}
