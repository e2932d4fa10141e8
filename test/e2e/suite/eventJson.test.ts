// e2e: in a real VS Code, event JSON files get triggerSource completions, the invoke code lens, and a
// wrong triggerSource underlined with the model's message.
import * as assert from 'node:assert/strict';
import { suite, test } from 'mocha';
import * as vscode from 'vscode';
import { activeApi, fixtureUri, openFixture, positionOf, waitFor, waitForDiagnostics } from './helpers';

const EVENT = 'events/PreSignUp/PreSignUp_SignUp.json';

suite('event JSON', () => {
  test('completing a triggerSource value offers every source with its description', async () => {
    await activeApi();
    const editor = await openFixture(EVENT);
    const position = positionOf(editor.document, '"PreSignUp_SignUp"', 5);
    let seen: string[] = [];
    const items = await waitFor('triggerSource completions from the language server', async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, position);
      seen = (list?.items ?? []).map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
      const found = list?.items.filter((i) => ['PreSignUp_AdminCreateUser', 'TokenGeneration_HostedAuth'].includes(typeof i.label === 'string' ? i.label : i.label.label));
      return found && found.length === 2 ? found : undefined;
    }, 10_000, () => `labels seen: ${seen.slice(0, 12).join(', ')} (${seen.length})`);
    const admin = items.find((i) => (typeof i.label === 'string' ? i.label : i.label.label) === 'PreSignUp_AdminCreateUser');
    const doc = admin?.documentation;
    assert.match(typeof doc === 'string' ? doc : (doc?.value ?? ''), /AdminCreateUser[\s\S]*AWS documentation/);
  });

  test('a wrong triggerSource is underlined on the value with a message naming it', async () => {
    await activeApi();
    const uri = fixtureUri('events/PreSignUp/typo.json');
    const text = (await vscode.workspace.fs.readFile(fixtureUri(EVENT))).toString().replace('"PreSignUp_SignUp"', '"PreSignUp_SignUpp"');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const ds = await waitForDiagnostics(uri, (d) => d.some((x) => x.source === 'cognito-triggers'));
    const d = ds.find((x) => x.source === 'cognito-triggers');
    assert.ok(d);
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(typeof d.code === 'object' ? d.code.value : d.code, 'unknown-trigger-source');
    assert.equal(editor.document.getText(d.range), '"PreSignUp_SignUpp"');
    assert.match(d.message, /PreSignUp_SignUpp[\s\S]*Did you mean "PreSignUp_SignUp"/);
  });

  test('a recognised event file has the ▶ Invoke with a handler… lens', async () => {
    await activeApi();
    const editor = await openFixture(EVENT);
    const lens = await waitFor('the invoke code lens', async () => {
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri);
      return lenses?.find((l) => l.command?.command === 'cognitoTriggers.invokeLocal');
    });
    assert.equal(lens.command?.title, '▶ Invoke with a handler…');
    assert.deepEqual(lens.command?.arguments, [{ eventUri: editor.document.uri.toString(), triggerId: 'PreSignUp' }]);
  });

  test('New Sample Event never overwrites: an existing name gets a -2 file', async () => {
    await activeApi();
    const original = (await vscode.workspace.fs.readFile(fixtureUri(EVENT))).toString();
    const written = await vscode.commands.executeCommand<vscode.Uri | undefined>('cognitoTriggers.newSampleEvent', { source: 'PreSignUp_SignUp' });
    assert.equal(written?.toString(), fixtureUri('events/PreSignUp/PreSignUp_SignUp-2.json').toString());
    assert.equal((await vscode.workspace.fs.readFile(fixtureUri(EVENT))).toString(), original);
    const sample = JSON.parse((await vscode.workspace.fs.readFile(written)).toString()) as { triggerSource: string; version: string };
    assert.deepEqual([sample.triggerSource, sample.version], ['PreSignUp_SignUp', '1']);
  });

  test('Convert Event replaces the editor content as one undoable edit', async () => {
    await activeApi();
    const editor = await openFixture(EVENT);
    const before = editor.document.getText();
    await vscode.commands.executeCommand('cognitoTriggers.convertEvent', { source: 'PostConfirmation_ConfirmSignUp', replace: true });
    const converted = JSON.parse(editor.document.getText()) as { triggerSource: string; userName: string };
    assert.deepEqual([converted.triggerSource, converted.userName], ['PostConfirmation_ConfirmSignUp', 'jane.doe']);
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), before);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});
