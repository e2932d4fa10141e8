// Plain-text rendering of an InvokeResult for terminals (the CLI): the answer, the summary, then the
// problems in the answer grouped by what Cognito does with them (rejects, ignores, other findings).
import type { InvokeResult, InvokeSummary, ResponseIssue } from '../protocol/invokeResult';
import { isIgnoredByCognito } from '../summary';

const MARK = { ok: '✔', info: '•', warning: '!', error: '✘' } as const;
/** Stack frames shown in text output; Node internals are left out (they never locate the bug). */
const MAX_FRAMES = 5;

/** The first stack frames that point at the user's code (source-mapped .ts lines for TypeScript). */
export function topFrames(stack: readonly string[] | undefined, max = MAX_FRAMES): string[] {
  return (stack ?? []).filter((l) => !/\(node:|at node:/.test(l)).slice(0, max);
}

function issueLine(i: ResponseIssue, mark: string): string {
  return `  ${mark} ${i.path.join('.') || '(root)'}: ${i.message} [${i.code}]\n`;
}

/**
 * The summary's statements, each marked `[n]` with its source, and the numbered source list: what the
 * CLI prints so every sentence about Cognito can be traced (statements about the local run have none).
 */
export function summaryText(summary: InvokeSummary, mark: (severity: keyof typeof MARK) => string = (k) => MARK[k]): string {
  const urls: string[] = [];
  const ref = (s: InvokeSummary['source'] | undefined): string => {
    if (!s?.url || s.kind === 'local') return '';
    let n = urls.indexOf(s.url);
    if (n < 0) n = urls.push(s.url) - 1;
    return ` [${n + 1}${s.kind === 'observed' ? ', observed' : s.kind === 'undocumented' ? ', not documented' : ''}]`;
  };
  let out = `${summary.succeeds ? mark('ok') : mark('error')} ${summary.headline}${ref(summary.source)}\n`;
  for (const l of summary.lines) out += `  ${mark(l.severity)} ${l.text}${ref(l.source)}\n`;
  if (urls.length) out += `Sources:\n${urls.map((u, i) => `  [${i + 1}] ${u}\n`).join('')}`;
  return out;
}

/** Renders the result; `notes` are extra warnings (e.g. the event's trigger differs from the handler's). */
export function formatResultText(r: InvokeResult, notes: readonly string[] = []): string {
  let out = `${r.triggerId ?? 'unknown trigger'}${r.triggerSource ? ` (${r.triggerSource})` : ''} ← ${r.target}  [${r.where}, ${r.durationMs} ms]\n`;
  const o = r.outcome;
  if (o.kind === 'returned') out += `${JSON.stringify(o.value, null, 2)}\n`;
  else if (o.kind === 'error') out += `${o.errorType}: ${o.errorMessage}\n${topFrames(o.stack).map((l) => `    ${l}\n`).join('')}`;
  else if (o.kind === 'timeout') out += `Timed out after ${o.limitMs} ms\n`;
  for (const n of notes) out += `${MARK.warning} ${n}\n`;
  out += summaryText(r.summary);
  const rejected = r.issues.filter((i) => i.severity === 'error' && !isIgnoredByCognito(i));
  const ignored = r.issues.filter((i) => isIgnoredByCognito(i));
  const other = r.issues.filter((i) => !rejected.includes(i) && !ignored.includes(i));
  if (rejected.length) out += `Rejected by Cognito:\n${rejected.map((i) => issueLine(i, MARK.error)).join('')}`;
  if (ignored.length) out += `Ignored by Cognito (the answer still works, without these):\n${ignored.map((i) => issueLine(i, MARK.warning)).join('')}`;
  if (other.length) out += `Other findings in the answer:\n${other.map((i) => issueLine(i, i.severity === 'warning' ? MARK.warning : MARK.info)).join('')}`;
  if (r.summary.cognitoError) out += `Cognito error: ${r.summary.cognitoError}\n`;
  return out;
}
