// User pool trigger slots (LambdaConfig keys), derived from the trigger model: no second list to drift.
import { TRIGGERS, type TriggerId, type UserPoolBinding } from '../model';

/** One `LambdaConfig` key a function can be bound to. */
export interface TriggerSlot {
  /** The `LambdaConfig` key (`PreSignUp`, `PreTokenGenerationConfig`, `CustomEmailSender` ...). */
  key: string;
  /** Triggers this key selects (three for pre token generation, one per `LambdaVersion`). */
  triggerIds: TriggerId[];
  /** Object-valued keys take `{LambdaArn, LambdaVersion}`; these are the versions it accepts. */
  lambdaVersions: string[];
  /** Needs `LambdaConfig.KMSKeyID` (custom senders). */
  requiresKmsKey: boolean;
  /** Plain-ARN legacy key that must equal this key's `LambdaArn` (`PreTokenGeneration`). */
  legacyKey?: string;
  /** Human name, from the first trigger of the slot. */
  displayName: string;
}

/** Every user pool slot, in the model's order. */
export function userPoolSlots(): TriggerSlot[] {
  const slots = new Map<string, TriggerSlot>();
  for (const t of TRIGGERS) {
    if (t.binding.kind !== 'userPool') continue;
    const b: UserPoolBinding = t.binding;
    let slot = slots.get(b.lambdaConfigKey);
    if (!slot) {
      slot = { key: b.lambdaConfigKey, triggerIds: [], lambdaVersions: [], requiresKmsKey: false, displayName: t.displayName };
      slots.set(b.lambdaConfigKey, slot);
    }
    slot.triggerIds.push(t.id);
    for (const v of b.lambdaVersions ?? []) if (!slot.lambdaVersions.includes(v)) slot.lambdaVersions.push(v);
    if (b.requiresKmsKey) slot.requiresKmsKey = true;
    if (b.legacyKey) slot.legacyKey = b.legacyKey;
  }
  return [...slots.values()];
}

/** The slot with this key; the legacy `PreTokenGeneration` key maps to `PreTokenGenerationConfig`. */
export function findSlot(key: string): TriggerSlot | undefined {
  const all = userPoolSlots();
  return all.find((s) => s.key.toLowerCase() === key.toLowerCase()) ?? all.find((s) => s.legacyKey?.toLowerCase() === key.toLowerCase());
}

/** The trigger id a slot runs for a given `LambdaVersion` (pre token generation V1/V2/V3). */
export function triggerForSlot(slot: TriggerSlot, lambdaVersion?: string): TriggerId | undefined {
  if (slot.triggerIds.length <= 1) return slot.triggerIds[0];
  const wanted = lambdaVersion ?? slot.lambdaVersions[0];
  return TRIGGERS.find((t) => t.binding.kind === 'userPool' && t.binding.lambdaConfigKey === slot.key && t.binding.lambdaVersion === wanted)?.id;
}

/** What is bound in one slot of a pool's `LambdaConfig`. */
export interface SlotBinding {
  slot: string;
  functionArn: string;
  lambdaVersion?: string;
  triggerId?: TriggerId;
}

/** Reads every bound slot from a `LambdaConfig` (as DescribeUserPool returns it). */
export function readSlots(lambdaConfig: Record<string, unknown> | undefined): SlotBinding[] {
  const out: SlotBinding[] = [];
  if (!lambdaConfig) return out;
  for (const slot of userPoolSlots()) {
    const value = lambdaConfig[slot.key] ?? (slot.legacyKey ? lambdaConfig[slot.legacyKey] : undefined);
    if (typeof value === 'string' && value) {
      out.push({ slot: slot.key, functionArn: value, ...withTrigger(slot, undefined) });
    } else if (value && typeof value === 'object') {
      const v = value as { LambdaArn?: unknown; LambdaVersion?: unknown };
      if (typeof v.LambdaArn !== 'string' || !v.LambdaArn) continue;
      const version = typeof v.LambdaVersion === 'string' ? v.LambdaVersion : undefined;
      out.push({ slot: slot.key, functionArn: v.LambdaArn, ...(version ? { lambdaVersion: version } : {}), ...withTrigger(slot, version) });
    }
  }
  return out;
}

function withTrigger(slot: TriggerSlot, version: string | undefined): { triggerId?: TriggerId } {
  const id = triggerForSlot(slot, version);
  return id ? { triggerId: id } : {};
}
