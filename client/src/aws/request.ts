// Sends an AWS request with a cancellable progress notification and shows an explained error.
import * as vscode from 'vscode';
import type { AwsError, AwsResult, RequestSpec } from '../../../server/src/core/protocol';
import { requireTrust, type ExtensionState } from '../context';
import { log } from '../log';

/**
 * Sends `spec` to the language server. Cancelling the notification sends `$/cancelRequest`, which the
 * server turns into an AbortSignal for the SDK call. Returns undefined after showing the error.
 */
export async function awsCall<P, R>(state: ExtensionState, spec: RequestSpec<P, AwsResult<R>>, params: P, title: string, opts: AwsCallOptions = {}): Promise<R | undefined> {
  if (!(await requireTrust(title))) return undefined;
  await state.ready();
  const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Cognito Triggers: ${title}`, cancellable: true }, (_progress, token) =>
    state.client().sendRequest(spec.method, params, token) as Promise<AwsResult<R>>,
  ).then(
    (r) => r,
    (e: unknown): AwsResult<R> => {
      // Only a failure on this side is logged here: the server logs every error it answers with.
      const error = { code: 'Cancelled', message: `${title} was cancelled or failed: ${e instanceof Error ? e.message : String(e)}`, hint: 'Run it again when ready.' };
      log().warn(`${error.message} (${error.code})`);
      return { ok: false, error };
    },
  );
  if (result.ok) return result.value;
  const { error } = result;
  opts.onError?.(error);
  if (error.code !== 'Cancelled' && !opts.quietFor?.includes(error.code)) void showAwsError(error);
  return undefined;
}

/** Options of `awsCall`. */
export interface AwsCallOptions {
  /** Error codes not shown (the caller explains them in its own UI); the server's log has them. */
  quietFor?: string[];
  /** Called with the error, whether shown or not. */
  onError?: (error: AwsError) => void;
}

/** The button that fixes an error, by code: the Region and profile pickers. */
const FIXES: Record<string, { label: string; command: string }> = {
  NoRegion: { label: 'Select AWS Region', command: 'cognitoTriggers.selectRegion' },
  NoCredentials: { label: 'Select AWS Profile', command: 'cognitoTriggers.selectProfile' },
};

/** Shows an explained AWS error with the button that fixes it, when there is one, and runs it. */
export async function showAwsError(error: AwsError): Promise<void> {
  const fix = FIXES[error.code];
  const pick = await vscode.window.showErrorMessage(`${error.message} ${error.hint}`, ...(fix ? [fix.label] : []));
  if (fix && pick === fix.label) await vscode.commands.executeCommand(fix.command);
}

/** Fires after a bind or unbind so the bindings view refreshes. */
export const bindingsChanged = new vscode.EventEmitter<void>();
