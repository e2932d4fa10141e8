// Finds where a handler dereferences a part of the event with no guard against null (`'x' in event.request.validationData`).
import type { Node } from '@babel/types';
import type { PathKey, UnguardedDeref } from '../description';
import { pathKey } from '../pathKey';
import { memberKey, type AliasTable } from './paths';
import { span, unwrap, walk } from './walk';

const KEYS_FUNCTIONS = new Set(['keys', 'values', 'entries', 'getOwnPropertyNames']);
const SKIP = new Set(['loc', 'start', 'end', 'extra', 'leadingComments', 'trailingComments', 'innerComments', 'range', 'errors', 'tokens', 'comments']);

/** One step down from the root: the node and the key of its parent it hangs from. */
type Step = { readonly node: Node; readonly key: string };

/**
 * Only request parts are reported (response objects are the handler's own to assign before use), and
 * only near the root, where the model's nullable maps are: a 10,000-step chain stays linear.
 */
const MAX_DEPTH = 4;
const worthChecking = (p: readonly PathKey[]): boolean => p.length >= 2 && p.length <= MAX_DEPTH && p[0] === 'request';

/**
 * Every unguarded dereference of a request part in the function body `body` (handler number
 * `handler`). `aliases` are the handler's event aliases (`const md = event.request.clientMetadata`).
 */
export function unguardedDerefs(body: Node, handler: number, aliases: AliasTable): UnguardedDeref[] {
  const out: UnguardedDeref[] = [];
  // Event paths by node, memoised: each level of a long member chain is resolved once (linear, no recursion).
  const memo = new Map<Node, readonly PathKey[] | null>();
  const pathOf = (start: Node | null | undefined): readonly PathKey[] | undefined => {
    if (!start) return undefined;
    const chain: Node[] = [];
    let n = unwrap(start);
    let base: readonly PathKey[] | null | undefined;
    for (;;) {
      if (memo.has(n)) {
        base = memo.get(n);
        break;
      }
      chain.push(n);
      if (n.type === 'MemberExpression' || n.type === 'OptionalMemberExpression') n = unwrap(n.object as Node);
      else {
        base = n.type === 'Identifier' ? (aliases.get(n.name) ?? null) : null;
        chain.pop();
        memo.set(n, base);
        break;
      }
    }
    for (let i = chain.length - 1; i >= 0; i--) {
      const m = chain[i] as Node;
      const k = memberKey(m);
      // Past MAX_DEPTH only the prefix matters (nothing deeper is reported): stop copying, so a
      // 10,000-step chain costs linear time.
      base = base && k ? (base.length > MAX_DEPTH ? base : [...base, k.key]) : null;
      memo.set(m, base);
    }
    return base ?? undefined;
  };

  /**
   * Every path `expr` looks at, with each of its prefixes, by key: `expr` looks at `p` (or something
   * below it: `p?.x`, `typeof p`, `p != null`) when p's key is in it. Walked once per expression: a test
   * guards every use inside its branch, and walking it again for each use was quadratic.
   */
  const mentioned = new Map<Node, ReadonlySet<string>>();
  const mentionsOf = (expr: Node): ReadonlySet<string> => {
    let keys = mentioned.get(expr);
    if (keys) return keys;
    const out = new Set<string>();
    walk(expr, (x) => {
      if (x.type === 'MemberExpression' || x.type === 'OptionalMemberExpression' || x.type === 'Identifier') {
        const q = pathOf(x);
        if (q) for (let n = 0; n <= q.length; n++) out.add(pathKey(q, n));
      }
      return undefined;
    });
    mentioned.set(expr, (keys = out));
    return keys;
  };
  /** Does `expr` look at `p` (or something below it)? */
  const mentions = (expr: Node | null | undefined, p: readonly PathKey[]): boolean => !!expr && mentionsOf(expr).has(pathKey(p, p.length));

  /** An `if` that leaves the block when its test holds: `if (!p) return;`, `if (!p) { throw … }`. */
  const exits = (s: Node): boolean => {
    const last = s.type === 'BlockStatement' ? s.body[s.body.length - 1] : s;
    return !!last && (last.type === 'ReturnStatement' || last.type === 'ThrowStatement' || last.type === 'ContinueStatement' || last.type === 'BreakStatement');
  };

  /** The keys of the paths a statement before a use makes safe: an early exit on a test of them, or an assignment to one. */
  const safeAfter = (s: Node): ReadonlySet<string> | undefined => {
    if (s.type === 'IfStatement' && exits(s.consequent)) return mentionsOf(s.test);
    if (s.type === 'ExpressionStatement' && s.expression.type === 'AssignmentExpression') {
      const q = pathOf(s.expression.left);
      return q ? new Set([pathKey(q, q.length)]) : undefined;
    }
    return undefined;
  };

  /**
   * Per statement list: each statement's place, and for each path key the place of the first statement
   * that makes it safe. Built once per list: scanning the statements before each use was quadratic in a
   * long handler (every use in the last statement looked at every statement before it).
   */
  const lists = new Map<readonly Node[], { place: Map<Node, number>; firstSafe: Map<string, number> }>();
  const listOf = (list: readonly Node[]): { place: Map<Node, number>; firstSafe: Map<string, number> } => {
    let l = lists.get(list);
    if (l) return l;
    l = { place: new Map(), firstSafe: new Map() };
    for (const [i, s] of list.entries()) {
      l.place.set(s, i);
      for (const k of safeAfter(s) ?? []) if (!l.firstSafe.has(k)) l.firstSafe.set(k, i);
    }
    lists.set(list, l);
    return l;
  };
  /** Some statement of `list` before `child` makes `p` safe. */
  const safeBefore = (list: readonly Node[], child: Node, p: readonly PathKey[]): boolean => {
    const l = listOf(list);
    const first = l.firstSafe.get(pathKey(p, p.length));
    return first !== undefined && first < (l.place.get(child) ?? list.length);
  };

  /** Is the use at the end of `steps` guarded against `p` being null by something around or before it? */
  const guarded = (steps: readonly Step[], p: readonly PathKey[]): boolean => {
    for (let i = steps.length - 2; i >= 0; i--) {
      const a = (steps[i] as Step).node;
      const via = (steps[i + 1] as Step).key;
      if (a.type === 'LogicalExpression' && via === 'right' && mentions(a.left, p)) return true;
      if ((a.type === 'ConditionalExpression' || a.type === 'IfStatement') && via !== 'test' && mentions(a.test, p)) return true;
      if (a.type === 'TryStatement' && via === 'block') return true;
      if ((a.type === 'BlockStatement' || a.type === 'Program' || a.type === 'SwitchCase') && (via === 'body' || via === 'consequent')) {
        const list = (a.type === 'SwitchCase' ? a.consequent : a.body) as Node[];
        if (safeBefore(list, (steps[i + 1] as Step).node, p)) return true;
      }
    }
    return false;
  };

  const report = (steps: readonly Step[], value: Node, how: UnguardedDeref['how'], at: Node, access?: { accessAt: number; computed: boolean }): void => {
    const p = pathOf(value);
    if (!p || !worthChecking(p) || guarded(steps, p)) return;
    const v = span(unwrap(value));
    out.push({ path: p, how, handler, ...span(at), valueStart: v.start, valueEnd: v.end, ...(access ?? {}) });
  };

  const check = (node: Node, steps: readonly Step[]): void => {
    if ((node.type === 'MemberExpression' || node.type === 'OptionalMemberExpression') && !node.optional) {
      // The `.` just before the key (`x.foo`), or the `[` just after the object (`x[k]`).
      const accessAt = node.computed ? span(node.object as Node).end : (node.property.start ?? 1) - 1;
      report(steps, node.object as Node, 'member', node, { accessAt, computed: node.computed });
    }
    if (node.type === 'BinaryExpression' && node.operator === 'in') report(steps, node.right, 'in', node);
    if (node.type === 'CallExpression' && node.arguments[0]) {
      const c = unwrap(node.callee as Node);
      if (c.type === 'MemberExpression' && !c.computed && c.object.type === 'Identifier' && c.object.name === 'Object' && c.property.type === 'Identifier' && KEYS_FUNCTIONS.has(c.property.name)) {
        report(steps, node.arguments[0] as Node, 'keys', node);
      }
    }
    if (node.type === 'VariableDeclarator' && node.id.type === 'ObjectPattern' && node.init) report(steps, node.init, 'destructure', node);
  };

  // Iterative depth-first walk that keeps the path from the body down (the generic walker keeps only
  // the parent; recursion would overflow on deep code).
  const steps: Step[] = [];
  const stack: { node: Node; key: string; depth: number }[] = [{ node: body, key: '', depth: 0 }];
  while (stack.length) {
    const e = stack.pop() as { node: Node; key: string; depth: number };
    steps.length = e.depth;
    steps.push({ node: e.node, key: e.key });
    check(e.node, steps);
    const kids: { node: Node; key: string; depth: number }[] = [];
    for (const k of Object.keys(e.node)) {
      if (SKIP.has(k)) continue;
      const v = (e.node as unknown as Record<string, unknown>)[k];
      for (const c of Array.isArray(v) ? v : [v]) {
        if (c && typeof c === 'object' && typeof (c as { type?: unknown }).type === 'string') kids.push({ node: c as Node, key: k, depth: e.depth + 1 });
      }
    }
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i] as { node: Node; key: string; depth: number });
  }
  return out;
}
