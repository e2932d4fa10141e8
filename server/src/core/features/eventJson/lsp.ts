// Converts the payload layer's host-neutral results (offsets, entries) into LSP types.
import {
  CompletionItemKind,
  DiagnosticSeverity,
  InsertTextFormat,
  MarkupKind,
  type CompletionItem,
  type Diagnostic,
  type Range,
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

/** An event diagnostic as LSP: stable code, our source, and the documentation link. */
export function toDiagnostic(doc: TextDocument, d: EventDiagnostic): Diagnostic {
  return {
    range: toRange(doc, d.range),
    severity: SEVERITY[d.severity],
    code: d.code,
    source: DIAGNOSTIC_SOURCE,
    message: d.message,
    codeDescription: { href: d.href },
  };
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
