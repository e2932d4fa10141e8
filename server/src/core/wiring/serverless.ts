// Reads a Serverless Framework service (serverless.yml / .yaml / .json): `functions` with their
// `cognitoUserPool` events, runtimes, `${file(...)}` includes, and `resources:` user pools whose
// LambdaConfig names the functions by `<Key>LambdaFunction` or by a `${self:service}-${sls:stage}-<key>` ARN.
import { addWired, emptyOutput, type FunctionDecl } from './build';
import { readTemplate, type NamedFunction } from './cloudformation';
import { dirOf, joinPath } from './handlerFile';
import { JsProgram } from './jsModule';
import { lambdaConfigKeyOf, lambdaVersionOf } from './slots';
import { at, child, entries, items, keyLine, mapNode, show, str, type Node } from './tree';
import type { Evidence, ReaderOutput, WiringFs } from './types';
import { parseYaml } from './yamlTree';

const DOCS = 'https://www.serverless.com/framework/docs/providers/aws/events/cognito-user-pool';

/**
 * Serverless's logical id of a function: the key with `-` → `Dash`, `_` → `Underscore`, first letter
 * upper-cased, plus `LambdaFunction`.
 * https://www.serverless.com/framework/docs/providers/aws/guide/resources#aws-cloudformation-resource-reference
 */
export function serverlessLogicalId(key: string): string {
  const n = key.replace(/-/g, 'Dash').replace(/_/g, 'Underscore');
  return `${n.charAt(0).toUpperCase()}${n.slice(1)}LambdaFunction`;
}

const FILE_REF = /^\$\{file\(([^)]+)\)(?::([^}]+))?\}$/;
const MAX_DEPTH = 8;

/** A tree reader for included files (YAML or JSON); undefined when unreadable. */
type Loader = (rel: string) => Node | undefined;

/** Replaces `${file(x.yml)}` / `${file(x.yml):a.b}` values with the included tree, recursively. */
function expandIncludes(node: Node, load: Loader, depth = 0): Node {
  if (depth > MAX_DEPTH) return node;
  if (node.kind === 'scalar' && typeof node.value === 'string') {
    const m = FILE_REF.exec(node.value.trim());
    if (!m?.[1]) return node;
    const rel = joinPath(dirOf(node.file), m[1].trim().replace(/^['"]|['"]$/g, ''));
    let inc = load(rel);
    if (!inc) return node;
    for (const k of (m[2] ?? '').split('.').filter(Boolean)) inc = child(inc, k) ?? inc;
    return expandIncludes(inc, load, depth + 1);
  }
  // Nodes without an include are kept as they are (no copy of a 200-function tree per read).
  if (node.kind === 'map') {
    const pairs = [...node.entries].map(([k, v]) => [k, v.keyLine, expandIncludes(v.value, load, depth)] as [string, number, Node]);
    return pairs.some(([k, , v]) => node.entries.get(k)?.value !== v) ? mapNode(node.file, node.line, pairs) : node;
  }
  if (node.kind === 'seq') {
    const items = node.items.map((i) => expandIncludes(i, load, depth));
    return items.some((v, i) => v !== node.items[i]) ? { ...node, items } : node;
  }
  return node;
}

/** Resolves `${self:...}` against the service; stage, options, env and remote values become `*`. */
export function serverlessResolver(root: Node): (s: string) => string {
  const resolve = (s: string, depth = 0): string => {
    let out = s;
    // Innermost first: `${self:custom.${sls:stage}}`.
    for (let i = 0; i < 10 && out.includes('${'); i++) {
      const next = out.replace(/\$\{([^${}]*)\}/g, (_all, inner: string) => {
        const [expr] = inner.split(',');
        const m = /^\s*self:([\w.-]+)\s*$/.exec(expr ?? '');
        if (m?.[1] && depth < 5) {
          let n: Node | undefined = root;
          for (const k of m[1].split('.')) n = child(n, k);
          // `service: { name: x }` is the v1 spelling.
          const v = str(n) ?? str(child(n, 'name'));
          if (v !== undefined) return resolve(v, depth + 1);
        }
        return '*';
      });
      if (next === out) break;
      out = next;
    }
    return out;
  };
  return (s) => resolve(s);
}

/** Reads one service file (and its includes). */
export function readServerless(file: string, fs: WiringFs, parsed?: (rel: string) => Node | undefined): ReaderOutput {
  const files = new Set<string>([file]);
  const load: Loader = (rel) => {
    files.add(rel);
    if (parsed) return parsed(rel);
    const text = fs.readFile(rel);
    return text === undefined ? undefined : parseYaml(text, rel).root;
  };
  const out = emptyOutput();
  const raw = load(file);
  if (!raw) return { ...out, files: [...files] };
  const root = expandIncludes(raw, load);
  const resolve = serverlessResolver(root);
  const service = resolve(str(child(root, 'service')) ?? str(at(root, 'service', 'name')) ?? '*');
  const provider = child(root, 'provider');
  const providerRuntime = str(child(provider, 'runtime'));
  const serviceDir = dirOf(file);

  // `functions` is a map, or a list of maps (each often a `${file()}` include).
  const fnsNode = child(root, 'functions');
  const fnPairs: [string, Node, Node][] = fnsNode?.kind === 'seq' ? fnsNode.items.flatMap((m) => entries(m).map(([k, v]) => [k, v, m] as [string, Node, Node])) : entries(fnsNode).map(([k, v]) => [k, v, fnsNode as Node]);
  const functions: (NamedFunction & { def: Node; key: string })[] = [];
  for (const [key, def, holder] of fnPairs) {
    const handler = str(child(def, 'handler'));
    const ownRuntime = str(child(def, 'runtime'));
    const runtime = ownRuntime ?? providerRuntime;
    const evidence: Evidence[] = [];
    if (handler) evidence.push({ fact: 'handler', file: def.file, line: keyLine(def, 'handler'), text: `functions.${key} has handler ${handler}` });
    if (ownRuntime) evidence.push({ fact: 'runtime', file: def.file, line: keyLine(def, 'runtime'), text: `functions.${key} runs on ${ownRuntime}` });
    else if (providerRuntime && provider) evidence.push({ fact: 'runtime', file: provider.file, line: keyLine(provider, 'runtime'), text: `provider.runtime ${providerRuntime}` });
    const explicit = str(child(def, 'name'));
    // Serverless names a function <service>-<stage>-<key> unless `name` says otherwise.
    const name = explicit ? resolve(explicit) : `${service}-*-${key}`;
    const decl: FunctionDecl = {
      kind: 'serverless',
      ref: `functions.${key}`,
      name,
      // A handler built from `__dirname` in serverless.ts is already root-relative.
      ...(handler ? { handlerSpec: resolve(handler).replace(/^\//, '') } : {}),
      baseDir: handler?.startsWith('/') ? '' : serviceDir,
      ...(runtime && !runtime.includes('${') ? { runtime: resolve(runtime) } : {}),
      evidence,
      file: def.file,
      line: keyLine(holder, key),
    };
    functions.push({ ...decl, logicalIds: [serverlessLogicalId(key)], def, key });
    if (runtime?.includes('${') && resolve(runtime).includes('*')) out.unresolved.push({ kind: 'serverless', file: def.file, line: keyLine(ownRuntime ? def : provider, 'runtime'), what: `functions.${key} runtime`, reason: `${runtime} is a variable known only at deploy time` });
  }

  // Resources first: a `resources:` pool may state the pre token version for an event-bound function.
  const resNode = child(root, 'resources');
  const parts = resNode?.kind === 'seq' ? resNode.items : resNode ? [resNode] : [];
  const merged: [string, number, Node][] = [];
  for (const p of parts) for (const [k, v] of entries(child(p, 'Resources'))) merged.push([k, keyLine(child(p, 'Resources'), k), v]);
  const template = mapNode(file, 1, [['Resources', 1, mapNode(file, 1, merged)], ...(child(root, 'Parameters') ? [['Parameters', 1, child(root, 'Parameters') as Node] as [string, number, Node]] : [])]);
  readTemplate(template, { kind: 'serverless', fs, extraFunctions: functions, resolve }, out);

  // `events: - cognitoUserPool: { pool, trigger, existing, kmsKeyId, lambdaVersion }` (see DOCS).
  for (const fn of functions) {
    for (const e of items(child(fn.def, 'events'))) {
      const ev = child(e, 'cognitoUserPool');
      if (!ev) continue;
      const triggerNode = child(ev, 'trigger');
      const raw = str(triggerNode);
      const key = raw ? lambdaConfigKeyOf(raw) : undefined;
      if (!raw || !key) {
        out.unresolved.push({ kind: 'serverless', file: ev.file, line: keyLine(ev, 'trigger'), what: `${fn.ref} cognitoUserPool.trigger`, reason: `${show(triggerNode)} is not a user pool trigger (${DOCS})` });
        continue;
      }
      const pool = resolve(str(child(ev, 'pool')) ?? '*');
      const existing = str(child(ev, 'existing')) === 'true';
      const versionNode = child(ev, 'lambdaVersion');
      const lambdaVersion = lambdaVersionOf(str(versionNode));
      const kmsNode = child(ev, 'kmsKeyId');
      const evidence: Evidence[] = [{ fact: 'trigger', file: ev.file, line: keyLine(ev, 'trigger'), text: `binds ${fn.ref} to ${key} of ${pool}${existing ? ' (existing pool)' : ''}` }];
      if (lambdaVersion && versionNode) evidence.push({ fact: 'lambdaVersion', file: versionNode.file, line: versionNode.line, text: `lambdaVersion ${lambdaVersion}` });
      if (kmsNode) evidence.push({ fact: 'kmsKey', file: kmsNode.file, line: kmsNode.line, text: `kmsKeyId ${show(kmsNode)}` });
      evidence.push({ fact: 'pool', file: ev.file, line: keyLine(ev, 'pool'), text: `pool ${pool}` });
      const already = out.handlers.some((h) => h.function.ref === fn.ref && h.lambdaConfigKey === key && h.pool?.name === pool);
      if (already) continue;
      addWired(out, fs, fn, {
        lambdaConfigKey: key,
        ...(lambdaVersion ? { lambdaVersion } : {}),
        ...(kmsNode ? { kmsKey: resolve(show(kmsNode)) } : {}),
        pool: { ref: pool, name: pool, ...(existing ? { existing } : {}) },
        evidence,
      });
    }
  }
  return { ...out, files: [...files].sort() };
}

/** True for the file names the Serverless Framework reads as a service. */
export function isServerlessFile(rel: string): boolean {
  return /(^|\/)serverless\.(ya?ml|json|ts|js|cjs|mjs)$/.test(rel);
}

/** serverless.ts / .js: the exported configuration object, evaluated statically into a tree. */
export function readServerlessScript(file: string, fs: WiringFs, yaml: (rel: string) => Node | undefined): ReaderOutput {
  const program = new JsProgram(fs);
  const mod = program.module(file);
  const exported = mod ? program.exported('default', mod) : undefined;
  const tree = exported ? program.evaluate(exported.expr, exported.mod) : undefined;
  const out = readServerless(file, fs, (rel) => (rel === file ? tree : yaml(rel)));
  return { ...out, files: [...new Set([...out.files, ...program.files])].sort() };
}
