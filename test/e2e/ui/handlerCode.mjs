// UI: a person types into a pre sign-up handler: completion offers this trigger's request fields only, a misspelt response field gets a squiggle whose hover names the right one, and the quick fix corrects it.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const FILE = 'handlers/ui/preSignUpTyping.js';
/** The fixture as committed: the steps must leave the workspace copy's file exactly like this. */
const FIXTURE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'workspace', ...FILE.split('/'));
/** Line 2 of the fixture opens the handler's body. */
const BODY_LINE = 2;
const REQUEST_FIELDS = ['userAttributes', 'validationData', 'clientMetadata'];
/** Request fields of other triggers (custom message, custom auth challenges): never offered here. */
const OTHER_TRIGGERS_FIELDS = ['codeParameter', 'session'];
const TYPO_LINE = '  event.response.autoConfirmUsr = true;';

/**
 * Opens the fixture handler and puts the cursor on a new, indented line inside the function body
 * (End, then Enter, as a person would). Returns the new line's number.
 * @param {import('../lib/ui.mjs').Ui} ui
 */
async function newLineInBody(ui) {
  await ui.openFile(FILE);
  await ui.goTo(BODY_LINE, 1);
  await ui.page.keyboard.press('End');
  await ui.page.keyboard.press('Enter');
  return BODY_LINE + 1;
}

/**
 * Waits until line `n` of the active editor shows `expected` (Monaco renders typing on the next
 * frame); fails with what the line showed last.
 * @param {import('../lib/ui.mjs').Ui} ui
 */
async function expectLine(ui, n, expected, ms = 5_000) {
  let last;
  await ui.waitFor(`line ${n} to read ${JSON.stringify(expected)}`, async () => (last = (await ui.editorLines())[n - 1]) === expected, ms).catch((e) => {
    throw new Error(`${e.message} It reads ${JSON.stringify(last)}.`, { cause: e });
  });
}

/** Whether the active editor's tab shows the unsaved-changes marker. */
const isDirty = async (ui) => (await ui.page.locator('.tab.active.dirty').count()) > 0;

/** @type {{ name: string, run: (ui: import('../lib/ui.mjs').Ui) => Promise<void> }[]} */
export default [
  {
    name: "typing `event.request.` in a pre sign-up handler suggests its request fields, not other triggers'",
    async run(ui) {
      const line = await newLineInBody(ui);
      await ui.type('event.request.');
      // The `.` opens the suggest widget by itself; retrigger (Ctrl+Space) while the language server starts.
      const labels = await ui.waitFor('the suggest widget to list the pre sign-up request fields', async () => {
        const shown = await ui.suggestLabels();
        if (REQUEST_FIELDS.every((f) => shown.includes(f))) return shown;
        await ui.page.keyboard.press('Escape');
        await ui.suggest(3_000).catch(() => []);
        return undefined;
      }, 30_000);
      await ui.shot('request-suggestions');
      // What was typed arrived as typed (no suggestion was committed by a `.`).
      await expectLine(ui, line, '  event.request.');
      for (const f of REQUEST_FIELDS) assert.ok(labels.includes(f), `${f} missing from: ${labels.join(', ')}`);
      for (const f of OTHER_TRIGGERS_FIELDS) assert.ok(!labels.includes(f), `${f} (another trigger's field) offered: ${labels.join(', ')}`);
      await ui.page.keyboard.press('Escape');
      // Leave the file as it was for the next step: File: Revert File drops the typing.
      await ui.runCommand('File: Revert File');
      await ui.waitFor('the reverted editor to be clean', async () => !(await isDirty(ui)));
    },
  },
  {
    name: 'a misspelt response field is squiggled, the hover names the right field, and the quick fix corrects it',
    async run(ui) {
      const line = await newLineInBody(ui);
      await ui.type(TYPO_LINE.trimStart());
      // Typing may leave a suggestion list open on the misspelt word; close it without accepting.
      await ui.page.keyboard.press('Escape');
      await expectLine(ui, line, TYPO_LINE);
      // The squiggle arrives with the language server's diagnostics; its hover is the message.
      // (While typing, JavaScript's own syntax errors may come and go: find ours by its hover.)
      const squiggle = ui.squiggles('error');
      const message = await ui.waitFor('an error squiggle whose hover is about the misspelt field', async () => {
        const count = await squiggle.count();
        for (let i = 0; i < count; i++) {
          const text = await ui.squiggleText(i, 3_000, 'error').catch(() => '');
          if (text.includes('autoConfirmUsr')) return text;
        }
        return undefined;
      }, 30_000);
      await ui.shot('typo-hover');
      assert.match(message, /autoConfirmUsr[\s\S]*is not a field of[\s\S]*event\.response/, message);
      assert.match(message, /Did you mean\s*['`]?autoConfirmUser\b/, message);
      // Quick fix with the keyboard: cursor in the word, Ctrl+., the fix, Enter.
      await ui.page.mouse.move(0, 0);
      await ui.goTo(line, TYPO_LINE.indexOf('autoConfirmUsr') + 3);
      await ui.page.keyboard.press('Control+.');
      const fix = ui.page.locator('.action-widget .monaco-list-row', { hasText: "Change to 'autoConfirmUser'" }).first();
      await fix.waitFor({ state: 'visible', timeout: 15_000 });
      await ui.shot('quick-fix-menu');
      // Move the selection to the fix (it is normally the first, preferred row).
      await ui.waitFor('the quick fix row to be selected', async () => {
        if (/\bfocused\b/.test((await fix.getAttribute('class')) ?? '')) return true;
        await ui.page.keyboard.press('ArrowDown');
        return false;
      }, 5_000);
      await ui.page.keyboard.press('Enter');
      await expectLine(ui, line, '  event.response.autoConfirmUser = true;');
      await ui.waitFor('the squiggle to go', async () => (await squiggle.count()) === 0, 15_000);
      await ui.shot('fixed');
      // Close without saving: the workspace copy's file must be unchanged on disk.
      assert.ok(await isDirty(ui), 'the fixed file should be unsaved');
      await ui.runCommand('View: Revert and Close Editor');
      await ui.page.locator('.tab[aria-label*="preSignUpTyping.js"]').waitFor({ state: 'detached' });
      assert.notEqual(path.resolve(ui.workspace), path.dirname(path.dirname(path.dirname(FIXTURE))), 'the window must show a copy, not the fixture');
      assert.equal(fs.readFileSync(path.join(ui.workspace, ...FILE.split('/')), 'utf8'), fs.readFileSync(FIXTURE, 'utf8'));
    },
  },
];
