// The project's trigger wiring, read from its infrastructure code: which handler serves which trigger.
//
// API (host-agnostic, no `vscode`; file access is injected as a WiringFs, `nodeWiringFs(root)` on disk):
//
//   const w = await readWiring(root, { fs?: WiringFs })   // one-shot
//     → { handlers: WiredHandler[], unresolved: Unresolved[], files: string[] }
//
//   const cache = new WiringCache(nodeWiringFs(root));    // long-lived (language server)
//   await cache.read();                                   // full read the first time, then cached
//   cache.updateFile('serverless.yml', 'changed');        // an IaC (or any) file changed/was created/deleted
//   await cache.read();                                   // re-reads only the projects that depend on it
//
//   wiredFor(w, 'src/preSignUp.ts')                       // the handlers wired to one source file
//
// A WiredHandler names the handler file (mapped back from build outputs such as `dist/x.handler`), the
// export, the LambdaConfig key and the model's trigger id (pre token V1/V2/V3 from LambdaVersion), the
// pool, the custom sender KMS key, the runtime, and for each fact the IaC file:line (`evidence`).
// Paths are relative to the root, '/'-separated. One reader per IaC kind lives beside this file; each
// turns one project file (and the files it includes) into a ReaderOutput.
import { isTemplate, readTemplate, templateKind } from './cloudformation';
import { emptyOutput } from './build';
import { nodeWiringFs } from './nodeFs';
import { isAmplifyGen1Auth, readAmplifyGen1 } from './amplifyGen1';
import { looksLikeAmplifyGen2, readAmplifyGen2 } from './amplifyGen2';
import { looksLikeCdk, readCdk } from './cdk';
import { isServerlessFile, readServerless, readServerlessScript } from './serverless';
import { looksLikeTerraformPool, readTerraform } from './terraform';
import { ChunkedYaml } from './yamlChunks';
import type { Node } from './tree';
import type { Evidence, ReaderOutput, WiredHandler, WiringFs, WiringResult } from './types';

export type { Evidence, Fact, IacKind, ReaderOutput, Unresolved, WiredHandler, WiringFs, WiringResult } from './types';

/** One IaC kind's reader: which files start a project, and how to read one. */
export interface WiringReader {
  readonly name: string;
  /** A cheap test on the path (and, when it passes, the text) of a file found by the walk. */
  claims(rel: string, text: () => string | undefined): boolean;
  read(rel: string, ctx: ReadContext): ReaderOutput | Promise<ReaderOutput>;
}

/** What a reader gets: the file access and a shared parse cache. */
export interface ReadContext {
  readonly fs: WiringFs;
  /** The YAML/JSON tree of a file, parsed once per content. */
  yaml(rel: string): Node | undefined;
}

const YAML_EXT = /\.(ya?ml|json|template)$/i;
// Amplify Gen 1 generates templates under amplify/backend/ whose ARNs are parameters; its reader reads the settings instead.
const NOT_TEMPLATES = /(^|\/)amplify\/backend\/|(^|\/)(package(-lock)?|tsconfig[^/]*|composer|cdk|amplify|\.eslintrc|cognito-triggers|launch|settings|tasks|extensions)\.json$|(^|\/)(\.github|\.circleci|\.gitlab)\//;

const serverlessReader: WiringReader = {
  name: 'serverless',
  claims: (rel) => isServerlessFile(rel),
  read: (rel, ctx) => (/\.[cm]?[jt]s$/.test(rel) ? readServerlessScript(rel, ctx.fs, ctx.yaml) : readServerless(rel, ctx.fs, ctx.yaml)),
};

const templateReader: WiringReader = {
  name: 'cloudformation',
  claims: (rel, text) => {
    if (!YAML_EXT.test(rel) || isServerlessFile(rel) || NOT_TEMPLATES.test(rel)) return false;
    const t = text();
    return !!t && /AWSTemplateFormatVersion|AWS::Serverless|AWS::Cognito::UserPool/.test(t);
  },
  read: (rel, ctx) => {
    const root = ctx.yaml(rel);
    const out = emptyOutput([rel]);
    if (!root || !isTemplate(root)) return out;
    readTemplate(root, { kind: templateKind(root), fs: ctx.fs }, out);
    return out;
  },
};

const SCRIPT = /\.([cm]?[jt]s|tsx)$/;
const notScript = (rel: string): boolean => rel.endsWith('.d.ts') || /(^|\/)(test|tests|__tests__|cdk\.out)\/|\.(test|spec)\.[jt]s$/.test(rel);

const cdkReader: WiringReader = {
  name: 'cdk',
  claims: (rel, text) => SCRIPT.test(rel) && !notScript(rel) && !isServerlessFile(rel) && looksLikeCdk(text() ?? ''),
  read: (rel, ctx) => readCdk(rel, ctx.fs),
};

const amplifyGen2Reader: WiringReader = {
  name: 'amplify-gen2',
  claims: (rel, text) => SCRIPT.test(rel) && !notScript(rel) && looksLikeAmplifyGen2(text() ?? ''),
  read: (rel, ctx) => readAmplifyGen2(rel, ctx.fs),
};

const terraformReader: WiringReader = {
  name: 'terraform',
  claims: (rel, text) => rel.endsWith('.tf') && looksLikeTerraformPool(text() ?? ''),
  read: (rel, ctx) => readTerraform(rel, ctx.fs),
};

const amplifyGen1Reader: WiringReader = {
  name: 'amplify-gen1',
  claims: (rel) => isAmplifyGen1Auth(rel),
  read: (rel, ctx) => readAmplifyGen1(rel, ctx.fs, ctx.yaml),
};

/** The readers; a file goes to the first that claims it. Results are listed in file order. Other kinds register here. */
export const READERS: WiringReader[] = [serverlessReader, amplifyGen1Reader, templateReader, cdkReader, amplifyGen2Reader, terraformReader];

/** Options of `readWiring`. */
export interface ReadWiringOptions {
  /** File access; default: the disk under `root`. */
  readonly fs?: WiringFs;
}

/** Reads the wiring under `root` once. */
export async function readWiring(root: string, options: ReadWiringOptions = {}): Promise<WiringResult> {
  const fs = options.fs ?? nodeWiringFs(root);
  return new WiringCache(fs).read();
}

/** The handlers wired to one source file (root-relative), in reader order. */
export function wiredFor(w: WiringResult, file: string): WiredHandler[] {
  return w.handlers.filter((h) => h.file === file);
}

/** A file's text as this cache last read it: `gen` is the read that last used it, `version` the file's version then. */
interface KeptText {
  readonly text: string | undefined;
  readonly version: string | undefined;
  gen: number;
}

/** A file a reader starts from, its output, and every file its reader read (found or not: a missing samconfig.toml counts). */
interface Project {
  readonly reader: WiringReader;
  out?: ReaderOutput;
  read?: ReadonlySet<string>;
}

/** Which reader claimed a file the walk found, and whether the decision looked at the text (then it holds for that version only). */
interface KeptClaim {
  readonly reader: WiringReader | undefined;
  readonly byText: boolean;
  readonly version: string | undefined;
}

// Texts a read keeps for its own later use (the discovery's look at every script, handed to the reader
// that asks again), at most this many characters; past it a file may be read twice, never kept without bound.
const READ_BUDGET = 64 * 1024 * 1024;

/**
 * The wiring of one root, kept between reads: only projects that depend on a changed file are re-read.
 * Each file is read at most once per read. Between reads the texts of the files projects depend on
 * (IaC files, includes, imported modules) and each walked file's claim are kept; they are used again
 * while `updateFile` has not named the file and, when the file access can tell (`WiringFs.version`),
 * its version is unchanged. So an update reads the changed file and nothing it did not touch.
 */
export class WiringCache {
  private projects: Map<string, Project> | undefined;
  private readonly parsed = new Map<string, { text: string; root: Node | undefined }>();
  /** Per YAML file, the pieces of its last parse: an edit re-parses only the blocks it touched. */
  private readonly chunked = new Map<string, ChunkedYaml>();
  private last: WiringResult | undefined;
  private readonly texts = new Map<string, KeptText>();
  private readonly claimed = new Map<string, KeptClaim>();
  /** The current read (KeptText.gen), and the characters it keeps. */
  private gen = 0;
  private kept = 0;
  /** Folder listings of the current read. */
  private readonly listings = new Map<string, string[]>();
  private allFiles: string[] | undefined;
  /** Walked files changed since the last read that were no project: their claim is decided again. */
  private readonly recheck = new Set<string>();

  constructor(readonly fs: WiringFs) {}

  /** A changed file: re-read the projects that depend on it; a created or deleted one may also start or end a project. */
  updateFile(rel: string, change: 'created' | 'changed' | 'deleted' = 'changed'): void {
    const walked = this.claimed.has(rel);
    this.parsed.delete(rel);
    this.texts.delete(rel);
    this.claimed.delete(rel);
    if (change === 'deleted') this.chunked.delete(rel);
    this.last = undefined;
    if (change !== 'changed' || !this.projects) {
      // A new or removed file can be a new project, or the handler file a project looked for.
      this.projects = undefined;
      return;
    }
    const own = this.projects.get(rel);
    if (own) own.out = undefined;
    // A walked file that was no project may be one now (a stack that just got its lambdaTriggers): ask its claim again.
    else if (walked) this.recheck.add(rel);
    for (const p of this.projects.values()) if (p.out?.files.includes(rel) || p.read?.has(rel)) p.out = undefined;
  }

  /** Every file the last read depended on (IaC files and what they include or name). */
  known(): Set<string> {
    const out = new Set<string>();
    for (const [rel, p] of this.projects ?? []) {
      out.add(rel);
      for (const f of p.out?.files ?? []) out.add(f);
      for (const f of p.read ?? []) out.add(f);
      for (const h of p.out?.handlers ?? []) if (h.file) out.add(h.file);
    }
    return out;
  }

  /** Drops everything (a settings change, a new root). */
  clear(): void {
    this.projects = undefined;
    this.recheck.clear();
    this.parsed.clear();
    this.chunked.clear();
    this.texts.clear();
    this.claimed.clear();
    this.last = undefined;
  }

  async read(): Promise<WiringResult> {
    if (this.last) return this.last;
    this.gen++;
    this.kept = 0;
    this.listings.clear();
    this.allFiles = undefined;
    let projects = this.projects ?? this.discover();
    let added = false;
    for (const rel of this.recheck) {
      const reader = this.claimOf(rel);
      if (!reader || projects.has(rel)) continue;
      projects.set(rel, { reader });
      added = true;
    }
    this.recheck.clear();
    // Results are listed in file order, as a fresh discovery (a sorted walk) would list them.
    if (added) projects = new Map([...projects].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    this.projects = projects;
    for (const [rel, p] of projects) {
      if (p.out) continue;
      // Readers see the file access through the kept texts: a file the discovery (or another reader) read is not read again.
      const read = new Set<string>();
      p.read = read;
      const readText = (f: string): string | undefined => (read.add(f), this.readText(f));
      const fs: WiringFs = { readFile: readText, exists: (f) => this.fs.exists(f), list: (f) => this.listed(f), walk: (keep) => this.walked(keep) };
      const ctx: ReadContext = { fs, yaml: (f) => (read.add(f), this.yaml(f)) };
      try {
        p.out = await p.reader.read(rel, ctx);
      } catch (e) {
        // A reader bug must not take the whole wiring down: say which file and why.
        p.out = { handlers: [], unresolved: [{ kind: 'serverless', file: rel, line: 1, what: rel, reason: `could not be read (${e instanceof Error ? e.message : String(e)})` }], files: [rel] };
      }
    }
    const outs = [...projects.values()].map((p) => p.out as ReaderOutput);
    this.keepOnly(new Set([...projects.keys(), ...outs.flatMap((o) => o.files), ...[...projects.values()].flatMap((p) => [...(p.read ?? [])])]));
    this.last = {
      // Across projects too: two templates (or stacks) wiring the same handler to the same pool are one slot.
      handlers: dedupe(outs.flatMap((o) => o.handlers)),
      unresolved: outs.flatMap((o) => o.unresolved),
      files: [...new Set(outs.flatMap((o) => o.files))].sort(),
    };
    return this.last;
  }

  /** The repository's files, walked once per read (each Terraform project looks for *.tf and *.tfvars; the discovery for candidates). */
  private walked(keep: (rel: string) => boolean): string[] {
    this.allFiles ??= this.fs.walk(() => true);
    return this.allFiles.filter(keep);
  }

  /** A folder's names, listed once per read (each pool's reader looks in cdk.out; Amplify's in backend/function). */
  private listed(rel: string): string[] {
    let names = this.listings.get(rel);
    if (!names) this.listings.set(rel, (names = this.fs.list(rel)));
    return names;
  }

  /** The file's text, read at most once per read (and not again while it is unchanged). */
  private readText(rel: string): string | undefined {
    const hit = this.texts.get(rel);
    if (hit?.gen === this.gen) return hit.text;
    if (hit && hit.version === this.fs.version?.(rel)) {
      hit.gen = this.gen;
      return hit.text;
    }
    const { text, version } = this.fs.readVersioned?.(rel) ?? { version: this.fs.version?.(rel), text: this.fs.readFile(rel) };
    this.kept += text?.length ?? 0;
    if (this.kept <= READ_BUDGET) this.texts.set(rel, { text, version, gen: this.gen });
    else this.texts.delete(rel);
    return text;
  }

  /** After a read: keep the texts of the files the projects depend on, drop the rest (the discovery's look at every script). */
  private keepOnly(files: ReadonlySet<string>): void {
    for (const rel of this.texts.keys()) if (!files.has(rel)) this.texts.delete(rel);
  }

  private yaml(rel: string): Node | undefined {
    const text = this.readText(rel);
    if (text === undefined) return undefined;
    const hit = this.parsed.get(rel);
    if (hit && hit.text === text) return hit.root;
    let chunks = this.chunked.get(rel);
    if (!chunks) this.chunked.set(rel, (chunks = new ChunkedYaml(rel)));
    const root = chunks.parse(text);
    this.parsed.set(rel, { text, root });
    return root;
  }

  private discover(): Map<string, Project> {
    const found = new Map<string, Project>();
    const candidates = this.walked((rel) => READERS.some((r) => r.claims(rel, () => undefined) || mayClaimByText(rel)));
    const walked = new Set(candidates);
    for (const rel of this.claimed.keys()) if (!walked.has(rel)) this.claimed.delete(rel);
    for (const rel of candidates) {
      const reader = this.claimOf(rel);
      if (reader) found.set(rel, { reader });
    }
    return found;
  }

  /** The reader that claims `rel`: decided again only when the decision read the text and the file changed since. */
  private claimOf(rel: string): WiringReader | undefined {
    const prev = this.claimed.get(rel);
    if (prev && (!prev.byText || prev.version === this.fs.version?.(rel))) return prev.reader;
    let byText = false;
    const text = (): string | undefined => ((byText = true), this.readText(rel));
    const reader = READERS.find((r) => r.claims(rel, text));
    this.claimed.set(rel, { reader, byText, version: byText ? this.texts.get(rel)?.version ?? this.fs.version?.(rel) : undefined });
    return reader;
  }
}

/**
 * One entry per handler, slot and pool: every statement of the same binding (a `lambdaTriggers` entry
 * and an `addTrigger` call, two templates) merges its evidence into the first, sorted by file and line.
 */
function dedupe(handlers: readonly WiredHandler[]): WiredHandler[] {
  const byKey = new Map<string, WiredHandler>();
  for (const h of handlers) {
    const key = [h.kind, h.file ?? h.handlerSpec, h.export, h.lambdaConfigKey, h.pool?.ref ?? ''].join('|');
    const prev = byKey.get(key);
    if (!prev) {
      byKey.set(key, h);
      continue;
    }
    const seen = new Set(prev.evidence.map((e) => `${e.fact}|${e.file}|${e.line}`));
    const evidence = [...prev.evidence, ...h.evidence.filter((e) => !seen.has(`${e.fact}|${e.file}|${e.line}`))];
    byKey.set(key, {
      ...prev,
      ...(h.lambdaVersion && !prev.lambdaVersion ? { lambdaVersion: h.lambdaVersion, trigger: h.trigger } : {}),
      ...(h.runtime && !prev.runtime ? { runtime: h.runtime } : {}),
      ...(h.kmsKey && !prev.kmsKey ? { kmsKey: h.kmsKey } : {}),
      ...(h.pool?.name && !prev.pool?.name ? { pool: { ...prev.pool, ...h.pool } } : {}),
      evidence: byFactThenPlace(evidence),
    });
  }
  return [...byKey.values()];
}

/** Evidence grouped by fact (in first-seen order), each group sorted by file and line. */
function byFactThenPlace(evidence: readonly Evidence[]): Evidence[] {
  const groups = new Map<string, Evidence[]>();
  for (const e of evidence) groups.set(e.fact, [...(groups.get(e.fact) ?? []), e]);
  return [...groups.values()].flatMap((g) => g.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line));
}

/** Files whose name alone does not decide, so the walk keeps them for a look at their text. */
function mayClaimByText(rel: string): boolean {
  return YAML_EXT.test(rel) || /\.(tf|[cm]?[jt]s)$/.test(rel);
}
