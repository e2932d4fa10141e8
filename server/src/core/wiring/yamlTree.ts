// Parses YAML (and JSON, a subset of it) into the position-carrying tree, with CloudFormation's
// short-form tags (`!Ref`, `!GetAtt`, `!Sub`, ...) registered as custom tags of the `yaml` package and
// turned into their long form (`{ Ref: x }`, `{ 'Fn::GetAtt': x }`), so readers handle one form.
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Tags } from 'yaml';
import { mapNode, type Node } from './tree';

// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference.html
const INTRINSICS = ['Ref', 'Condition', 'GetAtt', 'Sub', 'Join', 'If', 'Equals', 'Select', 'Split', 'FindInMap', 'ImportValue', 'Base64', 'Cidr', 'GetAZs', 'Not', 'And', 'Or', 'Transform', 'Length', 'ToJsonString', 'ForEach'];
const CUSTOM_TAGS: Tags = INTRINSICS.flatMap((f) => [
  { tag: `!${f}`, resolve: (s: string) => s },
  { tag: `!${f}`, collection: 'seq' as const },
  { tag: `!${f}`, collection: 'map' as const },
]);

/** A parsed YAML/JSON file: its tree (undefined when empty) and the first syntax error, if any. */
export interface ParsedYaml {
  readonly root?: Node;
  readonly error?: { readonly line: number; readonly message: string };
}

/** Parses `text`; never throws. A BOM is dropped and duplicated keys keep their last value. */
export function parseYaml(text: string, file: string): ParsedYaml {
  const lines = new LineCounter();
  let doc;
  try {
    doc = parseDocument(text.replace(/^\uFEFF/, ''), { customTags: CUSTOM_TAGS, uniqueKeys: false, lineCounter: lines, prettyErrors: false, strict: false });
  } catch (e) {
    return { error: { line: 1, message: e instanceof Error ? e.message : String(e) } };
  }
  const lineOf = (offset: number | undefined): number => lines.linePos(offset ?? 0).line;
  const convert = (n: unknown): Node | undefined => {
    let out: Node | undefined;
    if (isMap(n)) {
      const pairs: [string, number, Node][] = [];
      for (const p of n.items) {
        if (!isPair(p)) continue;
        const key = isScalar(p.key) ? String(p.key.value) : undefined;
        const value = convert(p.value) ?? { kind: 'scalar' as const, file, line: lineOf(isScalar(p.key) ? p.key.range?.[0] : undefined), value: null };
        if (key !== undefined) pairs.push([key, lineOf(isScalar(p.key) ? p.key.range?.[0] : undefined), value]);
      }
      out = mapNode(file, lineOf(n.range?.[0]), pairs);
    } else if (isSeq(n)) {
      out = { kind: 'seq', file, line: lineOf(n.range?.[0]), items: n.items.map(convert).filter((x): x is Node => !!x) };
    } else if (isScalar(n)) {
      const v = n.value;
      out = { kind: 'scalar', file, line: lineOf(n.range?.[0]), value: typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : v === null || v === undefined ? null : String(v) };
    }
    const tag = (n as { tag?: string } | null)?.tag;
    const fn = tag?.startsWith('!') ? tag.slice(1) : undefined;
    if (out && fn && INTRINSICS.includes(fn)) out = mapNode(file, out.line, [[fn === 'Ref' || fn === 'Condition' ? fn : `Fn::${fn}`, out.line, out]]);
    return out;
  };
  const root = convert(doc.contents);
  const err = doc.errors[0];
  return { ...(root ? { root } : {}), ...(err ? { error: { line: lineOf(err.pos[0]), message: err.message.split('\n')[0] ?? err.message } } : {}) };
}
