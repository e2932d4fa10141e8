// `cognito-triggers check`: the language server's diagnostics for handler and event files, for CI.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Command } from 'commander';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { FeatureContext, ProviderHost } from '../core/features/provider';
import { listFiles } from '../core/invoke/workspace';
import { defaultSettings, type Settings } from '../core/settings';
import { PROVIDERS } from '../providers';

const LANGUAGES: Record<string, string> = { '.js': 'javascript', '.mjs': 'javascript', '.cjs': 'javascript', '.jsx': 'javascriptreact', '.ts': 'typescript', '.mts': 'typescript', '.cts': 'typescript', '.tsx': 'typescriptreact', '.py': 'python', '.json': 'json' };
const SEVERITY = ['', 'error', 'warning', 'info', 'hint'] as const;

interface CheckOptions {
  json?: boolean;
  maxWarnings?: string;
  runtime?: string;
  verbose?: boolean;
}

/** One diagnostic as printed. */
export interface CheckFinding {
  file: string;
  line: number;
  column: number;
  severity: 'error' | 'warning' | 'info' | 'hint';
  code: string;
  message: string;
}

/** Files named on the command line; directories contribute their JS, TS, Python and JSON files. */
function expand(args: string[]): { files: string[]; missing: string[] } {
  const files: string[] = [];
  const missing: string[] = [];
  for (const a of args) {
    const abs = path.resolve(a);
    let st: fs.Stats;
    try {
      st = fs.statSync(abs);
    } catch {
      missing.push(a);
      continue;
    }
    if (st.isDirectory()) files.push(...listFiles(abs, (r) => path.extname(r) in LANGUAGES && !r.endsWith('.d.ts')).map((r) => path.join(abs, r)));
    else files.push(abs);
  }
  return { files, missing };
}

/** What checking one file gave: its findings and which provider read it (none: not a trigger file). */
export interface FileCheck {
  findings: CheckFinding[];
  /** Provider name ("event-json", "handler-code"); undefined when no provider handles the file. */
  provider?: string;
  /** Not a JavaScript, TypeScript, Python or JSON file: not read at all, not counted. */
  skipped?: boolean;
}

/** Diagnostics of one file through the first provider that handles it (none: not a trigger file). */
export async function checkFile(file: string, host: ProviderHost): Promise<CheckFinding[]> {
  return (await checkOne(file, host)).findings;
}

/** Checks one file and says which provider handled it. */
export async function checkOne(file: string, host: ProviderHost, settings: Settings = defaultSettings()): Promise<FileCheck> {
  const languageId = LANGUAGES[path.extname(file)];
  if (!languageId) return { findings: [], skipped: true };
  const text = fs.readFileSync(file, 'utf8');
  const document = TextDocument.create(`file://${file.split(path.sep).map(encodeURIComponent).join('/')}`, languageId, 1, text);
  const ctx: FeatureContext = { document, settings, relativePath: path.relative(process.cwd(), file).split(path.sep).join('/'), host, reportSyntaxErrors: true };
  const provider = PROVIDERS.find((p) => p.handles(ctx));
  const diags: Diagnostic[] = provider?.diagnose ? await provider.diagnose(ctx) : [];
  const findings = diags.map((d): CheckFinding => ({
    file: path.relative(process.cwd(), file) || file,
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
    severity: SEVERITY[d.severity ?? 1] || 'error',
    code: d.code === undefined ? '' : String(d.code),
    message: typeof d.message === 'string' ? d.message : d.message.value,
  }));
  return { findings, ...(provider ? { provider: provider.name } : {}) };
}

async function run(args: string[], o: CheckOptions): Promise<void> {
  const maxWarnings = o.maxWarnings === undefined ? Infinity : Number(o.maxWarnings);
  if (!Number.isInteger(maxWarnings) && maxWarnings !== Infinity) {
    process.stderr.write(`cognito-triggers check: --max-warnings must be a whole number, not "${o.maxWarnings}".\n`);
    process.exitCode = 2;
    return;
  }
  // --runtime stands in for the cognitoTriggers.runtime setting: the IaC still wins where it states one.
  if (o.runtime !== undefined && !/^nodejs\d+\.x$/.test(o.runtime)) {
    process.stderr.write(`cognito-triggers check: --runtime must be a Lambda Node.js runtime such as nodejs22.x or nodejs24.x, not "${o.runtime}".\n`);
    process.exitCode = 2;
    return;
  }
  const settings = { ...defaultSettings(), ...(o.runtime ? { runtime: o.runtime } : {}) };
  const { files, missing } = expand(args);
  for (const m of missing) process.stderr.write(`cognito-triggers check: no such file or folder: ${m}\n`);
  if (missing.length) {
    process.exitCode = 2;
    return;
  }
  const host: ProviderHost = { log: (level, message) => (o.verbose || level === 'error' ? process.stderr.write(`[${level}] ${message}\n`) : undefined) };
  const findings: CheckFinding[] = [];
  let checked = 0;
  for (const f of files) {
    const c = await checkOne(f, host, settings);
    const shown = path.relative(process.cwd(), f) || f;
    if (c.skipped) {
      // Named on the command line but not a handler or event file: say so instead of counting it as clean.
      process.stderr.write(`${shown}: skipped (not a handler or event file)\n`);
      continue;
    }
    checked++;
    if (o.verbose) process.stderr.write(`[verbose] ${shown}: ${c.provider ? `checked by ${c.provider}` : 'no trigger handler or event found; nothing to report'} (${c.findings.length} finding(s))\n`);
    findings.push(...c.findings);
  }
  if (o.json) process.stdout.write(`${JSON.stringify(findings, null, 2)}\n`);
  else for (const d of findings) process.stdout.write(`${d.file}:${d.line}:${d.column} ${d.severity} ${d.code} ${d.message}\n`);
  const errors = findings.filter((d) => d.severity === 'error').length;
  const warnings = findings.filter((d) => d.severity === 'warning').length;
  if (!o.json) process.stderr.write(`${checked} file(s) checked: ${errors} error(s), ${warnings} warning(s).\n`);
  // Say why a run with no errors fails: otherwise exit 1 looks like a crash.
  if (!errors && warnings > maxWarnings) process.stderr.write(`cognito-triggers check: ${warnings} warning(s) > --max-warnings ${maxWarnings}.\n`);
  process.exitCode = errors > 0 || warnings > maxWarnings ? 1 : 0;
}

/** Adds `check <files…> [--json] [--max-warnings N]`. */
export function addCheckCommand(program: Command): void {
  program
    .command('check')
    .description('Print diagnostics for trigger handlers and event files (folders are searched). Exit 1 on any error or too many warnings.')
    .argument('<files...>', 'handler (.js/.ts/.py) and event (.json) files or folders')
    .option('--json', 'print the findings as JSON')
    .option('--max-warnings <n>', 'fail when there are more warnings than this')
    .option('--runtime <id>', 'Lambda runtime of the handlers when the IaC does not state it (nodejs22.x, nodejs24.x): the callback rules depend on it')
    .option('--verbose', 'print to stderr which analyser handled each file, and the analysers\' logs')
    .action((files: string[], o: CheckOptions) => run(files, o));
}
