// e2e: the extension activates when a handler file opens, its commands match the manifest, the log exists, restart works.
import * as assert from 'node:assert/strict';
import { suite, test } from 'mocha';
import * as vscode from 'vscode';
import { activeApi, extension, openFixture, waitFor, withDeadline } from './helpers';

interface Contributes {
  commands?: { command: string }[];
  views?: Record<string, { id: string }[]>;
}

/** Ids VS Code itself derives from contributed views (`<viewId>.focus`, `.resetViewLocation`, ...). */
function isViewGenerated(id: string, contributes: Contributes): boolean {
  const views = Object.values(contributes.views ?? {}).flat();
  return views.some((v) => id.startsWith(`${v.id}.`));
}

suite('activation', () => {
  test('is active once a JavaScript handler is open, without the test activating it, and the server becomes ready', async () => {
    const ext = extension();
    // Not asserted inactive first: code-server fires onLanguage:json while the window starts, so the
    // extension is usually active already. Either way, the test never calls activate() itself: only
    // package.json activationEvents can have activated it.
    await openFixture('handlers/preSignUp.js');
    await waitFor('the extension to activate', () => ext.isActive, 20_000);
    const api = await withDeadline(Promise.resolve(ext.exports), 1_000, 'the API returned by activate()');
    assert.equal(typeof api.ready, 'function', 'activate() must return { ready(), state }');
    await withDeadline(api.ready(), 30_000, 'ready() (the cognitoTriggers/serverReady notification)');
  });

  test('every declared command is registered, and every registered cognitoTriggers command is declared', async () => {
    await activeApi();
    const ext = extension();
    const contributes = (ext.packageJSON as { contributes: Contributes }).contributes;
    const declared = [...new Set((contributes.commands ?? []).map((c) => c.command))].sort();
    assert.ok(declared.length > 0, 'package.json declares no commands');
    const all = await vscode.commands.getCommands(true);
    const registered = [...new Set(all.filter((id) => id.startsWith('cognitoTriggers.') && !isViewGenerated(id, contributes)))].sort();
    assert.deepEqual(
      { missingHandlers: declared.filter((id) => !registered.includes(id)), undeclared: registered.filter((id) => !declared.includes(id)) },
      { missingHandlers: [], undeclared: [] },
      'package.json contributes.commands and the commands registered at runtime differ',
    );
  });

  test('the "Cognito Triggers" log output channel exists and has the activation log', async () => {
    await activeApi();
    await vscode.commands.executeCommand('cognitoTriggers.showOutput');
    // Output channels are text documents with the `output` scheme once the Output view shows them.
    const doc = await waitFor(
      'the Cognito Triggers output channel document',
      () => vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'output' && decodeURIComponent(d.uri.toString()).includes('Cognito Triggers')),
      10_000,
      () => `open documents: ${vscode.workspace.textDocuments.map((d) => d.uri.toString()).join(', ')}`,
    );
    await waitFor('"Language server ready" in the log', () => doc.getText().includes('Language server ready'), 10_000, () => doc.getText());
  });

  test('the restart command replaces the language client and the new server becomes ready', async () => {
    const api = await activeApi();
    const before = api.state.client();
    assert.ok(before.isRunning(), 'the language client is not running before the restart');
    await withDeadline(vscode.commands.executeCommand('cognitoTriggers.restartServer'), 30_000, 'cognitoTriggers.restartServer');
    await withDeadline(api.ready(), 30_000, 'ready() after the restart');
    const after = api.state.client();
    assert.notEqual(after, before, 'the restart kept the old client');
    assert.equal(before.isRunning(), false, 'the old client still runs');
    assert.ok(after.isRunning(), 'the new client is not running');
  });
});
