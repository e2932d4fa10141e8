// UI test harness: drives the VS Code workbench in headless Chromium the way a person would, with screenshots of each step.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

/** Quotes a value for a CSS attribute selector. */
const attr = (s) => JSON.stringify(String(s));

/** Helpers a UI step gets; every read retries until its deadline because the language server starts in the background. */
export class Ui {
  /**
   * @param {import('playwright-core').Page} page
   * @param {{ shotsDir: string, prefix: string, workspace?: string }} o
   */
  constructor(page, { shotsDir, prefix, workspace = '' }) {
    this.page = page;
    this.shotsDir = shotsDir;
    this.prefix = prefix;
    /** Absolute path of the workspace folder the window shows (a fresh copy of test/fixtures/workspace). */
    this.workspace = workspace;
    this.shots = 0;
  }

  /** Waits for the workbench to be up. */
  async ready(ms = 60_000) {
    await this.page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: ms });
    await this.page.locator('.monaco-workbench .part.editor').waitFor({ state: 'visible', timeout: ms });
  }

  /** Saves a PNG of the window as test-results/e2e/<module>-<n>-<label>.png; returns its path. */
  async shot(label) {
    this.shots += 1;
    const file = path.join(this.shotsDir, `${this.prefix}-${String(this.shots).padStart(2, '0')}-${label.replace(/[^\w-]+/g, '_')}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  /**
   * Polls `probe` until it returns something other than undefined/false, or fails after `ms`
   * naming `what` (a condition with a deadline, never a fixed sleep).
   */
  async waitFor(what, probe, ms = 10_000) {
    const end = Date.now() + ms;
    for (let delay = 50; ; delay = Math.min(delay * 2, 500)) {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
      if (Date.now() > end) throw new Error(`Timed out after ${ms} ms waiting for ${what}.`);
      await this.page.waitForTimeout(delay);
    }
  }

  /** The editor of the active editor group. */
  editor() {
    return this.page.locator('.editor-group-container.active .editor-instance .monaco-editor').first();
  }

  /** Opens a workspace file with Quick Open (Ctrl+P) and waits for its editor. */
  async openFile(relativePath) {
    const name = path.posix.basename(relativePath);
    await this.page.keyboard.press('Control+P');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(relativePath);
    // Enter only once the focused row is the file: the list may still be filling in, and Enter
    // would open whatever row is focused at that moment. (Clicking a row is flaky: the workbench
    // can intercept the pointer and the picker closes.)
    await this.page.locator(`.quick-input-list .monaco-list-row.focused[aria-label*=${attr(name)}]`).first().waitFor({ state: 'visible', timeout: 15_000 });
    await this.page.keyboard.press('Enter');
    await this.page.locator(`.tab.active[aria-label*=${attr(name)}]`).first().waitFor({ state: 'visible', timeout: 15_000 });
    await this.editor().locator('.view-lines .view-line').first().waitFor({ state: 'visible' });
  }

  /**
   * Moves the cursor of the active editor to a 1-based line and column (Ctrl+G). The Go to Line input can close
   * under us (a picker that was just answered finishes closing, or the Output panel takes focus as a channel
   * opens; playwright then sees the input "inert" and hidden): open it again until a fill lands, within `ms`.
   */
  async goTo(line, column = 1, ms = 20_000) {
    const input = this.page.locator('.quick-input-widget input');
    const end = Date.now() + ms;
    for (;;) {
      await this.editor().click();
      await this.page.keyboard.press('Control+G');
      try {
        await input.waitFor({ state: 'visible', timeout: 3_000 });
        // Ctrl+G opens Quick Open in its ':' (go to line) mode; fill() replaces the ':' too.
        await input.fill(`:${line}:${column}`, { timeout: 3_000 });
        break;
      } catch (e) {
        if (Date.now() > end) throw e;
        await this.page.keyboard.press('Escape');
      }
    }
    await this.page.keyboard.press('Enter');
    await input.waitFor({ state: 'hidden' });
  }

  /** Types text at the cursor, as a person would (each key fires, so completion triggers too). */
  async type(text) {
    await this.page.keyboard.type(text);
  }

  /** The text of the visible hover widget, or '' when none shows. */
  async hoverWidgetText() {
    const hover = this.page.locator('.monaco-hover:visible');
    return (await hover.count()) ? (await hover.allInnerTexts()).join('\n').replace(/\u00a0/g, ' ') : '';
  }

  /**
   * Moves the mouse over the first token of the active editor containing `text` until the hover
   * widget's text satisfies `until`; returns that text. Fails with the last hover text seen.
   */
  async hover(text, { until = (t) => t.length > 0, ms = 20_000 } = {}) {
    const token = this.editor().locator('.view-line span span', { hasText: text }).first();
    await token.waitFor({ state: 'visible' });
    let last = '';
    try {
      return await this.waitFor(`a hover over ${JSON.stringify(text)} that passes the test`, async () => {
        // Mouse moves to the token's current box rather than locator.hover(): Monaco re-renders
        // lines as tokens and decorations arrive, so the element rarely stays "stable".
        const box = await token.boundingBox();
        if (!box) return undefined;
        // Leave and re-enter: VS Code shows a hover on mouse movement.
        await this.page.mouse.move(0, 0);
        await this.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 2 });
        last = await this.waitFor('the hover widget', async () => (await this.hoverWidgetText()) || undefined, 3_000).catch(() => '');
        return until(last) ? last : undefined;
      }, ms);
    } catch (e) {
      throw new Error(`${e instanceof Error ? e.message : String(e)} Last hover text: ${JSON.stringify(last)}`, { cause: e });
    }
  }

  /** Opens suggestions with Ctrl+Space at the cursor and returns the labels of the rows shown. */
  async suggest(ms = 10_000) {
    await this.page.keyboard.press('Control+Space');
    const rows = this.page.locator('.editor-widget.suggest-widget.visible .monaco-list-row .label-name');
    await rows.first().waitFor({ state: 'visible', timeout: ms });
    return rows.allInnerTexts();
  }

  /** Number of error squiggles in the active editor (they arrive with the diagnostics). */
  async squiggleCount() {
    return this.editor().locator('.squiggly-error').count();
  }

  /** Hovers the `index`-th squiggle of `severity` ('error', 'warning', 'info') and returns the hover's text (the diagnostic message). */
  async squiggleText(index = 0, ms = 10_000, severity = 'error') {
    const squiggle = this.squiggles(severity).nth(index);
    await squiggle.waitFor({ state: 'visible', timeout: ms });
    return this.waitFor('the diagnostic hover', async () => {
      const box = await squiggle.boundingBox();
      if (!box) return undefined;
      await this.page.mouse.move(0, 0);
      await this.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 2 });
      // The hover shows after VS Code's hover delay: wait for it before leaving again.
      return this.waitFor('the hover widget', async () => (await this.hoverWidgetText()) || undefined, 3_000).catch(() => undefined);
    }, ms);
  }

  /** The squiggles of one severity ('error', 'warning', 'info') in the active editor. */
  squiggles(severity = 'error') {
    return this.editor().locator(`.squiggly-${severity}`);
  }

  /**
   * The lines the active editor shows, top to bottom (Monaco's DOM order is not line order, and
   * only the lines in view are rendered: enough for the short files the steps open).
   */
  async editorLines() {
    return this.editor()
      .locator('.view-lines .view-line')
      .evaluateAll((els) =>
        els
          .map((e) => ({ top: parseFloat(/** @type {HTMLElement} */ (e).style.top) || 0, text: (e.textContent ?? '').replace(/\u00a0/g, ' ') }))
          .sort((a, b) => a.top - b.top)
          .map((l) => l.text),
      );
  }

  /** The visible rows of the suggest widget (labels), [] when it is closed. */
  async suggestLabels() {
    return this.page.locator('.editor-widget.suggest-widget.visible .monaco-list-row .label-name').allInnerTexts();
  }

  /**
   * Answers a quick pick as a person would: waits for the picker titled `title` (when given), types
   * `filter` (default `row`), and presses Enter once the focused row's label contains `row`.
   * Returns the labels of the rows the picker offered before filtering.
   * @param {string} row
   * @param {{ title?: string, filter?: string, ms?: number }} [o]
   */
  async pick(row, { title, filter = row, ms = 20_000 } = {}) {
    const widget = this.page.locator('.quick-input-widget');
    const input = widget.locator('input').first();
    // Consecutive pickers reuse the widget: wait for this one's (exact) title before reading its rows.
    const titleText = widget.locator('.quick-input-title');
    await this.waitFor(title ? `the picker titled ${JSON.stringify(title)}` : 'a picker', async () =>
      (await input.isVisible()) && (!title || ((await titleText.isVisible()) && (await titleText.innerText()).trim() === title)), ms);
    const rows = widget.locator('.quick-input-list .monaco-list-row');
    await rows.first().waitFor({ state: 'visible', timeout: ms });
    const offered = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
    await input.fill(filter);
    await widget.locator(`.quick-input-list .monaco-list-row.focused[aria-label*=${attr(row)}]`).first().waitFor({ state: 'visible', timeout: ms });
    await this.page.keyboard.press('Enter');
    return offered;
  }

  /** The modal dialog (`showInformationMessage(…, { modal: true })`): waits for it and returns its text. */
  async dialogText(ms = 20_000) {
    const box = this.page.locator('.monaco-dialog-box');
    await box.waitFor({ state: 'visible', timeout: ms });
    return (await box.innerText()).replace(/\u00a0/g, ' ');
  }

  /**
   * Runs `label` from the context menu of `row` (a locator) and waits until `done()` is truthy. Right-click
   * and click are made again until it is: a re-render of the view can swallow the right-click, and a click
   * on the menu item can be lost while the menu is still being laid out (seen in a CI rehearsal: the menu
   * stayed open with the item shown for 20 s).
   * @param {import('playwright-core').Locator} row
   * @param {string} label
   * @param {() => Promise<unknown>} done
   */
  async contextMenu(row, label, done, ms = 45_000) {
    const item = this.page.locator('.monaco-menu .action-item', { hasText: label }).first();
    const shown = () => item.isVisible().catch(() => false);
    /** Polls `probe` (no fixed sleep: it returns as soon as the probe holds) for up to `within` ms. */
    const holds = (what, probe, within) => this.waitFor(what, probe, within).then(() => true, () => false);
    await this.waitFor(`${label} from the context menu`, async () => {
      if (await done()) return true;
      if (!(await shown())) {
        // Open the menu; a re-render of the view can swallow the right-click: the next round makes it again.
        await row.click({ button: 'right', timeout: 2_000 }).catch(() => {});
        await holds('the context menu', shown, 3_000);
        return undefined;
      }
      await item.click({ timeout: 2_000 }).catch(() => {});
      // The click took when the menu closes; then the command has time to answer before anything is clicked again.
      if (!(await holds('the context menu to close', async () => !(await shown()), 3_000))) return undefined;
      return (await holds(`what ${label} does`, done, 15_000)) || undefined;
    }, ms);
  }

  /** Clicks the button labelled `label` of the modal dialog and waits for the dialog to close. */
  async dialogButton(label) {
    const box = this.page.locator('.monaco-dialog-box');
    await box.getByRole('button', { name: label, exact: true }).click();
    await box.waitFor({ state: 'hidden' });
  }

  /** Texts of the status bar items shown now. */
  async statusBarTexts() {
    return (await this.page.locator('.part.statusbar .statusbar-item').allInnerTexts()).map((t) => t.replace(/\u00a0/g, ' ').trim()).filter(Boolean);
  }

  /** Runs a command from the palette (F1) by the title it shows, e.g. "Cognito Triggers: Show Log". */
  async runCommand(title, ms = 30_000) {
    const row = this.page.locator(`.quick-input-list .monaco-list-row.focused[aria-label*=${attr(title)}]`).first();
    const input = this.page.locator('.quick-input-widget input');
    // A command whose `when` clause reads a context key set during startup (isWorkspaceTrusted, ...)
    // can be missing from the palette for a moment: reopen the palette until it is there.
    const end = Date.now() + ms;
    for (;;) {
      await this.page.keyboard.press('F1');
      await input.waitFor({ state: 'visible' });
      // fill() with the '>' prefix: typing could start before F1 put the prefix there (file search).
      await input.fill(`>${title}`);
      try {
        await row.waitFor({ state: 'visible', timeout: Math.max(1_000, Math.min(5_000, end - Date.now())) });
        break;
      } catch (e) {
        if (Date.now() > end) throw e;
        await this.page.keyboard.press('Escape');
      }
    }
    await this.page.keyboard.press('Enter');
  }

  /** Texts of every notification, also those whose toast has already gone (from the notification center). */
  async allNotifications() {
    await this.runCommand('Notifications: Show Notifications');
    const items = this.page.locator('.notifications-center .notification-list-item');
    await items.first().waitFor({ state: 'visible', timeout: 10_000 });
    const texts = await items.allInnerTexts();
    await this.page.keyboard.press('Escape');
    return texts;
  }

  /** Texts of the notification toasts shown now. */
  async notifications() {
    return this.page.locator('.notifications-toasts .notification-toast').allInnerTexts();
  }

  /** Text of the Output panel's editor (the channel it shows), '' when the panel is closed. */
  async outputText() {
    const lines = this.page.locator('.part.panel .output-view .monaco-editor .view-lines');
    // Monaco renders spaces as non-breaking spaces; turn them back so `includes('a b')` works.
    return (await lines.count()) ? (await lines.first().innerText()).replace(/\u00a0/g, ' ') : '';
  }
}

/**
 * Runs every UI module: each gets a fresh window on a fresh copy of the fixture workspace, and runs
 * its steps in order. A failed step is screenshotted (FAILED-…) and counted; the rest still run.
 * @param {object} o
 * @param {import('playwright-core').Browser} o.browser
 * @param {{ url: string }} o.server
 * @param {string[]} o.files absolute paths of test/e2e/ui/*.mjs
 * @param {(name: string) => string} o.makeWorkspace returns a fresh workspace folder for a module
 * @param {string} o.shotsDir
 * @param {(line: string) => void} o.print
 * @param {number} [o.stepTimeoutMs]
 */
export async function runUiModules({ browser, server, files, makeWorkspace, shotsDir, print, stepTimeoutMs = 120_000 }) {
  let passed = 0;
  let failed = 0;
  fs.mkdirSync(shotsDir, { recursive: true });
  for (const file of files) {
    const name = path.basename(file, '.mjs');
    /** @type {{ name: string, run: (ui: Ui) => Promise<void> }[]} */
    const steps = (await import(pathToFileURL(file).href)).default;
    if (!Array.isArray(steps) || steps.some((s) => typeof s?.name !== 'string' || typeof s?.run !== 'function')) {
      throw new Error(`${file} must export default an array of { name, run(ui) }.`);
    }
    print(`  ${name}`);
    // Only this module's old screenshots go: other runs (or engineers) may be writing theirs.
    for (const f of fs.readdirSync(shotsDir)) if (f.startsWith(`${name}-`)) fs.rmSync(path.join(shotsDir, f), { force: true });
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    const workspace = makeWorkspace(name);
    const ui = new Ui(page, { shotsDir, prefix: name, workspace });
    try {
      await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`);
      await ui.ready();
      for (const step of steps) {
        const started = Date.now();
        try {
          await withTimeout(step.run(ui), stepTimeoutMs, step.name);
          passed += 1;
          print(`    ✔ ${step.name} (${Date.now() - started} ms)`);
        } catch (e) {
          failed += 1;
          const shot = await ui.shot(`FAILED-${step.name}`).catch(() => '(no screenshot)');
          print(`    ✘ ${step.name}\n      ${e instanceof Error ? e.message : String(e)}\n      screenshot: ${shot}`);
        }
      }
    } catch (e) {
      failed += 1;
      print(`    ✘ ${name}: the workbench did not load: ${e instanceof Error ? e.message : String(e)}`);
      await ui.shot('FAILED-workbench').catch(() => {});
    } finally {
      await context.close().catch(() => {});
    }
  }
  return { passed, failed };
}

/** Rejects when `promise` takes longer than `ms`. */
async function withTimeout(promise, ms, what) {
  let timer;
  const deadline = new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: timed out after ${ms} ms.`)), ms)));
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
