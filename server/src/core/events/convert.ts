// Converts an event to another triggerSource or trigger, keeping the fields both have in common.
import { fieldAt } from '../model/lookup';
import { getTrigger } from '../model/registry';
import { isRecord } from './json';
import { sampleEvent } from './sample';

/** Where to convert to: a trigger id and/or one of its triggerSources. */
export interface ConvertTarget {
  readonly triggerId: string;
  readonly source?: string;
}

const ENVELOPE = ['region', 'userPoolId', 'userName', 'callerContext'] as const;

/**
 * A new event for `to`, starting from its sample and copying from `event` what the target also has:
 * the envelope (region, userPoolId, userName, callerContext) and every request key the target's model
 * defines (userAttributes, clientMetadata …). The response is the target's default, since response
 * fields differ per trigger. The input is not modified.
 */
export function convertEvent(event: unknown, to: ConvertTarget): Record<string, unknown> {
  const target = getTrigger(to.triggerId);
  if (!target) throw new Error(`Unknown trigger id ${to.triggerId}`);
  const source = to.source ?? target.sources[0]?.value;
  const region = isRecord(event) && typeof event.region === 'string' ? event.region : undefined;
  const out = sampleEvent(target.id, source, region ? { region } : {});
  if (!isRecord(event)) return out;
  if (target.binding.kind === 'identityPool') return out;
  for (const key of ENVELOPE) if (key in event && key in out) out[key] = structuredClone(event[key]);
  const from = event.request;
  const request = out.request;
  if (isRecord(from) && isRecord(request)) {
    for (const [key, value] of Object.entries(from)) {
      if (fieldAt(target, ['request', key], source)) request[key] = structuredClone(value);
    }
  }
  return out;
}
