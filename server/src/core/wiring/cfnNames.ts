// Names a CloudFormation/SAM template computes (`!Sub`, `Fn::Join`, `!Ref Param`): resolved from the
// Parameters' defaults, samconfig.toml's `parameter_overrides` and `stack_name`, and the pseudo
// parameters; a part that stays unknown becomes `*`, and the reason is kept for the doctor's message.
// samconfig.toml: beside template.yaml, TOML, `[default.deploy.parameters]` over `[default.global.parameters]`
// https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/serverless-sam-cli-config.html
// `parameter_overrides`: `Key=Value` pairs (or `ParameterKey=Key,ParameterValue=Value`), as `sam deploy --parameter-overrides`
// https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-cli-command-reference-sam-deploy.html
import { dirOf, joinPath } from './handlerFile';
import { child, entries, items, show, str, type Node } from './tree';
import type { WiringFs } from './types';

/** What the template's names may be computed from. */
export interface TemplateValues {
  /** Parameter → value (override or default); undefined = declared without a default. */
  readonly params: ReadonlyMap<string, string | undefined>;
  readonly stackName?: string;
  /** The samconfig.toml read, relative to the root, when there is one. */
  readonly configFile?: string;
}

/** A computed string: `*` where a part is not known, and why each unknown part is. */
export interface ComputedString {
  readonly text: string;
  readonly unknown: readonly string[];
}

/** `Key=Value Key2="a b"` or `ParameterKey=K,ParameterValue=V ...`, as a string or a list of such strings. */
function overridePairs(v: unknown): [string, string][] {
  const parts = Array.isArray(v) ? v.map(String) : typeof v === 'string' ? [v] : [];
  const out: [string, string][] = [];
  for (const p of parts) {
    for (const m of p.matchAll(/ParameterKey=([\w]+),ParameterValue=("([^"]*)"|'([^']*)'|(\S*))/g)) out.push([m[1] as string, m[3] ?? m[4] ?? m[5] ?? '']);
    if (out.length) continue;
    for (const m of p.matchAll(/([\w]+)=("([^"]*)"|'([^']*)'|(\S*))/g)) out.push([m[1] as string, m[3] ?? m[4] ?? m[5] ?? '']);
  }
  return out;
}

/** TOML text → data (smol-toml; an ES module: required, which esbuild's bundle and tsx both resolve). */
function parseToml(text: string): unknown {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('smol-toml') as typeof import('smol-toml', { with: { 'resolution-mode': 'import' } })).parse(text);
}

/** The `default` environment of samconfig.toml beside the template: stack name and parameter overrides. */
function samConfig(fs: WiringFs, templateFile: string): { file: string; stackName?: string; overrides: [string, string][] } | undefined {
  const file = joinPath(dirOf(templateFile), 'samconfig.toml');
  const text = fs.readFile(file);
  if (text === undefined) return undefined;
  let doc: Record<string, unknown>;
  try {
    doc = parseToml(text) as Record<string, unknown>;
  } catch {
    return { file, overrides: [] };
  }
  const env = (doc.default ?? {}) as Record<string, { parameters?: Record<string, unknown> } | undefined>;
  // The command's own section wins over global.
  const sections = [env.global?.parameters, env.deploy?.parameters].filter((x): x is Record<string, unknown> => !!x);
  let stackName: string | undefined;
  const overrides: [string, string][] = [];
  for (const s of sections) {
    if (typeof s.stack_name === 'string') stackName = s.stack_name;
    overrides.push(...overridePairs(s.parameter_overrides));
  }
  return { file, ...(stackName ? { stackName } : {}), overrides };
}

/** The template's parameters (defaults, then samconfig.toml's overrides) and stack name. */
export function templateValues(root: Node, fs: WiringFs, templateFile: string, sam: boolean): TemplateValues {
  const params = new Map<string, string | undefined>();
  for (const [name, decl] of entries(child(root, 'Parameters'))) {
    const d = child(decl, 'Default');
    const v = d?.kind === 'scalar' && d.value !== null ? String(d.value) : undefined;
    params.set(name, v);
  }
  const config = sam ? samConfig(fs, templateFile) : undefined;
  for (const [k, v] of config?.overrides ?? []) if (params.has(k)) params.set(k, v);
  return { params, ...(config?.stackName ? { stackName: config.stackName } : {}), ...(config ? { configFile: config.file } : {}) };
}

const PSEUDO_WHY: Readonly<Record<string, string>> = {
  'AWS::Region': 'the Region it is deployed in (AWS::Region)',
  'AWS::AccountId': 'the account it is deployed in (AWS::AccountId)',
  'AWS::StackId': 'the stack id (AWS::StackId)',
  'AWS::Partition': 'the partition (AWS::Partition)',
  'AWS::URLSuffix': 'the URL suffix (AWS::URLSuffix)',
};

/** The value of `${name}` / `!Ref name`, or `*` and why. */
function named(name: string, values: TemplateValues): ComputedString {
  if (name === 'AWS::StackName') return values.stackName !== undefined ? { text: values.stackName, unknown: [] } : { text: '*', unknown: [`the stack's name (AWS::StackName), which the project does not state${values.configFile ? ` (${values.configFile} has no stack_name)` : ' (no samconfig.toml stack_name)'}`] };
  if (PSEUDO_WHY[name]) return { text: '*', unknown: [PSEUDO_WHY[name] as string] };
  if (values.params.has(name)) {
    const v = values.params.get(name);
    return v !== undefined ? { text: v, unknown: [] } : { text: '*', unknown: [`\${${name}}, which has no default${values.configFile ? ` and no override in ${values.configFile}` : ''}`] };
  }
  if (name.includes('.')) return { text: '*', unknown: [`\${${name}}, which is known only after deploy`] };
  return { text: '*', unknown: [`\${${name}}, which is not a parameter of the template`] };
}

const join = (parts: ComputedString[], sep = ''): ComputedString => ({ text: parts.map((p) => p.text).join(sep).replace(/\*+/g, '*'), unknown: parts.flatMap((p) => p.unknown) });

/** A string property as the deploy computes it: literals, `!Ref`, `!Sub` (with its variable map), `Fn::Join`. */
export function computedString(node: Node | undefined, values: TemplateValues, resolve: (s: string) => string = (s) => s, depth = 0): ComputedString {
  if (!node) return { text: '*', unknown: ['no value'] };
  if (node.kind === 'scalar') return { text: resolve(String(node.value)), unknown: [] };
  if (depth > 8 || node.kind !== 'map') return { text: '*', unknown: [`${show(node)}, which cannot be computed from the template`] };
  const ref = str(child(node, 'Ref'));
  if (ref) return named(ref, values);
  const sub = child(node, 'Fn::Sub');
  if (sub) {
    const text = str(sub.kind === 'seq' ? sub.items[0] : sub);
    if (text === undefined) return { text: '*', unknown: [`${show(node)}, which cannot be read`] };
    const vars = sub.kind === 'seq' ? sub.items[1] : undefined;
    const parts: ComputedString[] = [];
    let last = 0;
    for (const m of text.matchAll(/\$\{(!?)([^}]*)\}/g)) {
      parts.push({ text: resolve(text.slice(last, m.index)), unknown: [] });
      const inner = (m[2] as string).trim();
      // `${!Literal}` is the literal text `${Literal}`.
      if (m[1]) parts.push({ text: `\${${inner}}`, unknown: [] });
      // A Serverless variable in the resources section (`${self:service}`, `${sls:stage}`): its resolver says.
      else if (/^[a-z]+:[^:]/.test(inner)) {
        const v = resolve(`\${${inner}}`);
        parts.push({ text: v, unknown: v.includes('*') ? [`\${${inner}}, a Serverless variable known only at deploy time`] : [] });
      } else parts.push(child(vars, inner) ? computedString(child(vars, inner), values, resolve, depth + 1) : named(inner, values));
      last = (m.index ?? 0) + m[0].length;
    }
    parts.push({ text: resolve(text.slice(last)), unknown: [] });
    return join(parts);
  }
  const fnJoin = child(node, 'Fn::Join');
  if (fnJoin?.kind === 'seq') {
    const sep = str(fnJoin.items[0]) ?? '';
    return join(items(fnJoin.items[1]).map((p) => computedString(p, values, resolve, depth + 1)), sep);
  }
  return { text: '*', unknown: [`${show(node)}, which cannot be computed from the template`] };
}

/** `computed from A and B`: why a name holds `*` (reads after "the name is"). */
export function computedWhy(unknown: readonly string[]): string | undefined {
  const u = [...new Set(unknown)];
  if (!u.length) return undefined;
  return `computed from ${u.length > 1 ? `${u.slice(0, -1).join(', ')} and ${u[u.length - 1]}` : u[0]}`;
}
