// Resolves names at an offset against an analysis: which handler, which event path, which triggers.
import { appliesTo, childField, fieldAt, TRIGGERS } from '../model';
import type { FieldDefinition, TriggerDefinition } from '../model/types';
import type { Candidate, DocumentAnalysis, HandlerSite, KeyStyle, NarrowedRegion, PathKey } from './description';
import { innermostIndex, type InnermostIndex } from './innermost';

/** What the look-ups below need of an analysis, built once per analysis (they run once per reference). */
interface Indexes {
  readonly handlers: InnermostIndex<HandlerSite>;
  readonly regions: InnermostIndex<NarrowedRegion>;
  fileCandidates?: { candidates: readonly Candidate[]; known: boolean };
}

// An analysis is never changed once made (every field is readonly), so its indexes stay true.
const indexes = new WeakMap<DocumentAnalysis, Indexes>();

function indexesOf(a: DocumentAnalysis): Indexes {
  let x = indexes.get(a);
  if (!x) {
    x = { handlers: innermostIndex(a.handlers, (h) => h.fnStart, (h) => h.fnEnd), regions: innermostIndex(a.regions, (r) => r.start, (r) => r.end) };
    indexes.set(a, x);
  }
  return x;
}

/** The handler whose function contains `offset`, if any (the innermost: the greatest start, the last of equals). */
export function handlerAt(a: DocumentAnalysis, offset: number): HandlerSite | undefined {
  return indexesOf(a).handlers.at(offset);
}

/** Candidates for code outside any handler (helpers taking the event): the union of the file's handlers. */
function fileCandidates(a: DocumentAnalysis): { candidates: readonly Candidate[]; known: boolean } {
  const x = indexesOf(a);
  return (x.fileCandidates ??= unionOfHandlers(a));
}

function unionOfHandlers(a: DocumentAnalysis): { candidates: readonly Candidate[]; known: boolean } {
  const known = a.handlers.filter((h) => h.inference.known);
  if (!known.length) return { candidates: TRIGGERS.map((trigger) => ({ trigger })), known: false };
  const seen = new Map<TriggerDefinition, Candidate>();
  for (const h of known) for (const c of h.inference.candidates) seen.set(c.trigger, c);
  return { candidates: [...seen.values()], known: true };
}

/** The triggers (and sources) possible at `offset`, narrowed by the innermost triggerSource branch. */
export function candidatesAt(a: DocumentAnalysis, offset: number): { candidates: readonly Candidate[]; known: boolean; handler?: HandlerSite; narrowedBy?: readonly string[]; unreachable?: true } {
  const h = handlerAt(a, offset);
  const base = h ? { candidates: h.inference.candidates, known: h.inference.known } : fileCandidates(a);
  // The innermost triggerSource branch around the offset (the greatest start, the last of equals).
  const region = indexesOf(a).regions.at(offset);
  if (!region) return { ...base, ...(h ? { handler: h } : {}) };
  const narrowed: Candidate[] = [];
  for (const c of base.candidates) {
    const own = region.sources.filter((s) => c.trigger.sources.some((d) => d.value === s) && (!c.sources || c.sources.includes(s)));
    if (own.length) narrowed.push({ trigger: c.trigger, sources: own });
  }
  // A branch on a value no candidate has (a typo) narrows nothing: keep the handler's answer, so that
  // completion and hover still work there. For this handler's triggers the branch never runs, though.
  if (!narrowed.length) return { ...base, ...(h ? { handler: h } : {}), unreachable: true };
  return { candidates: narrowed, known: true, ...(h ? { handler: h } : {}), narrowedBy: region.sources };
}

/** The event path a name stands for at `offset` (the event parameter, an alias), or undefined. */
export function rootPath(a: DocumentAnalysis, name: string, offset: number): readonly PathKey[] | undefined {
  return rootOf(a, name, offset)?.path;
}

/** The event path a name stands for at `offset`, and whether it is a Powertools object read by properties. */
export function rootOf(a: DocumentAnalysis, name: string, offset: number): { path: readonly PathKey[]; keyStyle?: KeyStyle } | undefined {
  const h = handlerAt(a, offset);
  if (h) {
    const idx = a.handlers.indexOf(h);
    let best: DocumentAnalysis['aliases'][number] | undefined;
    for (const al of a.aliases) {
      if (al.handler === idx && al.name === name && al.start <= offset && offset <= al.scopeEnd && (!best || al.start >= best.start)) best = al;
    }
    if (best) return { path: best.path, ...(best.keyStyle ? { keyStyle: best.keyStyle } : {}) };
  }
  // Helpers outside handlers usually name their parameter like the handler's (`event`).
  if (name === 'event' || a.handlers.some((x) => x.eventParam === name)) return h?.eventParam && h.eventParam !== name ? undefined : { path: [] };
  return undefined;
}

/** One candidate's field at a path. */
export interface FieldMatch {
  readonly trigger: TriggerDefinition;
  /** Sources for which the field exists (undefined = all the candidate's sources). */
  readonly sources?: readonly string[];
  readonly field: FieldDefinition;
}

/** The field at `path` for each candidate that has it. */
export function fieldsAt(candidates: readonly Candidate[], path: readonly PathKey[]): FieldMatch[] {
  const out: FieldMatch[] = [];
  for (const c of candidates) {
    if (!c.sources) {
      const f = fieldAt(c.trigger, path);
      if (f) out.push({ trigger: c.trigger, field: f });
      continue;
    }
    const ok = c.sources.filter((s) => fieldAt(c.trigger, path, s));
    const f = ok[0] !== undefined ? fieldAt(c.trigger, path, ok[0]) : undefined;
    if (f) out.push({ trigger: c.trigger, sources: ok, field: f });
  }
  return out;
}

/** A named child of a field, with the sources it is limited to. */
export interface ChildEntry {
  readonly key: string;
  readonly field?: FieldDefinition;
  /** A suggested map key (attribute name) rather than a declared property. */
  readonly suggestion?: string;
}

/** Declared properties of a field (filtered by the candidate's sources) and suggested map keys. */
export function childrenOf(m: FieldMatch): ChildEntry[] {
  const out: ChildEntry[] = [];
  for (const [key, f] of Object.entries(m.field.properties ?? {})) {
    // A field Cognito sends as null for every source the branch allows (usernameParameter outside AdminCreateUser) is not worth offering.
    const alwaysNull = !!m.sources && !!f.valueOnlyFor && m.sources.every((s) => !f.valueOnlyFor?.sources.includes(s));
    if ((!m.sources || m.sources.some((s) => appliesTo(f, s))) && !alwaysNull) out.push({ key, field: f });
  }
  if (typeof m.field.additionalProperties === 'object') {
    for (const s of m.field.suggestions ?? []) out.push({ key: s.value, field: childField(m.field, s.value), suggestion: s.description });
  }
  return out;
}

/** JSON types of a field as a list. */
export function typesOf(f: FieldDefinition): readonly string[] {
  return typeof f.type === 'string' ? [f.type] : f.type;
}
