// Quick fixes: the fixes carried by our diagnostics, plus "add @cognito-trigger" on a handler name.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeActionKind, type CodeAction, type CodeActionContext, type Range } from 'vscode-languageserver-types';
import { withArticle } from '../../events/json';
import { TRIGGERS } from '../../model';
import { triggersFromFileName } from '../../handler/inferTrigger';
import type { DocumentAnalysis } from '../../handler/description';
import { syntaxFor } from '../../handler/syntax';
import { DIAGNOSTIC_SOURCE, type DiagnosticData } from './problems';

function isData(d: unknown): d is DiagnosticData {
  return typeof d === 'object' && d !== null && Array.isArray((d as { fixes?: unknown }).fixes);
}

/** Code actions for `range`: fixes of our diagnostics in `context`, and trigger comments for handlers. */
export function codeActions(doc: TextDocument, range: Range, context: CodeActionContext, a: DocumentAnalysis): CodeAction[] {
  const out: CodeAction[] = [];
  for (const d of context.diagnostics) {
    if (d.source !== DIAGNOSTIC_SOURCE || !isData(d.data)) continue;
    d.data.fixes.forEach((f, i) => {
      out.push({ title: f.title, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: i === 0, edit: { changes: { [doc.uri]: f.edits } } });
    });
  }
  const start = doc.offsetAt(range.start);
  const end = doc.offsetAt(range.end);
  for (const h of a.handlers) {
    if (end < h.statementStart || start > h.nameEnd) continue;
    if (h.inference.known && h.inference.candidates.length === 1) continue;
    // Ambiguous: offer the candidates; unknown: the file-name guess first, then every trigger.
    const named = triggersFromFileName(doc.uri);
    const choices = h.inference.known ? h.inference.candidates.map((c) => c.trigger) : [...named, ...TRIGGERS.filter((t) => !named.includes(t))];
    const at = doc.positionAt(h.statementStart);
    const indent = ' '.repeat(at.character);
    const syntax = syntaxFor(a.language);
    for (const t of choices) {
      out.push({
        title: `Mark '${h.name}' as ${withArticle(t.displayName)} handler (@cognito-trigger ${t.id})`,
        kind: CodeActionKind.QuickFix,
        edit: { changes: { [doc.uri]: [{ range: { start: at, end: at }, newText: `${syntax.lineComment(`@cognito-trigger ${t.id}`)}\n${indent}` }] } },
      });
    }
  }
  return out;
}
