// The Pool Check view: the doctor's findings on the last checked pool, one row each with its own fix
// button (a bind, or AWS calls, each through a review dialog before anything changes).
import * as vscode from 'vscode';
import type { DoctorFinding, DoctorReport } from '../../../server/src/core/protocol';

/** A row of the view. Finding rows carry what `cognitoTriggers.applyDoctorFix` needs. */
export type PoolCheckNode =
  | { type: 'summary'; report: DoctorReport }
  | { type: 'finding'; report: DoctorReport; finding: DoctorFinding; index: number }
  | { type: 'detail'; text: string; tooltip?: string; url?: string; icon?: string }
  | { type: 'notes'; report: DoctorReport };

const ICON: Record<DoctorFinding['severity'], vscode.ThemeIcon> = {
  error: new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground')),
  warning: new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground')),
  information: new vscode.ThemeIcon('info', new vscode.ThemeColor('problemsInfoIcon.foreground')),
};

/** The pool's name prefix of a message, dropped in rows under that pool's summary. */
const withoutPool = (r: DoctorReport, m: string): string => (m.startsWith(`${r.pool.name}: `) ? m.slice(r.pool.name.length + 2) : m);

/** One line saying how the pool is: healthy, or its counts. */
export function summaryLine(r: DoctorReport): string {
  const c = r.counts;
  return r.findings.length ? `${c.error} error(s), ${c.warning} warning(s), ${c.information} information` : 'healthy: no findings';
}

/** Tree data of the view: empty until Check Pool… has run. */
export class PoolCheckTree implements vscode.TreeDataProvider<PoolCheckNode> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  /** The report shown (tests read it). */
  report: DoctorReport | undefined;

  show(report: DoctorReport): void {
    this.report = report;
    void vscode.commands.executeCommand('setContext', 'cognitoTriggers.hasPoolCheck', true);
    this.changed.fire();
  }

  getChildren(node?: PoolCheckNode): PoolCheckNode[] {
    const r = this.report;
    if (!r) return [];
    if (!node) return [{ type: 'summary', report: r }, ...r.findings.map((finding, index): PoolCheckNode => ({ type: 'finding', report: r, finding, index })), ...(r.notes.length ? [{ type: 'notes', report: r } as PoolCheckNode] : [])];
    if (node.type === 'summary') return r.checked.map((c) => ({ type: 'detail', text: `${c.slot} → ${c.functionArn}`, icon: 'zap' }));
    if (node.type === 'notes') return node.report.notes.map((n) => ({ type: 'detail', text: n, tooltip: n, icon: 'circle-slash' }));
    if (node.type !== 'finding') return [];
    const f = node.finding;
    const rows: PoolCheckNode[] = [{ type: 'detail', text: withoutPool(r, f.message), tooltip: f.message }];
    if (f.fix) rows.push({ type: 'detail', text: `Fix (${f.fix.title}): ${f.fix.command}`, tooltip: f.fix.command, icon: 'wrench' });
    else if (f.noFix) rows.push({ type: 'detail', text: `No one-step fix: ${f.noFix}`, icon: 'circle-slash' });
    rows.push({ type: 'detail', text: `Source: ${f.source.title}`, ...(f.source.url ? { url: f.source.url, tooltip: f.source.url } : {}), icon: 'book' });
    return rows;
  }

  getTreeItem(node: PoolCheckNode): vscode.TreeItem {
    if (node.type === 'summary') {
      const r = node.report;
      const item = new vscode.TreeItem(`${r.pool.name}: ${summaryLine(r)}`, vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `check:${r.pool.id}`;
      item.description = `${r.pool.id}, ${r.checked.length} bound slot(s) checked`;
      item.iconPath = new vscode.ThemeIcon(r.counts.error ? 'error' : r.counts.warning ? 'warning' : r.findings.length ? 'info' : 'pass');
      item.contextValue = 'cognitoTriggers.poolCheck.summary';
      return item;
    }
    if (node.type === 'notes') {
      const item = new vscode.TreeItem(`Not checked (${node.report.notes.length})`, vscode.TreeItemCollapsibleState.Collapsed);
      item.iconPath = new vscode.ThemeIcon('circle-slash');
      return item;
    }
    if (node.type === 'detail') {
      const item = new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
      item.tooltip = node.tooltip ?? node.text;
      if (node.icon) item.iconPath = new vscode.ThemeIcon(node.icon);
      if (node.url) item.command = { command: 'vscode.open', title: 'Open the source', arguments: [vscode.Uri.parse(node.url)] };
      return item;
    }
    const f = node.finding;
    const item = new vscode.TreeItem(`${f.slot ? `${f.slot}: ` : ''}${f.rule.replace(/^doctor\//, '')}`, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `check:${node.report.pool.id}:${node.index}`;
    item.description = f.fix ? f.fix.title : withoutPool(node.report, f.message);
    item.tooltip = new vscode.MarkdownString().appendText(f.message).appendMarkdown(f.fix ? `\n\n**Fix:** ${f.fix.title}` : '').appendText(f.fix ? `\n${f.fix.command}` : '');
    item.iconPath = ICON[f.severity];
    // The inline Apply Fix button shows on rows whose finding has a fix (package.json view/item/context).
    item.contextValue = f.fix ? `cognitoTriggers.finding.fix.${f.fix.kind}` : 'cognitoTriggers.finding';
    return item;
  }
}
