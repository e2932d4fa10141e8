// Analyses one document: parse, find handlers, walk them, infer their triggers. Plain data out.
import type { Comment } from '@babel/types';
import { getTrigger } from '../model';
import { collectHandler, type Collected } from './collect';
import { findHandlers } from './findHandlers';
import { handlerFacts } from './flow';
import { inferTrigger } from './inferTrigger';
import { parseSource } from './parse';
import type { BadTriggerComment, BindingHint, DocumentAnalysis, HandlerSite } from './types';

/** Inputs of `analyzeDocument`. */
export interface AnalyzeInput {
  readonly text: string;
  readonly languageId: string;
  /** File name or path, for the file-name signal and the TS/JSX choice. */
  readonly fileName: string;
  /** Triggers the workspace bindings file states for this file's handlers. */
  readonly bindingHints?: readonly BindingHint[];
}

// Ids separated by commas; prose after them (`@cognito-trigger PreSignUp for the web app`) is not an id.
const TRIGGER_COMMENT = /@cognito-trigger\s+([A-Za-z0-9_]+(?:\s*,\s*[A-Za-z0-9_]+)*)/g;

/** `@cognito-trigger` comments: valid ids and the names that are not triggers. */
function triggerComments(comments: readonly Comment[]): { ids: string[]; bad: BadTriggerComment[]; at: number[] } {
  const ids: string[] = [];
  const bad: BadTriggerComment[] = [];
  const at: number[] = [];
  for (const c of comments) {
    for (const m of c.value.matchAll(TRIGGER_COMMENT)) {
      let offset = (c.start ?? 0) + 2 + (m.index ?? 0) + m[0].indexOf(m[1] ?? '');
      for (const part of (m[1] ?? '').split(',')) {
        const name = part.trim();
        const start = offset + part.indexOf(name);
        offset += part.length + 1;
        if (!name) continue;
        if (getTrigger(name)) {
          ids.push(name);
          at.push(c.start ?? 0);
        } else bad.push({ start, end: start + name.length, name });
      }
    }
  }
  return { ids, bad, at };
}

/** An analysis with nothing in it (unparsable text). */
export function emptyAnalysis(unparsed: boolean, syntaxErrors: DocumentAnalysis['syntaxErrors'] = []): DocumentAnalysis {
  return { handlers: [], refs: [], aliases: [], regions: [], objects: [], switches: [], badComments: [], cognitoSignal: false, unparsed, syntaxErrors };
}

/** Analyses the document. Never throws for bad input. */
export function analyzeDocument(input: AnalyzeInput): DocumentAnalysis {
  const parsed = parseSource(input.text, input.languageId, input.fileName);
  if (!parsed.ast) return emptyAnalysis(true, parsed.syntaxErrors);
  const found = findHandlers(parsed.ast);
  const allComments = parsed.ast.comments ?? [];
  const fileLevel = triggerComments(allComments);
  const out: Collected = { refs: [], aliases: [], regions: [], objects: [], switches: [] };
  const aliases: (Collected['aliases'][number] & { handler: number })[] = [];
  const handlers: HandlerSite[] = found.map((h, i) => {
    const before = out.aliases.length;
    collectHandler(h.fn, i, out);
    for (const a of out.aliases.slice(before)) aliases.push({ ...a, handler: i });
    const fnStart = h.fn.start ?? 0;
    const fnEnd = h.fn.end ?? 0;
    // Comments on the handler or inside it speak for it; any other `@cognito-trigger` comment speaks for the file.
    const own = triggerComments([...h.comments, ...allComments.filter((c) => (c.start ?? 0) >= fnStart && (c.end ?? 0) <= fnEnd)]);
    const owned = new Set(found.flatMap((o) => [...o.comments.map((c) => c.start ?? 0)]));
    const fileIds = fileLevel.ids.filter((_, k) => !owned.has(fileLevel.at[k] ?? -1) && !found.some((o) => (fileLevel.at[k] ?? -1) >= (o.fn.start ?? 0) && (fileLevel.at[k] ?? -1) <= (o.fn.end ?? 0)));
    const myRefs = out.refs.filter((r) => r.handler === i);
    const sourceLiterals = [
      ...myRefs.filter((r) => r.kind === 'compare' && r.path.length === 1 && (r.path[0] === 'triggerSource' || r.path[0] === 'eventType') && typeof r.value?.literal === 'string').map((r) => r.value?.literal as string),
      ...out.regions.filter((g) => g.start >= fnStart && g.end <= fnEnd).flatMap((g) => g.sources),
    ];
    const binding = input.bindingHints?.find((b) => b.handler === h.name);
    const inference = inferTrigger({
      typeNames: h.typeNames,
      commentIds: own.ids.length ? own.ids : fileIds,
      bindingId: binding?.trigger,
      sourceLiterals,
      paths: myRefs.map((r) => r.path),
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
      inference,
      facts: handlerFacts(h.fn, input.text),
    };
  });
  return {
    handlers,
    refs: out.refs,
    aliases,
    regions: out.regions,
    objects: out.objects,
    switches: out.switches,
    badComments: fileLevel.bad,
    cognitoSignal: handlers.some((h) => h.inference.known) || fileLevel.bad.length > 0,
    unparsed: false,
    syntaxErrors: parsed.syntaxErrors,
  };
}
