// UI: Cognito Triggers: Run Flow… runs the custom-auth flow through the workspace's handlers; each custom
// challenge is answered in an input box that shows its public parameters, and the Flow Timeline shows
// the steps (a wrong then a right answer), the tokens; Re-run with three wrong answers marks the failed step.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const FIX = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'flows');
const EVENTS = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'examples', 'events');

// The fixtures' Create handler is TypeScript; the extension copy here has no esbuild to compile it (a
// .vsix carries it in dist/node_modules), so the window gets the same handler in JavaScript.
const CREATE_JS = `exports.handler = async (event) => {
  const round = event.request.session.filter((s) => s.challengeName === 'CUSTOM_CHALLENGE').length + 1;
  event.response.publicChallengeParameters = { question: 'What is 2 + 2?', round: String(round) };
  event.response.privateChallengeParameters = { answer: '4' };
  event.response.challengeMetadata = \`QUESTION-\${round}\`;
  return event;
};
`;

/** Binds the custom auth fixtures (Define CJS, Create CJS, Verify ESM) in the workspace's bindings file. */
function bindCustomAuth(workspace) {
  const dir = path.join(workspace, 'handlers', 'auth');
  fs.mkdirSync(dir, { recursive: true });
  for (const f of ['defineAuth.js', 'verifyAuth.mjs']) fs.copyFileSync(path.join(FIX, f), path.join(dir, f));
  fs.writeFileSync(path.join(dir, 'createAuth.js'), CREATE_JS);
  const handlers = [
    { file: 'handlers/auth/defineAuth.js', functionName: 'define', trigger: 'DefineAuthChallenge' },
    { file: 'handlers/auth/createAuth.js', functionName: 'create', trigger: 'CreateAuthChallenge' },
    { file: 'handlers/auth/verifyAuth.mjs', functionName: 'verify', trigger: 'VerifyAuthChallengeResponse' },
  ];
  fs.writeFileSync(path.join(workspace, 'cognito-triggers.json'), `${JSON.stringify({ handlers }, null, 2)}\n`);
}

/** Waits for the input box titled exactly `title`, returns its prompt, types `text` and presses Enter. */
async function answerInput(ui, title, text, ms = 60_000) {
  const widget = ui.page.locator('.quick-input-widget');
  const titleText = widget.locator('.quick-input-title');
  await ui.waitFor(`the input box "${title}"`, async () => (await widget.isVisible()) && (await titleText.isVisible()) && (await titleText.innerText()).trim() === title, ms);
  const prompt = (await widget.locator('.quick-input-message').innerText().catch(() => '')).replace(/\u00a0/g, ' ');
  await widget.locator('input').first().fill(text);
  await ui.page.keyboard.press('Enter');
  return prompt;
}

/** The Flow Timeline's rows as text (label and description), waiting until `until` holds. */
async function timelineRows(ui, what, until, ms = 60_000) {
  const rows = ui.page.locator('.part.panel .monaco-list-row');
  return ui.waitFor(what, async () => {
    const texts = (await rows.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
    return until(texts) ? texts : undefined;
  }, ms);
}

export { answerInput, timelineRows };

/** @type {{ name: string, run: (ui: import('../lib/ui.mjs').Ui) => Promise<void> }[]} */
export default [
  {
    name: 'Run Flow… custom-auth: a wrong then a right answer in input boxes showing the challenge; the Flow Timeline shows each step and the tokens',
    async run(ui) {
      bindCustomAuth(ui.workspace);
      // The command itself activates the extension (no file needs to be open).
      await ui.runCommand('Cognito Triggers: Run Flow…');
      // Each picker counts its steps as the other commands do; the unknown user brings a sixth. The pool is
      // the folder's own (its bindings file); runFlowPool.mjs picks a pool file and a deployed pool.
      await ui.pick("This folder's triggers", { title: 'Run Flow (1/5): which pool configuration?' });
      await ui.pick('custom-auth', { title: 'Run Flow (2/5): which Cognito flow?' });
      await answerInput(ui, 'Run Flow (3/5): custom-auth, user name', 'jane');
      await answerInput(ui, 'Run Flow (4/5): custom-auth, password', '');
      await answerInput(ui, 'Run Flow (5/5): custom-auth, user attributes', 'email=jane@example.com');
      await ui.pick('Create jane', { title: "Run Flow (6/6): jane is not in this session's local user store" });
      const first = await answerInput(ui, 'Custom challenge, round 1: CUSTOM_CHALLENGE', '5');
      assert.match(first, /What is 2 \+ 2\?/);
      const second = await answerInput(ui, 'Custom challenge, round 2: CUSTOM_CHALLENGE', '4');
      assert.match(second, /"round":"2"/);
      await timelineRows(ui, 'the Flow Timeline with the succeeded flow', (t) => t.some((r) => r.includes('Flow custom-auth: succeeded')));
      // The tree renders only the rows in view: room for all of them.
      await ui.page.locator('.part.panel .action-item a[aria-label^="Maximize Panel"]').first().click();
      const rows = await timelineRows(ui, 'every row of the timeline, the tokens last', (t) => t.some((r) => r.includes('Tokens (decoded)')));
      await ui.shot('timeline');
      const steps = rows.filter((r) => /^\d+\. /.test(r));
      // A row's text is its label then its description (no space between in innerText).
      const order = steps.map((r) => /^\d+\. (\w+_Authentication|RespondToAuthChallenge:)/.exec(r)?.[1]);
      assert.deepEqual(order.slice(0, 9), [
        'DefineAuthChallenge_Authentication', 'CreateAuthChallenge_Authentication', 'RespondToAuthChallenge:', 'VerifyAuthChallengeResponse_Authentication',
        'DefineAuthChallenge_Authentication', 'CreateAuthChallenge_Authentication', 'RespondToAuthChallenge:', 'VerifyAuthChallengeResponse_Authentication',
        'DefineAuthChallenge_Authentication',
      ], rows.join('\n'));
      // A step opens to its event, its answer, Cognito's verdict and its timing.
      const verify = ui.page.locator('.part.panel .monaco-list-row', { hasText: '4. VerifyAuthChallengeResponse_Authentication' }).first();
      await verify.click();
      const opened = await timelineRows(ui, 'the first Verify step opened', (t) => t.some((r) => r.startsWith('Answer') && r.includes('"answerCorrect":false')));
      assert.ok(opened.some((r) => r.startsWith('Event') && r.includes('"triggerSource":"VerifyAuthChallengeResponse_Authentication"')), opened.join('\n'));
      // The app's answers, each with the public parameters it answered.
      assert.ok(opened.some((r) => r.startsWith('3. RespondToAuthChallenge') && r.includes('The app answers "5" to {"question":"What is 2 + 2?","round":"1"}')), opened.join('\n'));
      assert.ok(opened.some((r) => r.startsWith('7. RespondToAuthChallenge') && r.includes('The app answers "4"')), opened.join('\n'));
      assert.ok(opened.some((r) => r.startsWith('Cognito:')), opened.join('\n'));
      assert.ok(opened.some((r) => /^Timing: [\d.]+ ms/.test(r)), opened.join('\n'));
      await ui.shot('step-opened');
    },
  },
  {
    name: 'Re-run from the timeline with three wrong answers: the failed step is highlighted with the error the app receives',
    async run(ui) {
      await ui.page.locator('.part.panel .action-item a[aria-label^="Re-run Flow"]').first().click();
      for (const [round, wrong] of [[1, '1'], [2, '2'], [3, '3']]) await answerInput(ui, `Custom challenge, round ${round}: CUSTOM_CHALLENGE`, wrong);
      const rows = await timelineRows(ui, 'the failed flow in the timeline', (t) => t.some((r) => r.includes('Flow custom-auth: failed')));
      assert.ok(rows.some((r) => r.startsWith('The app receives NotAuthorizedException') && r.includes('Incorrect username or password.')), rows.join('\n'));
      // The failed step (the last Define) is expanded, marked ✗, with the error as its first child; its icon is the error icon.
      const failed = ui.page.locator('.part.panel .monaco-list-row', { hasText: '✗' }).first();
      await failed.waitFor({ state: 'visible', timeout: 10_000 });
      assert.match(await failed.innerText(), /DefineAuthChallenge_Authentication/);
      assert.equal(await failed.locator('.codicon-error').count(), 1);
      // Its verdict row reads as the failure too (error icon, the error), and the verdict on Define's own
      // answer stays visible as the row's first line.
      const verdict = ui.page.locator('.part.panel .monaco-list-row', { hasText: 'Cognito: this step fails the flow with NotAuthorizedException' }).first();
      await verdict.waitFor({ state: 'visible', timeout: 10_000 });
      assert.match(await verdict.innerText(), /Incorrect username or password\./);
      assert.equal(await verdict.locator('.codicon-error').count(), 1);
      assert.equal(await verdict.locator('.codicon-law').count(), 0);
      const after = await timelineRows(ui, "the failed Define's own verdict", (t) => t.some((r) => r.startsWith('This answer on its own:')));
      assert.ok(after.some((r) => r === 'This answer on its own: Authentication fails: failAuthentication ends the flow.'), after.join('\n'));
      await ui.shot('failed-step');
    },
  },
  {
    name: 'Start Local Lambda Endpoint: an invocation from outside (the Lambda Invoke API) shows in the Flow Timeline with its event, answer and Cognito verdict',
    async run(ui) {
      await ui.runCommand('Cognito Triggers: Start Local Lambda Endpoint');
      const toast = await ui.waitFor('the endpoint URL in a notification', async () => (await ui.notifications()).find((t) => /Serving \d+ function names of .* at http:\/\/127\.0\.0\.1:\d+/.test(t)), 60_000);
      const url = /http:\/\/127\.0\.0\.1:\d+/.exec(toast)?.[0];
      // What cognito-local (or the app's tests) send: POST /2015-03-31/functions/{name}/invocations.
      const event = JSON.parse(fs.readFileSync(path.join(EVENTS, 'DefineAuthChallenge', 'DefineAuthChallenge_Authentication.json'), 'utf8'));
      event.request.session = [];
      event.request.userNotFound = false;
      const res = await fetch(`${url}/2015-03-31/functions/define/invocations`, { method: 'POST', body: JSON.stringify(event) });
      assert.equal(res.status, 200);
      assert.equal((await res.json()).response.challengeName, 'CUSTOM_CHALLENGE');
      // The endpoint's rows replace the last flow's.
      await timelineRows(ui, 'the invocation in the Flow Timeline instead of the last flow', (t) => t.some((r) => r.startsWith('1. define ← DefineAuthChallenge_Authentication')) && !t.some((r) => r.includes('Flow custom-auth')));
      await ui.page.locator('.part.panel .monaco-list-row', { hasText: '1. define ← DefineAuthChallenge_Authentication' }).first().click();
      const opened = await timelineRows(ui, 'the invocation opened', (t) => t.some((r) => r.startsWith('Answer') && r.includes('"challengeName":"CUSTOM_CHALLENGE"')));
      assert.ok(opened.some((r) => r.startsWith('Event') && r.includes('"triggerSource":"DefineAuthChallenge_Authentication"')), opened.join('\n'));
      assert.ok(opened.some((r) => r.startsWith('Cognito: ')), opened.join('\n'));
      await ui.shot('lambda-endpoint');
      await ui.runCommand('Cognito Triggers: Stop Local Lambda Endpoint');
      // The command answers once the server has closed the port, then says so.
      await ui.waitFor('the endpoint stopped', async () => (await ui.notifications()).some((t) => /The local Lambda endpoint of .* stopped\./.test(t)), 30_000);
      await assert.rejects(fetch(`${url}/2015-03-31/functions/define/invocations`, { method: 'POST', body: '{}' }));
    },
  },
];
