// UI: the Pools view links a deployed slot to the workspace handler that the repository's serverless.yml wires to it (no cognito-triggers.json): the row names the handler, its tooltip cites the IaC line, and a click opens the handler (cognito-local and the fake Lambda, 127.0.0.1 only).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REGION, startAwsEnvironment } from './support/awsServices.mjs';

const ACCOUNT = '123456789012';
const arn = (name) => `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`;
const POOL = 'ui-e2e-link';
// What `serverless deploy --stage dev` names functions.preSignUp of service "shop": <service>-<stage>-<key>.
const DEPLOYED = 'shop-dev-preSignUp';
const SERVERLESS_YML = ['service: shop', 'provider:', '  name: aws', '  runtime: nodejs22.x', 'functions:', '  preSignUp:', '    handler: fn1/handler.handler', '    events:', '      - cognitoUserPool:', `          pool: ${POOL}`, '          trigger: PreSignUp', '          existing: true', ''].join('\n');
// The line of `handler: fn1/handler.handler`, which the view cites as where the deployed name comes from.
const HANDLER_LINE = SERVERLESS_YML.split('\n').indexOf('    handler: fn1/handler.handler') + 1;

let services = /** @type {Awaited<ReturnType<typeof startAwsEnvironment>>['services'] | undefined} */ (undefined);
let poolId = '';

/** Started by test/e2e/run.mjs before this module's own code-server, in this module's own copy of the workspace. */
export const environment = {
  /** @param {{ root: string, workspace: string, tmp: string }} o */
  async start({ root, workspace, tmp }) {
    // The repository names the handler only in its serverless.yml: no annotation, no bindings file.
    assert.equal(fs.existsSync(path.join(workspace, 'cognito-triggers.json')), false, 'the fixture workspace has a bindings file');
    fs.writeFileSync(path.join(workspace, 'serverless.yml'), SERVERLESS_YML);
    fs.mkdirSync(path.join(workspace, 'fn1'), { recursive: true });
    fs.writeFileSync(path.join(workspace, 'fn1', 'handler.js'), '// shop: functions.preSignUp (fn1)\nexports.handler = async (event) => {\n  event.response.autoConfirmUser = false;\n  return event;\n};\n');
    const started = await startAwsEnvironment({ root, tmp, state: { functions: [{ name: DEPLOYED, arn: arn(DEPLOYED), runtime: 'nodejs22.x', statements: [], run: (/** @type {unknown} */ e) => e }], identityPools: [] } }, async (s) => {
      poolId = (await s.cognito('CreateUserPool', { PoolName: POOL, LambdaConfig: { PreSignUp: arn(DEPLOYED) } })).UserPool.Id;
    });
    services = started.services;
    return started.environment;
  },
};

/** @type {{ name: string, run: (ui: import('../lib/ui.mjs').Ui) => Promise<void> }[]} */
export default [
  {
    name: 'Pools view: the PreSignUp slot names fn1/handler.js from serverless.yml (tooltip cites the line); a click opens that handler',
    async run(ui) {
      assert.ok(services, 'the AWS services did not start');
      await ui.page.locator('.activitybar .action-item a[aria-label^="Cognito Triggers"]').first().click();
      const sidebar = ui.page.locator('.part.sidebar');
      const pool = sidebar.locator('.monaco-list-row[aria-level="1"]', { hasText: POOL }).first();
      await pool.waitFor({ state: 'visible', timeout: 30_000 });
      assert.ok((await pool.innerText()).includes(poolId), await pool.innerText());
      // Pools are described when expanded.
      if ((await pool.getAttribute('aria-expanded')) !== 'true') await pool.click();
      const slot = sidebar.locator('.monaco-list-row[aria-level="2"][aria-label^="PreSignUp "]').first();
      await slot.waitFor({ state: 'visible', timeout: 20_000 });
      // The function as deployed, then the handler the repository builds it from.
      assert.match((await slot.getAttribute('aria-label')) ?? '', new RegExp(`^PreSignUp ${DEPLOYED} ← fn1/handler\\.js#handler\\b`));
      await slot.hover();
      const tooltip = await ui.waitFor('the PreSignUp row tooltip', async () => {
        const t = await ui.hoverWidgetText();
        return t.includes('Built from') ? t : undefined;
      }, 10_000);
      await ui.shot('slot-linked');
      assert.ok(tooltip.includes(`Bound: ${arn(DEPLOYED)}`), tooltip);
      assert.ok(tooltip.includes('Built from fn1/handler.js (export handler): the infrastructure code names it'), tooltip);
      assert.ok(tooltip.includes(`serverless.yml:${HANDLER_LINE} functions.preSignUp (deployed as shop-*-preSignUp)`), tooltip);
      await slot.click();
      const tab = ui.page.locator('.tab.active[aria-label*="handler.js"]');
      await tab.waitFor({ state: 'visible', timeout: 20_000 });
      const lines = await ui.waitFor('the handler in the editor', async () => {
        const l = await ui.editorLines();
        return l.some((x) => x.includes('exports.handler')) ? l : undefined;
      }, 20_000);
      await ui.shot('handler-opened');
      // fn1/handler.js itself: no other file of the workspace has this first line.
      assert.equal(lines[0], '// shop: functions.preSignUp (fn1)', lines.join('\n'));
      assert.deepEqual(services.tripwire.hits, [], 'no request reached the catch-all endpoint');
    },
  },
];
