// The result of an invoke in the editor: read-only virtual documents (input and returned event) shown
// with vscode.diff, diagnostics from the model on the returned event, and the summary.
import * as vscode from 'vscode';
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import type { InvokeResult, ResponseIssue, SourceRef } from '../../../server/src/core/protocol';
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

/** Registers the content provider and the diagnostics collection. */
export function registerResultView(): vscode.Disposable[] {
  diagnostics = vscode.languages.createDiagnosticCollection('cognitoTriggers.invoke');
  status = vscode.window.createStatusBarItem('cognitoTriggers.invokeResult', vscode.StatusBarAlignment.Left, 10);
  status.name = 'Cognito Triggers: last invoke';
  status.command = 'cognitoTriggers.showOutput';
  return [vscode.workspace.registerTextDocumentContentProvider(RESULT_SCHEME, new ResultContentProvider()), diagnostics, changed, status];
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

/** The document text of an outcome: the returned event, or what Lambda reports instead. */
function outcomeJson(r: InvokeResult): unknown {
  const o = r.outcome;
  switch (o.kind) {
    case 'returned':
      return o.value;
    case 'error':
      return { errorType: o.errorType, errorMessage: o.errorMessage, trace: o.stack ?? [] };
    case 'timeout':
      return { errorType: 'Sandbox.Timedout', errorMessage: `Task timed out after ${(o.limitMs / 1000).toFixed(2)} seconds` };
    case 'crashed':
      return { errorType: 'Runtime.ExitError', errorMessage: o.reason };
    case 'failedToStart':
      return { error: o.message, location: o.location ?? null };
  }
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

/** Shows a result: diff of input and returned event (or the error document), diagnostics and the summary. */
export async function showResult(r: InvokeResult, title: string): Promise<ShownResult> {
  const id = `${Date.now().toString(36)}-${++counter}`;
  const inputUri = vscode.Uri.from({ scheme: RESULT_SCHEME, path: `/${id}/input.json` });
  const outputUri = vscode.Uri.from({ scheme: RESULT_SCHEME, path: `/${id}/${r.outcome.kind === 'returned' ? 'returned' : r.outcome.kind}.json` });
  const outputText = `${JSON.stringify(outcomeJson(r), null, 2)}\n`;
  contents.set(inputUri.toString(), `${JSON.stringify(r.input, null, 2)}\n`);
  contents.set(outputUri.toString(), outputText);
  // Keep the last few results only: the documents are cheap but unbounded growth is not.
  while (contents.size > 40) contents.delete(contents.keys().next().value as string);
  diagnostics?.set(outputUri, issueDiagnostics(outputText, r.issues));
  logRemoteTail(r);
  logSummary(r);
  if (status) {
    // The summary stays visible after the toast is gone: the status bar item, with the details as its tooltip.
    status.text = `${r.summary.succeeds ? '$(pass)' : '$(error)'} ${r.summary.headline.length > 60 ? `${r.summary.headline.slice(0, 57)}…` : r.summary.headline}`;
    status.tooltip = new vscode.MarkdownString([`**${title}** — ${r.durationMs} ms`, '', sourceLink(r.summary.headline, r.summary.source), '', ...r.summary.lines.map((l) => `- ${sourceLink(l.text, l.source)}`)].join('\n'));
    status.show();
  }
  if (r.outcome.kind === 'returned') {
    await vscode.commands.executeCommand('vscode.diff', inputUri, outputUri, `${title}: sent ↔ returned`, { preview: true });
  } else {
    const doc = await vscode.workspace.openTextDocument(outputUri);
    await vscode.window.showTextDocument(doc, { preview: true });
  }
  const again = 'Invoke Again';
  const details = 'Show Details';
  const show = r.summary.succeeds ? vscode.window.showInformationMessage : vscode.window.showWarningMessage;
  void show(`${r.summary.headline} (${r.durationMs} ms)`, again, details).then((pick) => {
    if (pick === again) void vscode.commands.executeCommand('cognitoTriggers.invokeAgain');
    if (pick === details) log().show(true);
  });
  return { inputUri, outputUri };
}
