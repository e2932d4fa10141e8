// The intermediate form of a finding (offsets, fixes as text edits) before it becomes an LSP Diagnostic.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { ruleHref } from '../../rules';
import type { OffsetEdit } from '../../textEdits';
import { HANDLER_CODES, TRIGGERS_OVERVIEW_DOCS, type HandlerCodeKey } from './codes';

export type { OffsetEdit };

/** A quick fix carried by a diagnostic (in `data`), applied by the code action provider. */
export interface Fix {
  readonly title: string;
  readonly edits: readonly OffsetEdit[];
}

/** One finding. */
export interface Problem {
  readonly key: HandlerCodeKey;
  readonly severity: 'error' | 'warning' | 'info';
  readonly start: number;
  readonly end: number;
  readonly message: string;
  /** AWS page that explains the rule. */
  readonly href: string;
  readonly fixes?: readonly Fix[];
}

/** What a diagnostic's `data` holds: fixes as LSP edits, so code actions need no re-analysis. */
export interface DiagnosticData {
  readonly fixes: { title: string; edits: { range: Diagnostic['range']; newText: string }[] }[];
}

/** Source shown with every diagnostic. */
export const DIAGNOSTIC_SOURCE = 'cognito-triggers';

const SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information } as const;

/** Converts a problem to a diagnostic with a stable code, a link, and its fixes in `data`. */
export function toDiagnostic(doc: TextDocument, p: Problem): Diagnostic {
  const range = { start: doc.positionAt(p.start), end: doc.positionAt(Math.max(p.end, p.start)) };
  const data: DiagnosticData = {
    fixes: (p.fixes ?? []).map((f) => ({ title: f.title, edits: f.edits.map((e) => ({ range: { start: doc.positionAt(e.start), end: doc.positionAt(e.end) }, newText: e.newText })) })),
  };
  return {
    range,
    severity: SEVERITY[p.severity],
    code: HANDLER_CODES[p.key].code,
    // The finding's own page (the field's docs) when it has one, else the rule's primary source.
    codeDescription: { href: p.href || (ruleHref(HANDLER_CODES[p.key].code) ?? TRIGGERS_OVERVIEW_DOCS) },
    source: DIAGNOSTIC_SOURCE,
    message: p.message,
    data,
  };
}
