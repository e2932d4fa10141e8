// Diagnostics of an event document: the model's structural and semantic checks, on text ranges.
import { type EventIssue, type IssueSeverity } from '../events/issues';
import { removeEntry, type OffsetEdit } from '../textEdits';
import { checkEvent } from '../events/check';
import { SHARED_PARAMS_DOC } from '../model/common';
import type { EventAnalysis } from './analyze';
import { MAX_JSON_CHARS, MAX_JSON_DEPTH, MAX_JSON_MEMBERS } from './document';
import { nodeSpan, rangeOfPath, type Anchor, type OffsetRange } from './locate';

/** Source of every diagnostic we publish. */
export const DIAGNOSTIC_SOURCE = 'cognito-triggers';

/** A diagnostic with offsets, host-neutral; the provider converts offsets to positions. */
export interface EventDiagnostic {
  readonly range: OffsetRange;
  readonly severity: IssueSeverity;
  /** Stable: an issue code of the model, or one of this layer's own (too-large, too-deep, unrecognised-event). */
  readonly code: EventDiagnosticCode;
  readonly message: string;
  readonly href: string;
  /** The fixes the message names (a did-you-mean, removing an entry Cognito drops), as text edits. */
  readonly fixes?: readonly { readonly title: string; readonly edits: readonly OffsetEdit[] }[];
}

/** Issues about a key rather than its value are underlined on the key. */
const KEY_CODES = new Set(['unknown-field', 'field-not-for-trigger', 'field-not-for-source', 'caller-context-aws-sdk', 'unexpected-response', 'missing-response']);

/** The codes an event diagnostic can carry: the model's issue codes and this layer's own. */
export type EventDiagnosticCode = EventIssue['code'] | 'too-large' | 'too-deep' | 'unrecognised-event';

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
 * Every diagnostic of an analysed event: the model's issues (recognition quirks, semantic rules and the
 * published quirks) from `checkEvent`. The generated JSON schemas are not run here any more: they come
 * from the same model, and test/unit/schemaCoverage.test.ts shows that every problem they find in a
 * mutated event is already a model issue on the same node or an enclosing one, so their `schema-*`
 * diagnostics could only repeat a model issue (a root array got both not-an-object and "Incorrect type").
 */
export function diagnoseEvent(analysis: EventAnalysis): EventDiagnostic[] {
  const { trigger, claim, parsed } = analysis;
  if (parsed.tooLong !== undefined) {
    return [{ range: { start: 0, end: 1 }, severity: 'warning', code: 'too-large', message: `This JSON is ${(parsed.tooLong / 1024 / 1024).toFixed(1)} MB, over the ${MAX_JSON_CHARS / 1024 / 1024} MB Cognito Triggers reads, so it is too large to analyse (a Cognito event is a few kilobytes). Nothing else is checked in this file.`, href: SHARED_PARAMS_DOC }];
  }
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
  return checkEvent(parsed.value, analysis.recognition).map((issue) => {
    const fixes = issueFixes(analysis, issue);
    return { range: issueRange(analysis, issue), severity: issue.severity, code: issue.code, message: issue.message, href: issue.docs ?? trigger.docs, ...(fixes ? { fixes } : {}) };
  });
}
