// checkEvent: every semantic check of one recognised event, in a stable order.
import type { CheckContext } from './context';
import type { EventIssue } from './issues';
import { isRecord } from './json';
import { checkPreToken } from './preToken';
import type { EventRecognition } from './recognize';
import { checkEnvelope, checkPreSignUp, checkSender, checkSync } from './rules';
import { walk } from './walk';

/**
 * Checks `value` as an event of `recognised.trigger`: the recognition issues first, then the
 * model-driven checks (types, enums, formats, lengths, placeholders, misplaced keys), then the trigger
 * rules (quirks, region, pre token claims and versions, senders, Sync). Never throws; an unrecognised
 * event returns only the recognition issues.
 */
export function checkEvent(value: unknown, recognised: EventRecognition): EventIssue[] {
  const issues: EventIssue[] = [...recognised.quirks];
  const trigger = recognised.trigger;
  if (!trigger || !isRecord(value)) return issues;
  const ctx: CheckContext = { event: value, trigger, ...(recognised.source ? { source: recognised.source.value } : {}), issues };
  walk(ctx, value, trigger.event, []);
  if (trigger.binding.kind === 'userPool') checkEnvelope(ctx);
  checkSender(ctx);
  checkPreSignUp(ctx);
  checkPreToken(ctx);
  checkSync(ctx);
  return issues;
}
