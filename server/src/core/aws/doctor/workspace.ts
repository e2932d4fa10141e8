// The workspace side of the doctor: which handler builds a deployed function, its style and event
// version, and what the IaC wires to a pool. File access is injected (the hosts read size-capped files).
import type { BindingEntry } from '../../bindings/file';
import { analyzeDocumentAsync } from '../../handler/analyze';
import type { HandlerSite } from '../../handler/description';
import { functionNameOf, poolMatch, wiredHandlerForFunction, type DeployedPool } from '../../wiring/deployed';
import type { WiredHandler, WiringResult } from '../../wiring/types';

/** One workspace folder as the doctor sees it. */
export interface DoctorFolder {
  /** For messages: the folder's name or path. */
  readonly name: string;
  /** The bindings file's handler → function entries. */
  readonly entries: readonly BindingEntry[];
  /** The folder's IaC wiring, when read. */
  readonly wiring?: WiringResult;
  /** A folder-relative file's text, or undefined (missing, too large, outside the folder). */
  readFile(rel: string): string | undefined;
}

/** Every folder the doctor compares the pool with (none: only the deployed side is checked). */
export interface DoctorWorkspace {
  readonly folders: readonly DoctorFolder[];
}

/** The workspace handler that builds a deployed function. */
export interface LocatedHandler {
  readonly folder: DoctorFolder;
  readonly file: string;
  readonly exportName: string;
  /** The trigger the bindings file states for it. */
  readonly statedTrigger?: string;
  /** `cognito-triggers.json names it` or the IaC line. */
  readonly why: string;
}

// One matching rule for the doctor and the bindings view.
export { functionNameOf, nameMatches } from '../../wiring/deployed';

/** The handler whose bindings entry or IaC names the function; the bindings file first (an explicit statement). */
export function locateHandler(ws: DoctorWorkspace, functionArn: string): LocatedHandler | undefined {
  const name = functionNameOf(functionArn);
  for (const folder of ws.folders) {
    const e = folder.entries.find((x) => functionNameOf(x.functionName) === name);
    if (e) return { folder, file: e.file, exportName: e.handler, ...(e.trigger ? { statedTrigger: e.trigger } : {}), why: `${folder.name}/cognito-triggers.json maps it to ${e.file}#${e.handler}` };
  }
  for (const folder of ws.folders) {
    const h = wiredHandlerForFunction(folder.wiring, functionArn);
    if (h?.file) {
      const e = h.evidence.find((x) => x.fact === 'handler') ?? h.evidence[0];
      return { folder, file: h.file, exportName: h.export, why: e ? `${folder.name}/${e.file}:${e.line} names ${h.file}#${h.export}` : `the ${h.kind} wiring names ${h.file}#${h.export}` };
    }
  }
  return undefined;
}

/** The handler function in its file, analysed; undefined when the file cannot be read or has no such export. */
export async function analyzeHandler(h: LocatedHandler): Promise<HandlerSite | undefined> {
  const text = h.folder.readFile(h.file);
  if (text === undefined) return undefined;
  const a = await analyzeDocumentAsync({ text, languageId: '', fileName: h.file });
  return a.handlers.find((x) => x.name === h.exportName);
}

/** Pre token event versions by trigger id. */
const PRE_TOKEN_VERSION: Readonly<Record<string, string>> = { PreTokenGeneration: 'V1_0', PreTokenGenerationV2: 'V2_0', PreTokenGenerationV3: 'V3_0' };

/**
 * The pre token event version the handler is written for: the bindings file's stated trigger, else the
 * code's own signals (types, the response shape it sets), when they name pre token versions only. The
 * file name alone is no evidence of a version. V2 and V3 share the response shape: both give V2_0 unless
 * every candidate is V3.
 */
export function handlerPreTokenVersion(h: LocatedHandler, site: HandlerSite | undefined): { version: string; why: string } | undefined {
  if (h.statedTrigger && PRE_TOKEN_VERSION[h.statedTrigger]) return { version: PRE_TOKEN_VERSION[h.statedTrigger] as string, why: `the bindings file states ${h.statedTrigger}` };
  const inf = site?.inference;
  if (!inf?.known || inf.signal === 'fileName' || inf.signal === 'binding') return undefined;
  const versions = new Set(inf.candidates.map((c) => PRE_TOKEN_VERSION[c.trigger.id]));
  if (versions.has(undefined) || versions.size === 0) return undefined;
  if (versions.has('V1_0')) return versions.size === 1 ? { version: 'V1_0', why: `${h.file}#${h.exportName} is written for version 1 (${inf.reasons[0] ?? inf.signal})` } : undefined;
  const version = versions.has('V2_0') ? 'V2_0' : 'V3_0';
  return { version, why: `${h.file}#${h.exportName} is written for ${version === 'V2_0' ? 'version 2' : 'version 3'} (${inf.reasons[0] ?? inf.signal})` };
}

/** The callback-era facts of a handler (callback parameter, context.succeed/done/fail, async + callback). */
export function callbackFacts(site: HandlerSite | undefined): string[] {
  const kinds = new Set((site?.facts ?? []).map((f) => f.kind));
  const out: string[] = [];
  if (kinds.has('callbackStyle')) out.push('is a callback-style handler');
  if (kinds.has('legacyContext')) out.push('finishes with context.succeed/done/fail');
  if (kinds.has('asyncWithCallback')) out.push('is async and also takes a callback');
  return out;
}

/** Handlers the folders' IaC wires to this deployed pool, and the wired pools that could not be compared with it (and why). */
export function wiredForPool(ws: DoctorWorkspace, pool: DeployedPool): { matched: { folder: DoctorFolder; handler: WiredHandler; by: 'tags' | 'name' }[]; cannot: { folder: DoctorFolder; handler: WiredHandler; why: string }[] } {
  const matched: { folder: DoctorFolder; handler: WiredHandler; by: 'tags' | 'name' }[] = [];
  const cannot: { folder: DoctorFolder; handler: WiredHandler; why: string }[] = [];
  for (const folder of ws.folders) {
    for (const h of folder.wiring?.handlers ?? []) {
      const m = poolMatch(h.pool, pool);
      if ('cannot' in m) cannot.push({ folder, handler: h, why: m.cannot });
      else if (m.match) matched.push({ folder, handler: h, by: m.match });
    }
  }
  return { matched, cannot };
}
