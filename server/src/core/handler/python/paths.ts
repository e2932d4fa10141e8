// Python expression → event path (`event["request"].get("userAttributes", {})["email"]`,
// `event.request.user_attributes` on a Powertools data class) and what is known about a value.
import { TRIGGERS } from '../../model';
import type { FieldDefinition } from '../../model/types';
import { DYNAMIC_KEY, MAX_EVENT_PATH, type KnownValue, type PathKey } from '../description';
import { kids, span, stringLiteral, unwrap, type Node } from './tree';

/**
 * How a name holding part of the event is read: `dict` by keys (`x["k"]`, `x.get("k")`), `object` by
 * Powertools data class properties (`x.user_attributes`), which are the snake_case of the keys, `model`
 * by Powertools parser (Pydantic) model attributes (`x.userAttributes`), which are the keys themselves.
 */
export type AccessStyle = 'dict' | 'object' | 'model';

/** How the members of a style are spelled, as the description records it (dict: no members). */
export function memberStyle(style: AccessStyle): 'snake_case' | 'camelCase' | undefined {
  return style === 'object' ? 'snake_case' : style === 'model' ? 'camelCase' : undefined;
}

/** A name bound to part of the event. */
export interface Bound {
  readonly path: readonly PathKey[];
  readonly style: AccessStyle;
}

/** Names bound to parts of the event at some point of the walk. */
export type AliasTable = ReadonlyMap<string, Bound>;

/** A resolved access chain. */
export interface ResolvedPath {
  readonly path: PathKey[];
  readonly keyRanges: { start: number; end: number }[];
  readonly style: AccessStyle;
  /** Some key was written as a member: a Powertools property (snake_case) or a model attribute (camelCase); fixes write the same. */
  readonly members?: 'snake_case' | 'camelCase';
}

// Members of Powertools' DictWrapper (utilities/data_classes/common.py) that are not event keys.
const DICT_WRAPPER = new Set(['raw_event', 'get', 'keys', 'items', 'values', 'get_header_value']);
// Pydantic BaseModel's own members (v2 `model_*`, and v1's that v2 keeps deprecated): not event keys.
const BASE_MODEL = /^(model_\w+|dict|json|copy|parse_obj|schema|construct)$/;

const norm = (s: string): string => s.toLowerCase().replace(/_/g, '');

// Powertools properties that are not the snake_case of their key (aws_lambda_powertools
// utilities/data_classes/cognito_user_pool_event.py).
const RENAMED: Record<string, string> = { claims_scope_override_details: 'claimsAndScopeOverrideDetails' };
const RENAMED_UNDER: Record<string, Record<string, string>> = {
  claimsOverrideDetails: { group_configuration: 'groupOverrideDetails' },
  claimsAndScopeOverrideDetails: { group_configuration: 'groupOverrideDetails' },
};

/** Child fields of `path` in any trigger (the union: the property name only has to be recognised). */
function childKeys(path: readonly PathKey[]): string[] {
  const out = new Set<string>();
  for (const t of TRIGGERS) {
    let f: FieldDefinition | undefined = t.event;
    for (const k of path) {
      if (!f) break;
      f = typeof k === 'number' ? f.items : (f.properties?.[k] ?? (typeof f.additionalProperties === 'object' ? f.additionalProperties : undefined));
    }
    for (const k of Object.keys(f?.properties ?? {})) out.add(k);
  }
  return [...out];
}

/** The event key a Powertools property stands for (`user_attributes` → `userAttributes`), camelCased when unknown. */
export function propertyKey(path: readonly PathKey[], name: string): { key: string; known: boolean } {
  const parent = path[path.length - 1];
  const renamed = (typeof parent === 'string' ? RENAMED_UNDER[parent]?.[name] : undefined) ?? RENAMED[name];
  if (renamed) return { key: renamed, known: true };
  const hit = childKeys(path).find((k) => norm(k) === norm(name));
  return hit ? { key: hit, known: true } : { key: name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase()), known: false };
}

/** `userAttributes` → `user_attributes`, for fixes and completion on Powertools objects. */
export function snakeCase(key: string): string {
  return key.replace(/([a-z0-9])([A-Z]+)/g, (_, a: string, b: string) => `${a}_${b.toLowerCase()}`).toLowerCase();
}

/** Whether the field at `path` is read as an object of `style` (data class, model) or as a dict (maps, lists of strings). */
function styleAt(path: readonly PathKey[], style: AccessStyle): AccessStyle {
  return childKeys(path).length ? style : 'dict';
}

/** The key of a subscript (`x["k"]`, `x[0]`, `x[name]`). */
export function subscriptKey(n: Node): { key: PathKey; start: number; end: number } {
  const subs = n.childrenForFieldName('subscript').filter((c): c is Node => c !== null);
  const only = subs.length === 1 ? subs[0] : undefined;
  const s = stringLiteral(only);
  if (s) return { key: s.value, start: s.start, end: s.end };
  if (only?.type === 'integer' && /^\d+$/.test(only.text)) return { key: Number(only.text), ...span(only) };
  return { key: DYNAMIC_KEY, ...span(only ?? n) };
}

/**
 * `x.get("k")`, `x.get("k", {})`, `x.setdefault("k", {})` (real handlers write
 * `response = event.setdefault("response", {})`): the key, when `call` is such a call.
 */
function getKey(call: Node): { object: Node; key: PathKey; start: number; end: number } | undefined {
  const fn = call.childForFieldName('function');
  const method = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : undefined;
  if (!fn || (method !== 'get' && method !== 'setdefault')) return undefined;
  const object = fn.childForFieldName('object');
  const first = kids(call.childForFieldName('arguments') ?? call)[0];
  if (!object || !first || first.type === 'keyword_argument') return undefined;
  const s = stringLiteral(first);
  return s ? { object, key: s.value, start: s.start, end: s.end } : { object, key: DYNAMIC_KEY, ...span(first) };
}

/**
 * The event path of `node`: the event, an alias, or a static chain of keys, `.get` calls and properties on them.
 * Iterative (down to the name, then the keys outward): a chain of 10,000 keys must not overflow the stack.
 */
export function eventPath(node: Node, aliases: AliasTable): ResolvedPath | undefined {
  const steps: Node[] = [];
  let n = unwrap(node);
  while (n.type !== 'identifier') {
    let inner: Node | null | undefined;
    if (n.type === 'subscript') inner = n.childForFieldName('value');
    else if (n.type === 'call') inner = getKey(n)?.object;
    else if (n.type === 'attribute') inner = n.childForFieldName('attribute') ? n.childForFieldName('object') : undefined;
    if (!inner) return undefined;
    steps.push(n);
    // Longer than any Cognito event path: not resolved here, so each node of a 30,000-key chain costs
    // at most this many steps (the chain's inner nodes resolve, to the same capped path), not the whole chain.
    if (steps.length > MAX_EVENT_PATH) return undefined;
    n = unwrap(inner);
  }
  const b = aliases.get(n.text);
  if (!b) return undefined;
  const name = n;
  let base: ResolvedPath = { path: [...b.path], keyRanges: b.path.map(() => span(name)), style: b.style };
  for (let i = steps.length - 1; i >= 0; i--) {
    const step = steps[i] as Node;
    if (step.type === 'subscript') {
      const k = subscriptKey(step);
      base.path.push(k.key);
      base.keyRanges.push({ start: k.start, end: k.end });
      base = { ...base, style: 'dict' };
    } else if (step.type === 'call') {
      const g = getKey(step) as NonNullable<ReturnType<typeof getKey>>;
      base.path.push(g.key);
      base.keyRanges.push({ start: g.start, end: g.end });
      base = { ...base, style: 'dict' };
    } else {
      const attr = step.childForFieldName('attribute') as Node;
      // On a dict an attribute is a method (`.items()`, `.lower()`), not a key: the chain ends before it;
      // so do the data class's and the model's own members (`raw_event`, `model_dump`).
      if (base.style === 'dict') return undefined;
      if (base.style === 'object' ? DICT_WRAPPER.has(attr.text) : BASE_MODEL.test(attr.text)) return undefined;
      // A model's attributes are the event's keys as they are spelled.
      const key = base.style === 'object' ? propertyKey(base.path, attr.text).key : attr.text;
      base.path.push(key);
      base.keyRanges.push(span(attr));
      base = { path: base.path, keyRanges: base.keyRanges, style: styleAt(base.path, base.style), members: memberStyle(base.style) };
    }
  }
  return base;
}

/** Names assigned exactly once in the handler, to their value: a message built in a variable is checked where used. */
export type ConstTable = ReadonlyMap<string, Node>;

const NO_CONSTS: ConstTable = new Map();
const MAX_HOPS = 8;

/** Text and event paths of a string being built; `unknown` names each part whose text is unknown (description.ts). */
type Parts = { text: string; paths: PathKey[][]; exprCount: number; complete: boolean; unknown: string[][] };
type Part = Parts & { stringy: boolean };

/** What is statically known about a value: type, literal, f-string parts, list elements, dict keys. */
export function knownValue(node: Node, aliases: AliasTable, consts: ConstTable = NO_CONSTS): KnownValue {
  const n = unwrap(node);
  const s = span(n);
  switch (n.type) {
    case 'string':
    case 'concatenated_string':
    case 'binary_operator': {
      const lit = stringLiteral(n);
      if (lit) return { type: 'string', literal: lit.value, ...s };
      const t = templateParts(n, aliases, consts, 0);
      if (!t) return n.type === 'binary_operator' ? { ...s } : { type: 'string', ...s };
      return { type: 'string', ...(t.exprCount === 0 ? { literal: t.text } : {}), template: t, ...s };
    }
    case 'integer':
    case 'float': {
      const v = Number(n.text.replace(/_/g, ''));
      return { type: 'number', ...(Number.isFinite(v) ? { literal: v } : {}), ...s };
    }
    case 'true':
      return { type: 'boolean', literal: true, ...s };
    case 'false':
      return { type: 'boolean', literal: false, ...s };
    case 'none':
      return { type: 'null', literal: null, ...s };
    case 'list':
    case 'tuple': {
      const elements: { value: string; index: number; start: number; end: number }[] = [];
      kids(n).forEach((e, index) => {
        const v = stringLiteral(e);
        if (v) elements.push({ value: v.value, index, ...span(e) });
      });
      return { type: 'array', elements, ...s };
    }
    case 'dictionary': {
      const properties: { key: string; start: number; end: number; value: KnownValue }[] = [];
      for (const p of kids(n)) {
        if (p.type !== 'pair') continue;
        const k = stringLiteral(p.childForFieldName('key'));
        const v = p.childForFieldName('value');
        if (k && v) properties.push({ key: k.value, start: k.start, end: k.end, value: knownValue(v, aliases, consts) });
      }
      return { type: 'object', properties, ...s };
    }
    case 'not_operator':
    case 'comparison_operator':
      return { type: 'boolean', ...s };
    case 'unary_operator': {
      const arg = n.childForFieldName('argument');
      if (n.child(0)?.type === '-' && arg && (arg.type === 'integer' || arg.type === 'float')) return { type: 'number', literal: -Number(arg.text.replace(/_/g, '')), ...s };
      return { ...s };
    }
    case 'identifier': {
      const init = consts.get(n.text);
      const p = init ? partOf(init, aliases, consts, 1) : undefined;
      if (!p?.stringy) return { ...s };
      return { type: 'string', template: { text: p.text, paths: p.paths, exprCount: p.exprCount + 1, complete: p.complete, unknown: p.unknown.map((u) => [n.text, ...u]) }, ...s };
    }
    case 'call': {
      // `str(x)`, `bool(x)`, `int(x)`: the builtins' result types.
      const fn = n.childForFieldName('function')?.text;
      if (fn === 'str') return { type: 'string', ...s };
      if (fn === 'bool') return { type: 'boolean', ...s };
      if (fn === 'int' || fn === 'float' || fn === 'len') return { type: 'number', ...s };
      const t = templateParts(n, aliases, consts, 0);
      return t ? { type: 'string', template: t, ...s } : { ...s };
    }
    default:
      return { ...s };
  }
}

/** One part of a string being built: an event value, a literal, a nested f-string/concatenation, a const. */
function partOf(e: Node, aliases: AliasTable, consts: ConstTable, hops: number): Part {
  const n = unwrap(e);
  const ep = eventPath(n, aliases);
  if (ep) return { text: '', paths: [ep.path], exprCount: 1, complete: true, unknown: [], stringy: false };
  const lit = stringLiteral(n);
  if (lit) return { text: lit.value, paths: [], exprCount: 0, complete: true, unknown: [], stringy: true };
  if (n.type === 'integer' || n.type === 'float') return { text: n.text, paths: [], exprCount: 0, complete: true, unknown: [], stringy: false };
  const t = templateParts(n, aliases, consts, hops);
  if (t) return { ...t, stringy: true };
  const init = n.type === 'identifier' ? consts.get(n.text) : undefined;
  if (init && hops < MAX_HOPS) {
    const r = partOf(init, aliases, consts, hops + 1);
    // The name also names what its value leaves unknown (`body = render(x)`).
    return { ...r, exprCount: r.exprCount + 1, unknown: r.unknown.map((u) => [n.text, ...u]) };
  }
  return { text: '', paths: [], exprCount: 1, complete: false, unknown: [namesOf(n, aliases, 0)], stringy: false };
}

const MAX_NAME_DEPTH = 4;

/** The string literals among a call's arguments (keys and fallbacks: `os.environ.get("APP_NAME", "Example")`). */
function literalArgs(call: Node): string[] | undefined {
  const args = kids(call.childForFieldName('arguments') ?? call).filter((a) => a.type !== 'comment');
  const values = args.map((a) => stringLiteral(a)?.value);
  return args.length && values.every((v): v is string => v !== undefined) ? values : undefined;
}

/**
 * What names an expression whose text is unknown, for the placeholder rules (as the JavaScript front
 * end: description.ts `template.unknown`): a name, an attribute (`settings.APP_NAME` → `APP_NAME`), a
 * string key (`os.environ["APP_NAME"]`), a lookup's literal key and fallback (`os.environ.get("APP_NAME",
 * "Example")`, `os.getenv(…)`), a method with its object (`tpl.replace(…)` → `replace`, `tpl`), both sides
 * of `or` and of `… if … else …`. `''` when nothing names it or it is handed event data.
 */
function namesOf(node: Node, aliases: AliasTable, depth: number): string[] {
  const n = unwrap(node);
  if (depth > MAX_NAME_DEPTH) return [''];
  switch (n.type) {
    case 'identifier':
      return [n.text];
    case 'string': {
      const lit = stringLiteral(n);
      return [lit ? lit.value : ''];
    }
    case 'await':
      return namesOf(kids(n)[0] ?? n, aliases, depth + 1);
    case 'attribute':
      return [n.childForFieldName('attribute')?.text ?? ''];
    case 'subscript': {
      const subs = n.childrenForFieldName('subscript');
      const key = subs.length === 1 ? stringLiteral(subs[0]) : undefined;
      return key ? [key.value] : namesOf(n.childForFieldName('value') ?? n, aliases, depth + 1);
    }
    case 'call': {
      if (kids(n.childForFieldName('arguments') ?? n).some((a) => mentionsEvent(a, aliases))) return [''];
      const callee = unwrap(n.childForFieldName('function') ?? n);
      const method = callee.type === 'attribute' ? (callee.childForFieldName('attribute')?.text ?? '') : callee.type === 'identifier' ? callee.text : '';
      const literals = /^(get|getenv)$/.test(method) ? literalArgs(n) : undefined;
      if (literals) return literals;
      if (callee.type === 'attribute') return [method, ...namesOf(callee.childForFieldName('object') ?? callee, aliases, depth + 1)];
      return namesOf(callee, aliases, depth + 1);
    }
    case 'boolean_operator':
      return [...namesOf(n.childForFieldName('left') ?? n, aliases, depth + 1), ...namesOf(n.childForFieldName('right') ?? n, aliases, depth + 1)];
    case 'conditional_expression': {
      // `a if cond else b`: the first and last children are the values.
      const parts = kids(n);
      return [...namesOf(parts[0] ?? n, aliases, depth + 1), ...namesOf(parts[2] ?? n, aliases, depth + 1)];
    }
    default:
      return [''];
  }
}

/** Whether an expression uses the event (or an alias of a part of it) anywhere inside. */
function mentionsEvent(node: Node, aliases: AliasTable): boolean {
  const stack = [node];
  while (stack.length) {
    const x = stack.pop() as Node;
    if (x.type === 'identifier' && aliases.has(x.text)) return true;
    stack.push(...x.namedChildren);
  }
  return false;
}

/** Static text and event paths of an f-string, `+` / implicit concatenation, `"…".format(…)` or `"…" % (…)`. */
function templateParts(n: Node, aliases: AliasTable, consts: ConstTable, hops: number): Parts | undefined {
  const join = (parts: Part[]): Parts => ({
    text: parts.map((p) => p.text).join(''),
    paths: parts.flatMap((p) => p.paths),
    exprCount: parts.reduce((a, p) => a + p.exprCount, 0),
    complete: parts.every((p) => p.complete),
    unknown: parts.flatMap((p) => p.unknown),
  });
  if (n.type === 'string') {
    const out: Part[] = [];
    for (const c of kids(n)) {
      if (c.type === 'string_content') out.push({ text: c.text, paths: [], exprCount: 0, complete: true, unknown: [], stringy: true });
      else if (c.type === 'escape_sequence') out.push({ text: ESC[c.text.slice(1)] ?? c.text, paths: [], exprCount: 0, complete: true, unknown: [], stringy: true });
      else if (c.type === 'interpolation') {
        const expr = c.childForFieldName('expression') ?? kids(c)[0];
        out.push(expr ? partOf(expr, aliases, consts, hops) : { text: '', paths: [], exprCount: 1, complete: false, unknown: [['']], stringy: false });
      }
    }
    return join(out);
  }
  if (n.type === 'concatenated_string') return join(kids(n).map((c) => partOf(c, aliases, consts, hops)));
  if (n.type === 'binary_operator') {
    const op = n.childForFieldName('operator')?.type;
    const left = n.childForFieldName('left');
    const right = n.childForFieldName('right');
    if (!left || !right) return undefined;
    if (op === '+') {
      const parts = [partOf(left, aliases, consts, hops), partOf(right, aliases, consts, hops)];
      return parts.some((p) => p.stringy) ? join(parts) : undefined;
    }
    // `"Code %s" % code`: the format's text plus the arguments' event paths.
    const fmt = stringLiteral(unwrap(left));
    if (op === '%' && fmt) {
      const r = unwrap(right);
      const args = r.type === 'tuple' ? kids(r) : [r];
      return join([{ text: fmt.value, paths: [], exprCount: 0, complete: true, unknown: [], stringy: true }, ...args.map((a) => partOf(a, aliases, consts, hops))]);
    }
    return undefined;
  }
  if (n.type === 'call') {
    // `"Code {}".format(code)`, `"Code {code}".format(code=…)`.
    const fn = n.childForFieldName('function');
    const fmt = fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'format' ? stringLiteral(unwrap(fn.childForFieldName('object') ?? fn)) : undefined;
    if (!fmt) return undefined;
    const args = kids(n.childForFieldName('arguments') ?? n).map((a) => (a.type === 'keyword_argument' ? (a.childForFieldName('value') ?? a) : a));
    return join([{ text: fmt.value, paths: [], exprCount: 0, complete: true, unknown: [], stringy: true }, ...args.map((a) => partOf(a, aliases, consts, hops))]);
  }
  return undefined;
}

const ESC: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"' };
