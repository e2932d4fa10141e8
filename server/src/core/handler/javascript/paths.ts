// Expression → event path (`event.request['userAttributes']` → ['request','userAttributes']) and known values.
import type { Node } from '@babel/types';
import { DYNAMIC_KEY, type KnownValue, type PathKey } from '../description';
import { span, unwrap, walk } from './walk';

/** Names bound to parts of the event at some point in the code: name → path from the event root. */
export type AliasTable = ReadonlyMap<string, readonly PathKey[]>;

/** A resolved member chain. */
export interface ResolvedPath {
  readonly path: PathKey[];
  readonly keyRanges: { start: number; end: number }[];
}


/** The key of a member access; `DYNAMIC_KEY` for a computed one (`x[name]`). */
export function memberKey(node: Node): { key: PathKey; start: number; end: number } | undefined {
  if (node.type !== 'MemberExpression' && node.type !== 'OptionalMemberExpression') return undefined;
  const p = node.property;
  if (!node.computed && p.type === 'Identifier') return { key: p.name, ...span(p) };
  if (p.type === 'StringLiteral') return { key: p.value, start: (p.start ?? 0) + 1, end: (p.end ?? 0) - 1 };
  if (p.type === 'NumericLiteral') return { key: p.value, ...span(p) };
  if (p.type === 'TemplateLiteral' && p.expressions.length === 0) return { key: p.quasis[0]?.value.cooked ?? '', ...span(p) };
  return node.computed ? { key: DYNAMIC_KEY, ...span(p) } : undefined;
}

/**
 * The event path of `node` when it is the event, an alias, or a static member chain on them;
 * undefined otherwise (including chains with a dynamic key).
 */
export function eventPath(node: Node, aliases: AliasTable): ResolvedPath | undefined {
  // Iterative (down the chain, then back up): a 10,000-step member chain must not overflow the stack.
  const keys: { key: PathKey; start: number; end: number }[] = [];
  let n = unwrap(node);
  while (n.type === 'MemberExpression' || n.type === 'OptionalMemberExpression') {
    const k = memberKey(n);
    if (!k) return undefined;
    keys.push(k);
    n = unwrap(n.object);
  }
  if (n.type !== 'Identifier') return undefined;
  const p = aliases.get(n.name);
  if (!p) return undefined;
  const id = n;
  const base: ResolvedPath = { path: [...p], keyRanges: p.map(() => ({ start: id.start ?? 0, end: id.end ?? 0 })) };
  for (let i = keys.length - 1; i >= 0; i--) {
    const k = keys[i] as { key: PathKey; start: number; end: number };
    base.path.push(k.key);
    base.keyRanges.push({ start: k.start, end: k.end });
  }
  return base;
}

/**
 * Local `const` names bound exactly once in a handler, to their initialiser: lets a message built in a
 * variable (`const msg = 'Code ' + event.request.codeParameter`) be checked where it is used.
 */
export type ConstTable = ReadonlyMap<string, Node>;

const NO_CONSTS: ConstTable = new Map();

/** What is statically known about an expression's value (type, literal, template parts, object keys). */
export function knownValue(node: Node, aliases: AliasTable, consts: ConstTable = NO_CONSTS): KnownValue {
  const n = unwrap(node);
  const s = span(n);
  switch (n.type) {
    case 'StringLiteral':
      return { type: 'string', literal: n.value, ...s };
    case 'NumericLiteral':
      return { type: 'number', literal: n.value, ...s };
    case 'BooleanLiteral':
      return { type: 'boolean', literal: n.value, ...s };
    case 'NullLiteral':
      return { type: 'null', literal: null, ...s };
    case 'TemplateLiteral':
    case 'BinaryExpression': {
      const t = templateParts(n, aliases, consts, 0);
      if (!t) return { ...s };
      return { type: 'string', ...(t.exprCount === 0 ? { literal: t.text } : {}), template: t, ...s };
    }
    case 'ArrayExpression': {
      // Indexes count every element (holes and non-strings too), so `elements[k].index` is the real position.
      const elements: { value: string; index: number; start: number; end: number }[] = [];
      n.elements.forEach((e, index) => {
        if (e?.type === 'StringLiteral') elements.push({ value: e.value, index, ...span(e) });
      });
      return { type: 'array', elements, ...s };
    }
    case 'ObjectExpression': {
      const properties: { key: string; start: number; end: number; value: KnownValue }[] = [];
      for (const p of n.properties) {
        if (p.type !== 'ObjectProperty' || p.computed) continue;
        const key = p.key.type === 'Identifier' ? p.key.name : p.key.type === 'StringLiteral' ? p.key.value : undefined;
        if (key === undefined) continue;
        properties.push({ key, ...span(p.key), value: knownValue(p.value, aliases, consts) });
      }
      return { type: 'object', properties, ...s };
    }
    case 'Identifier': {
      // A local const holding a string (`const msg = 'Code ' + …`): known text, but no literal, so no
      // fix rewrites the name as if it were the string.
      const init = consts.get(n.name);
      const p = init ? partOf(init, aliases, consts, 1) : undefined;
      if (!p?.stringy) return { ...s };
      return { type: 'string', template: { text: p.text, paths: p.paths, exprCount: p.exprCount + 1, complete: p.complete, unknown: p.unknown }, ...s };
    }
    case 'UnaryExpression':
      if (n.operator === '!') return { type: 'boolean', ...s };
      if (n.operator === 'typeof') return { type: 'string', ...s };
      if (n.operator === '-' && n.argument.type === 'NumericLiteral') return { type: 'number', literal: -n.argument.value, ...s };
      return { ...s };
    default:
      return { ...s };
  }
}

/** Text and event paths of a string-building expression; `complete: false` when some text is unknown. */
type Parts = { text: string; paths: PathKey[][]; exprCount: number; complete: boolean; unknown: string[][] };
type Part = Parts & { stringy: boolean };
// How many const names may be followed from one expression (also stops `const a = b; const b = a`).
const MAX_HOPS = 8;

/**
 * One part of a template or concatenation: an event path, a literal, a nested template or `+`, or a
 * local const resolved to one of those. Anything else (a call, a parameter) has unknown text.
 */
function partOf(e: Node, aliases: AliasTable, consts: ConstTable, hops: number): Part {
  const n = unwrap(e);
  const ep = eventPath(n, aliases);
  // An event value is not known text, but it is what the placeholder rules look for.
  if (ep) return { text: '', paths: [ep.path], exprCount: 1, complete: true, unknown: [], stringy: false };
  if (n.type === 'StringLiteral') return { text: n.value, paths: [], exprCount: 0, complete: true, unknown: [], stringy: true };
  if (n.type === 'NumericLiteral' || n.type === 'BooleanLiteral') return { text: String(n.value), paths: [], exprCount: 0, complete: true, unknown: [], stringy: false };
  const t = templateParts(n, aliases, consts, hops);
  if (t) return { ...t, stringy: true };
  const init = n.type === 'Identifier' ? consts.get(n.name) : undefined;
  if (init && hops < MAX_HOPS) {
    const r = partOf(init, aliases, consts, hops + 1);
    // Counted as an expression: the use is not a literal a fix could rewrite in place. The const's own
    // name also names what its value leaves unknown (`const body = render(x)`).
    const name = n.type === 'Identifier' ? n.name : '';
    return { ...r, exprCount: r.exprCount + 1, unknown: r.unknown.map((u) => [name, ...u]) };
  }
  return { text: '', paths: [], exprCount: 1, complete: false, unknown: [namesOf(n, aliases, 0)], stringy: false };
}

const MAX_NAME_DEPTH = 4;

/**
 * What names an expression whose text is unknown, for the placeholder rules: an identifier, a member's
 * key (`process.env.APP_NAME` → `APP_NAME`), a callee with its object (`tpl.replace(…)` → `replace`,
 * `tpl`), the sides of `??`/`||`/`?:` (a literal fallback as its text). `''` when nothing names it or it
 * is handed event data (`wrap(event.request.codeParameter)` may well return the code).
 */
function namesOf(node: Node, aliases: AliasTable, depth: number): string[] {
  const n = unwrap(node);
  if (depth > MAX_NAME_DEPTH) return [''];
  switch (n.type) {
    case 'Identifier':
      return [n.name];
    case 'StringLiteral':
      return [n.value];
    case 'AwaitExpression':
      return namesOf(n.argument, aliases, depth + 1);
    case 'MemberExpression':
    case 'OptionalMemberExpression': {
      const k = memberKey(n);
      return k && typeof k.key === 'string' ? [k.key] : namesOf(n.object, aliases, depth + 1);
    }
    case 'CallExpression':
    case 'OptionalCallExpression':
    case 'NewExpression': {
      if (n.arguments.some((a) => mentionsEvent(a as Node, aliases))) return [''];
      const c = unwrap(n.callee as Node);
      if (c.type === 'MemberExpression' || c.type === 'OptionalMemberExpression') {
        const k = memberKey(c);
        return [...(k && typeof k.key === 'string' ? [k.key] : []), ...namesOf(c.object, aliases, depth + 1)];
      }
      return namesOf(c, aliases, depth + 1);
    }
    case 'LogicalExpression':
      return [...namesOf(n.left, aliases, depth + 1), ...namesOf(n.right, aliases, depth + 1)];
    case 'ConditionalExpression':
      return [...namesOf(n.consequent, aliases, depth + 1), ...namesOf(n.alternate, aliases, depth + 1)];
    default:
      return [''];
  }
}

/** Whether an expression uses the event (or an alias of a part of it) anywhere inside. */
function mentionsEvent(node: Node, aliases: AliasTable): boolean {
  let found = false;
  walk(node, (x) => {
    if (found) return false;
    if (x.type === 'Identifier' && aliases.has(x.name)) found = true;
    return !found;
  });
  return found;
}

/** Static text and interpolated event paths of a template or a `+` concatenation with a string part. */
function templateParts(n: Node, aliases: AliasTable, consts: ConstTable, hops: number): Parts | undefined {
  if (n.type === 'TemplateLiteral') {
    const out: Parts = { text: '', paths: [], exprCount: n.expressions.length, complete: true, unknown: [] };
    n.quasis.forEach((q, i) => {
      out.text += q.value.cooked ?? q.value.raw;
      const e = n.expressions[i];
      if (!e) return;
      const p = partOf(e as Node, aliases, consts, hops);
      out.text += p.text;
      out.paths.push(...p.paths);
      out.unknown.push(...p.unknown);
      out.complete &&= p.complete;
    });
    return out;
  }
  if (n.type === 'BinaryExpression' && n.operator === '+') {
    const out: Parts = { text: '', paths: [], exprCount: 0, complete: true, unknown: [] };
    let stringy = false;
    for (const side of [n.left as Node, n.right]) {
      const p = partOf(side, aliases, consts, hops);
      out.text += p.text;
      out.paths.push(...p.paths);
      out.exprCount += p.exprCount;
      out.unknown.push(...p.unknown);
      out.complete &&= p.complete;
      // A string on either side makes `+` a concatenation; `a + b` alone may be a sum.
      stringy ||= p.stringy;
    }
    return stringy ? out : undefined;
  }
  return undefined;
}
