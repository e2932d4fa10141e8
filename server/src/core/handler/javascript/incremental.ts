// Re-parses only the top-level statements an edit touches and splices them into the previous tree: in a
// 3,000-line handler the whole-file Babel parse was most of the time from keystroke to diagnostics.
import { parse, type ParserOptions } from '@babel/parser';
import type { Comment, File, Node, Statement } from '@babel/types';
import { commonPrefix, commonSuffix } from '../offsets';
import { VISITOR_KEYS } from './visitorKeys';

/** A clean parse kept for the next edit: the text it was made from and its tree (mutated by the next splice). */
export interface ReusableParse {
  readonly text: string;
  readonly ast: File;
  /** The parser options it was made with; a reparse must use the same ones. */
  readonly options: ParserOptions;
}

type Mutable = { start?: number | null; end?: number | null; extra?: Record<string, unknown> | null };
type WithComments = { leadingComments?: Comment[] | null; trailingComments?: Comment[] | null; innerComments?: Comment[] | null };

const SKIP = new Set(['loc', 'start', 'end', 'extra', 'leadingComments', 'trailingComments', 'innerComments', 'range', 'errors', 'tokens', 'comments']);

/** Shifts a comment once (the same object is in `File.comments` and attached to one or two nodes). */
function shiftComment(c: Comment, delta: number, done: Set<Comment>): void {
  if (done.has(c)) return;
  done.add(c);
  c.start = (c.start ?? 0) + delta;
  c.end = (c.end ?? 0) + delta;
}

/** Every node under a kept top-level statement, and the comments attached to them, flattened once. */
interface Flat {
  readonly nodes: (Node & Mutable)[];
  /** Nodes whose `extra` holds offsets (parenthesised expressions, trailing commas): few. */
  readonly extras: (Node & Mutable)[];
  readonly comments: Comment[];
}

/**
 * Each statement's nodes, kept while the statement is in the tree: an edit near the top of a large file
 * shifts every statement after it, and walking their trees again at each keystroke was most of the
 * analysis time (a flat list shifts about ten times faster than the keyed walk that builds it).
 */
const flattened = new WeakMap<Node, Flat>();

/** The nodes and attached comments of `root`, by a keyed walk (VISITOR_KEYS; any key for a node type newer than the table). */
function flatten(root: Node): Flat {
  const nodes: (Node & Mutable)[] = [];
  const extras: (Node & Mutable)[] = [];
  const comments = new Set<Comment>();
  const stack: Node[] = [root];
  const push = (v: unknown): void => {
    if (Array.isArray(v)) {
      for (const c of v) if (c !== null && typeof c === 'object' && typeof (c as { type?: unknown }).type === 'string') stack.push(c as Node);
    } else if (v !== null && typeof v === 'object' && typeof (v as { type?: unknown }).type === 'string') stack.push(v as Node);
  };
  while (stack.length) {
    const node = stack.pop() as Node & Mutable & WithComments;
    nodes.push(node);
    const extra = node.extra;
    if (extra && (typeof extra.parenStart === 'number' || typeof extra.trailingComma === 'number')) extras.push(node);
    if (node.leadingComments) for (const c of node.leadingComments) comments.add(c);
    if (node.trailingComments) for (const c of node.trailingComments) comments.add(c);
    if (node.innerComments) for (const c of node.innerComments) comments.add(c);
    const record = node as unknown as Record<string, unknown>;
    const keys = VISITOR_KEYS[node.type];
    if (keys) for (const k of keys) push(record[k]);
    else for (const k in node) if (!SKIP.has(k)) push(record[k]);
  }
  return { nodes, extras, comments: [...comments] };
}

/**
 * Moves `root` and everything under it by `delta` characters. Only the offsets move: `loc` line and
 * column objects are shared between nodes in Babel's trees, so they are left stale (the front end
 * reads only `start`/`end`; test/unit/incrementalParse.test.ts checks that it never reads `loc`).
 */
function shiftTree(root: Node, delta: number, done: Set<Comment>): void {
  let flat = flattened.get(root);
  if (!flat) {
    flat = flatten(root);
    flattened.set(root, flat);
  }
  for (const node of flat.nodes) {
    node.start = (node.start ?? 0) + delta;
    node.end = (node.end ?? 0) + delta;
  }
  for (const node of flat.extras) {
    const extra = node.extra as Record<string, unknown>;
    if (typeof extra.parenStart === 'number') extra.parenStart += delta;
    if (typeof extra.trailingComma === 'number') extra.trailingComma += delta;
  }
  for (const c of flat.comments) shiftComment(c, delta, done);
}

/** Line (1-based) and column of `offset`, for the slice's `loc` to start where it is in the file. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart };
}

/**
 * The tree of `text`, made from `prev` by re-parsing the top-level statements around the edit, or
 * undefined when that cannot be done soundly (then the caller parses the whole file).
 *
 * Why it is sound: the slice runs from the end of the last untouched statement before the edit to the
 * start of the second untouched statement after it, so each boundary of the slice sits between tokens
 * the edit did not change, where a whole-file parse would also end a statement. The slice must parse
 * without errors and end its last statement exactly where that statement ends in the new text; anything
 * else (an unclosed comment or template, a statement that now runs on) falls back to a full parse.
 * A slice cannot see a redeclaration across its boundary, so a slice that declares or exports a
 * top-level name a kept statement also declares falls back too (the whole parse reports the error).
 */
export function reparse(prev: ReusableParse, text: string): File | undefined {
  const old = prev.text;
  const body = prev.ast.program.body;
  if (!body.length || old === text) return old === text ? prev.ast : undefined;
  const a = commonPrefix(old, text);
  const bOld = old.length - commonSuffix(old, text, a);
  const delta = text.length - old.length;

  // k: the last statement ending at or before the edit (the edit may extend it, so it is re-parsed);
  // m: the first statement starting at or after the edit's end (the edit may absorb it).
  let k = -1;
  for (let i = 0; i < body.length && (body[i]?.end ?? 0) <= a; i++) k = i;
  let m = body.length;
  for (let i = body.length - 1; i >= 0 && (body[i]?.start ?? 0) >= bOld; i--) m = i;
  if (k < 0) return undefined; // the edit is before the first statement: directives, a hashbang
  if (k === 0 && (prev.ast.program.directives.length || prev.ast.program.interpreter)) return undefined;
  const startOld = k > 0 ? (body[k - 1]?.end ?? 0) : 0;
  // The slice ends where the statement after m starts; with no untouched statement after the edit it
  // runs to the end of the file, where there is no boundary to get wrong.
  const atEnd = m >= body.length - 1;
  const endOld = atEnd ? old.length : (body[m + 1]?.start ?? old.length);
  const endNew = endOld + delta;
  if (endNew < startOld || endOld < bOld) return undefined;
  let slice: File;
  try {
    slice = parse(text.slice(startOld, endNew), { ...prev.options, startIndex: startOld, ...startAt(text, startOld) });
  } catch {
    return undefined;
  }
  const errors = (slice as File & { errors?: unknown[] }).errors ?? [];
  const got = slice.program.body;
  if (errors.length || !got.length || slice.program.directives.length || slice.program.interpreter) return undefined;
  if (!atEnd && (got[got.length - 1]?.end ?? -1) !== (body[m]?.end ?? 0) + delta) return undefined;

  const rest = atEnd ? [] : body.slice(m + 1);
  const sliceNames = new Set(got.flatMap(declaredNames));
  if (sliceNames.size && [...body.slice(0, k), ...rest].some((st) => keptNames(st).some((n) => sliceNames.has(n)))) return undefined;
  const done = new Set<Comment>();
  for (const n of rest) shiftTree(n, delta, done);
  const comments = prev.ast.comments ?? [];
  const before = comments.filter((c) => (c.end ?? 0) <= startOld);
  const after = comments.filter((c) => (c.start ?? 0) >= endOld);
  for (const c of after) shiftComment(c, delta, done);
  prev.ast.program.body = [...body.slice(0, k), ...(got as Statement[]), ...rest];
  prev.ast.comments = [...before, ...(slice.comments ?? []), ...after];
  prev.ast.end = text.length;
  prev.ast.program.end = text.length;
  return prev.ast;
}

const names = new WeakMap<Statement, string[]>();
/** `declaredNames` of a kept statement, worked out once while it stays in the tree. */
function keptNames(st: Statement): string[] {
  let n = names.get(st);
  if (!n) names.set(st, (n = declaredNames(st)));
  return n;
}

/** Names a top-level statement declares or exports (exports prefixed), for the redeclaration guard. */
function declaredNames(st: Statement): string[] {
  const out: string[] = [];
  const pattern = (p: Node | null | undefined): void => {
    if (!p) return;
    if (p.type === 'Identifier') out.push(p.name);
    else if (p.type === 'ObjectPattern') for (const q of p.properties) pattern(q.type === 'RestElement' ? q.argument : (q.value as Node));
    else if (p.type === 'ArrayPattern') for (const q of p.elements) pattern(q);
    else if (p.type === 'AssignmentPattern') pattern(p.left);
    else if (p.type === 'RestElement') pattern(p.argument);
  };
  const declaration = (d: Node | null | undefined): void => {
    if (!d) return;
    if (d.type === 'VariableDeclaration') for (const v of d.declarations) pattern(v.id);
    else if ('id' in d && d.id && typeof d.id === 'object' && 'type' in d.id && d.id.type === 'Identifier') out.push(d.id.name);
  };
  if (st.type === 'ImportDeclaration') for (const sp of st.specifiers) out.push(sp.local.name);
  else if (st.type === 'ExportNamedDeclaration') {
    declaration(st.declaration);
    for (const sp of st.specifiers) out.push(`export:${sp.exported.type === 'Identifier' ? sp.exported.name : sp.exported.value}`);
    if (st.declaration) for (const n of [...out]) out.push(`export:${n}`);
  } else if (st.type === 'ExportDefaultDeclaration') {
    out.push('export:default');
    declaration(st.declaration);
  } else declaration(st);
  return out;
}

function startAt(text: string, offset: number): { startLine: number; startColumn: number } {
  const { line, column } = lineColumn(text, offset);
  return { startLine: line, startColumn: column };
}
