// e2e: the ▶ Invoke locally lens runs a handler in a real VS Code and shows the returned event (diff of
// read-only documents) and Cognito's summary; a scaffolded handler's generated test passes.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { suite, test } from 'mocha';
import * as vscode from 'vscode';
import type { InvokeLocalRequest } from '../../../server/src/core/protocol';
import { activeApi, fixtureUri, openFixture, waitFor, workspaceFolder } from './helpers';

const SCHEME = 'cognito-triggers-invoke';

/** The diff tab the result view opened, if any. */
function resultDiffTab(): vscode.TabInputTextDiff | undefined {
  for (const group of vscode.window.tabGroups.all) {
    for (const tab of group.tabs) {
      if (tab.input instanceof vscode.TabInputTextDiff && tab.input.modified.scheme === SCHEME) return tab.input;
    }
  }
  return undefined;
}

suite('local invoke', () => {
  test('the handler CodeLens runs the handler and shows the returned event and the summary', async () => {
    await activeApi();
    const editor = await openFixture('handlers/preSignUp.js');
    const lens = await waitFor('the ▶ Invoke locally lens above the handler', async () => {
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri);
      return lenses.find((l) => l.command?.command === 'cognitoTriggers.invokeLocal');
    }, 30_000);
    const arg = (lens.command?.arguments?.[0] ?? {}) as { uri: string; handlerName: string; triggerIds?: string[] };
    assert.equal(arg.handlerName, 'handler');
    assert.ok(arg.triggerIds?.includes('PreSignUp'), JSON.stringify(arg));
    // The lens would ask for the event; the test names it instead of clicking through the picker.
    const answer = await vscode.commands.executeCommand<InvokeLocalRequest.Result>('cognitoTriggers.invokeLocal', { ...arg, eventUri: fixtureUri('events/PreSignUp/PreSignUp_SignUp.json').toString() });
    assert.ok(answer?.ok, JSON.stringify(answer));
    if (!answer.ok) return;
    assert.equal(answer.result.triggerId, 'PreSignUp');
    assert.equal(answer.result.outcome.kind, 'returned');
    assert.match(answer.result.summary.headline, /auto-confirmed/i);
    const diff = await waitFor('the input ↔ returned diff editor', async () => resultDiffTab(), 10_000);
    const returned = await vscode.workspace.openTextDocument(diff.modified);
    assert.match(returned.getText(), /"autoConfirmUser": true/);
    const sent = await vscode.workspace.openTextDocument(diff.original);
    assert.match(sent.getText(), /"autoConfirmUser": false/);
  });

  test('the event file CodeLens invokes a handler with that event', async () => {
    await activeApi();
    const editor = await openFixture('events/PreSignUp/PreSignUp_SignUp.json');
    const lens = await waitFor('the ▶ Invoke with a handler… lens on the event file', async () => {
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri);
      return lenses.find((l) => l.command?.command === 'cognitoTriggers.invokeLocal');
    }, 30_000);
    const arg = (lens.command?.arguments?.[0] ?? {}) as { eventUri: string; triggerId?: string };
    assert.equal(vscode.Uri.parse(arg.eventUri).path, editor.document.uri.path);
    // The lens would ask for the handler; the test names it instead of clicking through the picker.
    const answer = await vscode.commands.executeCommand<InvokeLocalRequest.Result>('cognitoTriggers.invokeLocal', { ...arg, handler: { uri: fixtureUri('handlers/preSignUp.js').toString(), handlerName: 'handler' } });
    assert.ok(answer?.ok, JSON.stringify(answer));
    if (answer.ok) assert.equal(answer.eventLabel, 'events/PreSignUp/PreSignUp_SignUp.json');
  });

  test('Invoke Again repeats the last run', async () => {
    await activeApi();
    const again = await vscode.commands.executeCommand<InvokeLocalRequest.Result>('cognitoTriggers.invokeAgain');
    assert.ok(again?.ok, JSON.stringify(again));
    if (again.ok) assert.equal(again.result.triggerId, 'PreSignUp');
  });

  test('New Trigger Handler writes handler, events and a test that passes', async () => {
    await activeApi();
    const folder = workspaceFolder().uri;
    const written = await vscode.commands.executeCommand<string[]>('cognitoTriggers.newHandler', {
      folderUri: folder.toString(),
      triggerId: 'PreSignUp',
      sources: ['PreSignUp_SignUp', 'PreSignUp_ExternalProvider'],
      language: 'cjs',
      name: 'scaffoldedSignUp',
      onExisting: 'keep',
    });
    const labels = written.map((u) => vscode.workspace.asRelativePath(vscode.Uri.parse(u)));
    assert.deepEqual(labels.sort(), ['events/PreSignUp/PreSignUp_ExternalProvider.json', 'src/scaffoldedSignUp.js', 'test/scaffoldedSignUp.test.js']);
    // PreSignUp_SignUp.json already existed in the fixture: kept, not overwritten.
    const testFile = vscode.Uri.joinPath(folder, 'test', 'scaffoldedSignUp.test.js').fsPath;
    assert.ok(fs.existsSync(testFile));
    // The extension host's executable runs as plain Node with ELECTRON_RUN_AS_NODE (a no-op under code-server).
    const env: NodeJS.ProcessEnv = { ...process.env, ELECTRON_RUN_AS_NODE: '1' };
    delete env.NODE_TEST_CONTEXT;
    const r = spawnSync(process.execPath, ['--test', '--test-reporter=tap', testFile], { cwd: folder.fsPath, encoding: 'utf8', env, timeout: 30_000 });
    assert.equal(r.status, 0, `${r.stdout}\n${r.stderr}`);
    assert.match(r.stdout, /# pass 2/);
  });
});
