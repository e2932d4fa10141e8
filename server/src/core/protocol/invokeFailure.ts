// How the editor shows a run that did not return an event (threw, timed out, crashed, failed to start):
// the view's title, its plain text, and where its stack frames point. Pure, so the client's result view
// and the tests share it (the client may import only core/protocol).
import type { InvokeOutcome, InvokeResult, SourceRef } from './invokeResult';

/** The outcome as the view's title says it. */
const KIND_LABEL: Record<Exclude<InvokeOutcome['kind'], 'returned'>, string> = {
  error: 'error',
  timeout: 'timeout',
  crashed: 'crashed',
  failedToStart: 'failed to start',
};

/** "error" / "timeout" / "crashed" / "failed to start". */
export function failureKindLabel(kind: Exclude<InvokeOutcome['kind'], 'returned'>): string {
  return KIND_LABEL[kind];
}

/**
 * The tab title of a failed run: `preSignUp.js#handler ← PreSignUp_SignUp.json: error`. A tab shows the
 * last segment of its document's path, so the event's folders are left out (the view's first line has
 * the full title).
 */
export function failureTabTitle(title: string, kind: Exclude<InvokeOutcome['kind'], 'returned'>): string {
  return `${title.replace(/[^\s←]*\//g, '')}: ${failureKindLabel(kind)}`;
}

function sourceNote(s: SourceRef | undefined): string {
  if (!s || s.kind === 'local' || !s.url) return '';
  return ` (${s.kind === 'observed' ? 'observed' : s.kind === 'undocumented' ? 'not documented' : 'source'}: ${s.url})`;
}

/** The view's text: title, what happened with the stack frames (one per line, each a link), then Cognito's view. */
export function failureText(r: InvokeResult, title: string): string {
  const o = r.outcome;
  if (o.kind === 'returned') return '';
  const lines = [`${title}: ${failureKindLabel(o.kind)}`, ''];
  if (o.kind === 'error') {
    lines.push(`${o.errorType}: ${o.errorMessage}`);
    // Node's own frames (node:internal/...) never locate the bug: leave them out.
    for (const frame of o.stack ?? []) if (!/\(node:|at node:/.test(frame)) lines.push(`    ${frame.trim()}`);
  } else if (o.kind === 'timeout') {
    lines.push(`Task timed out after ${(o.limitMs / 1000).toFixed(2)} seconds (Lambda's Sandbox.Timedout). The handler's process and everything it started were ended.`);
  } else if (o.kind === 'crashed') {
    lines.push(o.reason);
  } else {
    lines.push(o.message);
    if (o.location) lines.push(`    at ${o.location.file}${o.location.line ? `:${o.location.line}${o.location.column ? `:${o.location.column}` : ''}` : ''}`);
  }
  lines.push('', `What Cognito does: ${r.summary.headline}${sourceNote(r.summary.source)}`);
  for (const l of r.summary.lines) lines.push(`  - ${l.text}${sourceNote(l.source)}`);
  if (r.summary.cognitoError) lines.push(`Cognito error text: ${r.summary.cognitoError}`);
  if (r.logs.trim()) lines.push('', 'Console output:', ...r.logs.replace(/\s+$/, '').split(/\r?\n/).map((l) => `  │ ${l}`));
  return `${lines.join('\n')}\n`;
}

/** A place in the text that names a source line: `offset`/`length` in the text, the file and its 1-based line. */
export interface FrameLink {
  offset: number;
  length: number;
  file: string;
  line: number;
  column?: number;
}

/**
 * Stack frames in a failure view's text: Node's `/abs/file.js:12:5` and `file:///abs/file.mjs:12:5`
 * (inside "at fn (...)" or bare), and Python's `File "/abs/handler.py", line 12`. Only absolute paths:
 * a relative one cannot be resolved reliably.
 */
export function frameLinks(text: string): FrameLink[] {
  const links: FrameLink[] = [];
  // A path starts the line or follows a space or "(": `docs/a.md:3` in prose is no frame.
  const node = /(?<![^\s(])(?:file:\/\/)?((?:\/|[A-Za-z]:[\\/])[^\s():"']+?):(\d+)(?::(\d+))?(?=[)\s]|$)/gm;
  for (let m = node.exec(text); m; m = node.exec(text)) {
    const file = m[0].startsWith('file://') ? decodeURIComponent(m[1] as string) : (m[1] as string);
    links.push({ offset: m.index, length: m[0].length, file, line: Number(m[2]), ...(m[3] ? { column: Number(m[3]) } : {}) });
  }
  const python = /File "((?:\/|[A-Za-z]:[\\/])[^"]+)", line (\d+)/g;
  for (let m = python.exec(text); m; m = python.exec(text)) links.push({ offset: m.index, length: m[0].length, file: m[1] as string, line: Number(m[2]) });
  return links.sort((a, b) => a.offset - b.offset);
}
