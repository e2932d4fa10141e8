// Type hints a Python module defines itself: a `TypedDict` whose `triggerSource` is a `Literal` of
// trigger sources types the event as that trigger's; a class derived from a Powertools parser model
// (`class SignUp(CognitoPreSignupTriggerModel)`) is that model. Also the `@event_parser` decorator.
import { findSource } from '../../model';
import { PYTHON_PARSER_MODELS } from '../../model/pythonParserModels';
import { kids, stringLiteral, walk, type Node } from './tree';

/** A class defined at module level: its base names and, for a TypedDict, the `triggerSource` literals. */
interface LocalClass {
  readonly bases: readonly string[];
  /** The annotation of a `triggerSource` field, when the body declares one. */
  readonly triggerSource?: Node;
}

/** What the module's own definitions say about a hint name. */
export interface LocalTypes {
  /** The Powertools parser model a class derives from (itself when it is one), or undefined. */
  parserModel(name: string): string | undefined;
  /** The triggers a TypedDict's `triggerSource: Literal[…]` names (one trigger, or the pre token family), else undefined. */
  typedDictTriggers(name: string): string[] | undefined;
}

const lastName = (n: Node): string => (n.type === 'attribute' ? (n.childForFieldName('attribute')?.text ?? '') : n.text);

/** Module-level classes and `Name = <type>` aliases. */
function scan(root: Node): { classes: Map<string, LocalClass>; aliases: Map<string, Node> } {
  const classes = new Map<string, LocalClass>();
  const aliases = new Map<string, Node>();
  for (const st of kids(root)) {
    const def = st.type === 'decorated_definition' ? st.childForFieldName('definition') : st;
    if (def?.type === 'class_definition') {
      const name = def.childForFieldName('name')?.text;
      if (!name) continue;
      const bases = kids(def.childForFieldName('superclasses') ?? def).filter((b) => b.type === 'identifier' || b.type === 'attribute').map(lastName);
      let triggerSource: Node | undefined;
      for (const line of kids(def.childForFieldName('body') ?? def)) {
        const a = line.type === 'expression_statement' ? kids(line)[0] : undefined;
        if (a?.type === 'assignment' && a.childForFieldName('left')?.text === 'triggerSource') triggerSource = a.childForFieldName('type') ?? undefined;
      }
      classes.set(name, { bases, ...(triggerSource ? { triggerSource } : {}) });
    }
    // `_TriggerSource = Literal["PreSignUp_SignUp", …]`, used as the field's annotation.
    const a = st.type === 'expression_statement' ? kids(st)[0] : undefined;
    const left = a?.type === 'assignment' ? a.childForFieldName('left') : undefined;
    const right = a?.childForFieldName('right');
    if (left?.type === 'identifier' && right) aliases.set(left.text, right);
  }
  return { classes, aliases };
}

/** The string literals of a `Literal[…]` annotation (following one module alias), or undefined when it is not one. */
function literalStrings(n: Node, aliases: ReadonlyMap<string, Node>): string[] | undefined {
  const target = n.type === 'type' ? (kids(n)[0] ?? n) : n;
  const resolved = target.type === 'identifier' ? aliases.get(target.text) : target;
  if (!resolved || !/^(typing\.|typing_extensions\.)?Literal\[/.test(resolved.text)) return undefined;
  const out: string[] = [];
  walk(resolved, (c) => {
    const s = stringLiteral(c);
    if (s) out.push(s.value);
    return s ? false : undefined;
  });
  return out.length ? out : undefined;
}

/** Reads the module's classes and aliases once; answers per hint name. */
export function localTypes(root: Node): LocalTypes {
  const { classes, aliases } = scan(root);
  const parserModel = (name: string, depth = 0): string | undefined => {
    if (PYTHON_PARSER_MODELS[name]) return name;
    const c = classes.get(name);
    if (!c || depth > 4) return undefined;
    for (const b of c.bases) {
      const m = parserModel(b, depth + 1);
      if (m) return m;
    }
    return undefined;
  };
  const triggerSourceOf = (name: string, depth = 0): Node | undefined => {
    const c = classes.get(name);
    if (!c || depth > 4) return undefined;
    return c.triggerSource ?? c.bases.map((b) => triggerSourceOf(b, depth + 1)).find((x) => x);
  };
  const typedDictTriggers = (name: string): string[] | undefined => {
    const ann = triggerSourceOf(name);
    const literals = ann ? literalStrings(ann, aliases) : undefined;
    if (!literals) return undefined;
    const ids = new Set<string>();
    for (const lit of literals) {
      const found = findSource(lit);
      // A literal that is no trigger source: not a Cognito event type we can trust.
      if (!found.length) return undefined;
      for (const f of found) ids.add(f.trigger.id);
    }
    const list = [...ids];
    // A base listing every source (a generic Cognito event) says nothing about which trigger.
    return list.length === 1 || list.every((id) => id.startsWith('PreTokenGeneration')) ? list : undefined;
  };
  return { parserModel, typedDictTriggers };
}

/**
 * `@event_parser(model=X)` (or a bare `@event_parser`, which takes the model from the event's hint):
 * whether the handler is decorated so, and the model named in the decorator.
 */
export function eventParser(decorators: readonly Node[]): { model?: string } | undefined {
  for (const d of decorators) {
    const expr = kids(d)[0];
    if (!expr) continue;
    const callee = expr.type === 'call' ? expr.childForFieldName('function') : expr;
    if (!callee || !/(^|\.)event_parser$/.test(callee.text)) continue;
    if (expr.type !== 'call') return {};
    for (const a of kids(expr.childForFieldName('arguments') ?? expr)) {
      const value = a.type === 'keyword_argument' && a.childForFieldName('name')?.text === 'model' ? a.childForFieldName('value') : undefined;
      if (value) return { model: lastName(value) };
    }
    return {};
  }
  return undefined;
}
