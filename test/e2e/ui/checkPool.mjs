// UI: a person runs Check Pool… on a user pool whose PreSignUp function lacks Cognito's permission, sees the finding in the Pool Check view, clicks its own Apply Fix button, reviews the bind, and sees the pool healthy (cognito-local and the fake Lambda, 127.0.0.1 only).
import * as assert from 'node:assert/strict';
import { REGION, startAwsServices } from './support/awsServices.mjs';

const ACCOUNT = '123456789012';
const arn = (name) => `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`;
const HOOK = 'ui-check-hook';
const POOL = 'ui-e2e-check';

let services = /** @type {Awaited<ReturnType<typeof startAwsServices>> | undefined} */ (undefined);
let poolId = '';
let poolArn = '';

/** Started by test/e2e/run.mjs before this module's own code-server. */
export const environment = {
  /** @param {{ root: string, workspace: string, tmp: string }} o */
  async start({ root, tmp }) {
    // The function exists but its resource policy has no statement for the pool: Cognito's invocation is refused.
    services = await startAwsServices({ root, tmp, state: { functions: [{ name: HOOK, arn: arn(HOOK), runtime: 'nodejs24.x', statements: [], run: (/** @type {unknown} */ e) => e }], identityPools: [] } });
    try {
      const created = (await services.cognito('CreateUserPool', { PoolName: POOL, LambdaConfig: { PreSignUp: arn(HOOK) } })).UserPool;
      poolId = created.Id;
      poolArn = created.Arn;
    } catch (e) {
      await services.stop();
      throw e;
    }
    const s = services;
    return { env: s.env, machineSettings: s.machineSettings, stop: () => s.stop() };
  },
};

/** @type {{ name: string, run: (ui: import('../lib/ui.mjs').Ui) => Promise<void> }[]} */
export default [
  {
    name: 'Check Pool…: the missing permission is a row with its own Apply Fix; the review, Apply, and the pool is healthy',
    async run(ui) {
      assert.ok(services, 'the AWS services did not start');
      await ui.waitFor(`"${REGION}" in the AWS status bar item`, async () => (await ui.statusBarTexts()).includes(`default chain · ${REGION}`), 30_000);
      await ui.runCommand('Cognito Triggers: Check Pool…');
      await ui.pick('User pool', { title: 'Check Pool (1/2): user pool or identity pool?' });
      await ui.pick(POOL, { title: 'Check Pool (2/2): user pool' });
      // The Pool Check view opens in the side bar: a summary row, then one row per finding.
      const sidebar = ui.page.locator('.part.sidebar');
      const summary = sidebar.locator('.monaco-list-row[aria-level="1"]', { hasText: `${POOL}: 1 error(s)` }).first();
      await summary.waitFor({ state: 'visible', timeout: 30_000 });
      const finding = sidebar.locator('.monaco-list-row[aria-level="1"]', { hasText: 'PreSignUp: permission-missing' }).first();
      await finding.waitFor({ state: 'visible', timeout: 10_000 });
      assert.match(await finding.innerText(), /Add the missing permission/);
      await ui.shot('finding');
      // Its own fix button, on the row (shown on hover, as VS Code shows inline actions).
      await finding.hover();
      const fixButton = finding.locator('.actions .action-label[aria-label="Apply Fix…"]');
      await fixButton.waitFor({ state: 'visible', timeout: 10_000 });
      assert.equal(await sidebar.locator('.monaco-list-row .actions .action-label[aria-label="Apply Fix…"]').count() >= 1, true);
      await fixButton.click();
      // Bind's review dialog: the slot already calls the function, so the pool is not updated; the
      // permission step adds the statement.
      const review = await ui.dialogText();
      await ui.shot('review');
      assert.ok(review.includes('Already bound: nothing to change in the pool.'), review);
      assert.ok(review.includes(poolId), review);
      assert.equal(services.fake.callsOf('AddPermission').length, 0, 'nothing is changed before the review is confirmed');
      await ui.dialogButton('Check permission only');
      // The pool is checked again after the fix: the summary says healthy, the finding row is gone.
      const healthy = sidebar.locator('.monaco-list-row[aria-level="1"]', { hasText: `${POOL}: healthy: no findings` }).first();
      await healthy.waitFor({ state: 'visible', timeout: 30_000 });
      await ui.shot('healthy');
      assert.equal(await sidebar.locator('.monaco-list-row[aria-level="1"]', { hasText: 'permission-missing' }).count(), 0);
      const added = services.fake.callsOf('AddPermission');
      assert.equal(added.length, 1, JSON.stringify(added));
      assert.deepEqual([added[0].params.Principal, added[0].params.SourceArn], ['cognito-idp.amazonaws.com', poolArn]);
      assert.deepEqual(services.tripwire.hits, [], 'no request reached the catch-all endpoint');
    },
  },
];
