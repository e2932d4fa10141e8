// Creates, starts and restarts the LanguageClient that talks to dist/server.js.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, State, TransportKind, type LanguageClientOptions, type MessageSignature, type ServerOptions } from 'vscode-languageclient/node';
import { ServerReadyNotification, type InitializationOptions, type NotificationSpec, type RequestSpec } from '../../server/src/core/protocol';
import { log } from './log';
import { traceChannel } from './traceChannel';

/** The running client plus a promise that resolves when the server says it is ready. */
export interface ClientHandle {
  client: QuietStopLanguageClient;
  ready: Promise<void>;
}

/** Documents the server analyses: handler code (JS, TS, Python) and event JSON, on disk or unsaved. */
const DOCUMENT_SELECTOR = ['javascript', 'typescript', 'javascriptreact', 'typescriptreact', 'python', 'json', 'jsonc'].flatMap(
  (language) => [
    { scheme: 'file', language },
    { scheme: 'untitled', language },
  ],
);

/**
 * The language client, quiet about requests that fail because it is stopping. At a window reload (or
 * Restart Language Server) VS Code still asks for code actions, lenses and completions while the
 * client stops; vscode-languageclient then fails them with a plain "Starting server failed" error,
 * which it logs and shows as an error notification although nothing is wrong. A stopping client
 * answers them with the empty default instead; every other failure is reported as before.
 */
export class QuietStopLanguageClient extends LanguageClient {
  /** stop() was called (deactivate, dispose, restart): the server did not stop by itself. */
  stopRequested = false;

  override stop(timeout?: number): Promise<void> {
    this.stopRequested = true;
    return super.stop(timeout);
  }

  /** True once stop() (deactivate, dispose, restart) was called, or the client no longer runs after having run. */
  get stopping(): boolean {
    return this.stopRequested || this.state === State.Stopped;
  }

  override handleFailedRequest<T>(type: MessageSignature, token: vscode.CancellationToken | undefined, error: unknown, defaultValue: T, showNotification?: boolean, throwOnCancel?: boolean): T {
    if (this.stopping) return defaultValue;
    return super.handleFailedRequest(type, token, error, defaultValue, showNotification, throwOnCancel);
  }
}

/** Starts the language server for the extension. */
export async function startClient(context: vscode.ExtensionContext): Promise<ClientHandle> {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const initializationOptions = {
    trusted: vscode.workspace.isTrusted,
    extensionPath: context.extensionPath,
  } satisfies InitializationOptions;
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    outputChannel: log(),
    // Its own channel, whose level follows cognitoTriggers.trace.server (see traceChannel.ts).
    traceOutputChannel: traceChannel(),
    revealOutputChannelOn: 4 /* RevealOutputChannelOn.Never */,
    initializationOptions,
    synchronize: { configurationSection: 'cognitoTriggers' },
    initializationFailedHandler: (error) => {
      log().error(`The Cognito Triggers language server failed to start: ${String(error)}`);
      log().show(true);
      return false;
    },
  };
  const client = new QuietStopLanguageClient('cognitoTriggers', 'Cognito Triggers', serverOptions, clientOptions);
  let resolveReady!: () => void;
  const ready = new Promise<void>((r) => (resolveReady = r));
  client.onNotification(ServerReadyNotification.method, (p: { version: string; triggers: number }) => {
    log().info(`Language server ready (version ${p.version}, ${p.triggers} triggers).`);
    resolveReady();
  });
  client.onDidChangeState((e) => {
    // A stop that was asked for (reload, restart, deactivate) is no warning.
    if (e.newState === State.Stopped) log()[client.stopRequested ? 'info' : 'warn']('Language server stopped.');
  });
  await client.start();
  return { client, ready };
}

/** Sends a typed request spec. */
export function sendRequest<P, R>(client: LanguageClient, spec: RequestSpec<P, R>, params: P, token?: vscode.CancellationToken): Promise<R> {
  return (token ? client.sendRequest(spec.method, params, token) : client.sendRequest(spec.method, params)) as Promise<R>;
}

/** Sends a typed notification spec. */
export function sendNotification<P>(client: LanguageClient, spec: NotificationSpec<P>, params: P): Promise<void> {
  return client.sendNotification(spec.method, params);
}

/** Registers a handler for a server → client notification spec. */
export function onNotification<P>(client: LanguageClient, spec: NotificationSpec<P>, handler: (p: P) => void): vscode.Disposable {
  return client.onNotification(spec.method, handler);
}
