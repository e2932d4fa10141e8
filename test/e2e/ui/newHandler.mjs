// UI: New Trigger Handler… from the palette: step counters, V3_0 finds pre token V3, the handler file asked where the workspace's handlers live, one dialog for the files that exist (Keep All first), then the offer to add the handler to cognito-triggers.json.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const MINE = '{ "mine": true }\n';

/** @param {import('../lib/ui.mjs').Ui} ui @param {string} title */
async function waitForTitle(ui, title) {
  const widget = ui.page.locator('.quick-input-widget');
  await ui.waitFor(`the input titled ${JSON.stringify(title)}`, async () => (await widget.locator('.quick-input-title').isVisible()) && (await widget.locator('.quick-input-title').innerText()).trim() === title, 20_000);
  return widget;
}

/** @type {{ name: string, run: (ui: import('../lib/ui.mjs').Ui) => Promise<void> }[]} */
export default [
  {
    name: 'New Trigger Handler…: counted steps, V3_0 finds pre token V3, the file defaults to the bindings file\'s folder, one Keep All / Overwrite dialog, then Add to cognito-triggers.json',
    async run(ui) {
      const ws = ui.workspace;
      // The workspace's handlers live in lambda/auth: its bindings file says so (no IaC, no tsconfig here).
      const bindings = path.join(ws, 'cognito-triggers.json');
      fs.writeFileSync(bindings, `${JSON.stringify({ handlers: [{ file: 'lambda/auth/preSignUp.js', handler: 'handler', functionName: 'app-pre-sign-up', trigger: 'PreSignUp' }] }, null, 2)}\n`);
      // Two of the files the scaffold would write exist already, with the user's content.
      const existing = [path.join(ws, 'events', 'PreTokenGenerationV3', 'TokenGeneration_Authentication.json'), path.join(ws, 'test', 'tokens.test.js')];
      for (const f of existing) {
        fs.mkdirSync(path.dirname(f), { recursive: true });
        fs.writeFileSync(f, MINE);
      }
      await ui.openFile('handlers/preSignUp.js');
      await ui.runCommand('Cognito Triggers: New Trigger Handler…');
      // Typing an event version code finds the pre token row (the pickers match on descriptions).
      await ui.pick('Pre token generation', { title: 'New Trigger Handler (1/4): trigger', filter: 'V3_0' });
      await ui.pick('V3_0', { title: 'New Trigger Handler (2/5): pre token generation event version', filter: 'V3_0' });
      const sources = await waitForTitle(ui, 'New Trigger Handler (3/5): sources to handle (a sample event is written for each)');
      await sources.locator('.quick-input-list .monaco-list-row').first().waitFor({ state: 'visible' });
      await ui.page.keyboard.press('Enter'); // every source is picked
      await ui.pick('JavaScript (CommonJS)', { title: 'New Trigger Handler (4/5): language', filter: 'CommonJS' });
      const file = await waitForTitle(ui, 'New Trigger Handler (5/5): handler file');
      const input = file.locator('input').first();
      assert.equal(await input.inputValue(), 'lambda/auth/preTokenGenerationV3.js');
      const prompt = (await file.locator('.quick-input-message').innerText()).replace(/\s+/g, ' ');
      assert.match(prompt, /the default is lambda\/auth: where the handlers of cognito-triggers\.json are/);
      await ui.shot('handler-file');
      // A folder outside the workspace is refused while typing.
      await input.fill('../elsewhere/tokens.js');
      await ui.waitFor('the validation message', async () => /not a folder inside the workspace folder/.test(await file.locator('.quick-input-message').innerText()));
      await input.fill('lambda/auth/tokens.js');
      await ui.waitFor('the prompt back', async () => !/not a folder inside/.test(await file.locator('.quick-input-message').innerText()));
      await ui.page.keyboard.press('Enter');
      // One dialog for both files; Keep All is the primary (Enter) button, not Overwrite.
      const dialog = await ui.dialogText();
      await ui.shot('existing-files');
      assert.ok(dialog.includes('2 of the files already exist.'), dialog);
      assert.ok(dialog.includes('events/PreTokenGenerationV3/TokenGeneration_Authentication.json') && dialog.includes('test/tokens.test.js'), dialog);
      const buttons = ui.page.locator('.monaco-dialog-box .dialog-buttons .monaco-button');
      assert.deepEqual((await buttons.allInnerTexts()).map((b) => b.trim()).sort(), ['Cancel', 'Keep All', 'Overwrite']);
      const primary = await buttons.evaluateAll((els) => els.filter((e) => !e.classList.contains('secondary')).map((e) => e.textContent?.trim()));
      assert.deepEqual(primary, ['Keep All']);
      await ui.dialogButton('Keep All');
      await ui.waitFor('the handler on disk', async () => fs.existsSync(path.join(ws, 'lambda', 'auth', 'tokens.js')), 20_000);
      for (const f of existing) assert.equal(fs.readFileSync(f, 'utf8'), MINE, `${f} was overwritten`);
      // The offer to map the handler to its deployed function.
      const toast = ui.page.locator('.notifications-toasts .notification-toast', { hasText: 'Created lambda/auth/tokens.js' }).first();
      await toast.waitFor({ state: 'visible', timeout: 20_000 });
      await ui.shot('created');
      await toast.getByRole('button', { name: 'Add to cognito-triggers.json…', exact: true }).click();
      const fn = await waitForTitle(ui, 'cognito-triggers.json: the deployed function lambda/auth/tokens.js becomes');
      await fn.locator('input').first().fill('app-tokens');
      await ui.page.keyboard.press('Enter');
      const written = await ui.waitFor('the entry in cognito-triggers.json', async () => {
        const j = JSON.parse(fs.readFileSync(bindings, 'utf8'));
        return j.handlers.length === 2 ? j : undefined;
      }, 20_000);
      assert.deepEqual(written.handlers, [
        { file: 'lambda/auth/preSignUp.js', handler: 'handler', functionName: 'app-pre-sign-up', trigger: 'PreSignUp' },
        { file: 'lambda/auth/tokens.js', handler: 'handler', functionName: 'app-tokens', trigger: 'PreTokenGenerationV3' },
      ]);
    },
  },
];
