// Pure: the text that shows a planned change and states that nothing else changes.
import type { Difference } from './diff';
import type { SlotChange } from './slotChange';
import { findSlot } from './slots';
import type { UpdatePlan } from './updatePlan';

const show = (v: unknown): string => (v === undefined ? '(not set)' : typeof v === 'string' ? v : JSON.stringify(v));

/** Lines describing a user pool update plan, for the confirmation dialog, dry-run and CLI. */
export function describePlan(poolId: string, plan: UpdatePlan, change?: SlotChange): string[] {
  if (plan.changedKeys.length === 0) return [noChange(plan, change), `UpdateUserPool ${poolId} is not called.`];
  const lines = [`UpdateUserPool ${poolId}:`];
  for (const k of plan.changedKeys) lines.push(`  LambdaConfig.${k}: ${show(plan.before[k])} → ${show(plan.after[k])}`);
  const kept = Object.keys(plan.input).filter((k) => k !== 'UserPoolId' && k !== 'LambdaConfig');
  const otherTriggers = Object.keys(plan.after).filter((k) => !plan.changedKeys.includes(k));
  lines.push(`Nothing else changes: ${kept.length} other settings (${kept.join(', ') || 'none'}) and ${otherTriggers.length} other LambdaConfig entries (${otherTriggers.join(', ') || 'none'}) are sent exactly as DescribeUserPool returned them.`);
  const trimmed = plan.omitted.filter((o) => !o.quiet && (o.member.includes('.') || !/read-only/.test(o.reason)));
  for (const o of trimmed) lines.push(`  (${o.member}: ${o.reason})`);
  return lines;
}

/** "No change: PreTokenGenerationConfig already calls arn:… (V2_0)", or why else nothing changes. */
function noChange(plan: UpdatePlan, change: SlotChange | undefined): string {
  if (!change) return 'No change: the slot already has this value.';
  const key = findSlot(change.slot)?.key ?? change.slot;
  if (change.kind === 'unbind') return `No change: ${key} is not bound.`;
  const version = (plan.after[key] as { LambdaVersion?: unknown } | undefined)?.LambdaVersion;
  return `No change: ${key} already calls ${change.functionArn}${typeof version === 'string' ? ` (${version})` : ''}.`;
}

/** Lines reporting differences an update caused beyond the intended slot. Empty list = none. */
export function describeUnexpected(diffs: Difference[]): string[] {
  return diffs.map((d) => `${d.path}: ${show(d.before)} → ${show(d.after)}`);
}
