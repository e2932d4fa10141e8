// The event JSON provider: recognition, completion, hover, diagnostics and the invoke code lens for
// JSON files that are Cognito trigger events. Unrelated JSON is left alone (handles() is false).
import type { CodeAction, CodeActionContext, CodeLens, CompletionList, Diagnostic, Hover, Position, Range } from 'vscode-languageserver-types';
import { DiagnosticSeverity, MarkupKind } from 'vscode-languageserver-types';
import { analyzeEvent, type EventAnalysis } from '../../payload/analyze';
import { isJsonDocument } from '../../payload/classify';
import { completeAt } from '../../payload/complete';
import { DIAGNOSTIC_SOURCE, diagnoseEvent } from '../../payload/diagnose';
import { ParseCache, strictSyntaxErrors } from '../../payload/document';
import { hoverAt } from '../../payload/hover';
import type { FeatureContext, LanguageFeatureProvider } from '../provider';
import { toCodeActions, toCompletionItem, toDiagnostic, toRange } from './lsp';

/** The command the code lens runs (implemented by the invoke area) and its argument. */
export const INVOKE_COMMAND = 'cognitoTriggers.invokeLocal';

/** Argument of `cognitoTriggers.invokeLocal` from an event file. */
export interface InvokeLensArgument {
  eventUri: string;
  triggerId?: string;
}

/** Analyses are cached per document version and the inputs that decide the claim. */
interface CachedAnalysis {
  readonly key: string;
  readonly analysis: EventAnalysis | undefined;
}

/** The event JSON `LanguageFeatureProvider`. */
export class EventJsonProvider implements LanguageFeatureProvider {
  readonly name = 'event-json';
  private readonly parses = new ParseCache();
  private readonly analyses = new Map<string, CachedAnalysis>();
  /** The document's analysis, or undefined when it is not an event. */
  analyze(ctx: FeatureContext): EventAnalysis | undefined {
    const doc = ctx.document;
    // Handler code and other non-JSON documents are never parsed as JSON.
    if (!isJsonDocument(doc.uri, doc.languageId)) return undefined;
    const key = `${doc.version}\u0000${ctx.relativePath}\u0000${ctx.settings.eventFiles.join('\u0000')}`;
    const hit = this.analyses.get(doc.uri);
    if (hit?.key === key) return hit.analysis;
    const analysis = analyzeEvent(this.parses.get(doc), ctx.relativePath, ctx.settings.eventFiles, doc.languageId);
    this.analyses.set(doc.uri, { key, analysis });
    return analysis;
  }

  handles(ctx: FeatureContext): boolean {
    return this.analyze(ctx) !== undefined;
  }

  /** The analysis for cursor features: none for a document too deep to parse (diagnostics say why). */
  private analyzeAtCursor(ctx: FeatureContext): EventAnalysis | undefined {
    const a = this.analyze(ctx);
    return a?.parsed.tooDeep === undefined && a?.parsed.tooLarge === undefined && a?.parsed.tooLong === undefined ? a : undefined;
  }

  complete(ctx: FeatureContext, position: Position): CompletionList | null {
    const a = this.analyzeAtCursor(ctx);
    if (!a) return null;
    const entries = completeAt(a, ctx.document.offsetAt(position));
    return entries.length ? { isIncomplete: false, items: entries.map((e) => toCompletionItem(ctx.document, e)) } : null;
  }

  hover(ctx: FeatureContext, position: Position): Hover | null {
    const a = this.analyzeAtCursor(ctx);
    const h = a && hoverAt(a, ctx.document.offsetAt(position));
    return h ? { contents: { kind: MarkupKind.Markdown, value: h.markdown }, range: toRange(ctx.document, h.range) } : null;
  }

  async diagnose(ctx: FeatureContext): Promise<Diagnostic[]> {
    const a = this.analyze(ctx);
    if (!a) return [];
    // In the editor VS Code's JSON support reports syntax; hosts without it (the CLI) ask for it here.
    const syntax: Diagnostic[] = ctx.reportSyntaxErrors
      ? strictSyntaxErrors(a.parsed.text).map((e) => ({
          range: { start: ctx.document.positionAt(e.start), end: ctx.document.positionAt(e.end) },
          severity: DiagnosticSeverity.Error,
          code: 'json-syntax',
          source: DIAGNOSTIC_SOURCE,
          message: e.message,
        }))
      : [];
    // A blank file just created in an events folder is not yet wrong: wait for its first character.
    if (a.parsed.tooLong === undefined && a.parsed.text.trim() === '') return syntax;
    return [...syntax, ...diagnoseEvent(a).map((d) => toDiagnostic(ctx.document, d))];
  }

  /** The fixes our diagnostics carry (did-you-mean, removing a claim Cognito drops). */
  codeActions(ctx: FeatureContext, _range: Range, context: CodeActionContext): CodeAction[] {
    return toCodeActions(ctx.document.uri, context.diagnostics);
  }

  codeLenses(ctx: FeatureContext): CodeLens[] {
    const a = this.analyze(ctx);
    if (!a?.trigger) return [];
    const arg: InvokeLensArgument = { eventUri: ctx.document.uri, triggerId: a.trigger.id };
    const top = { line: 0, character: 0 };
    return [{ range: { start: top, end: top }, command: { title: '▶ Invoke with a handler…', command: INVOKE_COMMAND, arguments: [arg] } }];
  }

  forget(uri: string): void {
    this.parses.forget(uri);
    this.analyses.delete(uri);
  }
}

/** Creates the provider the server registers. */
export function createEventJsonProvider(): EventJsonProvider {
  return new EventJsonProvider();
}
