// Extension entry point: activate/deactivate only. Builds the state, registers commands, starts the server.
import * as vscode from 'vscode';
import { WorkspaceTrustNotification } from '../../server/src/core/protocol';
import { registerCommands } from './commands';
import { RESTART_KEYS } from './config';
import type { ExtensionState } from './context';
import { sendNotification, startClient, type ClientHandle } from './languageClient';
import { log } from './log';
import { registerUi } from './ui';

/** What `activate` returns: tests wait on `ready()` instead of sleeping. */
export interface CognitoTriggersApi {
  ready(): Promise<void>;
  state: ExtensionState;
}

let handle: ClientHandle | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<CognitoTriggersApi> {
  const start = Date.now();
  try {
    handle = await startClient(context);
  } catch (e) {
    void vscode.window.showErrorMessage(`Cognito Triggers could not start its language server: ${String(e)}`);
    throw e;
  }
  const state: ExtensionState = {
    context,
    client: () => {
      if (!handle) throw new Error('The language server is not running.');
      return handle.client;
    },
    ready: () => handle?.ready ?? Promise.reject(new Error('The language server is not running.')),
    restart: async () => {
      await handle?.client.stop().catch((e: unknown) => log().warn(`Stopping the server: ${String(e)}`));
      handle = await startClient(context);
      await handle.ready;
    },
  };
  context.subscriptions.push(
    ...registerCommands(state, (id, fn) => vscode.commands.registerCommand(id, fn)),
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      if (handle) void sendNotification(handle.client, WorkspaceTrustNotification.type, { trusted: true });
    }),
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (!RESTART_KEYS.some((k) => e.affectsConfiguration(k))) return;
      const restart = 'Restart now';
      if ((await vscode.window.showInformationMessage('Cognito Triggers must restart its language server to apply the change.', restart)) === restart) {
        await state.restart();
      }
    }),
    { dispose: () => void handle?.client.stop() },
  );
  registerUi(state);
  log().info(`Activated in ${Date.now() - start} ms.`);
  return { ready: () => state.ready(), state };
}

export async function deactivate(): Promise<void> {
  await handle?.client.stop();
  handle = undefined;
}
