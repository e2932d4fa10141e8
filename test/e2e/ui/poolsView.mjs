// UI: the Pools view in Restricted Mode, after trust is granted with no Region, and once a Region is picked by its name: welcome content with buttons, never truncated rows; the error logged once; Bind checks a custom sender's KMS key before asking for the function.
import * as assert from 'node:assert/strict';
import { startAwsServices } from './support/awsServices.mjs';

const POOL = 'ui-e2e-welcome';

/** Set by `environment.start`, read by the steps. */
let services = /** @type {Awaited<ReturnType<typeof startAwsServices>> | undefined} */ (undefined);
let poolId = '';

/**
 * cognito-local and the fake Lambda on 127.0.0.1 as in bindPalette.mjs, but with no Region anywhere
 * (no setting, no AWS_REGION, no shared config file) and workspace trust on: the folder opens in
 * Restricted Mode (no startup prompt).
 */
export const environment = {
  /** @param {{ root: string, workspace: string, tmp: string }} o */
  async start({ root, tmp }) {
    services = await startAwsServices({ root, tmp, state: { functions: [{ name: 'ui-sender', arn: 'arn:aws:lambda:us-east-1:123456789012:function:ui-sender', statements: [], run: (/** @type {unknown} */ e) => e }], identityPools: [] } });
    try {
      poolId = (await services.cognito('CreateUserPool', { PoolName: POOL })).UserPool.Id;
    } catch (e) {
      await services.stop();
      throw e;
    }
    const s = services;
    const { 'cognitoTriggers.aws.region': _region, ...machineSettings } = s.machineSettings;
    return {
      env: { ...s.env, AWS_REGION: undefined, AWS_DEFAULT_REGION: undefined },
      machineSettings,
      settings: { 'security.workspace.trust.startupPrompt': 'never' },
      trust: true,
      stop: () => s.stop(),
    };
  },
};

/** @param {import('../lib/ui.mjs').Ui} ui */
const sidebar = (ui) => ui.page.locator('.part.sidebar');
/** The welcome content's text, '' when the view shows rows instead. */
const welcomeText = async (ui) => {
  const w = sidebar(ui).locator('.welcome-view-content');
  return (await w.count()) && (await w.first().isVisible()) ? (await w.first().innerText()).replace(/\s+/g, ' ') : '';
};
/** The labels of the view title's action buttons (Refresh, Bind, ...). */
const titleActions = async (ui) => (await sidebar(ui).locator('.composite.title .actions-container .action-label').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''))).filter(Boolean);
const isNoRegion = (t) => /no Region/.test(t) && !/Region from|profile\/env/i.test(t);

/** @type {{ name: string, run: (ui: import('../lib/ui.mjs').Ui) => Promise<void> }[]} */
export default [
  {
    name: 'Restricted Mode: the Pools view says why it is empty and offers Manage Workspace Trust; its title has no Bind or Refresh',
    async run(ui) {
      assert.ok(services, 'the AWS services did not start');
      await ui.page.locator('.activitybar .action-item a[aria-label^="Cognito Triggers"]').first().click();
      const text = await ui.waitFor('the Restricted Mode welcome content', async () => {
        const t = await welcomeText(ui);
        return t.includes('Restricted Mode') ? t : undefined;
      }, 30_000);
      await ui.shot('pools-restricted');
      assert.match(text, /reads user pools from AWS only in a trusted workspace/);
      assert.equal(await sidebar(ui).locator('.welcome-view-content .monaco-button', { hasText: 'Manage Workspace Trust' }).count(), 1);
      // No truncated "Trust the workspace…" tree row instead of it.
      assert.equal(await sidebar(ui).locator('.monaco-list-row').count(), 0, 'tree rows in Restricted Mode');
      const actions = await titleActions(ui);
      assert.ok(!actions.some((a) => /Bind|Refresh/.test(a)), actions.join(' | '));
      // The AWS status item: no Region anywhere, and it says so (never "Region from profile/env").
      const status = await ui.waitFor('the AWS status item', async () => (await ui.statusBarTexts()).find((t) => t.includes('default chain')), 20_000);
      assert.ok(isNoRegion(status), status);
    },
  },
  {
    name: 'Manage Workspace Trust → Trust: the view refreshes by itself to "No AWS Region" with Select AWS Region; Bind and Refresh appear',
    async run(ui) {
      await sidebar(ui).locator('.welcome-view-content .monaco-button', { hasText: 'Manage Workspace Trust' }).click();
      const trust = ui.page.locator('.workspace-trust-editor .monaco-button', { hasText: /^Trust$/ }).first();
      await trust.waitFor({ state: 'visible', timeout: 20_000 });
      await ui.shot('trust-editor');
      await trust.click();
      const text = await ui.waitFor('the No Region welcome content', async () => {
        const t = await welcomeText(ui);
        return t.includes('No AWS Region is set') ? t : undefined;
      }, 30_000);
      await ui.shot('pools-no-region');
      assert.equal(await sidebar(ui).locator('.welcome-view-content .monaco-button', { hasText: 'Select AWS Region' }).count(), 1, text);
      assert.equal(await sidebar(ui).locator('.monaco-list-row').count(), 0, 'tree rows instead of the welcome content');
      const actions = await ui.waitFor('Bind in the view title', async () => {
        const a = await titleActions(ui);
        return a.some((x) => x.includes('Bind Trigger')) ? a : undefined;
      });
      assert.ok(actions.some((a) => a.includes('Refresh')), actions.join(' | '));
    },
  },
  {
    name: 'Bind with no Region: the error has a Select AWS Region button; the picker names Regions and finds one by name; the view then lists the pool',
    async run(ui) {
      await ui.runCommand('Cognito Triggers: Bind Trigger to a Pool…');
      await ui.pick('User pool', { title: 'Bind Trigger (1/4): user pool or identity pool?' });
      const toast = ui.page.locator('.notifications-toasts .notification-toast', { hasText: 'no AWS Region is set' }).first();
      await toast.waitFor({ state: 'visible', timeout: 30_000 });
      await ui.shot('no-region-error');
      await toast.getByRole('button', { name: 'Select AWS Region', exact: true }).click();
      // Typing a word of the name finds the Region (matchOnDescription); the row shows both.
      const offered = await ui.pick('us-east-1', { title: 'AWS Region for Cognito Triggers', filter: 'Virginia' });
      assert.ok(offered.includes('us-east-1, US East (N. Virginia)'), offered.join(' | '));
      assert.ok(offered.includes('eu-central-1, Europe (Frankfurt)'), offered.join(' | '));
      const pool = sidebar(ui).locator('.monaco-list-row[aria-level="1"]', { hasText: POOL }).first();
      await pool.waitFor({ state: 'visible', timeout: 30_000 });
      assert.ok((await pool.innerText()).includes(poolId), await pool.innerText());
      assert.equal(await welcomeText(ui), '', 'welcome content beside the pools');
      await ui.waitFor('the Region in the status bar', async () => (await ui.statusBarTexts()).includes('default chain · us-east-1'), 20_000);
      await ui.shot('pools-listed');
      // The failure is in the log once (the server logs what it answers; the extension does not repeat it).
      // First close the Workspace Trust editor (modal: it keeps the keyboard from the palette).
      const trustEditor = ui.page.getByText('You trust this folder');
      if (await trustEditor.isVisible()) {
        await ui.page.getByText('You trust this folder').click();
        await ui.page.keyboard.press('Escape');
        await trustEditor.waitFor({ state: 'hidden', timeout: 10_000 });
      }
      await ui.runCommand('Cognito Triggers: Show Log');
      const log = await ui.waitFor('the NoRegion line in the log', async () => {
        const t = await ui.outputText();
        return t.includes('ListUserPools failed: no AWS Region is set') ? t : undefined;
      }, 15_000);
      assert.equal(log.split('ListUserPools failed: no AWS Region is set').length - 1, 1, log);
      assert.match(log, /ListUserPools failed: no AWS Region is set\. \(NoRegion\) Choose a Region/);
    },
  },
  {
    name: 'Bind a custom sender to a pool without a KMS key: the key is asked before the function, and an empty answer is refused',
    async run(ui) {
      await ui.runCommand('Cognito Triggers: Bind Trigger to a Pool…');
      await ui.pick('User pool', { title: 'Bind Trigger (1/4): user pool or identity pool?' });
      await ui.pick(POOL, { title: 'Bind Trigger (2/4): user pool' });
      await ui.pick('CustomEmailSender', { title: `Bind Trigger (3/4): trigger slot of ${POOL}` });
      // Step 4 of 5: the key; the function comes after it.
      const widget = ui.page.locator('.quick-input-widget');
      const title = `Bind Trigger (4/5): KMS key ARN for CustomEmailSender of ${POOL}`;
      await ui.waitFor('the KMS key input', async () => (await widget.locator('.quick-input-title').isVisible()) && (await widget.locator('.quick-input-title').innerText()).trim() === title, 20_000);
      const message = widget.locator('.quick-input-message');
      assert.match((await message.innerText()).replace(/\s+/g, ' '), new RegExp(`${POOL} has no KMS key \\(LambdaConfig\\.KMSKeyID\\)`));
      await ui.page.keyboard.press('Enter');
      await ui.waitFor('the refusal of an empty key', async () => /cannot be bound without one/.test(await message.innerText()));
      await ui.shot('kms-required');
      assert.equal((await widget.locator('.quick-input-title').innerText()).trim(), title, 'Enter with no key moved on');
      await ui.page.keyboard.press('Escape');
      assert.equal(services?.fake.callsOf('AddPermission').length, 0);
    },
  },
];
