// What an event document is: its claim, recognised trigger, triggerSource and event version.
import { isRecord } from '../events/json';
import { recognizeEvent, type EventRecognition } from '../events/recognize';
import { getTrigger, type TriggerDefinition, type TriggerSourceDefinition } from '../model';
import { claimEvent, isJsonDocument, triggerOfSchemaRef, type EventClaim } from './classify';
import type { ParsedJson } from './document';

/** The recognised event behind a JSON document. */
export interface EventAnalysis {
  readonly parsed: ParsedJson;
  readonly claim: EventClaim;
  readonly recognition: EventRecognition;
  /** Undefined when nothing names or implies a trigger. */
  readonly trigger?: TriggerDefinition;
  readonly source?: TriggerSourceDefinition;
  /** The event's `triggerSource` string as written (even when not a real value). */
  readonly sourceValue?: string;
}

/**
 * A trigger id named by a folder on the path (`events/PreSignUp/…`, as New Sample Event writes them):
 * a hint for events whose content does not decide (no triggerSource yet).
 */
export function triggerFromPath(relativePath: string): TriggerDefinition | undefined {
  const dirs = relativePath.split('/').slice(0, -1).reverse();
  for (const d of dirs) {
    const t = getTrigger(d);
    if (t) return t;
  }
  return undefined;
}

/**
 * Analyses a parsed JSON document, or returns undefined when it is not an event (no claim by content,
 * `$schema` or glob). The model's `recognizeEvent` decides the trigger; `$schema` or the folder name
 * is passed as the hint.
 */
export function analyzeEvent(parsed: ParsedJson, relativePath: string, globs: readonly string[], languageId?: string): EventAnalysis | undefined {
  if (!isJsonDocument(parsed.uri || relativePath, languageId)) return undefined;
  const claim = claimEvent(parsed.value, relativePath, globs);
  if (!claim) return undefined;
  // The folder name only hints when the content does not decide: a folder is a habit, not a binding.
  // A `$schema` naming a trigger states what the file is for, also when the content claims the file:
  // an event of another trigger is then a trigger mismatch, not a pile of schema errors.
  const named = claim.by === 'schema' ? claim.trigger : isRecord(parsed.value) ? triggerOfSchemaRef(parsed.value.$schema) : undefined;
  const hinted = named ?? (claim.by === 'glob' ? triggerFromPath(relativePath) : undefined);
  const recognition = recognizeEvent(parsed.value, hinted ? { triggerId: hinted.id, ...(named ? { by: 'schema' as const } : {}) } : {});
  const ts = typeof parsed.value === 'object' && parsed.value !== null ? (parsed.value as Record<string, unknown>).triggerSource : undefined;
  return {
    parsed,
    claim,
    recognition,
    ...(recognition.trigger ? { trigger: recognition.trigger } : {}),
    ...(recognition.source ? { source: recognition.source } : {}),
    ...(typeof ts === 'string' ? { sourceValue: ts } : {}),
  };
}
