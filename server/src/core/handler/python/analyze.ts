// The Python front end: parse with tree-sitter, find module-level handler functions, walk them, infer
// their triggers from the same signals as JavaScript (type hints and data classes first).
import { triggerComments, type CommentText } from '../comments';
import { emptyAnalysis, type AnalyzeInput, type DocumentAnalysis, type HandlerSite, type UnguardedDeref } from '../description';
import { inferTrigger } from '../inferTrigger';
import { innermostIndex } from '../innermost';
import { disjointRanges, within } from '../ranges';
import { collectHandler, type Collected } from './collect';
import { unguardedDerefs } from './derefs';
import { handlerFacts, modelReturns } from './flow';
import { parsePythonNodes } from './parser';
import type { AccessStyle } from './paths';
import { blockEnd, kids, walk, type Node } from './tree';
import { eventParser, localTypes, type LocalTypes } from './types';

/** A module-level function that may be a handler. */
interface Found {
  readonly name: string;
  readonly nameNode: Node;
  readonly fn: Node;
  /** The decorated definition when there are decorators, else the function. */
  readonly statement: Node;
  readonly isAsync: boolean;
  readonly eventParam?: string;
  readonly paramCount: number;
  readonly typeNames: string[];
  /** Hints the module's own TypedDicts resolve to triggers. */
  readonly typeTriggers: { name: string; triggers: string[] }[];
  readonly style: AccessStyle;
  /** Comments right above the definition. */
  readonly comments: Node[];
}

/** A comment node as neutral text (`#` is one character). */
const commentText = (c: Node): CommentText => ({ start: c.startIndex, end: c.endIndex, value: c.text.slice(1), valueStart: c.startIndex + 1 });

/** Identifiers in a type hint (`PreSignUpTriggerEvent`, `Dict[str, Any]` → Dict, str, Any). */
function hintNames(n: Node | null | undefined): string[] {
  if (!n) return [];
  const out: string[] = [];
  walk(n, (c) => {
    if (c.type === 'identifier') out.push(c.text);
    // `mod.PreSignUpTriggerEvent`: the last name.
    if (c.type === 'attribute') {
      const a = c.childForFieldName('attribute');
      if (a) out.push(a.text);
      return false;
    }
    return undefined;
  });
  return out;
}

/** Names imported from Powertools (`from aws_lambda_powertools.utilities.data_classes… import X`). */
function powertoolsImports(root: Node): Set<string> {
  const out = new Set<string>();
  for (const st of kids(root)) {
    if (st.type !== 'import_from_statement' || !/^aws_lambda_powertools\b/.test(st.childForFieldName('module_name')?.text ?? '')) continue;
    for (const n of st.childrenForFieldName('name')) {
      if (!n) continue;
      const local = n.type === 'aliased_import' ? n.childForFieldName('alias') : n;
      const orig = n.type === 'aliased_import' ? n.childForFieldName('name') : n;
      if (local && orig) out.add(local.text);
    }
  }
  return out;
}

/** `@event_source(data_class=PreSignUpTriggerEvent)`: the data class, when present. */
function eventSourceClass(decorators: readonly Node[]): string | undefined {
  for (const d of decorators) {
    const call = kids(d)[0];
    if (call?.type !== 'call' || !/(^|\.)event_source$/.test(call.childForFieldName('function')?.text ?? '')) continue;
    for (const a of kids(call.childForFieldName('arguments') ?? call)) {
      if (a.type === 'keyword_argument' && a.childForFieldName('name')?.text === 'data_class') {
        const names = hintNames(a.childForFieldName('value'));
        return names[names.length - 1];
      }
    }
  }
  return undefined;
}

/** The parameter's name and type hint nodes. */
function param(p: Node | undefined): { name?: string; hint?: Node } {
  if (!p) return {};
  if (p.type === 'identifier') return { name: p.text };
  if (p.type === 'typed_parameter') return { name: kids(p).find((c) => c.type === 'identifier')?.text, hint: p.childForFieldName('type') ?? undefined };
  if (p.type === 'default_parameter' || p.type === 'typed_default_parameter') return { name: p.childForFieldName('name')?.text, hint: p.childForFieldName('type') ?? undefined };
  return {};
}

/** Comments directly above `st` (no blank line between). */
function commentsAbove(st: Node, text: string): Node[] {
  const out: Node[] = [];
  let prev = st.previousSibling;
  let end = st.startIndex;
  while (prev?.type === 'comment' && !/\n\s*\n/.test(text.slice(prev.endIndex, end))) {
    out.unshift(prev);
    end = prev.startIndex;
    prev = prev.previousSibling;
  }
  return out;
}

/** Module-level functions; `named` are the names something outside the code says are handlers. */
function findHandlers(root: Node, text: string, named: ReadonlySet<string>, commentIds: (c: Node[]) => boolean, types: LocalTypes): Found[] {
  const powertools = powertoolsImports(root);
  const out: Found[] = [];
  for (const st of kids(root)) {
    const fn = st.type === 'decorated_definition' ? st.childForFieldName('definition') : st;
    if (fn?.type !== 'function_definition') continue;
    const nameNode = fn.childForFieldName('name');
    if (!nameNode) continue;
    const name = nameNode.text;
    const params = kids(fn.childForFieldName('parameters') ?? fn).filter((p) => p.type !== 'comment');
    const first = param(params[0]);
    const decorators = st.type === 'decorated_definition' ? kids(st).filter((c) => c.type === 'decorator') : [];
    const dataClass = eventSourceClass(decorators);
    const parser = eventParser(decorators);
    const hinted = hintNames(first.hint);
    // A class of the module's own derived from a parser model counts as that model.
    const models = [...(parser?.model ? [parser.model] : []), ...hinted].map((n) => types.parserModel(n)).filter((m): m is string => !!m);
    const typeNames = [...new Set([...(dataClass ? [dataClass] : []), ...models, ...hinted])];
    const typeTriggers = hinted.flatMap((n) => {
      const triggers = types.typedDictTriggers(n);
      return triggers ? [{ name: n, triggers }] : [];
    });
    const comments = commentsAbove(st, text);
    // Every module-level function is importable, so a parameter named `event` alone does not make a
    // handler (helpers take the event too): Lambda's signature `(event, context)` does.
    const second = param(params[1]).name;
    const lambdaSignature = params.length === 2 && first.name !== undefined && /^(event|evt|ev|e)$/.test(first.name) && second !== undefined && /^_?(context|ctx|lambda_context)$/.test(second);
    const typed = typeNames.some((t) => /Trigger(Event|Handler)$/.test(t)) || models.length > 0 || typeTriggers.length > 0;
    const isHandler = /handler$/i.test(name) || named.has(name) || commentIds(comments) || !!dataClass || !!parser || typed || lambdaSignature;
    if (!isHandler) continue;
    // A parameter hinted with a Powertools class, or an `@event_source` handler, is read by properties;
    // an `@event_parser` handler gets the Pydantic model, read by attributes named as the keys.
    const style: AccessStyle = parser ? 'model' : dataClass || hinted.some((h) => powertools.has(h) && /TriggerEvent$/.test(h)) ? 'object' : 'dict';
    out.push({ name, nameNode, fn, statement: st, isAsync: fn.child(0)?.type === 'async', ...(first.name ? { eventParam: first.name } : {}), paramCount: params.length, typeNames, typeTriggers, style, comments });
  }
  return out;
}

/** Syntax errors tree-sitter recovered from: ERROR and MISSING nodes. */
function syntaxErrors(root: Node): { message: string; offset: number }[] {
  const out: { message: string; offset: number }[] = [];
  if (!root.hasError) return out;
  walk(root, (n) => {
    if (!n.hasError && !n.isMissing) return false;
    if (n.isMissing) out.push({ message: `missing ${n.type}`, offset: n.startIndex });
    else if (n.isError) {
      out.push({ message: `invalid syntax near ${JSON.stringify(n.text.slice(0, 20).split('\n')[0] ?? '')}`, offset: n.startIndex });
      return false;
    }
    return undefined;
  });
  // Missing nodes are not named: look at every child too.
  if (!out.length) out.push({ message: 'invalid syntax', offset: 0 });
  return out.slice(0, 1);
}

/** Analyses a Python document. Never throws; without a loaded parser the document is unparsed. */
export function analyzePython(input: AnalyzeInput): DocumentAnalysis {
  const parsed = parsePythonNodes(input.text, input.fileName || undefined);
  if (!parsed) return emptyAnalysis('python', true);
  const { root, comments: allComments } = parsed;
  const fileLevel = triggerComments(allComments.map(commentText));
  const hinted = new Set((input.bindingHints ?? []).map((b) => b.handler));
  const types = localTypes(root);
  const found = findHandlers(root, input.text, hinted, (cs) => triggerComments(cs.map(commentText)).ids.length > 0, types);
  const out: Collected = { refs: [], aliases: [], regions: [], objects: [], switches: [] };
  const aliases: (Collected['aliases'][number] & { handler: number })[] = [];
  const derefs: UnguardedDeref[] = [];
  const owned = new Set(found.flatMap((h) => h.comments.map((c) => c.startIndex)));
  // What does not depend on the handler is computed once (per handler, these scans were quadratic in the handlers).
  const inAnyHandler = innermostIndex(found, (o) => o.fn.startIndex, (o) => o.fn.endIndex);
  const fileIds = fileLevel.ids.filter((_, k) => {
    const at = fileLevel.at[k] ?? -1;
    return !owned.has(at) && inAnyHandler.at(at) === undefined;
  });
  const commentsIn = within(allComments, (c) => c.startIndex, (c) => c.endIndex);
  const fnEnds = found.map((h) => blockEnd(input.text, h.fn));
  // Disjoint handlers (module-level functions always are) hold only their own branches: no scan of the others' then.
  const disjoint = disjointRanges(found.map((h, i) => [h.statement.startIndex, (fnEnds[i] as number) + 1]));
  const handlers: HandlerSite[] = found.map((h, i) => {
    const before = out.aliases.length;
    const refsBefore = out.refs.length;
    const regionsBefore = out.regions.length;
    const typeNames = [...h.typeNames];
    // A line typed after the last statement (still indented) belongs to the function.
    const fnEnd = fnEnds[i] as number;
    collectHandler(h.fn, fnEnd, i, h.eventParam, h.style, out, typeNames, input.text, types);
    for (const a of out.aliases.slice(before)) aliases.push({ ...a, handler: i });
    // Reads through parts Cognito may send as None (a handler reading the event by keys: dicts).
    if (h.style === 'dict') derefs.push(...unguardedDerefs(h.fn, i, h.eventParam, out.aliases.slice(before)));
    const fnStart = h.statement.startIndex;
    const own = triggerComments([...h.comments, ...commentsIn(h.fn.startIndex, h.fn.endIndex)].map(commentText));
    // This handler's references are the ones its walk just added.
    const myRefs = out.refs.slice(refsBefore);
    const sourceLiterals = [
      ...myRefs.filter((r) => r.kind === 'compare' && r.path.length === 1 && (r.path[0] === 'triggerSource' || r.path[0] === 'eventType') && typeof r.value?.literal === 'string').map((r) => r.value?.literal as string),
      ...(disjoint ? out.regions.slice(regionsBefore) : out.regions).filter((g) => g.start >= fnStart && g.end <= fnEnd + 1).flatMap((g) => g.sources),
    ];
    // Every trigger the bindings file or the IaC wiring states for this function, each with its why (as in JS).
    const bindings = input.bindingHints?.filter((b) => b.handler === h.name) ?? [];
    const inference = inferTrigger({ typeNames, typeTriggers: h.typeTriggers, commentIds: own.ids.length ? own.ids : fileIds, bindings, sourceLiterals, paths: myRefs.map((r) => r.path), fileName: input.fileName });
    return {
      name: h.name,
      nameStart: h.nameNode.startIndex,
      nameEnd: h.nameNode.endIndex,
      statementStart: h.statement.startIndex,
      fnStart,
      fnEnd,
      ...(h.eventParam ? { eventParam: h.eventParam } : {}),
      paramCount: h.paramCount,
      isAsync: h.isAsync,
      inference,
      facts: [...handlerFacts(h.fn, h.isAsync, input.text), ...modelReturns(h.fn, h.eventParam, h.style === 'model', out.aliases.slice(before))],
    };
  });
  const result: DocumentAnalysis = {
    language: 'python',
    handlers,
    refs: out.refs,
    aliases,
    regions: out.regions,
    objects: out.objects,
    switches: out.switches,
    derefs,
    badComments: fileLevel.bad,
    cognitoSignal: handlers.some((h) => h.inference.known) || fileLevel.bad.length > 0,
    unparsed: false,
    syntaxErrors: syntaxErrors(root),
  };
  return result;
}
