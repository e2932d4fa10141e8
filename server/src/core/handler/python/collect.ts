// Walks one Python handler: aliases of the event, every use of it, triggerSource branches (if/elif/match).
import { TRIGGERS } from '../../model';
import { DYNAMIC_KEY, type Alias, type EventRef, type NarrowedRegion, type ObjectSite, type PathKey, type SwitchSite } from '../description';
import { eventPath, knownValue, memberStyle, type AccessStyle, type Bound, type ConstTable, type ResolvedPath } from './paths';
import { blockEnd, isScope, kids, span, stringLiteral, unwrap, walk, type Node } from './tree';
import type { LocalTypes } from './types';

/** What one handler's walk collects. */
export interface Collected {
  refs: EventRef[];
  aliases: Alias[];
  regions: NarrowedRegion[];
  objects: ObjectSite[];
  switches: SwitchSite[];
}

const isSourceKey = (p: readonly PathKey[]): boolean => p.length === 1 && (p[0] === 'triggerSource' || p[0] === 'eventType');
const ALL_SOURCES = [...new Set(TRIGGERS.flatMap((t) => t.sources.map((s) => s.value)))];

/** The single comparison operator of `a == b` (chains such as `a < b < c` are not tests of one value). */
function comparison(n: Node): { op: string; left: Node; right: Node } | undefined {
  if (n.type !== 'comparison_operator') return undefined;
  const operands = kids(n);
  const ops = n.childrenForFieldName('operators').filter((c): c is Node => c !== null);
  if (operands.length !== 2 || ops.length !== 1) return undefined;
  return { op: (ops[0] as Node).text.replace(/\s+/g, ' '), left: operands[0] as Node, right: operands[1] as Node };
}

/** String values of a tuple, list or set of string literals. */
function stringSet(n: Node): string[] | undefined {
  const v = unwrap(n);
  if (v.type !== 'tuple' && v.type !== 'list' && v.type !== 'set') return undefined;
  const values = kids(v).map((e) => stringLiteral(e)?.value);
  return values.every((x): x is string => x !== undefined) ? values : undefined;
}

/**
 * The triggerSource values that reach where `test` holds (`negated`: where it does not): `==`, `!=`,
 * `in (…)`, `not in`, `.startswith()`/`.endswith()`, joined by `or`/`and`/`not`.
 */
function sourcesTested(test: Node, aliases: ReadonlyMap<string, Bound>, negated: boolean): string[] | undefined {
  const t = unwrap(test);
  if (t.type === 'not_operator') {
    const arg = t.childForFieldName('argument');
    return arg ? sourcesTested(arg, aliases, !negated) : undefined;
  }
  if (t.type === 'boolean_operator') {
    const op = t.childForFieldName('operator')?.type;
    const l = t.childForFieldName('left');
    const r = t.childForFieldName('right');
    if (!l || !r) return undefined;
    const a = sourcesTested(l, aliases, negated);
    const b = sourcesTested(r, aliases, negated);
    if (op === (negated ? 'and' : 'or')) return a && b ? [...a, ...b] : undefined;
    return a && b ? a.filter((x) => b.includes(x)) : (a ?? b);
  }
  if (t.type === 'call') {
    if (negated) return undefined;
    const fn = t.childForFieldName('function');
    const method = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : undefined;
    const on = fn?.childForFieldName('object');
    const args = kids(t.childForFieldName('arguments') ?? t);
    const p = on ? eventPath(on, aliases) : undefined;
    if ((method !== 'startswith' && method !== 'endswith') || !p || !isSourceKey(p.path) || args.length !== 1) return undefined;
    const arg = args[0] as Node;
    const prefixes = stringLiteral(arg) ? [stringLiteral(arg)?.value ?? ''] : stringSet(arg);
    if (!prefixes) return undefined;
    const matching = ALL_SOURCES.filter((v) => prefixes.some((x) => (method === 'startswith' ? v.startsWith(x) : v.endsWith(x))));
    return matching.length ? matching : undefined;
  }
  const c = comparison(t);
  if (!c) return undefined;
  if (c.op === 'in' || c.op === 'not in') {
    if ((c.op === 'not in') !== negated) return undefined;
    const p = eventPath(c.left, aliases);
    const values = stringSet(c.right);
    return p && isSourceKey(p.path) && values ? values : undefined;
  }
  if (c.op !== '==' && c.op !== '!=') return undefined;
  if ((c.op === '!=') !== negated) return undefined;
  for (const [x, y] of [[c.left, c.right], [c.right, c.left]] as const) {
    const p = eventPath(x, aliases);
    const v = stringLiteral(unwrap(y));
    if (p && isSourceKey(p.path) && v) return [v.value];
  }
  return undefined;
}

/** Names bound by an assignment target, a `for` target, a parameter. */
function targetNames(n: Node | null | undefined, out: string[]): string[] {
  if (!n) return out;
  if (n.type === 'identifier') out.push(n.text);
  else if (n.type === 'pattern_list' || n.type === 'tuple_pattern' || n.type === 'list_pattern' || n.type === 'tuple' || n.type === 'list') for (const c of kids(n)) targetNames(c, out);
  return out;
}

/** Names assigned exactly once in the function (and not parameters or loop variables): their value is known. */
function localConsts(fn: Node): ConstTable {
  const count = new Map<string, number>();
  const consts = new Map<string, Node>();
  const bump = (names: string[]): void => names.forEach((n) => count.set(n, (count.get(n) ?? 0) + 1));
  const params = fn.childForFieldName('parameters');
  for (const p of params ? kids(params) : []) bump([p.type === 'identifier' ? p.text : (p.childForFieldName('name')?.text ?? kids(p)[0]?.text ?? '')]);
  const body = fn.childForFieldName('body');
  if (body) {
    walk(body, (n) => {
      if (n.type === 'assignment') {
        const left = n.childForFieldName('left');
        const right = n.childForFieldName('right');
        bump(targetNames(left, []));
        if (left?.type === 'identifier' && right) consts.set(left.text, right);
      } else if (n.type === 'augmented_assignment') {
        // `msg += …` changes the name after its assignment: never a known value.
        for (const name of targetNames(n.childForFieldName('left'), [])) count.set(name, Infinity);
      }
      else if (n.type === 'for_statement' || n.type === 'for_in_clause') bump(targetNames(n.childForFieldName('left'), []));
      else if (n.type === 'function_definition' || n.type === 'class_definition') bump([n.childForFieldName('name')?.text ?? '']);
      return undefined;
    });
  }
  for (const name of [...consts.keys()]) if (count.get(name) !== 1) consts.delete(name);
  return consts;
}

/** The Powertools data class a call constructs from the event (`PreSignUpTriggerEvent(event)`), if any. */
export function dataClassCall(n: Node, aliases: ReadonlyMap<string, Bound>): { typeName: string; path: PathKey[] } | undefined {
  if (n.type !== 'call') return undefined;
  const fn = n.childForFieldName('function');
  const name = fn?.type === 'identifier' ? fn.text : fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : undefined;
  const args = kids(n.childForFieldName('arguments') ?? n);
  if (!name || !/TriggerEvent$/.test(name) || args.length !== 1) return undefined;
  const p = eventPath(args[0] as Node, aliases);
  return p ? { typeName: name, path: p.path } : undefined;
}

/**
 * The Powertools parser model a call parses the event with, if any: `parse(event=event, model=X)`,
 * `parse(event, model=X)` (Powertools), `X.model_validate(event)`, `X.parse_obj(event)`, `X(**event)` (Pydantic).
 */
export function parserModelCall(n: Node, aliases: ReadonlyMap<string, Bound>, types: LocalTypes): { typeName: string; path: PathKey[] } | undefined {
  if (n.type !== 'call') return undefined;
  const fn = n.childForFieldName('function');
  const args = kids(n.childForFieldName('arguments') ?? n);
  const keyword = (k: string): Node | undefined => args.find((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === k)?.childForFieldName('value') ?? undefined;
  const nameOf = (x: Node | null | undefined): string | undefined => (x?.type === 'identifier' ? x.text : x?.type === 'attribute' ? x.childForFieldName('attribute')?.text : undefined);
  let model: string | undefined;
  let from: Node | undefined;
  if (nameOf(fn) === 'parse') {
    model = nameOf(keyword('model'));
    from = keyword('event') ?? (args[0]?.type === 'keyword_argument' ? undefined : args[0]);
  } else if (fn?.type === 'attribute' && /^(model_validate|parse_obj)$/.test(fn.childForFieldName('attribute')?.text ?? '')) {
    model = nameOf(fn.childForFieldName('object'));
    from = args[0];
  } else if (args.length === 1 && args[0]?.type === 'dictionary_splat') {
    model = nameOf(fn);
    from = kids(args[0])[0];
  }
  const typeName = model ? types.parserModel(model) : undefined;
  const p = typeName && from ? eventPath(from, aliases) : undefined;
  return typeName && p ? { typeName, path: p.path } : undefined;
}

/**
 * Walks handler `fn` (number `handler`, ending at `fnEnd`); the event is its first parameter, read as `eventStyle`.
 * `typeNames` receives the Powertools data classes and parser models built from the event inside the body.
 */
export function collectHandler(fn: Node, fnEnd: number, handler: number, eventParam: string | undefined, eventStyle: AccessStyle, out: Collected, typeNames: string[], text: string, types: LocalTypes): void {
  const aliases = new Map<string, Bound>();
  const consts = localConsts(fn);
  const bind = (name: string, b: Bound, at: number): void => {
    aliases.set(name, b);
    const keyStyle = memberStyle(b.style);
    out.aliases.push({ name, path: b.path, start: at, scopeEnd: fnEnd, ...(keyStyle ? { keyStyle } : {}) });
  };
  if (eventParam) bind(eventParam, { path: [], style: eventStyle }, fn.startIndex);
  const body = fn.childForFieldName('body');
  if (!body) return;

  const record = (node: Node, p: ResolvedPath, kind: EventRef['kind'], valueNode?: Node): void => {
    const value = valueNode ? knownValue(valueNode, aliases, consts) : undefined;
    out.refs.push({ path: p.path, keyRanges: p.keyRanges, kind, handler, ...span(node), ...(value ? { value } : {}), ...(p.members ? { keyStyle: p.members } : {}) });
  };

  walk(body, (node, parent) => {
    if (isScope(node)) return false;
    switch (node.type) {
      case 'assignment': {
        const left = node.childForFieldName('left');
        const right = node.childForFieldName('right');
        if (!left || !right) return undefined;
        const r = unwrap(right);
        // `req = event["request"]`, `ev = PreSignUpTriggerEvent(event)`: the name stands for that part.
        if (left.type === 'identifier') {
          const dc = dataClassCall(r, aliases);
          const pm = dc ? undefined : parserModelCall(r, aliases, types);
          const p = dc || pm ? undefined : eventPath(r, aliases);
          if (dc || pm) {
            const built = (dc ?? pm) as { typeName: string; path: PathKey[] };
            typeNames.push(built.typeName);
            bind(left.text, { path: built.path, style: dc ? 'object' : 'model' }, node.startIndex);
            return false;
          }
          if (p) bind(left.text, { path: p.path, style: p.style }, node.startIndex);
          else if (aliases.has(left.text)) aliases.delete(left.text);
          return undefined;
        }
        const p = eventPath(left, aliases);
        if (!p) return undefined;
        record(left, p, 'write', right);
        if (r.type === 'dictionary' || r.type === 'set') objectSites(r, p.path, out);
        walk(right, visitReads);
        return false;
      }
      case 'augmented_assignment': {
        const left = node.childForFieldName('left');
        const p = left ? eventPath(left, aliases) : undefined;
        if (!p || !left) return undefined;
        record(left, p, 'write');
        const right = node.childForFieldName('right');
        if (right) walk(right, visitReads);
        return false;
      }
      case 'delete_statement': {
        for (const target of kids(node).flatMap((c) => (c.type === 'expression_list' ? kids(c) : [c]))) {
          const p = eventPath(target, aliases);
          if (p) record(target, p, 'write');
        }
        return false;
      }
      case 'for_statement': {
        const left = node.childForFieldName('left');
        const right = node.childForFieldName('right');
        const p = right ? eventPath(right, aliases) : undefined;
        if (p && left?.type === 'identifier') bind(left.text, { path: [...p.path, DYNAMIC_KEY], style: p.style }, node.startIndex);
        return undefined;
      }
      case 'if_statement':
        ifRegions(node);
        return undefined;
      case 'match_statement': {
        const subject = node.childForFieldName('subject');
        const p = subject ? eventPath(subject, aliases) : undefined;
        if (p) {
          out.switches.push({ start: node.startIndex, end: blockEnd(text, node), path: p.path });
          if (isSourceKey(p.path)) caseRegions(node);
        }
        return undefined;
      }
      case 'call': {
        // `event["response"].update({...})` and `.update(key=value)`: a write of each key.
        const fn2 = node.childForFieldName('function');
        if (fn2?.type === 'attribute' && fn2.childForFieldName('attribute')?.text === 'update') {
          const on = fn2.childForFieldName('object');
          const p = on ? eventPath(on, aliases) : undefined;
          if (p) {
            for (const arg of kids(node.childForFieldName('arguments') ?? node)) {
              if (arg.type === 'dictionary') {
                objectSites(arg, p.path, out);
                for (const pair of kids(arg)) {
                  const k = stringLiteral(pair.childForFieldName('key'));
                  const v = pair.childForFieldName('value');
                  if (pair.type !== 'pair' || !k || !v) continue;
                  out.refs.push({ path: [...p.path, k.value], keyRanges: [...p.keyRanges, { start: k.start, end: k.end }], kind: 'write', handler, start: k.start, end: k.end, value: knownValue(v, aliases, consts) });
                  walk(v, visitReads);
                }
              } else if (arg.type === 'keyword_argument') {
                const name = arg.childForFieldName('name');
                const v = arg.childForFieldName('value');
                if (!name || !v) continue;
                out.refs.push({ path: [...p.path, name.text], keyRanges: [...p.keyRanges, span(name)], kind: 'write', handler, ...span(name), value: knownValue(v, aliases, consts) });
                walk(v, visitReads);
              }
            }
            return false;
          }
        }
        return visitReads(node, parent);
      }
      default:
        return visitReads(node, parent);
    }
  });

  /** A read or comparison of the event: the outermost chain that resolves is the use. */
  function visitReads(node: Node, parent: Node | undefined): boolean | undefined {
    if (isScope(node)) return false;
    if (node.type !== 'subscript' && node.type !== 'attribute' && node.type !== 'call' && node.type !== 'identifier') return undefined;
    const p = eventPath(node, aliases);
    if (!p) return undefined;
    const cmp = parent ? comparison(parent) : undefined;
    const compared = cmp && (cmp.op === '==' || cmp.op === '!=') ? (cmp.left.equals(node) ? cmp.right : cmp.left) : undefined;
    // A bare alias (`source == "X"`) is a use only when compared; `event` alone (`return event`) is none.
    if (node.type === 'identifier') {
      if (compared && p.path.length) record(node, p, 'compare', compared);
      return false;
    }
    if (compared) record(node, p, 'compare', compared);
    else record(node, p, 'read');
    // The keys and defaults of `.get("k", {})` are literals; nothing else below is an event use.
    return false;
  }

  function ifRegions(node: Node): void {
    const clauses: { test: Node; body: Node }[] = [];
    const cond = node.childForFieldName('condition');
    const cons = node.childForFieldName('consequence');
    if (cond && cons) clauses.push({ test: cond, body: cons });
    const alternatives = node.childrenForFieldName('alternative').filter((c): c is Node => c !== null);
    for (const alt of alternatives) {
      const c = alt.childForFieldName('condition');
      const b = alt.childForFieldName('consequence');
      if (alt.type === 'elif_clause' && c && b) clauses.push({ test: c, body: b });
    }
    const end = blockEnd(text, node);
    clauses.forEach((cl, i) => {
      const yes = sourcesTested(cl.test, aliases, false);
      if (yes) out.regions.push({ start: cl.body.startIndex, end: blockEnd(text, cl.body), sources: yes });
      const no = sourcesTested(cl.test, aliases, true);
      const next = alternatives[i];
      if (no && next) out.regions.push({ start: next.startIndex, end, sources: no });
    });
  }

  function caseRegions(match: Node): void {
    const block = match.childForFieldName('body');
    const cases = (block ? kids(block) : []).filter((c) => c.type === 'case_clause');
    cases.forEach((c, i) => {
      const values: string[] = [];
      for (const pat of kids(c).filter((k) => k.type === 'case_pattern')) {
        const inner = kids(pat)[0];
        const alts = inner?.type === 'union_pattern' ? kids(inner) : inner ? [inner] : [];
        for (const a of alts) {
          const s = stringLiteral(a.type === 'case_pattern' ? kids(a)[0] : a);
          if (s) values.push(s.value);
        }
      }
      const next = cases[i + 1];
      if (values.length) out.regions.push({ start: c.startIndex, end: next ? next.startIndex - 1 : blockEnd(text, match), sources: values });
    });
  }
}

/**
 * Records the dict literal (and nested ones) assigned to `path`, so keys typed in it can be completed.
 * A `{"clai"}` being typed is a set to the parser: it is recorded too (it has no pairs to descend into).
 */
function objectSites(dict: Node, path: readonly PathKey[], out: Collected): void {
  out.objects.push({ ...span(dict), path });
  if (dict.type !== 'dictionary') return;
  for (const pair of kids(dict)) {
    const k = stringLiteral(pair.childForFieldName('key'));
    const v = pair.childForFieldName('value');
    const inner = v ? unwrap(v) : undefined;
    if (pair.type === 'pair' && k && inner && (inner.type === 'dictionary' || inner.type === 'set')) objectSites(inner, [...path, k.value], out);
  }
}
