// `cognito-triggers check`: the language server's diagnostics for handler and event files, for CI:
// formats for people, editors, GitHub and code scanning (SARIF); suppressions; config from cognito-triggers.json.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Option, type Command } from 'commander';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-types';
import { parseBindingsFile, type CheckConfig, type RuleSetting } from '../core/bindings/file';
import type { FeatureContext, LanguageFeatureProvider, ProviderHost } from '../core/features/provider';
import { applySuppressions, SUPPRESSION_CODES } from '../core/features/suppression';
import { LAMBDA_SYNC_PAYLOAD_LIMIT_BYTES } from '../core/invoke/event';
import { getTrigger } from '../core/model';
import { ruleById } from '../core/rules';
import { CHECK_MAX_BYTES, readSafeFile, stampOf, type FileStamp } from '../core/safeFile';
import { SharedReads } from '../core/sharedReads';
import { defaultSettings, type Settings } from '../core/settings';
import { PROVIDERS } from '../providers';
import { ignoreFilter, matchedByPatterns, matchFiles, type PatternResult } from './checkFiles';
import { findProjectRoot, nodeWiringFs } from '../core/wiring/nodeFs';
import { folderWiring, useWiringFs } from '../workspace/wiring';
import { handlerRuntime } from '../workspace/runtime';
import { FORMATS, formatFindings, slashRelative, summaryLine, type CheckFinding, type CheckFormat, type CheckHandler, type FindingEdit } from './checkFormats';
import { USAGE_EXIT } from './program';
import { toolVersion } from './version';
import { thousands } from '../core/thousands';

export type { CheckFinding } from './checkFormats';

const LANGUAGES: Record<string, string> = { '.js': 'javascript', '.mjs': 'javascript', '.cjs': 'javascript', '.jsx': 'javascriptreact', '.ts': 'typescript', '.mts': 'typescript', '.cts': 'typescript', '.tsx': 'typescriptreact', '.py': 'python', '.json': 'json' };
const SEVERITY = ['', 'error', 'warning', 'info', 'hint'] as const;
const SEVERITY_NUMBER: Record<Exclude<RuleSetting, 'off'>, 1 | 2 | 3 | 4> = { error: 1, warning: 2, info: 3, hint: 4 };
export { CHECK_MAX_BYTES } from '../core/safeFile';

interface CheckOptions {
  json?: boolean;
  format?: CheckFormat;
  outputFile?: string;
  root?: string;
  maxWarnings?: string;
  runtime?: string;
  verbose?: boolean;
  errorOnUnmatchedPattern: boolean;
}

/** Where a check runs: the folder paths are relative to, and its config. */
export interface CheckScope {
  /** --root: event-file globs, the bindings file, ignore globs and SARIF paths are relative to it. */
  root: string;
  config: CheckConfig;
  /** Settings every file is checked with (defaults, plus --runtime). */
  settings?: Settings;
  /** Also describe each handler (trigger, export, runtime, IaC evidence): `check --json`. */
  describe?: boolean;
  /** Texts already read (by the wiring discovery), taken instead of reading the file again. */
  reads?: SharedReads;
}

/** What checking one file gave: its findings and which provider read it (none: not a trigger file). */
export interface FileCheck {
  findings: CheckFinding[];
  /** Provider name ("event-json", "handler-code"); undefined when no provider handles the file. */
  provider?: string;
  /** Not a JavaScript, TypeScript, Python or JSON file: not read at all, not counted. */
  skipped?: boolean;
  /** The file's handlers, when `scope.describe` asked for them. */
  handlers?: CheckHandler[];
}

const defaultScope = (): CheckScope => ({ root: process.cwd(), config: { rules: {}, ignore: [] } });

/** Diagnostics of one file through the first provider that handles it (none: not a trigger file). */
export async function checkFile(file: string, host: ProviderHost, scope: CheckScope = defaultScope()): Promise<CheckFinding[]> {
  return (await checkOne(file, host, scope)).findings;
}

/** The quick fix of a diagnostic: the provider's first code action that edits this document. */
async function fixOf(provider: LanguageFeatureProvider, ctx: FeatureContext, d: Diagnostic): Promise<CheckFinding['fix']> {
  if (!provider.codeActions) return undefined;
  let actions: CodeAction[];
  try {
    actions = await provider.codeActions(ctx, d.range, { diagnostics: [d] });
  } catch {
    return undefined;
  }
  for (const a of actions) {
    const edits: TextEdit[] | undefined = a.edit?.changes?.[ctx.document.uri];
    if (!edits?.length) continue;
    const toEdit = (e: TextEdit): FindingEdit => ({ line: e.range.start.line + 1, column: e.range.start.character + 1, endLine: e.range.end.line + 1, endColumn: e.range.end.character + 1, text: e.newText });
    return { description: a.title, edits: edits.map(toEdit) };
  }
  return undefined;
}

/** The configured severity of a code: undefined = keep the rule's own; 'off' = drop. */
const configured = (scope: CheckScope, code: string): RuleSetting | undefined => scope.config.rules[code];

/** Checks one file and says which provider handled it. */
export async function checkOne(file: string, host: ProviderHost, scope: CheckScope = defaultScope()): Promise<FileCheck> {
  const languageId = LANGUAGES[path.extname(file)];
  if (!languageId) return { findings: [], skipped: true };
  const rootPath = slashRelative(scope.root, file);
  const shown = path.relative(process.cwd(), file) || file;
  // An event file Lambda could never carry is not read: its size alone decides.
  let size = 0;
  let stamp: FileStamp | undefined;
  try {
    stamp = stampOf(fs.statSync(file));
    size = stamp.size;
  } catch {
    // Unreadable: readSafeFile below says why.
  }
  if (languageId === 'json' && size > LAMBDA_SYNC_PAYLOAD_LIMIT_BYTES) {
    const message = `The file is ${thousands(size)} bytes; Lambda refuses a synchronous payload over 6 MB (${thousands(LAMBDA_SYNC_PAYLOAD_LIMIT_BYTES)} bytes, https://docs.aws.amazon.com/lambda/latest/dg/API_Invoke.html), so it cannot be a trigger event. Not checked further.`;
    return { findings: [{ file: shown, rootPath, line: 1, column: 1, endLine: 1, endColumn: 1, severity: 'error', code: 'payload-too-large', message, docUrl: 'https://docs.aws.amazon.com/lambda/latest/dg/API_Invoke.html' }], provider: 'size' };
  }
  // Analysing a script reads the wiring (once per run), and its discovery reads every script under the
  // root: read it first, so that this file's text is among those kept and is not read a second time.
  // (A file outside the root gets no wiring, so nothing is read ahead for it.)
  if (scope.reads && languageId !== 'json' && !rootPath.startsWith('../')) await folderWiring(scope.root);
  const kept = stamp ? scope.reads?.take(file, stamp) : undefined;
  // An event file checked before the first script: the discovery that runs then must not keep its text.
  if (kept === undefined) scope.reads?.readBySelf(file);
  const read = kept !== undefined ? ({ ok: true, text: kept } as const) : readSafeFile(file, { maxBytes: CHECK_MAX_BYTES });
  if (!read.ok) {
    // One bad file is a finding for that file; the others are still checked.
    const badName = file.includes('\uFFFD');
    const message = badName ? `${shown}: the file name is not valid UTF-8, so it cannot be opened by name; rename it to check it.` : read.message;
    const tooLarge = read.reason === 'too-large';
    return { findings: [{ file: shown, rootPath, line: 1, column: 1, endLine: 1, endColumn: 1, severity: tooLarge ? 'warning' : 'error', code: tooLarge ? 'file-too-large' : 'unreadable-file', message }] };
  }
  const text = read.text;
  const document = TextDocument.create(`file://${file.split(path.sep).map(encodeURIComponent).join('/')}`, languageId, 1, text);
  const ctx: FeatureContext = { document, settings: scope.settings ?? defaultSettings(), relativePath: rootPath, host, reportSyntaxErrors: true };
  const provider = PROVIDERS.find((p) => p.handles(ctx));
  const raw: Diagnostic[] = provider?.diagnose ? await provider.diagnose(ctx) : [];
  const { diagnostics } = applySuppressions(text, languageId, raw);
  const findings: CheckFinding[] = [];
  for (const d of diagnostics) {
    const code = d.code === undefined ? '' : String(d.code);
    const setting = configured(scope, code);
    if (setting === 'off') continue;
    const severity = setting ? SEVERITY[SEVERITY_NUMBER[setting]] : SEVERITY[d.severity ?? 1] || 'error';
    const rule = ruleById(code);
    const docUrl = d.codeDescription?.href ?? rule?.helpUri;
    const fix = provider && code !== SUPPRESSION_CODES.unused && code !== SUPPRESSION_CODES.noReason ? await fixOf(provider, ctx, d) : undefined;
    findings.push({
      file: shown,
      rootPath,
      line: d.range.start.line + 1,
      column: d.range.start.character + 1,
      endLine: d.range.end.line + 1,
      endColumn: d.range.end.character + 1,
      severity: severity as CheckFinding['severity'],
      code,
      message: typeof d.message === 'string' ? d.message : (d.message as { value: string }).value,
      ...(docUrl ? { docUrl } : {}),
      ...(rule ? { ruleDocs: rule.docsUrl } : {}),
      ...(fix ? { fix } : {}),
    });
  }
  const handlers = scope.describe && provider?.describe ? await describeHandlers(provider, ctx, scope.root, shown) : undefined;
  return { findings, ...(provider ? { provider: provider.name } : {}), ...(handlers?.length ? { handlers } : {}) };
}

/** Each handler of the file: what inference says, the runtime and where it comes from, and the IaC wiring with its file:line evidence. */
async function describeHandlers(provider: LanguageFeatureProvider, ctx: FeatureContext, root: string, shown: string): Promise<CheckHandler[]> {
  const reports = (await provider.describe?.(ctx)) ?? [];
  const runtime = reports.length ? await handlerRuntime(ctx) : undefined;
  const wired = (await folderWiring(root)).handlers.filter((h) => h.file === ctx.relativePath);
  const wiringOf = (name: string): CheckHandler['wiring'] =>
    wired
      .filter((h) => h.export === name)
      .map((h) => ({
        kind: h.kind,
        trigger: h.trigger,
        lambdaConfigKey: h.lambdaConfigKey,
        ...(h.lambdaVersion ? { lambdaVersion: h.lambdaVersion } : {}),
        ...(h.pool ? { pool: h.pool } : {}),
        function: h.function,
        ...(h.runtime ? { runtime: h.runtime } : {}),
        ...(h.kmsKey ? { kmsKey: h.kmsKey } : {}),
        evidence: h.evidence,
      }));
  const out: CheckHandler[] = reports.map((r) => ({ file: shown, rootPath: ctx.relativePath, export: r.export, line: r.line, found: true, triggers: [...r.triggers], ...(r.signal ? { signal: r.signal } : {}), reasons: [...r.reasons], ...(runtime ? { runtime } : {}), wiring: wiringOf(r.export) }));
  // An export the IaC names that the file lacks (handler/wired-export-missing) is still listed, as not found.
  for (const name of new Set(wired.map((h) => h.export))) {
    if (reports.some((r) => r.export === name)) continue;
    const w = wiringOf(name);
    out.push({ file: shown, rootPath: ctx.relativePath, export: name, found: false, triggers: [...new Set(w.map((x) => x.trigger))], signal: 'binding', reasons: [], ...(runtime ? { runtime } : {}), wiring: w });
  }
  return out;
}

/** What checking every file a run names gave. */
export interface CheckRun {
  findings: CheckFinding[];
  handlers: CheckHandler[];
  patterns: PatternResult[];
  /** Files analysed (handler and event files). */
  checked: number;
  /** Files left out by cognito-triggers.json check.ignore. */
  skippedByConfig: number;
  /** Bytes of texts the wiring discovery kept that this run never asked for (0 unless a file changed meanwhile). */
  sharedLeft: number;
}

// What the wiring discovery reads is kept for the check that follows, within this budget (UTF-16 bytes).
const SHARED_READ_BYTES = 64 * 1024 * 1024;

/** Checks the files, folders and globs of `args` (relative to the working directory), one file at a time. */
export async function checkAll(args: readonly string[], scope: CheckScope, host: ProviderHost, verbose = false): Promise<CheckRun> {
  const ignored = ignoreFilter(scope.root, scope.config.ignore);
  const searched = (f: string): boolean => path.extname(f) in LANGUAGES && !f.endsWith('.d.ts');
  // The wiring discovery reads every script under the root; the check below would read each again.
  // Only texts of files this run checks are kept (not the rest of a large root when one file is checked).
  const willCheck = matchedByPatterns(args, process.cwd());
  const reads = new SharedReads(SHARED_READ_BYTES, (f) => searched(f) && willCheck(f) && !ignored(f));
  useWiringFs(scope.root, nodeWiringFs(scope.root, { onRead: (file, text, stamp) => reads.offer(file, text, stamp) }));
  const shared: CheckScope = { ...scope, reads };
  const run: CheckRun = { findings: [], handlers: [], patterns: [], checked: 0, skippedByConfig: 0, sharedLeft: 0 };
  // One file at a time: only findings are kept, however many files match.
  for (const f of matchFiles(args, process.cwd(), run.patterns, searched)) {
    const shown = path.relative(process.cwd(), f) || f;
    if (ignored(f)) {
      run.skippedByConfig++;
      if (verbose) process.stderr.write(`[verbose] ${shown}: ignored (cognito-triggers.json check.ignore)\n`);
      continue;
    }
    const c = await checkOne(f, host, shared);
    if (c.skipped) {
      // Named on the command line but not a handler or event file: say so instead of counting it as clean.
      process.stderr.write(`${shown}: skipped (not a handler or event file)\n`);
      continue;
    }
    run.checked++;
    if (verbose) process.stderr.write(`[verbose] ${shown}: ${c.provider ? `checked by ${c.provider}` : 'no trigger handler or event found; nothing to report'} (${c.findings.length} finding(s))\n`);
    run.findings.push(...c.findings);
    run.handlers.push(...(c.handlers ?? []));
  }
  run.sharedLeft = reads.held;
  return run;
}

/** --root, else the project root of the working directory (core/wiring/nodeFs.ts `projectRootOf` states the rule). */
function findRoot(given: string | undefined): string {
  return given ? path.resolve(given) : findProjectRoot(process.cwd());
}

/** The "check" section of the root's cognito-triggers.json; errors in it are usage errors. */
function readConfig(root: string): { config: CheckConfig; errors: string[] } {
  const file = path.join(root, 'cognito-triggers.json');
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return { config: { rules: {}, ignore: [] }, errors: [] };
  }
  const known = (code: string): boolean => !!ruleById(code);
  const parsed = parseBindingsFile(text, (id) => !!getTrigger(id), known);
  // Only the check section's errors stop a check; the handlers list is the bindings view's business.
  const errors = parsed.errors.filter((e) => e.path === '' || e.path.startsWith('check')).map((e) => `${path.relative(process.cwd(), file) || file}${e.path ? ` ${e.path}` : ''}: ${e.message}`);
  return { config: parsed.check, errors };
}

function usage(message: string): void {
  process.stderr.write(`cognito-triggers check: ${message}\n`);
  process.exitCode = USAGE_EXIT;
}

async function run(args: string[], o: CheckOptions): Promise<void> {
  const maxWarnings = o.maxWarnings === undefined ? Infinity : Number(o.maxWarnings);
  if (!Number.isInteger(maxWarnings) && maxWarnings !== Infinity) return usage(`--max-warnings must be a whole number, not "${o.maxWarnings}".`);
  if (o.json && o.format && o.format !== 'json') return usage(`--json and --format ${o.format} contradict each other; give one.`);
  const format: CheckFormat = o.format ?? (o.json ? 'json' : 'text');
  // --runtime stands in for the cognitoTriggers.runtime setting: the IaC still wins where it states one.
  if (o.runtime !== undefined && !/^nodejs\d+\.x$/.test(o.runtime)) return usage(`--runtime must be a Lambda Node.js runtime such as nodejs22.x or nodejs24.x, not "${o.runtime}".`);
  const settings = { ...defaultSettings(), ...(o.runtime ? { runtime: o.runtime } : {}) };
  if (o.root && !fs.existsSync(o.root)) return usage(`--root ${o.root}: no such folder.`);
  const root = findRoot(o.root);
  const { config, errors } = readConfig(root);
  if (errors.length) return usage(`the "check" section of cognito-triggers.json is not valid:\n  ${errors.join('\n  ')}`);
  // --json (not --format json, whose findings array stays as it is) reports the handlers too.
  const scope: CheckScope = { root, config, settings, describe: !!o.json };
  const host: ProviderHost = { log: (level, message) => (o.verbose || level === 'error' ? process.stderr.write(`[${level}] ${message}\n`) : undefined) };
  const { findings, handlers, patterns, checked, skippedByConfig } = await checkAll(args, scope, host, !!o.verbose);
  const unmatched = patterns.filter((p) => p.matched === 0);
  for (const p of unmatched) {
    const what = p.missing ? `no such file or folder: ${p.pattern}` : `no handler or event file matches: ${p.pattern}`;
    process.stderr.write(`cognito-triggers check: ${what}${o.errorOnUnmatchedPattern ? ' (--no-error-on-unmatched-pattern to allow it)' : ''}\n`);
  }
  if (unmatched.length && o.errorOnUnmatchedPattern) {
    process.exitCode = USAGE_EXIT;
    return;
  }
  const ctx = { version: toolVersion(), checked };
  const out = o.json ? `${JSON.stringify({ findings, handlers }, null, 2)}\n` : formatFindings(format, findings, ctx);
  if (o.outputFile) {
    fs.mkdirSync(path.dirname(path.resolve(o.outputFile)), { recursive: true });
    fs.writeFileSync(o.outputFile, out);
  } else process.stdout.write(out);
  const errorCount = findings.filter((d) => d.severity === 'error').length;
  const warnings = findings.filter((d) => d.severity === 'warning').length;
  // Machine formats on stdout stay pure; the summary goes to stderr for people.
  if (format !== 'json' || o.outputFile) process.stderr.write(`${summaryLine(findings, ctx).trimEnd()}${skippedByConfig ? ` ${skippedByConfig} ignored by cognito-triggers.json.` : ''}${o.outputFile ? ` Written to ${o.outputFile}.` : ''}\n`);
  // Say why a run with no errors fails: otherwise exit 1 looks like a crash.
  if (!errorCount && warnings > maxWarnings) process.stderr.write(`cognito-triggers check: ${warnings} warning(s) > --max-warnings ${maxWarnings}.\n`);
  process.exitCode = errorCount > 0 || warnings > maxWarnings ? 1 : 0;
}

/** Adds `check <files…> [--format F] [--output-file FILE] [--root DIR] [--max-warnings N] [--no-error-on-unmatched-pattern]`. */
export function addCheckCommand(program: Command): void {
  program
    .command('check')
    .description('Print diagnostics for trigger handlers and event files (folders and globs are searched). Exit 1 on any error or too many warnings, 2 on a usage error or when a pattern matches no file.')
    .argument('<files...>', 'handler (.js/.ts/.py) and event (.json) files, folders or globs ("src/**/*.ts")')
    .addOption(new Option('--format <format>', 'output format: text (default), stylish, compact (file:line:col: for Vim/Emacs), json, github (workflow annotations), sarif (code scanning)').choices(FORMATS))
    .option('--json', 'print one JSON object: findings (as --format json) and handlers (per handler: export, line, inferred trigger(s) and why, runtime and its source, the IaC wiring with file:line evidence)')
    .option('-o, --output-file <file>', 'write the output to this file instead of stdout')
    .option('--root <dir>', 'project root: the IaC wiring is read from it; event-file globs, cognito-triggers.json and SARIF/GitHub paths are relative to it (default: the nearest folder up with .git or cognito-triggers.json, else with an IaC file, else with package.json, else the current folder)')
    .option('--max-warnings <n>', 'fail when there are more warnings than this')
    .option('--runtime <id>', 'Lambda runtime of the handlers when the IaC does not state it (nodejs22.x, nodejs24.x): the callback rules depend on it')
    .option('--no-error-on-unmatched-pattern', 'do not fail when a file, folder or glob matches nothing')
    .option('--verbose', 'print to stderr which analyser handled each file, and the analysers\' logs')
    .action((files: string[], o: CheckOptions) => run(files, o));
}
