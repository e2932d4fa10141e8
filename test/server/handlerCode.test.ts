// Protocol tests of handler-code analysis against the real server: completion, hover, diagnostics,
// quick fixes, code lenses and binding hints, over LSP stdio.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import type { CodeAction, CodeLens, CompletionList, Diagnostic, Hover, MarkupContent, TextEdit } from 'vscode-languageserver-protocol';
import { caret, messageText, REPO_ROOT, startServer, type TestServer } from './harness';

const WORKSPACE = path.join(REPO_ROOT, 'test', 'fixtures', 'handlers', 'workspace');
const CLEAN = path.join(REPO_ROOT, 'test', 'fixtures', 'handlers', 'clean');
let server: TestServer;
let n = 0;
const uri = (name = `h${++n}.js`): string => `${server.workspaceUri}/src/${name}`;
const lang = (name: string): string => (/\.tsx?$/.test(name) ? 'typescript' : 'javascript');

before(async () => {
  server = await startServer({ workspace: WORKSPACE });
});
after(async () => {
  await server.stop();
});

async function openAndDiagnose(text: string, at = uri()): Promise<Diagnostic[]> {
  const wait = server.diagnostics(at, 1);
  server.open(at, text, lang(at));
  return wait;
}

async function completeAt(textWithCaret: string, at = uri()): Promise<string[]> {
  const { text, position } = caret(textWithCaret);
  server.open(at, text, lang(at));
  const r = await server.request<CompletionList | null>('textDocument/completion', { textDocument: { uri: at }, position });
  return (r?.items ?? []).map((i) => i.label);
}

const PRE_SIGN_UP = (body: string): string => `// @cognito-trigger PreSignUp\nexports.handler = async (event) => {\n  ${body}\n  return event;\n};\n`;

test('completion: event.request. in a PreSignUp handler', async () => {
  assert.deepEqual(await completeAt(PRE_SIGN_UP('event.request.|')), ['userAttributes', 'validationData', 'clientMetadata']);
});

test('completion: stays right while typing (cached analysis, incremental edits)', async () => {
  const at = uri();
  const before = PRE_SIGN_UP('const attrs = event.request.userAttributes;\n  const e = attrs.email;');
  const wait = server.diagnostics(at, 1);
  server.open(at, before, 'javascript');
  await wait;
  const { text, position } = caret(PRE_SIGN_UP('const attrs = event.request.userAttributes;\n  const e = attrs.|;'));
  server.change(at, text);
  const r = await server.request<CompletionList | null>('textDocument/completion', { textDocument: { uri: at }, position });
  assert.ok(r?.items.some((i) => i.label === 'email'), JSON.stringify(r?.items.map((i) => i.label)));
  const docs = r?.items.find((i) => i.label === 'email')?.documentation as MarkupContent | undefined;
  assert.match(docs?.value ?? '', /Email address/);
});

test('hover: field and handler name', async () => {
  const at = uri();
  const { text, position } = caret(PRE_SIGN_UP('event.response.autoVerify|Email = true;'));
  server.open(at, text, 'javascript');
  const h = await server.request<Hover | null>('textDocument/hover', { textDocument: { uri: at }, position });
  assert.match((h?.contents as MarkupContent).value, /autoVerifyEmail\*\*: `boolean` — writable/);
  const h2 = await server.request<Hover | null>('textDocument/hover', { textDocument: { uri: at }, position: { line: 1, character: 10 } });
  assert.match((h2?.contents as MarkupContent).value, /Pre sign-up/);
});

test('diagnostics: codes, links and messages', async () => {
  const ds = await openAndDiagnose(PRE_SIGN_UP("const e = event.request.userAtributes;\n  event.response.autoConfirmUser = 'true';"));
  assert.deepEqual(ds.map((d) => d.code), ['handler/unknown-field', 'handler/wrong-type']);
  for (const d of ds) assert.match(d.codeDescription?.href ?? '', /^https:\/\/docs\.aws\.amazon\.com\//);
  assert.match(ds[0] ? messageText(ds[0]) : '', /Did you mean 'userAttributes'/);
});

test('diagnostics: idiomatic handlers of every trigger are clean', async () => {
  for (const f of fs.readdirSync(CLEAN)) {
    const ds = await openAndDiagnose(fs.readFileSync(path.join(CLEAN, f), 'utf8'), uri(`clean-${f}`));
    assert.deepEqual(ds.map((d) => messageText(d)), [], f);
  }
});

test('quick fix: the suggested field name and return event', async () => {
  const at = uri();
  const text = '// @cognito-trigger PreSignUp\nexports.handler = async (event) => {\n  const v = event.request.validationDta;\n};\n';
  const ds = await openAndDiagnose(text, at);
  assert.deepEqual(ds.map((d) => d.code), ['handler/unknown-field', 'handler/no-return']);
  const actions = await server.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: at }, range: ds[0]?.range, context: { diagnostics: ds } });
  const edits = actions.flatMap((a) => (a.edit?.changes?.[at] ?? []) as TextEdit[]).map((e) => e.newText);
  assert.ok(edits.includes('validationData'), JSON.stringify(edits));
  assert.ok(edits.some((e) => /return event;/.test(e)), JSON.stringify(edits));
});

test('code lens: Invoke locally with uri, handler name and triggers', async () => {
  const at = uri();
  server.open(at, PRE_SIGN_UP('event.response.autoConfirmUser = true;'), 'javascript');
  const lenses = await server.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: at } });
  assert.equal(lenses.length, 1);
  assert.equal(lenses[0]?.command?.command, 'cognitoTriggers.invokeLocal');
  assert.deepEqual(lenses[0]?.command?.arguments, [{ uri: at, handlerName: 'handler', triggerIds: ['PreSignUp'] }]);
  assert.equal(lenses[0]?.range.start.line, 1);
});

test('binding hints from cognito-triggers.json decide the trigger', async () => {
  const at = uri('bound.js');
  const { text, position } = caret('exports.handler = async (event) => {\n  event.request.|\n  return event;\n};\n');
  server.open(at, text, 'javascript');
  const r = await server.request<CompletionList | null>('textDocument/completion', { textDocument: { uri: at }, position });
  assert.deepEqual(r?.items.map((i) => i.label), ['userAttributes', 'clientMetadata']);
  const h = await server.request<Hover | null>('textDocument/hover', { textDocument: { uri: at }, position: { line: 0, character: 10 } });
  assert.match((h?.contents as MarkupContent).value, /workspace bindings file maps it to PostConfirmation/);
});

test('plain Lambdas and non-handler files get no diagnostics', async () => {
  assert.deepEqual(await openAndDiagnose('exports.handler = async (event) => { s3.putObject(p); return { statusCode: 200 }; };'), []);
  assert.deepEqual(await openAndDiagnose('export function add(a, b) { return a + b; }', uri('util.ts')), []);
});
