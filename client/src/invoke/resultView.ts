// The result of an invoke in the editor: read-only virtual documents (input and returned event) shown
// with vscode.diff, or a titled failure view with clickable stack frames; diagnostics from the model
// on the returned event; the summary in the status bar and the log.
import * as vscode from 'vscode';
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import { failureTabTitle, failureText, frameLinks, type InvokeResult, type ResponseIssue, type SourceRef } from '../../../server/src/core/protocol';
import { log } from '../log';

/** URI scheme of the result documents. */
export const RESULT_SCHEME = 'cognito-triggers-invoke';

const contents = new Map<string, string>();
const changed = new vscode.EventEmitter<vscode.Uri>();
let diagnostics: vscode.DiagnosticCollection | undefined;
let status: vscode.StatusBarItem | undefined;
let counter = 0;

/** Serves the result documents from memory; they are read-only because the scheme has no file system. */
class ResultContentProvider implements vscode.TextDocumentContentProvider {
  readonly onDidChange = changed.event;
  provideTextDocumentContent(uri: vscode.Uri): string {
    return contents.get(uri.toString()) ?? '// This invoke result is no longer available: run the invoke again.\n';
  }
}

/** Stack frames of a failure view link to the file and line they name. */
class FrameLinkProvider implements vscode.DocumentLinkProvider {
  provideDocumentLinks(doc: vscode.TextDocument): vscode.DocumentLink[] {
    return frameLinks(doc.getText()).map((l) => {
      // `#L12,5` is the fragment VS Code's opener turns into a selection.
      const target = vscode.Uri.file(l.file).with({ fragment: `L${l.line}${l.column ? `,${l.column}` : ''}` });
      const link = new vscode.DocumentLink(new vscode.Range(doc.positionAt(l.offset), doc.positionAt(l.offset + l.length)), target);
      link.tooltip = `Open ${l.file.split(/[\\/]/).pop() ?? l.file} at line ${l.line}`;
      return link;
    });
  }
}

/** Registers the content provider, the frame links and the diagnostics collection. */
export function registerResultView(): vscode.Disposable[] {
  diagnostics = vscode.languages.createDiagnosticCollection('cognitoTriggers.invoke');
  status = vscode.window.createStatusBarItem('cognitoTriggers.invokeResult', vscode.StatusBarAlignment.Left, 10);
  status.name = 'Cognito Triggers: last invoke';
  status.command = 'cognitoTriggers.showOutput';
  return [
    vscode.workspace.registerTextDocumentContentProvider(RESULT_SCHEME, new ResultContentProvider()),
    vscode.languages.registerDocumentLinkProvider({ scheme: RESULT_SCHEME }, new FrameLinkProvider()),
    diagnostics,
    changed,
    status,
  ];
}

/** While a run is going, the status item says so instead of showing the previous run's summary. */
export function showRunning(title: string): void {
  if (!status) return;
  status.text = `$(sync~spin) Invoking ${title.length > 50 ? `${title.slice(0, 47)}…` : title}`;
  status.tooltip = `Cognito Triggers: ${title} is running`;
  status.show();
}

/** A run that produced no result (cancelled, refused): no summary of an earlier run stays behind. */
export function clearStatus(): void {
  status?.hide();
}

const SEVERITY: Record<ResponseIssue['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

/** Ranges of issue paths in the JSON text (the whole value, or its key's parent when absent). */
function issueDiagnostics(text: string, issues: readonly ResponseIssue[]): vscode.Diagnostic[] {
  const tree = parseTree(text);
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const pos = (offset: number): vscode.Position => {
    let line = 0;
    while (line + 1 < lineStarts.length && (lineStarts[line + 1] ?? Infinity) <= offset) line++;
    return new vscode.Position(line, offset - (lineStarts[line] ?? 0));
  };
  return issues.map((i) => {
    let node = tree ? findNodeAtLocation(tree, i.path) : undefined;
    for (let n = i.path.length - 1; !node && tree && n >= 0; n--) node = findNodeAtLocation(tree, i.path.slice(0, n));
    const range = node ? new vscode.Range(pos(node.offset), pos(node.offset + node.length)) : new vscode.Range(0, 0, 0, 1);
    const d = new vscode.Diagnostic(range, i.message, SEVERITY[i.severity]);
    d.code = i.code;
    d.source = 'Cognito Triggers (returned event)';
    return d;
  });
}

/** What `showResult` opened, for tests and Invoke Again. */
export interface ShownResult {
  inputUri: vscode.Uri;
  outputUri: vscode.Uri;
}

/**
 * A remote invoke's log tail (Lambda's decoded `LogResult`: the last 4 KB of the function's logs),
 * written like a local invoke's console lines.
 */
function logRemoteTail(r: InvokeResult): void {
  if (r.where !== 'remote' || !r.logs.trim()) return;
  log().info(`Log tail of ${r.target} (Lambda's LogResult, the last 4 KB):`);
  for (const line of r.logs.replace(/\s+$/, '').split(/\r?\n/)) log().info(`  │ ${line}`);
}


/** " (source: <url>)" for a statement's source; nothing for statements about the local run itself. */
function sourceNote(s: SourceRef | undefined): string {
  if (!s || s.kind === 'local' || !s.url) return '';
  return ` (${s.kind === 'observed' ? 'observed' : s.kind === 'undocumented' ? 'not documented' : 'source'}: ${s.url})`;
}

/** A statement with its source as a Markdown link, for the tooltip. */
function sourceLink(text: string, s: SourceRef | undefined): string {
  if (!s || s.kind === 'local' || !s.url) return text;
  return `${text} [${s.kind === 'observed' ? 'observed' : s.kind === 'undocumented' ? 'not documented' : 'source'}](${s.url})`;
}

/** Writes the summary to the log, each statement with its source. */
function logSummary(r: InvokeResult): void {
  log().info(`${r.summary.succeeds ? '✔' : '✘'} ${r.summary.headline}${sourceNote(r.summary.source)}`);
  for (const l of r.summary.lines) log()[l.severity === 'error' ? 'error' : l.severity === 'warning' ? 'warn' : 'info'](`    ${l.text}${sourceNote(l.source)}`);
  if (r.summary.cognitoError) log().info(`    Cognito error text: ${r.summary.cognitoError}`);
}

/**
 * Shows a result: the diff of the sent and returned event, or for a run that returned nothing a view
 * titled "<handler> ← <event>: error / timeout / crashed / failed to start" with linked stack frames;
 * diagnostics and the summary (status bar, log). No notification: the editor and the status bar carry
 * the result, so repeated runs never pile up toasts (VS Code's API cannot close a message it showed).
 */
export async function showResult(r: InvokeResult, title: string, where: 'local' | 'remote' = 'local'): Promise<ShownResult> {
  const id = `${Date.now().toString(36)}-${++counter}-${where}`;
  const inputUri = vscode.Uri.from({ scheme: RESULT_SCHEME, path: `/${id}/input.json` });
  const o = r.outcome;
  const outputUri = vscode.Uri.from({ scheme: RESULT_SCHEME, path: `/${id}/${o.kind === 'returned' ? 'returned.json' : failureTabTitle(title, o.kind)}` });
  const outputText = o.kind === 'returned' ? `${JSON.stringify(o.value, null, 2)}\n` : failureText(r, title);
  contents.set(inputUri.toString(), `${JSON.stringify(r.input, null, 2)}\n`);
  contents.set(outputUri.toString(), outputText);
  // Keep the last few results only: the documents are cheap but unbounded growth is not.
  while (contents.size > 40) contents.delete(contents.keys().next().value as string);
  diagnostics?.set(outputUri, o.kind === 'returned' ? issueDiagnostics(outputText, r.issues) : []);
  logRemoteTail(r);
  logSummary(r);
  if (status) {
    // The summary stays visible: the status bar item, with the details as its tooltip.
    status.text = `${r.summary.succeeds ? '$(pass)' : '$(error)'} ${r.summary.headline.length > 60 ? `${r.summary.headline.slice(0, 57)}…` : r.summary.headline}`;
    status.tooltip = new vscode.MarkdownString([`**${title}** — ${r.durationMs} ms`, '', sourceLink(r.summary.headline, r.summary.source), '', ...r.summary.lines.map((l) => `- ${sourceLink(l.text, l.source)}`)].join('\n'));
    status.show();
  }
  if (o.kind === 'returned') {
    await vscode.commands.executeCommand('vscode.diff', inputUri, outputUri, `${title}: sent ↔ returned`, { preview: true });
  } else {
    const doc = await vscode.workspace.openTextDocument(outputUri);
    await vscode.window.showTextDocument(doc, { preview: true });
  }
  return { inputUri, outputUri };
}
