// Protocol test harness: spawns the built language server (dist/server.js --stdio), speaks LSP to it,
// answers workspace/configuration from a settings object, and waits for diagnostics by event.
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
}

/** A running server and helpers to drive it. */
export interface TestServer {
  readonly connection: ProtocolConnection;
  readonly process: ChildProcess;
  readonly workspaceUri: string;
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
  const proc = spawn(process.execPath, [path.join(REPO_ROOT, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
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
  connection.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) => p.items.map(() => opts.settings ?? {}));
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onNotification('window/logMessage', () => undefined);
  const ready = new Promise<void>((resolve) => connection.onNotification('cognitoTriggers/serverReady', () => resolve()));
  connection.listen();
  const workspaceUri = fileUri(workspace);
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: workspaceUri,
    workspaceFolders: [{ uri: workspaceUri, name: 'workspace' }],
    capabilities: { workspace: { configuration: true, workspaceFolders: true }, textDocument: { completion: { completionItem: { snippetSupport: true } } } },
    initializationOptions: { trusted: opts.trusted ?? false, extensionPath: REPO_ROOT },
  });
  await connection.sendNotification('initialized', {});
  await ready;
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  return {
    connection,
    process: proc,
    workspaceUri,
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
