// Completion in an event document: keys valid here for this trigger/source, values, whole responses.
import type { Node } from 'jsonc-parser';
import { appliesTo, fieldAt, TRIGGERS, type FieldDefinition, type TriggerDefinition, type TriggerSourceDefinition } from '../model';
import type { EventAnalysis } from './analyze';
import { cursorAt, findNodeAt, type OffsetRange } from './locate';
import { enumMarkdown, fieldMarkdown, sourceMarkdown, typeLabel } from './markdown';

/** One completion, host-neutral: the provider turns it into an LSP CompletionItem. */
export interface CompletionEntry {
  readonly label: string;
  readonly kind: 'property' | 'value' | 'enum' | 'snippet';
  /** Text to insert; a snippet (`$1`, `${1|a,b|}`) when `snippet` is true. */
  readonly insertText: string;
  readonly snippet: boolean;
  readonly detail?: string;
  readonly documentation: string;
  /** Text replaced (the string under the cursor, quotes included) or an empty range at the cursor. */
  readonly range: OffsetRange;
  readonly sortText?: string;
  /** What the client matches the typed text against (includes the quote). */
  readonly filterText?: string;
}

/** Escapes text for a snippet body. */
export const snippetEscape = (s: string): string => s.replace(/[$}\\]/g, (c) => `\\${c}`);

const typesOf = (f: FieldDefinition): readonly string[] => (typeof f.type === 'string' ? [f.type] : f.type);

/** A realistic value for a field (its example, else a neutral value of its type). */
export function exampleValue(field: FieldDefinition, source?: string): unknown {
  if (source && field.examplesBySource && source in field.examplesBySource) return field.examplesBySource[source];
  if (field.example !== undefined) return field.example;
  if (field.enum?.[0]) return field.enum[0].value;
  const t = typesOf(field)[0];
  if (t === 'object') {
    const props = Object.entries(field.properties ?? {}).filter(([, f]) => appliesTo(f, source) && (f.required || f.writable));
    return Object.fromEntries(props.map(([k, f]) => [k, exampleValue(f, source)]));
  }
  return t === 'array' ? [] : t === 'boolean' ? false : t === 'number' || t === 'integer' ? 0 : t === 'null' ? null : '';
}

/** What the model says Cognito sends for the field (for this source), or undefined when it does not say. */
function sentValue(field: FieldDefinition, source?: string): unknown {
  if (source && field.examplesBySource && source in field.examplesBySource) return field.examplesBySource[source];
  return field.example;
}

/**
 * The value part inserted after `"key": `: what Cognito sends where the model says (`false` for
 * `autoVerifyPhone`, `null` for `usernameParameter` outside AdminCreateUser), else a tab stop or a choice.
 */
function valueSnippet(field: FieldDefinition, key: string, source?: string): string {
  const types = typesOf(field);
  if (field.enum?.length === 1 && field.enum[0]) return JSON.stringify(field.enum[0].value);
  if (field.enum?.length && types[0] === 'string') return `"\${1|${field.enum.map((e) => e.value.replace(/[,|$}\\]/g, '\\$&')).join(',')}|}"`;
  if (key === 'response' || (types[0] === 'object' && field.writable)) return snippetEscape(JSON.stringify(exampleValue(field, source), null, 2));
  const sent = sentValue(field, source);
  if (typeof sent === 'boolean' && types.includes('boolean')) return `\${1|${sent},${!sent}|}`;
  if (sent === null && types.includes('null')) return '${1:null}';
  if (typeof sent === 'string' && types.includes('string')) return `"\${1:${snippetEscape(sent).replace(/[|,]/g, '\\$&')}}"`;
  if (typeof sent === 'number' && (types.includes('number') || types.includes('integer'))) return `\${1:${sent}}`;
  switch (types[0]) {
    case 'string':
      return '"$1"';
    case 'boolean':
      return '${1|true,false|}';
    case 'number':
    case 'integer':
      return '${1:0}';
    case 'object':
      return '{$1}';
    case 'array':
      return '[$1]';
    default:
      return '$1';
  }
}

/** Keys already present in the object node (the one being typed excluded). */
function presentKeys(obj: Node | undefined, typing: Node | undefined): Set<string> {
  const out = new Set<string>();
  for (const p of obj?.type === 'object' ? (obj.children ?? []) : []) {
    const k = p.children?.[0];
    if (k && k !== typing && typeof k.value === 'string') out.add(k.value);
  }
  return out;
}

/**
 * Every triggerSource value once, this trigger's first. A value shared by several definitions (the
 * pre token generation sources of event versions 1–3) is one item naming all of them.
 */
function sourceValues(trigger: TriggerDefinition | undefined, range: OffsetRange): CompletionEntry[] {
  const byValue = new Map<string, { source: TriggerSourceDefinition; triggers: TriggerDefinition[] }>();
  for (const t of TRIGGERS) {
    for (const s of t.sources) {
      const seen = byValue.get(s.value);
      if (seen) seen.triggers.push(t);
      else byValue.set(s.value, { source: s, triggers: [t] });
    }
  }
  return [...byValue.values()].map(({ source, triggers }) => {
    const own = triggers.find((t) => t === trigger);
    const shown = own ?? triggers[0];
    return {
      label: source.value,
      kind: 'enum' as const,
      insertText: JSON.stringify(source.value),
      snippet: false,
      detail: triggers.map((t) => t.displayName).join(' · '),
      documentation: shown ? sourceMarkdown(shown.sources.find((s) => s.value === source.value) ?? source, shown) : source.description,
      range,
      sortText: `${own ? '0' : '1'}${source.value}`,
      filterText: JSON.stringify(source.value),
    };
  });
}

const ROOT_KEYS_UNRECOGNISED: readonly [string, string, string][] = [
  ['triggerSource', '"${1|' + TRIGGERS.flatMap((t) => t.sources.map((s) => s.value)).join(',') + '|}"', 'What caused Cognito to call the function; names the user pool trigger.'],
  ['eventType', '"SyncTrigger"', 'Identity pool Sync trigger events carry `"eventType": "SyncTrigger"` instead of a triggerSource.'],
];

/** Completions at `offset` of an analysed event document. */
export function completeAt(analysis: EventAnalysis, offset: number): CompletionEntry[] {
  const { parsed, trigger, sourceValue } = analysis;
  const cur = cursorAt(parsed, offset);
  // getLocation reports a key being typed as a node of type 'property' spanning the quoted key.
  const scalar = (t: string): boolean => t === 'string' || t === 'number' || t === 'boolean' || t === 'null' || (cur.atKey && t === 'property');
  const typed = cur.node && scalar(cur.node.type) ? cur.node : undefined;
  const range: OffsetRange = typed ? { start: typed.offset, end: typed.offset + typed.length } : { start: offset, end: offset };
  if (cur.atKey) {
    // getLocation's node has no parent link: look at the text after the typed key for the colon.
    const hasColon = typed !== undefined && /^\s*:/.test(parsed.text.slice(typed.offset + typed.length));
    const objNode = parsed.root ? (cur.path.length ? findNodeAt(parsed.root, cur.path) : parsed.root) : undefined;
    const present = presentKeys(objNode, typed);
    // Another property right after the insertion point needs a separating comma.
    const comma = !hasColon && /^\s*"/.test(parsed.text.slice(range.end)) ? ',' : '';
    const entry = (key: string, value: string, documentation: string, detail?: string): CompletionEntry => ({
      label: key,
      kind: 'property',
      insertText: hasColon ? JSON.stringify(key) : `${JSON.stringify(key)}: ${value}${comma}`,
      snippet: !hasColon,
      documentation,
      range,
      filterText: JSON.stringify(key),
      ...(detail ? { detail } : {}),
    });
    if (!trigger) {
      return cur.path.length === 0 ? ROOT_KEYS_UNRECOGNISED.filter(([k]) => !present.has(k)).map(([k, v, d]) => entry(k, v, d)) : [];
    }
    const field = fieldAt(trigger, cur.path, sourceValue);
    if (!field) return [];
    const out = Object.entries(field.properties ?? {})
      .filter(([k, f]) => !present.has(k) && appliesTo(f, sourceValue))
      .map(([k, f]) => entry(k, valueSnippet(f, k, sourceValue), fieldMarkdown(k, f, trigger), typeLabel(f)));
    const valueField = typeof field.additionalProperties === 'object' ? field.additionalProperties : undefined;
    for (const s of field.suggestions ?? []) {
      if (present.has(s.value) || field.properties?.[s.value]) continue;
      // `custom:` is a prefix: leave the cursor inside the key.
      const insert = s.value.endsWith(':') ? `"${snippetEscape(s.value)}$1": "$2"` : `${JSON.stringify(s.value)}: ${valueField ? valueSnippet(valueField, s.value) : '"$1"'}`;
      out.push({ ...entry(s.value, '', enumMarkdown(s, field, trigger), 'attribute'), insertText: hasColon ? JSON.stringify(s.value) : `${insert}${comma}`, snippet: !hasColon });
    }
    return out;
  }
  if (cur.path.length === 1 && cur.path[0] === 'triggerSource') return sourceValues(trigger, range);
  if (!trigger) return [];
  const field = fieldAt(trigger, cur.path, sourceValue);
  if (!field) return [];
  return valueEntries(field, trigger, cur.path, range, sourceValue);
}

/** Values for a field: enum and suggested values, booleans, null, and whole-object snippets. */
function valueEntries(field: FieldDefinition, trigger: TriggerDefinition, path: readonly (string | number)[], range: OffsetRange, source?: string): CompletionEntry[] {
  const types = typesOf(field);
  const out: CompletionEntry[] = [];
  const value = (label: string, insertText: string, documentation: string, kind: CompletionEntry['kind'] = 'value'): CompletionEntry => ({ label, kind, insertText, snippet: false, documentation, range, filterText: insertText });
  for (const e of field.enum ?? []) out.push(value(e.value, JSON.stringify(e.value), enumMarkdown(e, field, trigger), 'enum'));
  for (const e of field.suggestions ?? []) if (types.includes('string')) out.push(value(e.value, JSON.stringify(e.value), enumMarkdown(e, field, trigger)));
  const name = String(path[path.length - 1] ?? '');
  if (types.includes('boolean')) for (const b of ['true', 'false']) out.push(value(b, b, fieldMarkdown(name, field, trigger)));
  if (types.includes('null')) out.push(value('null', 'null', fieldMarkdown(name, field, trigger)));
  if (types.includes('object') && (name === 'response' || field.writable || field.properties)) {
    const body = JSON.stringify(exampleValue(field, source), null, 2);
    out.push({ label: `{ ${name} }`, kind: 'snippet', insertText: `${snippetEscape(body)}$0`, snippet: true, detail: `whole ${name} object`, documentation: fieldMarkdown(name, field, trigger), range, sortText: '0' });
  }
  return out;
}
