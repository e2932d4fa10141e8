// UI: the Command Palette lists the extension's commands, and "Show Log" shows the language server's log.
import * as assert from 'node:assert/strict';

/** @type {{ name: string, run: (ui: import('../lib/ui.mjs').Ui) => Promise<void> }[]} */
export default [
  {
    name: '"Cognito Triggers: Show Log" opens the log with the language server ready',
    async run(ui) {
      // Opening a handler activates the extension (onLanguage:javascript).
      await ui.openFile('handlers/preSignUp.js');
      await ui.runCommand('Cognito Triggers: Show Log');
      const log = await ui.waitFor('"Language server ready" in the Output panel', async () => {
        const text = await ui.outputText();
        return text.includes('Language server ready') ? text : undefined;
      }, 30_000);
      await ui.shot('log');
      assert.match(log, /Activated in \d+ ms/);
    },
  },
  {
    name: 'typing `event.response.` in a pre sign-up handler suggests the response flags',
    async run(ui) {
      await ui.openFile('handlers/preSignUp.js');
      await ui.goTo(11, 20); // just after `event.response.` in `event.response.autoConfirmUser = true;`
      const labels = await ui.waitFor('suggestions with the pre sign-up response flags', async () => {
        await ui.page.keyboard.press('Escape');
        const shown = await ui.suggest().catch(() => []);
        return ['autoConfirmUser', 'autoVerifyEmail', 'autoVerifyPhone'].every((f) => shown.includes(f)) ? shown : undefined;
      }, 30_000);
      await ui.shot('suggestions');
      assert.ok(labels.includes('autoConfirmUser'));
    },
  },
];
