// Finds where a Python handler dereferences a part of the event with no guard against None
// (`event["request"]["clientMetadata"]["x"]`, `"x" in event["request"]["validationData"]`).
import type { Alias, PathKey, UnguardedDeref } from '../description';
import { pathKey } from '../pathKey';
import { eventPath, subscriptKey, type Bound } from './paths';
import { isScope, kids, unwrap, type Node } from './tree';

/** Only request parts near the root, where the model's nullable maps are (as in JavaScript). */
const MAX_DEPTH = 4;
const worthChecking = (p: readonly PathKey[]): boolean => p.length >= 2 && p.length <= MAX_DEPTH && p[0] === 'request';
const startsWith = (p: readonly PathKey[], prefix: readonly PathKey[]): boolean => p.length >= prefix.length && prefix.every((k, i) => p[i] === k);
const same = (a: readonly PathKey[], b: readonly PathKey[]): boolean => a.length === b.length && startsWith(a, b);

/** Of bindings sorted by place, the last one before `offset` (binary search: looked up for every use). */
export function latestBefore<T extends { readonly at: number }>(sorted: readonly T[] | undefined, offset: number): T | undefined {
  if (!sorted) return undefined;
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as T).at < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 ? sorted[lo - 1] : undefined;
}

/** Dict methods whose call on None raises AttributeError: `.get` reads a key, the others list them. */
const READ_METHODS = new Set(['get']);
const KEYS_METHODS = new Set(['keys', 'values', 'items', 'copy']);

/** An alias table whose entries are computed when asked for (`eventPath` only calls `get`). */
class AliasesAt extends Map<string, Bound> {
  constructor(private readonly lookup: (name: string) => Bound | undefined) {
    super();
  }

  override get(name: string): Bound | undefined {
    return this.lookup(name);
  }

  override has(name: string): boolean {
    return this.lookup(name) !== undefined;
  }
}

/** Names (re)bound by a statement's target: `x = …`, `x += …`, `for x in …`, `with … as x`, `(x := …)`. */
export function boundNames(n: Node): string[] {
  const target =
    n.type === 'assignment' || n.type === 'augmented_assignment' || n.type === 'for_statement' ? n.childForFieldName('left') : n.type === 'named_expression' ? n.childForFieldName('name') : n.type === 'as_pattern' ? n.childForFieldName('alias') : null;
  const out: string[] = [];
  const stack = target ? [target] : [];
  while (stack.length) {
    const t = stack.pop() as Node;
    if (t.type === 'identifier') out.push(t.text);
    else if (t.type === 'as_pattern_target' || t.type === 'pattern_list' || t.type === 'tuple_pattern' || t.type === 'list_pattern' || t.type === 'tuple' || t.type === 'list') stack.push(...kids(t));
  }
  return out;
}

/**
 * Every unguarded dereference of a request part in handler `fn` (number `handler`). `aliases` are the
 * names the collector bound to parts of the event (with where), `eventParam` the event itself. A name
 * assigned anything else later (`md = md or {}`) is no longer the alias from there on.
 */
export function unguardedDerefs(fn: Node, handler: number, eventParam: string | undefined, aliases: readonly Alias[]): UnguardedDeref[] {
  const out: UnguardedDeref[] = [];
  const body = fn.childForFieldName('body');
  if (!body) return out;
  // Every binding of every name, in source order: the collector's aliases, and other assignments (rebinds).
  const bindings = new Map<string, { at: number; bound?: Bound }[]>();
  const add = (name: string, at: number, bound?: Bound): void => {
    const list = bindings.get(name) ?? [];
    list.push({ at, ...(bound ? { bound } : {}) });
    bindings.set(name, list);
  };
  if (eventParam) add(eventParam, fn.startIndex, { path: [], style: 'dict' });
  // The collector's dict aliases by name and place, the first of each (a search of all of them per
  // assignment was quadratic in a long handler).
  const aliasAt = new Map<string, Alias>();
  for (const a of aliases) {
    const k = `${a.start}:${a.name}`;
    if (!a.keyStyle && !aliasAt.has(k)) aliasAt.set(k, a);
  }
  const stack = [body];
  while (stack.length) {
    const n = stack.pop() as Node;
    if (isScope(n)) continue;
    for (const name of boundNames(n)) {
      const alias = aliasAt.get(`${n.startIndex}:${name}`);
      add(name, n.startIndex, alias ? { path: alias.path, style: 'dict' } : undefined);
    }
    stack.push(...n.children);
  }
  for (const list of bindings.values()) list.sort((a, b) => a.at - b.at);
  /** The alias table as it stands at `offset`: each name's latest binding before it (looked up by name, on use). */
  const tableAt = (offset: number): ReadonlyMap<string, Bound> => new AliasesAt((name) => latestBefore(bindings.get(name), offset)?.bound);
  /** The request path `n` reads as a dict (not through a Powertools object or model). */
  const pathOf = (n: Node | null | undefined, table: ReadonlyMap<string, Bound>): readonly PathKey[] | undefined => {
    if (!n) return undefined;
    const p = eventPath(n, table);
    return p && p.style === 'dict' && !p.members ? p.path : undefined;
  };

  /** Does `expr` look at `p` or below it (`if md:`, `md is not None`, `"x" in md`)? */
  const mentions = (expr: Node | null | undefined, p: readonly PathKey[], table: ReadonlyMap<string, Bound>): boolean => {
    const todo = expr ? [expr] : [];
    while (todo.length) {
      const x = todo.pop() as Node;
      if (x.type === 'subscript' || x.type === 'call' || x.type === 'identifier' || x.type === 'attribute') {
        const q = pathOf(x, table);
        if (q && startsWith(q, p)) return true;
      }
      todo.push(...x.namedChildren);
    }
    return false;
  };

  /** A block whose last statement leaves it: `return`, `raise`, `continue`, `break`. */
  const exits = (block: Node | null): boolean => {
    const last = block ? kids(block).filter((c) => c.type !== 'comment').pop() : undefined;
    return !!last && /^(return_statement|raise_statement|continue_statement|break_statement)$/.test(last.type);
  };

  /** A statement before the use that makes `p` safe: an early exit on a test of it, or an assignment to it. */
  const safeBefore = (s: Node, p: readonly PathKey[], table: ReadonlyMap<string, Bound>): boolean => {
    if (s.type === 'if_statement' && exits(s.childForFieldName('consequence')) && mentions(s.childForFieldName('condition'), p, table)) return true;
    const a = s.type === 'expression_statement' ? kids(s)[0] : undefined;
    // `event["request"]["clientMetadata"] = … or {}` (a name bound to the part is an alias, not a write: rebinding it is seen by `tableAt`).
    const left = a?.type === 'assignment' ? a.childForFieldName('left') : null;
    if (left && left.type !== 'identifier') {
      const q = pathOf(left, table);
      return !!q && same(q, p);
    }
    return false;
  };

  /**
   * Per block: the statements that can make a path safe for the ones after them (an `if` whose branch
   * exits; an assignment to a key), with their places, the assignments by the key they assign. Only
   * those are tried before a use, and of the assignments only the ones to its last key: trying every
   * statement before each use was quadratic in a long handler.
   */
  // Names some binding ties to a part of the event: a condition naming none of them mentions no path at any
  // place (`if not context.x: return` guards nothing), so it need not be tried for each use after it.
  const eventNames = new Set([...bindings].filter(([, list]) => list.some((b) => b.bound)).map(([name]) => name));
  const namesEventPart = (cond: Node | null): boolean => {
    const todo = cond ? [cond] : [];
    while (todo.length) {
      const x = todo.pop() as Node;
      if (x.type === 'identifier' && eventNames.has(x.text)) return true;
      todo.push(...x.namedChildren);
    }
    return false;
  };
  /**
   * A guard clause's condition reads the same paths at every use after it when each name in it is bound
   * once, before it, or never: then the paths it mentions (with their prefixes) are listed once, by key.
   */
  const stableMentions = (cond: Node, at: number): Set<string> | undefined => {
    const names: Node[] = [];
    const todo = [cond];
    while (todo.length) {
      const x = todo.pop() as Node;
      if (x.type === 'identifier') names.push(x);
      todo.push(...x.namedChildren);
    }
    for (const n of names) {
      const list = bindings.get(n.text);
      if (list && (list.length > 1 || (list[0] as { at: number }).at >= at)) return undefined;
    }
    const table = tableAt(at);
    const keys = new Set<string>();
    todo.push(cond);
    while (todo.length) {
      const x = todo.pop() as Node;
      if (x.type === 'subscript' || x.type === 'call' || x.type === 'identifier' || x.type === 'attribute') {
        const q = pathOf(x, table);
        if (q) for (let n = 0; n <= q.length; n++) keys.add(pathKey(q, n));
      }
      todo.push(...x.namedChildren);
    }
    return keys;
  };
  interface BlockIndex {
    /** Of the guard clauses whose paths are the same at every later use: for each path key, the place of the first. */
    readonly firstGuard: Map<string, number>;
    /** Other guard clauses, and assignments to anything but a subscript (tried for every path). */
    readonly others: Node[];
    /** Assignments to a subscript, by its key: the last key of the path it resolves to. */
    readonly assignsByKey: Map<PathKey, Node[]>;
  }
  const blocks = new Map<Node, BlockIndex>();
  const blockOf = (block: Node): BlockIndex => {
    let b = blocks.get(block);
    if (b) return b;
    b = { firstGuard: new Map(), others: [], assignsByKey: new Map() };
    for (const s of block.children) {
      // A guard clause can speak for a path only if its condition names something bound to the event somewhere.
      const cond = s.type === 'if_statement' && exits(s.childForFieldName('consequence')) ? s.childForFieldName('condition') : null;
      if (cond && namesEventPart(cond)) {
        const keys = stableMentions(cond, s.startIndex);
        if (!keys) b.others.push(s);
        else for (const k of keys) if (!b.firstGuard.has(k)) b.firstGuard.set(k, s.index);
      }
      const a = s.type === 'expression_statement' ? kids(s)[0] : undefined;
      const left = a?.type === 'assignment' ? a.childForFieldName('left') : null;
      if (!left || left.type === 'identifier') continue;
      const target = unwrap(left);
      if (target.type !== 'subscript') {
        b.others.push(s);
        continue;
      }
      const last = subscriptKey(target).key;
      const list = b.assignsByKey.get(last);
      if (list) list.push(s);
      else b.assignsByKey.set(last, [s]);
    }
    blocks.set(block, b);
    return b;
  };
  /** Some statement of `block` before `child` makes `p` safe (what trying each statement before it with `safeBefore` answers). */
  const safeInBlock = (block: Node, child: Node, p: readonly PathKey[], table: ReadonlyMap<string, Bound>): boolean => {
    const b = blockOf(block);
    const guard = b.firstGuard.get(pathKey(p));
    if (guard !== undefined && guard < child.index) return true;
    const before = (s: Node): boolean => s.parent === block && s.index < child.index;
    for (const s of b.others) {
      if (!before(s)) break;
      if (safeBefore(s, p, table)) return true;
    }
    for (const s of b.assignsByKey.get(p[p.length - 1] as PathKey) ?? []) {
      if (!before(s)) break;
      if (safeBefore(s, p, table)) return true;
    }
    return false;
  };

  /** Is the use `at` guarded against `p` being None by something around or before it (up to the function body)? */
  const guarded = (at: Node, p: readonly PathKey[], table: ReadonlyMap<string, Bound>): boolean => {
    let child = at;
    for (let a = at.parent; a && child !== body; child = a, a = a.parent) {
      const field = a.fields[child.index];
      // `md and md["x"]`, `not md or md["x"]`: the right side runs only when the left let it.
      if (a.type === 'boolean_operator' && field === 'right' && mentions(a.childForFieldName('left'), p, table)) return true;
      // `if md:` / `elif md is not None:` around the use; `md["x"] if md else None`.
      if ((a.type === 'if_statement' || a.type === 'elif_clause') && field !== 'condition' && mentions(a.childForFieldName('condition'), p, table)) return true;
      if (a.type === 'conditional_expression' && child !== kids(a)[1] && mentions(kids(a)[1], p, table)) return true;
      // Any branch of an `if` testing it counts, as in JavaScript (`if not md: … else: md["x"]` is safe): no false positives.
      if (a.type === 'try_statement' && field === 'body') return true;
      if ((a.type === 'block' || a.type === 'module') && safeInBlock(a, child, p, table)) return true;
    }
    return false;
  };

  const report = (at: Node, value: Node, how: UnguardedDeref['how']): void => {
    const table = tableAt(at.startIndex);
    const p = pathOf(value, table);
    if (!p || !worthChecking(p) || guarded(at, p, table)) return;
    const v = unwrap(value);
    out.push({ path: p, how, handler, start: at.startIndex, end: at.endIndex, valueStart: v.startIndex, valueEnd: v.endIndex });
  };

  const todo = [body];
  while (todo.length) {
    const n = todo.pop() as Node;
    if (isScope(n)) continue;
    if (n.type === 'subscript') {
      const value = n.childForFieldName('value');
      if (value) report(n, value, 'member');
    } else if (n.type === 'call') {
      const callee = n.childForFieldName('function');
      const method = callee?.type === 'attribute' ? callee.childForFieldName('attribute')?.text : undefined;
      const object = callee?.childForFieldName('object');
      if (method && object && (READ_METHODS.has(method) || KEYS_METHODS.has(method))) report(n, object, READ_METHODS.has(method) ? 'member' : 'keys');
    } else if (n.type === 'comparison_operator') {
      // `"x" in md`, `"x" not in md`: a membership test of None raises TypeError.
      const ops = n.childrenForFieldName('operators');
      const operands = kids(n);
      const right = operands[1];
      if (operands.length === 2 && ops.length === 1 && /^(in|not\s+in)$/.test(ops[0]?.text ?? '') && right) report(n, right, 'in');
    } else if (n.type === 'for_statement' || n.type === 'for_in_clause') {
      const right = n.childForFieldName('right');
      if (right) report(n.type === 'for_statement' ? right : n, right, 'keys');
    } else if (n.type === 'dictionary_splat') {
      const value = kids(n)[0];
      if (value) report(n, value, 'destructure');
    }
    for (let i = n.children.length - 1; i >= 0; i--) todo.push(n.children[i] as Node);
  }
  return out;
}
