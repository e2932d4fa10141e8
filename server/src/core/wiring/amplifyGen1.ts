// Reads Amplify Gen 1 (CLI) projects: the auth category's trigger configuration
// (amplify/backend/auth/<name>/cli-inputs.json or parameters.json: `triggers`, `authTriggerConnections`)
// and the functions under amplify/backend/function/<name>/ (runtime and handler from the function's
// CloudFormation template; a `src/index.js` loader that requires the modules named in MODULES).
// https://docs.amplify.aws/gen1/javascript/build-a-backend/auth/add-social-provider/ (auth category);
// the trigger folder naming (<auth><Trigger>, "PreSignup") is observed in `amplify add auth` output.
import type * as t from '@babel/types';
import { addWired, emptyOutput, type FunctionDecl } from './build';
import { dotted, parseModule, walkAst } from './jsModule';
import { dirOf, joinPath } from './handlerFile';
import { lambdaConfigKeyOf } from './slots';
import { at, child, entries, items, keyLine, str, type Node } from './tree';
import type { Evidence, ReaderOutput, WiringFs } from './types';

/** A value that may be JSON text inside a JSON string (Amplify stores some settings that way). */
function jsonIn(node: Node | undefined): unknown {
  const s = str(node);
  if (s === undefined) return undefined;
  try {
    return JSON.parse(s);
  } catch {
    return undefined;
  }
}

/** `[{ triggerType, lambdaFunctionName }]` from a JSON string, or a list of JSON strings. */
function connections(node: Node | undefined): { triggerType: string; lambdaFunctionName: string; line: number }[] {
  const out: { triggerType: string; lambdaFunctionName: string; line: number }[] = [];
  const add = (v: unknown, line: number): void => {
    for (const c of Array.isArray(v) ? v : [v]) {
      const o = c as { triggerType?: unknown; lambdaFunctionName?: unknown } | null;
      if (o && typeof o.triggerType === 'string' && typeof o.lambdaFunctionName === 'string') out.push({ triggerType: o.triggerType, lambdaFunctionName: o.lambdaFunctionName, line });
    }
  };
  if (node?.kind === 'seq') for (const i of node.items) add(jsonIn(i) ?? undefined, i.line);
  else if (node) add(jsonIn(node), node.line);
  return out;
}

/** Reads one auth resource's configuration file. */
export function readAmplifyGen1(file: string, fs: WiringFs, yaml: (rel: string) => Node | undefined): ReaderOutput {
  const out = emptyOutput();
  const files = new Set([file]);
  // cli-inputs.json (CLI 7+) supersedes parameters.json beside it.
  if (file.endsWith('/parameters.json') && fs.exists(joinPath(dirOf(file), 'cli-inputs.json'))) return { ...out, files: [file] };
  const root = yaml(file);
  const cfg = child(root, 'cognitoConfig') ?? root;
  const authName = dirOf(file).split('/').pop() ?? '';
  const backend = dirOf(dirOf(dirOf(file)));
  const fnRoot = joinPath(backend, 'function');
  const fnFolders = fs.list(fnRoot);
  // `triggers`: { "PreSignup": ["custom", "email-filter-denylist"] } (or the same as a JSON string).
  const triggersNode = child(cfg, 'triggers');
  const triggers: [string, string[], number][] = triggersNode?.kind === 'map'
    ? entries(triggersNode).map(([k, v]) => [k, items(v).map(str).filter((s): s is string => !!s), keyLine(triggersNode, k)])
    : Object.entries((jsonIn(triggersNode) ?? {}) as Record<string, unknown>).map(([k, v]) => [k, Array.isArray(v) ? v.map(String) : [], triggersNode?.line ?? 1]);
  const conns = connections(child(cfg, 'authTriggerConnections'));
  for (const [rawKey, modules, line] of triggers) {
    const key = lambdaConfigKeyOf(rawKey);
    if (!key) {
      out.unresolved.push({ kind: 'amplify-gen1', file, line, what: `triggers.${rawKey}`, reason: `${rawKey} is not a user pool trigger` });
      continue;
    }
    const conn = conns.find((c) => lambdaConfigKeyOf(c.triggerType) === key);
    const fnName = conn?.lambdaFunctionName ?? fnFolders.find((f) => f.toLowerCase() === `${authName}${rawKey}`.toLowerCase()) ?? fnFolders.find((f) => f.toLowerCase().endsWith(rawKey.toLowerCase()));
    if (!fnName || !fnFolders.includes(fnName)) {
      out.unresolved.push({ kind: 'amplify-gen1', file, line, what: `triggers.${rawKey}`, reason: `no function folder for it under ${fnRoot}${fnName ? ` (looked for ${fnName})` : ''}` });
      continue;
    }
    const fnDir = joinPath(fnRoot, fnName);
    const templateFile = joinPath(fnDir, `${fnName}-cloudformation-template.json`);
    files.add(templateFile);
    const props = at(yaml(templateFile), 'Resources', 'LambdaFunction', 'Properties');
    const runtime = str(child(props, 'Runtime'));
    const handler = str(child(props, 'Handler')) ?? 'index.handler';
    const slotEvidence: Evidence[] = [{ fact: 'trigger', file, line: conn?.line ?? line, text: `the auth resource ${authName} binds function ${fnName} to ${key}` }];
    const evidence: Evidence[] = [];
    if (runtime && props) evidence.push({ fact: 'runtime', file: templateFile, line: keyLine(props, 'Runtime'), text: `${fnName} runs on ${runtime}` });
    evidence.push({ fact: 'handler', file: props ? templateFile : file, line: props ? keyLine(props, 'Handler') : line, text: `${fnName} has handler ${handler}` });
    const base: FunctionDecl = { kind: 'amplify-gen1', ref: fnName, name: `${fnName}-*`, handlerSpec: handler, baseDir: joinPath(fnDir, 'src'), ...(runtime ? { runtime } : {}), evidence, file, line };
    // The generated loader (`src/index.js` requiring each module named in MODULES) runs the modules: those are the handlers.
    const loader = fs.readFile(joinPath(fnDir, 'src', 'index.js'));
    if (loader !== undefined) files.add(joinPath(fnDir, 'src', 'index.js'));
    const isLoader = loader !== undefined && loaderRunsModules(joinPath(fnDir, 'src', 'index.js'), loader);
    const mods = isLoader ? modules.filter((m) => fs.exists(joinPath(fnDir, 'src', `${m}.js`))) : [];
    if (isLoader && mods.length) {
      for (const m of mods) addWired(out, fs, { ...base, handlerSpec: `${m}.handler`, evidence: [...evidence, { fact: 'handler', file: joinPath(fnDir, 'src', 'index.js'), line: 1, text: `the Amplify loader runs module ${m}` }] }, { lambdaConfigKey: key, pool: { ref: authName }, evidence: slotEvidence });
    } else addWired(out, fs, base, { lambdaConfigKey: key, pool: { ref: authName }, evidence: slotEvidence });
  }
  return { ...out, files: [...files].sort() };
}

/**
 * Whether index.js is still Amplify's loader: its exported handler runs the modules named in MODULES.
 * People often write their handler into index.js and leave the generated requires above it (observed:
 * marmikcfc/deVault, four trigger functions); Lambda then runs index.js's own handler and no module's.
 */
function loaderRunsModules(file: string, text: string): boolean {
  const mod = parseModule(file, text);
  // Unparsable: keep to what the text says.
  if (!mod) return /process\.env\.MODULES/.test(text);
  const exported = mod.exports.get('handler');
  const fn = typeof exported === 'string' ? mod.bindings.get(exported) : exported;
  if (!fn) return false;
  // Names bound (directly or through one another) to what MODULES names: `moduleNames`, `modules`.
  const fromModules = new Set<string>();
  const mentions = (n: t.Node): boolean => {
    let hit = false;
    walkAst(n, (x) => {
      if (x.type === 'Identifier' && fromModules.has(x.name)) hit = true;
      else if (x.type === 'MemberExpression' && dotted(x) === 'process.env.MODULES') hit = true;
    });
    return hit;
  };
  for (let grew = true; grew; ) {
    grew = false;
    for (const [name, init] of mod.bindings) if (!fromModules.has(name) && mentions(init)) grew = !!fromModules.add(name);
  }
  // A module the handler requires itself counts too (the oldest loader requires inside its loop).
  let runs = mentions(fn);
  walkAst(fn, (x) => {
    if (x.type === 'CallExpression' && x.callee.type === 'Identifier' && x.callee.name === 'require') runs = true;
  });
  return runs;
}

/** The auth category's settings files that carry trigger configuration. */
export function isAmplifyGen1Auth(rel: string): boolean {
  return /(^|\/)amplify\/backend\/auth\/[^/]+\/(cli-inputs|parameters)\.json$/.test(rel);
}
