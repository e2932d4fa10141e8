// Reads Amplify Gen 2 backends: `defineAuth({ triggers: { preSignUp, ... } })` with each trigger a
// `defineFunction({ name, entry, runtime })` (entry default `./handler.ts` beside its resource file),
// and escape hatches in backend.ts that set `LambdaConfig.PreTokenGenerationConfig` (V2_0/V3_0).
import type * as t from '@babel/types';
import { addWired, emptyOutput, type FunctionDecl } from './build';
import { applyVersions, propertyOverrides } from './cdk';
import { dirOf, joinPath } from './handlerFile';
import { dotted, JsProgram, sourceText, unwrap, walkAst, type JsModule } from './jsModule';
import { lambdaConfigKeyOf } from './slots';
import { child, str } from './tree';
import type { Evidence, ReaderOutput, WiringFs } from './types';

// https://docs.amplify.aws/react/build-a-backend/auth/customize-auth-lifecycle/triggers/
const TRIGGERS_DOCS = 'https://docs.amplify.aws/react/build-a-backend/auth/customize-auth-lifecycle/triggers/';

/**
 * The function a `defineFunction(...)` call defines. Without `entry` the handler is `handler.ts` beside
 * the file that calls it, exporting `handler`, as in Amplify's trigger examples
 * (https://docs.amplify.aws/react/build-a-backend/functions/examples/user-attribute-validation/);
 * `runtime: 20` is Node.js 20.
 */
function defineFunctionDecl(program: JsProgram, expr: t.Node, mod: JsModule): FunctionDecl | { reason: string } {
  const { expr: e, mod: m } = program.deref(expr, mod);
  const n = unwrap(e);
  if (n.type !== 'CallExpression' || dotted(n.callee) !== 'defineFunction') return { reason: `${sourceText(m, n)} is not a defineFunction(...) this reader can follow` };
  const arg = n.arguments[0];
  if (arg && (arg.type === 'ArrowFunctionExpression' || arg.type === 'FunctionExpression')) return { reason: `${sourceText(m, n).slice(0, 60)} builds its own CDK function; its handler is not read` };
  const props = program.evaluate(arg as t.Expression | undefined, m);
  const line = n.loc?.start.line ?? 1;
  const entryNode = child(props, 'entry');
  const entryText = str(entryNode) ?? './handler.ts';
  if (entryText.includes('*')) return { reason: `the entry ${entryText} is not a path this reader can compute` };
  const entry = entryText.startsWith('/') ? joinPath(entryText) : joinPath(dirOf(m.file), entryText);
  const name = str(child(props, 'name'));
  const runtimeNode = child(props, 'runtime');
  const runtime = typeof (runtimeNode?.kind === 'scalar' ? runtimeNode.value : undefined) === 'number' ? `nodejs${str(runtimeNode)}.x` : undefined;
  const evidence: Evidence[] = [{ fact: 'handler', file: m.file, line: entryNode?.line ?? line, text: `defineFunction${name ? ` ${name}` : ''} has entry ${entry}${entryNode ? '' : ' (the default handler.ts)'}` }];
  if (runtime && runtimeNode) evidence.push({ fact: 'runtime', file: m.file, line: runtimeNode.line, text: `runtime ${str(runtimeNode)} (${runtime})` });
  return { kind: 'amplify-gen2', ref: name ?? sourceText(mod, expr), ...(name ? { name: `amplify-*-${name}*` } : {}), entry: { path: entry, export: 'handler' }, baseDir: '', ...(runtime ? { runtime } : {}), evidence, file: m.file, line };
}

/** Reads one file that calls `defineAuth` (usually amplify/auth/resource.ts), and backend.ts beside it. */
export function readAmplifyGen2(file: string, fs: WiringFs, program = new JsProgram(fs)): ReaderOutput {
  const out = emptyOutput();
  const mod = program.module(file);
  if (!mod) return { ...out, files: [file] };
  walkAst(mod.ast.program, (n) => {
    if (n.type !== 'CallExpression' || dotted(n.callee) !== 'defineAuth') return;
    const arg = n.arguments[0] ? unwrap(program.deref(n.arguments[0], mod).expr) : undefined;
    const triggers = arg?.type === 'ObjectExpression' ? arg.properties.find((p): p is t.ObjectProperty => p.type === 'ObjectProperty' && p.key.type === 'Identifier' && p.key.name === 'triggers') : undefined;
    const tObj = triggers ? unwrap(program.deref(triggers.value, mod).expr) : undefined;
    if (tObj?.type !== 'ObjectExpression') return;
    for (const p of tObj.properties) {
      if (p.type !== 'ObjectProperty' || p.key.type !== 'Identifier') continue;
      const key = lambdaConfigKeyOf(p.key.name);
      const line = p.loc?.start.line ?? 1;
      if (!key) {
        out.unresolved.push({ kind: 'amplify-gen2', file, line, what: `defineAuth triggers.${p.key.name}`, reason: `${p.key.name} is not a user pool trigger (${TRIGGERS_DOCS})` });
        continue;
      }
      const fn = defineFunctionDecl(program, p.value, mod);
      if ('reason' in fn) {
        out.unresolved.push({ kind: 'amplify-gen2', file, line, what: `defineAuth triggers.${p.key.name}`, reason: fn.reason });
        continue;
      }
      addWired(out, fs, fn, { lambdaConfigKey: key, pool: { ref: 'auth' }, evidence: [{ fact: 'trigger', file, line, text: `defineAuth triggers.${p.key.name} binds ${sourceText(mod, p.value)} to ${key}` }] });
    }
  });
  // backend.ts escape hatches: `cfnUserPool.addPropertyOverride('LambdaConfig.PreTokenGenerationConfig', ...)`.
  const backend = ['backend.ts', 'backend.js', 'backend.mjs'].map((b) => joinPath(dirOf(dirOf(file)), b)).find((b) => fs.exists(b));
  const backendMod = backend ? program.module(backend) : undefined;
  if (backendMod) {
    // `backend.<name>.resources.lambda` is the function `<name>` given to defineBackend({ ... }).
    const functionOf = (expr: t.Node, m: JsModule): FunctionDecl | { reason: string } | undefined => {
      const name = /^\w+\.(\w+)\.resources\.lambda/.exec(dotted(unwrap(expr)) ?? sourceText(m, expr))?.[1];
      const b = name ? program.binding(name, m) : undefined;
      return b ? defineFunctionDecl(program, b.expr, b.mod) : undefined;
    };
    applyVersions(out, propertyOverrides({ kind: 'amplify-gen2', fs, program, out, functionOf }, backendMod, () => ({ ref: 'auth' })), backendMod.file);
  }
  return { ...out, files: [...program.files].sort() };
}

/** True when a TS/JS file's text defines Amplify Gen 2 auth. */
export function looksLikeAmplifyGen2(text: string): boolean {
  return /@aws-amplify\/backend/.test(text) && /defineAuth\s*\(/.test(text);
}
