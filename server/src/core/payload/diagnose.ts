// Diagnostics of an event document: schema structure plus the model's semantic checks, on text ranges.
import { showPath, type EventIssue, type IssueSeverity } from '../events/issues';
import { removeEntry, type OffsetEdit } from '../textEdits';
import { checkEvent } from '../events/check';
import { SHARED_PARAMS_DOC } from '../model/common';
import type { EventAnalysis } from './analyze';
import { MAX_JSON_DEPTH, MAX_JSON_MEMBERS } from './document';
import { nodeAt, nodeSpan, rangeOfPath, type Anchor, type OffsetRange } from './locate';

/** Source of every diagnostic we publish. */
export const DIAGNOSTIC_SOURCE = 'cognito-triggers';

/** A diagnostic with offsets, host-neutral; the provider converts offsets to positions. */
export interface EventDiagnostic {
  readonly range: OffsetRange;
  readonly severity: IssueSeverity;
  /** Stable: an issue code of the model, or `schema-*` for structural problems. */
  readonly code: string;
  readonly message: string;
  readonly href: string;
  /** The fixes the message names (a did-you-mean, removing an entry Cognito drops), as text edits. */
  readonly fixes?: readonly { readonly title: string; readonly edits: readonly OffsetEdit[] }[];
}

/** A schema problem as vscode-json-languageservice reports it, in offsets. */
export interface SchemaProblem {
  readonly range: OffsetRange;
  readonly message: string;
  /** JSON language service error code (1 = enum mismatch, 2 = deprecated, else none). */
  readonly code?: number | string;
}

/** Issues about a key rather than its value are underlined on the key. */
const KEY_CODES = new Set(['unknown-field', 'field-not-for-trigger', 'field-not-for-source', 'caller-context-aws-sdk', 'unexpected-response', 'missing-response']);

const SCHEMA_CODES: Record<number, string> = { 1: 'schema-enum', 2: 'schema-deprecated' };

/** Codes this layer reports itself (not the model's issues): each has a rule in the registry (contract test). */
export const PAYLOAD_CODES = ['too-large', 'too-deep'] as const;

/** Keys that would make a JSON file an event, for the one diagnostic on unrecognised event files. */
export const UNRECOGNISED_HELP =
  'Add "triggerSource" with a user pool trigger source (e.g. "PreSignUp_SignUp"), "eventType": "SyncTrigger" for the identity pool Sync trigger, or "$schema" naming a trigger schema (e.g. "PreSignUp.schema.json").';

/**
 * The keys that would make an unrecognised file an event. A file whose shape fits some triggers is told
 * their sources; one that already has a triggerSource key is told to change it, not to add one.
 */
function unrecognisedHelp(analysis: EventAnalysis): string {
  const cands = analysis.recognition.candidates;
  const has = analysis.sourceValue !== undefined;
  if (cands.length === 0) return has ? UNRECOGNISED_HELP.replace(/^Add "triggerSource" with/, 'Set "triggerSource" to') : UNRECOGNISED_HELP;
  const examples = cands.slice(0, 3).map((t) => `"${t.sources[0]?.value ?? t.id}" (${t.displayName})`).join(', ');
  return `${has ? 'Set "triggerSource" to' : 'Add "triggerSource" with'} the real value, e.g. ${examples}, or "$schema" naming the trigger's schema (e.g. "${cands[0]?.id ?? 'PreSignUp'}.schema.json").`;
}

/** The offset range an issue points at: a protected claim's key (the claim), not its value. */
export function issueRange(analysis: EventAnalysis, issue: EventIssue): OffsetRange {
  const claimKey = issue.code === 'claim-not-allowed' && typeof issue.path[issue.path.length - 1] === 'string';
  const anchor: Anchor = KEY_CODES.has(issue.code) || claimKey ? 'key' : 'value';
  return rangeOfPath(analysis.parsed, issue.path, anchor);
}

/** The issue's fix as text edits, when it has one and the node it names is in the text. */
function issueFixes(analysis: EventAnalysis, issue: EventIssue): EventDiagnostic['fixes'] {
  const f = issue.fix;
  const { parsed } = analysis;
  const node = nodeSpan(parsed, issue.path);
  if (!f || node.start < 0 || issue.path.length === 0) return undefined;
  const keyed = typeof issue.path[issue.path.length - 1] === 'string';
  if ('remove' in f) {
    const start = keyed ? rangeOfPath(parsed, issue.path, 'key').start : node.start;
    return [{ title: f.title, edits: [removeEntry(parsed.text, start, node.end)] }];
  }
  if (f.replace === 'key' && !keyed) return undefined;
  const at = f.replace === 'key' ? rangeOfPath(parsed, issue.path, 'key') : node;
  return [{ title: f.title, edits: [{ ...at, newText: JSON.stringify(f.text) }] }];
}

/**
 * Schema problems whose rule the model checks with more knowledge, matched on vscode-json-languageservice's
 * (English) wording: `required` cannot depend on triggerSource or tell a documentation fragment from an
 * event (the model's missing-field / missing-response warnings can), and the generator's per-source
 * `not: {required}` rules only say "Matches a schema that is not allowed" (or "Property x is not
 * allowed") where field-not-for-source / unknown-field name the field — and they misfire when the
 * triggerSource is a placeholder, which the model treats as "any source of this trigger".
 */
const MODEL_OWNED: readonly RegExp[] = [/^Missing property "/, /^Matches a schema that is not allowed\.$/, /^Property .+ is not allowed\.$/];

/**
 * A test "is this range inside one of `ranges`", O(log n) per test: ranges sorted by start with the
 * running maximum of their ends (a range lies inside one iff the largest end among those starting at
 * or before it reaches its end). Testing every schema problem against every issue was quadratic: a
 * 10,000-key document took seconds per keystroke.
 */
function coverage(ranges: readonly OffsetRange[]): (r: OffsetRange) => boolean {
  const sorted = ranges.filter((r) => r.start >= 0).sort((a, b) => a.start - b.start);
  const maxEnd: number[] = [];
  for (const [i, r] of sorted.entries()) maxEnd.push(Math.max(r.end, i > 0 ? (maxEnd[i - 1] as number) : -Infinity));
  return (r) => {
    let lo = 0;
    let hi = sorted.length - 1;
    let last = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if ((sorted[mid] as OffsetRange).start <= r.start) {
        last = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return last >= 0 && (maxEnd[last] as number) >= r.end;
  };
}

/**
 * Every diagnostic of an analysed event. The model's issues (recognition quirks, semantic rules and
 * the published quirks) come from `checkEvent`; schema problems are added unless a model issue already
 * covers the same node — so a numeric `version` shows the precise quirk warning, not "Incorrect type".
 */
export function diagnoseEvent(analysis: EventAnalysis, schemaProblems: readonly SchemaProblem[]): EventDiagnostic[] {
  const { trigger, claim, parsed } = analysis;
  if (parsed.tooLarge !== undefined) {
    return [{ range: { start: 0, end: Math.min(1, parsed.text.length) }, severity: 'warning', code: 'too-large', message: `This JSON has more than ${MAX_JSON_MEMBERS} members, so it is too large to analyse (a Cognito event has well under 500). Nothing else is checked in this file.`, href: SHARED_PARAMS_DOC }];
  }
  if (parsed.tooDeep !== undefined) {
    return [{ range: { start: 0, end: Math.min(1, parsed.text.length) }, severity: 'warning', code: 'too-deep', message: `This JSON nests more than ${MAX_JSON_DEPTH} levels deep, so it is not analysed (a Cognito event nests fewer than 10). Nothing else is checked in this file.`, href: SHARED_PARAMS_DOC }];
  }
  if (!trigger) {
    const why = claim.by === 'glob' ? `matches the event file pattern "${claim.pattern}"` : claim.by === 'schema' ? 'names a trigger schema' : 'looks like an event';
    // The quirk that explains why (a placeholder triggerSource names the candidates' real sources) leads the message.
    const found = analysis.recognition.quirks.find((q) => ['unknown-trigger-source', 'placeholder-trigger-source', 'wrong-type', 'not-an-object'].includes(q.code));
    const cands = analysis.recognition.candidates;
    const could = cands.length > 1 ? ` Its shape fits ${cands.length} triggers (${cands.slice(0, 3).map((t) => t.displayName).join(', ')}${cands.length > 3 ? ', …' : ''}).` : '';
    const message = `${found ? `${found.message} ` : ''}This file ${why} but names no Cognito trigger.${could} ${unrecognisedHelp(analysis)}`;
    const fixes = found && issueFixes(analysis, found);
    return [{ range: found ? issueRange(analysis, found) : rangeOfPath(parsed, []), severity: found?.severity === 'error' ? 'error' : 'warning', code: 'unrecognised-event', message, href: SHARED_PARAMS_DOC, ...(fixes ? { fixes } : {}) }];
  }
  const issues = checkEvent(parsed.value, analysis.recognition);
  const out: EventDiagnostic[] = [];
  const covered: OffsetRange[] = [];
  for (const issue of issues) {
    const range = issueRange(analysis, issue);
    const fixes = issueFixes(analysis, issue);
    out.push({ range, severity: issue.severity, code: issue.code, message: issue.message, href: issue.docs ?? trigger.docs, ...(fixes ? { fixes } : {}) });
    // A model issue covers its value and its key: both ranges suppress schema noise on that node.
    if (issue.path.length > 0) covered.push(rangeOfPath(parsed, issue.path, 'value'), rangeOfPath(parsed, issue.path, 'key'), nodeSpan(parsed, issue.path));
  }
  const isCovered = coverage(covered);
  for (const p of schemaProblems) {
    if (MODEL_OWNED.some((re) => re.test(p.message)) || isCovered(p.range)) continue;
    const code = (typeof p.code === 'number' ? SCHEMA_CODES[p.code] : undefined) ?? 'schema-violation';
    out.push({ range: p.range, severity: 'error', code, message: schemaMessage(p, analysis), href: trigger.docs });
  }
  return out;
}

/**
 * The JSON service's wording ("Incorrect type. Expected "string".") names no field: prefix the path
 * of the node it points at, and name the trigger so the user knows which schema spoke.
 */
function schemaMessage(p: SchemaProblem, analysis: EventAnalysis): string {
  const at = nodeAt(analysis.parsed, p.range.start);
  const where = at && at.node !== analysis.parsed.root ? `${showPath(at.path)}: ` : '';
  return `${where}${p.message} (${analysis.trigger?.displayName ?? 'event'} schema)`;
}
