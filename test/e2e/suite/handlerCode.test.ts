// e2e: handler code in a real VS Code — trigger-aware completion, a squiggle for a mistake, a quick fix that applies, the Invoke lens.
import * as assert from 'node:assert/strict';
import { suite, suiteSetup, test } from 'mocha';
import * as vscode from 'vscode';
import { activeApi, fixtureUri, positionOf, waitFor, waitForDiagnostics } from './helpers';

const SOURCE = 'cognito-triggers';

/** Writes a handler into the (fresh, per-run) workspace copy and opens it. */
async function openHandler(name: string, text: string): Promise<vscode.TextEditor> {
  const uri = fixtureUri(`handlers/${name}`);
  await vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
  return vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
}

/** Our completion labels at `position` (other providers, e.g. TypeScript's, are filtered out by our detail format). */
async function ourLabels(uri: vscode.Uri, position: vscode.Position): Promise<string[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, position, '.');
  return list.items.filter((i) => /· (writable|read-only) ·/.test(i.detail ?? '')).map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
}

suite('handler code', () => {
  suiteSetup(async () => {
    await activeApi();
  });

  test('typing event.request. in a PreSignUp handler offers its request fields, not other triggers\'', async () => {
    const editor = await openHandler('e2eComplete.js', "// @cognito-trigger PreSignUp\nexports.handler = async (event) => {\n  const probe = 1;\n  return event;\n};\n");
    const at = positionOf(editor.document, 'const probe = 1;', 'const probe = 1;'.length);
    await editor.edit((e) => e.insert(at, '\n  event.request.'));
    const position = editor.document.positionAt(editor.document.getText().indexOf('event.request.') + 'event.request.'.length);
    const labels = await waitFor('our completion items', async () => {
      const l = await ourLabels(editor.document.uri, position);
      return l.length ? l : undefined;
    });
    for (const expected of ['userAttributes', 'validationData', 'clientMetadata']) assert.ok(labels.includes(expected), labels.join(', '));
    assert.ok(!labels.includes('codeParameter') && !labels.includes('session'), labels.join(', '));
  });

  test('a neutral fn1/handler.js gets PreSignUp completions because serverless.yml wires it (issue 10)', async () => {
    // Nothing in the handler names a trigger: only the Serverless wiring does (functions.*.handler + a cognitoUserPool event).
    const yml = ['service: e2e-wiring', 'provider:', '  name: aws', '  runtime: nodejs20.x', 'functions:', '  signUpGate:', '    handler: fn1/handler.handler', '    events:', '      - cognitoUserPool:', '          pool: MyPool', '          trigger: PreSignUp', ''].join('\n');
    await vscode.workspace.fs.writeFile(fixtureUri('serverless.yml'), Buffer.from(yml, 'utf8'));
    await vscode.workspace.fs.createDirectory(fixtureUri('fn1'));
    const uri = fixtureUri('fn1/handler.js');
    await vscode.workspace.fs.writeFile(uri, Buffer.from('exports.handler = async (event) => {\n  const probe = 1;\n  return event;\n};\n', 'utf8'));
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const at = positionOf(editor.document, 'const probe = 1;', 'const probe = 1;'.length);
    await editor.edit((e) => e.insert(at, '\n  event.request.'));
    const position = editor.document.positionAt(editor.document.getText().indexOf('event.request.') + 'event.request.'.length);
    // The wiring reaches the server through the file watcher: wait until the list is PreSignUp's alone.
    const labels = await waitFor('PreSignUp request fields only', async () => {
      const l = await ourLabels(editor.document.uri, position);
      return l.includes('validationData') && !l.includes('codeParameter') ? l : undefined;
    }, 20_000);
    for (const expected of ['userAttributes', 'validationData', 'clientMetadata']) assert.ok(labels.includes(expected), labels.join(', '));
    assert.ok(!labels.includes('session') && !labels.includes('password'), labels.join(', '));
  });

  test('completion inside event["request"][" in a Python PreSignUp handler shows its keys with the Cognito docs', async () => {
    // The file name says pre sign-up; nothing else in the code does.
    const editor = await openHandler('pre_sign_up_e2e.py', 'def lambda_handler(event, context):\n    probe = 1\n    return event\n');
    assert.equal(editor.document.languageId, 'python');
    const at = positionOf(editor.document, 'probe = 1', 'probe = 1'.length);
    await editor.edit((e) => e.insert(at, '\n    email = event["request"][""]'));
    const position = editor.document.positionAt(editor.document.getText().indexOf('event["request"]["') + 'event["request"]["'.length);
    let seen: string[] = [];
    const list = await waitFor('our completion items inside the quotes', async () => {
      const l = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, position, '"');
      seen = l.items.map((i) => `${typeof i.label === 'string' ? i.label : i.label.label} (${i.detail ?? ''})`);
      // Ours carry the field's docs (`**event.request.…**`); no other Python provider runs here.
      const ours = l.items.filter((i) => (i.documentation instanceof vscode.MarkdownString ? i.documentation.value : String(i.documentation ?? '')).includes('**event.request.'));
      return ours.length ? ours : undefined;
    }, 30_000).catch((e: Error) => {
      throw new Error(`${e.message} Items offered: ${seen.slice(0, 10).join(', ') || 'none'}; text: ${JSON.stringify(editor.document.getText())} at ${position.line}:${position.character}.`);
    });
    const label = (i: vscode.CompletionItem): string => (typeof i.label === 'string' ? i.label : i.label.label);
    assert.deepEqual(list.map(label), ['userAttributes', 'validationData', 'clientMetadata']);
    const attrs = list[0];
    const doc = attrs?.documentation instanceof vscode.MarkdownString ? attrs.documentation.value : String(attrs?.documentation ?? '');
    assert.match(doc, /\*\*event\.request\.userAttributes\*\*/);
    assert.match(doc, /\(https:\/\/docs\.aws\.amazon\.com\/cognito\/latest\/developerguide\/user-pool-lambda-pre-sign-up\.html[^)]*\)/);
    assert.match(attrs?.detail ?? '', /· read-only · PreSignUp/);
  });

  test('a mistake shows a diagnostic with its message, and its quick fix applies', async () => {
    const editor = await openHandler('e2eFix.js', "// @cognito-trigger PreSignUp\nexports.handler = async (event) => {\n  const attrs = event.request.userAtributes;\n  return event;\n};\n");
    const uri = editor.document.uri;
    const diagnostics = await waitForDiagnostics(uri, (d) => d.some((x) => x.source === SOURCE));
    const typo = diagnostics.find((x) => x.source === SOURCE && x.message.includes("Did you mean 'userAttributes'"));
    assert.ok(typo, JSON.stringify(diagnostics.map((d) => d.message)));
    assert.equal(typo.severity, vscode.DiagnosticSeverity.Warning);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, typo.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.title === "Change to 'userAttributes'");
    assert.ok(fix?.edit, actions.map((a) => a.title).join(', '));
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.ok(editor.document.getText().includes('event.request.userAttributes;'));
    await waitForDiagnostics(uri, (d) => !d.some((x) => x.source === SOURCE));
  });

  test('a branded message whose only unknown part is ${APP_NAME} still lacks the code: the diagnostic shows (issue 14 Major 2)', async () => {
    // "emailMessage: … Must include the codeParameter value that you received in the request as the variable {####}." (custom message response parameters)
    const editor = await openHandler('e2eBranded.mjs', "// @cognito-trigger CustomMessage\nconst APP_NAME = process.env.APP_NAME ?? 'Example App';\nexport const handler = async (event) => {\n  event.response.emailMessage = `<p>Your ${APP_NAME} code is <b>123456</b></p>`;\n  return event;\n};\n");
    const uri = editor.document.uri;
    const diagnostics = await waitForDiagnostics(uri, (d) => d.some((x) => x.source === SOURCE));
    const ours = diagnostics.filter((x) => x.source === SOURCE);
    assert.equal(ours.length, 1, JSON.stringify(ours.map((d) => d.message)));
    const [missing] = ours;
    assert.equal(missing?.severity, vscode.DiagnosticSeverity.Error);
    assert.match(missing?.message ?? '', /must contain 'event\.request\.codeParameter'/);
    assert.equal(editor.document.getText(missing?.range), '`<p>Your ${APP_NAME} code is <b>123456</b></p>`');
    // The quick fix puts the code in, and the diagnostic goes.
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, missing?.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.title === 'Insert event.request.codeParameter');
    assert.ok(fix?.edit, actions.map((a) => a.title).join(', '));
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    await waitForDiagnostics(uri, (d) => !d.some((x) => x.source === SOURCE));
  });

  test('a message whose unknown part is named like a template is left alone', async () => {
    const editor = await openHandler('e2eTemplated.mjs', "// @cognito-trigger CustomMessage\nexport const handler = async (event) => {\n  const emailTemplate = await loadTemplate();\n  event.response.emailMessage = `<div>${emailTemplate}</div>`;\n  event.response.smsMessage = 'oops';\n  return event;\n};\n");
    // The SMS line (a fixed text) is the one problem: it proves the server analysed the file.
    const diagnostics = await waitForDiagnostics(editor.document.uri, (d) => d.some((x) => x.source === SOURCE));
    const ours = diagnostics.filter((x) => x.source === SOURCE).map((d) => editor.document.getText(d.range));
    assert.deepEqual(ours, ["'oops'"]);
  });

  test('each handler has an Invoke locally lens', async () => {
    const editor = await openHandler('e2eLens.js', "// @cognito-trigger PostConfirmation\nexports.handler = async (event) => event;\n");
    const lenses = await waitFor('the Invoke locally lens', async () => {
      const l = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri);
      return l.some((x) => x.command?.command === 'cognitoTriggers.invokeLocal') ? l : undefined;
    });
    const lens = lenses.find((x) => x.command?.command === 'cognitoTriggers.invokeLocal');
    assert.deepEqual(lens?.command?.arguments, [{ uri: editor.document.uri.toString(), handlerName: 'handler', triggerIds: ['PostConfirmation'] }]);
  });
});
