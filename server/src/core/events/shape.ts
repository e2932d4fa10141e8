// Recognition from shape: which triggers' request/response keys an event's keys fit.
import { TRIGGERS } from '../model/registry';
import type { FieldDefinition, TriggerDefinition } from '../model/types';
import { isRecord } from './json';

/** How well an event's keys fit one trigger. */
export interface ShapeScore {
  readonly trigger: TriggerDefinition;
  /** Keys of request/response this trigger defines (distinctive ones count double). */
  readonly score: number;
  /** Keys this trigger lacks that another trigger defines at the same place. */
  readonly conflicts: readonly string[];
}

const props = (f: FieldDefinition | undefined): Readonly<Record<string, FieldDefinition>> => f?.properties ?? {};

/** Keys any trigger defines at `part` (request / response), to tell "belongs elsewhere" from "unknown". */
function knownKeys(part: 'request' | 'response'): Set<string> {
  const out = new Set<string>();
  for (const t of TRIGGERS) for (const k of Object.keys(props(props(t.event)[part]))) out.add(k);
  return out;
}

const KNOWN = { request: knownKeys('request'), response: knownKeys('response') };

/** True when some trigger defines `key` under `part` (request / response). */
export function isKnownEventKey(part: 'request' | 'response', key: string): boolean {
  return KNOWN[part].has(key);
}

/** Scores every trigger against the event's `request` and `response` keys; Sync by its own keys. */
export function scoreShape(event: Record<string, unknown>): ShapeScore[] {
  const isSync = 'eventType' in event || 'datasetRecords' in event || 'identityPoolId' in event;
  return TRIGGERS.map((t) => {
    if (t.binding.kind === 'identityPool') {
      return { trigger: t, score: isSync ? 10 : 0, conflicts: isSync ? [] : ['request'] };
    }
    if (isSync) return { trigger: t, score: 0, conflicts: ['datasetRecords'] };
    let score = 0;
    const conflicts: string[] = [];
    const distinctive = new Set(t.recognition.distinctiveFields ?? []);
    for (const part of ['request', 'response'] as const) {
      const value = event[part];
      if (!isRecord(value)) continue;
      const defined = props(props(t.event)[part]);
      for (const [key, v] of Object.entries(value)) {
        const field = defined[key];
        if (field) {
          score += distinctive.has(`${part}.${key}`) ? 2 : 1;
          // A value from the field's closed set (request.type "customSMSSenderRequestV1") is strong evidence.
          if (typeof v === 'string' && field.enum?.some((e) => e.value === v)) score += 3;
        } else if (KNOWN[part].has(key)) conflicts.push(`${part}.${key}`);
      }
    }
    if (t.noResponse && isRecord(event.response) && Object.keys(event.response).length > 0) conflicts.push('response');
    return { trigger: t, score, conflicts };
  });
}

/** Score minus a penalty per conflicting key: one stray key (a sample's extra field) must not veto a clear fit. */
export function netScore(s: ShapeScore): number {
  return s.score - 2 * s.conflicts.length;
}

/** The best-fitting triggers: highest positive net score. Empty when nothing fits. */
export function bestByShape(event: Record<string, unknown>): { best: TriggerDefinition[]; scores: ShapeScore[] } {
  const scores = scoreShape(event);
  const top = Math.max(0, ...scores.map(netScore));
  const best = top <= 0 ? [] : scores.filter((s) => netScore(s) === top).map((s) => s.trigger);
  return { best, scores };
}

/** True when the event has the version 2/3 pre token keys (`request.scopes`, `claimsAndScopeOverrideDetails`). */
export function hasPreTokenV2Shape(event: Record<string, unknown>): boolean {
  const req = event.request;
  const res = event.response;
  return (isRecord(req) && 'scopes' in req) || (isRecord(res) && 'claimsAndScopeOverrideDetails' in res);
}
