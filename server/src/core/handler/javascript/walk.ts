// A small generic walker over Babel AST nodes (no @babel/traverse: it would add 1 MB to the server).
import type { Node } from '@babel/types';

const SKIP = new Set(['loc', 'start', 'end', 'extra', 'leadingComments', 'trailingComments', 'innerComments', 'range', 'errors', 'tokens', 'comments']);

/** Return `false` from the visitor to skip a node's children. */
export type Visitor = (node: Node, parent: Node | undefined, key: string) => boolean | void;

function isNode(v: unknown): v is Node {
  return typeof v === 'object' && v !== null && typeof (v as { type?: unknown }).type === 'string';
}

/** Visits `root` and its descendants depth-first in source order (iterative: deep code cannot overflow the stack). */
export function walk(root: Node, visit: Visitor): void {
  const stack: [Node, Node | undefined, string][] = [[root, undefined, '']];
  while (stack.length) {
    const [node, parent, key] = stack.pop() as [Node, Node | undefined, string];
    if (visit(node, parent, key) === false) continue;
    const children: [Node, Node | undefined, string][] = [];
    for (const k of Object.keys(node)) {
      if (SKIP.has(k)) continue;
      const v = (node as unknown as Record<string, unknown>)[k];
      if (Array.isArray(v)) {
        for (const c of v) if (isNode(c)) children.push([c, node, k]);
      } else if (isNode(v)) children.push([v, node, k]);
    }
    // Source order: sort by start, then push in reverse so the first pops first.
    children.sort((a, b) => (a[0].start ?? 0) - (b[0].start ?? 0));
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as [Node, Node | undefined, string]);
  }
}

/** Unwraps parentheses, TypeScript casts and non-null assertions. */
export function unwrap(node: Node): Node {
  let n = node;
  for (;;) {
    if (n.type === 'TSAsExpression' || n.type === 'TSNonNullExpression' || n.type === 'TSSatisfiesExpression' || n.type === 'TSTypeAssertion' || n.type === 'ParenthesizedExpression') n = n.expression;
    else return n;
  }
}

/** The node's start and end offsets (0 when Babel left them out). */
export function span(node: Node): { start: number; end: number } {
  return { start: node.start ?? 0, end: node.end ?? 0 };
}

/** True for the function node types a handler can be. */
export function isFunction(node: Node): node is Extract<Node, { type: 'ArrowFunctionExpression' | 'FunctionExpression' | 'FunctionDeclaration' }> {
  return node.type === 'ArrowFunctionExpression' || node.type === 'FunctionExpression' || node.type === 'FunctionDeclaration';
}
