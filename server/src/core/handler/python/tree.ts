// The Python syntax tree as plain JavaScript objects (copied out of tree-sitter in one cursor walk), and
// small helpers over it: named children, string literals, walking with a skip.
import type { Tree } from 'web-tree-sitter';

/**
 * A syntax node with the subset of web-tree-sitter's Node API the front end uses. Why a copy: every
 * property of a web-tree-sitter Node is a call into WebAssembly, and the front end reads each node many
 * times in several passes; on a cold server those crossings, not the parse, were most of the first
 * analysis (a CPU profile: `type`, `namedChildren`, `childForFieldName`). Copying costs a few calls per
 * node once; everything after is plain JavaScript.
 */
export class Node {
  /** Every child, named or not (operators, keywords, `async`), in source order. */
  readonly children: Node[] = [];
  /** The field name of each child (`name`, `body`, …), null where it has none. */
  readonly fields: (string | null)[] = [];
  parent: Node | null = null;
  /** This node's index in its parent's `children`. */
  index = 0;
  /** This node or a descendant is an ERROR or MISSING node (tree-sitter's `hasError`). */
  hasError = false;
  private named: Node[] | undefined;

  // `source` and the indices change only when copyTree reuses the node for the next version of the text
  // (the same text, perhaps shifted: see Reuse).
  constructor(
    private source: string,
    readonly type: string,
    public startIndex: number,
    public endIndex: number,
    readonly isNamed: boolean,
    readonly isMissing: boolean,
  ) {}

  /** Moves this node (not its children) into `source`, `delta` characters later. */
  rebase(source: string, delta: number): void {
    this.source = source;
    this.startIndex += delta;
    this.endIndex += delta;
  }

  get isError(): boolean {
    return this.type === 'ERROR';
  }

  get text(): string {
    return this.source.slice(this.startIndex, this.endIndex);
  }

  get namedChildren(): Node[] {
    return (this.named ??= this.children.filter((c) => c.isNamed));
  }

  get firstChild(): Node | null {
    return this.children[0] ?? null;
  }

  get lastChild(): Node | null {
    return this.children[this.children.length - 1] ?? null;
  }

  get previousSibling(): Node | null {
    return this.parent?.children[this.index - 1] ?? null;
  }

  child(i: number): Node | null {
    return this.children[i] ?? null;
  }

  childForFieldName(name: string): Node | null {
    const i = this.fields.indexOf(name);
    return i < 0 ? null : (this.children[i] ?? null);
  }

  childrenForFieldName(name: string): Node[] {
    return this.children.filter((_, i) => this.fields[i] === name);
  }

  equals(other: Node): boolean {
    return other === this;
  }
}

/**
 * The previous copy of the same document, for an incremental copy: tree-sitter re-parsed the new text
 * from the edited old tree, so a top-level statement outside the edit and outside every range whose
 * structure changed (`changed`, from Tree.getChangedRanges) has the same subtree as before, only shifted
 * by `delta` when it lies after the edit. Such statements are taken from `root` instead of copied again
 * (copying is the costly part: a few calls into WebAssembly per node, about 70 ms for 3,000 lines).
 */
export interface Reuse {
  readonly root: Node;
  /** The edit, in old-text offsets up to `oldEnd` and new-text offsets up to `newEnd`. */
  readonly start: number;
  readonly oldEnd: number;
  readonly newEnd: number;
  readonly changed: readonly { readonly startIndex: number; readonly endIndex: number }[];
}

/** The tree copied out of tree-sitter (`source` is the parsed text), and its comments in source order. */
export function copyTree(tree: Tree, source: string, reuse?: Reuse): { root: Node; comments: Node[] } {
  const { types, fields } = tree.language;
  const namedById = new Map<number, boolean>();
  const cursor = tree.walk();
  const comments: Node[] = [];
  const make = (): Node => {
    const id = cursor.nodeTypeId;
    let isNamed = namedById.get(id);
    if (isNamed === undefined) {
      isNamed = cursor.nodeIsNamed;
      namedById.set(id, isNamed);
    }
    const start = cursor.startIndex;
    const end = cursor.endIndex;
    // Only an empty node can be one the parser inserted to recover (MISSING).
    const n = new Node(source, types[id] ?? 'ERROR', start, end, isNamed, start === end && cursor.nodeIsMissing);
    if (n.type === 'comment') comments.push(n);
    return n;
  };
  const finish = (n: Node): void => {
    n.hasError = n.isError || n.isMissing || n.children.some((c) => c.hasError);
  };
  const attach = (parent: Node, n: Node, field: number): void => {
    n.parent = parent;
    n.index = parent.children.length;
    parent.children.push(n);
    parent.fields.push(field ? (fields[field] ?? null) : null);
  };
  /** Copies the cursor's node and its subtree; the cursor ends on that node again. */
  const copySubtree = (): Node => {
    const top = make();
    if (!cursor.gotoFirstChild()) {
      finish(top);
      return top;
    }
    let parent = top;
    for (;;) {
      const n = make();
      attach(parent, n, cursor.currentFieldId);
      if (cursor.gotoFirstChild()) {
        parent = n;
        continue;
      }
      finish(n);
      while (!cursor.gotoNextSibling()) {
        finish(parent);
        cursor.gotoParent();
        if (parent === top) return top;
        parent = parent.parent as Node;
      }
    }
  };
  if (!reuse) {
    const root = copySubtree();
    cursor.delete();
    return { root, comments };
  }
  const delta = reuse.newEnd - reuse.oldEnd;
  const old = new Map(reuse.root.children.map((c) => [c.startIndex, c]));
  const touched = (start: number, end: number): boolean => reuse.changed.some((r) => r.startIndex <= end && r.endIndex >= start);
  /** The old statement that is this one, untouched by the edit and by every structural change; else undefined. */
  const reusable = (start: number, end: number, type: string): Node | undefined => {
    if (touched(start, end)) return undefined;
    const before = end < reuse.start;
    if (!before && start <= reuse.newEnd) return undefined;
    const o = old.get(before ? start : start - delta);
    return o && o.type === type && o.endIndex === (before ? end : end - delta) ? o : undefined;
  };
  const root = make();
  const kept: { node: Node; delta: number }[] = [];
  if (cursor.gotoFirstChild()) {
    do {
      const start = cursor.startIndex;
      const end = cursor.endIndex;
      const o = reusable(start, end, types[cursor.nodeTypeId] ?? 'ERROR');
      if (o) kept.push({ node: o, delta: o.startIndex === start ? 0 : delta });
      attach(root, o ?? copySubtree(), cursor.currentFieldId);
    } while (cursor.gotoNextSibling());
  }
  finish(root);
  cursor.delete();
  // Kept statements move into the new text (and past the edit); then comments are collected in source order.
  for (const { node, delta: d } of kept) eachNode(node, (n) => n.rebase(source, d));
  const all: Node[] = [];
  eachNode(root, (n) => {
    if (n.type === 'comment') all.push(n);
  });
  return { root, comments: all };
}

/** Visits `root` and every descendant, named or not, in source order (iterative). */
function eachNode(root: Node, visit: (n: Node) => void): void {
  const stack = [root];
  while (stack.length) {
    const n = stack.pop() as Node;
    visit(n);
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i] as Node);
  }
}

/** Named children. */
export function kids(n: Node): Node[] {
  return n.namedChildren;
}

/** The node's range. */
export function span(n: Node): { start: number; end: number } {
  return { start: n.startIndex, end: n.endIndex };
}

/** Unwraps parentheses (`(event["x"])`). */
export function unwrap(n: Node): Node {
  let c = n;
  while (c.type === 'parenthesized_expression') {
    const inner = kids(c)[0];
    if (!inner) return c;
    c = inner;
  }
  return c;
}

/** A plain string literal (no f-string interpolation, not bytes): its value and the range inside the quotes. */
export function stringLiteral(n: Node | null | undefined): { value: string; start: number; end: number } | undefined {
  if (!n || n.type !== 'string') return undefined;
  const start = n.firstChild;
  const end = n.lastChild;
  if (!start || start.type !== 'string_start' || !end || end.type !== 'string_end' || /[bf]/i.test(start.text)) return undefined;
  let value = '';
  for (const c of kids(n)) {
    if (c.type === 'string_content') value += c.text;
    else if (c.type === 'escape_sequence') value += unescape(c.text);
    else if (c.type !== 'string_start' && c.type !== 'string_end') return undefined;
  }
  return { value, start: start.endIndex, end: end.startIndex };
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '0': '\0' };

function unescape(e: string): string {
  return ESCAPES[e.slice(1)] ?? e;
}

/** Return `false` from the visitor to skip a node's children. */
export type Visitor = (node: Node, parent: Node | undefined) => boolean | void;

/** Visits `root` and its named descendants depth-first in source order (iterative: deep code cannot overflow). */
export function walk(root: Node, visit: Visitor): void {
  const stack: [Node, Node | undefined][] = [[root, undefined]];
  while (stack.length) {
    const [node, parent] = stack.pop() as [Node, Node | undefined];
    if (visit(node, parent) === false) continue;
    const children = kids(node);
    for (let i = children.length - 1; i >= 0; i--) stack.push([children[i] as Node, node]);
  }
}

/** Function-like nodes whose body is another scope (their returns are not the handler's). */
export function isScope(n: Node): boolean {
  return n.type === 'function_definition' || n.type === 'lambda' || n.type === 'class_definition';
}

/**
 * Where a block's region ends: after the whitespace that follows its last statement, so a cursor on
 * a new line typed at the end of an `if` body (or a `case`) is still inside it.
 */
export function blockEnd(text: string, block: Node): number {
  let i = block.endIndex;
  while (i < text.length && /\s/.test(text[i] ?? '')) i++;
  // Back to the end of the last blank line: the next statement's indentation is not the block's.
  const nl = text.lastIndexOf('\n', i - 1);
  return nl >= block.endIndex ? nl : block.endIndex;
}
