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

/** Tabs showing a result document (failure views are plain text documents of the result scheme). */
function resultTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputText && t.input.uri.scheme === SCHEME);
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

  test('a handler that throws opens a view titled "<handler> ← <event>: error" whose stack frames link to the file and line', async () => {
    await activeApi();
    // Written into the workspace copy: line 4 throws, called from the handler on line 1.
    const file = vscode.Uri.joinPath(workspaceFolder().uri, 'handlers', 'failing.js');
    fs.writeFileSync(file.fsPath, "exports.handler = async (event) => check(event);\n\nfunction check(event) {\n  throw new Error(`Sign-up closed for ${event.userName}`);\n}\n");
    const answer = await vscode.commands.executeCommand<InvokeLocalRequest.Result>('cognitoTriggers.invokeLocal', {
      uri: file.toString(),
      handlerName: 'handler',
      triggerIds: ['PreSignUp'],
      eventUri: fixtureUri('events/PreSignUp/PreSignUp_SignUp.json').toString(),
    });
    assert.ok(answer?.ok && answer.result.outcome.kind === 'error', JSON.stringify(answer));
    const tab = await waitFor('the failure view tab', async () => resultTabs().find((t) => t.label.startsWith('failing.js#handler')), 10_000);
    assert.equal(tab.label, 'failing.js#handler ← PreSignUp_SignUp.json: error');
    assert.ok(!resultTabs().some((t) => /(^|\/)error\.json$/.test(t.label)), resultTabs().map((t) => t.label).join(' | '));
    const doc = await vscode.workspace.openTextDocument((tab.input as vscode.TabInputText).uri);
    assert.match(doc.getText(), /^failing\.js#handler ← events\/PreSignUp\/PreSignUp_SignUp\.json: error\n\nError: Sign-up closed for /);
    const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', doc.uri);
    const frames = links.filter((l) => l.target?.path === file.path).map((l) => l.target?.fragment);
    // The stack: the throw (line 4) first, then the handler that called it (line 1); the summary's
    // one-line location below links the throw again.
    assert.deepEqual(frames.map((f) => f?.split(',')[0]), ['L4', 'L1', 'L4'], JSON.stringify(links.map((l) => l.target?.toString())));
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
