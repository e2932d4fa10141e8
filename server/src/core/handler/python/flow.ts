// Control-flow and runtime facts about one Python handler: missing return, `async def`, long sleeps,
// returning something other than the event.
import { COGNITO_TIMEOUT_MS, EVENT_KEYS, notEventDetail, type Alias, type HandlerFact } from '../description';
import { boundNames, latestBefore } from './derefs';
import { isScope, kids, span, stringLiteral, unwrap, walk, type Node } from './tree';

/** Does the statement always leave the function (return/raise)? Conservative: unknown → false. */
function terminates(st: Node | null | undefined): boolean {
  if (!st) return false;
  switch (st.type) {
    case 'return_statement':
    case 'raise_statement':
      return true;
    case 'block':
      return kids(st).some(terminates);
    case 'if_statement': {
      const alternatives = st.childrenForFieldName('alternative').filter((c): c is Node => c !== null);
      const hasElse = alternatives.some((a) => a.type === 'else_clause');
      return hasElse && terminates(st.childForFieldName('consequence')) && alternatives.every((a) => terminates(a.childForFieldName(a.type === 'else_clause' ? 'body' : 'consequence')));
    }
    case 'try_statement': {
      const clauses = kids(st);
      const fin = clauses.find((c) => c.type === 'finally_clause');
      if (fin && terminates(kids(fin).find((c) => c.type === 'block'))) return true;
      const handlers = clauses.filter((c) => c.type === 'except_clause' || c.type === 'except_group_clause');
      const elseClause = clauses.find((c) => c.type === 'else_clause');
      const bodyEnds = terminates(st.childForFieldName('body')) || (!!elseClause && terminates(elseClause.childForFieldName('body')));
      return bodyEnds && handlers.every((h) => terminates(kids(h).find((c) => c.type === 'block')));
    }
    case 'with_statement':
      return terminates(st.childForFieldName('body'));
    case 'match_statement': {
      const cases = kids(st.childForFieldName('body') ?? st).filter((c) => c.type === 'case_clause');
      // Only a match with an irrefutable `case _:` covers every value.
      const wildcard = cases.some((c) => kids(c).some((p) => p.type === 'case_pattern' && p.text.trim() === '_' && !c.childForFieldName('guard')));
      return wildcard && cases.every((c) => terminates(c.childForFieldName('consequence')));
    }
    default:
      return false;
  }
}

/** Seconds in a literal argument (`6`, `6.5`, `10 * 1`). */
function literalSeconds(n: Node | undefined): number | undefined {
  if (!n) return undefined;
  const v = unwrap(n);
  if (v.type === 'integer' || v.type === 'float') return Number(v.text.replace(/_/g, ''));
  if (v.type === 'binary_operator' && v.childForFieldName('operator')?.type === '*') {
    const a = literalSeconds(v.childForFieldName('left') ?? undefined);
    const b = literalSeconds(v.childForFieldName('right') ?? undefined);
    return a !== undefined && b !== undefined ? a * b : undefined;
  }
  return undefined;
}

/** `time.sleep`, `sleep` (from time import sleep), `asyncio.sleep`. */
const SLEEP = /^(time\.|asyncio\.)?sleep$/;

/** The keys of a dict literal that cannot be the event: no `**` splat, plain string keys, none of the event's (`{"statusCode": 200}`). */
function notEventDict(v: Node): string[] | undefined {
  const pairs = kids(v).filter((c) => c.type !== 'comment');
  if (!pairs.length) return undefined;
  const keys: string[] = [];
  for (const p of pairs) {
    const k = p.type === 'pair' ? stringLiteral(p.childForFieldName('key'))?.value : undefined;
    if (k === undefined || EVENT_KEYS.has(k)) return undefined;
    keys.push(k);
  }
  return keys;
}

/** What a `return` gives when it is plainly not the event: a string, number, boolean, or a dict without the event's keys. */
function nonEventReturn(value: Node): string | undefined {
  const v = unwrap(value);
  if (v.type === 'string' || v.type === 'concatenated_string') return 'a string';
  if (v.type === 'integer' || v.type === 'float') return 'a number';
  if (v.type === 'true' || v.type === 'false') return 'a boolean';
  const keys = v.type === 'dictionary' ? notEventDict(v) : undefined;
  return keys ? notEventDetail('a dict', keys) : undefined;
}

/**
 * `Exception(…)`, `ValueError(…)`, `errors.SignUpError(…)`: a call of a class named like an exception.
 * Returned instead of raised, it is the handler's answer (which json.dumps cannot serialise).
 */
function isExceptionValue(value: Node): boolean {
  const v = unwrap(value);
  if (v.type !== 'call') return false;
  const callee = v.childForFieldName('function');
  const name = callee?.type === 'attribute' ? callee.childForFieldName('attribute')?.text : callee?.type === 'identifier' ? callee.text : undefined;
  return !!name && /^(?:[A-Z]\w*)?(?:Error|Exception)$/.test(name);
}

/** `requests.get(…)` and the other verbs of requests' API (requests/api.py). */
const REQUESTS_CALL = /^requests\.(get|post|put|patch|delete|head|options|request)$/;

/**
 * An HTTP call that has no timeout: `requests.<verb>(…)` without `timeout=` (requests waits without limit
 * by default), `urlopen(…)` without a third argument or `timeout=` (the global default, none unless set).
 * A `*args`/`**kwargs` splat may carry it: not reported. Only when the module imports that library.
 */
function untimedCall(call: Node, callee: string, text: string): boolean {
  const requestsCall = REQUESTS_CALL.test(callee) && /^[ \t]*import[ \t]+requests\b/m.test(text);
  const urlopenCall = (callee === 'urllib.request.urlopen' && /^[ \t]*import[ \t]+urllib\.request\b/m.test(text)) || (callee === 'urlopen' && /^[ \t]*from[ \t]+urllib\.request[ \t]+import[^\n]*\burlopen\b/m.test(text));
  if (!requestsCall && !urlopenCall) return false;
  const args = kids(call.childForFieldName('arguments') ?? call).filter((a) => a.type !== 'comment');
  if (args.some((a) => a.type === 'dictionary_splat' || a.type === 'list_splat')) return false;
  if (args.some((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === 'timeout')) return false;
  // urlopen(url, data, timeout): a third positional argument is the timeout.
  return !(urlopenCall && args.filter((a) => a.type !== 'keyword_argument').length >= 3);
}

/** Facts about handler `fn` (a function_definition). */
/** The indentation of the line `n` starts on. */
function indentOf(text: string, n: Node): string {
  const start = text.lastIndexOf('\n', n.startIndex - 1) + 1;
  return text.slice(start, n.startIndex).replace(/[^ \t]/g, ' ');
}

export function handlerFacts(fn: Node, isAsync: boolean, text: string): HandlerFact[] {
  const facts: HandlerFact[] = [];
  const name = fn.childForFieldName('name');
  const head = name ? span(name) : { start: fn.startIndex, end: fn.startIndex + 3 };
  if (isAsync) facts.push({ kind: 'asyncHandler', start: fn.startIndex, end: head.end });
  const body = fn.childForFieldName('body');
  if (!body) return facts;
  const statements = kids(body).filter((c) => c.type !== 'comment');
  const last = statements[statements.length - 1];
  if (last && !terminates(body)) facts.push({ kind: 'noReturn', ...head, insertAt: last.endIndex, insertIndent: indentOf(text, statements[0] ?? last) });
  walk(body, (n) => {
    if (isScope(n)) return false;
    if (n.type === 'return_statement') {
      const value = kids(n)[0];
      // `return` and `return None` send null to Cognito.
      if (!value || unwrap(value).type === 'none') facts.push({ kind: 'noReturn', ...span(n) });
      else if (isExceptionValue(value)) facts.push({ kind: 'returnsError', ...span(n) });
      else {
        const what = nonEventReturn(value);
        if (what) facts.push({ kind: 'returnsNonEvent', ...span(n), detail: what });
      }
    }
    if (n.type === 'call') {
      const callee = n.childForFieldName('function')?.text.replace(/\s+/g, '') ?? '';
      if (untimedCall(n, callee, text)) facts.push({ kind: 'noTimeout', ...span(n.childForFieldName('function') ?? n), detail: callee });
      if (SLEEP.test(callee)) {
        const args = kids(n.childForFieldName('arguments') ?? n);
        const s = literalSeconds(args[0]);
        if (s !== undefined && s * 1000 > COGNITO_TIMEOUT_MS) facts.push({ kind: 'longWait', ...span(n), detail: String(Math.round(s * 1000)) });
      }
    }
    return undefined;
  });
  return facts;
}

/**
 * `return event` where `event` is the Powertools parser (Pydantic) model: the `@event_parser` handler's
 * parameter (`eventIsModel`), or a name bound to `parse(event=…, model=…)` / `Model.model_validate(event)`
 * (the collector's aliases of the whole event read as a model). A name assigned anything else before
 * the return (`event = event.model_dump()`) is not the model there.
 */
export function modelReturns(fn: Node, eventParam: string | undefined, eventIsModel: boolean, aliases: readonly Alias[]): HandlerFact[] {
  const body = fn.childForFieldName('body');
  if (!body) return [];
  const bindings = new Map<string, { at: number; model: boolean }[]>();
  // Appended in place, and the model aliases looked up by place and name: a copy per binding and a
  // search of every alias per assignment were quadratic in a long handler.
  const add = (name: string, at: number, model: boolean): void => {
    const list = bindings.get(name);
    if (list) list.push({ at, model });
    else bindings.set(name, [{ at, model }]);
  };
  const models = new Set(aliases.filter((a) => a.keyStyle === 'camelCase' && a.path.length === 0).map((a) => `${a.start}:${a.name}`));
  if (eventParam) add(eventParam, fn.startIndex, eventIsModel);
  const returns: Node[] = [];
  walk(body, (n) => {
    if (isScope(n)) return false;
    for (const name of boundNames(n)) add(name, n.startIndex, models.has(`${n.startIndex}:${name}`));
    if (n.type === 'return_statement') returns.push(n);
    return undefined;
  });
  // Stable: bindings at one place keep their order, as the sort of each return's bindings kept it.
  for (const list of bindings.values()) list.sort((a, b) => a.at - b.at);
  const facts: HandlerFact[] = [];
  for (const r of returns) {
    const v = kids(r)[0] ? unwrap(kids(r)[0] as Node) : undefined;
    if (v?.type !== 'identifier') continue;
    const before = latestBefore(bindings.get(v.text), r.startIndex);
    if (before?.model) facts.push({ kind: 'returnsModel', ...span(v), detail: v.text });
  }
  return facts;
}
