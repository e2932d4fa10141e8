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
  {
    name: 'the Get Started walkthrough lists its steps, each with its image and a command button',
    async run(ui) {
      // Room for the walkthrough's image column (a narrow editor hides it): no side bar, no panel.
      await ui.runCommand('View: Close Primary Side Bar');
      await ui.runCommand('View: Hide Panel');
      await ui.runCommand('Welcome: Open Walkthrough...');
      await ui.pick('Get Started with Cognito Triggers');
      const steps = ui.page.locator('.getting-started-step');
      await ui.waitFor('the walkthrough steps', async () => (await steps.count()) >= 6, 20_000);
      const titles = (await ui.page.locator('.getting-started-step .step-title').allInnerTexts()).map((t) => t.trim());
      for (const t of ['Open or scaffold a handler', 'See a completion with the Cognito docs', 'Invoke it locally', 'Run a flow', 'Bind it to a pool']) assert.ok(titles.includes(t), `${t} missing from: ${titles.join(' | ')}`);
      // The first step is expanded: its button and its image (loaded, not a broken link).
      const button = ui.page.locator('.getting-started-step.expanded .button-link, .getting-started-step.expanded a.button-link, .getting-started-step.expanded .monaco-button', { hasText: 'New Trigger Handler…' }).first();
      await button.waitFor({ state: 'visible', timeout: 10_000 });
      const image = ui.page.locator('.getting-started-media img:visible').first();
      await image.waitFor({ state: 'visible', timeout: 10_000 });
      await ui.waitFor('the step image to load', async () => image.evaluate((img) => /** @type {HTMLImageElement} */ (img).complete && /** @type {HTMLImageElement} */ (img).naturalWidth > 0), 10_000);
      await ui.shot('walkthrough');
      assert.match(String((await image.getAttribute('srcset')) ?? (await image.getAttribute('src'))), /walkthrough(%2F|\/)scaffold\.png/);
    },
  },
];
