// Command: run the doctor on a deployed pool, show the findings as a Markdown report, offer each fix.
import * as vscode from 'vscode';
import { AwsDoctorRequest, type DoctorFinding, type DoctorReport } from '../../../server/src/core/protocol';
import type { ExtensionState } from '../context';
import { log } from '../log';
import { pickPool, pickPoolKind } from '../aws/pick';
import { awsCall } from '../aws/request';
import { Steps } from '../steps';
import { reviewAndApply } from './bindTrigger';

/** The virtual documents the reports are shown in (read-only, one per pool). */
export const DOCTOR_SCHEME = 'cognito-triggers-doctor';
const reports = new Map<string, string>();
let provider: vscode.Disposable | undefined;

const ICON: Record<DoctorFinding['severity'], string> = { error: '⛔ error', warning: '⚠️ warning', information: 'ℹ️ information' };

/** The report as Markdown: a heading per finding, its message, source and fix command. */
export function reportMarkdown(r: DoctorReport): string {
  const out = [`# Check of ${r.pool.kind === 'userPool' ? 'user pool' : 'identity pool'} ${r.pool.name}`, '', `\`${r.pool.id}\`: ${r.checked.length} bound slot(s) checked; ${r.counts.error} error(s), ${r.counts.warning} warning(s), ${r.counts.information} information.`, ''];
  for (const c of r.checked) out.push(`- **${c.slot}** → \`${c.functionArn}\``);
  if (!r.findings.length) out.push('', 'No findings: the pool is healthy as far as these checks go.');
  r.findings.forEach((f, i) => {
    out.push('', `## ${i + 1}. ${ICON[f.severity]}: \`${f.rule}\``, '', f.message, '', `Source: ${f.source.url ? `[${f.source.title}](${f.source.url})` : f.source.title}`);
    if (f.fix) out.push('', `Fix (${f.fix.title}): \`${f.fix.command}\` — or *Apply a Fix…* in the notification.`);
  });
  if (r.notes.length) out.push('', '## Not checked', '', ...r.notes.map((n) => `- ${n}`));
  return `${out.join('\n')}\n`;
}

/** `cognitoTriggers.checkPool` (palette, or a pool node of the view). Returns the report, or undefined when dismissed. */
export const checkPool = (state: ExtensionState) => async (arg?: unknown): Promise<DoctorReport | undefined> => {
  const a = (arg ?? {}) as { poolKind?: 'userPool' | 'identityPool'; poolId?: string; applyFix?: number };
  const steps = new Steps('Check Pool', [!a.poolKind, !a.poolId].filter(Boolean).length);
  const kind = a.poolKind ?? (await pickPoolKind(steps));
  if (!kind) return undefined;
  const poolId = a.poolId ?? (await pickPool(state, kind, steps))?.id;
  if (!poolId) return undefined;
  const folders = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.toString());
  const report = await awsCall(state, AwsDoctorRequest.type, { kind, poolId, folders }, `Checking ${poolId}`);
  if (!report) return undefined;
  for (const f of report.findings) log().info(`${f.severity}: ${f.message}`);
  provider ??= vscode.workspace.registerTextDocumentContentProvider(DOCTOR_SCHEME, { provideTextDocumentContent: (uri) => reports.get(uri.toString()) ?? '' });
  const uri = vscode.Uri.from({ scheme: DOCTOR_SCHEME, path: `/${report.pool.id}.md` });
  reports.set(uri.toString(), reportMarkdown(report));
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.languages.setTextDocumentLanguage(doc, 'markdown');
  await vscode.window.showTextDocument(doc, { preview: true });
  const fixes = report.findings.filter((f) => f.fix);
  // Tests (and other extensions) pick a fix by index; it still goes through the plan's review dialog.
  if (a.applyFix !== undefined) {
    const fix = fixes[a.applyFix]?.fix;
    if (fix?.bind) await reviewAndApply(state, fix.bind, false, false);
    return report;
  }
  const summary = report.findings.length ? `${report.pool.name}: ${report.counts.error} error(s), ${report.counts.warning} warning(s).` : `${report.pool.name}: no findings.`;
  const pick = fixes.length ? await vscode.window.showInformationMessage(summary, 'Apply a Fix…') : (void vscode.window.showInformationMessage(summary), undefined);
  if (pick) {
    const chosen = await vscode.window.showQuickPick(fixes.map((f) => ({ label: f.fix?.title ?? '', detail: f.message, finding: f })), { title: 'Apply a fix (you review the change before it is applied)', matchOnDetail: true });
    if (chosen?.finding.fix?.bind) await reviewAndApply(state, chosen.finding.fix.bind, false, false);
  }
  return report;
};
