// Recognition: which trigger (and triggerSource) an event is for, from triggerSource, version, eventType and shape.
import { findSource, getTrigger, TRIGGERS } from '../model/registry';
import type { TriggerDefinition, TriggerSourceDefinition } from '../model/types';
import { changeTo, issue, type EventIssue } from './issues';
import { describeValue, didYouMean, isRecord, listValues, scalarText, withArticle } from './json';
import { bestByShape, hasPreTokenV2Shape } from './shape';

/** What `recognizeEvent` found. `trigger` is undefined when the event is ambiguous and no hint decides. */
export interface EventRecognition {
  readonly trigger?: TriggerDefinition;
  /** The triggerSource definition when the event's value is a real one for `trigger`. */
  readonly source?: TriggerSourceDefinition;
  /** Every trigger the event could be for (one when decided). */
  readonly candidates: readonly TriggerDefinition[];
  /** Which keys decided it, in words. */
  readonly reason: string;
  /** Issues found while recognising (placeholder or unknown triggerSource, mismatch with the hint …). */
  readonly quirks: readonly EventIssue[];
}

/** Context that helps recognition: the trigger the file or handler is known to be for. */
export interface RecognitionHint {
  readonly triggerId?: string;
  /** Where the hint comes from: `schema` when the file's `$schema` names the trigger (the mismatch then points there). */
  readonly by?: 'schema';
}

const SOURCES_DOC = 'https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-working-with-lambda-triggers.html#cognito-user-pools-lambda-trigger-syntax-shared';

/** Placeholder triggerSource literals seen in published examples, with the trigger family they hint at. */
const PLACEHOLDERS: Readonly<Record<string, readonly string[]>> = {
  trigger_source: [],
  triggerSource: [],
  testTrigger: [],
  string: [],
  PreTokenGen: ['PreTokenGeneration', 'PreTokenGenerationV2', 'PreTokenGenerationV3'],
};

/** True for a triggerSource literal that published examples use as a placeholder (`trigger_source`, `PreTokenGen` …). */
export function isPlaceholderSource(value: unknown): boolean {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(PLACEHOLDERS, value);
}

const ALL_SOURCES = TRIGGERS.flatMap((t) => t.sources.map((s) => s.value));
const isPreToken = (t: TriggerDefinition): boolean => t.id.startsWith('PreTokenGeneration');

/**
 * Picks among the pre token definitions: version "3"/"2" decide; otherwise the V2 keys
 * (`request.scopes`, `response.claimsAndScopeOverrideDetails`) mean V2, since published V2 events
 * often carry "version": "1" — but a version "1" event without `request.scopes` is a V1 event whose
 * response was written in the V2 shape (the request is what Cognito sends; the response is the
 * user's). ClientCredentials only exists in V3.
 */
function pickPreToken(event: Record<string, unknown>, family: readonly TriggerDefinition[]): { trigger: TriggerDefinition; why: string } {
  const byId = (id: string): TriggerDefinition | undefined => family.find((t) => t.id === id);
  const version = scalarText(event.version);
  const v3 = byId('PreTokenGenerationV3');
  const v2 = byId('PreTokenGenerationV2');
  const v1 = byId('PreTokenGeneration');
  if (event.triggerSource === 'TokenGeneration_ClientCredentials' && v3) return { trigger: v3, why: 'TokenGeneration_ClientCredentials (V3_0 only)' };
  if (version === '3' && v3) return { trigger: v3, why: 'version "3"' };
  if (version === '2' && v2) return { trigger: v2, why: 'version "2"' };
  const v1Request = version === '1' && !(isRecord(event.request) && 'scopes' in event.request);
  if (v1Request && v1) return { trigger: v1, why: 'version "1" and no request.scopes' };
  if (hasPreTokenV2Shape(event) && v2) return { trigger: v2, why: `version 2 keys (request.scopes / response.claimsAndScopeOverrideDetails) despite version ${JSON.stringify(event.version)}` };
  const fallback = v1 ?? family[0];
  if (!fallback) throw new Error('empty pre token family');
  return { trigger: fallback, why: 'no version 2 keys' };
}

/** Narrows several candidates to one with the pre token rules, when they are all pre token definitions. */
function decide(event: Record<string, unknown>, candidates: readonly TriggerDefinition[]): { trigger?: TriggerDefinition; why: string } {
  if (candidates.length === 1 && candidates[0]) return { trigger: candidates[0], why: '' };
  if (candidates.length > 1 && candidates.every(isPreToken)) return pickPreToken(event, candidates);
  return { why: '' };
}

const names = (ts: readonly TriggerDefinition[]): string => ts.map((t) => t.displayName).join(', ');

/**
 * Recognises which trigger `value` is an event for. Order: Sync `eventType`; a real `triggerSource`
 * (pre token version by `version` and V2 keys); a placeholder or missing triggerSource falls back to
 * the shape of `request`/`response`, then to `hint.triggerId`. Never throws.
 */
export function recognizeEvent(value: unknown, hint: RecognitionHint = {}): EventRecognition {
  const found = recognize(value, hint);
  const named = hint.by === 'schema' && hint.triggerId ? getTrigger(hint.triggerId) : undefined;
  if (!named) return found;
  // `$schema` names another trigger than the event is: say so on `$schema`, with the schema to name instead.
  const used = `but it is used as ${withArticle(named.displayName)} event.`;
  const quirks = found.quirks.map((q) => {
    if (q.code !== 'trigger-mismatch' || !q.message.endsWith(used)) return q;
    const own = found.trigger && found.trigger !== named ? found.trigger : undefined;
    const fix = own ? ` Name "${own.id}.schema.json" in "$schema", or make the event ${withArticle(named.displayName)} event.` : '';
    return { ...q, path: ['$schema'], message: `${q.message.slice(0, -used.length)}but its "$schema" names the ${named.displayName} schema.${fix}` };
  });
  return { ...found, quirks };
}

function recognize(value: unknown, hint: RecognitionHint): EventRecognition {
  const hinted = hint.triggerId ? getTrigger(hint.triggerId) : undefined;
  if (!isRecord(value)) {
    const quirks = [issue('not-an-object', 'error', [], `A Cognito trigger event is a JSON object; this is ${describeValue(value)}.`)];
    return { trigger: hinted, candidates: hinted ? [hinted] : [], reason: 'not a JSON object', quirks };
  }
  const quirks: EventIssue[] = [];
  const ts = value.triggerSource;
  const sync = TRIGGERS.find((t) => t.recognition.eventType !== undefined && t.recognition.eventType === value.eventType);
  const syncSource = sync?.sources.find((src) => src.value === value.eventType);
  if (sync && ts === undefined) return withHint(sync, syncSource, `eventType "${String(value.eventType)}"`, value, hinted, quirks);

  if (typeof ts === 'string') {
    const matches = findSource(ts);
    if (matches.length > 0) {
      const triggers = matches.map((m) => m.trigger);
      const { trigger, why } = decide(value, triggers);
      const chosen = hinted && triggers.includes(hinted) ? hinted : trigger;
      if (hinted && !triggers.includes(hinted) && isPreToken(hinted) && triggers.every(isPreToken)) {
        quirks.push(issue('source-not-for-version', 'error', ['triggerSource'], `"${ts}" is only sent in ${names(triggers)} events, not in ${hinted.displayName} events. Valid: ${listValues(hinted.sources.map((s) => s.value))}.`, hinted.docs));
        return { trigger: hinted, candidates: [hinted], reason: `triggerSource "${ts}", event version from the hint`, quirks };
      }
      const reason = `triggerSource "${ts}"${why ? ` and ${why}` : ''}`;
      if (!chosen) return { candidates: triggers, reason, quirks };
      return withHint(chosen, chosen.sources.find((s) => s.value === ts), reason, value, hinted, quirks);
    }
    const parts = ts.split('/').filter((p) => p.length > 0);
    if (parts.length > 1 && parts.every((p) => findSource(p).length > 0)) {
      const family = [...new Set(parts.flatMap((p) => findSource(p).map((m) => m.trigger)))];
      quirks.push(issue('placeholder-trigger-source', 'warning', ['triggerSource'], `triggerSource is the slash-joined list "${ts}" copied from an old AWS example; Cognito sends exactly one value, e.g. "${parts[0]}".`, SOURCES_DOC));
      return fromShape(value, hinted, quirks, family, 'slash-joined triggerSource list');
    }
    if (isPlaceholderSource(ts)) {
      const family = (PLACEHOLDERS[ts] ?? []).map((id) => getTrigger(id)).filter((t): t is TriggerDefinition => t !== undefined);
      // Recognise first, so the suggestion names the sources of the trigger the event was recognised as.
      const found = fromShape(value, hinted, [], family, `placeholder triggerSource "${ts}"`);
      const placeholder = issue('placeholder-trigger-source', 'warning', ['triggerSource'], `triggerSource "${ts}" is a placeholder from a published example; Cognito sends a real value such as ${listValues(suggestedSources(found, family), 3)}.`, SOURCES_DOC);
      return { ...found, quirks: [...quirks, placeholder, ...found.quirks] };
    }
    const guess = didYouMean(ts, ALL_SOURCES);
    const guessed = guess ? findSource(guess)[0]?.trigger : undefined;
    const found = guessed && !hinted ? undefined : fromShape(value, hinted, [], [], `unknown triggerSource "${ts}"`);
    const examples = listValues(found ? suggestedSources(found, []) : (guessed?.sources.map((s) => s.value) ?? []), 4);
    const unknown = issue('unknown-trigger-source', 'error', ['triggerSource'], `Unknown triggerSource "${ts}".${guess ? ` Did you mean "${guess}"?` : ''} Cognito sends values such as ${examples}.`, SOURCES_DOC, guess ? changeTo('value', guess) : undefined);
    if (!found && guessed) return { trigger: guessed, candidates: [guessed], reason: `triggerSource close to "${guess}"`, quirks: [...quirks, unknown] };
    return found ? { ...found, quirks: [...quirks, unknown, ...found.quirks] } : { candidates: [], reason: `unknown triggerSource "${ts}"`, quirks: [...quirks, unknown] };
  }
  if (ts === undefined) {
    if (!sync) quirks.push(issue('missing-trigger-source', 'warning', [], 'The event has no triggerSource (a documentation fragment?). Cognito always sends one; the trigger was recognised from the event’s shape or the file’s location.', SOURCES_DOC));
  } else {
    quirks.push(issue('wrong-type', 'error', ['triggerSource'], `triggerSource must be a string such as "PreSignUp_SignUp", not ${JSON.stringify(ts)}.`, SOURCES_DOC));
  }
  if (sync) return withHint(sync, syncSource, `eventType "${String(value.eventType)}"`, value, hinted, quirks);
  return fromShape(value, hinted, quirks, [], ts === undefined ? 'no triggerSource' : 'triggerSource not a string');
}

/**
 * Real triggerSource values to suggest for an event whose own value is a placeholder or unknown: the
 * recognised trigger's, else the candidates' or the placeholder's family, else the first trigger's.
 */
function suggestedSources(found: EventRecognition, family: readonly TriggerDefinition[]): string[] {
  const from = found.trigger ? [found.trigger] : found.candidates.length > 0 ? found.candidates : family.length > 0 ? family : TRIGGERS.slice(0, 1);
  // Interleaved (first source of each trigger, then the second …), so two candidates both show.
  const longest = Math.max(...from.map((t) => t.sources.length));
  const out: string[] = [];
  for (let i = 0; i < longest; i++) {
    for (const t of from) {
      const source = t.sources[i];
      if (source) out.push(source.value);
    }
  }
  return [...new Set(out)];
}

/** Decides from the shape (within `family` when given), then the hint. */
function fromShape(
  event: Record<string, unknown>,
  hinted: TriggerDefinition | undefined,
  quirks: EventIssue[],
  family: readonly TriggerDefinition[],
  why: string,
): EventRecognition {
  const { best } = bestByShape(event);
  const pool = family.length > 0 ? (best.filter((t) => family.includes(t)).length > 0 ? best.filter((t) => family.includes(t)) : family) : best;
  if (hinted) {
    if (pool.length > 0 && !pool.includes(hinted) && !(family.length > 0 && family.includes(hinted))) {
      quirks.push(issue('trigger-mismatch', 'warning', [], `The event looks like ${pool.length === 1 ? `${withArticle(names(pool))} event` : `an event of ${names(pool)}`}, but it is used as ${withArticle(hinted.displayName)} event.`, hinted.docs));
    }
    return { trigger: hinted, candidates: [hinted], reason: `${why}; trigger from the hint`, quirks };
  }
  const { trigger, why: how } = decide(event, pool);
  if (trigger) return { trigger, candidates: [trigger], reason: `${why}; shape of request/response${how ? ` and ${how}` : ''}`, quirks };
  if (pool.length === 0) {
    quirks.push(issue('unrecognised-event', 'error', [], 'Cannot tell which Cognito trigger this event is for: add a real triggerSource (e.g. "PreSignUp_SignUp") or put the file under events/<TriggerId>/.'));
  }
  return { candidates: pool, reason: `${why}; ambiguous shape (${names(pool) || 'nothing fits'})`, quirks };
}

/** Applies the hint when the event clearly belongs to another trigger: keep the event's trigger, warn. */
function withHint(
  trigger: TriggerDefinition,
  source: TriggerSourceDefinition | undefined,
  reason: string,
  event: Record<string, unknown>,
  hinted: TriggerDefinition | undefined,
  quirks: EventIssue[],
): EventRecognition {
  if (hinted && hinted !== trigger) {
    quirks.push(issue('trigger-mismatch', 'warning', event.triggerSource !== undefined ? ['triggerSource'] : [], `This is ${withArticle(trigger.displayName)} event (${reason}), but it is used as ${withArticle(hinted.displayName)} event.`, trigger.docs));
  }
  return { trigger, ...(source ? { source } : {}), candidates: [trigger], reason, quirks };
}
