// UI: a person clicks "▶ Invoke locally" above a pre sign-up handler, picks an event file, and sees what the handler changed (a diff) and what Cognito would do (status bar and notification).
import * as assert from 'node:assert/strict';

const EVENT = 'events/PreSignUp/PreSignUp_SignUp.json';
/**
 * handlers/preSignUp.js auto-confirms and verifies users on example.com; the event's user is
 * jane.doe@example.com. The summary (server/src/core/summary/signUp.ts) says so.
 */
const HEADLINE = 'User auto-confirmed; email marked verified (requires an email attribute: present).';

/** Text of one side ('original' | 'modified') of the active diff editor, as shown. */
async function diffSide(ui, side) {
  const lines = ui.page.locator(`.editor-group-container.active .monaco-diff-editor .editor.${side} .view-lines`).first();
  return (await lines.innerText()).replace(/\u00a0/g, ' ');
}

/** @type {{ name: string, run: (ui: import('../lib/ui.mjs').Ui) => Promise<void> }[]} */
export default [
  {
    name: 'clicking ▶ Invoke locally and picking the event file shows the sent ↔ returned diff and Cognito\'s summary',
    async run(ui) {
      await ui.openFile('handlers/preSignUp.js');
      // The lens comes from the language server once it has analysed the handler.
      const lens = ui.editor().locator('.codelens-decoration a', { hasText: 'Invoke locally' }).first();
      await lens.waitFor({ state: 'visible', timeout: 30_000 });
      assert.equal((await lens.innerText()).trim(), '▶ Invoke locally');
      await ui.shot('lens');
      await lens.click();
      // The picker lists the workspace's pre sign-up event files, then generated samples.
      const offered = await ui.pick(EVENT, { title: 'Invoke locally: pick the event' });
      assert.ok(offered[0]?.startsWith(EVENT), `first row should be the event file: ${offered.join(' | ')}`);
      assert.ok(offered.some((r) => r.includes('PreSignUp_AdminCreateUser')), `no generated samples offered: ${offered.join(' | ')}`);
      // The result: a diff editor titled "<handler> ← <event>: sent ↔ returned".
      const tab = ui.page.locator('.tab.active[aria-label*="sent ↔ returned"]');
      await tab.waitFor({ state: 'visible', timeout: 30_000 });
      assert.match((await tab.getAttribute('aria-label')) ?? '', /^preSignUp\.js#handler ← events\/PreSignUp\/PreSignUp_SignUp\.json: sent ↔ returned/);
      // Left: the event as sent; right: as the handler returned it (the diff scrolls to the change).
      const shows = async (side, pattern) => pattern.test(await diffSide(ui, side));
      await ui.waitFor('the returned event (right) in the diff', () => shows('modified', /"autoConfirmUser": true,\s*"autoVerifyEmail": true,/), 10_000);
      await ui.waitFor('the sent event (left) in the diff', () => shows('original', /"autoConfirmUser": false,\s*"autoVerifyEmail": false,/), 5_000);
      // What Cognito would do: a notification with the full summary, and a status bar item that stays.
      const toast = ui.page.locator('.notifications-toasts .notification-toast', { hasText: HEADLINE }).first();
      await toast.waitFor({ state: 'visible', timeout: 10_000 });
      assert.match(await toast.innerText(), /\(\d+(\.\d+)? ms\)/);
      await toast.getByRole('button', { name: 'Invoke Again' }).waitFor({ state: 'visible' });
      const status = await ui.waitFor('the summary in the status bar', async () => (await ui.statusBarTexts()).find((t) => t.startsWith('User auto-confirmed')));
      assert.ok(HEADLINE.startsWith(status.replace(/…$/, '')), status);
      await ui.shot('result');
    },
  },
];
