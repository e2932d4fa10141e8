// HCL (Terraform) parsing with tree-sitter's HCL grammar (@tree-sitter-grammars/tree-sitter-hcl,
// run by web-tree-sitter as WebAssembly, so no native module), turned into the position-carrying tree.
// The .wasm files sit beside the bundle in dist/ (esbuild.mjs copies them) or in node_modules.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Node as TsNode, Parser as TsParser } from 'web-tree-sitter';
import { initTreeSitter } from '../treeSitter';
import { mapNode, type Node } from './tree';

/** A `resource "type" "name" { ... }`-style block: its type word, labels, body and line. */
export interface HclBlock {
  readonly type: string;
  readonly labels: readonly string[];
  readonly body: Node;
  readonly file: string;
  readonly line: number;
}

let parser: Promise<TsParser | undefined> | undefined;

/** The wasm file `name`: beside this bundle, else from its npm package (`spec` as the package exports it). */
function wasmPath(name: string, spec: string): string | undefined {
  const here = path.join(__dirname, name);
  if (fs.existsSync(here)) return here;
  try {
    return require.resolve(spec);
  } catch {
    return undefined;
  }
}

/** The shared parser, loaded on first use; undefined when the grammar cannot be loaded (said once by the caller). */
export function hclParser(): Promise<TsParser | undefined> {
  parser ??= (async () => {
    // require, not import(): bundled as CommonJS, web-tree-sitter's ESM build would need import.meta.url.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { Parser, Language } = require('web-tree-sitter') as typeof import('web-tree-sitter');
    const core = wasmPath('web-tree-sitter.wasm', 'web-tree-sitter/web-tree-sitter.wasm');
    const grammar = wasmPath('tree-sitter-terraform.wasm', '@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm');
    if (!core || !grammar) return undefined;
    await initTreeSitter(core);
    const p = new Parser();
    p.setLanguage(await Language.load(grammar));
    return p;
  })().catch((e: unknown) => {
    if (process.env.COGNITO_TRIGGERS_DEBUG) process.stderr.write(`HCL parser: ${e instanceof Error ? e.stack : String(e)}\n`);
    return undefined;
  });
  return parser;
}

/** Parses a .tf file into its top-level blocks and attributes; `moduleDir` resolves `${path.module}`. */
export function parseHcl(p: TsParser, text: string, file: string, moduleDir: string): { blocks: HclBlock[]; hasError: boolean } {
  const tree = p.parse(text.replace(/^\uFEFF/, ''));
  if (!tree) return { blocks: [], hasError: true };
  const body = tree.rootNode.namedChildren.find((c) => c?.type === 'body');
  const blocks: HclBlock[] = [];
  for (const c of body?.namedChildren ?? []) {
    if (c?.type !== 'block') continue;
    const b = toBlock(c, file, moduleDir);
    if (b) blocks.push(b);
  }
  const hasError = tree.rootNode.hasError;
  tree.delete();
  return { blocks, hasError };
}

/** The top-level attributes of a file (a `.tfvars` file: `prefix = "shop"`), as a map. */
export function parseHclAttributes(p: TsParser, text: string, file: string): Node {
  const tree = p.parse(text.replace(/^\uFEFF/, ''));
  if (!tree) return mapNode(file, 1, []);
  const body = tree.rootNode.namedChildren.find((c) => c?.type === 'body');
  const out = bodyToTree(body ?? undefined, file, '', 1);
  tree.delete();
  return out;
}

function toBlock(n: TsNode, file: string, moduleDir: string): HclBlock | undefined {
  const kids = n.namedChildren.filter((c): c is TsNode => !!c);
  const type = kids[0]?.type === 'identifier' ? kids[0].text : undefined;
  if (!type) return undefined;
  const labels = kids.slice(1).filter((c) => c.type === 'string_lit' || c.type === 'identifier').map((c) => (c.type === 'string_lit' ? stringOf(c) : c.text));
  const bodyNode = kids.find((c) => c.type === 'body');
  return { type, labels, body: bodyToTree(bodyNode, file, moduleDir, n.startPosition.row + 1), file, line: n.startPosition.row + 1 };
}

const stringOf = (n: TsNode): string => n.namedChildren.filter((c): c is TsNode => c?.type === 'template_literal').map((c) => c.text).join('');

/** A block body: attributes by name, nested blocks by type (a repeated block type keeps the first). */
function bodyToTree(n: TsNode | undefined, file: string, moduleDir: string, line: number): Node {
  const pairs: [string, number, Node][] = [];
  for (const c of n?.namedChildren ?? []) {
    if (!c) continue;
    const row = c.startPosition.row + 1;
    if (c.type === 'attribute') {
      const name = c.namedChildren[0]?.text;
      const expr = c.namedChildren[1];
      if (name && expr) pairs.push([name, row, exprToTree(expr, file, moduleDir)]);
    } else if (c.type === 'block') {
      const b = toBlock(c, file, moduleDir);
      if (b && !pairs.some(([k]) => k === b.type)) pairs.push([b.type, row, b.body]);
    }
  }
  return mapNode(file, line, pairs);
}

/** An expression: literals and `${path.module}` templates become scalars, objects and tuples maps and
 * sequences; references and calls stay opaque with their source text (`aws_lambda_function.x.arn`). */
function exprToTree(n: TsNode, file: string, moduleDir: string): Node {
  const line = n.startPosition.row + 1;
  const e = n.type === 'expression' && n.namedChildCount === 1 && n.namedChildren[0] ? n.namedChildren[0] : n;
  const opaque: Node = { kind: 'opaque', file, line, text: n.text.replace(/\s+/g, ' ') };
  if (e.type === 'literal_value') {
    const v = e.namedChildren[0];
    if (v?.type === 'string_lit') return { kind: 'scalar', file, line, value: stringOf(v) };
    if (v?.type === 'numeric_lit') return { kind: 'scalar', file, line, value: Number(v.text) };
    if (v?.type === 'bool_lit') return { kind: 'scalar', file, line, value: v.text === 'true' };
    if (v?.type === 'null_lit') return { kind: 'scalar', file, line, value: null };
    return opaque;
  }
  if (e.type === 'template_expr') {
    const q = e.namedChildren[0];
    let s = '';
    for (const part of q?.namedChildren ?? []) {
      if (!part) continue;
      if (part.type === 'template_literal') s += part.text;
      else if (part.type === 'template_interpolation') {
        const inner = part.namedChildren.find((x) => x?.type === 'expression')?.text.replace(/\s+/g, '');
        if (inner === 'path.module' || inner === 'path.root' || inner === 'path.cwd') s += `/${inner === 'path.module' ? moduleDir : ''}`;
        else return opaque;
      }
    }
    return { kind: 'scalar', file, line, value: s };
  }
  if (e.type === 'collection_value') {
    const c = e.namedChildren[0];
    if (c?.type === 'object') {
      const pairs: [string, number, Node][] = [];
      for (const el of c.namedChildren) {
        if (el?.type !== 'object_elem') continue;
        const [k, v] = el.namedChildren;
        const key = k?.text.replace(/^"|"$/g, '');
        if (key && v) pairs.push([key, el.startPosition.row + 1, exprToTree(v, file, moduleDir)]);
      }
      return mapNode(file, line, pairs);
    }
    if (c?.type === 'tuple') return { kind: 'seq', file, line, items: c.namedChildren.filter((x): x is TsNode => x?.type === 'expression').map((x) => exprToTree(x, file, moduleDir)) };
  }
  return opaque;
}
