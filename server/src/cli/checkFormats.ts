// Output formats of `check`: text (default), stylish, compact (Vim quickfix / Emacs compilation mode),
// json, github (workflow commands) and sarif (SARIF 2.1.0, built with node-sarif-builder).
import * as path from 'node:path';
import { SarifBuilder, SarifResultBuilder, SarifRuleBuilder, SarifRunBuilder } from 'node-sarif-builder';
import type { Fix, ReportingDescriptor, Result } from 'sarif';
import { ruleById } from '../core/rules';

/** One edit of a fix, 1-based positions, end exclusive. */
export interface FindingEdit {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  text: string;
}

/** One finding as `check` reports it. */
export interface CheckFinding {
  /** Path as shown: relative to the working directory. */
  file: string;
  /** Path relative to --root ('/'-separated): what SARIF and GitHub annotations use. */
  rootPath: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: 'error' | 'warning' | 'info' | 'hint';
  code: string;
  message: string;
  /** Where the rule is documented: the rule's source (AWS documentation, observed issue). */
  docUrl?: string;
  /** The rule's section of docs/rules.md. */
  ruleDocs?: string;
  /** The quick fix, when there is one. */
  fix?: { description: string; edits: FindingEdit[] };
}

/** One handler `check --json` reports: what inference decided, the runtime, and the IaC wiring that proves it. */
export interface CheckHandler {
  file: string;
  rootPath: string;
  export: string;
  /** 1-based line of the export; absent when the IaC names an export the file does not have (`found: false`). */
  line?: number;
  found: boolean;
  /** Inferred trigger ids; empty when nothing says. */
  triggers: string[];
  /** The deciding signal: type, comment, binding (bindings file or IaC wiring), triggerSource, fields, fileName. */
  signal?: string;
  reasons: string[];
  /** The Lambda runtime and where it comes from (iac: the IaC line; setting; engines). */
  runtime?: { id: string; from: string; evidence: string };
  /** Each slot the IaC wires this export to, with the file:line behind every fact. */
  wiring: {
    kind: string;
    trigger: string;
    lambdaConfigKey: string;
    lambdaVersion?: string;
    pool?: { ref: string; name?: string; existing?: boolean };
    function: { ref: string; name?: string };
    runtime?: string;
    kmsKey?: string;
    evidence: readonly { fact: string; file: string; line: number; text: string }[];
  }[];
}

export const FORMATS = ['text', 'stylish', 'compact', 'json', 'github', 'sarif'] as const;
export type CheckFormat = (typeof FORMATS)[number];

/** What a format needs besides the findings. */
export interface FormatContext {
  version: string;
  /** Files checked, for the summary line. */
  checked: number;
}

const count = (f: readonly CheckFinding[], s: CheckFinding['severity']): number => f.filter((x) => x.severity === s).length;

function text(findings: readonly CheckFinding[]): string {
  return findings.map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.code} ${d.message}\n`).join('');
}

/** `file:line:col: severity code message`: Vim's default errorformat and Emacs' compilation mode read it. */
function compact(findings: readonly CheckFinding[]): string {
  return findings.map((d) => `${d.file}:${d.line}:${d.column}: ${d.severity} ${d.code} ${d.message.replace(/\s*\n\s*/g, ' ')}\n`).join('');
}

/** ESLint's stylish layout: a heading per file, then aligned `line:col  severity  message  code` rows. */
function stylish(findings: readonly CheckFinding[]): string {
  if (!findings.length) return '';
  let out = '';
  const byFile = new Map<string, CheckFinding[]>();
  for (const f of findings) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
  for (const [file, list] of byFile) {
    out += `\n${file}\n`;
    const pos = list.map((d) => `${d.line}:${d.column}`);
    const w = Math.max(...pos.map((p) => p.length));
    const sw = Math.max(...list.map((d) => d.severity.length));
    list.forEach((d, i) => {
      out += `  ${(pos[i] ?? '').padEnd(w)}  ${d.severity.padEnd(sw)}  ${d.message.replace(/\s*\n\s*/g, ' ')}  ${d.code}\n`;
    });
  }
  const e = count(findings, 'error');
  const wn = count(findings, 'warning');
  return `${out}\n✖ ${findings.length} problem(s) (${e} error(s), ${wn} warning(s))\n`;
}

/** GitHub's workflow command escaping: data escapes %, CR, LF; properties also : and ,. */
const escData = (s: string): string => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escProp = (s: string): string => escData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`, one annotation per finding. */
function github(findings: readonly CheckFinding[]): string {
  return findings
    .map((d) => {
      const cmd = d.severity === 'error' ? 'error' : d.severity === 'warning' ? 'warning' : 'notice';
      const props = [`file=${escProp(d.rootPath)}`, `line=${d.line}`, `col=${d.column}`, `endLine=${d.endLine}`, `endColumn=${d.endColumn}`, `title=${escProp(`cognito-triggers ${d.code}`)}`];
      return `::${cmd} ${props.join(',')}::${escData(d.docUrl ? `${d.message} (${d.docUrl})` : d.message)}\n`;
    })
    .join('');
}

function sarifLevel(s: CheckFinding['severity']): Result.level {
  return s === 'error' ? 'error' : s === 'warning' ? 'warning' : 'note';
}

/** The rule metadata of a code, from the rule registry. */
function ruleDescriptor(code: string, example: CheckFinding): SarifRuleBuilder {
  const rule = ruleById(code);
  const name = rule?.name ?? code;
  const b = new SarifRuleBuilder().initSimple({ ruleId: code, shortDescriptionText: name, ...(rule?.helpUri || example.docUrl ? { helpUri: rule?.helpUri ?? example.docUrl } : {}) });
  const help = rule?.help;
  const descriptor: ReportingDescriptor = b.rule;
  descriptor.name = name.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : '')).replace(/^./, (c) => c.toUpperCase());
  if (help) {
    descriptor.fullDescription = { text: help };
    descriptor.help = { text: help, markdown: help };
  }
  descriptor.defaultConfiguration = { level: sarifLevel(rule?.severity === 'information' ? 'info' : (rule?.severity ?? example.severity)) };
  if (rule?.docsUrl) descriptor.properties = { docs: rule.docsUrl, ...(rule.sources.length ? { sources: rule.sources.map((s) => s.url).filter(Boolean) } : {}) };
  return b;
}

function sarif(findings: readonly CheckFinding[], ctx: FormatContext): string {
  const run = new SarifRunBuilder().initSimple({ toolDriverName: 'cognito-triggers', toolDriverVersion: ctx.version, url: 'https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-working-with-lambda-triggers.html' });
  run.run.originalUriBaseIds = { SRCROOT: { description: { text: 'The --root folder of the check (the repository root in CI).' } } };
  const seen = new Set<string>();
  for (const f of findings) {
    if (!f.code || seen.has(f.code)) continue;
    seen.add(f.code);
    run.addRule(ruleDescriptor(f.code, f));
  }
  for (const f of findings) {
    const r = new SarifResultBuilder().initSimple({ level: sarifLevel(f.severity), messageText: f.message, ruleId: f.code || 'unknown', fileUri: f.rootPath, startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn });
    const loc = r.result.locations?.[0]?.physicalLocation?.artifactLocation;
    if (loc) loc.uriBaseId = 'SRCROOT';
    if (f.fix) {
      const fix: Fix = {
        description: { text: f.fix.description },
        artifactChanges: [
          {
            artifactLocation: { uri: f.rootPath, uriBaseId: 'SRCROOT' },
            replacements: f.fix.edits.map((e) => ({ deletedRegion: { startLine: e.line, startColumn: e.column, endLine: e.endLine, endColumn: e.endColumn }, insertedContent: { text: e.text } })),
          },
        ],
      };
      r.result.fixes = [fix];
    }
    run.addResult(r);
  }
  const log = new SarifBuilder();
  log.addRun(run);
  return `${log.buildSarifJsonString({ indent: true })}\n`;
}

/** The findings in a format; `rootPath` and `file` are both kept in JSON. */
export function formatFindings(format: CheckFormat, findings: readonly CheckFinding[], ctx: FormatContext): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(findings, null, 2)}\n`;
    case 'sarif':
      return sarif(findings, ctx);
    case 'github':
      return github(findings);
    case 'compact':
      return compact(findings);
    case 'stylish':
      return stylish(findings);
    default:
      return text(findings);
  }
}

/** The summary line on stderr (formats meant for people only). */
export function summaryLine(findings: readonly CheckFinding[], ctx: FormatContext): string {
  return `${ctx.checked} file(s) checked: ${count(findings, 'error')} error(s), ${count(findings, 'warning')} warning(s).\n`;
}

/** A path relative to `base`, '/'-separated. */
export const slashRelative = (base: string, file: string): string => path.relative(base, file).split(path.sep).join('/');
