// Between JSON paths and text: the path at a cursor, and the text range an issue's path points at.
import { findNodeAtOffset, getLocation, getNodePath, type JSONPath, type Node } from 'jsonc-parser';
import type { ParsedJson } from './document';

/** Offset range in the text, end exclusive. */
export interface OffsetRange {
  readonly start: number;
  readonly end: number;
}

/** Where the cursor is, for completion. */
export interface CursorContext {
  /** Path of the object or array the cursor is inside (for a key) or of the value being typed. */
  readonly path: JSONPath;
  /** True when a property key is being typed (or could be inserted) at the cursor. */
  readonly atKey: boolean;
  /** The string/number/literal node under the cursor, to be replaced by the completion. */
  readonly node?: Node;
}

/** The completion context at `offset` (jsonc-parser's scanner-based location, robust on half-typed text). */
export function cursorAt(parsed: ParsedJson, offset: number): CursorContext {
  const loc = getLocation(parsed.text, offset);
  const prev = loc.previousNode;
  const node = prev && offset >= prev.offset && offset <= prev.offset + prev.length ? prev : undefined;
  if (loc.isAtPropertyKey) {
    // The location's path ends with the key being typed ('' when none): the object is its parent.
    return { path: loc.path.slice(0, -1), atKey: true, ...(node ? { node } : {}) };
  }
  return { path: loc.path, atKey: false, ...(node ? { node } : {}) };
}

/** The node under `offset` with its path, and whether it is a property key (for hover). */
export function nodeAt(parsed: ParsedJson, offset: number): { node: Node; path: JSONPath; isKey: boolean } | undefined {
  if (!parsed.root) return undefined;
  const node = findNodeAtOffset(parsed.root, offset, false);
  if (!node) return undefined;
  const parent = node.parent;
  const isKey = parent?.type === 'property' && parent.children?.[0] === node;
  if (node.type === 'property') {
    const value = node.children?.[1];
    return value ? { node, path: getNodePath(value), isKey: true } : undefined;
  }
  if (isKey) {
    const value = parent.children?.[1];
    if (value) return { node, path: getNodePath(value), isKey: true };
    const key = node.value;
    return typeof key === 'string' && parent.parent ? { node, path: [...getNodePath(parent.parent), key], isKey: true } : undefined;
  }
  return { node, path: getNodePath(node), isKey: false };
}

/** How an issue at a path is best underlined. */
export type Anchor = 'value' | 'key';

/**
 * The text range an issue's path points at. A path that exists underlines the value, or the key when
 * `anchor` is 'key' (unknown or misplaced fields). A path that does not exist (a missing field)
 * underlines the key of the nearest existing ancestor, or the opening brace for the root, so the
 * squiggle sits where the field belongs.
 */
export function rangeOfPath(parsed: ParsedJson, path: readonly (string | number)[], anchor: Anchor = 'value'): OffsetRange {
  const root = parsed.root;
  if (!root) return { start: 0, end: Math.min(1, parsed.text.length) };
  const node = path.length === 0 ? root : findNodeAt(root, path);
  if (node) {
    const key = keyOf(node);
    if (anchor === 'key' && key) return span(key);
    // A whole object/array value is too loud: underline its key instead when it has one.
    if ((node.type === 'object' || node.type === 'array') && key) return span(key);
    if (node === root) return { start: root.offset, end: root.offset + 1 };
    return span(node);
  }
  for (let i = path.length - 1; i >= 0; i--) {
    const ancestor = i === 0 ? root : findNodeAt(root, path.slice(0, i));
    if (!ancestor) continue;
    const key = keyOf(ancestor);
    if (key) return span(key);
    return { start: ancestor.offset, end: ancestor.offset + 1 };
  }
  return { start: root.offset, end: root.offset + 1 };
}

/** The whole node at `path` (an object or array included), or an empty range when absent. */
export function nodeSpan(parsed: ParsedJson, path: readonly (string | number)[]): OffsetRange {
  const node = parsed.root && (path.length === 0 ? parsed.root : findNodeAt(parsed.root, path));
  return node ? span(node) : { start: -1, end: -1 };
}

/** Each object node's properties by key, built once per node: lookups by path stay O(depth). */
const propertyIndex = new WeakMap<Node, Map<string, Node>>();

/**
 * The node at `path` under `root`, like jsonc-parser's findNodeAtLocation (first property of a key
 * wins) but indexed: that one scans an object's properties on every call, so locating one issue per
 * key of a 10,000-key object was quadratic.
 */
export function findNodeAt(root: Node, path: readonly (string | number)[]): Node | undefined {
  let node: Node | undefined = root;
  for (const seg of path) {
    if (!node) return undefined;
    if (typeof seg === 'string') {
      if (node.type !== 'object' || !node.children) return undefined;
      let index = propertyIndex.get(node);
      if (!index) {
        index = new Map();
        for (const prop of node.children) {
          const key = prop.children?.[0]?.value;
          const value = prop.children?.[1];
          if (typeof key === 'string' && value && !index.has(key)) index.set(key, value);
        }
        propertyIndex.set(node, index);
      }
      node = index.get(seg);
    } else {
      if (node.type !== 'array' || !node.children || seg < 0 || seg >= node.children.length) return undefined;
      node = node.children[seg];
    }
  }
  return node;
}

/** The key node of a property's value node, if the node is a property value. */
function keyOf(node: Node): Node | undefined {
  const parent = node.parent;
  return parent?.type === 'property' && parent.children?.[1] === node ? parent.children[0] : undefined;
}

const span = (n: Node): OffsetRange => ({ start: n.offset, end: n.offset + n.length });
