// The JavaScript/TypeScript front end: parse with Babel, find handlers, walk them, infer their triggers.
import type { Comment } from '@babel/types';
import { triggerComments, type CommentText } from '../comments';
import { collectHandler, type Collected } from './collect';
import { findHandlers } from './findHandlers';
import { handlerFacts } from './flow';
import { inferTrigger } from '../inferTrigger';
import { parseSource } from './parse';
import type { ReusableParse } from './incremental';
import { disjointRanges, within } from '../ranges';
import { innermostIndex } from '../innermost';
import { emptyAnalysis, type AnalyzeInput, type DocumentAnalysis, type HandlerSite, type KnownValue, type PathKey } from '../description';

/** Babel's comments as neutral comment texts (`//` and `/*` are both two characters). */
const texts = (comments: readonly Comment[]): CommentText[] => comments.map((c) => ({ start: c.start ?? 0, end: c.end ?? 0, value: c.value, valueStart: (c.start ?? 0) + 2 }));

/**
 * The last clean parse of the few largest documents edited lately, by file name: an edit then
 * re-parses only the statements it touched (incremental.ts). Small files parse in a millisecond or two,
 * and a kept tree costs memory (about 100 bytes per character), so only large ones are kept.
 */
const reusable = new Map<string, ReusableParse>();
const REUSE_MIN_CHARS = 16 * 1024;
const REUSE_MAX_DOCUMENTS = 2;

function parseReusing(input: AnalyzeInput): ReturnType<typeof parseSource> {
  const key = `${input.languageId}\u0000${input.fileName}`;
  const previous = reusable.get(key);
  reusable.delete(key);
  const parsed = parseSource(input.text, input.languageId, input.fileName, previous);
  if (parsed.reusable && input.text.length >= REUSE_MIN_CHARS) {
    reusable.set(key, parsed.reusable);
    for (const k of reusable.keys()) if (reusable.size > REUSE_MAX_DOCUMENTS) reusable.delete(k);
  }
  return parsed;
}

/** Analyses a JavaScript or TypeScript document. Never throws for bad input. */
export function analyzeJavaScript(input: AnalyzeInput): DocumentAnalysis {
  const parsed = parseReusing(input);
  if (parsed.tooDeep) return { ...emptyAnalysis('javascript', true), tooDeep: true };
  if (!parsed.ast) return emptyAnalysis('javascript', true, parsed.syntaxErrors);
  const found = findHandlers(parsed.ast);
  const allComments = parsed.ast.comments ?? [];
  const fileLevel = triggerComments(texts(allComments));
  const out: Collected = { refs: [], aliases: [], regions: [], objects: [], switches: [], derefs: [] };
  const aliases: (Collected['aliases'][number] & { handler: number })[] = [];
  // What does not depend on the handler is computed once (per handler, these scans were quadratic in the handlers).
  const owned = new Set(found.flatMap((o) => [...o.comments.map((c) => c.start ?? 0)]));
  const inAnyHandler = innermostIndex(found, (o) => o.fn.start ?? 0, (o) => o.fn.end ?? 0);
  const fileIds = fileLevel.ids.filter((_, k) => !owned.has(fileLevel.at[k] ?? -1) && inAnyHandler.at(fileLevel.at[k] ?? -1) === undefined);
  const commentsIn = within(allComments, (c) => c.start ?? 0, (c) => c.end ?? 0);
  // Disjoint functions (always, for top-level exports) hold only their own branches: no scan of the others' then.
  const disjoint = disjointRanges(found.map((o) => [o.fn.start ?? 0, o.fn.end ?? 0]));
  const handlers: HandlerSite[] = found.map((h, i) => {
    const before = out.aliases.length;
    const refsBefore = out.refs.length;
    const regionsBefore = out.regions.length;
    collectHandler(h.fn, i, out);
    for (const a of out.aliases.slice(before)) aliases.push({ ...a, handler: i });
    const fnStart = h.fn.start ?? 0;
    const fnEnd = h.fn.end ?? 0;
    // Comments on the handler or inside it speak for it; any other `@cognito-trigger` comment speaks for the file.
    const own = triggerComments(texts([...h.comments, ...commentsIn(fnStart, fnEnd)]));
    // This handler's references are the ones its walk just added.
    const myRefs = out.refs.slice(refsBefore);
    const sourceLiterals = [
      ...myRefs.filter((r) => r.kind === 'compare' && r.path.length === 1 && (r.path[0] === 'triggerSource' || r.path[0] === 'eventType') && typeof r.value?.literal === 'string').map((r) => r.value?.literal as string),
      ...(disjoint ? out.regions.slice(regionsBefore) : out.regions).filter((g) => g.start >= fnStart && g.end <= fnEnd).flatMap((g) => g.sources),
    ];
    const bindings = input.bindingHints?.filter((b) => b.handler === h.name) ?? [];
    const inference = inferTrigger({
      typeNames: h.typeNames,
      commentIds: own.ids.length ? own.ids : fileIds,
      bindings,
      sourceLiterals,
      paths: myRefs.flatMap(usedPaths),
      fileName: input.fileName,
    });
    return {
      name: h.name,
      nameStart: h.nameStart,
      nameEnd: h.nameEnd,
      statementStart: h.statementStart,
      fnStart,
      fnEnd,
      ...(h.fn.params[0]?.type === 'Identifier' ? { eventParam: h.fn.params[0].name } : {}),
      ...(h.fn.params[2]?.type === 'Identifier' ? { callbackParam: h.fn.params[2].name } : {}),
      paramCount: h.fn.params.length,
      isAsync: h.fn.async,
      ...(h.guessed ? { guessed: true } : {}),
      inference,
      facts: handlerFacts(h.fn, input.text),
    };
  });
  return {
    language: 'javascript',
    handlers,
    refs: out.refs,
    aliases,
    regions: out.regions,
    objects: out.objects,
    derefs: out.derefs,
    switches: out.switches,
    badComments: fileLevel.bad,
    cognitoSignal: handlers.some((h) => h.inference.known) || fileLevel.bad.length > 0,
    unparsed: false,
    syntaxErrors: parsed.syntaxErrors,
  };
}

/**
 * The paths a reference uses, for inference: an object literal written to the event counts with its keys
 * (`event.response = { claimsOverrideDetails: … }` uses `response.claimsOverrideDetails`: pre token V1).
 */
function usedPaths(r: { readonly path: readonly PathKey[]; readonly kind: string; readonly value?: KnownValue }): (readonly PathKey[])[] {
  const out: (readonly PathKey[])[] = [r.path];
  const walkValue = (base: readonly PathKey[], v: KnownValue | undefined, depth: number): void => {
    if (!v?.properties || depth > 3) return;
    for (const p of v.properties) {
      const sub = [...base, p.key];
      out.push(sub);
      walkValue(sub, p.value, depth + 1);
    }
  };
  if (r.kind === 'write') walkValue(r.path, r.value, 0);
  return out;
}
