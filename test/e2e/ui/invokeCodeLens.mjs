// UI: a person clicks "▶ Invoke locally" above a pre sign-up handler, picks an event file, and sees what the handler changed (a diff) and what Cognito would do (status bar); runs it again from the result's title bar without notifications piling up; the result documents stay out of Quick Open; a hanging handler's progress notification has Cancel, which ends the run.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

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
      // What Cognito would do: the status bar item (its tooltip has the details), and no result toast.
      const status = await ui.waitFor('the summary in the status bar', async () => (await ui.statusBarTexts()).find((t) => t.startsWith('User auto-confirmed')));
      assert.ok(HEADLINE.startsWith(status.replace(/…$/, '')), status);
      // The whole summary is in the log (the status item's click shows it); no toast carries it any more.
      await ui.runCommand('Cognito Triggers: Show Log');
      await ui.waitFor('the full summary in the log', async () => (await ui.outputText()).replace(/\s+/g, ' ').includes(`✔ ${HEADLINE}`), 10_000);
      assert.ok(!(await ui.notifications()).some((t) => t.includes('auto-confirmed')), (await ui.notifications()).join(' | '));
      await ui.shot('result');
    },
  },
  {
    name: 'Invoke Again in the result\'s title bar runs it again: no invoke notification is left behind, and Quick Open never offers the result documents',
    async run(ui) {
      const again = ui.page.locator('.editor-group-container.active .editor-actions .action-label[aria-label="Invoke Again"]').first();
      await again.waitFor({ state: 'visible', timeout: 10_000 });
      // The log (Output panel) shows each run's START/END lines: the second run adds lines to it.
      await ui.runCommand('Cognito Triggers: Show Log');
      const logBefore = await ui.waitFor('the first run in the log', async () => ((await ui.outputText()).includes('END returned') ? ui.outputText() : undefined));
      await again.click();
      await ui.waitFor('the second run to end (new lines in the log)', async () => {
        const now = await ui.outputText();
        return now !== logBefore && now.lastIndexOf('END returned') > now.lastIndexOf('START ');
      }, 30_000);
      await ui.page.locator('.tab.active[aria-label*="sent ↔ returned"]').waitFor({ state: 'visible', timeout: 10_000 });
      // Two runs, and no toast about either is left (the progress notification closes with its run).
      await ui.waitFor('no invoke notification on screen', async () => !(await ui.notifications()).some((t) => /Invoking|auto-confirmed/.test(t)), 10_000);
      await ui.shot('after-again');
      // Quick Open lists workspace files and recent editors: never the virtual result documents.
      for (const name of ['returned.json', 'input.json']) {
        await ui.page.keyboard.press('Control+P');
        const input = ui.page.locator('.quick-input-widget input').first();
        await input.waitFor({ state: 'visible' });
        await input.fill(name);
        // Wait until Quick Open has searched the files (the fixture's event files match "json" too).
        await ui.page.locator('.quick-input-list .monaco-list-row').first().waitFor({ state: 'visible', timeout: 10_000 }).catch(() => undefined);
        const rows = await ui.page.locator('.quick-input-list .monaco-list-row').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
        await ui.shot(`quick-open-${name}`);
        await ui.page.keyboard.press('Escape');
        assert.ok(!rows.some((r) => r.includes('cognito-triggers-invoke') || r.startsWith(name)), `Quick Open offers a result document for ${name}: ${rows.join(' | ')}`);
      }
    },
  },
  {
    name: 'a hanging handler: one progress notification with Cancel, the old summary leaves the status bar, Cancel ends the run',
    async run(ui) {
      fs.writeFileSync(path.join(ui.workspace, 'handlers', 'hangs.js'), HANGS);
      await ui.openFile('handlers/hangs.js');
      const lens = ui.editor().locator('.codelens-decoration a', { hasText: 'Invoke locally' }).first();
      await lens.waitFor({ state: 'visible', timeout: 30_000 });
      await lens.click();
      await ui.pick(EVENT, { title: 'Invoke locally: pick the event' });
      const progress = ui.page.locator('.notifications-toasts .notification-toast', { hasText: 'Invoking hangs.js#handler' });
      await progress.first().waitFor({ state: 'visible', timeout: 20_000 });
      assert.equal(await ui.page.locator('.notifications-toasts .notification-toast').count(), 1, (await ui.notifications()).join(' | '));
      // While it runs: the status bar says so, and the previous run's summary is gone.
      const texts = await ui.waitFor('the running state in the status bar', async () => {
        const t = await ui.statusBarTexts();
        return t.some((x) => x.startsWith('Invoking hangs.js#handler')) ? t : undefined;
      });
      assert.ok(!texts.some((t) => t.startsWith('User auto-confirmed')), texts.join(' | '));
      await ui.shot('running');
      await progress.first().getByRole('button', { name: 'Cancel' }).click();
      await progress.first().waitFor({ state: 'hidden', timeout: 10_000 });
      // Cancelled: no result view opened, no summary, and the log says so (the handler never answers: only Cancel ends it).
      await ui.waitFor('the status item to leave the running state', async () => !(await ui.statusBarTexts()).some((t) => t.startsWith('Invoking')), 10_000);
      assert.equal(await ui.page.locator('.tab[aria-label*="hangs.js#handler ←"]').count(), 0, 'a result view opened for a cancelled run');
      await ui.runCommand('Cognito Triggers: Show Log');
      await ui.waitFor('"cancelled" in the log', async () => /END cancelled after|Invoke cancelled/.test(await ui.outputText()), 10_000);
      await ui.shot('cancelled');
    },
  },
];

/** A pre sign-up handler that never answers (only Cancel or the time limit ends it). */
const HANGS = `// @cognito-trigger PreSignUp
exports.handler = async (event) => {
  console.log('hanging for', event.userName);
  await new Promise(() => setInterval(() => {}, 1000));
};
`;
