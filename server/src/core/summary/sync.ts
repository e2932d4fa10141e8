// Summary for the Cognito Sync trigger: the dataset after Cognito's merge of the answer.
import type { SummaryLine } from '../protocol/invokeResult';
import { err, info, obj, ok, summary, warn, type ReturnedSummariser } from './common';
import { invalidResponseError } from './issues';

/** Fields the function may not change (catalog §11): changing any field but datasetRecords fails the update. */
const READ_ONLY = ['version', 'eventType', 'region', 'identityPoolId', 'identityId', 'datasetName'] as const;

/** One record after the merge, or undefined when it is removed. */
export interface MergedRecord {
  key: string;
  value: string | null;
  change: 'kept' | 'written' | 'removed' | 'ignored';
}

/**
 * Cognito's merge: records the answer omits are ignored (not written), a record with `op: "remove"`
 * or `newValue: null` is removed, others are written with their `newValue`.
 */
export function mergeDataset(input: unknown, answer: unknown): MergedRecord[] {
  const before = obj(obj(input)?.datasetRecords) ?? {};
  const after = obj(obj(answer)?.datasetRecords) ?? {};
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return keys.map((key): MergedRecord => {
    const rec = obj(after[key]);
    const old = obj(before[key])?.oldValue;
    const oldValue = typeof old === 'string' ? old : null;
    if (!rec) return { key, value: oldValue, change: 'ignored' };
    if (rec.op === 'remove' || rec.newValue === null) return { key, value: null, change: 'removed' };
    const nv = typeof rec.newValue === 'string' ? rec.newValue : JSON.stringify(rec.newValue);
    return { key, value: nv, change: nv === oldValue ? 'kept' : 'written' };
  });
}

/** Sync trigger summary. */
export const syncTrigger: ReturnedSummariser = ({ value, input, trigger }) => {
  const before = obj(input) ?? {};
  const changed = READ_ONLY.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(value[k]));
  if (changed.length) {
    const cognitoError = invalidResponseError(trigger);
    const what = changed.map((k) => `${k} (${JSON.stringify(before[k]) ?? 'absent'} → ${JSON.stringify(value[k]) ?? 'absent'})`);
    return summary(`The dataset sync fails: the function changed ${what.join(', ')}; Cognito lets it change only datasetRecords. The app receives ${cognitoError.split(':')[0]}.`, 'syncTriggerRules', false, [
      ...changed.map((k) => err(`${k} is read-only: return it as received (${JSON.stringify(before[k]) ?? 'absent'}).`, 'syncTriggerRules')),
      info('No record of this sync is written.', 'syncTriggerRules'),
    ], cognitoError);
  }
  const merged = mergeDataset(input, value);
  const lines: SummaryLine[] = merged.map((r) => {
    switch (r.change) {
      case 'removed':
        return ok(`${r.key}: removed`, 'syncTriggerRules');
      case 'ignored':
        return warn(`${r.key}: omitted from the answer, so this sync's change is ignored (stays ${r.value === null ? 'absent' : JSON.stringify(r.value)})`, 'syncTriggerRules');
      default:
        return ok(`${r.key} = ${JSON.stringify(r.value)}${r.change === 'kept' ? ' (unchanged)' : ''}`, 'syncTriggerRules');
    }
  });
  const written = merged.filter((r) => r.change === 'written').length;
  const removed = merged.filter((r) => r.change === 'removed').length;
  if (!merged.length) lines.push(info('The dataset has no records.', 'syncTriggerRules'));
  return summary(`Dataset synced: ${written} record(s) written, ${removed} removed, ${merged.filter((r) => r.change === 'ignored').length} ignored.`, 'syncTriggerRules', true, lines);
};
