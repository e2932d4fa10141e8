// The Cognito Triggers language server: wires documents, settings and the analysis providers to LSP.
import {
  createConnection,
  DidChangeConfigurationNotification,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { TRIGGERS } from './core/model';
import { ServerReadyNotification, WorkspaceTrustNotification, type InitializationOptions } from './core/protocol';
import { DiagnosticsScheduler } from './handlers/diagnostics';
import { registerFeatureHandlers, type FeatureDeps } from './handlers/features';
import { PROVIDERS } from './providers';
import { registerRequests } from './requests';
import { onNotification, sendNotification } from './requests/typed';
import { WorkspaceFolders } from './workspace/folders';
import { SettingsCache } from './workspace/settings';

declare const SERVER_VERSION: string | undefined;

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const folders = new WorkspaceFolders();
let canPullConfiguration = false;
let supportsWorkspaceFolders = false;
let trusted = false;
let init: InitializationOptions = { trusted: false, extensionPath: '' };
const settings = new SettingsCache(connection, () => canPullConfiguration);
// Logs go to connection.console: stdout carries the protocol.
const host = {
  log(level: 'trace' | 'info' | 'warn' | 'error', message: string): void {
    if (level === 'error') connection.console.error(message);
    else if (level === 'warn') connection.console.warn(message);
    else if (level === 'info') connection.console.info(message);
    else connection.console.log(message);
  },
};
const deps: FeatureDeps = { connection, documents, settings, folders, providers: PROVIDERS, host };
const diagnostics = new DiagnosticsScheduler(deps);

connection.onInitialize((params): InitializeResult => {
  canPullConfiguration = !!params.capabilities.workspace?.configuration;
  supportsWorkspaceFolders = !!params.capabilities.workspace?.workspaceFolders;
  const opts = params.initializationOptions as Partial<InitializationOptions> | undefined;
  init = { trusted: opts?.trusted ?? false, extensionPath: opts?.extensionPath ?? '' };
  trusted = init.trusted;
  folders.set((params.workspaceFolders ?? []).map((f) => f.uri));
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      completionProvider: { triggerCharacters: ['.', '"', "'", '`', '[', ':'], resolveProvider: false },
      hoverProvider: true,
      codeActionProvider: { codeActionKinds: ['quickfix'] },
      codeLensProvider: { resolveProvider: false },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'cognito-triggers', version: typeof SERVER_VERSION === 'string' ? SERVER_VERSION : 'dev' },
  };
});

connection.onInitialized(() => {
  if (canPullConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'cognitoTriggers' });
  // Only clients that announce workspace folder support may be asked for them (the subscription throws otherwise).
  if (supportsWorkspaceFolders) {
    connection.workspace.onDidChangeWorkspaceFolders(async () => {
      folders.set(((await connection.workspace.getWorkspaceFolders()) ?? []).map((f) => f.uri));
    });
  }
  void sendNotification(connection, ServerReadyNotification.type, { version: 'dev', triggers: TRIGGERS.length });
});

connection.onDidChangeConfiguration(() => {
  settings.clear();
  diagnostics.scheduleAll();
});

onNotification(connection, WorkspaceTrustNotification.type, (p) => {
  trusted = p.trusted;
  diagnostics.scheduleAll();
});

documents.onDidOpen((e) => diagnostics.schedule(e.document.uri));
documents.onDidChangeContent((e) => diagnostics.schedule(e.document.uri));
documents.onDidClose((e) => {
  settings.forget(e.document.uri);
  for (const p of PROVIDERS) p.forget?.(e.document.uri);
  diagnostics.clear(e.document.uri);
});

registerFeatureHandlers(deps);
registerRequests({ connection, documents, settings, folders, host, get init() { return init; }, isTrusted: () => trusted });

documents.listen(connection);
connection.listen();
