// Which other triggers define a key at a given place: tells "belongs to another trigger" from "unknown".
import { TRIGGERS } from '../model/registry';
import type { FieldDefinition, TriggerDefinition } from '../model/types';

const index = new Map<string, TriggerDefinition[]>();

/** Records every property path to depth 3 (`request.groupConfiguration.preferredRole`). */
function visit(t: TriggerDefinition, field: FieldDefinition, prefix: string, depth: number): void {
  if (depth > 3) return;
  for (const [key, child] of Object.entries(field.properties ?? {})) {
    const p = prefix ? `${prefix}.${key}` : key;
    const list = index.get(p) ?? [];
    if (!list.includes(t)) list.push(t);
    index.set(p, list);
    visit(t, child, p, depth + 1);
  }
}
for (const t of TRIGGERS) visit(t, t.event, '', 1);

/** The triggers other than `self` that define a property at `path` (object keys only). */
export function definedElsewhere(self: TriggerDefinition, path: readonly (string | number)[]): TriggerDefinition[] {
  if (path.some((k) => typeof k === 'number')) return [];
  return (index.get(path.join('.')) ?? []).filter((t) => t !== self);
}
