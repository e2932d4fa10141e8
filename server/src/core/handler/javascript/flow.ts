// Control-flow and runtime facts about one handler: missing return, callbacks, unawaited calls, long waits.
import type { Node, Statement } from '@babel/types';
import type { FunctionNode } from './findHandlers';
import { COGNITO_TIMEOUT_MS, type HandlerFact } from '../description';
import { isFunction, span, unwrap, walk } from './walk';


const WAIT_NAMES = /^(sleep|delay|wait|pause|setTimeoutPromise|timeout)$/i;
// Calls whose promise (or callback) keeps running after the handler returns unless awaited.
const ASYNC_METHODS = /^(send|promise|then|fetch|publish|invoke|putItem|putObject|sendEmail|adminUpdateUserAttributes|adminAddUserToGroup)$/;

// Legacy `context` methods that end the invocation like the callback does (removed in Node.js 24).
const CONTEXT_ENDS = /^(succeed|done|fail)$/;

/** Names of the parameters that finish the invocation when called: the callback, `context.succeed` …. */
interface Finishers {
  readonly callback?: string;
  readonly context?: string;
}

/** Is `n` a call that finishes the invocation: `callback(…)` or `context.succeed/done/fail(…)`? */
function isFinishCall(n: Node, f: Finishers): boolean {
  if (n.type !== 'CallExpression') return false;
  const c = unwrap(n.callee);
  if (c.type === 'Identifier') return !!f.callback && c.name === f.callback;
  if (c.type !== 'MemberExpression' || c.computed || c.property.type !== 'Identifier' || !CONTEXT_ENDS.test(c.property.name)) return false;
  const o = unwrap(c.object);
  return !!f.context && o.type === 'Identifier' && o.name === f.context;
}

/** Does the statement always end the function (return/throw/callback call)? Conservative: unknown → false. */
function terminates(st: Statement | null | undefined, callback: Finishers): boolean {
  if (!st) return false;
  switch (st.type) {
    case 'ReturnStatement':
    case 'ThrowStatement':
      return true;
    case 'BlockStatement':
      return st.body.some((s) => terminates(s, callback));
    case 'IfStatement':
      return terminates(st.consequent, callback) && terminates(st.alternate, callback);
    case 'TryStatement': {
      if (st.finalizer && terminates(st.finalizer, callback)) return true;
      return terminates(st.block, callback) && (!st.handler || terminates(st.handler.body, callback));
    }
    case 'SwitchStatement': {
      if (!st.cases.some((c) => !c.test)) return false;
      // Every case must end the function or fall through to one that does; `break` escapes.
      let tailEnds = false;
      for (let i = st.cases.length - 1; i >= 0; i--) {
        const c = st.cases[i];
        if (!c) continue;
        if (c.consequent.some((s) => s.type === 'BreakStatement' || containsBreak(s))) return false;
        if (c.consequent.length === 0) continue;
        tailEnds = c.consequent.some((s) => terminates(s, callback)) || (tailEnds && !c.consequent.some((s) => s.type === 'BreakStatement'));
        if (!tailEnds) return false;
      }
      return tailEnds;
    }
    case 'ExpressionStatement':
      return isFinishCall(unwrap(st.expression), callback);
    default:
      return false;
  }
}

function containsBreak(st: Statement): boolean {
  let found = false;
  walk(st, (n) => {
    if (found || isFunction(n) || n.type === 'SwitchStatement' || n.type === 'ForStatement' || n.type === 'WhileStatement' || n.type === 'DoWhileStatement' || n.type === 'ForOfStatement' || n.type === 'ForInStatement') return n === st ? undefined : false;
    if (n.type === 'BreakStatement' && !n.label) found = true;
    return undefined;
  });
  return found;
}

/** A numeric literal argument (`5000`, `6_000`, `10 * 1000`). */
function literalMs(n: Node | undefined): number | undefined {
  if (!n) return undefined;
  const v = unwrap(n);
  if (v.type === 'NumericLiteral') return v.value;
  if (v.type === 'BinaryExpression' && v.operator === '*') {
    const a = literalMs(v.left as Node);
    const b = literalMs(v.right);
    return a !== undefined && b !== undefined ? a * b : undefined;
  }
  return undefined;
}

function calleeName(n: Node): string | undefined {
  const c = unwrap(n);
  if (c.type === 'Identifier') return c.name;
  if ((c.type === 'MemberExpression' || c.type === 'OptionalMemberExpression') && c.property.type === 'Identifier') return c.property.name;
  return undefined;
}

/** Facts about handler `fn`; `text` gives the unawaited call's source for messages. */
export function handlerFacts(fn: FunctionNode, text: string): HandlerFact[] {
  const facts: HandlerFact[] = [];
  const third = fn.params[2];
  const second = fn.params[1];
  const callback = third?.type === 'Identifier' ? third.name : undefined;
  const finishers: Finishers = { ...(callback ? { callback } : {}), ...(second?.type === 'Identifier' ? { context: second.name } : {}) };
  const head = { start: fn.start ?? 0, end: fn.body.start ?? fn.start ?? 0 };
  if (fn.params.length >= 3 && fn.async) facts.push({ kind: 'asyncWithCallback', ...head, ...(callback ? { detail: callback } : {}) });
  else if (fn.params.length >= 3) facts.push({ kind: 'callbackStyle', ...head, ...(callback ? { detail: callback } : {}) });
  const contextCall = firstFinishCall(fn.body, { ...(finishers.context ? { context: finishers.context } : {}) });
  // `context.succeed(event)` finishes like a callback: a legacy-style warning, never "no return".
  if (contextCall && fn.params.length < 3) facts.push({ kind: 'legacyContext', ...span(contextCall), detail: finishers.context ?? 'context' });

  if (fn.body.type === 'BlockStatement') {
    const body = fn.body;
    const ends = terminates(body, finishers);
    const finishesElsewhere = !fn.async && firstFinishCall(body, finishers) !== undefined;
    if (!ends && !finishesElsewhere) {
      facts.push({ kind: 'noReturn', start: Math.max((body.end ?? 1) - 1, 0), end: body.end ?? 0, insertAt: Math.max((body.end ?? 1) - 1, 0) });
    }
    // `return;` returns undefined to Cognito: as bad as no return at all (unless something else finishes).
    walk(body, (n) => {
      if (isFunction(n)) return false;
      if (n.type === 'ReturnStatement' && !n.argument && !(fn.params.length >= 3) && !contextCall) facts.push({ kind: 'noReturn', ...span(n) });
      // `return 'ok'`: a literal is plainly not the event.
      if (n.type === 'ReturnStatement' && n.argument && !(fn.params.length >= 3) && !contextCall) {
        const v = unwrap(n.argument);
        const what = v.type === 'StringLiteral' || v.type === 'TemplateLiteral' ? 'a string' : v.type === 'NumericLiteral' ? 'a number' : v.type === 'BooleanLiteral' ? 'a boolean' : undefined;
        if (what) facts.push({ kind: 'returnsNonEvent', ...span(n), detail: what });
      }
      return undefined;
    });
  }

  walk(fn.body, (n, parent) => {
    if (n.type !== 'CallExpression') return undefined;
    const name = calleeName(n.callee);
    if (name === 'setTimeout' || (name && WAIT_NAMES.test(name))) {
      const ms = literalMs((name === 'setTimeout' ? n.arguments[1] : n.arguments[0]) as Node | undefined);
      if (ms !== undefined && ms > COGNITO_TIMEOUT_MS) facts.push({ kind: 'longWait', ...span(n), detail: String(ms) });
    }
    // Floating work: an expression statement that starts asynchronous work nobody waits for.
    if (fn.async && parent?.type === 'ExpressionStatement' && name && isAsyncCall(n, name)) {
      const cb = v2Callback(n, text);
      facts.push({ kind: 'floatingPromise', ...span(n), detail: text.slice(n.start ?? 0, Math.min(n.end ?? 0, (n.start ?? 0) + 60)).split('\n')[0] ?? '', ...(cb ? { callback: cb } : {}) });
    }
    return undefined;
  });
  return facts;
}

/**
 * `client.method(params, (err, data) => …)`: an SDK v2 call in callback style (its last argument is a
 * function). `await` before it waits for nothing; the callback must go. `removeFrom` is where the
 * callback argument starts (after the previous argument, or after `(`); `empty` when it does nothing.
 */
function v2Callback(n: Extract<Node, { type: 'CallExpression' }>, text: string): { removeFrom: number; empty: boolean } | undefined {
  const last = n.arguments[n.arguments.length - 1];
  if (!last || !isFunction(last as Node) || unwrap(n.callee).type !== 'MemberExpression') return undefined;
  const f = last as FunctionNode;
  const prev = n.arguments[n.arguments.length - 2];
  const removeFrom = prev ? (prev.end ?? 0) : text.indexOf('(', n.callee.end ?? 0) + 1;
  const empty = f.body.type === 'BlockStatement' && f.body.body.length === 0;
  return { removeFrom, empty };
}

/** A call that returns a promise (SDK v3 `send`, `.promise()`, `fetch`) or takes a trailing callback (SDK v2). */
function isAsyncCall(n: Extract<Node, { type: 'CallExpression' }>, name: string): boolean {
  if (ASYNC_METHODS.test(name)) return true;
  const last = n.arguments[n.arguments.length - 1];
  const c = unwrap(n.callee);
  // `client.method(params, (err, data) => …)`: the SDK v2 callback style, on an object (not a local helper).
  return !!last && isFunction(last as Node) && (last as FunctionNode).params.length >= 2 && c.type === 'MemberExpression' && !/^(forEach|map|filter|reduce|some|every|find|sort|on|once|addEventListener|replace)$/.test(name);
}

/** The first call anywhere in `body` (callbacks included) that finishes the invocation. */
function firstFinishCall(body: Node, f: Finishers): Node | undefined {
  if (!f.callback && !f.context) return undefined;
  let found: Node | undefined;
  walk(body, (n) => {
    if (!found && isFinishCall(n, f)) found = n;
    return !found;
  });
  return found;
}
