// Incremental YAML parsing for the wiring cache: a large file is cut into its top-level blocks (and the
// entries of a large block map such as `functions:` or `Resources:`), each parsed on its own and kept
// by its text, so an edit to one function re-parses that function only. The tree is the same as
// parseYaml's; whenever a cut could change the meaning (anchors, several documents, flow collections
// or block scalars at the margin, a parse error), the whole text is parsed instead.
import { mapNode, type Node } from './tree';
import { parseYaml } from './yamlTree';

/** Smaller files are parsed whole: the cut would cost more than it saves. */
const MIN_CHARS = 16 * 1024;
/** A top-level block with more lines than this is cut into its entries. */
const MIN_BLOCK_LINES = 40;

// A mapping key at the start of the (de-indented) line: plain or quoted, then `:` and a space or the end.
const KEY = /^(?:[^\s#\-?:[\]{}'"!&*|>%@`,][^#\n]*?|"[^"\n]*"|'[^'\n]*'):(?:\s|$)/;
// Anchors and aliases tie blocks together; `---`/`...`/directives make several documents.
const UNSAFE = /(^|[\s[{,])[&*][^\s]|^(---|\.\.\.|%)/m;
// One leading `---` (common atop templates) starts the only document: blanked, lines keep their numbers.
const LEADING_MARKER = /^((?:[ \t]*(?:#[^\n]*)?\r?\n)*)---[ \t]*(#[^\n]*)?(?=\r?\n|$)/;

interface Piece {
  /** 0-based index of the piece's first line in the file. */
  readonly start: number;
  readonly text: string;
}

/** A block: a piece parsed whole, or a header key whose value map is cut into entry pieces. */
type Block = { readonly whole: Piece } | { readonly key: string; readonly keyLine: number; readonly entries: readonly Piece[] };

const indentOf = (line: string): number => line.length - line.trimStart().length;
const isContent = (line: string): boolean => {
  const t = line.trim();
  return t !== '' && !t.startsWith('#');
};

/** Cuts the text into blocks, or undefined when a cut is not safe. */
function cut(lines: readonly string[], minBlockLines: number): Block[] | undefined {
  const starts: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i] as string;
    if (!isContent(l) || indentOf(l) > 0) continue;
    // A content line at the margin that is not a key (`}`, `- item`, a tag) belongs to no block we know.
    if (!KEY.test(l)) return undefined;
    starts.push(i);
  }
  if (!starts.length) return undefined;
  starts[0] = 0; // leading comments go with the first block
  const blocks: Block[] = [];
  for (let b = 0; b < starts.length; b++) {
    const from = starts[b] as number;
    const to = b + 1 < starts.length ? (starts[b + 1] as number) : lines.length;
    blocks.push(entriesOf(lines, from, to, minBlockLines) ?? { whole: { start: from, text: lines.slice(from, to).join('\n') } });
  }
  return blocks;
}

/** A large `key:` block whose value is a block map, cut at its entries; undefined to keep it whole. */
function entriesOf(lines: readonly string[], from: number, to: number, minBlockLines: number): Block | undefined {
  if (to - from < minBlockLines) return undefined;
  let header = from;
  while (header < to && !isContent(lines[header] as string)) header++;
  const m = /^([A-Za-z_][\w.-]*):\s*(#.*)?$/.exec(lines[header] as string);
  if (!m?.[1]) return undefined;
  let first = header + 1;
  while (first < to && !isContent(lines[first] as string)) first++;
  if (first >= to) return undefined;
  const indent = indentOf(lines[first] as string);
  const starts: number[] = [];
  for (let i = first; i < to; i++) {
    const l = lines[i] as string;
    if (!isContent(l)) continue;
    const n = indentOf(l);
    if (n < indent) return undefined;
    if (n === indent) {
      if (!KEY.test(l.slice(n))) return undefined;
      starts.push(i);
    }
  }
  const entries: Piece[] = [];
  for (let e = 0; e < starts.length; e++) {
    const start = e === 0 ? header + 1 : (starts[e] as number);
    const end = e + 1 < starts.length ? (starts[e + 1] as number) : to;
    entries.push({ start, text: lines.slice(start, end).join('\n') });
  }
  return { key: m[1], keyLine: header + 1, entries };
}

/** The same tree with every line moved by `by`. */
function shift(n: Node, by: number): Node {
  if (by === 0) return n;
  switch (n.kind) {
    case 'map':
      return mapNode(n.file, n.line + by, [...n.entries].map(([k, v]) => [k, v.keyLine + by, shift(v.value, by)]));
    case 'seq':
      return { ...n, line: n.line + by, items: n.items.map((i) => shift(i, by)) };
    default:
      return { ...n, line: n.line + by };
  }
}

/** One file's incremental parser: keeps the pieces of its last parse. */
export class ChunkedYaml {
  // Each piece's tree at the lines where it last stood (`start`): unmoved pieces are reused as they are.
  private pieces = new Map<string, { tree: Node | null; start: number }>();
  /** How the last parse went: whole (not cut), seeded (whole, its subtrees kept as pieces), pieces (only changed pieces parsed). */
  lastMode: 'whole' | 'seeded' | 'pieces' = 'whole';
  /** In `pieces` mode, how many pieces had to be parsed (the rest came from the previous parse). */
  lastParsed = 0;

  constructor(
    readonly file: string,
    private readonly limits: { readonly minChars?: number; readonly minBlockLines?: number } = {},
  ) {}

  /** The tree of `text`, as parseYaml(text, file).root gives it. */
  parse(text: string): Node | undefined {
    const clean = text.replace(/^\uFEFF/, '').replace(LEADING_MARKER, '$1');
    if (clean.length < (this.limits.minChars ?? MIN_CHARS) || UNSAFE.test(clean) || clean.trimStart().startsWith('{') || clean.trimStart().startsWith('[')) return this.whole(text);
    const blocks = cut(clean.split(/\r?\n/), this.limits.minBlockLines ?? MIN_BLOCK_LINES);
    if (!blocks) return this.whole(text);
    // First sight of the file: one whole parse (faster than many small ones), and its subtrees become the pieces.
    if (!this.pieces.size) return this.seed(text, blocks);
    this.lastMode = 'pieces';
    this.lastParsed = 0;
    const next = new Map<string, { tree: Node | null; start: number }>();
    // A piece's tree at its lines; undefined when it is not a map (or fails to parse).
    const piece = (p: Piece): Node | undefined => {
      const had = next.get(p.text) ?? this.pieces.get(p.text);
      let tree: Node | null;
      if (had) tree = had.tree && shift(had.tree, p.start - had.start);
      else {
        this.lastParsed++;
        const parsed = parseYaml(p.text, this.file);
        tree = !parsed.error && parsed.root?.kind === 'map' ? shift(parsed.root, p.start) : null;
      }
      next.set(p.text, { tree, start: p.start });
      return tree ?? undefined;
    };
    const pairs: [string, number, Node][] = [];
    for (const b of blocks) {
      if ('whole' in b) {
        const t = piece(b.whole);
        if (t?.kind !== 'map') return this.whole(text);
        for (const [k, v] of t.entries) pairs.push([k, v.keyLine, v.value]);
        continue;
      }
      const inner: [string, number, Node][] = [];
      for (const e of b.entries) {
        const t = piece(e);
        if (t?.kind !== 'map') return this.whole(text);
        for (const [k, v] of t.entries) inner.push([k, v.keyLine, v.value]);
      }
      pairs.push([b.key, b.keyLine, mapNode(this.file, inner[0]?.[1] ?? b.keyLine, inner)]);
    }
    this.pieces = next;
    return mapNode(this.file, pairs[0]?.[1] ?? 1, pairs);
  }

  /** Parses whole, then keeps each block's (or entry's) subtree as that piece, lines counted from the piece. */
  private seed(text: string, blocks: readonly Block[]): Node | undefined {
    this.pieces.clear();
    this.lastMode = 'whole';
    const parsed = parseYaml(text, this.file);
    const root = parsed.root;
    // A text with a syntax error is never cut: where it recovers decides the tree.
    if (parsed.error || root?.kind !== 'map') return root;
    const next = new Map<string, { tree: Node | null; start: number }>();
    // A piece gets the entries whose key lies in its lines; its first content line must be the first key, or the cut is not trusted.
    const keep = (p: Piece, map: Node | undefined): boolean => {
      if (map?.kind !== 'map') return false;
      const lines = p.text.split('\n');
      const firstContent = lines.findIndex(isContent);
      const inside = [...map.entries].filter(([, v]) => v.keyLine > p.start && v.keyLine <= p.start + lines.length);
      if (!inside.length || inside[0]?.[1].keyLine !== p.start + firstContent + 1) return false;
      next.set(p.text, { tree: mapNode(this.file, inside[0][1].keyLine, inside.map(([k, v]) => [k, v.keyLine, v.value])), start: p.start });
      return true;
    };
    for (const b of blocks) {
      const ok = 'whole' in b ? keep(b.whole, root) : b.entries.every((e) => keep(e, root.entries.get(b.key)?.value));
      if (!ok) return root;
    }
    this.pieces = next;
    this.lastMode = 'seeded';
    return root;
  }

  private whole(text: string): Node | undefined {
    this.pieces.clear();
    this.lastMode = 'whole';
    return parseYaml(text, this.file).root;
  }
}
