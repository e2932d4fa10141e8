// Protocol tests of Python handler analysis against the real server (dist/server.js, tree-sitter
// WebAssembly from dist/): completion, hover, diagnostics, quick fixes and the Invoke locally lens.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import type { CodeAction, CodeLens, CompletionList, Diagnostic, Hover, MarkupContent, TextEdit } from 'vscode-languageserver-protocol';
import { caret, REPO_ROOT, startServer, type TestServer } from './harness';

const WORKSPACE = path.join(REPO_ROOT, 'test', 'fixtures', 'handlers', 'workspace');
let server: TestServer;
let n = 0;
const uri = (name = `py${++n}.py`): string => `${server.workspaceUri}/src/${name}`;
const PSU = (body: string): string => `# @cognito-trigger PreSignUp\ndef lambda_handler(event, context):\n    ${body}\n    return event\n`;

before(async () => {
  server = await startServer({ workspace: WORKSPACE });
});
after(async () => {
  await server.stop();
});

async function openAndDiagnose(text: string, at = uri()): Promise<Diagnostic[]> {
  const wait = server.diagnostics(at, 1);
  server.open(at, text, 'python');
  return wait;
}

test('completion inside event["request"]["… in a PreSignUp handler', async () => {
  const at = uri();
  const { text, position } = caret(PSU('email = event["request"]["|"]'));
  server.open(at, text, 'python');
  const r = await server.request<CompletionList | null>('textDocument/completion', { textDocument: { uri: at }, position });
  assert.deepEqual(r?.items.map((i) => i.label), ['userAttributes', 'validationData', 'clientMetadata']);
  const edit = r?.items[0]?.textEdit as TextEdit | undefined;
  assert.equal(edit?.newText, 'userAttributes');
  assert.equal(edit?.range.start.character, position.character);
});

test('completion while typing: the edit arrives after the analysis, the answer follows the new text', async () => {
  const at = uri();
  const first = PSU('if event["triggerSource"] == "PreSignUp_SignUp":\n        pass');
  const wait = server.diagnostics(at, 1);
  server.open(at, first, 'python');
  await wait;
  const { text, position } = caret(PSU('if event["triggerSource"] == "PreSignUp_SignUp":\n        pass\n        event["response"]["|'));
  server.change(at, text);
  const r = await server.request<CompletionList | null>('textDocument/completion', { textDocument: { uri: at }, position });
  assert.deepEqual(r?.items.map((i) => i.label), ['autoConfirmUser', 'autoVerifyEmail', 'autoVerifyPhone']);
});

test('diagnostics and quick fixes in Python syntax', async () => {
  const at = uri();
  const text = '# @cognito-trigger PreSignUp\ndef lambda_handler(event, context):\n    event["response"]["autoConfirmUser"] = "true"\n    v = event["request"]["validationDta"]\n';
  const ds = await openAndDiagnose(text, at);
  assert.deepEqual(ds.map((d) => d.code), ['handler/wrong-type', 'handler/unknown-field', 'handler/no-return']);
  const actions = await server.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: at }, range: ds[0]?.range, context: { diagnostics: ds } });
  const edits = actions.flatMap((a) => (a.edit?.changes?.[at] ?? []) as TextEdit[]).map((e) => e.newText);
  assert.ok(edits.includes('True'), JSON.stringify(edits));
  assert.ok(edits.includes('validationData'), JSON.stringify(edits));
  assert.ok(edits.includes('\n    return event'), JSON.stringify(edits));
});

test('hover on a key and on the handler name (with Why:)', async () => {
  const at = uri();
  const { text, position } = caret(PSU('x = event["request"]["userAttr|ibutes"]'));
  server.open(at, text, 'python');
  const h = await server.request<Hover | null>('textDocument/hover', { textDocument: { uri: at }, position });
  assert.match((h?.contents as MarkupContent).value, /\*\*event\.request\.userAttributes\*\*/);
  const name = await server.request<Hover | null>('textDocument/hover', { textDocument: { uri: at }, position: { line: 1, character: 6 } });
  assert.match((name?.contents as MarkupContent).value, /Why: `@cognito-trigger PreSignUp` comment/);
});

test('code lens: Invoke locally on a Python handler, with the handler name and triggers', async () => {
  const at = uri();
  server.open(at, PSU('event["response"]["autoConfirmUser"] = True'), 'python');
  const lenses = await server.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: at } });
  assert.equal(lenses.length, 1);
  assert.equal(lenses[0]?.command?.command, 'cognitoTriggers.invokeLocal');
  assert.deepEqual(lenses[0]?.command?.arguments, [{ uri: at, handlerName: 'lambda_handler', triggerIds: ['PreSignUp'] }]);
  assert.equal(lenses[0]?.range.start.line, 1);
});

test('a Python file that is no Cognito handler gets nothing', async () => {
  const ds = await openAndDiagnose('def lambda_handler(event, context):\n    return {"statusCode": 200, "body": event["body"]}\n');
  assert.deepEqual(ds, []);
});
