// Benchmark anchor for bench/worstCase.ts: an LSP server over stdio that does nothing with its documents
// (vscode-languageserver's own document store, empty answers, empty diagnostics published per change).
// What a small document waits behind a large one there is the floor set by LSP itself: messages arrive in
// order on one pipe, so a request sent after a 10 MB didOpen is read after it.
import { createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
connection.onInitialize(() => ({ capabilities: { textDocumentSync: TextDocumentSyncKind.Incremental, completionProvider: {}, hoverProvider: true, codeLensProvider: {}, codeActionProvider: true } }));
connection.onInitialized(() => void connection.sendNotification('cognitoTriggers/serverReady', { version: 'bare', triggers: 0 }));
documents.onDidChangeContent(({ document }) => void connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics: [] }));
connection.onCompletion(() => null);
connection.onHover(() => null);
connection.onCodeLens(() => []);
connection.onCodeAction(() => []);
documents.listen(connection);
connection.listen();
