// Sample events built from the model's examples: realistic, deterministic, as Cognito sends them.
import { appliesTo } from '../model/lookup';
import { getTrigger } from '../model/registry';
import type { FieldDefinition, TriggerDefinition } from '../model/types';

/** Options of `sampleEvent`. */
export interface SampleOptions {
  /** AWS Region of the pool (default us-east-1); the pool and identity ids follow it. */
  readonly region?: string;
  /** Leave out optional fields that have examples (clientMetadata, userNotFound …). */
  readonly minimal?: boolean;
}

const clone = <T>(v: T): T => (v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T));

/** The example of `field` for `source`, or undefined when it has none. */
function exampleOf(field: FieldDefinition, source: string | undefined): unknown {
  if (source !== undefined && field.examplesBySource && source in field.examplesBySource) return field.examplesBySource[source];
  return field.example;
}

/** Builds a value for `field`: its example, else its properties, else an empty value of its type. */
function build(field: FieldDefinition, source: string | undefined, minimal: boolean): unknown {
  const example = exampleOf(field, source);
  if (example !== undefined) return clone(example);
  const first = typeof field.type === 'string' ? field.type : field.type[0];
  if (field.properties) {
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(field.properties)) {
      if (!appliesTo(child, source)) continue;
      const hasExample = exampleOf(child, source) !== undefined;
      if (child.required || (!minimal && hasExample)) out[key] = build(child, source, minimal);
    }
    return out;
  }
  switch (first) {
    case 'object':
      return {};
    case 'array':
      return [];
    case 'string':
      return field.enum?.[0]?.value ?? '';
    case 'boolean':
      return false;
    case 'number':
    case 'integer':
      return 0;
    default:
      return null;
  }
}

/** The trigger for `triggerId`; throws for an unknown id (programming error). */
function definition(triggerId: string): TriggerDefinition {
  const t = getTrigger(triggerId);
  if (!t) throw new Error(`Unknown trigger id ${triggerId}`);
  return t;
}

/**
 * A realistic event of `triggerId` for triggerSource `source` (default: the first source). The
 * response is what Cognito sends (flags false, custom message fields null, no response for the
 * custom senders). Deterministic: no clock, no randomness, so generated files are stable.
 */
export function sampleEvent(triggerId: string, source?: string, opts: SampleOptions = {}): Record<string, unknown> {
  const t = definition(triggerId);
  const src = source ?? t.sources[0]?.value;
  if (src !== undefined && !t.sources.some((s) => s.value === src)) {
    throw new Error(`${src} is not a triggerSource of ${t.id}: ${t.sources.map((s) => s.value).join(', ')}`);
  }
  const event = build(t.event, src, opts.minimal ?? false) as Record<string, unknown>;
  const region = opts.region ?? 'us-east-1';
  event.region = region;
  if (t.binding.kind === 'identityPool') {
    event.identityPoolId = String(event.identityPoolId).replace(/^[^:]+/, region);
    event.identityId = String(event.identityId).replace(/^[^:]+/, region);
    return event;
  }
  event.triggerSource = src;
  event.version = t.recognition.eventVersions?.[0] ?? '1';
  event.userPoolId = String(event.userPoolId).replace(/^[^_]+/, region);
  // Admin operations have no app client: Cognito sends this literal (captured Powertools events).
  if (src?.endsWith('_AdminCreateUser') && typeof event.callerContext === 'object' && event.callerContext !== null) {
    (event.callerContext as Record<string, unknown>).clientId = 'CLIENT_ID_NOT_APPLICABLE';
  }
  return orderEnvelope(event);
}

/** Puts the envelope keys in the order Cognito sends them, then the rest. */
function orderEnvelope(event: Record<string, unknown>): Record<string, unknown> {
  const order = ['version', 'triggerSource', 'region', 'userPoolId', 'userName', 'callerContext', 'request', 'response'];
  const out: Record<string, unknown> = {};
  for (const k of order) if (k in event) out[k] = event[k];
  for (const [k, v] of Object.entries(event)) if (!(k in out)) out[k] = v;
  return out;
}
