// Converts an event to another triggerSource or trigger, keeping the fields both have in common.
import { fieldAt } from '../model/lookup';
import { findSource, getTrigger } from '../model/registry';
import type { TriggerDefinition } from '../model/types';
import { isRecord } from './json';
import { sampleEvent } from './sample';

/** Where to convert to: a trigger id and/or one of its triggerSources. */
export interface ConvertTarget {
  readonly triggerId: string;
  readonly source?: string;
}

const ENVELOPE = ['region', 'userPoolId', 'userName', 'callerContext'] as const;

/**
 * The userName a converted event needs when the model gives userName a form for a source: a federated
 * user's name (`Google_1111…`) going to `PreSignUp_ExternalProvider`, or back to a local sign-up. The
 * sample's name replaces one that does not have the target's form, or has the form of the source left.
 */
function userNameFor(event: Record<string, unknown>, target: TriggerDefinition, source: string | undefined, sample: unknown): unknown {
  const current = event.userName;
  if (typeof current !== 'string') return undefined;
  const to = source ? fieldAt(target, ['userName'], source)?.formBySource?.[source] : undefined;
  if (to) return new RegExp(to.pattern).test(current) ? undefined : sample;
  const fromSource = typeof event.triggerSource === 'string' ? event.triggerSource : undefined;
  const from = fromSource ? findSource(fromSource).map((m) => fieldAt(m.trigger, ['userName'], fromSource)?.formBySource?.[fromSource]).find((f) => f) : undefined;
  return from && new RegExp(from.pattern).test(current) ? sample : undefined;
}

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
  const sampleUserName = out.userName;
  for (const key of ENVELOPE) if (key in event && key in out) out[key] = structuredClone(event[key]);
  const name = userNameFor(event, target, source, sampleUserName);
  if (name !== undefined) out.userName = name;
  const from = event.request;
  const request = out.request;
  if (isRecord(from) && isRecord(request)) {
    for (const [key, value] of Object.entries(from)) {
      if (fieldAt(target, ['request', key], source)) request[key] = structuredClone(value);
    }
  }
  return out;
}
