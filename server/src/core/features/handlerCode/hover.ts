// Hover in handler code: event fields (type, docs, triggers, writability, link) and handler names.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { MarkupKind, type Hover } from 'vscode-languageserver-types';
import { candidatesAt, fieldsAt, type FieldMatch } from '../../handler/context';
import type { EnumValue } from '../../model/types';
import type { PathKey } from '../../handler/description';
import { syntaxFor } from '../../handler/syntax';
import { chainPath, innermostObject, stringTargetPath, type AnalysisView } from './targets';
import { fieldMarkdown, handlerMarkdown, valueMarkdown } from './docs';

/** Hover at `offset`: a handler name, or an event member chain ending at the word under the cursor. */
export function hover(doc: TextDocument, offset: number, view: AnalysisView): Hover | null {
  // A file too large to analyse has nothing to show, and reading its text would copy megabytes.
  if (view.analysis.tooLarge !== undefined) return null;
  const text = doc.getText();
  const at = view.toAnalysed(offset);
  const a = view.analysis;
  const syntax = syntaxFor(a.language);
  const ID = syntax.identChar;
  for (const h of a.handlers) {
    if (h.nameStart <= at && at <= h.nameEnd) {
      return { contents: { kind: MarkupKind.Markdown, value: handlerMarkdown(h) }, range: { start: doc.positionAt(offset - (at - h.nameStart)), end: doc.positionAt(offset - (at - h.nameEnd)) } };
    }
  }
  const literal = hoverString(doc, text, offset, view);
  if (literal) return literal;
  let start = offset;
  let end = offset;
  while (start > 0 && ID.test(text[start - 1] ?? '')) start--;
  while (end < text.length && ID.test(text[end] ?? '')) end++;
  if (start === end) return null;
  const keyPath = objectKeyPath(view, text, start, end);
  const chain = keyPath ? undefined : syntax.chainBefore(text, end);
  if (!chain && !keyPath) return null;
  const path = keyPath ?? (chain ? chainPath(view, chain, at) : undefined);
  // A bare alias (`attrs`) shows the field it stands for; the bare event parameter shows nothing.
  if (!path || path.length === 0) return null;
  const { candidates, known, narrowedBy } = candidatesAt(a, at);
  const matches = fieldsAt(candidates, path);
  if (!matches.length) return null;
  let value = fieldMarkdown(path, matches, { ambiguous: !known });
  if (narrowedBy) value += `\n\n_In this branch triggerSource is ${narrowedBy.map((s) => `\`${s}\``).join(' or ')}._`;
  if (known && candidates.length > 1) value += `\n\n_This handler may serve ${candidates.map((c) => c.trigger.id).join(', ')}: the union is shown._`;
  return { contents: { kind: MarkupKind.Markdown, value }, range: { start: doc.positionAt(start), end: doc.positionAt(end) } };
}

/**
 * The event path of a key in an object literal assigned to the event (`event.response = { claimsOverrideDetails: { claimsToAddOrOverride: … } }`):
 * the word is followed by `:` (not `?:` or `::`) and preceded by `{` or `,`, inside an object the analysis recorded.
 */
function objectKeyPath(view: AnalysisView, text: string, start: number, end: number): PathKey[] | undefined {
  const after = /^\s*:(?!:)/.test(text.slice(end, end + 40));
  const before = /[{,]\s*$/.test(text.slice(Math.max(0, start - 200), start));
  if (!after || !before) return undefined;
  const obj = innermostObject(view.analysis, view.toAnalysed(start));
  return obj ? [...obj.path, text.slice(start, end)] : undefined;
}

/** Hover on a string literal compared with or assigned to an event field: that value's description. */
function hoverString(doc: TextDocument, text: string, offset: number, view: AnalysisView): Hover | null {
  const ctx = syntaxFor(view.analysis.language).cursorContext(text, offset);
  if (ctx?.kind !== 'string') return null;
  const close = text.indexOf(ctx.quote, ctx.replaceStart);
  if (close < 0) return null;
  const value = text.slice(ctx.replaceStart, close);
  const at = view.toAnalysed(offset);
  const target = stringTargetPath(view, ctx.target, at);
  if (!target) return null;
  const { candidates, known, narrowedBy } = candidatesAt(view.analysis, target.at ?? at);
  const matches = fieldsAt(candidates, target.keys ? [...target.path, value] : target.path);
  // A key in brackets (`event["request"]["userAttributes"]`, the usual form in Python) is the field itself.
  if (target.keys && matches.length) {
    let md = fieldMarkdown([...target.path, value], matches, { ambiguous: !known });
    if (narrowedBy) md += `\n\n_In this branch triggerSource is ${narrowedBy.map((s) => `\`${s}\``).join(' or ')}._`;
    return { contents: { kind: MarkupKind.Markdown, value: md }, range: { start: doc.positionAt(ctx.replaceStart), end: doc.positionAt(close) } };
  }
  // The value's own entry (enum value, suggestion, or the map value for a key), and every trigger that has it.
  const entryOf = (m: FieldMatch): EnumValue | undefined => {
    if (target.keys) return { value, description: m.field.description };
    const f = target.items ? m.field.items : m.field;
    return [...(f?.enum ?? []), ...(f?.suggestions ?? [])].find((x) => x.value === value);
  };
  const having = matches.filter((m) => entryOf(m));
  const first = having[0];
  const entry = first && entryOf(first);
  if (!first || !entry) return null;
  const from = `Triggers: ${[...new Set(having.map((m) => m.trigger.id))].join(', ')}`;
  return {
    contents: { kind: MarkupKind.Markdown, value: `\`'${value}'\`: ${valueMarkdown(entry, from)}\n\n[AWS documentation](${first.field.docs ?? first.trigger.docs})` },
    range: { start: doc.positionAt(ctx.replaceStart), end: doc.positionAt(close) },
  };
}
