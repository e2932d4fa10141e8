// e2e (issue 14, editing): in a real VS Code, the quick fixes the messages name (protected claim, async + callback,
// did-you-mean in event JSON), the pre token response hover and object-literal key docs, and the event edits.
import * as assert from 'node:assert/strict';
import { suite, suiteSetup, test } from 'mocha';
import * as vscode from 'vscode';
import { activeApi, fixtureUri, openFixture, positionOf, waitFor, waitForDiagnostics, waitForHover } from './helpers';

const SOURCE = 'cognito-triggers';
const codeOf = (d: vscode.Diagnostic): string => String(typeof d.code === 'object' ? d.code.value : d.code);

/** Writes a file into the (fresh, per-run) workspace copy and opens it. */
async function open(relativePath: string, text: string): Promise<vscode.TextEditor> {
  const uri = fixtureUri(relativePath);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  return vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
}

/**
 * Waits for our diagnostic with `code`, runs the quick fix titled `title` through VS Code and applies it; gives the
 * diagnostic and the text it covered. Each probe re-reads the diagnostic and asks again: right after an earlier fix the
 * diagnostics can still be the previous version's, and the server then cancels the code-action request (Canceled),
 * as it would for a user whose lightbulb VS Code simply asks for again.
 */
async function fix(editor: vscode.TextEditor, code: string, title: string): Promise<vscode.Diagnostic & { covered: string }> {
  const uri = editor.document.uri;
  await waitForDiagnostics(uri, (d) => d.some((x) => x.source === SOURCE && codeOf(x) === code), 20_000);
  let seen: string[] = [];
  const found = await waitFor(`the '${title}' quick fix`, async () => {
    const d = vscode.languages.getDiagnostics(uri).find((x) => x.source === SOURCE && codeOf(x) === code);
    if (!d) return undefined;
    const covered = editor.document.getText(d.range);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, d.range, vscode.CodeActionKind.QuickFix.value);
    seen = actions.map((a) => a.title);
    const action = actions.find((a) => a.title === title && a.edit);
    return action ? { d, covered, action } : undefined;
  }, 20_000, () => `quick fixes offered: ${seen.join(', ') || 'none'}`);
  assert.ok(await vscode.workspace.applyEdit(found.action.edit as vscode.WorkspaceEdit));
  return Object.assign(found.d, { covered: found.covered });
}

suite('issue 14 editing', () => {
  suiteSetup(async () => {
    await activeApi();
  });

  test('a protected claim is squiggled on its key, and "Remove the claim" removes the entry', async () => {
    const editor = await open('handlers/e2eClaim.js', "// @cognito-trigger PreTokenGeneration\nexports.handler = async (event) => {\n  event.response = { claimsOverrideDetails: { claimsToAddOrOverride: { sub: 'someone', tier: 'gold' } } };\n  return event;\n};\n");
    const d = await fix(editor, 'handler/claim-not-allowed', "Remove the 'sub' claim");
    assert.equal(d.covered, 'sub');
    assert.ok(editor.document.getText().includes("claimsToAddOrOverride: { tier: 'gold' } }"), editor.document.getText());
    await waitForDiagnostics(editor.document.uri, (ds) => !ds.some((x) => x.source === SOURCE));
  });

  test('an async handler with a callback: "Remove the callback parameter and return the event" rewrites it', async () => {
    const editor = await open('handlers/e2eAsyncCallback.js', "// @cognito-trigger PreSignUp\nexports.handler = async (event, context, callback) => {\n  if (!event.request.userAttributes.email) return callback(new Error('email required'));\n  event.response.autoConfirmUser = true;\n  callback(null, event);\n};\n");
    const d = await fix(editor, 'handler/async-with-callback', 'Remove the callback parameter and return the event');
    assert.match(d.message, /Remove the callback parameter and return the event\./);
    assert.equal(editor.document.getText(), "// @cognito-trigger PreSignUp\nexports.handler = async (event, context) => {\n  if (!event.request.userAttributes.email) throw new Error('email required');\n  event.response.autoConfirmUser = true;\n  return event;\n};\n");
    await waitForDiagnostics(editor.document.uri, (ds) => !ds.some((x) => x.source === SOURCE));
  });

  test('event JSON: "Change to" fixes a triggerSource typo and a field-name typo', async () => {
    const base = (await vscode.workspace.fs.readFile(fixtureUri('events/PreSignUp/PreSignUp_SignUp.json'))).toString();
    const typo = base.replace('"PreSignUp_SignUp"', '"PreSignUp_Signup"').replace('"autoConfirmUser"', '"autoConfirmUsr"');
    assert.notEqual(typo, base);
    const editor = await open('events/PreSignUp/e2eTypos.json', typo);
    const source = await fix(editor, 'unknown-trigger-source', 'Change to "PreSignUp_SignUp"');
    assert.equal(source.covered, '"PreSignUp_Signup"');
    assert.ok(editor.document.getText().includes('"triggerSource": "PreSignUp_SignUp"'));
    await fix(editor, 'unknown-field', 'Change to "autoConfirmUser"');
    assert.ok(editor.document.getText().includes('"autoConfirmUser"') && !editor.document.getText().includes('autoConfirmUsr'));
    await waitForDiagnostics(editor.document.uri, (ds) => !ds.some((x) => x.source === SOURCE));
  });

  test('hover: event.response in pre token generation is assignable (with the guide example); object-literal keys show their Cognito docs', async () => {
    const editor = await open('handlers/e2eHover.js', "// @cognito-trigger PreTokenGeneration\nexports.handler = async (event) => {\n  event.response = { claimsOverrideDetails: { claimsToAddOrOverride: { tier: 'gold' } } };\n  return event;\n};\n");
    const uri = editor.document.uri;
    const response = await waitForHover(uri, positionOf(editor.document, 'event.response', 'event.resp'.length), (t) => t.includes('**event.response**'));
    assert.match(response, /— assignable/);
    assert.ok(response.includes('event.response = { claimsOverrideDetails: { claimsToAddOrOverride: { … } } }'), response);
    assert.ok(response.includes('#aws-lambda-triggers-pre-token-generation-version-1-add-claim'), response);
    const key = await waitForHover(uri, positionOf(editor.document, 'claimsToAddOrOverride:', 5), (t) => t.includes('claimsToAddOrOverride'));
    assert.match(key, /\*\*event\.response\.claimsOverrideDetails\.claimsToAddOrOverride\*\*/);
    assert.match(key, /user-pool-lambda-pre-token-generation\.html/);
  });

  test('completion: usernameParameter is not offered where Cognito always sends it null', async () => {
    const editor = await open('handlers/e2eUsername.js', "// @cognito-trigger CustomMessage\nexports.handler = async (event) => {\n  if (event.triggerSource === 'CustomMessage_SignUp') {\n    const probe = 1;\n  }\n  return event;\n};\n");
    await editor.edit((e) => e.insert(positionOf(editor.document, 'const probe = 1;', 'const probe = 1;'.length), '\n    event.request.'));
    const position = editor.document.positionAt(editor.document.getText().indexOf('event.request.') + 'event.request.'.length);
    const labels = await waitFor('our completion items', async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, position, '.');
      const ours = list.items.filter((i) => /· (writable|read-only) ·/.test(i.detail ?? '')).map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
      return ours.length ? ours : undefined;
    }, 20_000);
    assert.ok(labels.includes('codeParameter'), labels.join(', '));
    assert.ok(!labels.includes('usernameParameter'), labels.join(', '));
  });

  test('event JSON: key completion inserts what Cognito sends (false for autoVerifyPhone)', async () => {
    const base = (await vscode.workspace.fs.readFile(fixtureUri('events/PreSignUp/PreSignUp_SignUp.json'))).toString();
    const json = JSON.parse(base) as { response: Record<string, unknown> };
    json.response = {};
    const editor = await open('events/PreSignUp/e2eKeys.json', `${JSON.stringify(json, null, 2)}\n`);
    const position = positionOf(editor.document, '"response": {', '"response": {'.length);
    const item = await waitFor('the autoVerifyPhone key from our server', async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, position);
      return list.items.find((i) => (typeof i.label === 'string' ? i.label : i.label.label) === 'autoVerifyPhone' && i.insertText instanceof vscode.SnippetString);
    }, 20_000);
    assert.equal((item.insertText as vscode.SnippetString).value, '"autoVerifyPhone": ${1|false,true|}');
  });

  test('Convert Event to PreSignUp_ExternalProvider gives userName the federated <provider>_<id> form', async () => {
    const editor = await openFixture('events/PreSignUp/PreSignUp_SignUp.json');
    assert.doesNotMatch(editor.document.getText(), /"userName": "Google_/);
    await vscode.commands.executeCommand('cognitoTriggers.convertEvent', { source: 'PreSignUp_ExternalProvider', replace: true });
    const converted = await waitFor('the converted event', () => (/"triggerSource": "PreSignUp_ExternalProvider"/.test(editor.document.getText()) ? editor.document.getText() : undefined));
    assert.match(converted, /"userName": "Google_\d+"/);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});
