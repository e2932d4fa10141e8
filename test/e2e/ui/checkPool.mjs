// UI: a person runs Check Pool… on a user pool whose PreSignUp function lacks Cognito's permission, sees the finding in the Pool Check view, clicks its own Apply Fix button, reviews the bind, and sees the pool healthy; then on a pool whose function any pool may invoke (a broad statement), whose AWS fix goes through a review (Cancel changes nothing) and the SDK, not a terminal (cognito-local and the fake Lambda, 127.0.0.1 only).
import * as assert from 'node:assert/strict';
import { REGION, startAwsEnvironment } from './support/awsServices.mjs';

const ACCOUNT = '123456789012';
const arn = (name) => `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`;
const HOOK = 'ui-check-hook';
const POOL = 'ui-e2e-check';
const BROAD = 'ui-check-broad';
const BROAD_POOL = 'ui-e2e-broad';

let services = /** @type {Awaited<ReturnType<typeof startAwsEnvironment>>['services'] | undefined} */ (undefined);
let poolId = '';
let poolArn = '';
let broadPoolArn = '';

/** Started by test/e2e/run.mjs before this module's own code-server. */
export const environment = {
  /** @param {{ root: string, workspace: string, tmp: string }} o */
  async start({ root, tmp }) {
    // The function exists but its resource policy has no statement for the pool: Cognito's invocation is refused.
    // The second function's policy lets Cognito invoke it with no SourceArn: any pool of any account may.
    const broad = { Sid: 'anyone', Effect: 'Allow', Principal: { Service: 'cognito-idp.amazonaws.com' }, Action: 'lambda:InvokeFunction', Resource: arn(BROAD) };
    const started = await startAwsEnvironment({
      root,
      tmp,
      state: {
        functions: [
          { name: HOOK, arn: arn(HOOK), runtime: 'nodejs24.x', statements: [], run: (/** @type {unknown} */ e) => e },
          { name: BROAD, arn: arn(BROAD), runtime: 'nodejs24.x', statements: [broad], run: (/** @type {unknown} */ e) => e },
        ],
        identityPools: [],
      },
    }, async (s) => {
      const created = (await s.cognito('CreateUserPool', { PoolName: POOL, LambdaConfig: { PreSignUp: arn(HOOK) } })).UserPool;
      poolId = created.Id;
      poolArn = created.Arn;
      broadPoolArn = (await s.cognito('CreateUserPool', { PoolName: BROAD_POOL, LambdaConfig: { PostConfirmation: arn(BROAD) } })).UserPool.Arn;
    });
    services = started.services;
    return started.environment;
  },
};

/** @type {{ name: string, run: (ui: import('../lib/ui.mjs').Ui) => Promise<void> }[]} */
export default [
  {
    name: 'Check Pool…: the missing permission is a row with its own Apply Fix; the review, Apply, and the pool is healthy',
    async run(ui) {
      assert.ok(services, 'the AWS services did not start');
      // The extension starts when a handler or event file opens (activationEvents): with nothing open it had
      // started only when VS Code happened to load a JSON document first, and the status item never came.
      await ui.openFile('handlers/preSignUp.js');
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
      // Pool name first; the id in the details.
      assert.ok(review.includes(`${POOL}: PreSignUp is already bound, nothing to change in the pool.`), review);
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
  {
    name: 'Check Pool…: a broad permission\'s AWS fix is reviewed (Cancel changes nothing), applied through the SDK (no terminal), reported, and the pool is checked again',
    async run(ui) {
      assert.ok(services, 'the AWS services did not start');
      const s = services;
      const changes = () => s.fake.calls.filter((c) => ['AddPermission', 'RemovePermission'].includes(c.operation) && c.resource === arn(BROAD));
      await ui.runCommand('Cognito Triggers: Check Pool…');
      await ui.pick('User pool', { title: 'Check Pool (1/2): user pool or identity pool?' });
      await ui.pick(BROAD_POOL, { title: 'Check Pool (2/2): user pool' });
      const sidebar = ui.page.locator('.part.sidebar');
      const finding = sidebar.locator('.monaco-list-row[aria-level="1"]', { hasText: 'PostConfirmation: permission-broad' }).first();
      await finding.waitFor({ state: 'visible', timeout: 30_000 });
      assert.match(await finding.innerText(), /Replace statement anyone with one scoped to this pool/);
      const clickFix = async () => {
        await finding.hover();
        const button = finding.locator('.actions .action-label[aria-label="Apply Fix…"]');
        await button.waitFor({ state: 'visible', timeout: 10_000 });
        await button.click();
        return ui.dialogText();
      };
      // The review: the current state read, each step with what it changes, nothing applied yet.
      const review = await clickFix();
      await ui.shot('aws-fix-review');
      assert.ok(review.includes(`${BROAD_POOL}: review the fix (nothing else changes):`), review);
      assert.match(review, /1\. AddPermission on \S+ui-check-broad: statement CognitoTriggers-userpool-\S+ lets cognito-idp\.amazonaws\.com invoke it for \S+ \(SourceAccount \S+\)\. Now: no statement lets cognito-idp\.amazonaws\.com invoke it for this pool\./, review);
      assert.match(review, /2\. RemovePermission on \S+ui-check-broad: statement anyone removed\. Now: statement anyone is in the policy\./, review);
      assert.ok(review.includes(broadPoolArn), review);
      assert.ok(review.includes('The same as: aws lambda add-permission'), review);
      assert.deepEqual(changes(), [], 'nothing changes before Apply');
      await ui.dialogButton('Cancel');
      assert.equal(await ui.page.locator('.monaco-dialog-box').count(), 0, 'a second dialog after Cancel');
      assert.deepEqual(changes(), [], 'Cancel changed something');
      assert.deepEqual(s.fake.state.functions.find((f) => f.name === BROAD)?.statements.map((x) => x.Sid), ['anyone']);
      // Now Apply: both calls reach the fake, whose endpoint only the extension's settings name (a
      // terminal's AWS CLI would not know it).
      await clickFix();
      await ui.dialogButton('Apply');
      const healthy = sidebar.locator('.monaco-list-row[aria-level="1"]', { hasText: `${BROAD_POOL}: healthy: no findings` }).first();
      await healthy.waitFor({ state: 'visible', timeout: 30_000 });
      await ui.shot('aws-fix-healthy');
      assert.deepEqual(changes().map((c) => c.operation), ['AddPermission', 'RemovePermission']);
      const [added, removed] = changes();
      assert.deepEqual([added?.params.Principal, added?.params.SourceArn, removed?.params.StatementId], ['cognito-idp.amazonaws.com', broadPoolArn, 'anyone']);
      assert.ok(changes().every((c) => c.authorization.startsWith('AWS4-HMAC-SHA256')), 'signed SDK calls');
      // The message says what was applied.
      // From the notification center: a toast may already be hidden (or held behind others) by the time it is looked for.
      await ui.waitFor('the applied message', async () => (await ui.allNotifications()).some((t) => t.includes(`${BROAD_POOL}: applied AddPermission on`) && t.includes('RemovePermission on')), 20_000);
      assert.deepEqual(s.tripwire.hits, [], 'no request reached the catch-all endpoint');
    },
  },
  {
    name: "Pools view: a pool's context menu Check Pool… checks that pool with no picker, and finds the permission removed since",
    async run(ui) {
      assert.ok(services, 'the AWS services did not start');
      const s = services;
      // Someone removes the permission the first test added: the pool is broken again.
      const hook = s.fake.state.functions.find((f) => f.name === HOOK);
      assert.ok(hook && hook.statements.length > 0, 'the first test added the permission');
      hook.statements = [];
      const sidebar = ui.page.locator('.part.sidebar');
      const pool = sidebar.locator('.monaco-list-row[aria-level="1"]', { hasText: POOL }).first();
      // The Pool Check view shares the container: its icon is already active, and a click on an active icon
      // hides the side bar. Click it only while the pool's row is not shown, then wait a turn.
      await ui.waitFor("the pool's row in the Pools and Triggers view", async () => {
        if (await pool.isVisible().catch(() => false)) return true;
        await ui.page.locator('.activitybar .action-item a[aria-label^="Cognito Triggers"]').first().click();
        return pool.waitFor({ state: 'visible', timeout: 5_000 }).then(() => true, () => undefined);
      }, 30_000);
      // The pool row's Check Pool…, until the Pool Check view shows the finding (no picker: the row named the pool).
      const finding = sidebar.locator('.monaco-list-row[aria-level="1"]', { hasText: 'PreSignUp: permission-missing' }).first();
      await ui.contextMenu(pool, 'Check Pool…', () => finding.isVisible().catch(() => false));
      assert.equal(await ui.page.locator('.quick-input-widget .quick-input-title').isVisible(), false, 'a picker opened');
      assert.ok((await sidebar.locator('.monaco-list-row[aria-level="1"]', { hasText: `${POOL}: 1 error(s)` }).count()) === 1, 'the summary names the pool');
      await ui.shot('pool-context-check');
      assert.deepEqual(s.tripwire.hits, [], 'no request reached the catch-all endpoint');
    },
  },
];
