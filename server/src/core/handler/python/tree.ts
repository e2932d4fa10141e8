// Small helpers over tree-sitter nodes: named children, string literals, walking with a skip.
import type { Node } from 'web-tree-sitter';

/** Named children without the nulls web-tree-sitter may give. */
export function kids(n: Node): Node[] {
  return n.namedChildren.filter((c): c is Node => c !== null);
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
