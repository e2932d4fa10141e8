// Sends an AWS request with a cancellable progress notification and shows an explained error.
import * as vscode from 'vscode';
import type { AwsResult, RequestSpec } from '../../../server/src/core/protocol';
import { requireTrust, type ExtensionState } from '../context';
import { log } from '../log';

/**
 * Sends `spec` to the language server. Cancelling the notification sends `$/cancelRequest`, which the
 * server turns into an AbortSignal for the SDK call. Returns undefined after showing the error.
 */
export async function awsCall<P, R>(state: ExtensionState, spec: RequestSpec<P, AwsResult<R>>, params: P, title: string): Promise<R | undefined> {
  if (!(await requireTrust(title))) return undefined;
  await state.ready();
  const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Cognito Triggers: ${title}`, cancellable: true }, (_progress, token) =>
    state.client().sendRequest(spec.method, params, token) as Promise<AwsResult<R>>,
  ).then(
    (r) => r,
    (e: unknown): AwsResult<R> => ({ ok: false, error: { code: 'Cancelled', message: `${title} was cancelled or failed: ${e instanceof Error ? e.message : String(e)}`, hint: 'Run it again when ready.' } }),
  );
  if (result.ok) return result.value;
  log().warn(`${result.error.message} (${result.error.code}) ${result.error.hint}`);
  if (result.error.code !== 'Cancelled') void vscode.window.showErrorMessage(`${result.error.message} ${result.error.hint}`);
  return undefined;
}

/** Fires after a bind or unbind so the bindings view refreshes. */
export const bindingsChanged = new vscode.EventEmitter<void>();
