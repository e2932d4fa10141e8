// Reads AWS CDK apps (TypeScript/JavaScript) without running them: `new UserPool(..., { lambdaTriggers })`,
// `pool.addTrigger(UserPoolOperation.X, fn, LambdaVersion.V2_0)`, `new CfnUserPool({ lambdaConfig })`,
// `addPropertyOverride('LambdaConfig....')`, and the functions: NodejsFunction (entry/handler/runtime),
// lambda.Function (Code.fromAsset + handler), PythonFunction (entry/index/handler).
import type * as t from '@babel/types';
import { addWired, emptyOutput, type FunctionDecl, type SlotDecl } from './build';
import { dirOf, joinPath } from './handlerFile';
import { dotted, JsProgram, sourceText, unwrap, walkAst, type JsModule } from './jsModule';
import { lambdaConfigKeyOf, lambdaVersionOf } from './slots';
import { child, str, type Node } from './tree';
import { synthesizedPool } from './cdkOut';
import type { Evidence, IacKind, ReaderOutput, WiredPool, WiringFs } from './types';

// https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.aws_cognito.UserPool.html#addwbrtriggeroperation-fn-lambdaversion
const CDK_DOCS = 'https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.aws_cognito-readme.html#lambda-triggers';

const KNOWN_FUNCTIONS = new Set(['NodejsFunction', 'PythonFunction', 'Function', 'SingletonFunction', 'DockerImageFunction']);
const lastName = (callee: t.Node): string => (dotted(callee) ?? '').split('.').pop() ?? '';

/** `Runtime.NODEJS_20_X` → `nodejs20.x`, `PYTHON_3_12` → `python3.12`; undefined for others (`NODEJS_LATEST`). */
export function cdkRuntime(text: string | undefined): string | undefined {
  const m = text ? /(NODEJS|PYTHON)_(\d+)(?:_(\d+))?(?:_X)?$/.exec(text) : null;
  if (!m) return undefined;
  return m[1] === 'NODEJS' ? `nodejs${m[2]}.x` : `python${m[2]}.${m[3] ?? ''}`.replace(/\.$/, '');
}

/** The folder `cdk` runs in (bare relative paths are relative to it): the nearest one up with cdk.json. */
function appDir(fs: WiringFs, file: string): string {
  for (let d = dirOf(file); ; d = dirOf(d)) {
    if (fs.exists(joinPath(d, 'cdk.json'))) return d;
    if (!d) return dirOf(file);
  }
}

/** A path value from the evaluator: root-relative (`/x`) stays, a bare one is relative to `cwd`. */
function pathOf(v: Node, cwd: string): string | undefined {
  if (v.kind !== 'scalar' || typeof v.value !== 'string' || v.value.includes('*')) return undefined;
  return v.value.startsWith('/') ? joinPath(v.value) : joinPath(cwd, v.value);
}

/** Context shared while reading one app file. */
export interface Reader {
  readonly kind: IacKind;
  readonly fs: WiringFs;
  readonly program: JsProgram;
  readonly out: ReaderOutput;
  /** A tool-specific way to name a function (Amplify's `backend.x.resources.lambda`), tried first. */
  readonly functionOf?: (expr: t.Node, mod: JsModule) => FunctionDecl | { reason: string } | undefined;
}

const ev = (fact: Evidence['fact'], file: string, line: number, text: string): Evidence => ({ fact, file, line, text });

/** The function an expression builds (following variables and imports), or why it cannot be told. */
export function functionDecl(r: Reader, expr: t.Node, mod: JsModule, depth = 0): FunctionDecl | { reason: string } {
  const hooked = r.functionOf?.(expr, mod);
  if (hooked) return hooked;
  const { expr: e, mod: m } = r.program.deref(expr, mod);
  const n = unwrap(e);
  const via = m.via ? ` (in ${m.via})` : '';
  // `fn.functionArn` / `fn.functionName` in CfnUserPool configs, `backend.x.resources.lambda` in Amplify.
  if (n.type === 'MemberExpression' && !n.computed && n.property.type === 'Identifier' && /^(functionArn|functionName|currentVersion|latestVersion)$/.test(n.property.name)) return functionDecl(r, n.object, m, depth);
  if (n.type === 'CallExpression' && /^(from|of)Function(Arn|Name|Attributes)$/.test(lastName(n.callee))) return { reason: `${sourceText(m, n)} imports a function built elsewhere${via}` };
  // A helper that builds the function: `this.makeTrigger('Pre')`, `createLambda(this, 'x', 'src/pre.ts')`.
  if (n.type === 'CallExpression' && depth < 4) {
    const helped = r.program.helperReturn(n, m);
    if (helped && 'reason' in helped) return helped;
    if (helped) return functionDecl(r, helped.expr, helped.mod, depth + 1);
    const callee = dotted(n.callee);
    return { reason: `${sourceText(m, n)} is not a function this reader can follow: ${callee ? `${callee} is not a helper defined in this file or imported from the repository` : 'the call names no helper'}${via}` };
  }
  if (n.type === 'Identifier' && m.params?.has(n.name)) return { reason: `${n.name} is a parameter of the helper${via}; the function is passed in, not built there` };
  if (n.type !== 'NewExpression') return { reason: `${sourceText(m, n)} is not a function this reader can follow (a custom construct or computed value)${via}` };
  const cls = lastName(n.callee);
  // The repository's own construct class extending a function construct (`class PreSignUpFn extends NodejsFunction`).
  if (!KNOWN_FUNCTIONS.has(cls) && depth < 4) {
    const built = r.program.constructedBy(n, m);
    if (built && 'reason' in built) return built;
    if (built) return functionDecl(r, built.expr, built.mod, depth + 1);
  }
  const idArg = n.arguments[1];
  const idValue = idArg && idArg.type !== 'SpreadElement' && idArg.type !== 'ArgumentPlaceholder' ? r.program.evaluate(idArg, m) : undefined;
  // A computed id keeps its known parts (`*-pre-sign-up-fn` from a helper's `${stackName}-${functionName}`): two functions of one helper differ.
  const idText = idValue?.kind === 'scalar' && typeof idValue.value === 'string' ? idValue.value : undefined;
  const id = idText !== undefined && idText.replace(/\*/g, '').length >= 3 ? idText : sourceText(m, idArg ?? n);
  const props = r.program.evaluate(n.arguments[2] as t.Expression | undefined, m);
  const line = n.loc?.start.line ?? 1;
  const cwd = appDir(r.fs, m.file);
  const evidence: Evidence[] = [];
  const runtimeNode = child(props, 'runtime');
  const runtimeText = runtimeNode?.kind === 'opaque' ? runtimeNode.text : str(runtimeNode);
  const runtime = cdkRuntime(runtimeText);
  if (runtime && runtimeNode) evidence.push(ev('runtime', m.file, runtimeNode.line, `${id} runs on ${runtimeText} (${runtime})`));
  const functionName = str(child(props, 'functionName'));
  // Without functionName, CloudFormation names it <stack>-<logical id>-<suffix>, and CDK's logical id holds the construct id.
  // Only a fully known id: a computed part may be where CloudFormation cuts the name (64 characters).
  const name = functionName ?? (id === idText && !id.includes('*') ? `*${id}*` : undefined);
  const base = { kind: r.kind, ref: id, ...(name ? { name } : {}), ...(runtime ? { runtime } : {}), file: m.file, line };
  if (cls === 'NodejsFunction') {
    const entryNode = child(props, 'entry');
    const exp = str(child(props, 'handler')) ?? 'handler';
    // Without `entry`, CDK uses the defining file's name with `.<id>.ts` (or .js).
    // https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.aws_lambda_nodejs.NodejsFunctionProps.html#entry
    const entry = entryNode ? pathOf(entryNode, cwd) : `${m.file.replace(/\.[cm]?[jt]sx?$/, '')}.${id}.ts`;
    if (!entry) return { reason: `the entry of ${id} (${entryNode?.kind === 'opaque' ? entryNode.text : str(entryNode)}) is not a path this reader can compute${via}` };
    evidence.push(ev('handler', m.file, entryNode?.line ?? line, `NodejsFunction ${id} has entry ${entry}${entryNode ? '' : ' (the default for its id)'} and handler ${exp}${via}`));
    return { ...base, entry: { path: entry, export: exp }, baseDir: '', evidence };
  }
  if (cls === 'PythonFunction') {
    const dir = pathOf(child(props, 'entry') ?? { kind: 'scalar', file: m.file, line, value: null }, cwd);
    if (!dir) return { reason: `the entry folder of ${id} is not a path this reader can compute${via}` };
    const index = str(child(props, 'index')) ?? 'index.py';
    const exp = str(child(props, 'handler')) ?? 'handler';
    evidence.push(ev('handler', m.file, child(props, 'entry')?.line ?? line, `PythonFunction ${id} has entry ${dir}, index ${index}, handler ${exp}${via}`));
    return { ...base, runtime: runtime ?? 'python', entry: { path: joinPath(dir, index), export: exp }, baseDir: '', evidence };
  }
  if (cls === 'Function' || cls === 'SingletonFunction') {
    const handler = str(child(props, 'handler'));
    const code = child(props, 'code');
    const asset = code?.kind === 'opaque' ? /Code\.fromAsset\(/.exec(code.text) : null;
    if (code?.kind === 'opaque' && /Code\.fromInline\(|InlineCode\(/.test(code.text)) return { reason: `the code of ${id} is inline (${/InlineCode\(/.test(code.text) ? 'InlineCode' : 'Code.fromInline'}), not in a file${via}` };
    if (!asset) return { reason: `the code of ${id} is ${code?.kind === 'opaque' ? code.text : 'not stated'}, not Code.fromAsset(<folder>)${via}` };
    // Re-evaluate the asset path argument itself, wherever the `code` value was written (a shared `const code = Code.fromAsset(...)`, a spread of common props).
    const assetCall = n.arguments[2] ? fromAssetCall(r, n.arguments[2], m) : undefined;
    const dir = assetCall?.call.arguments[0] ? pathOf(r.program.evaluate(assetCall.call.arguments[0] as t.Expression, assetCall.mod), cwd) : undefined;
    if (!dir) return { reason: `the Code.fromAsset folder of ${id} is not a path this reader can compute${via}` };
    if (!handler) return { reason: `${id} states no handler string${via}` };
    evidence.push(ev('handler', m.file, child(props, 'handler')?.line ?? line, `${id} has handler ${handler} in ${dir}${via}`));
    return { ...base, handlerSpec: handler, baseDir: dir, evidence };
  }
  if (cls === 'DockerImageFunction') return { reason: `${id} is a container image function; its handler is in the image${via}` };
  return { reason: `${cls} ${id} is not a function construct this reader knows (NodejsFunction, Function, PythonFunction)${via}` };
}

/** The `Code.fromAsset(...)` call that a function's props give as `code`: followed through variables, spreads and `code: x`. */
function fromAssetCall(r: Reader, expr: t.Node, mod: JsModule, depth = 0): { call: t.CallExpression; mod: JsModule } | undefined {
  if (depth > 6) return undefined;
  const { expr: e, mod: m } = r.program.deref(expr, mod);
  const n = unwrap(e);
  if (n.type === 'CallExpression' && lastName(n.callee) === 'fromAsset') return { call: n, mod: m };
  if (n.type !== 'ObjectExpression') return undefined;
  // The last `code` wins, as in the object itself: walk the properties from the end.
  for (const p of [...n.properties].reverse()) {
    if (p.type === 'SpreadElement') {
      const found = fromAssetCall(r, p.argument, m, depth + 1);
      if (found) return found;
    } else if (p.type === 'ObjectProperty' && !p.computed && ((p.key.type === 'Identifier' && p.key.name === 'code') || (p.key.type === 'StringLiteral' && p.key.value === 'code'))) return fromAssetCall(r, p.value, m, depth + 1);
  }
  return undefined;
}

/**
 * A construct's id (its second argument) as far as it is known: `UserPool${id}` → `UserPool*`. Every
 * path to the same `new UserPool(...)` (its `lambdaTriggers`, `pool.addTrigger`) names it the same.
 */
function constructId(r: Reader, n: t.NewExpression, mod: JsModule): string | undefined {
  const arg = n.arguments[1];
  if (!arg || arg.type === 'SpreadElement' || arg.type === 'ArgumentPlaceholder') return undefined;
  const v = r.program.evaluate(arg, mod);
  const id = v.kind === 'scalar' && typeof v.value === 'string' ? v.value : undefined;
  return id && id.replace(/\*/g, '') ? id : undefined;
}

/** The pool a `new UserPool(...)` or `UserPool.fromUserPoolId(...)` expression is. */
function poolOf(r: Reader, expr: t.Node | undefined, mod: JsModule): WiredPool {
  if (!expr) return { ref: '?' };
  const { expr: e, mod: m } = r.program.deref(expr, mod);
  const n = unwrap(e);
  if (n.type === 'NewExpression') {
    const id = constructId(r, n, m) ?? dotted(expr) ?? '?';
    const name = str(child(r.program.evaluate(n.arguments[2] as t.Expression | undefined, m), 'userPoolName'));
    return withDeployedIdentity(r, m.file, id, name);
  }
  if (n.type === 'CallExpression' && /^fromUserPool(Id|Arn)$/.test(lastName(n.callee))) return { ref: n.arguments[1]?.type === 'StringLiteral' ? n.arguments[1].value : (dotted(expr) ?? '?'), existing: true };
  return { ref: dotted(expr) ?? sourceText(m, n) };
}

/**
 * The pool's logical id and name as deployed: from cdk.out's template when synthesized (exact), else
 * the construct id as a pattern and the `userPoolName` as far as it is known (`*` = computed at synth).
 */
function withDeployedIdentity(r: Reader, file: string, id: string, name: string | undefined): WiredPool {
  const literal = id.replace(/[^A-Za-z0-9]/g, '');
  const synth = id.includes('*') || !literal ? { read: [] } : synthesizedPool(r.fs, appDir(r.fs, file), id);
  for (const f of synth.read) if (!r.out.files.includes(f)) r.out.files.push(f);
  const s = synth.found;
  // A synthesized template is what deploys: its name (or none) wins over the code's reading.
  const deployedName = s ? s.name : name;
  const nameWhy = !deployedName ? 'not set (no userPoolName: CloudFormation names the pool)' : deployedName.includes('*') ? 'partly computed when the app is synthesized (run cdk synth for the exact name)' : undefined;
  const logicalId = s?.logicalId ?? (literal.length >= 3 ? `*${id.replace(/[^A-Za-z0-9*]/g, '')}*` : undefined);
  return { ref: id, ...(deployedName ? { name: deployedName } : {}), ...(nameWhy ? { nameWhy } : {}), ...(logicalId ? { logicalId } : {}) };
}

/**
 * The values an expression can take as written: `c ? a : b` gives both (each under its condition,
 * ` (when c)` / ` (unless c)`), `c && a` gives a; identifiers are followed. Conditions nest.
 */
export function alternatives(r: Reader, expr: t.Node, mod: JsModule, conds: readonly string[] = [], depth = 0): { expr: t.Node; mod: JsModule; when: string }[] {
  const { expr: e, mod: m } = r.program.deref(expr, mod);
  const n = unwrap(e);
  const test = (x: t.Node, yes: boolean): string[] => [...conds, `${yes ? 'when' : 'unless'} ${sourceText(m, x)}`];
  if (depth <= 4 && n.type === 'ConditionalExpression') return [...alternatives(r, n.consequent, m, test(n.test, true), depth + 1), ...alternatives(r, n.alternate, m, test(n.test, false), depth + 1)];
  if (depth <= 4 && n.type === 'LogicalExpression' && n.operator === '&&') return alternatives(r, n.right, m, test(n.left, true), depth + 1);
  // `lambdaTriggers: this.triggers()`: what the helper returns.
  const helped = depth <= 4 && n.type === 'CallExpression' ? r.program.helperReturn(n, m) : undefined;
  if (helped && 'expr' in helped) return alternatives(r, helped.expr, helped.mod, conds, depth + 1);
  return [{ expr: n, mod: m, when: conds.length ? ` (${conds.join(', ')})` : '' }];
}

function withoutName(fn: FunctionDecl): FunctionDecl {
  const copy = { ...fn };
  delete (copy as { name?: string }).name;
  return copy;
}

/** Binds the function `fnExpr` names to a slot, or records why it cannot. */
export function bindExpr(r: Reader, fnExpr: t.Node, mod: JsModule, slot: SlotDecl, what: string, conditional = false): void {
  // `preSignUp: prod ? strictFn : autoConfirmFn`: both are bound, each under its condition.
  const ways = unwrap(fnExpr).type === 'ConditionalExpression' || unwrap(fnExpr).type === 'LogicalExpression' ? alternatives(r, fnExpr, mod) : [{ expr: fnExpr, mod, when: '' }];
  for (const w of ways) {
    // `cond ? fn : undefined`: no trigger in that case, nothing to resolve.
    if ((w.expr.type === 'Identifier' && w.expr.name === 'undefined') || w.expr.type === 'NullLiteral') continue;
    const fn = functionDecl(r, w.expr, w.mod);
    const at = slot.evidence.find((e) => e.fact === 'trigger');
    const under = w.when ? { ...slot, evidence: slot.evidence.map((e) => (e === at ? { ...e, text: `${e.text}${w.when}` } : e)) } : slot;
    if ('reason' in fn) r.out.unresolved.push({ kind: r.kind, file: at?.file ?? mod.file, line: at?.line ?? 1, what: `${what}${w.when}`, reason: fn.reason });
    // Which branch deploys is not known statically: a conditional binding claims no deployed name (the doctor would call the other branch drift).
    else addWired(r.out, r.fs, w.when || conditional ? withoutName(fn) : fn, under);
  }
}

/**
 * `x.addPropertyOverride('LambdaConfig.PreTokenGenerationConfig', { LambdaArn, LambdaVersion })` and
 * `...('LambdaConfig.PreTokenGenerationConfig.LambdaVersion', 'V2_0')`: the CloudFormation-level
 * escape hatch CDK and Amplify Gen 2 projects use. Returns version overrides by LambdaConfig key.
 */
export function propertyOverrides(r: Reader, mod: JsModule, poolOfCall: (n: t.CallExpression) => SlotDecl['pool']): Map<string, { version: string; line: number }> {
  const versions = new Map<string, { version: string; line: number }>();
  walkAst(mod.ast.program, (n) => {
    if (n.type !== 'CallExpression' || lastName(n.callee) !== 'addPropertyOverride') return;
    const pathArg = n.arguments[0];
    const p = pathArg?.type === 'StringLiteral' ? pathArg.value : undefined;
    const m = p ? /^LambdaConfig\.(\w+)(?:\.(\w+))?$/.exec(p) : null;
    if (!m?.[1]) return;
    const key = lambdaConfigKeyOf(m[1]);
    if (!key) return;
    const value = r.program.evaluate(n.arguments[1] as t.Expression | undefined, mod);
    const line = n.loc?.start.line ?? 1;
    if (m[2] === 'LambdaVersion') {
      const v = lambdaVersionOf(str(value));
      if (v) versions.set(key, { version: v, line });
      return;
    }
    const version = lambdaVersionOf(str(child(value, 'LambdaVersion')));
    if (version) versions.set(key, { version, line });
    // The ARN expression itself, to bind the function.
    const obj = n.arguments[1];
    const arnProp = obj?.type === 'ObjectExpression' ? obj.properties.find((q): q is t.ObjectProperty => q.type === 'ObjectProperty' && q.key.type === 'Identifier' && q.key.name === 'LambdaArn') : undefined;
    const evidence: Evidence[] = [ev('trigger', mod.file, line, `${sourceText(mod, n.callee)}('${p}') binds it to ${key}`)];
    if (version) evidence.push(ev('lambdaVersion', mod.file, line, `LambdaVersion ${version}`));
    const pool = poolOfCall(n);
    if (arnProp) bindExpr(r, arnProp.value, mod, { lambdaConfigKey: key, ...(version ? { lambdaVersion: version } : {}), ...(pool ? { pool } : {}), evidence }, `${p}.LambdaArn`);
  });
  return versions;
}

/** Reads one CDK app file. */
export function readCdk(file: string, fs: WiringFs, program = new JsProgram(fs)): ReaderOutput {
  const out = emptyOutput();
  const mod = program.module(file);
  if (!mod) return { ...out, files: [file] };
  const r: Reader = { kind: 'cdk', fs, program, out };
  const poolVars = new Map<t.Node, WiredPool>();
  walkAst(mod.ast.program, (n) => {
    // new UserPool(scope, id, { lambdaTriggers: {...}, customSenderKmsKey })
    if (n.type === 'NewExpression' && lastName(n.callee) === 'UserPool') {
      const pool = poolOf(r, n, mod);
      poolVars.set(n, pool);
      const propsExpr = n.arguments[2] ? unwrap(r.program.deref(n.arguments[2], mod).expr) : undefined;
      const kms = propsExpr?.type === 'ObjectExpression' ? propsExpr.properties.find((p): p is t.ObjectProperty => p.type === 'ObjectProperty' && p.key.type === 'Identifier' && p.key.name === 'customSenderKmsKey') : undefined;
      const triggers = propsExpr?.type === 'ObjectExpression' ? propsExpr.properties.find((p): p is t.ObjectProperty => p.type === 'ObjectProperty' && p.key.type === 'Identifier' && p.key.name === 'lambdaTriggers') : undefined;
      if (!triggers) return;
      const bindTriggerObject = (tObj: t.ObjectExpression, when: string, tMod: JsModule): void => {
        for (const p of tObj.properties) {
          if (p.type !== 'ObjectProperty' || (p.key.type !== 'Identifier' && p.key.type !== 'StringLiteral')) continue;
          const raw = p.key.type === 'Identifier' ? p.key.name : p.key.value;
          const key = lambdaConfigKeyOf(raw);
          const line = p.loc?.start.line ?? 1;
          if (!key) {
            out.unresolved.push({ kind: 'cdk', file, line, what: `lambdaTriggers.${raw}`, reason: `${raw} is not a user pool trigger (${CDK_DOCS})` });
            continue;
          }
          const sender = key === 'CustomEmailSender' || key === 'CustomSMSSender';
          const kmsText = sender && kms ? sourceText(mod, kms.value) : undefined;
          const evidence: Evidence[] = [ev('trigger', tMod.file, line, `lambdaTriggers.${raw} of ${pool.ref} binds ${sourceText(tMod, p.value)} to ${key}${when}`)];
          if (kmsText && kms) evidence.push(ev('kmsKey', file, kms.loc?.start.line ?? line, `customSenderKmsKey ${kmsText}`));
          bindExpr(r, p.value, tMod, { lambdaConfigKey: key, ...(sender ? { lambdaVersion: 'V1_0' } : {}), ...(kmsText ? { kmsKey: kmsText } : {}), pool, evidence }, `lambdaTriggers.${raw}${when}`, !!when);
        }
      };
      // `lambdaTriggers: prod ? { ... } : { ... }`: each branch binds its triggers, under its condition.
      const branches = alternatives(r, triggers.value, mod);
      for (const b of branches) {
        if (b.expr.type !== 'ObjectExpression') {
          out.unresolved.push({ kind: 'cdk', file, line: triggers.loc?.start.line ?? 1, what: 'lambdaTriggers', reason: `lambdaTriggers${b.when} is ${sourceText(b.mod, b.expr)}, not an object literal this reader can read` });
          continue;
        }
        bindTriggerObject(b.expr, b.when, b.mod);
      }
    }
    // pool.addTrigger(UserPoolOperation.PRE_TOKEN_GENERATION_CONFIG, fn, LambdaVersion.V2_0)
    if (n.type === 'CallExpression' && n.callee.type === 'MemberExpression' && lastName(n.callee) === 'addTrigger') {
      const op = n.arguments[0] ? (dotted(n.arguments[0]) ?? sourceText(mod, n.arguments[0])) : '';
      const key = lambdaConfigKeyOf(op.split('.').pop() ?? '');
      const line = n.loc?.start.line ?? 1;
      if (!key || !n.arguments[1]) {
        out.unresolved.push({ kind: 'cdk', file, line, what: `addTrigger(${op})`, reason: `${op} is not a UserPoolOperation this reader knows (${CDK_DOCS})` });
        return;
      }
      const versionText = n.arguments[2] ? (dotted(n.arguments[2]) ?? sourceText(mod, n.arguments[2])) : undefined;
      const lambdaVersion = lambdaVersionOf(versionText);
      const pool = poolOf(r, n.callee.object, mod);
      const evidence: Evidence[] = [ev('trigger', file, line, `${sourceText(mod, n.callee)}(${op}) binds ${sourceText(mod, n.arguments[1])} to ${key} of ${pool.ref}`)];
      if (lambdaVersion) evidence.push(ev('lambdaVersion', file, line, `lambdaVersion ${versionText}`));
      bindExpr(r, n.arguments[1], mod, { lambdaConfigKey: key, ...(lambdaVersion ? { lambdaVersion } : {}), pool, evidence }, `addTrigger(${op})`);
    }
    // new CfnUserPool(scope, id, { lambdaConfig: { preSignUp: fn.functionArn, preTokenGenerationConfig: { lambdaArn, lambdaVersion } } })
    if (n.type === 'NewExpression' && lastName(n.callee) === 'CfnUserPool') {
      const id = n.arguments[1]?.type === 'StringLiteral' ? n.arguments[1].value : 'CfnUserPool';
      const props = n.arguments[2] ? unwrap(r.program.deref(n.arguments[2], mod).expr) : undefined;
      const cfg = props?.type === 'ObjectExpression' ? props.properties.find((p): p is t.ObjectProperty => p.type === 'ObjectProperty' && p.key.type === 'Identifier' && p.key.name === 'lambdaConfig') : undefined;
      const cfgObj = cfg ? unwrap(r.program.deref(cfg.value, mod).expr) : undefined;
      if (cfgObj?.type !== 'ObjectExpression') return;
      const evaluated = r.program.evaluate(cfgObj, mod);
      const kms = child(evaluated, 'kmsKeyId');
      const cfnPool = withDeployedIdentity(r, file, id, str(child(r.program.evaluate(n.arguments[2] as t.Expression, mod), 'userPoolName')));
      for (const p of cfgObj.properties) {
        if (p.type !== 'ObjectProperty' || p.key.type !== 'Identifier') continue;
        const key = lambdaConfigKeyOf(p.key.name);
        if (!key) continue;
        const line = p.loc?.start.line ?? 1;
        const v = unwrap(p.value);
        const arn = v.type === 'ObjectExpression' ? v.properties.find((q): q is t.ObjectProperty => q.type === 'ObjectProperty' && q.key.type === 'Identifier' && q.key.name === 'lambdaArn')?.value : v;
        if (!arn) continue;
        const version = lambdaVersionOf(str(child(child(evaluated, p.key.name), 'lambdaVersion')));
        const sender = key === 'CustomEmailSender' || key === 'CustomSMSSender';
        const kmsText = sender && kms ? (kms.kind === 'opaque' ? kms.text : str(kms)) : undefined;
        const evidence: Evidence[] = [ev('trigger', file, line, `lambdaConfig.${p.key.name} of ${id} binds it to ${key}`)];
        if (version) evidence.push(ev('lambdaVersion', file, line, `lambdaVersion ${version}`));
        bindExpr(r, arn, mod, { lambdaConfigKey: key, ...(version ? { lambdaVersion: version } : {}), ...(kmsText ? { kmsKey: kmsText } : {}), pool: cfnPool, evidence }, `lambdaConfig.${p.key.name}`);
      }
    }
  });
  const versions = propertyOverrides(r, mod, () => undefined);
  applyVersions(out, versions, file);
  return { ...out, files: [...new Set([...program.files, ...out.files])].sort() };
}

/**
 * A LambdaVersion set by an override applies to the pre token trigger bound without one: the
 * slot becomes `PreTokenGenerationConfig` at that version.
 */
export function applyVersions(out: ReaderOutput, versions: Map<string, { version: string; line: number }>, file: string): void {
  const pre = versions.get('PreTokenGenerationConfig');
  if (!pre) return;
  out.handlers = out.handlers.map((h) => {
    if ((h.lambdaConfigKey !== 'PreTokenGeneration' && h.lambdaConfigKey !== 'PreTokenGenerationConfig') || h.lambdaVersion) return h;
    const trigger = pre.version === 'V3_0' ? 'PreTokenGenerationV3' : pre.version === 'V2_0' ? 'PreTokenGenerationV2' : 'PreTokenGeneration';
    return { ...h, lambdaConfigKey: 'PreTokenGenerationConfig', lambdaVersion: pre.version, trigger, evidence: [...h.evidence, { fact: 'lambdaVersion', file, line: pre.line, text: `an addPropertyOverride sets LambdaVersion ${pre.version}` }] };
  });
}

/** True when a JS/TS file's text looks like a CDK app that wires a user pool trigger. */
export function looksLikeCdk(text: string): boolean {
  return /aws-cdk/.test(text) && /lambdaTriggers|addTrigger\s*\(|CfnUserPool|LambdaConfig\./.test(text) && !/@aws-amplify\/backend/.test(text);
}

