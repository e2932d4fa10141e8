// Expression → event path (`event.request['userAttributes']` → ['request','userAttributes']) and known values.
import type { Node } from '@babel/types';
import type { KnownValue, PathKey } from './types';
import { span, unwrap } from './walk';

/** Names bound to parts of the event at some point in the code: name → path from the event root. */
export type AliasTable = ReadonlyMap<string, readonly PathKey[]>;

/** A resolved member chain. */
export interface ResolvedPath {
  readonly path: PathKey[];
  readonly keyRanges: { start: number; end: number }[];
}

/**
 * Stands for a computed key (`session[i]`, `attrs[name]`): the model resolves a number to an array's
 * items and any key to a map's values, so -1 reaches both; checks treat it as unknown, never as a typo.
 */
export const DYNAMIC_KEY = -1;

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
  const n = unwrap(node);
  if (n.type === 'Identifier') {
    const p = aliases.get(n.name);
    return p ? { path: [...p], keyRanges: p.map(() => ({ start: n.start ?? 0, end: n.end ?? 0 })) } : undefined;
  }
  if (n.type === 'MemberExpression' || n.type === 'OptionalMemberExpression') {
    const k = memberKey(n);
    if (!k) return undefined;
    const base = eventPath(n.object, aliases);
    if (!base) return undefined;
    base.path.push(k.key);
    base.keyRanges.push({ start: k.start, end: k.end });
    return base;
  }
  return undefined;
}

/** What is statically known about an expression's value (type, literal, template parts, object keys). */
export function knownValue(node: Node, aliases: AliasTable): KnownValue {
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
      const t = templateParts(n, aliases);
      if (!t) return { ...s };
      return { type: 'string', ...(t.exprCount === 0 ? { literal: t.text } : {}), template: t, ...s };
    }
    case 'ArrayExpression': {
      const elements: { value: string; start: number; end: number }[] = [];
      for (const e of n.elements) if (e?.type === 'StringLiteral') elements.push({ value: e.value, ...span(e) });
      return { type: 'array', elements, ...s };
    }
    case 'ObjectExpression': {
      const properties: { key: string; start: number; end: number; value: KnownValue }[] = [];
      for (const p of n.properties) {
        if (p.type !== 'ObjectProperty' || p.computed) continue;
        const key = p.key.type === 'Identifier' ? p.key.name : p.key.type === 'StringLiteral' ? p.key.value : undefined;
        if (key === undefined) continue;
        properties.push({ key, ...span(p.key), value: knownValue(p.value, aliases) });
      }
      return { type: 'object', properties, ...s };
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

/** Static text and interpolated event paths of a template or a `+` concatenation with a string part. */
function templateParts(n: Node, aliases: AliasTable): { text: string; paths: PathKey[][]; exprCount: number } | undefined {
  if (n.type === 'TemplateLiteral') {
    let text = '';
    const paths: PathKey[][] = [];
    n.quasis.forEach((q, i) => {
      text += q.value.cooked ?? q.value.raw;
      const e = n.expressions[i];
      if (e) {
        const p = eventPath(e, aliases);
        if (p) paths.push(p.path);
        else {
          const inner = templateParts(unwrap(e), aliases);
          if (inner) {
            text += inner.text;
            paths.push(...inner.paths);
          }
        }
      }
    });
    return { text, paths, exprCount: n.expressions.length };
  }
  if (n.type === 'BinaryExpression' && n.operator === '+') {
    const parts = [unwrap(n.left), unwrap(n.right)];
    let text = '';
    let stringy = false;
    const paths: PathKey[][] = [];
    let exprCount = 0;
    for (const p of parts) {
      if (p.type === 'StringLiteral') {
        text += p.value;
        stringy = true;
        continue;
      }
      const inner = templateParts(p, aliases);
      if (inner) {
        text += inner.text;
        paths.push(...inner.paths);
        exprCount += inner.exprCount;
        stringy = true;
        continue;
      }
      exprCount++;
      const ep = eventPath(p, aliases);
      if (ep) paths.push(ep.path);
    }
    return stringy ? { text, paths, exprCount } : undefined;
  }
  return undefined;
}
