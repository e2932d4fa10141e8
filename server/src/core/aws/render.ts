// Pure: the text that shows a planned change and states that nothing else changes.
import type { Difference } from './diff';
import type { UpdatePlan } from './updatePlan';

const show = (v: unknown): string => (v === undefined ? '(not set)' : typeof v === 'string' ? v : JSON.stringify(v));

/** Lines describing a user pool update plan, for the confirmation dialog, dry-run and CLI. */
export function describePlan(poolId: string, plan: UpdatePlan): string[] {
  const lines = [`UpdateUserPool ${poolId}:`];
  if (plan.changedKeys.length === 0) lines.push('  no change: the slot already has this value.');
  for (const k of plan.changedKeys) lines.push(`  LambdaConfig.${k}: ${show(plan.before[k])} → ${show(plan.after[k])}`);
  const kept = Object.keys(plan.input).filter((k) => k !== 'UserPoolId' && k !== 'LambdaConfig');
  const otherTriggers = Object.keys(plan.after).filter((k) => !plan.changedKeys.includes(k));
  lines.push(`Nothing else changes: ${kept.length} other settings (${kept.join(', ') || 'none'}) and ${otherTriggers.length} other LambdaConfig entries (${otherTriggers.join(', ') || 'none'}) are sent exactly as DescribeUserPool returned them.`);
  const trimmed = plan.omitted.filter((o) => o.member.includes('.') || !/read-only/.test(o.reason));
  for (const o of trimmed) lines.push(`  (${o.member}: ${o.reason})`);
  return lines;
}

/** Lines reporting differences an update caused beyond the intended slot. Empty list = none. */
export function describeUnexpected(diffs: Difference[]): string[] {
  return diffs.map((d) => `${d.path}: ${show(d.before)} → ${show(d.after)}`);
}
