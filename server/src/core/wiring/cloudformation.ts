// Reads a CloudFormation or SAM template tree: functions (AWS::Serverless::Function with Globals,
// AWS::Lambda::Function) and the trigger slots that bind them (SAM `Cognito` events, a user pool's
// `LambdaConfig`). Serverless Framework's `resources:` go through here too, with its functions added.
import { addWired, type FunctionDecl, type SlotDecl } from './build';
import { dirOf, joinPath } from './handlerFile';
import { lambdaConfigKeyOf, lambdaVersionOf } from './slots';
import { at, child, entries, items, keyLine, show, str, type Node } from './tree';
import { computedString, computedWhy, templateValues, type TemplateValues } from './cfnNames';
import type { Evidence, IacKind, ReaderOutput, WiredPool, WiringFs } from './types';

/** A function the template can name, with the logical ids and deployed name that point at it. */
export interface NamedFunction extends FunctionDecl {
  readonly logicalIds: readonly string[];
}

/** What the template reader needs besides the tree. */
export interface TemplateContext {
  readonly kind: IacKind;
  readonly fs: WiringFs;
  /** Functions declared outside `Resources` (Serverless `functions:`). */
  readonly extraFunctions?: readonly NamedFunction[];
  /** Resolves tool variables in strings (Serverless `${self:service}`); unknown parts become `*`. */
  readonly resolve?: (s: string) => string;
}

const ev = (fact: Evidence['fact'], node: { file: string; line: number }, text: string): Evidence => ({ fact, file: node.file, line: node.line, text });
const lineAt = (node: Node, key: string): { file: string; line: number } => ({ file: node.file, line: keyLine(node, key) });

/** The functions of a template's `Resources`, with SAM `Globals.Function` applied. */
export function templateFunctions(root: Node, ctx: TemplateContext): NamedFunction[] {
  const out: NamedFunction[] = [];
  let known: TemplateValues | undefined;
  const values = (): TemplateValues => (known ??= templateValues(root, ctx.fs, root.file, ctx.kind === 'sam' || ctx.kind === 'cloudformation'));
  const globals = at(root, 'Globals', 'Function');
  const resources = child(root, 'Resources');
  for (const [id, res] of entries(resources)) {
    const type = str(child(res, 'Type'));
    const props = child(res, 'Properties');
    const sam = type === 'AWS::Serverless::Function';
    if (!sam && type !== 'AWS::Lambda::Function') continue;
    const from = (key: string): Node | undefined => child(props, key) ?? (sam ? child(globals, key) : undefined);
    const holder = (key: string): Node | undefined => (child(props, key) ? props : sam && child(globals, key) ? globals : undefined);
    const handlerNode = from('Handler');
    const runtimeNode = from('Runtime');
    const evidence: Evidence[] = [];
    const handlerSpec = str(handlerNode);
    const hHolder = holder('Handler');
    if (handlerSpec && hHolder) evidence.push(ev('handler', lineAt(hHolder, 'Handler'), `${id} has Handler ${handlerSpec}${hHolder === globals ? ' (from Globals.Function)' : ''}`));
    const runtime = str(runtimeNode);
    const rHolder = holder('Runtime');
    if (runtime && rHolder) evidence.push(ev('runtime', lineAt(rHolder, 'Runtime'), `${id} runs on ${runtime}${rHolder === globals ? ' (from Globals.Function)' : ''}`));
    const templateDir = dirOf(res.file);
    let baseDir = templateDir;
    let entry: FunctionDecl['entry'];
    if (sam) {
      const codeUri = str(from('CodeUri'));
      if (codeUri && !/^s3:\/\//.test(codeUri)) baseDir = joinPath(templateDir, codeUri);
      // `sam build` with esbuild: the entry point file is named in Metadata, the Handler names only the export.
      const entryPoint = str(items(at(res, 'Metadata', 'BuildProperties', 'EntryPoints'))[0]);
      const exp = handlerSpec?.slice(handlerSpec.lastIndexOf('/') + 1).split('.').slice(1).join('.');
      if (entryPoint && exp) entry = { path: entryPoint, export: exp };
    } else {
      const code = child(props, 'Code');
      const local = str(code);
      if (local && !/^s3:\/\//.test(local)) baseDir = joinPath(templateDir, local);
    }
    const inline = sam ? (child(props, 'InlineCode') ? 'InlineCode' : undefined) : child(child(props, 'Code'), 'ZipFile') ? 'Code.ZipFile' : undefined;
    const nameNode = child(props, 'FunctionName');
    // `!Sub "${Stage}-sign-up"`: computed like a pool's name (a part not known is `*`).
    const name = nameNode ? computedString(nameNode, values(), ctx.resolve).text : undefined;
    out.push({
      kind: ctx.kind,
      ref: id,
      // CloudFormation names an unnamed function <stack>-<logical id>-<suffix>.
      name: name ?? `*${id}*`,
      ...(handlerSpec ? { handlerSpec } : {}),
      ...(entry ? { entry } : {}),
      baseDir,
      ...(runtime ? { runtime } : {}),
      ...(inline ? { inline } : {}),
      evidence,
      file: res.file,
      line: keyLine(resources, id),
      logicalIds: [id],
    });
  }
  return out;
}

/** What an ARN-valued node points at: a logical id, a deployed function name (maybe with `*`), or why neither. */
export type FunctionTarget = { logicalId: string } | { name: string } | { reason: string };

const AWS_PSEUDO = /^AWS::/;

/** Follows `!GetAtt X.Arn`, `!Ref X`, `!Sub`/`Fn::Join` ARNs, `Fn::If`, and plain ARNs to the function. */
export function functionTarget(node: Node | undefined, root: Node, resolve: (s: string) => string = (s) => s): FunctionTarget {
  if (!node) return { reason: 'no value' };
  const params = child(root, 'Parameters');
  if (node.kind === 'scalar') {
    const s = resolve(String(node.value));
    return nameFromArn(s) ?? { reason: `"${s}" is not a Lambda function ARN` };
  }
  if (node.kind !== 'map') return { reason: `${show(node)} is not a function reference` };
  const getAtt = child(node, 'Fn::GetAtt');
  if (getAtt) {
    const id = getAtt.kind === 'seq' ? str(getAtt.items[0]) : str(getAtt)?.split('.')[0];
    return id ? { logicalId: id } : { reason: `cannot read ${show(node)}` };
  }
  const ref = str(child(node, 'Ref'));
  if (ref) {
    if (child(params, ref)) return { reason: `the ARN comes from the template parameter ${ref}` };
    return { logicalId: ref };
  }
  const sub = child(node, 'Fn::Sub');
  if (sub) {
    const text = str(sub.kind === 'seq' ? sub.items[0] : sub);
    if (!text) return { reason: `cannot read ${show(node)}` };
    const only = /^\$\{([A-Za-z0-9]+)\.Arn\}$/.exec(text.trim());
    if (only?.[1]) return { logicalId: only[1] };
    const flat = resolve(text).replace(/\$\{[^}]*\}/g, '*');
    return nameFromArn(flat) ?? { reason: `${show(node)} is not a Lambda function ARN` };
  }
  const join = child(node, 'Fn::Join');
  if (join?.kind === 'seq') {
    const sep = str(join.items[0]) ?? '';
    const parts = items(join.items[1]).map((p) => {
      const s = str(p);
      if (s !== undefined) return resolve(s);
      const r = str(child(p, 'Ref'));
      if (r && AWS_PSEUDO.test(r)) return '*';
      return '*';
    });
    const flat = parts.join(sep);
    return nameFromArn(flat) ?? { reason: `${show(node)} is not a Lambda function ARN` };
  }
  const iff = child(node, 'Fn::If');
  if (iff?.kind === 'seq') {
    for (const branch of iff.items.slice(1)) {
      const t = functionTarget(branch, root, resolve);
      if (!('reason' in t)) return t;
    }
    return { reason: `neither branch of ${show(node)} names a function` };
  }
  if (child(node, 'Fn::ImportValue')) return { reason: `the ARN is imported from another stack (${show(node)})` };
  return { reason: `cannot follow ${show(node)} to a function` };
}

/** `arn:aws:lambda:<region>:<account>:function:<name>[:qualifier]` → the name. */
function nameFromArn(s: string): { name: string } | undefined {
  const m = /(?:^|:)function:([^:]+)/.exec(s);
  return m?.[1] ? { name: m[1] } : undefined;
}

/** True when two function names, either of which may hold `*` for an unknown part, can be the same. */
export function namesMatch(a: string, b: string): boolean {
  const literal = (s: string): number => s.replace(/\*/g, '').length;
  if (literal(a) < 3 || literal(b) < 3) return false;
  const rx = (s: string): RegExp => new RegExp(`^${s.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return rx(a).test(b.replace(/\*/g, 'x')) || rx(b).test(a.replace(/\*/g, 'x'));
}

/** Finds the function a target names among the template's and the extra functions. */
function lookup(target: FunctionTarget, fns: readonly NamedFunction[]): NamedFunction | undefined {
  if ('logicalId' in target) return fns.find((f) => f.logicalIds.includes(target.logicalId));
  if ('name' in target) return fns.find((f) => f.name !== undefined && namesMatch(f.name, target.name));
  return undefined;
}

/** Reads every binding in the template into `out`. */
export function readTemplate(root: Node, ctx: TemplateContext, out: ReaderOutput): void {
  const resolve = ctx.resolve ?? ((s: string) => s);
  const fns = [...templateFunctions(root, ctx), ...(ctx.extraFunctions ?? [])];
  const resources = child(root, 'Resources');
  const condition = (id: string): string => {
    const c = str(child(child(resources, id), 'Condition'));
    return c ? ` (only when condition ${c} holds)` : '';
  };
  const pools = new Map<string, { pool: WiredPool; lambdaConfig?: Node }>();
  // Names the template computes: parameters' defaults, samconfig.toml's overrides and stack name.
  const values = templateValues(root, ctx.fs, root.file, ctx.kind === 'sam' || ctx.kind === 'cloudformation');
  if (values.configFile && !out.files.includes(values.configFile)) out.files.push(values.configFile);
  for (const [id, res] of entries(resources)) {
    if (str(child(res, 'Type')) !== 'AWS::Cognito::UserPool') continue;
    const nameNode = at(res, 'Properties', 'UserPoolName');
    const computed = nameNode ? computedString(nameNode, values, resolve) : undefined;
    const nameWhy = computed ? computedWhy(computed.unknown) : 'not in the template (no UserPoolName: CloudFormation names the pool)';
    // CloudFormation tags what it creates with the logical id (and stack name): the doctor matches on those.
    const pool: WiredPool = { ref: id, ...(computed ? { name: computed.text } : {}), ...(nameWhy ? { nameWhy } : {}), logicalId: id, ...(values.stackName ? { stackName: values.stackName } : {}) };
    pools.set(id, { pool, ...(at(res, 'Properties', 'LambdaConfig') ? { lambdaConfig: at(res, 'Properties', 'LambdaConfig') } : {}) });
  }
  const seen = new Set<string>();
  const bind = (fn: NamedFunction, slot: SlotDecl): void => {
    const key = `${fn.ref}|${slot.lambdaConfigKey}|${slot.pool?.ref ?? ''}`;
    if (seen.has(key)) return;
    seen.add(key);
    addWired(out, ctx.fs, fn, slot);
  };

  // User pools' LambdaConfig.
  for (const [poolId, pool] of pools) {
    const cfg = pool.lambdaConfig;
    if (!cfg) continue;
    const kmsNode = child(cfg, 'KMSKeyID');
    const kms = kmsNode ? show(kmsNode) : undefined;
    const slotsHere = entries(cfg);
    for (const [rawKey, value] of slotsHere) {
      const key = lambdaConfigKeyOf(rawKey);
      if (!key || rawKey !== key) continue;
      // The legacy key beside PreTokenGenerationConfig names the same function; the config wins.
      if (key === 'PreTokenGeneration' && child(cfg, 'PreTokenGenerationConfig')) continue;
      const versioned = value.kind === 'map' && child(value, 'LambdaArn') !== undefined;
      const arnNode = versioned ? child(value, 'LambdaArn') : value;
      const versionNode = versioned ? child(value, 'LambdaVersion') : undefined;
      const lambdaVersion = lambdaVersionOf(str(versionNode));
      const where = { file: cfg.file, line: keyLine(cfg, rawKey) };
      const target = functionTarget(arnNode, root, resolve);
      const fn = lookup(target, fns);
      if (!fn) {
        out.unresolved.push({ kind: ctx.kind, file: where.file, line: where.line, what: `${poolId}.LambdaConfig.${rawKey}`, reason: 'reason' in target ? target.reason : `${show(arnNode)} names no function declared in this project` });
        continue;
      }
      const evidence: Evidence[] = [ev('trigger', where, `binds ${fn.ref} to ${rawKey} of ${poolId}${condition(poolId)}`)];
      if (lambdaVersion && versionNode) evidence.push(ev('lambdaVersion', versionNode, `LambdaVersion ${lambdaVersion}`));
      if (kms && kmsNode && (key === 'CustomEmailSender' || key === 'CustomSMSSender')) evidence.push(ev('kmsKey', { file: cfg.file, line: keyLine(cfg, 'KMSKeyID') }, `KMSKeyID ${kms}`));
      bind(fn, {
        lambdaConfigKey: key,
        ...(lambdaVersion ? { lambdaVersion } : {}),
        ...(kms && (key === 'CustomEmailSender' || key === 'CustomSMSSender') ? { kmsKey: kms } : {}),
        pool: pool.pool,
        evidence,
      });
    }
  }

  // SAM `Events: { X: { Type: Cognito, Properties: { UserPool: !Ref Pool, Trigger: PreSignUp | [..] } } }`.
  // https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-function-cognito.html
  for (const [id, res] of entries(resources)) {
    if (str(child(res, 'Type')) !== 'AWS::Serverless::Function') continue;
    const fn = fns.find((f) => f.ref === id);
    if (!fn) continue;
    for (const [eventId, event] of entries(at(res, 'Properties', 'Events'))) {
      if (str(child(event, 'Type')) !== 'Cognito') continue;
      const props = child(event, 'Properties');
      const poolNode = child(props, 'UserPool');
      const poolId = str(child(poolNode, 'Ref')) ?? str(poolNode) ?? show(poolNode);
      const pool = pools.get(poolId);
      for (const t of items(child(props, 'Trigger'))) {
        const raw = str(t);
        const key = raw ? lambdaConfigKeyOf(raw) : undefined;
        if (!raw || !key) {
          out.unresolved.push({ kind: ctx.kind, file: t.file, line: t.line, what: `${id}.Events.${eventId}.Trigger`, reason: `${show(t)} is not a user pool trigger` });
          continue;
        }
        // The pool's own LambdaConfig may state the version of a pre token or sender slot.
        const versionNode = at(pool?.lambdaConfig, key, 'LambdaVersion');
        const lambdaVersion = lambdaVersionOf(str(versionNode));
        const evidence: Evidence[] = [ev('trigger', t, `binds ${id} to ${key} of ${poolId}${condition(id)}`)];
        if (lambdaVersion && versionNode) evidence.push(ev('lambdaVersion', versionNode, `LambdaVersion ${lambdaVersion}`));
        bind(fn, { lambdaConfigKey: key, ...(lambdaVersion ? { lambdaVersion } : {}), pool: pool?.pool ?? { ref: poolId }, evidence });
      }
    }
  }
}

/** True when the tree looks like a CloudFormation or SAM template. */
export function isTemplate(root: Node | undefined): boolean {
  if (root?.kind !== 'map') return false;
  if (child(root, 'AWSTemplateFormatVersion') || str(child(root, 'Transform'))?.startsWith('AWS::Serverless') || items(child(root, 'Transform')).some((t) => str(t)?.startsWith('AWS::Serverless'))) return true;
  return entries(child(root, 'Resources')).some(([, r]) => /^AWS::/.test(str(child(r, 'Type')) ?? ''));
}

/** SAM when the template has the Serverless transform, else plain CloudFormation. */
export function templateKind(root: Node): IacKind {
  return items(child(root, 'Transform')).some((t) => str(t)?.startsWith('AWS::Serverless')) ? 'sam' : 'cloudformation';
}
