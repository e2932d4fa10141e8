// Control-flow and runtime facts about one handler: missing return, callbacks, unawaited calls, long waits.
import type { Node, Statement } from '@babel/types';
import type { FunctionNode } from './findHandlers';
import type { HandlerFact } from './types';
import { isFunction, span, unwrap, walk } from './walk';

/** Longest wait Cognito allows a synchronous trigger, in ms: it gives up after 5 seconds. */
export const COGNITO_TIMEOUT_MS = 5000;

const WAIT_NAMES = /^(sleep|delay|wait|pause|setTimeoutPromise|timeout)$/i;
// Calls whose promise (or callback) keeps running after the handler returns unless awaited.
const ASYNC_METHODS = /^(send|promise|then|fetch|publish|invoke|putItem|putObject|sendEmail|adminUpdateUserAttributes|adminAddUserToGroup)$/;

/** Does the statement always end the function (return/throw/callback call)? Conservative: unknown → false. */
function terminates(st: Statement | null | undefined, callback: string | undefined): boolean {
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
    case 'ExpressionStatement': {
      const e = unwrap(st.expression);
      return !!callback && e.type === 'CallExpression' && e.callee.type === 'Identifier' && e.callee.name === callback;
    }
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
  const callback = third?.type === 'Identifier' ? third.name : undefined;
  const head = { start: fn.start ?? 0, end: fn.body.start ?? fn.start ?? 0 };
  if (fn.params.length >= 3 && fn.async) facts.push({ kind: 'asyncWithCallback', ...head, ...(callback ? { detail: callback } : {}) });
  else if (fn.params.length >= 3) facts.push({ kind: 'callbackStyle', ...head, ...(callback ? { detail: callback } : {}) });

  if (fn.body.type === 'BlockStatement') {
    const body = fn.body;
    const ends = terminates(body, fn.params.length >= 3 ? callback : undefined);
    if (!ends && !(fn.params.length >= 3 && !fn.async && callsCallbackSomewhere(body, callback))) {
      facts.push({ kind: 'noReturn', start: Math.max((body.end ?? 1) - 1, 0), end: body.end ?? 0, insertAt: Math.max((body.end ?? 1) - 1, 0) });
    }
    // `return;` returns undefined to Cognito: as bad as no return at all.
    walk(body, (n) => {
      if (isFunction(n)) return false;
      if (n.type === 'ReturnStatement' && !n.argument && !(fn.params.length >= 3)) facts.push({ kind: 'noReturn', ...span(n) });
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
      facts.push({ kind: 'floatingPromise', ...span(n), detail: text.slice(n.start ?? 0, Math.min(n.end ?? 0, (n.start ?? 0) + 60)).split('\n')[0] ?? '' });
    }
    return undefined;
  });
  return facts;
}

/** A call that returns a promise (SDK v3 `send`, `.promise()`, `fetch`) or takes a trailing callback (SDK v2). */
function isAsyncCall(n: Extract<Node, { type: 'CallExpression' }>, name: string): boolean {
  if (ASYNC_METHODS.test(name)) return true;
  const last = n.arguments[n.arguments.length - 1];
  const c = unwrap(n.callee);
  // `client.method(params, (err, data) => …)`: the SDK v2 callback style, on an object (not a local helper).
  return !!last && isFunction(last as Node) && (last as FunctionNode).params.length >= 2 && c.type === 'MemberExpression' && !/^(forEach|map|filter|reduce|some|every|find|sort|on|once|addEventListener|replace)$/.test(name);
}

function callsCallbackSomewhere(body: Node, callback: string | undefined): boolean {
  if (!callback) return false;
  let found = false;
  walk(body, (n) => {
    if (!found && n.type === 'CallExpression' && n.callee.type === 'Identifier' && n.callee.name === callback) found = true;
    return !found;
  });
  return found;
}
