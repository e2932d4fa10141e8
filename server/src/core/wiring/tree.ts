// A small position-carrying value tree that every reader works on, whatever the source syntax
// (YAML, JSON, a TypeScript object literal): maps, sequences and scalars, each with its 1-based line.

/** A map node; a duplicated key keeps its last value, as YAML and JSON loaders do. */
export interface MapNode {
  readonly kind: 'map';
  /** The file the node was read from, root-relative (included files keep their own). */
  readonly file: string;
  readonly line: number;
  readonly entries: ReadonlyMap<string, { readonly keyLine: number; readonly value: Node }>;
}
export interface SeqNode {
  readonly kind: 'seq';
  readonly file: string;
  readonly line: number;
  readonly items: readonly Node[];
}
export interface ScalarNode {
  readonly kind: 'scalar';
  readonly file: string;
  readonly line: number;
  readonly value: string | number | boolean | null;
}
/** An expression a reader cannot evaluate (a function call in a TypeScript config, ...): its source text. */
export interface OpaqueNode {
  readonly kind: 'opaque';
  readonly file: string;
  readonly line: number;
  readonly text: string;
}
export type Node = MapNode | SeqNode | ScalarNode | OpaqueNode;

/** The child at `key` of a map, or undefined. */
export function child(node: Node | undefined, key: string): Node | undefined {
  return node?.kind === 'map' ? node.entries.get(key)?.value : undefined;
}

/** The node at a path of map keys. */
export function at(node: Node | undefined, ...keys: string[]): Node | undefined {
  let n = node;
  for (const k of keys) n = child(n, k);
  return n;
}

/** The line of the key `key` in the map (falls back to the map's line). */
export function keyLine(node: Node | undefined, key: string): number {
  return node?.kind === 'map' ? (node.entries.get(key)?.keyLine ?? node.line) : (node?.line ?? 1);
}

/** A scalar's value as a string (numbers and booleans too), else undefined. */
export function str(node: Node | undefined): string | undefined {
  if (node?.kind !== 'scalar' || node.value === null) return undefined;
  return String(node.value);
}

/** A map's entries as [key, value] pairs, [] for anything else. */
export function entries(node: Node | undefined): [string, Node][] {
  return node?.kind === 'map' ? [...node.entries].map(([k, v]) => [k, v.value]) : [];
}

/** A sequence's items, or the node itself as a one-item list, [] when undefined. */
export function items(node: Node | undefined): readonly Node[] {
  if (!node) return [];
  return node.kind === 'seq' ? node.items : [node];
}

/** Short source-like text of a node for messages (`!GetAtt Fn.Arn`, `${self:service}-x`). */
export function show(node: Node | undefined): string {
  if (!node) return '(nothing)';
  if (node.kind === 'scalar') return String(node.value);
  if (node.kind === 'opaque') return node.text;
  if (node.kind === 'seq') return `[${node.items.map(show).join(', ')}]`;
  const e = [...node.entries];
  if (e.length === 1 && e[0]) {
    const [k, v] = e[0];
    if (k === 'Fn::GetAtt' && v.value.kind === 'seq') return `!GetAtt ${v.value.items.map(show).join('.')}`;
    if (k === 'Ref' || k.startsWith('Fn::')) return `!${k.replace(/^Fn::/, '')} ${show(v.value)}`;
  }
  return `{${e.map(([k, v]) => `${k}: ${show(v.value)}`).join(', ')}}`;
}

/** Builds a map node (for readers that synthesize values, such as `${file()}` includes). */
export function mapNode(file: string, line: number, pairs: [string, number, Node][]): MapNode {
  return { kind: 'map', file, line, entries: new Map(pairs.map(([k, keyLine, value]) => [k, { keyLine, value }])) };
}
