// Decides which trigger(s) a handler serves, from the strongest signal present, and says why.
import { byTypeName, fieldAt, findSource, getTrigger, TRIGGERS } from '../model';
import { PYTHON_PARSER_MODELS } from '../model/pythonParserModels';
import type { TriggerDefinition } from '../model/types';
import type { Candidate, PathKey, SignalKind, TriggerInference } from './description';

/** The evidence found for one handler. */
export interface TriggerEvidence {
  readonly typeNames: readonly string[];
  /**
   * Types the front end resolved to triggers itself (Python: a TypedDict whose `triggerSource` is a
   * `Literal` of trigger sources), with how the reason names them.
   */
  readonly typeTriggers?: readonly { readonly name: string; readonly triggers: readonly string[] }[];
  /** Ids from `@cognito-trigger` comments (already validated). */
  readonly commentIds: readonly string[];
  /** Triggers the bindings file or the IaC wiring states (a function may serve several), with why. */
  readonly bindings?: readonly { readonly trigger: string; readonly why?: string }[];
  /** String literals compared with `event.triggerSource` / `event.eventType`, or used in `case`. */
  readonly sourceLiterals: readonly string[];
  /** Event paths the handler uses (reads and writes). */
  readonly paths: readonly (readonly PathKey[])[];
  readonly fileName: string;
}

const norm = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * Triggers named by the file (`pre-sign-up.ts`, `preTokenGenerationV2.js`), else by its folder
 * (`presignup/index.js`, `pre-sign-up/handler.ts`): the longest id found in the name.
 */
export function triggersFromFileName(fileName: string): TriggerDefinition[] {
  return namedBy(fileName).triggers;
}

/** Triggers named by the file or, failing that, by the folder holding it, and which name said so. */
export function namedBy(fileName: string): { triggers: TriggerDefinition[]; name: string; folder: boolean } {
  const parts = decodeURIComponentSafe(fileName).split(/[\\/]/);
  const file = (parts[parts.length - 1] ?? '').replace(/\.[^.]*$/, '');
  const own = triggersIn(file);
  if (own.length) return { triggers: own, name: parts[parts.length - 1] ?? '', folder: false };
  const folder = parts[parts.length - 2] ?? '';
  const inFolder = triggersIn(folder);
  // Amplify Gen 1 keeps a function's code in `amplify/backend/function/<name>/src/`: the function folder,
  // two levels up, names the trigger (`myappPreSignup/src/index.js`, loader index files included).
  if (!inFolder.length && /^(src|lib|dist)$/i.test(folder)) {
    const up = parts[parts.length - 3] ?? '';
    return { triggers: triggersIn(up), name: up, folder: true };
  }
  return { triggers: inFolder, name: folder, folder: true };
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Triggers whose id or display name is in `name` (the longest wins). */
function triggersIn(text: string): TriggerDefinition[] {
  const base = norm(text);
  if (!base) return [];
  let best: TriggerDefinition[] = [];
  let bestLen = 0;
  for (const t of TRIGGERS) {
    for (const name of [norm(t.id), norm(t.displayName.replace(/\(.*\)/, ''))]) {
      if (name.length >= 6 && base.includes(name)) {
        if (name.length > bestLen) [best, bestLen] = [[t], name.length];
        else if (name.length === bestLen && !best.includes(t)) best.push(t);
      }
    }
  }
  return best;
}

/**
 * How well a trigger's model explains the paths used: -1 = contradicted; else count of model-specific hits.
 * A top-level key the trigger's event lacks contradicts it (`event.userEmail` is another event's key), and
 * `eventType` alone is no hit: it is a common key of non-Cognito events, so only a comparison with
 * 'SyncTrigger' (the triggerSource signal) or a Sync field such as `datasetRecords` names the Sync trigger.
 * aws-samples/amazon-cognito-passwordless-auth's fido2-notification.ts, invoked with
 * `{userEmail, friendlyName, eventType}` by its own API, was inferred as a SyncTrigger from `event.eventType`.
 */
function fit(t: TriggerDefinition, paths: readonly (readonly PathKey[])[]): number {
  let score = 0;
  for (const p of paths) {
    const top = p[0];
    if (typeof top !== 'string') continue;
    if (!fieldAt(t, [top])) return -1;
    if (top !== 'request' && top !== 'response' && top !== 'datasetRecords') continue;
    const f = fieldAt(t, p.slice(0, 2));
    if (f) score += TRIGGERS.every((o) => fieldAt(o, p.slice(0, 2))) ? 0 : 1;
    else if (top === 'response' && p.length >= 2) return -1;
  }
  return score;
}

/** The triggers a type name types: an @types/aws-lambda (and Powertools data class) name, or a Powertools parser model. */
function triggersOfType(name: string): TriggerDefinition[] {
  const t = byTypeName(name);
  if (t) return [t];
  return (PYTHON_PARSER_MODELS[name] ?? []).map((id) => getTrigger(id)).filter((x): x is TriggerDefinition => !!x);
}

const ids = (c: readonly TriggerDefinition[]): string => c.map((t) => t.id).join(', ');

/** Infers the handler's trigger(s). Never guesses: with no signal the answer is every trigger, `known: false`. */
export function inferTrigger(e: TriggerEvidence): TriggerInference {
  const reasons: string[] = [];
  let current: TriggerDefinition[] = [...TRIGGERS];
  let signal: SignalKind | undefined;
  const narrow = (kind: SignalKind, found: TriggerDefinition[], why: string): void => {
    const inter = current.filter((t) => found.includes(t));
    if (!found.length || !inter.length) return;
    current = inter;
    signal ??= kind;
    reasons.push(why);
  };

  const resolved = [...e.typeNames.map((name) => ({ name, triggers: triggersOfType(name) })), ...(e.typeTriggers ?? []).map((t) => ({ name: t.name, triggers: t.triggers.map((id) => getTrigger(id)).filter((x): x is TriggerDefinition => !!x) }))].filter((t) => t.triggers.length);
  const typed = [...new Set(resolved.flatMap((t) => t.triggers))];
  if (typed.length) narrow('type', typed, `type annotation ${[...new Set(resolved.map((t) => t.name))].join(', ')}`);
  const commented = e.commentIds.map((id) => getTrigger(id)).filter((t): t is TriggerDefinition => !!t);
  if (commented.length) narrow('comment', commented, `\`@cognito-trigger ${e.commentIds.join(', ')}\` comment`);
  const stated = e.bindings ?? [];
  const bound = stated.map((b) => getTrigger(b.trigger)).filter((t): t is TriggerDefinition => !!t);
  if (bound.length) narrow('binding', bound, stated.map((b) => b.why ?? `workspace bindings file maps it to ${b.trigger}`).join('; '));
  const strong = signal !== undefined;
  const named = commented.length > 0 || bound.length > 0;

  const bySource = new Map<TriggerDefinition, string[]>();
  for (const lit of e.sourceLiterals) {
    // Appended in place: a copy per literal was quadratic in the branches of a handler.
    for (const { trigger } of findSource(lit)) {
      const lits = bySource.get(trigger);
      if (lits) lits.push(lit);
      else bySource.set(trigger, [lit]);
    }
  }
  if (bySource.size) {
    // Sources are not limited here: `if (source === 'X') return event;` still serves the others.
    // Branches are narrowed by region instead.
    narrow('triggerSource', [...bySource.keys()], `compares triggerSource with ${[...new Set(e.sourceLiterals)].map((s) => `'${s}'`).join(', ')}`);
  }

  // Fields used decide when nothing stronger has, and pick the pre token event version.
  const preTokenOnly = current.every((t) => t.id.startsWith('PreTokenGeneration'));
  if (!strong && (signal === undefined || preTokenOnly) && current.length > 1) {
    const scored = current.map((t) => ({ t, s: fit(t, e.paths) })).filter((x) => x.s >= 0);
    const top = Math.max(0, ...scored.map((x) => x.s));
    if (top > 0) narrow('fields', scored.filter((x) => x.s === top).map((x) => x.t), 'the request and response fields it uses');
  }
  if (signal === undefined || signal === 'fields') {
    const named = namedBy(e.fileName);
    if (named.triggers.length) narrow('fileName', named.triggers, `${named.folder ? 'folder' : 'file'} name ${named.name}`);
  }
  if (signal === undefined) return { candidates: TRIGGERS.map((trigger) => ({ trigger })), known: false, reasons: ['no type annotation, `@cognito-trigger` comment, binding or triggerSource test says which trigger'] };
  const candidates: Candidate[] = current.map((trigger) => ({ trigger }));
  if (current.length > 1) reasons.push(`still ambiguous between ${ids(current)}`);
  return { candidates, known: true, reasons, signal, ...(named ? { named } : {}) };
}
