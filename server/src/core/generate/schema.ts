// JSON Schema (draft-07, with VS Code's keywords) for one trigger, generated from its definition.
import { TRIGGERS } from '../model/registry';
import type { FieldDefinition, JsonType, TriggerDefinition } from '../model/types';
import { sampleEvent } from '../events/sample';

/** A JSON Schema node: plain JSON. */
export type Schema = Record<string, unknown>;

/** Base of every `$id`: a reserved, never-resolving host, so refs resolve between our files only. */
export const SCHEMA_BASE = 'https://cognito-triggers.invalid/schemas/';

/** File name of a trigger's schema. */
export const schemaFile = (id: string): string => `${id}.schema.json`;

const GENERATED = 'generated from server/src/core/model — do not edit; run `npm run generate`';

const typesOf = (t: JsonType | readonly JsonType[]): readonly JsonType[] => (typeof t === 'string' ? [t] : t);

/** Description in markdown: text, the note (why we differ from @types or the docs), the docs link. */
function markdown(field: FieldDefinition): string {
  const parts = [field.description];
  if (field.note) parts.push(`_Note:_ ${field.note}`);
  if (field.docs) parts.push(`[AWS documentation](${field.docs})`);
  return parts.join('\n\n');
}

/** Plain-text description for tools without markdown. */
const plain = (md: string): string => md.replace(/`/g, '').replace(/\[([^\]]+)\]\([^)]+\)/g, '$1');

/** A value a handler would set, for snippet bodies: example, suggestion, enum, or built from properties. */
export function typicalValue(field: FieldDefinition, writableOnly = false): unknown {
  if (field.example !== undefined && field.example !== null) return field.example;
  const types = typesOf(field.type);
  if (field.properties && types.includes('object')) {
    const out: Record<string, unknown> = {};
    for (const [k, f] of Object.entries(field.properties)) if (!writableOnly || f.writable) out[k] = typicalValue(f, writableOnly);
    return out;
  }
  if (field.suggestions?.[0] && types.includes('string')) return field.suggestions[0].value;
  if (field.enum?.[0]) return types.includes('number') ? Number(field.enum[0].value) : field.enum[0].value;
  if (types.includes('boolean')) return false;
  if (types.includes('array')) return [];
  if (types.includes('object')) return {};
  if (types.includes('string')) return '';
  return null;
}

/** One field as a schema node. */
export function fieldSchema(field: FieldDefinition): Schema {
  const types = typesOf(field.type);
  const md = markdown(field);
  const s: Schema = { type: types.length === 1 ? types[0] : [...types], description: plain(md), markdownDescription: md };
  if (field.enum) {
    const values: unknown[] = field.enum.map((e) => (types.includes('number') && !types.includes('string') ? Number(e.value) : e.value));
    // JSON Schema `enum` restricts every type, so a nullable enum must list null itself.
    if (types.includes('null')) values.push(null);
    s.enum = values;
    s.enumDescriptions = [...field.enum.map((e) => e.description), ...(types.includes('null') ? ['Not set.'] : [])];
  } else if (field.suggestions && types.includes('string')) {
    s.examples = field.suggestions.map((e) => e.value);
  }
  const c = field.constraints;
  if (c?.minLength !== undefined) s.minLength = c.minLength;
  if (c?.maxLength !== undefined) s.maxLength = c.maxLength;
  if (c?.pattern !== undefined) {
    s.pattern = c.pattern;
    if (c.patternName) s.patternErrorMessage = `Must be ${c.patternName}.`;
  }
  if (field.properties) {
    s.properties = Object.fromEntries(Object.entries(field.properties).map(([k, f]) => [k, fieldSchema(f)]));
    const required = Object.entries(field.properties).filter(([, f]) => f.required && !f.sources).map(([k]) => k);
    if (required.length) s.required = required;
  }
  if (field.additionalProperties !== undefined) {
    s.additionalProperties = typeof field.additionalProperties === 'boolean' ? field.additionalProperties : fieldSchema(field.additionalProperties);
  }
  if (field.items) {
    const items = fieldSchema(field.items);
    if (c?.noWhitespace) {
      items.pattern = '^\\S+$';
      items.patternErrorMessage = 'Scopes may not contain white space.';
    }
    s.items = items;
  }
  if (field.example !== undefined && field.example !== null && !field.properties) s.examples = [field.example];
  return s;
}

/** `if triggerSource is not one of sources, then the field at path must be absent`, for per-source fields. */
function sourceRules(field: FieldDefinition, path: string[] = []): Schema[] {
  const out: Schema[] = [];
  for (const [key, child] of Object.entries(field.properties ?? {})) {
    if (child.sources) {
      // `properties: {key: false}` forbids the key without Ajv's strictRequired objecting to `not: {required}`.
      let then: Schema = { type: 'object', properties: { [key]: false } };
      for (const p of [...path].reverse()) then = { type: 'object', properties: { [p]: then } };
      out.push({ if: { type: 'object', properties: { triggerSource: { not: { enum: [...child.sources] } } }, required: ['triggerSource'] }, then });
    }
    out.push(...sourceRules(child, [...path, key]));
  }
  return out;
}

/** The full schema of one trigger's event. */
export function triggerSchema(t: TriggerDefinition): Schema {
  const root = fieldSchema({ ...t.event, description: `${t.displayName}: ${t.description}`, docs: t.docs });
  const props = root.properties as Record<string, Schema> | undefined;
  const response = props?.response;
  const responseField = t.event.properties?.response;
  if (response && responseField) {
    response.defaultSnippets = [{ label: `${t.displayName} response`, description: 'Every field the function may set.', body: typicalValue(responseField, true) }];
  }
  const rules = sourceRules(t.event);
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: `${SCHEMA_BASE}${schemaFile(t.id)}`,
    $comment: GENERATED,
    title: `${t.displayName} event`,
    ...root,
    ...(rules.length ? { allOf: rules } : {}),
    defaultSnippets: t.sources.map((s) => ({ label: `${s.value} event`, description: s.description, body: sampleEvent(t.id, s.value) })),
  };
}

/** The dispatcher schema: picks the trigger schema by triggerSource (and version for pre token), or eventType. */
export function eventSchema(): Schema {
  const branches: Schema[] = TRIGGERS.map((t) => {
    const ref = { $ref: `./${schemaFile(t.id)}` };
    if (t.binding.kind === 'identityPool') return { if: { type: 'object', properties: { eventType: { const: t.recognition.eventType } }, required: ['eventType'] }, then: ref };
    const cond: Schema = { type: 'object', properties: { triggerSource: { enum: t.sources.map((s) => s.value) } }, required: ['triggerSource'] };
    const versions = t.recognition.eventVersions;
    if (versions && t.id.startsWith('PreTokenGeneration')) {
      (cond.properties as Schema).version = { enum: [...versions] };
      (cond.required as string[]).push('version');
    }
    return { if: cond, then: ref };
  });
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: `${SCHEMA_BASE}cognito-event.schema.json`,
    $comment: GENERATED,
    title: 'Amazon Cognito Lambda trigger event',
    description: 'Any Cognito trigger event; the trigger is chosen by triggerSource (pre token generation also by version) or by eventType for Cognito Sync.',
    type: 'object',
    allOf: branches,
  };
}
