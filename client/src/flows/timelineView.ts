// The Flow Timeline view (panel): the timeline the server builds for a flow run, as a tree. A thin
// adapter: rows, icons and the highlighted failed step come from the core's TimelineNode list.
import * as vscode from 'vscode';
import type { TimelineNode } from '../../../server/src/core/protocol';

const ICONS: Record<TimelineNode['kind'], string> = {
  outcome: 'pulse',
  error: 'error',
  trigger: 'symbol-function',
  cognito: 'server',
  app: 'device-mobile',
  event: 'json',
  answer: 'reply',
  verdict: 'law',
  line: 'circle-small-filled',
  timing: 'watch',
  tokens: 'key',
  token: 'symbol-key',
  claim: 'symbol-field',
  messages: 'mail',
  message: 'mail',
  note: 'info',
};

const COLORS = { error: 'errorForeground', warning: 'editorWarning.foreground', ok: 'testing.iconPassed', info: 'foreground' } as const;

/** Tree data of the last flow run. */
export class FlowTimeline implements vscode.TreeDataProvider<TimelineNode> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private nodes: TimelineNode[] = [];
  /** Title of the run shown (`custom-auth as jane`). */
  title = '';

  show(nodes: TimelineNode[], title: string): void {
    this.nodes = nodes;
    this.title = title;
    this.changed.fire();
  }

  /** Adds a row at the end (a Lambda endpoint invocation) without dropping the others. */
  append(node: TimelineNode, title: string): void {
    // Rows of another run (a flow, another endpoint) give way: one change, not a clear then an add.
    this.nodes = this.title === title ? [...this.nodes, node] : [node];
    this.title = title;
    this.changed.fire();
  }

  /** The rows shown (tests read them). */
  roots(): readonly TimelineNode[] {
    return this.nodes;
  }

  getChildren(node?: TimelineNode): TimelineNode[] {
    if (!node) return this.nodes.length ? this.nodes : [];
    return node.children ?? [];
  }

  getTreeItem(node: TimelineNode): vscode.TreeItem {
    const collapsible = node.children?.length ? (node.failed ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed) : vscode.TreeItemCollapsibleState.None;
    const item = new vscode.TreeItem(node.label, collapsible);
    item.id = node.id;
    if (node.description) item.description = node.description;
    const severity = node.failed ? 'error' : node.severity;
    const icon = node.kind === 'line' && severity ? ({ error: 'error', warning: 'warning', ok: 'pass', info: 'info' } as const)[severity] : ICONS[node.kind];
    item.iconPath = new vscode.ThemeIcon(icon, severity ? new vscode.ThemeColor(COLORS[severity]) : undefined);
    const tip = new vscode.MarkdownString(undefined, true);
    tip.appendText(node.tooltip ?? node.label);
    if (node.source) tip.appendMarkdown(`\n\n[Source](${node.source})`);
    item.tooltip = tip;
    item.contextValue = node.failed ? 'failedStep' : node.kind;
    if (node.json !== undefined) item.command = { command: 'cognitoTriggers.showFlowJson', title: 'Show JSON', arguments: [node] };
    return item;
  }
}

let timeline: FlowTimeline | undefined;
let view: vscode.TreeView<TimelineNode> | undefined;

/** The view's data (created with the view). */
export function flowTimeline(context: vscode.ExtensionContext): FlowTimeline {
  if (!timeline) {
    timeline = new FlowTimeline();
    view = vscode.window.createTreeView('cognitoTriggers.flowTimeline', { treeDataProvider: timeline, showCollapseAll: true });
    context.subscriptions.push(view);
  }
  return timeline;
}

/** Shows one more row (a Lambda endpoint invocation) under the endpoint's title, keeping the rows shown. */
export async function appendToTimeline(context: vscode.ExtensionContext, node: TimelineNode, title: string): Promise<void> {
  flowTimeline(context).append(node, title);
  if (view) {
    view.title = title;
    view.message = undefined;
  }
  await vscode.commands.executeCommand('cognitoTriggers.flowTimeline.focus');
}

/** Shows a run's timeline and brings the view forward. */
export async function showTimeline(context: vscode.ExtensionContext, nodes: TimelineNode[], title: string): Promise<void> {
  const t = flowTimeline(context);
  t.show(nodes, title);
  if (view) {
    view.title = `Flow Timeline: ${title}`;
    view.message = undefined;
  }
  await vscode.commands.executeCommand('cognitoTriggers.flowTimeline.focus');
}
