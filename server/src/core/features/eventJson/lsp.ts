// Converts the payload layer's host-neutral results (offsets, entries) into LSP types.
import {
  CodeActionKind,
  CompletionItemKind,
  DiagnosticSeverity,
  InsertTextFormat,
  MarkupKind,
  type CodeAction,
  type CompletionItem,
  type Diagnostic,
  type Range,
  type TextEdit,
} from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { IssueSeverity } from '../../events/issues';
import type { CompletionEntry } from '../../payload/complete';
import { DIAGNOSTIC_SOURCE, type EventDiagnostic } from '../../payload/diagnose';
import type { OffsetRange } from '../../payload/locate';

/** An offset range as an LSP range in `doc`. */
export function toRange(doc: TextDocument, r: OffsetRange): Range {
  return { start: doc.positionAt(r.start), end: doc.positionAt(r.end) };
}

const SEVERITY: Record<IssueSeverity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** What an event diagnostic's `data` holds: its fixes as LSP edits, so code actions need no re-analysis. */
export interface EventDiagnosticData {
  readonly fixes: { title: string; edits: TextEdit[] }[];
}

/** An event diagnostic as LSP: stable code, our source, the documentation link, and its fixes in `data`. */
export function toDiagnostic(doc: TextDocument, d: EventDiagnostic): Diagnostic {
  const data: EventDiagnosticData | undefined = d.fixes?.length ? { fixes: d.fixes.map((f) => ({ title: f.title, edits: f.edits.map((e) => ({ range: toRange(doc, e), newText: e.newText })) })) } : undefined;
  return {
    range: toRange(doc, d.range),
    severity: SEVERITY[d.severity],
    code: d.code,
    source: DIAGNOSTIC_SOURCE,
    message: d.message,
    codeDescription: { href: d.href },
    ...(data ? { data } : {}),
  };
}

/** Quick fixes of our event diagnostics in `diagnostics` (the first of each is the preferred one). */
export function toCodeActions(uri: string, diagnostics: readonly Diagnostic[]): CodeAction[] {
  const out: CodeAction[] = [];
  for (const d of diagnostics) {
    const data = d.data as Partial<EventDiagnosticData> | undefined;
    if (d.source !== DIAGNOSTIC_SOURCE || !Array.isArray(data?.fixes)) continue;
    data.fixes.forEach((f, i) => out.push({ title: f.title, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: i === 0, edit: { changes: { [uri]: f.edits } } }));
  }
  return out;
}

const KIND: Record<CompletionEntry['kind'], CompletionItemKind> = {
  property: CompletionItemKind.Property,
  value: CompletionItemKind.Value,
  enum: CompletionItemKind.EnumMember,
  snippet: CompletionItemKind.Snippet,
};

/** A completion entry as an LSP item with a text edit over the typed token. */
export function toCompletionItem(doc: TextDocument, e: CompletionEntry): CompletionItem {
  return {
    label: e.label,
    kind: KIND[e.kind],
    ...(e.detail ? { detail: e.detail } : {}),
    documentation: { kind: MarkupKind.Markdown, value: e.documentation },
    textEdit: { range: toRange(doc, e.range), newText: e.insertText },
    insertTextFormat: e.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    ...(e.sortText ? { sortText: e.sortText } : {}),
    ...(e.filterText ? { filterText: e.filterText } : {}),
  };
}
