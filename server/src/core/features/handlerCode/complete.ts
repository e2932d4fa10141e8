// Completion in handler code: event members at any depth, object-literal keys, and string values.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem, type CompletionList } from 'vscode-languageserver-types';
import type { EnumValue } from '../../model/types';
import { candidatesAt, childrenOf, fieldsAt, rootOf, type FieldMatch } from '../../handler/context';
import type { PathKey } from '../../handler/description';
import { syntaxFor } from '../../handler/syntax';
import { fieldMarkdown, triggersText, typeText, valueMarkdown } from './docs';
import { chainPath, innermostObject, membersComplete, patternPath, stringTargetPath, type AnalysisView } from './targets';

export type { AnalysisView } from './targets';

/** Completions at `offset` of `doc`; null when the cursor is not on the event. */
export function complete(doc: TextDocument, offset: number, view: AnalysisView): CompletionList | null {
  // A file too large to analyse has nothing to offer, and reading its text would copy megabytes.
  if (view.analysis.tooLarge !== undefined) return null;
  const text = doc.getText();
  const syntax = syntaxFor(view.analysis.language);
  const ctx = syntax.cursorContext(text, offset);
  if (!ctx) return null;
  const at = view.toAnalysed(offset);
  const { candidates, known } = candidatesAt(view.analysis, at);
  if (!view.analysis.handlers.length && !view.analysis.cognitoSignal) return null;
  const range = (start: number, end: number) => ({ start: doc.positionAt(start), end: doc.positionAt(end) });

  if (ctx.kind === 'member') {
    const path = chainPath(view, ctx.chain, at);
    if (!path || !membersComplete(view, ctx.chain, at)) return null;
    // A parser model's attributes are the keys themselves; a data class's are their snake_case.
    const asKeys = rootOf(view.analysis, ctx.chain.root, at)?.keyStyle === 'camelCase';
    const items = memberItems(fieldsAt(candidates, path), path, !known).map((it): CompletionItem => {
      const key = asKeys ? (it.label as string) : syntax.memberLabel(it.label as string);
      if (key !== it.label) return { ...it, label: key, filterText: key, textEdit: { range: range(ctx.replaceStart, offset), newText: key } };
      if (syntax.isMemberName(key)) return { ...it, textEdit: { range: range(ctx.replaceStart, offset), newText: key } };
      // `attrs.cus` → `attrs['custom:']`: keys that are not identifiers need brackets.
      const optional = text[ctx.dotStart - 1] === '?';
      return { ...it, filterText: `.${key}`, textEdit: { range: range(ctx.dotStart, offset), newText: syntax.quotedMember(key, optional) } };
    });
    return { isIncomplete: false, items };
  }
  if (ctx.kind === 'objectKey') {
    // A destructuring pattern of the event first: its `{` is not an object literal the analysis knows.
    const pattern = patternPath(view, text, offset);
    const site = pattern ? { path: pattern } : innermostObject(view.analysis, at);
    if (!site) return null;
    const items = memberItems(fieldsAt(candidates, site.path), site.path, !known)
      .filter((it) => syntax.isMemberName(it.label))
      .map((it): CompletionItem => ({ ...it, textEdit: { range: range(ctx.replaceStart, offset), newText: it.label } }));
    return { isIncomplete: false, items };
  }
  const resolved = stringTargetPath(view, ctx.target, at);
  if (!resolved) return null;
  // A `case` label lists every value the switch can see, not just the ones of its own branch.
  const own = resolved.at !== undefined ? candidatesAt(view.analysis, resolved.at).candidates : candidates;
  const matches = fieldsAt(own, resolved.path);
  const values = resolved.keys ? keyValues(matches) : enumValues(matches, resolved.items ?? false);
  // A key typed in quotes (`event["request"]["`) gets the same detail and docs as after a dot.
  const asMember = resolved.keys ? new Map(memberItems(matches, resolved.path, !candidatesAt(view.analysis, resolved.at ?? at).known).map((it) => [it.label, it])) : undefined;
  const items = values.map(({ value, from }, i): CompletionItem => ({
    label: value.value,
    kind: resolved.keys ? CompletionItemKind.Property : CompletionItemKind.EnumMember,
    detail: asMember?.get(value.value)?.detail ?? from,
    sortText: String(i).padStart(4, '0'),
    documentation: asMember?.get(value.value)?.documentation ?? { kind: MarkupKind.Markdown, value: valueMarkdown(value, from) },
    ...(value.deprecated ? { tags: [1] } : {}),
    textEdit: { range: range(ctx.replaceStart, ctx.replaceEnd), newText: value.value },
  }));
  return { isIncomplete: false, items };
}

/** One item per child key, merged over the candidate triggers, in model order. */
function memberItems(matches: readonly FieldMatch[], path: readonly PathKey[], ambiguous: boolean): (CompletionItem & { label: string })[] {
  const byKey = new Map<string, FieldMatch[]>();
  const notes = new Map<string, string>();
  for (const m of matches) {
    for (const c of childrenOf(m)) {
      if (!c.field) continue;
      const list = byKey.get(c.key) ?? [];
      list.push({ trigger: m.trigger, ...(m.sources ? { sources: m.sources } : {}), field: c.field });
      byKey.set(c.key, list);
      if (c.suggestion) notes.set(c.key, c.suggestion);
    }
  }
  return [...byKey.entries()].map(([key, ms], i) => {
    const f = ms[0]?.field;
    const note = notes.get(key);
    const doc = note ? `${note}\n\n${fieldMarkdown([...path, key], ms, { ambiguous })}` : fieldMarkdown([...path, key], ms, { ambiguous });
    return {
      label: key,
      kind: note ? CompletionItemKind.Value : CompletionItemKind.Field,
      detail: f ? `${typeText(f)} · ${ms.some((m) => m.field.writable) ? 'writable' : 'read-only'} · ${triggersText(ms)}` : undefined,
      sortText: String(i).padStart(4, '0'),
      documentation: { kind: MarkupKind.Markdown, value: doc },
      insertTextFormat: InsertTextFormat.PlainText,
    };
  });
}

/** Enum values and suggestions of the fields (or of their array items), merged. */
function enumValues(matches: readonly FieldMatch[], items: boolean): { value: EnumValue; from: string }[] {
  const out = new Map<string, { value: EnumValue; from: string[] }>();
  for (const m of matches) {
    const f = items ? m.field.items : m.field;
    if (!f) continue;
    for (const v of [...(f.enum ?? []), ...(f.suggestions ?? [])]) {
      if (m.sources && f === m.trigger.event.properties?.triggerSource && !m.sources.includes(v.value)) continue;
      const e = out.get(v.value) ?? { value: v, from: [] };
      if (!e.from.includes(m.trigger.id)) e.from.push(m.trigger.id);
      out.set(v.value, e);
    }
  }
  return [...out.values()].map((e) => ({ value: e.value, from: e.from.join(', ') }));
}

/** Keys for `x['…']`: declared properties and suggested map keys (attribute names). */
function keyValues(matches: readonly FieldMatch[]): { value: EnumValue; from: string }[] {
  const out = new Map<string, { value: EnumValue; from: string }>();
  for (const m of matches) {
    for (const c of childrenOf(m)) if (!out.has(c.key)) out.set(c.key, { value: { value: c.key, description: c.suggestion ?? c.field?.description ?? '' }, from: m.trigger.id });
  }
  return [...out.values()];
}
