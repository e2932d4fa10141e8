// UI: in handlers typed with @types/aws-lambda (TypeScript, and JavaScript with checkJs) a person sees one suggestion per event field, ours with the Cognito docs, and one diagnostic per problem: TypeScript's duplicates are gone (the TypeScript server plugin).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const TS_FILE = 'handlers/typed/preSignUp.ts';
const JS_FILE = 'handlers/typed/preSignUpChecked.js';
/** A typed handler that never returns the event (written into the workspace copy by its step). */
const NO_RETURN_FILE = 'handlers/typed/noReturn.ts';
const NO_RETURN_TEXT = `import type { PreSignUpTriggerEvent } from 'aws-lambda';

export const handler = async (event: PreSignUpTriggerEvent): Promise<PreSignUpTriggerEvent> => {
  event.response.autoConfirmUser = true;
  const typeCheck: boolean = 'x';
};
`;
/** Line 4 of both fixtures opens the handler's body. */
const BODY_LINE = { [TS_FILE]: 4, [JS_FILE]: 3 };

/**
 * The workspace has @types/aws-lambda installed, as a typed project does (linked from this
 * repository's node_modules: the machine is offline and VS Code's type acquisition cannot fetch it).
 * @param {import('../lib/ui.mjs').Ui} ui
 */
function installTypes(ui) {
  const target = path.join(ui.workspace, 'node_modules', '@types', 'aws-lambda');
  if (fs.existsSync(target)) return;
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.symlinkSync(path.join(ROOT, 'node_modules', '@types', 'aws-lambda'), target, 'dir');
}

/** @param {import('../lib/ui.mjs').Ui} ui */
async function newLineInBody(ui, file) {
  installTypes(ui);
  await ui.openFile(file);
  await ui.goTo(BODY_LINE[file], 1);
  await ui.page.keyboard.press('End');
  await ui.page.keyboard.press('Enter');
}

/** Suggest rows as `{ label, focused }`, top to bottom. */
async function rows(ui) {
  const list = ui.page.locator('.editor-widget.suggest-widget.visible .monaco-list-row');
  const out = [];
  for (let i = 0; i < (await list.count()); i++) {
    const row = list.nth(i);
    out.push({ label: await row.locator('.label-name').innerText().catch(() => ''), focused: /\bfocused\b/.test((await row.getAttribute('class')) ?? '') });
  }
  return out;
}

/** @param {import('../lib/ui.mjs').Ui} ui */
async function revert(ui) {
  await ui.page.keyboard.press('Escape');
  await ui.runCommand('View: Revert and Close Editor');
}

/**
 * Types `event.request.userAttr` and waits until both providers answered: TypeScript's row (when the
 * plugin is missing) arrives with its semantic answer, ours once the language server is up.
 * @param {import('../lib/ui.mjs').Ui} ui
 */
async function userAttributesRows(ui) {
  await ui.type('event.request.userAttr');
  return ui.waitFor('the suggest widget to list userAttributes with the Cognito docs', async () => {
    const shown = await rows(ui);
    const ours = shown.filter((r) => r.label === 'userAttributes');
    const details = await ui.page.locator('.editor-widget.suggest-widget.visible .monaco-list-row.focused .details-label').innerText().catch(() => '');
    if (ours.length && /PreSignUp/.test(details)) return { shown, details };
    await ui.page.keyboard.press('Escape');
    await ui.suggest(3_000).catch(() => []);
    return undefined;
  }, 45_000);
}

/** @type {{ name: string, run: (ui: import('../lib/ui.mjs').Ui) => Promise<void> }[]} */
export default [
  {
    name: 'a misspelt field in a TypeScript handler has one diagnostic (ours), not ts(2551) as well',
    async run(ui) {
      await newLineInBody(ui, TS_FILE);
      // The second statement is a TypeScript-only error: once it is listed, tsserver has answered for this text.
      await ui.type("event.response.autoConfirmUsr = true; const typeCheck: number = 'x';");
      await ui.page.keyboard.press('Escape');
      const texts = await ui.waitFor('our diagnostic and TypeScript\'s answer in the Problems panel', async () => {
        const markers = await problems(ui);
        const about = markers.filter((t) => t.includes('autoConfirmUsr'));
        return about.length >= 1 && markers.some((t) => t.includes("Type 'string' is not assignable to type 'number'")) ? about : undefined;
      }, 60_000);
      await ui.shot('ts-one-diagnostic');
      assert.equal(texts.length, 1, texts.join('\n'));
      assert.match(texts[0], /not a field/, texts[0]);
      assert.doesNotMatch(texts.join('\n'), /ts\(2551\)|Property 'autoConfirmUsr' does not exist on type/, 'TypeScript\'s own copy');
      await ui.page.keyboard.press('Control+Shift+M');
      await revert(ui);
    },
  },
  {
    name: 'a typed handler missing its return has one no-return problem (ours), not ts(2355) as well',
    async run(ui) {
      installTypes(ui);
      // A clean file (no syntax error: our finding waits for code that parses), with a TypeScript-only
      // error of its own beside it (boolean: the other steps' files say number): once that is listed,
      // tsserver has answered for this file, and 2355 comes in the same semantic answer.
      fs.writeFileSync(path.join(ui.workspace, NO_RETURN_FILE), NO_RETURN_TEXT);
      await ui.openFile(NO_RETURN_FILE);
      const texts = await ui.waitFor('our no-return problem and TypeScript\'s answer in the Problems panel', async () => {
        const markers = await problems(ui);
        const noReturn = markers.filter((t) => /can finish without returning|must return a value|ts\(2355\)/.test(t));
        return noReturn.some((t) => t.includes('can finish without returning')) && markers.some((t) => t.includes("Type 'string' is not assignable to type 'boolean'")) ? noReturn : undefined;
      }, 60_000);
      await ui.shot('ts-one-no-return');
      assert.equal(texts.length, 1, texts.join('\n'));
      assert.doesNotMatch(texts.join('\n'), /ts\(2355\)|must return a value/, 'TypeScript\'s own copy');
      await ui.page.keyboard.press('Control+Shift+M');
      await revert(ui);
    },
  },
  {
    name: 'a TypeScript handler shows exactly one userAttributes suggestion, carrying the Cognito docs',
    async run(ui) {
      await newLineInBody(ui, TS_FILE);
      const { shown, details } = await userAttributesRows(ui);
      await ui.shot('ts-one-row');
      const labels = shown.map((r) => r.label);
      assert.equal(labels.filter((l) => l === 'userAttributes').length, 1, `rows: ${labels.join(', ')}`);
      assert.ok(shown.find((r) => r.label === 'userAttributes')?.focused, 'the one row is the selected one');
      // Ours: the type, writability and trigger from the model, not TypeScript's `(property) …: StringMap`.
      assert.match(details, /object · read-only · PreSignUp/, details);
      // The docs panel of the selected row (Ctrl+Space opens it) carries the Cognito description.
      await ui.page.keyboard.press('Control+Space');
      const docs = await ui.waitFor('the suggestion details', async () => (await ui.page.locator('.suggest-details .docs').innerText().catch(() => '')) || undefined, 10_000);
      await ui.shot('ts-docs');
      assert.match(docs, /attribute/i, docs);
      await revert(ui);
    },
  },
  {
    name: 'a checkJs JavaScript handler shows one userAttributes suggestion too',
    async run(ui) {
      await newLineInBody(ui, JS_FILE);
      const { shown } = await userAttributesRows(ui);
      await ui.shot('js-one-row');
      const labels = shown.map((r) => r.label);
      assert.equal(labels.filter((l) => l === 'userAttributes').length, 1, `rows: ${labels.join(', ')}`);
      await revert(ui);
    },
  },
];

/**
 * The Problems panel's rows for the active file (opened with Ctrl+Shift+M), as text: message and source.
 * @param {import('../lib/ui.mjs').Ui} ui
 */
async function problems(ui) {
  const panel = ui.page.locator('.markers-panel');
  if (!(await panel.isVisible().catch(() => false))) {
    await ui.page.keyboard.press('Control+Shift+M');
    await panel.waitFor({ state: 'visible', timeout: 5_000 });
    // Back to the editor: typing must not go into the panel.
    await ui.page.keyboard.press('Control+1');
  }
  return panel.locator('.monaco-list-row').allInnerTexts();
}
