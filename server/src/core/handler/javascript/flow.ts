// Control-flow and runtime facts about one handler: missing return, callbacks, unawaited calls, long waits.
import type { Node, Statement } from '@babel/types';
import type { FunctionNode } from './findHandlers';
import { COGNITO_TIMEOUT_MS, EVENT_KEYS, notEventDetail, type CallbackRewrite, type HandlerFact } from '../description';
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

/**
 * `event.request.` typed on the line above `return event;` parses as the member `event.request.return`
 * followed by `event;`: the `return` was swallowed by the half-typed line. A property named after a
 * statement keyword, on a later line than its dot, is that half-typed code, and the statement still ends the
 * function as the user wrote it.
 */
function halfTypedEnd(n: Node, text: string): boolean {
  const m = unwrap(n);
  if ((m.type !== 'MemberExpression' && m.type !== 'OptionalMemberExpression') || m.computed || m.property.type !== 'Identifier') return false;
  if (m.property.name !== 'return' && m.property.name !== 'throw') return false;
  return /\.\s*\n/.test(text.slice(m.object.end ?? 0, m.property.start ?? 0));
}

/** Does the statement always end the function (return/throw/callback call)? Conservative: unknown → false. */
function terminates(st: Statement | null | undefined, callback: Finishers, text = ''): boolean {
  if (!st) return false;
  switch (st.type) {
    case 'ReturnStatement':
    case 'ThrowStatement':
      return true;
    case 'BlockStatement':
      return st.body.some((s) => terminates(s, callback, text));
    case 'IfStatement':
      return terminates(st.consequent, callback, text) && terminates(st.alternate, callback, text);
    case 'TryStatement': {
      if (st.finalizer && terminates(st.finalizer, callback, text)) return true;
      return terminates(st.block, callback, text) && (!st.handler || terminates(st.handler.body, callback, text));
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
        tailEnds = c.consequent.some((s) => terminates(s, callback, text)) || (tailEnds && !c.consequent.some((s) => s.type === 'BreakStatement'));
        if (!tailEnds) return false;
      }
      return tailEnds;
    }
    case 'ExpressionStatement':
      return isFinishCall(unwrap(st.expression), callback) || halfTypedEnd(st.expression, text);
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
  if (fn.params.length >= 3 && fn.async) {
    const rewrite = callback ? callbackRewrite(fn, callback, text) : undefined;
    facts.push({ kind: 'asyncWithCallback', ...head, ...(callback ? { detail: callback } : {}), ...(rewrite ? { callbackRewrite: rewrite } : {}) });
  }
  else if (fn.params.length >= 3) facts.push({ kind: 'callbackStyle', ...head, ...(callback ? { detail: callback } : {}) });
  const contextCall = firstFinishCall(fn.body, { ...(finishers.context ? { context: finishers.context } : {}) });
  // `context.succeed(event)` finishes like a callback: a legacy-style warning, never "no return".
  if (contextCall && fn.params.length < 3) facts.push({ kind: 'legacyContext', ...span(contextCall), detail: finishers.context ?? 'context' });

  if (fn.body.type === 'BlockStatement') {
    const body = fn.body;
    const ends = terminates(body, finishers, text);
    // A finish call inside a nested function (`.then(() => callback(null, event))`) may end every path:
    // nothing to say. Finish calls only in the body itself, on some paths, leave the others answering null.
    const finishesElsewhere = !fn.async && firstFinishCall(body, finishers, true) !== undefined;
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

  answerFacts(fn, finishers, facts);
  facts.push(...unawaitedStored(fn, text));

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

const isNullish = (n: Node | undefined): boolean => !n || n.type === 'NullLiteral' || (n.type === 'Identifier' && n.name === 'undefined');

/**
 * The parts of an async handler with a callback that a fix rewrites: the callback parameter (the third
 * and last), its calls when each is a statement ending its block (or the arrow's whole body), and the
 * `async` keyword when the body neither awaits nor returns a value.
 */
function callbackRewrite(fn: FunctionNode, callback: string, text: string): CallbackRewrite | undefined {
  const [, second, third] = fn.params;
  if (fn.params.length !== 3 || !second || !third) return undefined;
  const param = { start: second.end ?? 0, end: third.end ?? 0 };
  const calls: NonNullable<CallbackRewrite['calls']>[number][] = [];
  let uses = 0;
  let awaits = false;
  let returnsValue = false;
  const asCall = (n: Node | null | undefined): Extract<Node, { type: 'CallExpression' }> | undefined => {
    const c = n ? unwrap(n) : undefined;
    return c?.type === 'CallExpression' && unwrap(c.callee).type === 'Identifier' && (unwrap(c.callee) as { name: string }).name === callback ? c : undefined;
  };
  const record = (call: Extract<Node, { type: 'CallExpression' }>, at: { start: number; end: number }, expressionBody = false): boolean => {
    const [err, result] = call.arguments as Node[];
    if (call.arguments.some((a) => a.type === 'SpreadElement')) return false;
    if (isNullish(err)) calls.push({ at, ...(result ? { answer: span(result) } : {}), ...(expressionBody ? { expressionBody } : {}) });
    else if (err) calls.push({ at, error: span(err), ...(expressionBody ? { expressionBody } : {}) });
    return true;
  };
  if (fn.body.type !== 'BlockStatement') {
    const call = asCall(fn.body);
    if (call && record(call, span(fn.body), true)) uses--; // the callee identifier below is this use
  }
  const tail = (parent: Node | undefined, st: Node): boolean => {
    const body = parent?.type === 'BlockStatement' ? parent.body : parent?.type === 'SwitchCase' ? parent.consequent : undefined;
    return !!body && body[body.length - 1] === st;
  };
  walk(fn.body, (n, parent) => {
    if (n !== fn.body && isFunction(n)) {
      // A use inside a nested function (`.then(() => callback(null, event))`) cannot become a return.
      walk(n, (m) => {
        if (m.type === 'Identifier' && m.name === callback) uses += 1000;
      });
      return false;
    }
    if (n.type === 'AwaitExpression' || (n.type === 'ForOfStatement' && n.await)) awaits = true;
    if (n.type === 'ReturnStatement' && n.argument && !asCall(n.argument)) returnsValue = true;
    if (n.type === 'Identifier' && n.name === callback) uses++;
    // `return callback(…)` ends the function wherever it is; a bare call only when nothing follows it in its block.
    if ((n.type === 'ExpressionStatement' && tail(parent, n)) || n.type === 'ReturnStatement') {
      const call = asCall(n.type === 'ExpressionStatement' ? n.expression : n.argument);
      if (call && record(call, span(n))) uses--;
    }
    return undefined;
  });
  const asyncAt = fn.start ?? 0;
  const m = /^async\s+/.exec(text.slice(asyncAt, asyncAt + 20));
  const asyncKeyword = m && !awaits && !returnsValue ? { start: asyncAt, end: asyncAt + m[0].length } : undefined;
  return { param, ...(uses === 0 ? { calls } : {}), ...(asyncKeyword ? { asyncKeyword } : {}) };
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

/** The first call in `body` (in nested functions too, or only there) that finishes the invocation. */
function firstFinishCall(body: Node, f: Finishers, nestedOnly = false): Node | undefined {
  if (!f.callback && !f.context) return undefined;
  let found: Node | undefined;
  const visit = (root: Node, nested: boolean): void => {
    walk(root, (n) => {
      if (found) return false;
      if (n !== root && isFunction(n)) {
        visit((n as FunctionNode).body, true);
        return false;
      }
      if ((nested || !nestedOnly) && isFinishCall(n, f)) found = n;
      return !found;
    });
  };
  visit(body, false);
  return found;
}

/** Is `n` `new Error(…)` / `new SomeError(…)` / `Error(…)`? */
function isErrorValue(n: Node): boolean {
  const v = unwrap(n);
  if (v.type !== 'NewExpression' && v.type !== 'CallExpression') return false;
  const c = unwrap(v.callee as Node);
  return c.type === 'Identifier' && /Error$/.test(c.name) && (v.type === 'NewExpression' || c.name === 'Error');
}

/** An object literal that cannot be the event: no spread, no event key (an API Gateway `{statusCode, body}`). */
function notEventObject(n: Node): string[] | undefined {
  const v = unwrap(n);
  if (v.type !== 'ObjectExpression' || v.properties.length === 0) return undefined;
  const keys: string[] = [];
  for (const p of v.properties) {
    if (p.type !== 'ObjectProperty' || p.computed) return undefined;
    const k = p.key.type === 'Identifier' ? p.key.name : p.key.type === 'StringLiteral' ? p.key.value : undefined;
    if (k === undefined || EVENT_KEYS.has(k)) return undefined;
    keys.push(k);
  }
  return keys;
}

/**
 * What the handler answers with, when that cannot be the event: `return new Error(…)` (returned, not
 * thrown: the invocation succeeds) and an object literal without any event key (`{statusCode, body}`),
 * returned or passed as the callback's result.
 */
function answerFacts(fn: FunctionNode, f: Finishers, facts: HandlerFact[]): void {
  if (fn.body.type !== 'BlockStatement') {
    const keys = notEventObject(fn.body);
    if (isErrorValue(fn.body)) facts.push({ kind: 'returnsError', ...span(fn.body) });
    else if (keys) facts.push({ kind: 'returnsNonEvent', ...span(fn.body), detail: notEventDetail('an object', keys) });
    return;
  }
  walk(fn.body, (n) => {
    if (isFunction(n)) return false;
    let answer: Node | undefined;
    if (n.type === 'ReturnStatement' && n.argument) answer = n.argument;
    else if (n.type === 'CallExpression' && f.callback && isFinishCall(n, { callback: f.callback }) && n.arguments.length >= 2) answer = n.arguments[1] as Node;
    if (!answer) return undefined;
    if (n.type === 'ReturnStatement' && isErrorValue(answer)) facts.push({ kind: 'returnsError', ...span(n) });
    const keys = notEventObject(answer);
    if (keys) facts.push({ kind: 'returnsNonEvent', ...span(n.type === 'ReturnStatement' ? n : answer), detail: notEventDetail('an object', keys) });
    return undefined;
  });
}

/**
 * `const p = client.send(…)` (or `sendEmail(…)`, `fetch(…)`) in an async handler, where `p` is never
 * awaited, returned, or handed to `Promise.all`/`.then` before the handler answers: the work is left
 * running when Lambda freezes the environment.
 */
function unawaitedStored(fn: FunctionNode, text: string): HandlerFact[] {
  if (!fn.async || fn.body.type !== 'BlockStatement') return [];
  const stored = new Map<string, Node>();
  walk(fn.body, (n) => {
    if (isFunction(n)) return false;
    if (n.type === 'VariableDeclarator' && n.id.type === 'Identifier' && n.init) {
      const init = unwrap(n.init);
      const name = init.type === 'CallExpression' ? calleeName(init.callee) : undefined;
      if (init.type === 'CallExpression' && name && isAsyncCall(init, name)) stored.set(n.id.name, init);
    }
    return undefined;
  });
  if (stored.size === 0) return [];
  const used = new Set<string>();
  walk(fn.body, (n, parent) => {
    if (n.type !== 'Identifier' || !stored.has(n.name)) return undefined;
    // Any use other than its own declaration: awaited, returned, passed on, `.then`-ed, assigned: trust it.
    if (parent?.type === 'VariableDeclarator' && parent.id === n) return undefined;
    used.add(n.name);
    return undefined;
  });
  return [...stored].filter(([name]) => !used.has(name)).map(([name, call]) => ({ kind: 'floatingPromise' as const, ...span(call), detail: `${name} = ${text.slice(call.start ?? 0, Math.min(call.end ?? 0, (call.start ?? 0) + 50)).split('\n')[0] ?? ''}` }));
}
