// Test helper for handlerAnalysisLinear.test.ts: counts the work of handler analysis instead of timing it.
// Imported first, it hooks the parsers' outputs (Babel's tree, the Python front end's copied tree) so that
// every read of a syntax node goes through a counting proxy, and, while counting, it counts the elements
// each array scan, the characters each string scan and the entries each key listing goes over.
import Module from 'node:module';
import type * as Babel from '@babel/parser';

/** The work counted so far, by kind (only while `countWork` runs). */
export interface Work {
  /** Property reads, `in` tests and listed keys of syntax nodes (and of their child arrays). */
  nodeReads: number;
  /** Elements gone over by array scans and copies (`filter`, `find`, `includes`, `slice`, spread, for-of …). */
  arrayScans: number;
  /** Characters gone over by string scans and copies (`slice`, `indexOf`, regular expressions …). */
  stringScans: number;
  /** Keys listed (`Object.keys`/`entries`, Map and Set iteration). */
  keyListings: number;
}

const work: Work = { nodeReads: 0, arrayScans: 0, stringScans: 0, keyListings: 0 };
let active = false;
/** With HANDLER_WORK_SITES set: the work of each call site that did over 200 units at once, to find where it grows. */
export const sites: Map<string, number> | undefined = process.env.HANDLER_WORK_SITES ? new Map() : undefined;

/** Total work of one kind-weighted run: every unit counts one. */
export const totalWork = (w: Work): number => w.nodeReads + w.arrayScans + w.stringScans + w.keyListings;

/** Runs `f` with the counters on; what it returns and the work it did (parsing itself excluded). */
export function countWork<T>(f: () => T): { result: T; work: Work } {
  for (const k of Object.keys(work) as (keyof Work)[]) work[k] = 0;
  active = true;
  try {
    const result = f();
    return { result, work: { ...work } };
  } finally {
    active = false;
  }
}

/** Runs `f` uncounted (the parsers' own work: Babel and tree-sitter are not what is measured). */
function uncounted<T>(f: () => T): T {
  const was = active;
  active = false;
  try {
    return f();
  } finally {
    active = was;
  }
}

/** A deep counting proxy over a syntax tree; the same object always gets the same proxy (identity holds). */
function counted<T>(root: T): T {
  const proxies = new WeakMap<object, object>();
  // Values the analysis stored back into the tree (Python's cached named children) are proxies already.
  const made = new WeakSet<object>();
  const wrap = (v: unknown): unknown => {
    if (typeof v !== 'object' || v === null || made.has(v)) return v;
    const known = proxies.get(v);
    if (known) return known;
    const proxy = new Proxy(v, {
      get(target, key, receiver) {
        if (active) work.nodeReads++;
        return wrap(Reflect.get(target, key, receiver));
      },
      has(target, key) {
        if (active) work.nodeReads++;
        return Reflect.has(target, key);
      },
      ownKeys(target) {
        const keys = Reflect.ownKeys(target);
        if (active) work.nodeReads += keys.length;
        return keys;
      },
    });
    proxies.set(v, proxy);
    made.add(proxy);
    return proxy;
  };
  return wrap(root) as T;
}

// Babel: `parse` is a plain export of the module object, read at each call by the front end (parse.ts,
// incremental.ts); `import * as` would give a copy, so the module object itself is patched, once.
const HOOKED = Symbol('counted');
function hookBabel(babel: { parse: typeof Babel.parse; [HOOKED]?: true }): void {
  if (babel[HOOKED]) return;
  const realParse = babel.parse;
  babel.parse = ((text: string, options?: Babel.ParserOptions) => counted(uncounted(() => realParse(text, options)))) as typeof Babel.parse;
  babel[HOOKED] = true;
}
hookBabel(Module.createRequire(__filename)('@babel/parser') as { parse: typeof Babel.parse });

// Python: the front end gets its tree from parsePythonNodes (python/parser.ts), whose exports are
// read-only getters; the module is handed out through a proxy that wraps that one function.
type ModuleWithLoad = typeof Module & { _load: (request: string, parent: unknown, isMain: boolean) => unknown; _resolveFilename: (request: string, parent: unknown) => string };
const M = Module as ModuleWithLoad;
const realLoad = M._load;
let pythonParser: unknown;
M._load = function load(request, parent, isMain) {
  const loaded = realLoad.call(this, request, parent, isMain);
  // Another copy of Babel (the sources of another checkout, for a side-by-side count) is hooked too.
  if (request === '@babel/parser') hookBabel(loaded as { parse: typeof Babel.parse });
  if (!request.endsWith('/parser') || !/[\\/]handler[\\/]python[\\/]parser\.ts$/.test(M._resolveFilename(request, parent))) return loaded;
  pythonParser ??= new Proxy(loaded as Record<string, unknown>, {
    get(target, key, receiver) {
      const v = Reflect.get(target, key, receiver) as unknown;
      if (key !== 'parsePythonNodes' || typeof v !== 'function') return v;
      return (...args: unknown[]) => {
        const r = uncounted(() => (v as (...a: unknown[]) => unknown)(...args));
        return r === undefined ? r : counted(r);
      };
    },
  });
  return pythonParser;
};

/** Replaces `owner[name]` with a function that adds `cost(this, args, result)` to `kind` while counting. */
function meter(owner: object, name: PropertyKey, kind: keyof Work, cost: (self: never, args: never[], result: never) => number): void {
  const real = Reflect.get(owner, name) as (...a: unknown[]) => unknown;
  Object.defineProperty(owner, name, {
    configurable: true,
    writable: true,
    value: function metered(this: unknown, ...args: unknown[]): unknown {
      const result = real.apply(this, args);
      if (active) {
        active = false;
        try {
          const c = cost(this as never, args as never[], result as never);
          work[kind] += c;
          if (sites && c > 30) {
            const at = `${kind} ${String(name)} ${(new Error().stack ?? '').split('\n').slice(2, 5).map((l) => l.trim().replace(/^at /, '').replace(/\(?\/work\/wt\/growth\//, '')).join(' < ')}`;
            sites.set(at, (sites.get(at) ?? 0) + c);
          }
        } finally {
          active = true;
        }
      }
      return result;
    },
  });
}

const len = (self: { length: number }): number => self.length;
const resultLen = (_: unknown, __: unknown[], r: { length: number }): number => r.length;

for (const name of ['filter', 'find', 'findIndex', 'findLast', 'findLastIndex', 'some', 'every', 'includes', 'indexOf', 'lastIndexOf', 'map', 'forEach', 'flatMap', 'flat', 'reduce', 'reduceRight', 'join', 'sort', 'reverse', 'fill', 'keys', 'values', 'entries', Symbol.iterator] as const) {
  meter(Array.prototype, name, 'arrayScans', len);
}
meter(Array.prototype, 'slice', 'arrayScans', resultLen);
meter(Array.prototype, 'concat', 'arrayScans', resultLen);
meter(Array.prototype, 'splice', 'arrayScans', len);
meter(Array, 'from', 'arrayScans', resultLen);

for (const name of ['slice', 'substring', 'substr', 'padStart', 'padEnd', 'repeat'] as const) meter(String.prototype, name, 'stringScans', resultLen);
// With a regular expression these call its `exec` (metered below); with a string they go over the text.
const unlessRegExp = (self: string, [pattern]: unknown[]): number => (pattern instanceof RegExp ? 0 : self.length);
for (const name of ['match', 'matchAll', 'replace', 'replaceAll', 'split', 'search'] as const) meter(String.prototype, name, 'stringScans', unlessRegExp);
for (const name of ['trim', 'trimStart', 'trimEnd', 'toLowerCase', 'toUpperCase', 'normalize'] as const) meter(String.prototype, name, 'stringScans', len);
// A search goes over the text from where it starts to where it finds (or to the end).
meter(String.prototype, 'indexOf', 'stringScans', (self: string, [, from]: number[], r: number) => (r >= 0 ? r : self.length) - Math.max(0, from ?? 0) + 1);
meter(String.prototype, 'includes', 'stringScans', (self: string, [, from]: number[]) => self.length - Math.max(0, from ?? 0) + 1);
meter(String.prototype, 'lastIndexOf', 'stringScans', (self: string, [, from]: number[], r: number) => Math.min(self.length, from ?? self.length) - Math.max(0, r) + 1);
// A regular expression goes over its input from where it starts to the end of its match, or to the end of
// the input when it finds none (a sticky one fails where it starts). `test`, `match`, `replace`, `split`
// and `search` all call `exec` once the prototype is patched, so this one meter sees every use.
const realExec = RegExp.prototype.exec;
Object.defineProperty(RegExp.prototype, 'exec', {
  configurable: true,
  writable: true,
  value: function exec(this: RegExp, input: string): RegExpExecArray | null {
    const from = this.global || this.sticky ? this.lastIndex : 0;
    const r = realExec.call(this, input);
    if (active) {
      active = false;
      try {
        const c = r ? r.index + r[0].length - from + 1 : this.sticky ? 1 : String(input).length - from + 1;
        work.stringScans += c;
        if (sites && c > 30) {
          const at = `stringScans exec ${(new Error().stack ?? '').split('\n').slice(2, 6).map((l) => l.trim().replace(/^at /, '').replace(/\(?\/work\/wt\/growth\//, '')).join(' < ')}`;
          sites.set(at, (sites.get(at) ?? 0) + c);
        }
      } finally {
        active = true;
      }
    }
    return r;
  },
});
meter(JSON, 'stringify', 'stringScans', (_: unknown, __: unknown[], r: string | undefined) => r?.length ?? 0);

for (const name of ['keys', 'values', 'entries', 'getOwnPropertyNames'] as const) meter(Object, name, 'keyListings', resultLen);
meter(Object, 'fromEntries', 'keyListings', (_: unknown, __: unknown[], r: object) => Object.keys(r).length);
for (const C of [Map, Set]) for (const name of ['forEach', 'keys', 'values', 'entries', Symbol.iterator] as const) meter(C.prototype, name, 'keyListings', (self: { size: number }) => self.size);
