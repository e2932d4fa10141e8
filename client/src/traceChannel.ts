// The "Cognito Triggers Trace" channel: LSP traces shown whenever `cognitoTriggers.trace.server` is not off.
// vscode-languageclient traces only while its trace channel's log level is Trace; a log channel's level is
// the user's (Info by default), so the setting alone showed nothing. This channel reports Trace exactly
// when the setting asks for traces, and writes every line it gets, with secret setting values
// (`cognitoTriggers.invoke.env`) shown as ****: a verbose trace carries the settings the server reads.
import * as vscode from 'vscode';
import { redactSecretSettings, SECRET_SETTINGS, secretSettingValues } from '../../server/src/core/settings';

const SETTING = 'cognitoTriggers.trace.server';

function wanted(): boolean {
  return (vscode.workspace.getConfiguration().get<string>(SETTING) ?? 'off') !== 'off';
}

let channel: vscode.LogOutputChannel | undefined;

/** The secret setting values of every scope (user, workspace, each folder), to redact by value. */
function knownSecrets(): string[] {
  const out = new Set<string>();
  const scopes: (vscode.Uri | undefined)[] = [undefined, ...(vscode.workspace.workspaceFolders ?? []).map((f) => f.uri)];
  for (const scope of scopes) {
    const config = vscode.workspace.getConfiguration('cognitoTriggers', scope);
    for (const key of SECRET_SETTINGS) {
      const seen = config.inspect(key);
      for (const value of [seen?.globalValue, seen?.workspaceValue, seen?.workspaceFolderValue, config.get(key)]) {
        for (const v of secretSettingValues({ invoke: { env: value } })) out.add(v);
      }
    }
  }
  return [...out];
}

/** The trace channel (created on first use). */
export function traceChannel(): vscode.LogOutputChannel {
  if (channel) return channel;
  const out = vscode.window.createOutputChannel('Cognito Triggers Trace');
  const levelChanged = new vscode.EventEmitter<vscode.LogLevel>();
  let level = wanted() ? vscode.LogLevel.Trace : vscode.LogLevel.Off;
  let secrets = knownSecrets();
  const redact = (text: string): string => redactSecretSettings(text, secrets);
  vscode.workspace.onDidChangeConfiguration((e) => {
    if (SECRET_SETTINGS.some((k) => e.affectsConfiguration(`cognitoTriggers.${k}`))) secrets = knownSecrets();
    if (!e.affectsConfiguration(SETTING)) return;
    level = wanted() ? vscode.LogLevel.Trace : vscode.LogLevel.Off;
    levelChanged.fire(level);
  });
  const line = (kind: string) => (message: string | Error, ...args: unknown[]) =>
    out.appendLine(redact(`${new Date().toISOString()} [${kind}] ${message instanceof Error ? (message.stack ?? message.message) : message}${args.length ? ` ${args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ')}` : ''}`));
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
    append: (v: string) => out.append(redact(v)),
    appendLine: (v: string) => out.appendLine(redact(v)),
    replace: (v: string) => out.replace(redact(v)),
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
