// Benchmark anchor: a bare vscode-json-languageservice LSP server over stdio — completion and
// schema diagnostics only, with the same generated schema our server uses (BENCH_TRIGGER, default PreSignUp).
import { getLanguageService } from 'vscode-json-languageservice';
import { createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { triggerSchema } from '../server/src/core/generate/schema';
import { getTrigger } from '../server/src/core/model';

const t = getTrigger(process.env.BENCH_TRIGGER ?? 'PreSignUp');
if (!t) throw new Error(`Unknown BENCH_TRIGGER ${process.env.BENCH_TRIGGER ?? ''}`);
const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const ls = getLanguageService({});
ls.configure({ validate: true, allowComments: true, schemas: [{ uri: `bench://${t.id}.schema.json`, fileMatch: ['*'], schema: triggerSchema(t) }] });

connection.onInitialize(() => ({
  capabilities: { textDocumentSync: TextDocumentSyncKind.Incremental, completionProvider: { triggerCharacters: ['"', ':'] } },
}));
// Validate on every change, no debounce: the anchor is the service's own cost plus the stdio round trip.
documents.onDidChangeContent(async ({ document }) => {
  const diagnostics = await ls.doValidation(document, ls.parseJSONDocument(document));
  await connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics });
});
connection.onCompletion((p) => {
  const doc = documents.get(p.textDocument.uri);
  return doc ? ls.doComplete(doc, p.position, ls.parseJSONDocument(doc)) : null;
});
documents.listen(connection);
connection.listen();
