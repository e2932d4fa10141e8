// What readers share: a function as the IaC declares it, a trigger slot it is bound to, and the
// step that resolves the two into a WiredHandler (finding the source file) or an Unresolved entry.
import { familyOf, resolveModule, splitHandler } from './handlerFile';
import { triggerOf } from './slots';
import type { Evidence, IacKind, ReaderOutput, WiredHandler, WiringFs } from './types';

/** A function declared in IaC, before its handler file is looked for. */
export interface FunctionDecl {
  readonly kind: IacKind;
  /** IaC id: logical id, `functions.<key>`, Terraform address, CDK variable. */
  readonly ref: string;
  /** Deployed name (or a pattern with `*`), when stated or implied. */
  readonly name?: string;
  /** The handler string (`dist/x.handler`) or, for entry-style tools, the entry file + export. */
  readonly handlerSpec?: string;
  /** Entry-style (CDK NodejsFunction, Amplify): the source file itself, relative to `baseDir`, and the export. */
  readonly entry?: { readonly path: string; readonly export: string };
  /** Folder that handler paths are relative to (code folder, serverless.yml's folder), root-relative. */
  readonly baseDir: string;
  readonly runtime?: string;
  /** The code is written in the IaC itself (`InlineCode`, `Code.ZipFile`): there is no source file to find. */
  readonly inline?: string;
  readonly evidence: readonly Evidence[];
  /** Where the declaration is, for unresolved entries. */
  readonly file: string;
  readonly line: number;
}

/** A LambdaConfig slot that names a function. */
export interface SlotDecl {
  readonly lambdaConfigKey: string;
  readonly lambdaVersion?: string;
  readonly kmsKey?: string;
  readonly pool?: WiredHandler['pool'];
  /** Evidence of the binding itself (`trigger`), and of the version, key and pool when stated. */
  readonly evidence: readonly Evidence[];
}

/** Adds the handler for `fn` bound to `slot` to `out`, or says what could not be resolved. */
export function addWired(out: ReaderOutput, fs: WiringFs, fn: FunctionDecl, given: SlotDecl): void {
  // A version on the legacy key (Serverless `trigger: PreTokenGeneration` + `lambdaVersion: V2_0`) is the config key.
  const slot = given.lambdaConfigKey === 'PreTokenGeneration' && given.lambdaVersion ? { ...given, lambdaConfigKey: 'PreTokenGenerationConfig' } : given;
  const trigger = triggerOf(slot.lambdaConfigKey, slot.lambdaVersion);
  const bindLine = slot.evidence.find((e) => e.fact === 'trigger');
  if (!trigger) {
    out.unresolved.push({ kind: fn.kind, file: bindLine?.file ?? fn.file, line: bindLine?.line ?? fn.line, what: `LambdaConfig.${slot.lambdaConfigKey}`, reason: `${slot.lambdaConfigKey}${slot.lambdaVersion ? ` with LambdaVersion ${slot.lambdaVersion}` : ''} is not a trigger this tool models` });
    return;
  }
  const family = familyOf(fn.runtime) ?? (fn.entry ? 'node' : undefined);
  let file: string | undefined;
  let exportName: string;
  let handlerSpec: string;
  let note: string | undefined;
  const tried: string[] = [];
  if (family === 'other' || fn.inline) {
    // Not a file this tool can read: say why instead of searching the folder for a look-alike.
    const inlineSplit = family !== 'other' && fn.handlerSpec ? splitHandler(fn.handlerSpec, family ?? 'node') : undefined;
    exportName = fn.entry?.export ?? inlineSplit?.export ?? fn.handlerSpec ?? 'handler';
    handlerSpec = fn.handlerSpec ?? exportName;
    const reason = fn.inline ? `the code is inline in the template (${fn.inline}), not in a file` : `runtime ${fn.runtime} is neither Node.js nor Python: only Node.js and Python handlers are read`;
    out.unresolved.push({ kind: fn.kind, file: fn.file, line: fn.line, what: `${fn.ref} handler`, reason });
  } else if (fn.entry) {
    exportName = fn.entry.export;
    handlerSpec = `${fn.entry.path} (${fn.entry.export})`;
    const r = resolveModule(fs, fn.baseDir, fn.entry.path, family ?? 'node');
    if ('tried' in r) tried.push(...r.tried);
    else [file, note] = [r.file, r.note];
  } else if (fn.handlerSpec) {
    handlerSpec = fn.handlerSpec;
    // With no runtime stated, a Python-looking spec (no slash, dotted module) is tried both ways.
    const families = family ? [family] : (['node', 'python'] as const);
    let split: { module: string; export: string } | undefined;
    for (const fam of families) {
      split = splitHandler(fn.handlerSpec, fam);
      if (!split) continue;
      const r = resolveModule(fs, fn.baseDir, split.module, fam);
      if (!('tried' in r)) {
        [file, note] = [r.file, r.note];
        break;
      }
      tried.push(...r.tried);
    }
    split ??= splitHandler(fn.handlerSpec, families[0]);
    exportName = split?.export ?? 'handler';
    if (!split) {
      out.unresolved.push({ kind: fn.kind, file: fn.file, line: fn.line, what: `${fn.ref} handler`, reason: `handler "${fn.handlerSpec}" is not <file>.<export>` });
    }
  } else {
    out.unresolved.push({ kind: fn.kind, file: fn.file, line: fn.line, what: `${fn.ref} handler`, reason: 'the function names no handler (an image function, or a value this reader cannot evaluate)' });
    return;
  }
  if (!file && tried.length) {
    out.unresolved.push({ kind: fn.kind, file: fn.file, line: fn.line, what: `${fn.ref} handler`, reason: `no source file for "${handlerSpec}" (tried ${[...new Set(tried)].slice(0, 4).join(', ')}${tried.length > 4 ? ', ...' : ''})` });
  }
  const evidence = [...slot.evidence, ...fn.evidence.map((e) => (e.fact === 'handler' && note ? { ...e, text: `${e.text} (${note})` } : e))];
  out.handlers.push({
    kind: fn.kind,
    ...(file ? { file } : {}),
    export: exportName,
    handlerSpec,
    lambdaConfigKey: slot.lambdaConfigKey,
    trigger,
    ...(slot.lambdaVersion ? { lambdaVersion: slot.lambdaVersion } : {}),
    ...(slot.kmsKey ? { kmsKey: slot.kmsKey } : {}),
    ...(slot.pool ? { pool: slot.pool } : {}),
    function: { ref: fn.ref, ...(fn.name ? { name: fn.name } : {}) },
    ...(fn.runtime ? { runtime: fn.runtime } : {}),
    evidence,
  });
}

/** An empty reader output. */
export function emptyOutput(files: string[] = []): ReaderOutput {
  return { handlers: [], unresolved: [], files };
}
