// The "Cognito Triggers Trace" channel: LSP traces shown whenever `cognitoTriggers.trace.server` is not off.
// vscode-languageclient traces only while its trace channel's log level is Trace; a log channel's level is
// the user's (Info by default), so the setting alone showed nothing. This channel reports Trace exactly
// when the setting asks for traces, and writes every line it gets.
import * as vscode from 'vscode';

const SETTING = 'cognitoTriggers.trace.server';

function wanted(): boolean {
  return (vscode.workspace.getConfiguration().get<string>(SETTING) ?? 'off') !== 'off';
}

let channel: vscode.LogOutputChannel | undefined;

/** The trace channel (created on first use). */
export function traceChannel(): vscode.LogOutputChannel {
  if (channel) return channel;
  const out = vscode.window.createOutputChannel('Cognito Triggers Trace');
  const levelChanged = new vscode.EventEmitter<vscode.LogLevel>();
  let level = wanted() ? vscode.LogLevel.Trace : vscode.LogLevel.Off;
  vscode.workspace.onDidChangeConfiguration((e) => {
    if (!e.affectsConfiguration(SETTING)) return;
    level = wanted() ? vscode.LogLevel.Trace : vscode.LogLevel.Off;
    levelChanged.fire(level);
  });
  const line = (kind: string) => (message: string | Error, ...args: unknown[]) =>
    out.appendLine(`${new Date().toISOString()} [${kind}] ${message instanceof Error ? (message.stack ?? message.message) : message}${args.length ? ` ${args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ')}` : ''}`);
  channel = {
    name: out.name,
    get logLevel() {
      return level;
    },
    onDidChangeLogLevel: levelChanged.event,
    trace: line('trace'),
    debug: line('debug'),
    info: line('info'),
    warn: line('warning'),
    error: line('error'),
    append: (v: string) => out.append(v),
    appendLine: (v: string) => out.appendLine(v),
    replace: (v: string) => out.replace(v),
    clear: () => out.clear(),
    show: (a?: vscode.ViewColumn | boolean, b?: boolean) => (typeof a === 'boolean' ? out.show(a) : out.show(a, b)),
    hide: () => out.hide(),
    dispose: () => {
      levelChanged.dispose();
      out.dispose();
    },
  };
  return channel;
}
