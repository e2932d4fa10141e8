// UI: a person clicks "▶ Invoke locally" above a Python pre sign-up handler (run with the machine's
// python3 through dist/runner.py), picks an event file, and sees the same diff and Cognito summary as for JavaScript.
import * as assert from 'node:assert/strict';

const EVENT = 'events/PreSignUp/PreSignUp_SignUp.json';
/** handlers/pre_sign_up.py auto-confirms and verifies users on example.com, like handlers/preSignUp.js. */
const HEADLINE = 'User auto-confirmed; email marked verified (requires an email attribute: present).';

/** Text of one side ('original' | 'modified') of the active diff editor, as shown. */
async function diffSide(ui, side) {
  const lines = ui.page.locator(`.editor-group-container.active .monaco-diff-editor .editor.${side} .view-lines`).first();
  return (await lines.innerText()).replace(/\u00a0/g, ' ');
}

/** @type {{ name: string, run: (ui: import('../lib/ui.mjs').Ui) => Promise<void> }[]} */
export default [
  {
    name: 'clicking ▶ Invoke locally above a Python handler shows the sent ↔ returned diff and Cognito\'s summary',
    async run(ui) {
      await ui.openFile('handlers/pre_sign_up.py');
      const lens = ui.editor().locator('.codelens-decoration a', { hasText: 'Invoke locally' }).first();
      await lens.waitFor({ state: 'visible', timeout: 30_000 });
      assert.equal((await lens.innerText()).trim(), '▶ Invoke locally');
      await ui.shot('python-lens');
      await lens.click();
      const offered = await ui.pick(EVENT, { title: 'Invoke locally: pick the event' });
      assert.ok(offered[0]?.startsWith(EVENT), `first row should be the event file: ${offered.join(' | ')}`);
      const tab = ui.page.locator('.tab.active[aria-label*="sent ↔ returned"]');
      await tab.waitFor({ state: 'visible', timeout: 30_000 });
      assert.match((await tab.getAttribute('aria-label')) ?? '', /^pre_sign_up\.py#lambda_handler ← events\/PreSignUp\/PreSignUp_SignUp\.json: sent ↔ returned/);
      const shows = async (side, pattern) => pattern.test(await diffSide(ui, side));
      await ui.waitFor('the returned event (right) in the diff', () => shows('modified', /"autoConfirmUser": true,\s*"autoVerifyEmail": true,/), 10_000);
      await ui.waitFor('the sent event (left) in the diff', () => shows('original', /"autoConfirmUser": false,\s*"autoVerifyEmail": false,/), 5_000);
      const status = await ui.waitFor('the summary in the status bar', async () => (await ui.statusBarTexts()).find((t) => t.startsWith('User auto-confirmed')));
      assert.ok(HEADLINE.startsWith(status.replace(/…$/, '')), status);
      // The whole summary is in the log (the status item's click shows it); no toast carries it any more.
      await ui.runCommand('Cognito Triggers: Show Log');
      await ui.waitFor('the full summary in the log', async () => (await ui.outputText()).replace(/\s+/g, ' ').includes(`✔ ${HEADLINE}`), 10_000);
      assert.ok(!(await ui.notifications()).some((t) => t.includes('auto-confirmed')), (await ui.notifications()).join(' | '));
      await ui.shot('python-result');
    },
  },
];
