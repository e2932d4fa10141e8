// What TypeScript's own answers in handler code duplicate: completion names and diagnostics ours already give.
// Used by the TypeScript server plugin (server/src/tsPlugin), which removes them so the editor shows one of each.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { handlerAt } from '../../handler/context';
import type { DocumentAnalysis } from '../../handler/description';
import { complete } from './complete';
import { problems } from './diagnose';
import type { HandlerCodeKey } from './codes';
import type { AnalysisView } from './targets';

/**
 * Names of TypeScript completion entries to drop at `offset`: those our list offers (ours carry the
 * Cognito docs) and those our per-branch narrowing removes (`password` in a `UserMigration_ForgotPassword`
 * branch: the same list without the triggerSource branches still has it). Null = not on the event, keep all.
 */
export function duplicatedCompletionNames(doc: TextDocument, offset: number, view: AnalysisView): Set<string> | null {
  const ours = complete(doc, offset, view);
  if (!ours || !ours.items.length) return null;
  const names = new Set(ours.items.map((i) => i.label));
  if (view.analysis.regions.length) {
    const unnarrowed = complete(doc, offset, { analysis: { ...view.analysis, regions: [] }, toAnalysed: view.toAnalysed });
    for (const i of unnarrowed?.items ?? []) names.add(i.label);
  }
  return names;
}

/** The part of a TypeScript diagnostic the decision needs. */
export interface ForeignDiagnostic {
  readonly code: number;
  readonly start?: number;
  readonly length?: number;
}

/**
 * TypeScript's codes that say what one of our diagnostics says, and which of ours covers each:
 * 2339 "Property 'x' does not exist on type", 2551 "… Did you mean 'y'?" (our unknown/other-trigger field);
 * 2355 "A function whose declared type is neither 'undefined', 'void', nor 'any' must return a value",
 * 2366 "Function lacks ending return statement …", 7030 "Not all code paths return a value" (our no-return).
 */
const COVERED_BY: Readonly<Record<number, { keys: readonly HandlerCodeKey[]; scope: 'range' | 'handler' }>> = {
  2339: { keys: ['unknownField', 'otherTrigger', 'otherSource'], scope: 'range' },
  2551: { keys: ['unknownField', 'otherTrigger', 'otherSource'], scope: 'range' },
  2355: { keys: ['noReturn'], scope: 'handler' },
  2366: { keys: ['noReturn'], scope: 'handler' },
  7030: { keys: ['noReturn'], scope: 'handler' },
};

/**
 * Indexes of `foreign` diagnostics one of ours covers: a field diagnostic overlapping the same range,
 * or a no-return diagnostic in the same handler function. Anything else TypeScript says stays.
 */
export function duplicatedDiagnostics(text: string, analysis: DocumentAnalysis, foreign: readonly ForeignDiagnostic[]): Set<number> {
  const out = new Set<number>();
  if (!foreign.some((d) => COVERED_BY[d.code])) return out;
  const ours = problems(text, analysis);
  foreign.forEach((d, i) => {
    const rule = COVERED_BY[d.code];
    if (!rule || d.start === undefined) return;
    const start = d.start;
    const end = start + (d.length ?? 0);
    const relevant = ours.filter((p) => rule.keys.includes(p.key));
    if (rule.scope === 'range') {
      if (relevant.some((p) => p.start < Math.max(end, start + 1) && start < Math.max(p.end, p.start + 1))) out.add(i);
      return;
    }
    const h = handlerAt(analysis, start);
    if (h && relevant.some((p) => handlerAt(analysis, p.start) === h)) out.add(i);
  });
  return out;
}
