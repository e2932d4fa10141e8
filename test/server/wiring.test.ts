// Protocol tests of the IaC wiring in the server: a neutral handler file gets its trigger from
// serverless.yml, the hover says why, an edit to serverless.yml (workspace/didChangeWatchedFiles)
// changes the inference, and a handler typed for another trigger gets a diagnostic linking to the IaC.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import type { CompletionList, Diagnostic, Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { fileUri, startServer, type TestServer } from './harness';

let server: TestServer;
let dir: string;
const sls = (trigger: string, extra = ''): string => `service: s\nprovider:\n  name: aws\n  runtime: nodejs20.x\nfunctions:\n  fn1:\n    handler: fn1/handler.handler\n    events:\n      - cognitoUserPool:\n          pool: Users\n          trigger: ${trigger}\n${extra}`;
const HANDLER = 'exports.handler = async (event) => {\n  event.response.x = 1;\n  return event;\n};\n';

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wiring-server-'));
  fs.mkdirSync(path.join(dir, 'fn1'));
  fs.mkdirSync(path.join(dir, 'tok'));
  fs.writeFileSync(path.join(dir, 'serverless.yml'), sls('PreSignUp'));
  fs.writeFileSync(path.join(dir, 'fn1', 'handler.js'), HANDLER);
  fs.writeFileSync(path.join(dir, 'tok', 'serverless.yml'), 'service: t\nprovider: { name: aws, runtime: nodejs22.x }\nfunctions:\n  tok:\n    handler: index.handler\n    events: [{ cognitoUserPool: { pool: P, trigger: PreTokenGeneration } }]\n');
  server = await startServer({ workspace: dir });
});
after(async () => {
  await server.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const hoverText = async (uri: string, line: number, character: number): Promise<string> => ((await server.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line, character } }))?.contents as MarkupContent | undefined)?.value ?? '';
const completion = async (uri: string, line: number, character: number): Promise<string[]> => ((await server.request<CompletionList | null>('textDocument/completion', { textDocument: { uri }, position: { line, character } }))?.items ?? []).map((i) => i.label);

test('the server asks to watch IaC files', () => {
  const reg = server.log.registrations.find((r) => (r as { method?: string }).method === 'workspace/didChangeWatchedFiles') as { registerOptions?: { watchers?: { globPattern: string }[] } } | undefined;
  assert.ok(reg?.registerOptions?.watchers?.some((w) => w.globPattern.includes('serverless')), JSON.stringify(server.log.registrations));
});

test('fn1/handler.js is PreSignUp because serverless.yml wires it; an edit to serverless.yml changes that', async () => {
  const uri = fileUri(path.join(dir, 'fn1', 'handler.js'));
  const first = server.diagnostics(uri, 1);
  server.open(uri, HANDLER, 'javascript');
  await first;
  assert.match(await hoverText(uri, 0, 10), /Why: serverless\.yml:11 binds functions\.fn1 to PreSignUp of Users/);
  assert.ok((await completion(uri, 1, 17)).includes('autoConfirmUser'), 'PreSignUp response fields');
  fs.writeFileSync(path.join(dir, 'serverless.yml'), sls('PostConfirmation'));
  const again = server.diagnostics(uri, 1);
  await server.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(path.join(dir, 'serverless.yml')), type: 2 }] });
  await again;
  assert.match(await hoverText(uri, 0, 10), /Why: serverless\.yml:11 binds functions\.fn1 to PostConfirmation of Users/);
  assert.ok(!(await completion(uri, 1, 17)).includes('autoConfirmUser'), 'no PreSignUp fields any more');
});

test('a handler typed for pre token V2 that serverless.yml wires as V1 gets a diagnostic linking to the IaC line', async () => {
  const uri = fileUri(path.join(dir, 'tok', 'index.ts'));
  const text = "import type { PreTokenGenerationV2TriggerHandler } from 'aws-lambda';\nexport const handler: PreTokenGenerationV2TriggerHandler = async (event) => event;\n";
  fs.writeFileSync(path.join(dir, 'tok', 'index.ts'), text);
  await server.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 1 }] });
  const diags = server.diagnostics(uri, 1);
  server.open(uri, text, 'typescript');
  const found = (await diags).find((d: Diagnostic) => d.code === 'handler/wired-trigger-mismatch');
  assert.ok(found, 'wired-trigger-mismatch');
  assert.match(String(found.message), /typed for PreTokenGenerationV2, but tok\/serverless\.yml:6 binds functions\.tok to PreTokenGeneration of P/);
  assert.equal(found.relatedInformation?.[0]?.location.uri, fileUri(path.join(dir, 'tok', 'serverless.yml')));
  assert.equal(found.relatedInformation?.[0]?.location.range.start.line, 5);
});
