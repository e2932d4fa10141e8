// Pure: the short sentences a person reads about a bind, unbind or check, pool name first (ids and details go to the log).
import type { PartialChange } from '../protocol/aws';

/** A pool as the user knows it: the name they picked it by, else its id. */
export function poolLabel(pool: { poolName?: string | undefined; poolId: string }): string {
  return pool.poolName?.trim() || pool.poolId;
}

/** The function's name from an ARN (`arn:aws:lambda:…:function:NAME[:qualifier]`), or what was given. */
export function functionLabel(nameOrArn: string): string {
  const m = /^arn:aws[\w-]*:lambda:[^:]*:[^:]*:function:(.+)$/.exec(nameOrArn);
  return m?.[1] ?? nameOrArn;
}

/** What an applied bind or unbind did, for `summary`. */
export interface AppliedFacts {
  pool: string;
  /** The slot key, or SyncTrigger. */
  where: string;
  /** Bound now (bind) or before (unbind). */
  functionArn?: string;
  bind: boolean;
  /** The pool was updated (false: it already had this value). */
  changed: boolean;
  /** Differences beyond the slot after the update. */
  unexpected: number;
  /** What happened to the permission statement, when the change touched it. */
  permission?: 'added' | 'present' | 'removed' | 'kept' | 'none';
}

/** One sentence: "shop-users: PreSignUp now calls pre-sign-up; nothing else changed." */
export function appliedSummary(f: AppliedFacts): string {
  const fn = f.functionArn ? functionLabel(f.functionArn) : 'the function';
  const what = !f.changed
    ? f.bind ? `${f.where} already calls ${fn}` : `${f.where} was not bound`
    : f.bind ? `${f.where} now calls ${fn}` : `${f.where} unbound`;
  const permission = {
    added: 'permission added',
    present: 'permission already there',
    removed: 'permission removed',
    kept: 'permission kept',
    none: 'no permission of ours to remove',
  }[f.permission ?? 'kept'];
  const parts = [what, ...(f.permission ? [permission] : [])];
  const rest = !f.changed ? '' : f.unexpected ? `; but ${f.unexpected} other setting(s) changed (see the log)` : '; nothing else changed';
  return `${f.pool}: ${parts.join(', ')}${rest}.`;
}

/**
 * Error codes (errors.ts) of input AWS refuses as such: the same request fails the same way, so a
 * retry (Finish) cannot help until the input is fixed.
 */
const REFUSED_INPUT = new Set(['KmsKeyRefused', 'InvalidParameterException', 'InvalidParameterValueException', 'ValidationException', 'InvalidInput']);

/** True when retrying the same request can succeed (a refused input fails the same way). */
export function retryCanHelp(code: string): boolean {
  return !REFUSED_INPUT.has(code);
}

/** A partial change before its dialog text is written. */
export type PartialFacts = Omit<PartialChange, 'title' | 'detail'>;

/** The partial-change dialog's title: "shop-users: the change stopped half way." */
export function partialChangeTitle(p: PartialFacts): string {
  return `${poolLabel(p)}: the change stopped half way.`;
}

/** The partial-change dialog's text: the impact, what was and was not done, the error, and what Finish and Roll back do. */
export function partialChangeDetail(p: PartialFacts): string {
  return [
    p.impact,
    '',
    'Done:',
    ...p.applied.map((a) => `  ✔ ${a}`),
    'Not done:',
    ...p.notApplied.map((a, i) => `  ${i === 0 ? '✖' : '·'} ${a}`),
    '',
    `${p.error.message} ${p.error.hint}`,
    '',
    // Finishing with input AWS refused fails the same way: say so instead of offering a retry that cannot help.
    retryCanHelp(p.error.code)
      ? `Finish retries the steps not done; Roll back restores the slot as it was before (refused if someone changed the pool since). From a terminal: ${p.finishCommand}`
      : 'Finish would fail the same way until that is fixed; Roll back restores the slot as it was before (refused if someone changed the pool since).',
  ].join('\n');
}

/** The review dialog's first line: "shop-users: review the change to PreSignUp (nothing else changes):". */
export function reviewTitle(o: { pool: string; where: string; changes: boolean; unbind: boolean }): string {
  if (!o.changes) return o.unbind ? `${o.pool}: ${o.where} is not bound, nothing to change in the pool.` : `${o.pool}: ${o.where} is already bound, nothing to change in the pool.`;
  return o.unbind ? `${o.pool}: unbind ${o.where}? Review the change (nothing else changes):` : `${o.pool}: review the change to ${o.where} (nothing else changes):`;
}
