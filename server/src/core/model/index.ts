// The trigger registry: every definition, looked up by id, LambdaConfig key, type name or triggerSource.
import { preSignUp } from './triggers/preSignUp';
import type { TriggerDefinition, TriggerId, TriggerSourceDefinition } from './types';

export * from './types';

/** Every trigger we model, in the order Cognito's flows reach them. */
export const TRIGGERS: readonly TriggerDefinition[] = [preSignUp];

const byId = new Map<string, TriggerDefinition>(TRIGGERS.map((t) => [t.id, t]));

/** The definition with this id, or undefined. */
export function getTrigger(id: string): TriggerDefinition | undefined {
  return byId.get(id);
}

/** The definition with this id; throws for an unknown id (programming error). */
export function trigger(id: TriggerId): TriggerDefinition {
  const t = byId.get(id);
  if (!t) throw new Error(`No trigger definition for ${id}`);
  return t;
}

/** Every (trigger, source) pair whose triggerSource value equals `value`. */
export function findSource(value: string): { trigger: TriggerDefinition; source: TriggerSourceDefinition }[] {
  const out: { trigger: TriggerDefinition; source: TriggerSourceDefinition }[] = [];
  for (const t of TRIGGERS) for (const s of t.sources) if (s.value === value) out.push({ trigger: t, source: s });
  return out;
}
