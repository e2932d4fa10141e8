// UI: `cognitoTriggers.trace.server` = verbose alone shows the LSP traffic (no log-level change needed), and the AWS status item never claims a Region that is not there.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** @type {{ name: string, run: (ui: import('../lib/ui.mjs').Ui) => Promise<void> }[]} */
export default [
  {
    name: 'trace.server = verbose alone fills the "Cognito Triggers Trace" channel with the requests',
    async run(ui) {
      // Set as a person would in the workspace settings, before the extension starts.
      fs.mkdirSync(path.join(ui.workspace, '.vscode'), { recursive: true });
      fs.writeFileSync(path.join(ui.workspace, '.vscode', 'settings.json'), JSON.stringify({ 'cognitoTriggers.trace.server': 'verbose' }, null, 2));
      await ui.openFile('handlers/preSignUp.js');
      // The channel exists once the language client has started: wait for the server's ready line.
      // Show Log again while the panel shows nothing: the palette's Enter can be lost while the workbench starts.
      await ui.waitFor('the language server to be ready', async () => {
        const text = await ui.outputText();
        if (!text) await ui.runCommand('Cognito Triggers: Show Log');
        return text.includes('Language server ready');
      }, 30_000);
      await ui.runCommand('Output: Show Output Channels...');
      await ui.pick('Cognito Triggers Trace');
      // Traffic after the channel is shown (the settings file may be read after the client started): an edit sends didChange.
      await ui.goTo(15, 1);
      await ui.type('// traced');
      const text = await ui.waitFor('LSP traces in the trace channel', async () => {
        const t = await ui.outputText();
        // (The panel shows only the last lines: any traced request of the document will do.)
        return /\[trace\] (Sending|Received) (request|response|notification) '[\w/$]+/.test(t) ? t : undefined;
      }, 30_000);
      await ui.shot('trace-channel');
      assert.match(text, /'textDocument\/\w+/, text.slice(0, 2000));
    },
  },
  {
    name: 'the AWS status item says where the Region comes from, or that there is none',
    async run(ui) {
      const expected = process.env.AWS_REGION || process.env.AWS_DEFAULT_REGION ? `${process.env.AWS_REGION || process.env.AWS_DEFAULT_REGION} (environment)` : 'no Region';
      const item = await ui.waitFor('the AWS status item', async () => (await ui.statusBarTexts()).find((t) => t.startsWith('default chain · ')), 20_000);
      assert.ok(!item.includes('Region from profile/env'), item);
      assert.ok(item.endsWith(expected), `${item} (expected … ${expected})`);
      // One click offers both the profile and the Region.
      await ui.page.locator('.statusbar-item', { hasText: 'default chain · ' }).first().click();
      const rows = await ui.pick('Select AWS Region…', { title: 'Cognito Triggers: AWS profile and Region', filter: 'Region' });
      await ui.shot('aws-choice');
      assert.ok(rows.some((r) => r.includes('Select AWS Profile…')) && rows.some((r) => r.includes('Select AWS Region…')), rows.join(' | '));
      await ui.page.keyboard.press('Escape');
    },
  },
];
