// Reads Terraform: `aws_cognito_user_pool` `lambda_config` (plain ARNs and the versioned
// `pre_token_generation_config` / custom sender blocks) followed to `aws_lambda_function` (handler,
// runtime, `filename` from an `archive_file` `source_dir`), through local modules, their outputs and
// the variables their callers set, and the terraform-aws-modules Lambda module.
// https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/cognito_user_pool#lambda_config
import type { Parser as TsParser } from 'web-tree-sitter';
import { addWired, emptyOutput, type FunctionDecl } from './build';
import { computedWhy, type ComputedString } from './cfnNames';
import { hclParser, parseHcl, parseHclAttributes, type HclBlock } from './hcl';
import { dirOf, joinPath } from './handlerFile';
import { lambdaConfigKeyOf, lambdaVersionOf } from './slots';
import { child, entries, items, keyLine, show, str, type Node } from './tree';
import type { Evidence, ReaderOutput, WiredPool, WiringFs } from './types';

/** The blocks of one Terraform module (a folder of .tf files). */
interface TfModule {
  readonly dir: string;
  readonly resources: Map<string, HclBlock>;
  readonly data: Map<string, HclBlock>;
  readonly modules: Map<string, HclBlock>;
  readonly outputs: Map<string, Node>;
  readonly locals: Map<string, Node>;
  /** `variable "x" {}`: its default, or null when it has none. */
  readonly variables: Map<string, Node | null>;
}

const parsedFiles = new Map<string, { text: string; blocks: HclBlock[] }>();

/** Every module of the repository, parsed (each file once per content). */
function indexModules(p: TsParser, fs: WiringFs, files: string[]): Map<string, TfModule> {
  const mods = new Map<string, TfModule>();
  for (const f of files) {
    const text = fs.readFile(f);
    if (text === undefined) continue;
    let hit = parsedFiles.get(f);
    if (!hit || hit.text !== text) {
      hit = { text, blocks: parseHcl(p, text, f, dirOf(f)).blocks };
      parsedFiles.set(f, hit);
    }
    const dir = dirOf(f);
    let m = mods.get(dir);
    if (!m) mods.set(dir, (m = { dir, resources: new Map(), data: new Map(), modules: new Map(), outputs: new Map(), locals: new Map(), variables: new Map() }));
    for (const b of hit.blocks) {
      if (b.type === 'resource' && b.labels.length >= 2) m.resources.set(`${b.labels[0]}.${b.labels[1]}`, b);
      else if (b.type === 'data' && b.labels.length >= 2) m.data.set(`${b.labels[0]}.${b.labels[1]}`, b);
      else if (b.type === 'module' && b.labels[0]) m.modules.set(b.labels[0], b);
      else if (b.type === 'output' && b.labels[0]) {
        const v = child(b.body, 'value');
        if (v) m.outputs.set(b.labels[0], v);
      } else if (b.type === 'locals') for (const [k, v] of entries(b.body)) m.locals.set(k, v);
      else if (b.type === 'variable' && b.labels[0]) m.variables.set(b.labels[0], child(b.body, 'default') ?? null);
    }
  }
  return mods;
}

/** A path from HCL: root-relative when it came from `${path.module}`, else relative to the module folder. */
function pathIn(v: Node | undefined, dir: string): string | undefined {
  const s = str(v);
  if (s === undefined) return undefined;
  return s.startsWith('/') ? joinPath(s) : joinPath(dir, s);
}

/** `rel` with each segment matched case-insensitively on disk (a `source_dir` of `Lambda` for `lambda/`). */
function onDisk(fs: WiringFs, rel: string): string {
  let cur = '';
  for (const seg of rel.split('/').filter(Boolean)) {
    const names = fs.list(cur);
    const exact = names.includes(seg) ? seg : names.find((n) => n.toLowerCase() === seg.toLowerCase());
    cur = joinPath(cur, exact ?? seg);
  }
  return cur;
}

const ref = (n: Node | undefined): string | undefined => (n?.kind === 'opaque' ? n.text.replace(/\[[^\]]*\]/g, '') : undefined);

class Resolver {
  constructor(
    private readonly fs: WiringFs,
    private readonly mods: Map<string, TfModule>,
    private readonly parser?: TsParser,
  ) {}

  /** The module blocks (with their folder) that call the module in `dir`. */
  private callers(dir: string): { dir: string; call: HclBlock }[] {
    const out: { dir: string; call: HclBlock }[] = [];
    for (const caller of this.mods.values()) {
      for (const call of caller.modules.values()) {
        const source = str(child(call.body, 'source'));
        if (source?.startsWith('.') && joinPath(caller.dir, source) === dir) out.push({ dir: caller.dir, call });
      }
    }
    return out;
  }

  /** `terraform.tfvars` and `*.auto.tfvars` of a root module, which Terraform loads by itself; later files win. */
  private tfvars(dir: string): { values: Map<string, Node>; files: string[] } {
    const files = this.fs.list(dir).filter((n) => n === 'terraform.tfvars' || n.endsWith('.auto.tfvars')).sort((a, b) => (a === 'terraform.tfvars' ? -1 : b === 'terraform.tfvars' ? 1 : a.localeCompare(b))).map((n) => joinPath(dir, n));
    const values = new Map<string, Node>();
    for (const f of files) {
      const text = this.fs.readFile(f);
      if (text === undefined || !this.parser) continue;
      for (const [k, v] of entries(parseHclAttributes(this.parser, text, f))) values.set(k, v);
    }
    return { values, files };
  }

  /**
   * A string attribute as Terraform computes it: literals, `var.x` (the caller's argument, a .tfvars
   * value, the default), `local.x`, and `"${…}"` templates of those; what stays unknown is `*`, with why.
   * https://developer.hashicorp.com/terraform/language/values/variables#assigning-values-to-root-module-variables
   */
  name(node: Node | undefined, dir: string, depth = 0): ComputedString {
    if (!node) return { text: '*', unknown: ['no value'] };
    if (node.kind === 'scalar') return { text: String(node.value), unknown: [] };
    if (node.kind !== 'opaque' || depth > 8) return { text: '*', unknown: [`${show(node)}, which is known only at plan time`] };
    const text = node.text.trim();
    const tpl = /^"((?:[^"\\]|\\.)*)"$/.exec(text);
    if (!tpl) return this.reference(text, dir, depth);
    const body = tpl[1] as string;
    const parts: ComputedString[] = [];
    let last = 0;
    for (const m of body.matchAll(/\$\{([^}]*)\}/g)) {
      parts.push({ text: body.slice(last, m.index), unknown: [] });
      parts.push(this.reference((m[1] as string).trim(), dir, depth));
      last = (m.index ?? 0) + m[0].length;
    }
    parts.push({ text: body.slice(last), unknown: [] });
    return { text: parts.map((p) => p.text).join('').replace(/\*+/g, '*'), unknown: parts.flatMap((p) => p.unknown) };
  }

  private reference(expr: string, dir: string, depth: number): ComputedString {
    const unknown = (why: string): ComputedString => ({ text: '*', unknown: [why] });
    let m: RegExpExecArray | null;
    if ((m = /^var\.([\w-]+)$/.exec(expr))) {
      const v = m[1] as string;
      const decl = this.mods.get(dir)?.variables;
      if (!decl?.has(v)) return unknown(`\${var.${v}}, which is not declared in ${dir || 'the root module'}`);
      const d = decl.get(v);
      const fallback = d ? this.name(d, dir, depth + 1) : undefined;
      const callers = this.callers(dir);
      if (callers.length) {
        // A child module: each caller's argument, else the default; callers that disagree leave it unknown.
        const values = callers.map((c) => (child(c.call.body, v) ? this.name(child(c.call.body, v), c.dir, depth + 1) : fallback));
        if (values.some((x) => !x)) return unknown(`\${var.${v}}, which has no default and a module call does not set it`);
        if (new Set(values.map((x) => x?.text)).size > 1) return unknown(`\${var.${v}}, which the module's callers set differently`);
        return values[0] as ComputedString;
      }
      const fromFile = this.tfvars(dir).values.get(v);
      if (fromFile) return this.name(fromFile, dir, depth + 1);
      return fallback ?? unknown(`\${var.${v}}, which has no default and no .tfvars file sets it`);
    }
    if ((m = /^local\.([\w-]+)$/.exec(expr))) {
      const l = this.mods.get(dir)?.locals.get(m[1] as string);
      return l ? this.name(l, dir, depth + 1) : unknown(`\${local.${m[1]}}, which is not defined`);
    }
    if (expr === 'terraform.workspace') return unknown('${terraform.workspace}, the workspace it is applied in');
    return unknown(`\${${expr}}, which is known only at plan time`);
  }

  /** The function an ARN expression in module `dir` names, or why it cannot be told. */
  fn(node: Node | undefined, dir: string, depth = 0): FunctionDecl | { reason: string } {
    if (!node) return { reason: 'no value' };
    if (depth > 8) return { reason: 'references nest too deeply' };
    const text = ref(node);
    if (!text) {
      const s = str(node);
      return { reason: s ? `"${s}" is a literal ARN of a function not declared in this repository` : `${show(node)} cannot be followed to a function` };
    }
    const mod = this.mods.get(dir);
    let m: RegExpExecArray | null;
    if ((m = /^aws_lambda_function\.([\w-]+)\.(arn|qualified_arn|invoke_arn|function_name)$/.exec(text))) {
      const b = mod?.resources.get(`aws_lambda_function.${m[1]}`);
      return b ? this.lambda(b, dir) : { reason: `no resource aws_lambda_function.${m[1]} in ${dir || 'the root module'}` };
    }
    if ((m = /^aws_lambda_alias\.([\w-]+)\.arn$/.exec(text))) {
      const b = mod?.resources.get(`aws_lambda_alias.${m[1]}`);
      return b ? this.fn(child(b.body, 'function_name'), dir, depth + 1) : { reason: `no resource aws_lambda_alias.${m[1]}` };
    }
    if ((m = /^module\.([\w-]+)\.([\w-]+)$/.exec(text))) {
      const call = mod?.modules.get(m[1] as string);
      if (!call) return { reason: `no module "${m[1]}" in ${dir || 'the root module'}` };
      const source = str(child(call.body, 'source')) ?? '';
      if (/terraform-aws-modules\/lambda\/aws/.test(source)) return this.lambdaModule(call, dir);
      if (!source.startsWith('.')) return { reason: `module "${m[1]}" comes from ${source}, outside this repository` };
      const inner = joinPath(dir, source);
      const out = this.mods.get(inner)?.outputs.get(m[2] as string);
      return out ? this.fn(out, inner, depth + 1) : { reason: `module ${inner} has no output ${m[2]}` };
    }
    if ((m = /^var\.([\w-]+)$/.exec(text))) {
      // The module's callers set the variable: follow the first one that does.
      for (const caller of this.mods.values()) {
        for (const call of caller.modules.values()) {
          const source = str(child(call.body, 'source'));
          if (!source?.startsWith('.') || joinPath(caller.dir, source) !== dir) continue;
          const v = child(call.body, m[1] as string);
          if (v) return this.fn(v, caller.dir, depth + 1);
        }
      }
      return { reason: `the ARN is variable ${m[1]}, set outside this repository` };
    }
    if ((m = /^local\.([\w-]+)$/.exec(text))) {
      const v = mod?.locals.get(m[1] as string);
      return v ? this.fn(v, dir, depth + 1) : { reason: `no local ${m[1]}` };
    }
    if (/^data\.aws_lambda_function\./.test(text)) return { reason: `${text} reads an existing function (a data source), not one built here` };
    return { reason: `${text} cannot be followed to a function` };
  }

  /** An `aws_lambda_function` resource. */
  private lambda(b: HclBlock, dir: string): FunctionDecl | { reason: string } {
    const id = `aws_lambda_function.${b.labels[1]}`;
    const handler = str(child(b.body, 'handler'));
    const runtime = str(child(b.body, 'runtime'));
    if (child(b.body, 'image_uri') || str(child(b.body, 'package_type')) === 'Image') return { reason: `${id} is a container image; its handler is in the image's CMD` };
    const evidence: Evidence[] = [];
    if (handler) evidence.push({ fact: 'handler', file: b.file, line: keyLine(b.body, 'handler'), text: `${id} has handler ${handler}` });
    if (runtime) evidence.push({ fact: 'runtime', file: b.file, line: keyLine(b.body, 'runtime'), text: `${id} runs on ${runtime}` });
    let baseDir = dir;
    const filename = child(b.body, 'filename');
    const archive = /^data\.archive_file\.([\w-]+)\.output_path$/.exec(ref(filename) ?? '');
    if (archive) {
      const a = this.mods.get(dir)?.data.get(`archive_file.${archive[1]}`);
      const src = pathIn(child(a?.body, 'source_dir'), dir) ?? dirOf(pathIn(child(a?.body, 'source_file'), dir) ?? '');
      if (a && src !== undefined) baseDir = onDisk(this.fs, src);
    }
    const nameNode = child(b.body, 'function_name');
    const name = nameNode ? this.name(nameNode, dir).text : undefined;
    return { kind: 'terraform', ref: id, ...(name ? { name } : {}), ...(handler ? { handlerSpec: handler } : {}), baseDir, ...(runtime ? { runtime } : {}), evidence, file: b.file, line: b.line };
  }

  /** `module "x" { source = "terraform-aws-modules/lambda/aws", handler, runtime, source_path }`. */
  private lambdaModule(call: HclBlock, dir: string): FunctionDecl | { reason: string } {
    const handler = str(child(call.body, 'handler'));
    const runtime = str(child(call.body, 'runtime'));
    const sp = child(call.body, 'source_path');
    const first = items(sp)[0];
    const src = pathIn(first?.kind === 'map' ? child(first, 'path') : first, dir);
    const id = `module.${call.labels[0]}`;
    const evidence: Evidence[] = [];
    if (handler) evidence.push({ fact: 'handler', file: call.file, line: keyLine(call.body, 'handler'), text: `${id} has handler ${handler}` });
    if (runtime) evidence.push({ fact: 'runtime', file: call.file, line: keyLine(call.body, 'runtime'), text: `${id} runs on ${runtime}` });
    const name = str(child(call.body, 'function_name'));
    return { kind: 'terraform', ref: id, ...(name ? { name } : {}), ...(handler ? { handlerSpec: handler } : {}), baseDir: src ? onDisk(this.fs, src) : dir, ...(runtime ? { runtime } : {}), evidence, file: call.file, line: call.line };
  }
}

/** Reads the user pools in one .tf file, resolving references across the repository's modules. */
export async function readTerraform(file: string, fs: WiringFs): Promise<ReaderOutput> {
  const tfFiles = fs.walk((rel) => rel.endsWith('.tf'));
  const out = emptyOutput();
  const p = await hclParser();
  if (!p) {
    out.unresolved.push({ kind: 'terraform', file, line: 1, what: file, reason: 'the HCL grammar (tree-sitter-terraform.wasm) could not be loaded' });
    return { ...out, files: [file] };
  }
  const mods = indexModules(p, fs, tfFiles);
  const dir = dirOf(file);
  const resolver = new Resolver(fs, mods, p);
  for (const b of parsedFiles.get(file)?.blocks ?? []) {
    if (b.type !== 'resource' || b.labels[0] !== 'aws_cognito_user_pool') continue;
    const poolId = `aws_cognito_user_pool.${b.labels[1]}`;
    const nameNode = child(b.body, 'name');
    const computed = nameNode ? resolver.name(nameNode, dir) : undefined;
    const nameWhy = computed ? computedWhy(computed.unknown) : 'not set (no name argument)';
    const pool: WiredPool = { ref: poolId, ...(computed ? { name: computed.text } : {}), ...(nameWhy ? { nameWhy } : {}) };
    const cfg = child(b.body, 'lambda_config');
    if (!cfg) {
      if (child(b.body, 'dynamic')) out.unresolved.push({ kind: 'terraform', file, line: b.line, what: `${poolId}.lambda_config`, reason: 'a dynamic block builds lambda_config; its content is known only at plan time' });
      continue;
    }
    const kmsNode = child(cfg, 'kms_key_id');
    for (const [attr, value] of entries(cfg)) {
      const key = lambdaConfigKeyOf(attr);
      if (!key) continue;
      const line = keyLine(cfg, attr);
      const versioned = value.kind === 'map';
      const arnNode = versioned ? child(value, 'lambda_arn') : value;
      const versionNode = versioned ? child(value, 'lambda_version') : undefined;
      const lambdaVersion = lambdaVersionOf(str(versionNode));
      const fn = resolver.fn(arnNode, dir);
      if ('reason' in fn) {
        out.unresolved.push({ kind: 'terraform', file, line, what: `${poolId}.lambda_config.${attr}`, reason: fn.reason });
        continue;
      }
      const sender = key === 'CustomEmailSender' || key === 'CustomSMSSender';
      const evidence: Evidence[] = [{ fact: 'trigger', file, line, text: `lambda_config.${attr} of ${poolId} binds ${fn.ref} to ${key}` }];
      if (lambdaVersion && versionNode) evidence.push({ fact: 'lambdaVersion', file, line: versionNode.line, text: `lambda_version ${lambdaVersion}` });
      if (sender && kmsNode) evidence.push({ fact: 'kmsKey', file, line: kmsNode.line, text: `kms_key_id ${show(kmsNode)}` });
      addWired(out, fs, fn, { lambdaConfigKey: key, ...(lambdaVersion ? { lambdaVersion } : {}), ...(sender && kmsNode ? { kmsKey: show(kmsNode) } : {}), pool, evidence });
    }
  }
  // .tfvars files set the variables names are computed from: an edit re-reads.
  return { ...out, files: [...tfFiles, ...fs.walk((rel) => rel.endsWith('.tfvars'))] };
}

/** True when a .tf file's text declares a user pool with triggers. */
export function looksLikeTerraformPool(text: string): boolean {
  return /aws_cognito_user_pool"/.test(text) && /lambda_config/.test(text);
}
