// UI: Run Flow… on a pool, as the CLI's --pool: a DescribeUserPool JSON file of the folder, then deployed
// user pools (cognito-local on 127.0.0.1), each binding PreSignUp to a function that only the bindings file
// links to its local handler. The Flow Timeline's PreSignUp event carries that pool's id and Region, and
// for a deployed pool its app client's id: the only one without a step, one of two after a pick.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REGION, startAwsEnvironment } from './support/awsServices.mjs';
import { answerInput, timelineRows } from './runFlow.mjs';

const ACCOUNT = '123456789012';
const FN = 'ui-flow-pre-sign-up';
const POOL = 'ui-e2e-flow-pool';
/** A second deployed pool, with two app clients. */
const TWO_CLIENTS_POOL = 'ui-e2e-two-clients';
const FILE_POOL_ID = 'eu-west-1_Fl0wP00l';
const arn = (region, name) => `arn:aws:lambda:${region}:${ACCOUNT}:function:${name}`;

let services = /** @type {Awaited<ReturnType<typeof startAwsEnvironment>>['services'] | undefined} */ (undefined);
let poolId = '';
let clientId = '';
let twoClientsPoolId = '';
/** The two app clients of TWO_CLIENTS_POOL by name. */
const clientIds = { web: '', admin: '' };

/** The folder: a pre sign-up handler, a bindings entry naming only its function (no trigger), a pool file. */
function writeWorkspace(workspace) {
  fs.mkdirSync(path.join(workspace, 'handlers'), { recursive: true });
  fs.writeFileSync(path.join(workspace, 'handlers', 'flowPreSignUp.js'), 'exports.handler = async (event) => {\n  event.response.autoConfirmUser = true;\n  return event;\n};\n');
  fs.writeFileSync(path.join(workspace, 'cognito-triggers.json'), `${JSON.stringify({ handlers: [{ file: 'handlers/flowPreSignUp.js', functionName: FN }] }, null, 2)}\n`);
  fs.mkdirSync(path.join(workspace, 'pools'), { recursive: true });
  fs.writeFileSync(path.join(workspace, 'pools', 'prod-pool.json'), `${JSON.stringify({ UserPool: { Id: FILE_POOL_ID, Name: 'prod', LambdaConfig: { PreSignUp: arn('eu-west-1', FN) } } }, null, 2)}\n`);
}

/** Started by test/e2e/run.mjs before this module's own code-server. */
export const environment = {
  /** @param {{ root: string, workspace: string, tmp: string }} o */
  async start({ root, workspace, tmp }) {
    writeWorkspace(workspace);
    const started = await startAwsEnvironment({ root, tmp, state: { functions: [{ name: FN, arn: arn(REGION, FN), runtime: 'nodejs22.x', statements: [], run: (/** @type {unknown} */ e) => e }], identityPools: [] } }, async (s) => {
      poolId = (await s.cognito('CreateUserPool', { PoolName: POOL, LambdaConfig: { PreSignUp: arn(REGION, FN) } })).UserPool.Id;
      clientId = (await s.cognito('CreateUserPoolClient', { UserPoolId: poolId, ClientName: 'shop-web', PreventUserExistenceErrors: 'ENABLED' })).UserPoolClient.ClientId;
      twoClientsPoolId = (await s.cognito('CreateUserPool', { PoolName: TWO_CLIENTS_POOL, LambdaConfig: { PreSignUp: arn(REGION, FN) } })).UserPool.Id;
      for (const name of /** @type {const} */ (['web', 'admin'])) clientIds[name] = (await s.cognito('CreateUserPoolClient', { UserPoolId: twoClientsPoolId, ClientName: `${name}-app` })).UserPoolClient.ClientId;
    });
    services = started.services;
    return started.environment;
  },
};

/** Runs sign-up for `user` after the pool steps, and returns the PreSignUp step's event as the JSON editor shows it. */
async function signUp(ui, user, firstStep, total = 6) {
  await ui.pick('sign-up', { title: `Run Flow (${firstStep}/${total}): which Cognito flow?` });
  await answerInput(ui, `Run Flow (${firstStep + 1}/${total}): sign-up, user name`, user);
  await answerInput(ui, `Run Flow (${firstStep + 2}/${total}): sign-up, password`, 'Passw0rd!');
  await answerInput(ui, `Run Flow (${firstStep + 3}/${total}): sign-up, user attributes`, `email=${user}@example.com`);
  // This user's run, not the previous test's timeline still showing (its rows are replaced when the new run ends).
  await timelineRows(ui, `the Flow Timeline of ${user}'s sign-up`, (t) => t.some((r) => r.includes('Flow sign-up: succeeded')) && t.some((r) => r.includes('PreSignUp_SignUp')) && t.some((r) => r.includes(`${user} created`)));
  // The step opens to its event: click its row (a click selects and expands a new tree's row) and, while it is
  // still collapsed, ArrowRight; again until the event row shows (a re-render can take the first click).
  const step = ui.page.locator('.part.panel .monaco-list-row', { hasText: 'PreSignUp_SignUp' }).first();
  const eventRow = ui.page.locator('.part.panel .monaco-list-row', { hasText: '"triggerSource":"PreSignUp_SignUp"' }).first();
  await ui.waitFor('the PreSignUp step opened', async () => {
    if (await eventRow.isVisible()) return true;
    await step.click();
    if ((await step.getAttribute('aria-expanded')) === 'false') await ui.page.keyboard.press('ArrowRight');
    return (await eventRow.isVisible().catch(() => false)) || undefined;
  }, 60_000);
  // The row shows the start of the event; a click opens all of it as JSON.
  await ui.page.locator('.part.panel .monaco-list-row', { hasText: '"triggerSource":"PreSignUp_SignUp"' }).first().click();
  return ui.waitFor('the event opened as JSON', async () => {
    const text = (await ui.editorLines()).join('\n');
    return text.includes('"userPoolId"') && text.includes(`"userName": "${user}"`) ? text : undefined;
  }, 30_000);
}

/** @type {{ name: string, run: (ui: import('../lib/ui.mjs').Ui) => Promise<void> }[]} */
export default [
  {
    name: "Run Flow… with a DescribeUserPool JSON file (as flow --pool FILE): the pool's PreSignUp runs the handler the bindings file names, with the pool's id and Region",
    async run(ui) {
      assert.ok(services, 'the AWS services did not start');
      await ui.runCommand('Cognito Triggers: Run Flow…');
      await ui.pick('A DescribeUserPool JSON file…', { title: 'Run Flow (1/5): which pool configuration?' });
      // The folder's JSON files that hold a DescribeUserPool answer, with their pool id.
      await ui.pick('pools/prod-pool.json', { title: 'Run Flow (2/6): DescribeUserPool JSON file' });
      const event = await signUp(ui, 'jane', 3);
      assert.ok(event.includes(`"userPoolId": "${FILE_POOL_ID}"`) && event.includes('"region": "eu-west-1"'), event);
      await ui.shot('pool-file');
    },
  },
  {
    name: 'Run Flow… on a deployed user pool: DescribeUserPool through the profile, its only app client used without a step, and its PreSignUp runs the local handler',
    async run(ui) {
      assert.ok(services, 'the AWS services did not start');
      await ui.runCommand('Cognito Triggers: Run Flow…');
      await ui.pick('A deployed user pool…', { title: 'Run Flow (1/5): which pool configuration?' });
      await ui.pick(POOL, { title: 'Run Flow (2/6): user pool' });
      const event = await signUp(ui, 'john', 3);
      assert.ok(event.includes(`"userPoolId": "${poolId}"`) && event.includes(`"region": "${REGION}"`), event);
      assert.ok(event.includes(`"clientId": "${clientId}"`), event);
      await ui.shot('deployed-pool');
    },
  },
  {
    name: 'Run Flow… on a deployed user pool with two app clients: a step asks which (name and id), and the flow runs as the one picked',
    async run(ui) {
      assert.ok(services, 'the AWS services did not start');
      await ui.runCommand('Cognito Triggers: Run Flow…');
      await ui.pick('A deployed user pool…', { title: 'Run Flow (1/5): which pool configuration?' });
      await ui.pick(TWO_CLIENTS_POOL, { title: 'Run Flow (2/6): user pool' });
      const offered = await ui.pick('admin-app', { title: 'Run Flow (3/7): which app client?' });
      assert.deepEqual([...offered].sort(), [`admin-app, ${clientIds.admin}`, `web-app, ${clientIds.web}`].sort(), JSON.stringify(offered));
      const event = await signUp(ui, 'joan', 4, 7);
      assert.ok(event.includes(`"userPoolId": "${twoClientsPoolId}"`) && event.includes(`"clientId": "${clientIds.admin}"`), event);
      await ui.shot('deployed-pool-two-clients');
    },
  },
  {
    name: "Pools view: a user pool's context menu Run Flow… on the pool with two app clients asks which app client first, and the flow runs as that one",
    async run(ui) {
      assert.ok(services, 'the AWS services did not start');
      await ui.page.locator('.activitybar .action-item a[aria-label^="Cognito Triggers"]').first().click();
      const pool = ui.page.locator('.part.sidebar .monaco-list-row[aria-level="1"]', { hasText: TWO_CLIENTS_POOL }).first();
      await pool.waitFor({ state: 'visible', timeout: 30_000 });
      // The pool row's Run Flow…, until the first step (the app client) asks.
      const title = ui.page.locator('.quick-input-widget .quick-input-title', { hasText: 'Run Flow (1/5): which app client?' });
      await ui.contextMenu(pool, 'Run Flow…', () => title.isVisible().catch(() => false));
      // The pool is given: the app client is the first step (4 planned, one more for the pick).
      await ui.pick('web-app', { title: 'Run Flow (1/5): which app client?' });
      const event = await signUp(ui, 'jill', 2, 5);
      assert.ok(event.includes(`"userPoolId": "${twoClientsPoolId}"`) && event.includes(`"clientId": "${clientIds.web}"`), event);
      await ui.shot('pools-view-two-clients');
    },
  },
];
