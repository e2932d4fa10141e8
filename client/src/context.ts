// What every command gets: the extension context, the current language client, trust checks.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

/** Shared state of the running extension. Commands read the client through it so a restart is seen. */
export interface ExtensionState {
  readonly context: vscode.ExtensionContext;
  /** The current client; replaced by a restart. */
  client(): LanguageClient;
  /** Resolves when the current client's server is ready. */
  ready(): Promise<void>;
  /** Stops and starts the language server. */
  restart(): Promise<void>;
}

/**
 * True when the workspace is trusted. Otherwise tells the user why the action is refused and how to
 * trust the workspace, and returns false: no handler code runs and no AWS call is made untrusted.
 */
export async function requireTrust(action: string): Promise<boolean> {
  if (vscode.workspace.isTrusted) return true;
  const manage = 'Manage Workspace Trust';
  const pick = await vscode.window.showWarningMessage(
    `${action} is disabled in Restricted Mode: it would run code from this workspace or call AWS. Trust the workspace to enable it.`,
    manage,
  );
  if (pick === manage) await vscode.commands.executeCommand('workbench.trust.manage');
  return false;
}
