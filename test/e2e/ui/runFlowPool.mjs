// UI: Run Flow… on a pool, as the CLI's --pool: a DescribeUserPool JSON file of the folder, then a deployed
// user pool (cognito-local on 127.0.0.1), each binding PreSignUp to a function that only the bindings file
// links to its local handler. The Flow Timeline's PreSignUp event carries that pool's id and Region.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REGION, startAwsEnvironment } from './support/awsServices.mjs';
import { answerInput, timelineRows } from './runFlow.mjs';

const ACCOUNT = '123456789012';
const FN = 'ui-flow-pre-sign-up';
const POOL = 'ui-e2e-flow-pool';
const FILE_POOL_ID = 'eu-west-1_Fl0wP00l';
const arn = (region, name) => `arn:aws:lambda:${region}:${ACCOUNT}:function:${name}`;

let services = /** @type {Awaited<ReturnType<typeof startAwsEnvironment>>['services'] | undefined} */ (undefined);
let poolId = '';

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
    });
    services = started.services;
    return started.environment;
  },
};

/** Runs sign-up for `user` after the pool steps, and returns the PreSignUp step's event as the JSON editor shows it. */
async function signUp(ui, user, firstStep) {
  await ui.pick('sign-up', { title: `Run Flow (${firstStep}/6): which Cognito flow?` });
  await answerInput(ui, `Run Flow (${firstStep + 1}/6): sign-up, user name`, user);
  await answerInput(ui, `Run Flow (${firstStep + 2}/6): sign-up, password`, 'Passw0rd!');
  await answerInput(ui, `Run Flow (${firstStep + 3}/6): sign-up, user attributes`, `email=${user}@example.com`);
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
    name: 'Run Flow… on a deployed user pool: DescribeUserPool through the profile, and its PreSignUp runs the local handler',
    async run(ui) {
      assert.ok(services, 'the AWS services did not start');
      await ui.runCommand('Cognito Triggers: Run Flow…');
      await ui.pick('A deployed user pool…', { title: 'Run Flow (1/5): which pool configuration?' });
      await ui.pick(POOL, { title: 'Run Flow (2/6): user pool' });
      const event = await signUp(ui, 'john', 3);
      assert.ok(event.includes(`"userPoolId": "${poolId}"`) && event.includes(`"region": "${REGION}"`), event);
      await ui.shot('deployed-pool');
    },
  },
];
