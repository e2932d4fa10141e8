// Hover over an event document: field documentation from the model, triggerSource and enum values.
import { fieldAt, findSource, type FieldDefinition, type TriggerDefinition } from '../model';
import type { EventAnalysis } from './analyze';
import { nodeAt, type OffsetRange } from './locate';
import { enumMarkdown, fieldMarkdown, sourceMarkdown } from './markdown';

/** Hover content (markdown) and the text it is about. */
export interface HoverText {
  readonly markdown: string;
  readonly range: OffsetRange;
}

/** The model's field at `path`, for the event's source first, then for any source (hover shows "Only for …"). */
export function fieldFor(trigger: TriggerDefinition, path: readonly (string | number)[], source?: string): FieldDefinition | undefined {
  return fieldAt(trigger, path, source) ?? fieldAt(trigger, path);
}

/** Hover at `offset`, or undefined where the model has nothing to say. */
export function hoverAt(analysis: EventAnalysis, offset: number): HoverText | undefined {
  const at = nodeAt(analysis.parsed, offset);
  if (!at) return undefined;
  const range = { start: at.node.offset, end: at.node.offset + at.node.length };
  const { trigger } = analysis;
  const path = at.path;
  const last = path[path.length - 1];
  if (path.length === 1 && last === 'triggerSource' && !at.isKey && typeof at.node.value === 'string') {
    // Any trigger's source explains itself, even in an event recognised as another trigger.
    const matches = findSource(at.node.value);
    const match = matches.find((m) => m.trigger === trigger) ?? matches[0];
    if (match) return { markdown: sourceMarkdown(match.source, match.trigger), range };
  }
  if (!trigger || last === undefined) return undefined;
  const field = fieldFor(trigger, path, analysis.sourceValue);
  if (at.isKey) {
    const parent = fieldFor(trigger, path.slice(0, -1), analysis.sourceValue);
    const suggestion = parent?.suggestions?.find((s) => s.value === last);
    if (suggestion && parent && !parent.properties?.[String(last)]) return { markdown: enumMarkdown(suggestion, parent, trigger), range };
    return field ? { markdown: fieldMarkdown(String(last), field, trigger), range } : undefined;
  }
  if (!field) return undefined;
  const value = at.node.value;
  const listed = [...(field.enum ?? []), ...(field.suggestions ?? [])].find((e) => e.value === value);
  if (listed) return { markdown: `${enumMarkdown(listed, field, trigger)}\n\n---\n\n${fieldMarkdown(String(last), field, trigger)}`, range };
  return { markdown: fieldMarkdown(String(last), field, trigger), range };
}
