// Finds exported Lambda handlers in CommonJS, ESM and TypeScript, and the type names attached to them.
import type { Comment, File, Node } from '@babel/types';
import { isFunction, span, unwrap, walk } from './walk';

/** A function node a handler can be. */
export type FunctionNode = Extract<Node, { type: 'ArrowFunctionExpression' | 'FunctionExpression' | 'FunctionDeclaration' }>;

/** An exported handler found in the tree, before analysis. */
export interface FoundHandler {
  readonly name: string;
  readonly nameStart: number;
  readonly nameEnd: number;
  readonly statementStart: number;
  readonly fn: FunctionNode;
  /** Type names on the handler (`PreSignUpTriggerHandler`), its event parameter, and its JSDoc. */
  readonly typeNames: readonly string[];
  /** Comments right before the exporting statement or the function (JSDoc, `@cognito-trigger`). */
  readonly comments: readonly Comment[];
  /** Taken for a handler by its event parameter alone (not named `handler`/default, no handler type): it may be a helper. */
  readonly guessed: boolean;
}

/** Every identifier named in a TypeScript type annotation (`Handler<PreSignUpTriggerEvent>` → both). */
export function typeNamesIn(node: Node | null | undefined): string[] {
  if (!node) return [];
  const out: string[] = [];
  const last = (t: Node | null | undefined): string => (t?.type === 'Identifier' ? t.name : t?.type === 'TSQualifiedName' ? t.right.name : '');
  walk(node, (n) => {
    if (n.type === 'TSTypeReference') out.push(last(n.typeName));
    // `import('aws-lambda').CustomMessageTriggerEvent`
    if (n.type === 'TSImportType') out.push(last(n.qualifier));
  });
  return out.filter(Boolean);
}

/**
 * Local names that stand for other types: `import type { PreSignUpTriggerHandler as H }`,
 * `type E = PreSignUpTriggerEvent`, JSDoc `@typedef {import('aws-lambda').X} E`. Local → names in it.
 */
export function typeAliases(file: File): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const add = (local: string, names: string[]): void => {
    if (names.length) out.set(local, [...(out.get(local) ?? []), ...names]);
  };
  for (const st of file.program.body) {
    const s = st.type === 'ExportNamedDeclaration' && st.declaration ? st.declaration : st;
    if (s.type === 'ImportDeclaration') {
      for (const sp of s.specifiers) {
        if (sp.type !== 'ImportSpecifier') continue;
        const imported = sp.imported.type === 'Identifier' ? sp.imported.name : sp.imported.value;
        if (imported !== sp.local.name) add(sp.local.name, [imported]);
      }
    }
    if (s.type === 'TSTypeAliasDeclaration') add(s.id.name, typeNamesIn(s.typeAnnotation));
  }
  for (const c of file.comments ?? []) {
    for (const m of c.value.matchAll(/@typedef\s*\{([^}]*)\}\s*([A-Za-z_$][\w$]*)/g)) add(m[2] ?? '', [...(m[1] ?? '').matchAll(/[A-Za-z_$][\w$]*/g)].map((x) => x[0]));
  }
  return out;
}

/** The names plus every name their aliases stand for, transitively. */
function expandAliases(names: readonly string[], aliases: ReadonlyMap<string, readonly string[]>): string[] {
  const out = new Set(names);
  const queue = [...names];
  while (queue.length) {
    for (const n of aliases.get(queue.shift() ?? '') ?? []) {
      if (!out.has(n)) {
        out.add(n);
        queue.push(n);
      }
    }
  }
  return [...out];
}

const JSDOC_TYPE = /@(?:type|param|typedef|satisfies)\s*\{([^}]*)\}/g;

/** Type names mentioned in JSDoc `@type {…}` / `@param {…}` tags of the comments. */
export function jsdocTypeNames(comments: readonly Comment[]): string[] {
  const out: string[] = [];
  for (const c of comments) {
    for (const m of c.value.matchAll(JSDOC_TYPE)) for (const id of (m[1] ?? '').matchAll(/[A-Za-z_$][\w$]*/g)) out.push(id[0]);
  }
  return out;
}

/** Heuristic: is this export a Lambda handler rather than a helper? */
function looksLikeHandler(name: string, fn: FunctionNode, typeNames: readonly string[]): boolean {
  if (/handler$/i.test(name) || name === 'default') return true;
  if (typeNames.some((t) => /Trigger(Event|Handler)$/.test(t))) return true;
  const [first, second, third] = fn.params;
  if (first?.type !== 'Identifier' || !/^(event|evt|ev|e)$/.test(first.name)) return false;
  // A helper exported beside the handler also takes the event (`addChallengeToEvent(event, challenge)`):
  // only Lambda's own further parameters, (event, context, callback), keep an otherwise-named export a handler.
  const named = (p: FunctionNode['params'][number] | undefined, re: RegExp): boolean => p === undefined || (p.type === 'Identifier' && re.test(p.name));
  return named(second, /^_*(context|ctx|lambdaContext|callback|cb|done)$/) && named(third, /^_*(callback|cb|done)$/);
}

/** Finds handler exports at the top level of the program. */
export function findHandlers(file: File): FoundHandler[] {
  const body = file.program.body;
  const locals = new Map<string, { node: Node; decl: Node }>();
  for (const st of body) {
    const s = st.type === 'ExportNamedDeclaration' && st.declaration ? st.declaration : st;
    if (s.type === 'FunctionDeclaration' && s.id) locals.set(s.id.name, { node: s, decl: st });
    if (s.type === 'VariableDeclaration') for (const d of s.declarations) if (d.id.type === 'Identifier' && d.init) locals.set(d.id.name, { node: d, decl: st });
  }
  const out: FoundHandler[] = [];
  const seen = new Set<Node>();
  const aliases = typeAliases(file);

  // Resolves what an export points at: a function, a wrapper call (`middy(fn)`), or a local binding.
  const resolve = (value: Node | null | undefined, depth = 0): { fn: FunctionNode; types: string[]; comments: Comment[] } | undefined => {
    if (!value || depth > 10) return undefined;
    const v = unwrap(value);
    if (isFunction(v)) return { fn: v, types: paramTypes(v), comments: [...(v.leadingComments ?? [])] };
    if (v.type === 'VariableDeclarator') {
      const r = resolve(v.init, depth + 1);
      const idType = v.id.type === 'Identifier' ? typeNamesIn(v.id.typeAnnotation) : [];
      return r ? { ...r, types: [...idType, ...r.types, ...typeNamesIn(v.init && 'typeAnnotation' in v.init ? (v.init.typeAnnotation as Node) : undefined)] } : undefined;
    }
    // `export const handler = impl = async (event) => …`: the chained assignment's value is the function.
    if (v.type === 'AssignmentExpression' && v.operator === '=') return resolve(v.right, depth + 1);
    if (v.type === 'Identifier') {
      const l = locals.get(v.name);
      if (!l) return undefined;
      const r = resolve(l.node, depth + 1);
      return r ? { ...r, comments: [...(l.decl.leadingComments ?? []), ...r.comments] } : undefined;
    }
    if (v.type === 'CallExpression') {
      // `middy(fn).use(mw)`: the handler is inside the chain's first call, not the middleware argument.
      if (v.callee.type === 'MemberExpression') {
        const inner = resolve(v.callee.object, depth + 1);
        if (inner) return inner;
      }
      return v.arguments[0] ? resolve(v.arguments[0] as Node, depth + 1) : undefined;
    }
    return undefined;
  };

  const add = (name: string, nameNode: { start: number; end: number }, statement: Node, value: Node | null | undefined, extraTypes: string[] = []): void => {
    const r = resolve(value);
    if (!r || seen.has(r.fn)) return;
    const comments = [...(statement.leadingComments ?? []), ...r.comments];
    const types = expandAliases([...extraTypes, ...r.types, ...jsdocTypeNames(comments)], aliases);
    if (!looksLikeHandler(name, r.fn, types)) return;
    seen.add(r.fn);
    // A declared return type of the event (`Promise<PreSignUpTriggerEvent>`) says handler as well as a handler type does.
    const returnsEvent = typeNamesIn(r.fn.returnType as Node | null | undefined).some((t) => /TriggerEvent$/.test(t));
    const guessed = !/handler$/i.test(name) && name !== 'default' && !returnsEvent && !types.some((t) => /TriggerHandler$/.test(t));
    out.push({ name, nameStart: nameNode.start, nameEnd: nameNode.end, statementStart: statement.start ?? 0, fn: r.fn, typeNames: types, comments, guessed });
  };

  for (const st of body) {
    if (st.type === 'ExpressionStatement' && st.expression.type === 'AssignmentExpression') {
      const { left, right } = st.expression;
      const name = exportedName(left);
      if (name) add(name.name, name, st, right);
      else if (isModuleExports(left) && unwrap(right).type === 'ObjectExpression') {
        const obj = unwrap(right) as Extract<Node, { type: 'ObjectExpression' }>;
        for (const p of obj.properties) {
          if (p.type === 'ObjectProperty' && p.key.type === 'Identifier') add(p.key.name, span(p.key), st, p.value as Node);
          if (p.type === 'ObjectMethod' && p.key.type === 'Identifier') continue;
        }
      }
    } else if (st.type === 'ExportNamedDeclaration') {
      const d = st.declaration;
      if (d?.type === 'FunctionDeclaration' && d.id) add(d.id.name, span(d.id), st, d);
      else if (d?.type === 'VariableDeclaration') {
        for (const v of d.declarations) if (v.id.type === 'Identifier') add(v.id.name, span(v.id), st, v);
      }
      for (const sp of st.specifiers) {
        if (sp.type !== 'ExportSpecifier') continue;
        const exported = sp.exported.type === 'Identifier' ? sp.exported.name : sp.exported.value;
        add(exported, span(sp.exported), st, sp.local);
      }
    } else if (st.type === 'ExportDefaultDeclaration') {
      const d = st.declaration;
      add('default', { start: st.start ?? 0, end: (st.start ?? 0) + 'export default'.length }, st, d as Node);
    }
  }
  return out;
}

/** Type names on a function's first parameter (`event: PreSignUpTriggerEvent`). */
function paramTypes(fn: FunctionNode): string[] {
  const p = fn.params[0];
  return p && 'typeAnnotation' in p ? typeNamesIn(p.typeAnnotation as Node | null) : [];
}

function isModuleExports(n: Node): boolean {
  return n.type === 'MemberExpression' && n.object.type === 'Identifier' && n.object.name === 'module' && n.property.type === 'Identifier' && n.property.name === 'exports';
}

/** `exports.X` / `module.exports.X` → X with its range. */
function exportedName(n: Node): { name: string; start: number; end: number } | undefined {
  if (n.type !== 'MemberExpression' || n.computed || n.property.type !== 'Identifier') return undefined;
  const o = n.object;
  if ((o.type === 'Identifier' && o.name === 'exports') || isModuleExports(o)) return { name: n.property.name, ...span(n.property) };
  return undefined;
}
