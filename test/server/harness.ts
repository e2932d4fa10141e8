// Protocol test harness: spawns the built language server (dist/server.js --stdio), speaks LSP to it,
// answers workspace/configuration from a settings object, and waits for diagnostics by event. As a
// `generic` client it has none of VS Code's extras (no workspace/configuration, no workspace folders,
// no dynamic registration): settings go in initializationOptions and didChangeConfiguration pushes.
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type Diagnostic,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';

/** Root of the repository. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** Options of `startServer`. */
export interface ServerOptions {
  /** Workspace folder path (default: test/fixtures/workspace). */
  workspace?: string;
  /** The raw `cognitoTriggers` configuration returned to workspace/configuration. */
  settings?: Record<string, unknown>;
  /** initializationOptions.trusted (default false). */
  trusted?: boolean;
  /** 'vscode' (default): what the VS Code extension's client sends; 'generic': a plain LSP client. */
  client?: 'vscode' | 'generic';
  /** Generic client: how it names the root (default rootUri, no workspace folders). */
  root?: 'rootUri' | 'rootPath';
  /** Generic client: initializationOptions beyond `trusted` (settings, reportSyntaxErrors). */
  initializationOptions?: Record<string, unknown>;
  /** Generic client: capabilities.window.showDocument.support. */
  showDocument?: boolean;
  /** Environment of the server process (XDG_CONFIG_HOME for the trust file). */
  env?: Record<string, string>;
  /** Answers window/showMessageRequest (default: the first action). */
  pickAction?: (message: string, actions: string[]) => string | undefined;
  /** A server script other than dist/server.js (a benchmark's bare anchor); it must send cognitoTriggers/serverReady too. */
  script?: string;
}

/** Server → client traffic a test may check. */
export interface ClientLog {
  registrations: unknown[];
  messages: { type: number; message: string }[];
  shownDocuments: string[];
  configurationRequests: number;
}

/** A running server and helpers to drive it. */
export interface TestServer {
  readonly connection: ProtocolConnection;
  readonly process: ChildProcess;
  readonly workspaceUri: string;
  /** What the server sent to the client (registrations, messages, documents shown). */
  readonly log: ClientLog;
  /** The initialize result. */
  readonly initializeResult: { capabilities: Record<string, unknown>; serverInfo?: { name: string; version?: string } };
  /** The serverReady notification's params. */
  readonly ready: { version: string; triggers: number };
  /** Opens a document; returns its URI. */
  open(uri: string, text: string, languageId?: string): string;
  /** Replaces the whole text of an open document (version + 1). */
  change(uri: string, text: string): void;
  close(uri: string): void;
  /** The next diagnostics published for `uri` whose document version is at least `minVersion` (event-driven, no sleeps). */
  diagnostics(uri: string, minVersion?: number): Promise<Diagnostic[]>;
  /** Sends a request by method name. */
  request<R>(method: string, params: unknown): Promise<R>;
  /** Shuts the server down and waits for the process to exit. */
  stop(): Promise<void>;
}

/** A file URI for a path. */
export const fileUri = (p: string): string => pathToFileURL(p).toString();

/** Starts dist/server.js (build it first with `node esbuild.mjs`) and completes the initialize handshake. */
export async function startServer(opts: ServerOptions = {}): Promise<TestServer> {
  const workspace = opts.workspace ?? path.join(REPO_ROOT, 'test', 'fixtures', 'workspace');
  const generic = opts.client === 'generic';
  const proc = spawn(process.execPath, [opts.script ?? path.join(REPO_ROOT, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, ...opts.env } });
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  if (!proc.stdout || !proc.stdin) throw new Error('server process has no stdio pipes');
  const connection = createProtocolConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
  const versions = new Map<string, number>();
  const waiters: { uri: string; minVersion: number; resolve: (d: Diagnostic[]) => void }[] = [];
  connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    for (let i = waiters.length - 1; i >= 0; i--) {
      const w = waiters[i];
      if (w && w.uri === p.uri && (p.version ?? versions.get(p.uri) ?? 0) >= w.minVersion) {
        waiters.splice(i, 1);
        w.resolve(p.diagnostics);
      }
    }
  });
  const log: ClientLog = { registrations: [], messages: [], shownDocuments: [], configurationRequests: 0 };
  // A generic client has no handler for workspace/configuration: the request fails as it would there.
  connection.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) => {
    log.configurationRequests++;
    if (generic) throw new Error('workspace/configuration is not supported by this client');
    return p.items.map(() => opts.settings ?? {});
  });
  connection.onRequest('client/registerCapability', (p: { registrations: unknown[] }) => {
    log.registrations.push(...p.registrations);
    return null;
  });
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onRequest('window/showDocument', (p: { uri: string }) => {
    log.shownDocuments.push(p.uri);
    return { success: true };
  });
  connection.onRequest('window/showMessageRequest', (p: { message: string; actions?: { title: string }[] }) => {
    const titles = (p.actions ?? []).map((a) => a.title);
    const chosen = opts.pickAction ? opts.pickAction(p.message, titles) : titles[0];
    return chosen === undefined ? null : { title: chosen };
  });
  connection.onNotification('window/showMessage', (p: { type: number; message: string }) => {
    log.messages.push(p);
  });
  connection.onNotification('window/logMessage', () => undefined);
  const ready = new Promise<{ version: string; triggers: number }>((resolve) => connection.onNotification('cognitoTriggers/serverReady', (p: { version: string; triggers: number }) => resolve(p)));
  connection.listen();
  const workspaceUri = fileUri(workspace);
  const initializeResult = (await connection.sendRequest(
    'initialize',
    generic
      ? {
          processId: process.pid,
          ...(opts.root === 'rootPath' ? { rootPath: workspace, rootUri: null } : { rootUri: workspaceUri }),
          capabilities: { textDocument: { completion: { completionItem: { snippetSupport: false } } }, ...(opts.showDocument ? { window: { showDocument: { support: true } } } : {}) },
          initializationOptions: { trusted: opts.trusted ?? false, ...opts.initializationOptions },
        }
      : {
          processId: process.pid,
          rootUri: workspaceUri,
          workspaceFolders: [{ uri: workspaceUri, name: 'workspace' }],
          capabilities: { workspace: { configuration: true, workspaceFolders: true, didChangeConfiguration: { dynamicRegistration: true }, didChangeWatchedFiles: { dynamicRegistration: true } }, textDocument: { completion: { completionItem: { snippetSupport: true } } } },
          initializationOptions: { trusted: opts.trusted ?? false, extensionPath: REPO_ROOT },
        },
  )) as TestServer['initializeResult'];
  await connection.sendNotification('initialized', {});
  // A server that dies before it is ready fails the test with its exit status (its stderr is the test's),
  // instead of leaving the test waiting for serverReady forever.
  const readyParams = await Promise.race([
    ready,
    exited.then(() => {
      throw new Error(`dist/server.js exited before serverReady (code ${proc.exitCode}, signal ${proc.signalCode})`);
    }),
  ]);
  return {
    connection,
    process: proc,
    workspaceUri,
    log,
    initializeResult,
    ready: readyParams,
    open(uri, text, languageId = 'json') {
      versions.set(uri, 1);
      void connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
      return uri;
    },
    change(uri, text) {
      const version = (versions.get(uri) ?? 0) + 1;
      versions.set(uri, version);
      void connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    },
    close(uri) {
      versions.delete(uri);
      void connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    },
    diagnostics(uri, minVersion) {
      return new Promise((resolve) => waiters.push({ uri, minVersion: minVersion ?? versions.get(uri) ?? 0, resolve }));
    },
    request<R>(method: string, params: unknown) {
      return connection.sendRequest(method, params) as Promise<R>;
    },
    async stop() {
      await connection.sendRequest('shutdown');
      await connection.sendNotification('exit');
      await exited;
      connection.dispose();
    },
  };
}

/** Splits `text` at the `|` caret: the text without it and the caret's line/character. */
export function caret(textWithCaret: string): { text: string; position: { line: number; character: number } } {
  const i = textWithCaret.indexOf('|');
  if (i < 0) throw new Error('no | caret in the text');
  const before = textWithCaret.slice(0, i);
  const lines = before.split('\n');
  return { text: before + textWithCaret.slice(i + 1), position: { line: lines.length - 1, character: (lines[lines.length - 1] ?? '').length } };
}

/** A diagnostic's message as text (LSP 3.18 allows markup content). */
export function messageText(d: { message: string | { value: string } }): string {
  return typeof d.message === 'string' ? d.message : d.message.value;
}
