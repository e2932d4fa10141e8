// Walks one handler's function: event aliases, every use of the event, triggerSource branches, switches.
import type { Node } from '@babel/types';
import { TRIGGERS } from '../../model';
import type { FunctionNode } from './findHandlers';
import { DYNAMIC_KEY, type Alias, type EventRef, type NarrowedRegion, type ObjectSite, type PathKey, type SwitchSite, type UnguardedDeref } from '../description';
import { unguardedDerefs } from './derefs';
import { eventPath, knownValue, type AliasTable, type ConstTable } from './paths';
import { isFunction, span, unwrap, walk } from './walk';

/** What one handler's walk collects. */
export interface Collected {
  refs: EventRef[];
  aliases: Alias[];
  regions: NarrowedRegion[];
  objects: ObjectSite[];
  switches: SwitchSite[];
  derefs: UnguardedDeref[];
}

const EQ = new Set(['===', '==', '!==', '!=']);
const isSourceKey = (p: readonly PathKey[]): boolean => p.length === 1 && (p[0] === 'triggerSource' || p[0] === 'eventType');

/** Binds the names of a destructuring pattern to event paths (`{ request: { userAttributes } }`). */
function bindPattern(pattern: Node, base: readonly PathKey[], at: number, scopeEnd: number, out: Collected, handler: number, aliases: Map<string, readonly PathKey[]>): void {
  const p = unwrap(pattern);
  if (p.type === 'Identifier') {
    aliases.set(p.name, base);
    out.aliases.push({ name: p.name, path: base, start: at, scopeEnd });
    return;
  }
  if (p.type === 'AssignmentPattern') return bindPattern(p.left, base, at, scopeEnd, out, handler, aliases);
  if (p.type !== 'ObjectPattern') return;
  for (const prop of p.properties) {
    if (prop.type !== 'ObjectProperty' || prop.computed) continue;
    const key = prop.key.type === 'Identifier' ? prop.key.name : prop.key.type === 'StringLiteral' ? prop.key.value : undefined;
    if (key === undefined) continue;
    const path = [...base, key];
    // A destructured key is a read of that field: unknown keys are reported like `event.x` would be.
    out.refs.push({ path, keyRanges: [...base.map(() => span(prop.key)), span(prop.key)], kind: 'read', handler, ...span(prop.key) });
    bindPattern(prop.value as Node, path, at, scopeEnd, out, handler, aliases);
  }
}

// Every triggerSource / eventType value the model knows, for tests that match a pattern of them.
const ALL_SOURCES = [...new Set(TRIGGERS.flatMap((t) => t.sources.map((s) => s.value)))];
const STRING_TESTS: Record<string, (value: string, arg: string) => boolean> = {
  startsWith: (v, a) => v.startsWith(a),
  endsWith: (v, a) => v.endsWith(a),
  includes: (v, a) => v.includes(a),
};

/**
 * Sources a call test lets through: `event.triggerSource.startsWith('CustomMessage_')` (also
 * endsWith, includes), and `['A', 'B'].includes(event.triggerSource)`.
 */
function sourcesOfCall(t: Node, aliases: AliasTable): string[] | undefined {
  if (t.type !== 'CallExpression' || t.arguments.length !== 1) return undefined;
  const c = unwrap(t.callee as Node);
  const arg = unwrap(t.arguments[0] as Node);
  if (c.type !== 'MemberExpression' || c.computed || c.property.type !== 'Identifier') return undefined;
  const method = c.property.name;
  const on = unwrap(c.object);
  if (method === 'includes' && on.type === 'ArrayExpression') {
    const p = eventPath(arg, aliases);
    if (!p || !isSourceKey(p.path)) return undefined;
    const values = on.elements.map((e) => (e?.type === 'StringLiteral' ? e.value : undefined));
    return values.every((v): v is string => v !== undefined) ? values : undefined;
  }
  const test = STRING_TESTS[method];
  const p = eventPath(on, aliases);
  if (!test || !p || !isSourceKey(p.path) || arg.type !== 'StringLiteral') return undefined;
  const matching = ALL_SOURCES.filter((v) => test(v, arg.value));
  return matching.length ? matching : undefined;
}

/** The triggerSource/eventType literals a test compares with `===` (joined by `||`), or undefined. */
function sourcesTested(test: Node, aliases: AliasTable, negated: boolean): string[] | undefined {
  const t = unwrap(test);
  if (t.type === 'UnaryExpression' && t.operator === '!') return sourcesTested(t.argument, aliases, !negated);
  // A call pins the sources where it is true; where it is false, any other source may reach.
  if (t.type === 'CallExpression') return negated ? undefined : sourcesOfCall(t, aliases);
  if (t.type === 'LogicalExpression' && t.operator === (negated ? '&&' : '||')) {
    const a = sourcesTested(t.left, aliases, negated);
    const b = sourcesTested(t.right, aliases, negated);
    return a && b ? [...a, ...b] : undefined;
  }
  // `isX && other`: where both hold, the sources are those of the side that pins them (both: the common ones).
  if (t.type === 'LogicalExpression' && t.operator === (negated ? '||' : '&&')) {
    const a = sourcesTested(t.left, aliases, negated);
    const b = sourcesTested(t.right, aliases, negated);
    return a && b ? a.filter((x) => b.includes(x)) : (a ?? b);
  }
  if (t.type !== 'BinaryExpression' || !EQ.has(t.operator)) return undefined;
  if (t.operator.startsWith('!') !== negated) return undefined;
  for (const [x, y] of [[t.left, t.right], [t.right, t.left]] as const) {
    const p = eventPath(x as Node, aliases);
    const v = unwrap(y as Node);
    if (p && isSourceKey(p.path) && v.type === 'StringLiteral') return [v.value];
  }
  return undefined;
}

/** Names a binding pattern declares (`{ a, b: [c] }` → a, c). */
function patternNames(p: Node | null | undefined, out: string[]): string[] {
  if (!p) return out;
  if (p.type === 'Identifier') out.push(p.name);
  else if (p.type === 'AssignmentPattern') patternNames(p.left, out);
  else if (p.type === 'RestElement') patternNames(p.argument, out);
  else if (p.type === 'ArrayPattern') for (const e of p.elements) patternNames(e, out);
  else if (p.type === 'ObjectPattern') for (const q of p.properties) patternNames(q.type === 'RestElement' ? q : (q.value as Node), out);
  else if (p.type === 'TSParameterProperty') patternNames(p.parameter, out);
  return out;
}

/**
 * `const` names declared once in the function and nowhere else (no other declaration or parameter
 * of that name, even in a nested scope), so every use of the name is that value.
 */
function localConsts(fn: FunctionNode): ConstTable {
  const count = new Map<string, number>();
  const consts = new Map<string, Node>();
  const bump = (names: string[]): void => names.forEach((n) => count.set(n, (count.get(n) ?? 0) + 1));
  bump(fn.params.flatMap((p) => patternNames(p, [])));
  walk(fn.body, (node, parent) => {
    if (node.type === 'VariableDeclarator') {
      bump(patternNames(node.id, []));
      if (node.id.type === 'Identifier' && node.init && parent?.type === 'VariableDeclaration' && parent.kind === 'const') consts.set(node.id.name, node.init);
    } else if (isFunction(node)) bump([...(node.type !== 'ArrowFunctionExpression' && node.id ? [node.id.name] : []), ...node.params.flatMap((p) => patternNames(p, []))]);
    else if (node.type === 'CatchClause') bump(patternNames(node.param, []));
    else if (node.type === 'ClassDeclaration' && node.id) bump([node.id.name]);
  });
  for (const name of [...consts.keys()]) if (count.get(name) !== 1) consts.delete(name);
  return consts;
}

/** Walks `fn` (handler number `handler`) with the event bound to its first parameter. */
export function collectHandler(fn: FunctionNode, handler: number, out: Collected): void {
  const aliases = new Map<string, readonly PathKey[]>();
  const consts = localConsts(fn);
  const fnEnd = fn.end ?? 0;
  const first = fn.params[0];
  if (first) bindPattern(first, [], fn.start ?? 0, fnEnd, out, handler, aliases);

  walk(fn.body, (node, parent, key) => {
    // Aliases and destructuring: `const attrs = event.request.userAttributes`, `const { request } = event`.
    if (node.type === 'VariableDeclarator' && node.init) {
      const p = eventPath(node.init, aliases);
      if (p) bindPattern(node.id, p.path, node.start ?? 0, fnEnd, out, handler, aliases);
    }
    // `for (const s of event.request.session)`: s is one item.
    if (node.type === 'ForOfStatement' && node.left.type === 'VariableDeclaration') {
      const p = eventPath(node.right, aliases);
      const id = node.left.declarations[0]?.id;
      if (p && id) bindPattern(id, [...p.path, DYNAMIC_KEY], node.start ?? 0, node.end ?? fnEnd, out, handler, aliases);
    }
    if (node.type === 'IfStatement') {
      const yes = sourcesTested(node.test, aliases, false);
      if (yes) out.regions.push({ ...span(node.consequent), sources: yes });
      const no = sourcesTested(node.test, aliases, true);
      if (no && node.alternate) out.regions.push({ ...span(node.alternate), sources: no });
    }
    if (node.type === 'SwitchStatement') {
      const p = eventPath(node.discriminant, aliases);
      if (p) {
        out.switches.push({ ...span(node), path: p.path });
        if (isSourceKey(p.path)) caseRegions(node, out);
      }
    }
    if (node.type === 'AssignmentExpression' && unwrap(node.right).type === 'ObjectExpression') {
      const p = eventPath(node.left, aliases);
      if (p) objectSites(unwrap(node.right), p.path, out);
    }
    if (node.type === 'MemberExpression' || node.type === 'OptionalMemberExpression' || node.type === 'Identifier') {
      // Only the outermost chain is a use; `event` alone (return event) is not a field access.
      if (node.type === 'Identifier' && (key === 'property' || key === 'key' || !aliases.has(node.name))) return undefined;
      const p = eventPath(node, aliases);
      if (!p) return undefined;
      // A bare alias is a use only when compared (`triggerSource === 'X'`); assigning to it rebinds a local.
      if (node.type === 'Identifier' && !(parent?.type === 'BinaryExpression' && EQ.has(parent.operator))) return false;
      recordRef(node, parent, refKind(parent, key));
      return false;
    }
    return undefined;
  });
  // After the walk: every alias of the handler is known.
  out.derefs.push(...unguardedDerefs(fn.body, handler, aliases));

  function refKind(parent: Node | undefined, key: string): 'read' | 'write' | 'compare' {
    if (!parent) return 'read';
    if (parent.type === 'AssignmentExpression' && key === 'left') return 'write';
    if (parent.type === 'UpdateExpression') return 'write';
    if (parent.type === 'UnaryExpression' && parent.operator === 'delete') return 'write';
    if (parent.type === 'BinaryExpression' && EQ.has(parent.operator)) return 'compare';
    return 'read';
  }

  function recordRef(node: Node, parent: Node | undefined, kind: 'read' | 'write' | 'compare'): void {
    const p = eventPath(node, aliases);
    if (!p) return;
    let value;
    if (kind === 'write' && parent?.type === 'AssignmentExpression' && parent.operator === '=') value = knownValue(parent.right, aliases, consts);
    if (kind === 'compare' && parent?.type === 'BinaryExpression') value = knownValue(parent.left === node ? parent.right : parent.left, aliases, consts);
    out.refs.push({ path: p.path, keyRanges: p.keyRanges, kind, handler, ...span(node), ...(value ? { value } : {}) });
  }
}

/**
 * `case 'A': case 'B': body` → a region over the group where only A and B reach. A case's region runs
 * to the next `case` (or the switch's `}`), not to its last statement: the cursor typing a new line
 * there, and a last case still without a body (`case 'A':` then a half-typed line), are inside it.
 */
function caseRegions(node: Extract<Node, { type: 'SwitchStatement' }>, out: Collected): void {
  let group: string[] = [];
  let groupStart = -1;
  const switchEnd = Math.max((node.end ?? 1) - 1, 0);
  node.cases.forEach((c, i) => {
    const next = node.cases[i + 1];
    if (groupStart < 0) groupStart = c.start ?? 0;
    if (c.test === null || c.test === undefined) {
      group = [];
      groupStart = -1;
      return;
    }
    const t = unwrap(c.test);
    if (t.type === 'StringLiteral') group.push(t.value);
    if (c.consequent.length > 0 || !next) {
      if (group.length) out.regions.push({ start: groupStart, end: next?.start ?? switchEnd, sources: group });
      group = [];
      groupStart = -1;
    }
  });
}

/** Records the object literal (and nested ones) assigned to `path`. */
function objectSites(obj: Node, path: readonly PathKey[], out: Collected): void {
  if (obj.type !== 'ObjectExpression') return;
  out.objects.push({ ...span(obj), path });
  for (const p of obj.properties) {
    if (p.type !== 'ObjectProperty' || p.computed) continue;
    const key = p.key.type === 'Identifier' ? p.key.name : p.key.type === 'StringLiteral' ? p.key.value : undefined;
    if (key !== undefined) objectSites(unwrap(p.value as Node), [...path, key], out);
  }
}
