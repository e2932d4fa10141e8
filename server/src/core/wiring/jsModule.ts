// Static reading of TypeScript/JavaScript infrastructure code (CDK apps, Amplify resources,
// serverless.ts) with @babel/parser, without running it: bindings, imports across files, and an
// evaluator that turns object literals, constants, template strings and `path.join(__dirname, ...)`
// into the position-carrying tree. Anything else becomes an opaque node carrying its source text.
import { parse } from '@babel/parser';
import type * as t from '@babel/types';
import { dirOf, joinPath } from './handlerFile';
import { mapNode, type Node } from './tree';
import { mapSpecifier, nearestTsconfig, readTsPaths, type TsPaths } from './tsconfigPaths';
import type { WiringFs } from './types';

/** One parsed module: its top-level and nested bindings, imports and exports. */
export interface JsModule {
  readonly file: string;
  readonly ast: t.File;
  /** Every `const|let|var x = init` and `this.x = init` in the file, by name (`this.x` for members). */
  readonly bindings: ReadonlyMap<string, t.Expression>;
  /** Local name → the module it comes from and the imported name (`default`, `*` for namespaces). */
  readonly imports: ReadonlyMap<string, { readonly source: string; readonly imported: string }>;
  /** Exported name → local name or expression (`default` too). */
  readonly exports: ReadonlyMap<string, t.Expression | string>;
  /** Named functions a call can reach: `function f`, `const f = () => ...`, class methods as `this.m`. */
  readonly functions: ReadonlyMap<string, t.Function>;
  /** Classes declared in the file, by name (`class PreSignUpFn extends NodejsFunction`). */
  readonly classes: ReadonlyMap<string, t.Class>;
  /**
   * Inside a call of a helper (`this.makeTrigger('Pre')`): each parameter's value at the call site,
   * evaluated there (a literal, or an opaque node carrying the argument's text). Parameters shadow
   * every other binding of their name.
   */
  readonly params?: ReadonlyMap<string, Node>;
  /** The call this view is inside, for messages: `the helper called as this.makeTrigger('Pre') (line 12)`. */
  readonly via?: string;
}

/** What a helper returns, read inside the call: the expression, the module as the helper sees it, or why not. */
export type HelperReturn = { expr: t.Node; mod: JsModule } | { reason: string } | undefined;

const EXTS = ['.ts', '.tsx', '.mts', '.js', '.mjs', '.cjs', '.jsx'];

/** Walks every node under `node` (children before siblings), calling `visit` on each. */
export function walkAst(node: t.Node, visit: (n: t.Node) => void, skip?: (n: t.Node) => boolean): void {
  if (skip?.(node)) return;
  visit(node);
  for (const key of Object.keys(node) as (keyof t.Node)[]) {
    if (key === 'loc' || key === 'leadingComments' || key === 'trailingComments' || key === 'innerComments') continue;
    const v = node[key] as unknown;
    if (Array.isArray(v)) {
      for (const c of v) if (c && typeof c === 'object' && typeof (c as t.Node).type === 'string') walkAst(c as t.Node, visit, skip);
    } else if (v && typeof v === 'object' && typeof (v as t.Node).type === 'string') walkAst(v as t.Node, visit, skip);
  }
}

/** Strips TypeScript wrappers: `x as T`, `x satisfies T`, `x!`, `(x)`. */
export function unwrap(e: t.Node): t.Node {
  let n = e;
  while (n.type === 'TSAsExpression' || n.type === 'TSSatisfiesExpression' || n.type === 'TSNonNullExpression' || n.type === 'ParenthesizedExpression' || n.type === 'TSTypeAssertion') n = n.expression;
  return n;
}

/** `a.b.c` as text (identifiers, `this`, member chains), else undefined. */
export function dotted(e: t.Node | null | undefined): string | undefined {
  if (!e) return undefined;
  const n = unwrap(e);
  if (n.type === 'Identifier') return n.name;
  if (n.type === 'ThisExpression') return 'this';
  if (n.type === 'MemberExpression' && !n.computed && n.property.type === 'Identifier') {
    const o = dotted(n.object);
    return o ? `${o}.${n.property.name}` : undefined;
  }
  return undefined;
}

/** A set of modules read on demand, each parsed once per content. */
export class JsProgram {
  private readonly modules = new Map<string, { text: string; mod: JsModule | undefined }>();
  /** Every file a module was read from (for incremental updates). */
  readonly files = new Set<string>();

  constructor(private readonly fs: WiringFs) {}

  module(rel: string): JsModule | undefined {
    const text = this.fs.readFile(rel);
    this.files.add(rel);
    if (text === undefined) return undefined;
    const hit = this.modules.get(rel);
    if (hit && hit.text === text) return hit.mod;
    const mod = parseModule(rel, text);
    this.modules.set(rel, { text, mod });
    return mod;
  }

  /**
   * The file an import specifier names, relative to the root; undefined for packages. A bare
   * specifier goes through the nearest tsconfig's `paths` and `baseUrl` (`@functions/index`).
   */
  resolveImport(from: string, source: string): string | undefined {
    if (source.startsWith('.')) return this.probe(joinPath(dirOf(from), source));
    if (source.startsWith('node:')) return undefined;
    const ts = this.tsPaths(dirOf(from));
    if (!ts) return undefined;
    for (const candidate of mapSpecifier(ts, source)) {
      const hit = this.probe(candidate);
      if (hit) return hit;
    }
    return undefined;
  }

  /** The module file at `base` as Node/TypeScript resolution finds it: as is, with a source extension, or `base/index.*`. */
  private probe(base: string): string | undefined {
    const stem = base.replace(/\.(js|mjs|cjs)$/, '');
    for (const c of [base, ...EXTS.map((e) => stem + e), ...EXTS.map((e) => `${base}/index${e}`)]) if (this.fs.exists(c)) return c;
    return undefined;
  }

  private readonly tsconfigs = new Map<string, TsPaths | undefined>();

  /** The `paths`/`baseUrl` that apply to modules in `dir`, read once per program. */
  private tsPaths(dir: string): TsPaths | undefined {
    if (this.tsconfigs.has(dir)) return this.tsconfigs.get(dir);
    const rel = nearestTsconfig(this.fs, dir);
    const ts = rel ? readTsPaths(this.fs, rel) : undefined;
    for (const f of ts?.files ?? []) this.files.add(f);
    const found = ts && (ts.baseUrl !== undefined || ts.paths.length) ? ts : undefined;
    this.tsconfigs.set(dir, found);
    return found;
  }

  /**
   * The module a name stands for when it is a namespace: `import * as fns from './fns'`, or a name a
   * module re-exports as one (`export * as fns from './fns'`, `export { fns }` of such an import).
   */
  namespace(name: string, mod: JsModule, depth = 0): JsModule | undefined {
    if (depth > 8 || mod.bindings.has(name)) return undefined;
    const imp = mod.imports.get(name);
    if (!imp) return undefined;
    const file = this.resolveImport(mod.file, imp.source);
    const other = file ? this.module(file) : undefined;
    if (!other) return undefined;
    return imp.imported === '*' ? other : this.exportedNamespace(imp.imported, other, depth + 1);
  }

  /** The module `mod` exports under `name` as a namespace (`export * as name from`), if it does. */
  exportedNamespace(name: string, mod: JsModule, depth = 0): JsModule | undefined {
    const local = mod.exports.get(name);
    return typeof local === 'string' ? this.namespace(local, mod, depth + 1) : undefined;
  }

  /** Every name a module exports, including those of `export * from` (which never re-exports `default`). */
  exportNames(mod: JsModule, depth = 0): string[] {
    const names = new Set<string>();
    for (const [k, v] of mod.exports) {
      if (!k.startsWith('*')) names.add(k);
      else if (typeof v === 'string' && depth < 8) {
        const file = this.resolveImport(mod.file, v);
        const other = file ? this.module(file) : undefined;
        if (other) for (const n of this.exportNames(other, depth + 1)) if (n !== 'default') names.add(n);
      }
    }
    return [...names];
  }

  /** The expression a name is bound to, following imports into other modules of the repository. */
  binding(name: string, mod: JsModule, depth = 0): { expr: t.Expression; mod: JsModule } | undefined {
    if (depth > 8 || mod.params?.has(name)) return undefined;
    const local = mod.bindings.get(name);
    if (local) return { expr: local, mod };
    const imp = mod.imports.get(name);
    if (!imp) return undefined;
    const file = this.resolveImport(mod.file, imp.source);
    const other = file ? this.module(file) : undefined;
    if (!other) return undefined;
    return this.exported(imp.imported, other, depth + 1);
  }

  /** What a module exports under `name` (`default` too), following re-exports. */
  exported(name: string, mod: JsModule, depth = 0): { expr: t.Expression; mod: JsModule } | undefined {
    const e = mod.exports.get(name);
    if (e === undefined) {
      // `export * from './x'`
      for (const [k, v] of mod.exports) {
        if (!k.startsWith('*') || typeof v !== 'string') continue;
        const file = this.resolveImport(mod.file, v);
        const other = file ? this.module(file) : undefined;
        const found = other ? this.exported(name, other, depth + 1) : undefined;
        if (found) return found;
      }
      return undefined;
    }
    if (typeof e !== 'string') return { expr: e, mod };
    return this.binding(e, mod, depth + 1);
  }

  /** Follows identifiers (and `this.x`) to the expression they hold; stops at anything else. */
  deref(expr: t.Node, mod: JsModule, depth = 0): { expr: t.Node; mod: JsModule } {
    const n = unwrap(expr);
    // `fns.preSignUp` where `fns` is a namespace import: that module's export.
    if (depth <= 10 && n.type === 'MemberExpression' && !n.computed && n.property.type === 'Identifier' && n.object.type === 'Identifier') {
      const ns = this.namespace(n.object.name, mod);
      const member = ns ? this.exported(n.property.name, ns) : undefined;
      if (member) return this.deref(member.expr, member.mod, depth + 1);
    }
    const name = n.type === 'Identifier' ? n.name : n.type === 'MemberExpression' && n.object.type === 'ThisExpression' ? dotted(n) : undefined;
    if (!name || depth > 10 || mod.params?.has(name)) return { expr: n, mod };
    const b = this.binding(name, mod);
    if (!b || b.expr === n) return { expr: n, mod };
    return this.deref(b.expr, b.mod, depth + 1);
  }

  /** The function a call names: `this.m(...)` (a method or arrow property of the class), `f(...)` (this file's, or imported). */
  helperOf(call: t.CallExpression, mod: JsModule): { fn: t.Function; mod: JsModule } | undefined {
    const name = dotted(call.callee);
    if (!name || (name.includes('.') && !/^this\.[^.]+$/.test(name)) || mod.params?.has(name)) return undefined;
    const own = mod.functions.get(name);
    if (own) return { fn: own, mod };
    const b = this.binding(name, mod);
    const init = b ? unwrap(b.expr) : undefined;
    if (b && init && (init.type === 'ArrowFunctionExpression' || init.type === 'FunctionExpression')) return { fn: init, mod: b.mod };
    // `import { makeFn } from './helpers'` where helpers.ts says `export function makeFn`.
    const imp = name.includes('.') ? undefined : mod.imports.get(name);
    const file = imp ? this.resolveImport(mod.file, imp.source) : undefined;
    const other = file ? this.module(file) : undefined;
    const exported = other ? other.exports.get(imp?.imported ?? '') : undefined;
    const fn = other && typeof exported === 'string' ? other.functions.get(exported) : undefined;
    return fn && other ? { fn, mod: other } : undefined;
  }

  /**
   * What a helper call returns, seen from inside the helper: its parameters hold the call's
   * arguments evaluated at the call site (`this.makeTrigger('Pre')` → `name` = 'Pre'; a default
   * value when the argument is missing; `{ entry }` destructured from an object literal), its own
   * `const`s shadow the file's. Undefined when the callee is not a function this file names; a
   * reason when it is one whose result cannot be told (no return, or several).
   */
  helperReturn(call: t.CallExpression, caller: JsModule, depth = 0): HelperReturn {
    if (depth > 6) return undefined;
    const found = this.helperOf(call, caller);
    if (!found) return undefined;
    const { fn, mod } = found;
    const where = `${sourceText(caller, call)} (line ${call.loc?.start.line ?? 1})`;
    let returned: t.Node | undefined;
    if (fn.body.type !== 'BlockStatement') returned = fn.body;
    else {
      const returns: t.Node[] = [];
      walkOwnBody(fn.body, (x) => {
        if (x.type === 'ReturnStatement' && x.argument) returns.push(x.argument);
      });
      if (returns.length !== 1) return { reason: `${where} calls a helper that ${returns.length ? `returns in ${returns.length} places` : 'returns nothing'}; only a helper with one return is followed` };
      returned = returns[0];
    }
    const view = this.callView(fn, call.arguments, caller, mod, `the helper called as ${where}`, depth);
    return returned ? { expr: returned, mod: view } : undefined;
  }

  /**
   * The module as `fn` sees it when called with `args` from `caller`: each parameter holds its
   * argument evaluated at the call site (a default when missing, `{ a, b }` destructured from an
   * object literal), and the function's own `const`s shadow the file's.
   */
  private callView(fn: t.Function, args: t.CallExpression['arguments'], caller: JsModule, mod: JsModule, where: string, depth: number): JsModule {
    const line = args[0]?.loc?.start.line ?? 1;
    const params = new Map<string, Node>();
    const argAt = (i: number): t.Node | undefined => {
      const a = args[i];
      return a && a.type !== 'SpreadElement' && a.type !== 'ArgumentPlaceholder' ? a : undefined;
    };
    const locals = new Map<string, t.Expression>();
    walkOwnBody(fn.body, (x) => {
      if (x.type === 'VariableDeclarator' && x.id.type === 'Identifier' && x.init && !locals.has(x.id.name)) locals.set(x.id.name, x.init);
    });
    const view: JsModule = { ...mod, bindings: new Map([...mod.bindings, ...locals]), params, via: where };
    const atCall = (a: t.Node | undefined, fallback: t.Node | null | undefined): Node => {
      if (a) return this.evaluate(a, caller, depth + 1);
      if (fallback) return this.evaluate(fallback, view, depth + 1);
      return { kind: 'scalar', file: caller.file, line, value: null };
    };
    fn.params.forEach((p, i) => {
      const target = p.type === 'TSParameterProperty' ? p.parameter : p;
      if (target.type === 'Identifier') params.set(target.name, atCall(argAt(i), undefined));
      else if (target.type === 'AssignmentPattern' && target.left.type === 'Identifier') params.set(target.left.name, atCall(argAt(i), target.right));
      else if (target.type === 'ObjectPattern') {
        const obj = atCall(argAt(i), undefined);
        for (const q of target.properties) {
          if (q.type !== 'ObjectProperty' || q.key.type !== 'Identifier') continue;
          const local = q.value.type === 'Identifier' ? q.value.name : q.value.type === 'AssignmentPattern' && q.value.left.type === 'Identifier' ? q.value.left.name : undefined;
          if (!local) continue;
          const got = obj.kind === 'map' ? obj.entries.get(q.key.name)?.value : undefined;
          params.set(local, got ?? (q.value.type === 'AssignmentPattern' ? this.evaluate(q.value.right, view, depth + 1) : { kind: 'opaque', file: caller.file, line, text: `${q.key.name} of ${obj.kind === 'opaque' ? obj.text : 'the argument'}` }));
        }
      }
    });
    return view;
  }

  /** The class a `new X(...)` names, declared in this file or exported by one of the repository's. */
  classOf(n: t.NewExpression, mod: JsModule): { cls: t.Class; mod: JsModule } | undefined {
    const name = n.callee.type === 'Identifier' ? n.callee.name : undefined;
    if (!name) return undefined;
    const own = mod.classes.get(name);
    if (own) return { cls: own, mod };
    const imp = mod.imports.get(name);
    const file = imp ? this.resolveImport(mod.file, imp.source) : undefined;
    const other = file ? this.module(file) : undefined;
    const exported = other?.exports.get(imp?.imported ?? '');
    const cls = other && typeof exported === 'string' ? other.classes.get(exported) : undefined;
    return cls && other ? { cls, mod: other } : undefined;
  }

  /**
   * A construct class of the repository that extends another (`class PreSignUpFn extends
   * NodejsFunction`): `new PreSignUpFn(this, 'Pre', props)` is read as the `super(...)` call of its
   * constructor, with the constructor's parameters bound to the arguments. Undefined when the class
   * is not the repository's; a reason when its constructor does not call `super` once.
   */
  constructedBy(n: t.NewExpression, caller: JsModule, depth = 0): HelperReturn {
    if (depth > 6) return undefined;
    const found = this.classOf(n, caller);
    if (!found?.cls.superClass) return undefined;
    const { cls, mod } = found;
    const where = `${sourceText(caller, n)} (line ${n.loc?.start.line ?? 1})`;
    const ctor = cls.body.body.find((m): m is t.ClassMethod => m.type === 'ClassMethod' && m.kind === 'constructor');
    const superNew = (args: t.NewExpression['arguments'], at: t.Node): t.NewExpression => ({ type: 'NewExpression', callee: cls.superClass as t.Expression, arguments: args, loc: at.loc, start: at.start, end: at.end }) as t.NewExpression;
    // No constructor: the arguments go to the superclass as they are.
    if (!ctor) return { expr: superNew(n.arguments, n), mod: caller };
    const supers: t.CallExpression[] = [];
    walkOwnBody(ctor.body, (x) => {
      if (x.type === 'CallExpression' && x.callee.type === 'Super') supers.push(x);
    });
    const call = supers[0];
    if (supers.length !== 1 || !call) return { reason: `${where} is a construct whose constructor calls super ${supers.length} times; only one call is followed` };
    return { expr: superNew(call.arguments, call), mod: this.callView(ctor, n.arguments, caller, mod, `the constructor of ${cls.id?.name ?? 'the class'} built as ${where}`, depth) };
  }

  /**
   * Evaluates an expression to a tree. Paths built from `__dirname` come out root-relative with a
   * leading `/` (`/lambda/pre.ts`); a bare relative string stays relative (the tool's working folder).
   */
  evaluate(expr: t.Node | null | undefined, mod: JsModule, depth = 0): Node {
    const line = expr?.loc?.start.line ?? 1;
    const file = mod.file;
    const opaque = (n: t.Node): Node => ({ kind: 'opaque', file, line, text: sourceText(mod, n) });
    if (!expr || depth > 12) return { kind: 'scalar', file, line, value: null };
    const n = unwrap(expr);
    switch (n.type) {
      case 'StringLiteral':
        return { kind: 'scalar', file, line, value: n.value };
      case 'NumericLiteral':
        return { kind: 'scalar', file, line, value: n.value };
      case 'BooleanLiteral':
        return { kind: 'scalar', file, line, value: n.value };
      case 'NullLiteral':
        return { kind: 'scalar', file, line, value: null };
      case 'TemplateLiteral': {
        let s = '';
        n.quasis.forEach((q, i) => {
          s += q.value.cooked ?? q.value.raw;
          const e = n.expressions[i];
          if (e) {
            const v = this.evaluate(e, mod, depth + 1);
            s += v.kind === 'scalar' && v.value !== null ? String(v.value) : '*';
          }
        });
        return { kind: 'scalar', file, line, value: s };
      }
      case 'BinaryExpression': {
        if (n.operator !== '+') return opaque(n);
        const a = this.evaluate(n.left, mod, depth + 1);
        const b = this.evaluate(n.right, mod, depth + 1);
        const part = (v: Node): string => (v.kind === 'scalar' && v.value !== null ? String(v.value) : '*');
        return { kind: 'scalar', file, line, value: part(a) + part(b) };
      }
      case 'ObjectExpression': {
        const pairs: [string, number, Node][] = [];
        for (const p of n.properties) {
          if (p.type === 'SpreadElement') {
            const v = this.evaluate(p.argument, mod, depth + 1);
            if (v.kind === 'map') for (const [k, e] of v.entries) pairs.push([k, e.keyLine, e.value]);
            continue;
          }
          const key = p.key.type === 'Identifier' && !p.computed ? p.key.name : p.key.type === 'StringLiteral' ? p.key.value : undefined;
          if (key === undefined) continue;
          const keyLine = p.key.loc?.start.line ?? line;
          if (p.type === 'ObjectMethod') pairs.push([key, keyLine, { kind: 'opaque', file, line: keyLine, text: `${key}()` }]);
          else pairs.push([key, keyLine, this.evaluate(p.value as t.Expression, mod, depth + 1)]);
        }
        return mapNode(file, line, pairs);
      }
      case 'ArrayExpression':
        return { kind: 'seq', file, line, items: n.elements.filter((e): e is t.Expression => !!e && e.type !== 'SpreadElement').map((e) => this.evaluate(e, mod, depth + 1)) };
      case 'Identifier': {
        const param = mod.params?.get(n.name);
        if (param) return param;
        if (n.name === '__dirname') return { kind: 'scalar', file, line, value: `/${dirOf(mod.file)}` };
        if (n.name === '__filename') return { kind: 'scalar', file, line, value: `/${mod.file}` };
        const ns = this.namespace(n.name, mod);
        if (ns) return this.namespaceTree(ns, file, line, depth + 1);
        const b = this.binding(n.name, mod);
        return b ? this.evaluate(b.expr, b.mod, depth + 1) : opaque(n);
      }
      case 'MemberExpression': {
        const name = dotted(n);
        if (name?.startsWith('this.')) {
          const b = this.binding(name, mod);
          if (b) return this.evaluate(b.expr, b.mod, depth + 1);
        }
        // `import.meta.dirname` is ESM's __dirname.
        if (name === 'import.meta.dirname') return { kind: 'scalar', file, line, value: `/${dirOf(mod.file)}` };
        if (!n.computed && n.property.type === 'Identifier') {
          const obj = unwrap(n.object);
          const ns = obj.type === 'Identifier' ? this.namespace(obj.name, mod) : undefined;
          if (ns) {
            const member = this.exported(n.property.name, ns);
            const inner = member ? undefined : this.exportedNamespace(n.property.name, ns);
            return member ? this.evaluate(member.expr, member.mod, depth + 1) : inner ? this.namespaceTree(inner, file, line, depth + 1) : opaque(n);
          }
          const imported = obj.type === 'Identifier' ? mod.imports.get(obj.name) : undefined;
          if (obj.type !== 'Identifier' || mod.params?.has(obj.name) || mod.bindings.has(obj.name) || (imported && this.resolveImport(mod.file, imported.source))) {
            const o = this.evaluate(n.object, mod, depth + 1);
            if (o.kind === 'map') return o.entries.get(n.property.name)?.value ?? opaque(n);
          }
        }
        return opaque(n);
      }
      case 'CallExpression': {
        const callee = dotted(n.callee);
        const args = n.arguments.filter((a): a is t.Expression => a.type !== 'SpreadElement' && a.type !== 'ArgumentPlaceholder');
        if (callee && /(^|\.)(join|resolve)$/.test(callee) && (callee.startsWith('path') || this.isPathImport(callee.split('.')[0] ?? '', mod))) {
          const parts = args.map((a) => this.evaluate(a, mod, depth + 1));
          if (parts.every((p) => p.kind === 'scalar' && typeof p.value === 'string')) {
            const strs = parts.map((p) => String((p as { value: string }).value));
            const lastAbs = strs.map((s) => s.startsWith('/')).lastIndexOf(true);
            const from = lastAbs >= 0 ? strs.slice(lastAbs) : strs;
            const joined = joinPath(...from);
            return { kind: 'scalar', file, line, value: lastAbs >= 0 ? `/${joined}` : joined };
          }
        }
        // `name.toLowerCase()` on a known string (a helper's parameter, most often).
        if (n.callee.type === 'MemberExpression' && !n.callee.computed && n.callee.property.type === 'Identifier' && STRING_METHODS.has(n.callee.property.name) && !args.length) {
          const o = this.evaluate(n.callee.object, mod, depth + 1);
          if (o.kind === 'scalar' && typeof o.value === 'string' && !o.value.includes('*')) return { kind: 'scalar', file, line, value: stringMethod(n.callee.property.name, o.value) };
        }
        // A helper given `__dirname` (the serverless.ts template's `handlerPath(__dirname)`) names that folder.
        if (args.length === 1 && args[0]?.type === 'Identifier' && args[0].name === '__dirname') return { kind: 'scalar', file, line, value: `/${dirOf(mod.file)}` };
        // `fileURLToPath(new URL('.', import.meta.url))` and `dirname(fileURLToPath(import.meta.url))`: this file's folder.
        if (/import\.meta\.url/.test(sourceText(mod, n)) && /dirname|new URL\('\.'/.test(sourceText(mod, n))) return { kind: 'scalar', file, line, value: `/${dirOf(mod.file)}` };
        // A helper of this file (or one it imports) that computes a value: `entryOf('preSignUp')`. After the
        // idioms above: `handlerPath(__dirname)` computes from process.cwd(), which only the folder rule gets right.
        const helped = this.helperReturn(n, mod, depth);
        if (helped && 'expr' in helped) return this.evaluate(helped.expr, helped.mod, depth + 1);
        return opaque(n);
      }
      default:
        return opaque(n);
    }
  }

  /** A namespace (`import * as fns`) as a map of its exports, each evaluated. */
  private namespaceTree(ns: JsModule, file: string, line: number, depth: number): Node {
    if (depth > 12) return { kind: 'opaque', file, line, text: ns.file };
    const pairs: [string, number, Node][] = [];
    for (const name of this.exportNames(ns)) {
      const member = this.exported(name, ns);
      if (member) pairs.push([name, member.expr.loc?.start.line ?? 1, this.evaluate(member.expr, member.mod, depth + 1)]);
      else {
        const inner = this.exportedNamespace(name, ns);
        if (inner) pairs.push([name, 1, this.namespaceTree(inner, inner.file, 1, depth + 1)]);
      }
    }
    return mapNode(file, line, pairs);
  }

  private isPathImport(local: string, mod: JsModule): boolean {
    const imp = mod.imports.get(local);
    return imp?.source === 'path' || imp?.source === 'node:path';
  }
}

const STRING_METHODS = new Set(['toLowerCase', 'toUpperCase', 'trim', 'toLocaleLowerCase', 'toLocaleUpperCase']);
function stringMethod(name: string, v: string): string {
  if (name === 'trim') return v.trim();
  return name.endsWith('LowerCase') ? v.toLowerCase() : v.toUpperCase();
}

/** Walks a function body without entering the functions nested in it (their returns and locals are theirs). */
function walkOwnBody(body: t.Node, visit: (n: t.Node) => void): void {
  walkAst(body, (n) => visit(n), (n) => n !== body && (n.type === 'FunctionDeclaration' || n.type === 'FunctionExpression' || n.type === 'ArrowFunctionExpression' || n.type === 'ClassMethod' || n.type === 'ObjectMethod'));
}

/** The source text of a node (for messages and opaque values). */
export function sourceText(mod: JsModule, n: t.Node): string {
  const code = (mod.ast as t.File & { __text?: string }).__text ?? '';
  return code.slice(n.start ?? 0, n.end ?? 0).replace(/\s+/g, ' ').slice(0, 120);
}

/** Parses a module (TypeScript syntax, JSX allowed in .tsx/.jsx); undefined when it does not parse. */
export function parseModule(file: string, text: string): JsModule | undefined {
  let ast: t.File;
  try {
    ast = parse(text.replace(/^\uFEFF/, ''), {
      sourceType: 'unambiguous',
      errorRecovery: true,
      allowReturnOutsideFunction: true,
      plugins: [/\.[jt]sx$/.test(file) ? 'jsx' : 'decorators-legacy', 'typescript', 'classProperties', 'topLevelAwait'] as never,
    }) as t.File;
  } catch {
    return undefined;
  }
  (ast as t.File & { __text?: string }).__text = text.replace(/^\uFEFF/, '');
  const bindings = new Map<string, t.Expression>();
  const imports = new Map<string, { source: string; imported: string }>();
  const exports = new Map<string, t.Expression | string>();
  const functions = new Map<string, t.Function>();
  const classes = new Map<string, t.Class>();
  walkAst(ast.program, (n) => {
    if (n.type === 'ClassDeclaration' && n.id && !classes.has(n.id.name)) classes.set(n.id.name, n);
    if (n.type === 'FunctionDeclaration' && n.id && !functions.has(n.id.name)) functions.set(n.id.name, n);
    else if ((n.type === 'ClassMethod' && n.kind === 'method') && n.key.type === 'Identifier' && !n.computed && !functions.has(`this.${n.key.name}`)) functions.set(`this.${n.key.name}`, n);
    else if (n.type === 'ClassProperty' && n.key.type === 'Identifier' && n.value && (n.value.type === 'ArrowFunctionExpression' || n.value.type === 'FunctionExpression') && !functions.has(`this.${n.key.name}`)) functions.set(`this.${n.key.name}`, n.value);
    if (n.type === 'VariableDeclarator' && n.id.type === 'Identifier' && n.init && !bindings.has(n.id.name)) bindings.set(n.id.name, n.init);
    else if (n.type === 'VariableDeclarator' && n.id.type === 'ObjectPattern' && n.init) {
      // `const { a, b } = obj` binds a and b to obj.a / obj.b.
      for (const p of n.id.properties) {
        if (p.type === 'ObjectProperty' && p.key.type === 'Identifier' && p.value.type === 'Identifier' && !bindings.has(p.value.name)) {
          bindings.set(p.value.name, { type: 'MemberExpression', object: n.init, property: { type: 'Identifier', name: p.key.name }, computed: false, loc: n.loc, start: n.start, end: n.end } as unknown as t.Expression);
        }
      }
    } else if (n.type === 'AssignmentExpression' && n.operator === '=' && n.left.type === 'MemberExpression' && n.left.object.type === 'ThisExpression') {
      const name = dotted(n.left);
      if (name && !bindings.has(name)) bindings.set(name, n.right);
    } else if (n.type === 'ClassProperty' && n.key.type === 'Identifier' && n.value && !bindings.has(`this.${n.key.name}`)) bindings.set(`this.${n.key.name}`, n.value);
  });
  for (const s of ast.program.body) {
    if (s.type === 'ImportDeclaration') {
      for (const sp of s.specifiers) {
        const imported = sp.type === 'ImportDefaultSpecifier' ? 'default' : sp.type === 'ImportNamespaceSpecifier' ? '*' : sp.imported.type === 'Identifier' ? sp.imported.name : sp.imported.value;
        imports.set(sp.local.name, { source: s.source.value, imported });
      }
    } else if (s.type === 'ExportNamedDeclaration') {
      if (s.declaration?.type === 'VariableDeclaration') for (const d of s.declaration.declarations) if (d.id.type === 'Identifier' && d.init) exports.set(d.id.name, d.init);
      // `export function f`: a helper other files import (its name, looked up in `functions`).
      if ((s.declaration?.type === 'FunctionDeclaration' || s.declaration?.type === 'ClassDeclaration') && s.declaration.id) exports.set(s.declaration.id.name, s.declaration.id.name);
      for (const sp of s.specifiers) {
        // `export * as fns from './fns'`: the name stands for that module's namespace.
        if (sp.type === 'ExportNamespaceSpecifier' && s.source && sp.exported.type === 'Identifier') {
          imports.set(`__reexport_${sp.exported.name}`, { source: s.source.value, imported: '*' });
          exports.set(sp.exported.name, `__reexport_${sp.exported.name}`);
        }
        if (sp.type !== 'ExportSpecifier') continue;
        const exported = sp.exported.type === 'Identifier' ? sp.exported.name : sp.exported.value;
        if (s.source) {
          imports.set(`__reexport_${exported}`, { source: s.source.value, imported: sp.local.name });
          exports.set(exported, `__reexport_${exported}`);
        } else exports.set(exported, sp.local.name);
      }
    } else if (s.type === 'ExportDefaultDeclaration') {
      const d = s.declaration;
      if (d.type === 'Identifier') exports.set('default', d.name);
      else if ((d.type === 'FunctionDeclaration' || d.type === 'ClassDeclaration') && d.id) exports.set('default', d.id.name);
      else if (d.type !== 'FunctionDeclaration' && d.type !== 'ClassDeclaration' && d.type !== 'TSDeclareFunction') exports.set('default', d as t.Expression);
    } else if (s.type === 'ExportAllDeclaration') exports.set(`*${s.source.value}`, s.source.value);
    else if (s.type === 'ExpressionStatement' && s.expression.type === 'AssignmentExpression') {
      // CommonJS: `module.exports = {...}`, `module.exports.x = ...`, `exports.x = ...`.
      const left = dotted(s.expression.left);
      if (left === 'module.exports') exports.set('default', s.expression.right);
      else if (left?.startsWith('module.exports.') || left?.startsWith('exports.')) exports.set(left.split('.').pop() as string, s.expression.right);
    }
  }
  for (const [local, init] of bindings) {
    // `const x = require('./y')` is an import of y's default (CommonJS module.exports).
    const n = unwrap(init);
    if (n.type === 'CallExpression' && n.callee.type === 'Identifier' && n.callee.name === 'require' && n.arguments[0]?.type === 'StringLiteral') {
      imports.set(local, { source: n.arguments[0].value, imported: 'default' });
      bindings.delete(local);
    }
  }
  return { file, ast, bindings, imports, exports, functions, classes };
}
