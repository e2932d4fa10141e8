// Sample events and conversions by triggerSource: the one core used by the CLI and the language server.
import { convertEvent } from '../events/convert';
import { sampleEvent } from '../events/sample';
import { findSource, TRIGGERS, type TriggerDefinition } from '../model';
import { parseJson } from './document';

/** Which event to build: a triggerSource, optionally narrowed by event version or trigger id. */
export interface SampleTarget {
  readonly source: string;
  /** Event version ("1", "2", "3") — selects among the pre token generation definitions. */
  readonly version?: string;
  readonly triggerId?: string;
}

/** One buildable (trigger, source, version) combination, for pickers. */
export interface SampleChoice {
  readonly triggerId: string;
  readonly displayName: string;
  readonly source: string;
  readonly description: string;
  readonly version: string;
}

/** A resolved sample, or what was wrong with the request. */
export type SampleOutcome =
  | { readonly ok: true; readonly trigger: TriggerDefinition; readonly source: string; readonly version: string; readonly event: Record<string, unknown>; readonly json: string }
  | { readonly ok: false; readonly message: string; readonly valid: readonly string[] };

const versionOf = (t: TriggerDefinition): string => t.recognition.eventVersions?.[0] ?? '1';

/** Every (trigger, source, version) a sample can be built for, in registry order. */
export function sampleChoices(): SampleChoice[] {
  return TRIGGERS.flatMap((t) => t.sources.map((s) => ({ triggerId: t.id, displayName: t.displayName, source: s.value, description: s.description, version: versionOf(t) })));
}

/** Picks the definition for a target, or explains why none fits. */
export function resolveTarget(target: SampleTarget): { trigger: TriggerDefinition } | { message: string; valid: readonly string[] } {
  const all = sampleChoices();
  const matches = findSource(target.source).map((m) => m.trigger);
  if (matches.length === 0) {
    const valid = [...new Set(all.map((c) => c.source))];
    return { message: `Unknown triggerSource "${target.source}". Valid values: ${valid.join(', ')}.`, valid };
  }
  let pool = matches;
  if (target.triggerId !== undefined) {
    pool = pool.filter((t) => t.id === target.triggerId);
    if (pool.length === 0) {
      const valid = matches.map((t) => t.id);
      return { message: `triggerSource "${target.source}" is not sent to trigger "${target.triggerId}". It belongs to: ${valid.join(', ')}.`, valid };
    }
  }
  if (target.version !== undefined) {
    const byVersion = pool.filter((t) => versionOf(t) === target.version);
    if (byVersion.length === 0) {
      const valid = [...new Set(pool.map(versionOf))];
      return { message: `triggerSource "${target.source}" has no event version ${target.version}. Valid versions: ${valid.join(', ')}.`, valid };
    }
    pool = byVersion;
  }
  const chosen = pool[0];
  return chosen ? { trigger: chosen } : { message: `No trigger for "${target.source}".`, valid: [] };
}

/** Pretty JSON as written to event files: two-space indent, final newline. */
export const eventJsonText = (event: unknown): string => `${JSON.stringify(event, null, 2)}\n`;

/** A realistic sample event for the target (the model's `sampleEvent`). */
export function buildSample(target: SampleTarget): SampleOutcome {
  const r = resolveTarget(target);
  if ('message' in r) return { ok: false, message: r.message, valid: r.valid };
  const event = sampleEvent(r.trigger.id, target.source);
  return { ok: true, trigger: r.trigger, source: target.source, version: versionOf(r.trigger), event, json: eventJsonText(event) };
}

/** Converts event JSON text to another source (the model's `convertEvent`), keeping shared fields. */
export function convertText(text: string, target: SampleTarget): SampleOutcome {
  const parsed = parseJson(text);
  if (parsed.errors.length > 0 || typeof parsed.value !== 'object' || parsed.value === null || Array.isArray(parsed.value)) {
    return { ok: false, message: 'The event is not a valid JSON object; fix its syntax errors before converting it.', valid: [] };
  }
  const r = resolveTarget(target);
  if ('message' in r) return { ok: false, message: r.message, valid: r.valid };
  const event = convertEvent(parsed.value, { triggerId: r.trigger.id, source: target.source });
  return { ok: true, trigger: r.trigger, source: target.source, version: versionOf(r.trigger), event, json: eventJsonText(event) };
}

/** Where New Sample Event puts a file, relative to the workspace folder. */
export function samplePath(triggerId: string, source: string, n = 0): string {
  return `events/${triggerId}/${source}${n > 0 ? `-${n + 1}` : ''}.json`;
}
