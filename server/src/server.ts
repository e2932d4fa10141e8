// The Cognito Triggers language server: wires documents, settings and the analysis providers to LSP,
// for the VS Code extension and for any other LSP client (docs/editors.md).
import {
  createConnection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { prepareFrontEnd } from './core/handler/analyze';
import { TRIGGERS } from './core/model';
import { ServerReadyNotification, WorkspaceTrustNotification, type InitializationOptions } from './core/protocol';
import { DiagnosticsScheduler } from './handlers/diagnostics';
import { registerFeatureHandlers, type FeatureDeps } from './handlers/features';
import * as path from 'node:path';
import { createProviders } from './providers';
import { registerRequests } from './requests';
import { SERVER_COMMANDS } from './requests/commands';
import { onNotification, sendNotification } from './requests/typed';
import { parseServerArgs } from './serverArgs';
import { rootsOf, WorkspaceFolders } from './workspace/folders';
import { NormalizedTextDocument } from './workspace/languages';
import { OffThreadAnalyzer } from './workspace/offThread';
import { SettingsCache } from './workspace/settings';
import { WIRING_GLOBS, wiringFileChanged } from './workspace/wiring';
import { rootsTrustedByFile, untrustedExplanation } from './workspace/trust';

declare const SERVER_VERSION: string | undefined;
/** package.json's version, stamped in by esbuild.mjs. */
const VERSION = typeof SERVER_VERSION === 'string' ? SERVER_VERSION : '0.0.0-source';

// Before the connection reads process.argv: --help and --version print and exit; no transport means stdio.
const args = parseServerArgs(process.argv.slice(2), VERSION);
if (args.kind === 'print') {
  (args.exitCode === 0 ? process.stdout : process.stderr).write(args.text);
  process.exit(args.exitCode);
}
process.argv = [process.argv[0] ?? 'node', process.argv[1] ?? 'server.js', ...args.argv];

/** Options any client may pass in `initialize` (the VS Code extension passes trusted and extensionPath). */
interface AnyClientOptions extends Partial<InitializationOptions> {
  /** The `cognitoTriggers` settings (or `{ cognitoTriggers: {...} }`), for clients that cannot answer workspace/configuration. */
  settings?: unknown;
  /** Report JavaScript/TypeScript/JSON syntax errors too, for clients without their own diagnostics for them. */
  reportSyntaxErrors?: boolean;
}

const connection = createConnection(ProposedFeatures.all);
// Documents keep a normalized language id: eglot's "js", Helix's "jsx", "javascript.jsx", ... (or the file extension).
const documents = new TextDocuments(NormalizedTextDocument);
const folders = new WorkspaceFolders();
let canPullConfiguration = false;
let canRegisterConfiguration = false;
let canWatchFiles = false;
let supportsWorkspaceFolders = false;
let canShowDocument = false;
let reportSyntaxErrors = false;
/** The VS Code extension: it has its own commands and Restricted Mode; other clients get the server's. */
let isVsCodeExtension = false;
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
// Large handler documents are analysed on a worker thread (dist/analysisWorker.js beside this bundle).
const offThread = new OffThreadAnalyzer(path.join(__dirname, 'analysisWorker.js'), (m) => host.log('warn', `${m}; large handlers are analysed on the main thread.`));
const PROVIDERS = createProviders(offThread);
const deps: FeatureDeps = { connection, documents, settings, folders, providers: PROVIDERS, host, reportSyntaxErrors: () => reportSyntaxErrors };
const diagnostics = new DiagnosticsScheduler(deps);

/** Trust for clients other than VS Code: initializationOptions.trusted, else the user's trust file (read again at each invoke). */
function otherClientTrust(opts: AnyClientOptions): boolean {
  return opts.trusted === true || rootsTrustedByFile(folders.roots());
}

connection.onInitialize((params): InitializeResult => {
  const caps = params.capabilities;
  canPullConfiguration = !!caps.workspace?.configuration;
  canRegisterConfiguration = !!caps.workspace?.didChangeConfiguration?.dynamicRegistration;
  canWatchFiles = !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration;
  supportsWorkspaceFolders = !!caps.workspace?.workspaceFolders;
  canShowDocument = !!caps.window?.showDocument?.support;
  const opts = (params.initializationOptions ?? {}) as AnyClientOptions;
  isVsCodeExtension = typeof opts.extensionPath === 'string' && opts.extensionPath !== '';
  reportSyntaxErrors = opts.reportSyntaxErrors === true;
  settings.setInitial(opts.settings);
  folders.set(rootsOf(params));
  init = { trusted: opts.trusted === true, extensionPath: opts.extensionPath ?? '' };
  trusted = isVsCodeExtension ? init.trusted : otherClientTrust(opts);
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      completionProvider: { triggerCharacters: ['.', '"', "'", '`', '[', ':'], resolveProvider: false },
      hoverProvider: true,
      codeActionProvider: { codeActionKinds: ['quickfix'] },
      codeLensProvider: { resolveProvider: false },
      // The extension registers these commands in VS Code itself; announcing them too would clash.
      ...(isVsCodeExtension ? {} : { executeCommandProvider: { commands: [...SERVER_COMMANDS] } }),
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'cognito-triggers', version: VERSION },
  };
});

connection.onInitialized(() => {
  // Dynamic registration only for clients that announce it (others reject or ignore client/registerCapability).
  if (canPullConfiguration && canRegisterConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'cognitoTriggers' });
  // IaC files (serverless.yml, templates, CDK and Amplify code, .tf) change the trigger wiring.
  if (canWatchFiles) void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: WIRING_GLOBS.map((globPattern) => ({ globPattern })) });
  // Only clients that announce workspace folder support may be asked for them (the subscription throws otherwise).
  if (supportsWorkspaceFolders) {
    connection.workspace.onDidChangeWorkspaceFolders(async () => {
      folders.set(((await connection.workspace.getWorkspaceFolders()) ?? []).map((f) => f.uri));
    });
  }
  if (!isVsCodeExtension && !trusted) host.log('info', `${untrustedExplanation().message} ${untrustedExplanation().hint}`);
  void sendNotification(connection, ServerReadyNotification.type, { version: VERSION, triggers: TRIGGERS.length });
});

// A changed IaC file re-reads only the projects that depend on it; then every open handler is re-analysed.
connection.onDidChangeWatchedFiles((p) => {
  const kind = { [FileChangeType.Created]: 'created', [FileChangeType.Changed]: 'changed', [FileChangeType.Deleted]: 'deleted' } as const;
  let affected = false;
  for (const c of p.changes) affected = wiringFileChanged(c.uri, kind[c.type]) || affected;
  if (!affected) return;
  for (const provider of PROVIDERS) provider.forgetAll?.();
  diagnostics.scheduleAll();
});

connection.onDidChangeConfiguration((p) => {
  settings.push(p.settings);
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

/** Other clients are told once, clearly, why invoke is off and how to turn it on; later refusals are short. */
let explainedUntrusted = false;
function untrustedError(): { code: string; message: string; hint?: string } {
  if (isVsCodeExtension) return { code: 'untrusted', message: 'Local invoke runs code from this workspace, so it is disabled in Restricted Mode.', hint: 'Trust the workspace (Manage Workspace Trust) to run handlers.' };
  const x = untrustedExplanation();
  if (explainedUntrusted) return { code: 'untrusted', message: 'Local invoke is disabled: the workspace is not trusted (see the earlier message).' };
  explainedUntrusted = true;
  return { code: 'untrusted', ...x };
}

registerFeatureHandlers(deps);
registerRequests({ connection, documents, settings, folders, host, get init() { return init; }, isTrusted: () => trusted || (!isVsCodeExtension && rootsTrustedByFile(folders.roots())), untrustedError, canShowDocument: () => canShowDocument });

documents.listen(connection);
connection.listen();
// Tree-sitter's WebAssembly loads in the background from the start (its compile runs off the main thread
// while the client initializes), so the first Python file does not wait for it.
void prepareFrontEnd('python');
