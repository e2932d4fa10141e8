// Audit regressions of handler code over LSP: narrowing while typing in a switch, destructuring
// completion, and no syntax-error diagnostics in the editor (VS Code's own JS/TS service shows them).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import type { CompletionList, Diagnostic } from 'vscode-languageserver-protocol';
import { caret, REPO_ROOT, startServer, type TestServer } from './harness';

const WORKSPACE = path.join(REPO_ROOT, 'test', 'fixtures', 'handlers', 'workspace');
const AUDIT = path.join(REPO_ROOT, 'test', 'fixtures', 'handlers', 'audit');
let server: TestServer;
let n = 0;
const uri = (name = `audit${++n}.js`): string => `${server.workspaceUri}/src/${name}`;

before(async () => {
  server = await startServer({ workspace: WORKSPACE });
});
after(async () => {
  await server.stop();
});

async function labelsAt(at: string, textWithCaret: string, open: boolean): Promise<string[]> {
  const { text, position } = caret(textWithCaret);
  if (open) server.open(at, text, 'javascript');
  else server.change(at, text);
  const r = await server.request<CompletionList | null>('textDocument/completion', { textDocument: { uri: at }, position });
  return (r?.items ?? []).map((i) => i.label);
}

const PS10 = "exports.handler = async (event) => {\n  switch (event.triggerSource) {\n    case 'CustomMessage_SignUp':\n      event.request.|\n  }\n  return event;\n};";
// No usernameParameter: Cognito sends it only for admin-created users (customMessageUsername in
// model/sources.ts: "Amazon Cognito includes this parameter in requests that result from admin-created users").
const CUSTOM_MESSAGE = ['userAttributes', 'codeParameter', 'linkParameter', 'clientMetadata'];

test('M8: a half-typed member in a switch case narrows to that case (opened half-typed)', async () => {
  assert.deepEqual(await labelsAt(uri(), PS10, true), CUSTOM_MESSAGE);
});

test('M8: the AdminCreateUser case offers usernameParameter, which Cognito sends only there', async () => {
  assert.deepEqual(await labelsAt(uri(), PS10.replace('CustomMessage_SignUp', 'CustomMessage_AdminCreateUser'), true), ['userAttributes', 'codeParameter', 'linkParameter', 'usernameParameter', 'clientMetadata']);
});

test('M8: … and while typing into a file analysed before (cached analysis)', async () => {
  const at = uri();
  const wait = server.diagnostics(at, 1);
  server.open(at, PS10.replace('event.request.|', ''), 'javascript');
  await wait;
  assert.deepEqual(await labelsAt(at, PS10, false), CUSTOM_MESSAGE);
});

test('minor 1: destructuring the event completes its keys', async () => {
  const ps = (s: string): string => `// @cognito-trigger PreSignUp\nexports.handler = async (event) => {\n  ${s}\n  return event;\n};`;
  assert.deepEqual(await labelsAt(uri(), ps('const { request: { | } } = event;'), true), ['userAttributes', 'validationData', 'clientMetadata']);
  assert.deepEqual(await labelsAt(uri(), '// @cognito-trigger PreSignUp\nexports.handler = async ({ response: { | } }) => {\n  return {};\n};', true), ['autoConfirmUser', 'autoVerifyEmail', 'autoVerifyPhone']);
});

test('M12: the editor gets no syntax-error diagnostics (the CLI does)', async () => {
  const at = uri('syntax.js');
  const wait = server.diagnostics(at, 1);
  server.open(at, fs.readFileSync(path.join(AUDIT, 'syntax.js'), 'utf8'), 'javascript');
  const ds: Diagnostic[] = await wait;
  assert.deepEqual(ds.map((d) => d.code), []);
});
