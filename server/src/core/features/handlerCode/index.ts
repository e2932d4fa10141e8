// The handler-code provider: documents of every handler front end (handler/analyze.ts), with the last analysis kept per document for fast completion.
import type { CodeAction, CodeActionContext, CodeLens, CompletionList, Diagnostic, Hover, Position, Range } from 'vscode-languageserver-types';
import { analyzeDocument, HANDLER_LANGUAGE_IDS, handlerLanguage, prepareFrontEnd, type AnalyzeInput } from '../../handler/analyze';
import { estimatedAnalysisMs } from '../../handler/cost';
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
   * Analyses expensive documents elsewhere (the server: a worker thread), so that one file never holds
   * up another document's requests: documents of `minChars` and more, documents whose analysis is
   * estimated (before the first) or measured (on this thread) to take over `budgetMs`; a document sent
   * there stays there while open (the worker keeps its tree for the next edit's incremental parse).
   * Answers undefined when a newer version of the same document (`key`) replaced the request before it ran.
   */
  offThread?: { readonly minChars: number; readonly budgetMs: number; analyze(key: string, input: AnalyzeInput): Promise<DocumentAnalysis | undefined> };
}

/** Off-thread work waits at most this long for completions and hovers being answered (a burst of them must not starve it). */
const ANSWER_WAIT_MS = 20;

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
  /** Documents analysed off the event loop from now on (estimated or measured over the budget). */
  private readonly offLoop = new Set<string>();
  /** A front end that failed to load is logged once. */
  private reported = false;
  /** Completion and hover requests being answered (from the last analysis): new off-thread work waits for them. */
  private answering = 0;
  /** The newest version of each document a completion or hover was asked for (afterAnswers: has it come?). */
  private readonly askedVersion = new Map<string, number>();
  /** Off-thread analyses waiting for the requests being answered (see afterAnswers). */
  private readonly waitingForAnswers: (() => void)[] = [];

  constructor(private readonly options: HandlerCodeOptions = {}) {}

  handles(ctx: FeatureContext): boolean {
    return HANDLER_LANGUAGES.includes(ctx.document.languageId);
  }

  /** A fresh analysis of the current text (parses when the cache is older). */
  fresh(ctx: FeatureContext): Promise<DocumentAnalysis> {
    return this.analysed(ctx, true);
  }

  /** fresh(); `waitForAnswers` false when the caller has waited for the requests being answered (afterAnswers) itself. */
  private async analysed(ctx: FeatureContext, waitForAnswers: boolean): Promise<DocumentAnalysis> {
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
    if (off && this.goesOffThread(d.uri, text, d.languageId)) return this.offThread(d.uri, d.version, hints, input, off, waitForAnswers);
    const started = performance.now();
    const analysis = analyzeDocument(input);
    // Measured: a document that held this thread up longer than the budget is analysed off it from now on.
    if (off && text.length <= MAX_ANALYSED_HANDLER_CHARS && performance.now() - started > off.budgetMs) this.offLoop.add(d.uri);
    this.store(d.uri, d.version, hints, text, analysis);
    return analysis;
  }

  /** Whether the next analysis of this text runs off the event loop (see HandlerCodeOptions.offThread). */
  private goesOffThread(uri: string, text: string, languageId: string): boolean {
    const off = this.options.offThread;
    // Over the cap nothing is parsed (the analysis says the file is too large): no work to move.
    if (!off || text.length > MAX_ANALYSED_HANDLER_CHARS) return false;
    if (this.offLoop.has(uri)) return true;
    const language = handlerLanguage(languageId, uri) ?? 'javascript';
    if (text.length >= off.minChars || (!this.cache.has(uri) && estimatedAnalysisMs(text, language) > off.budgetMs)) this.offLoop.add(uri);
    return this.offLoop.has(uri);
  }

  /** An unparsable text keeps the last good analysis for completion (offsets are mapped); an older version never replaces a newer one. */
  private store(uri: string, version: number, hints: readonly BindingHint[], text: string, analysis: DocumentAnalysis): void {
    const hit = this.cache.get(uri);
    if (hit && hit.version > version) return;
    if (!analysis.unparsed || !hit) this.cache.set(uri, { version, hints, text, analysis });
  }

  private offThread(uri: string, version: number, hints: readonly BindingHint[], input: AnalyzeInput, off: NonNullable<HandlerCodeOptions['offThread']>, waitForAnswers: boolean): Promise<DocumentAnalysis> {
    const pending = this.inflight.get(uri);
    if (pending && pending.version === version) return pending.promise;
    const generation = this.generation.get(uri) ?? 0;
    // The completion an editor sends with the keystroke is answered from the last analysis first: the
    // worker's CPU, started at once, competed with that answer on a 2-core machine (p95 +1-2 ms at 3,000 lines).
    // A version typed past while waiting is not sent at all (the newer one is on its way).
    const started = (waitForAnswers ? this.afterAnswers(uri, version) : Promise.resolve()).then(() => {
      const now = this.inflight.get(uri);
      return now && now.promise !== promise ? undefined : off.analyze(uri, input);
    });
    const promise: Promise<DocumentAnalysis> = started.then(
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
    // A file too large to analyse has nothing to map to (and mapping compares megabytes of text).
    if (e.version === d.version || e.analysis.tooLarge !== undefined) return { analysis: e.analysis, toAnalysed: (o) => o };
    if (!e.mapped || e.mapped.version !== d.version) e.mapped = { version: d.version, map: offsetMapper(e.text, d.getText()) };
    return { analysis: e.analysis, toAnalysed: e.mapped.map };
  }

  async complete(ctx: FeatureContext, position: Position): Promise<CompletionList | null> {
    return this.answer(ctx, async () => complete(ctx.document, ctx.document.offsetAt(position), await this.view(ctx)));
  }

  async hover(ctx: FeatureContext, position: Position): Promise<Hover | null> {
    return this.answer(ctx, async () => hover(ctx.document, ctx.document.offsetAt(position), await this.view(ctx)));
  }

  /** Runs a request answered from the last analysis, counted so that off-thread work starts after it (afterAnswers). */
  private async answer<T>(ctx: FeatureContext, fn: () => Promise<T>): Promise<T> {
    // Nothing cached yet: this request waits for the first analysis itself.
    if (!this.cache.has(ctx.document.uri)) return fn();
    this.answering++;
    this.askedVersion.set(ctx.document.uri, ctx.document.version);
    try {
      return await fn();
    } finally {
      // An immediate after the last answer: the connection writes the response in the microtasks after it.
      if (--this.answering === 0) setImmediate(() => this.releaseAnswers());
    }
  }

  private releaseAnswers(): void {
    if (this.answering === 0) for (const go of this.waitingForAnswers.splice(0)) go();
  }

  /**
   * Resolves once no completion or hover is being answered (at most ANSWER_WAIT_MS from now). A request
   * read with the edit starts within one event-loop turn; when none has come for this version of the
   * document, the one an editor sends right after the keystroke (a separate write) gets one timer turn.
   */
  private async afterAnswers(uri: string, version: number): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (this.answering === 0 && (this.askedVersion.get(uri) ?? -1) < version) await new Promise<void>((resolve) => setTimeout(resolve, 0));
    if (this.answering === 0) return;
    await new Promise<void>((resolve) => {
      const go = (): void => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        const i = this.waitingForAnswers.indexOf(go);
        if (i >= 0) this.waitingForAnswers.splice(i, 1);
        resolve();
      }, ANSWER_WAIT_MS);
      this.waitingForAnswers.push(go);
    });
  }

  async diagnose(ctx: FeatureContext): Promise<Diagnostic[]> {
    // Yield before analysing: a timer turn lets the event loop read input that is arriving (the completion
    // an editor sends right after the keystroke) and the immediate lets jsonrpc answer it from the cached
    // analysis, instead of waiting behind the parse. Off the thread, the whole analysis (the hints, the post
    // to the worker) waits for the requests being answered instead: no timer once the completion has come.
    // If the text changed meanwhile, a newer validation is scheduled and this one would be dropped anyway.
    const d = ctx.document;
    const version = d.version;
    if (this.cache.get(d.uri)?.version !== version) {
      if (this.goesOffThread(d.uri, d.getText(), d.languageId)) await this.afterAnswers(d.uri, version);
      else {
        await new Promise<void>((resolve) => setTimeout(resolve, 0));
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
      if (d.version !== version) return [];
    }
    const before = this.cache.get(d.uri);
    const analysis = await this.analysed(ctx, false);
    // Typed past while it was analysed: the scheduler drops this answer, so do not work it out.
    if (d.version !== version) return [];
    // Where the latest edit ended (the caret, as far as a server can tell): the text analysed last time
    // against this one (not in a file too large to analyse: nothing there depends on it, and it is megabytes).
    const text = d.getText();
    const typingAt = before && analysis.tooLarge === undefined && before.version !== version && before.text !== text ? text.length - commonSuffix(before.text, text, commonPrefix(before.text, text)) : undefined;
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
    this.offLoop.delete(uri);
    this.inflight.delete(uri);
    this.askedVersion.delete(uri);
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
