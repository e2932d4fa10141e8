// The "Cognito Triggers" log output channel, shared by the client and the language client.
import * as vscode from 'vscode';

let channel: vscode.LogOutputChannel | undefined;

/** The extension's log channel (created on first use). */
export function log(): vscode.LogOutputChannel {
  channel ??= vscode.window.createOutputChannel('Cognito Triggers', { log: true });
  return channel;
}
