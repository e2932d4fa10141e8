// UI: Developer: Reload Window while requests are in flight (a running invoke, completion, code lenses, diagnostics) leaves no error behind: no error notification in the new window, no [error] line in the log of the old or the new extension host.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** VS Code's log folder of this module's own code-server (so the log files read are this window's only). */
let logsDir = '';

/** Its own code-server: the old extension host's log files must be this window's. */
export const environment = {
  async start({ tmp }) {
    // run.mjs gives the module's services `<tmp>/ui-<name>-env` and its code-server `<tmp>/ui-<name>`.
    logsDir = path.join(tmp.replace(/-env$/, ''), 'ud', 'logs');
    return { async stop() {} };
  },
};

/** Every "Cognito Triggers" output channel log file VS Code wrote (one per extension host: before and after the reload). */
function channelLogs() {
  if (!fs.existsSync(logsDir)) return [];
  return fs
    .readdirSync(logsDir, { recursive: true })
    .map(String)
    .filter((f) => /Cognito Triggers\.log$/.test(f))
    .map((f) => ({ file: f, text: fs.readFileSync(path.join(logsDir, f), 'utf8') }));
}

/** A pre sign-up handler that never answers: its invoke is in flight until the window goes. */
const HANGS = `// @cognito-trigger PreSignUp
exports.handler = async (event) => {
  console.log('hanging for', event.userName);
  await new Promise(() => setInterval(() => {}, 1000));
};
`;

/** @type {{ name: string, run: (ui: import('../lib/ui.mjs').Ui) => Promise<void> }[]} */
export default [
  {
    name: 'Developer: Reload Window with an invoke, completion and lenses in flight: no error notification, no [error] in the old or new log',
    async run(ui) {
      fs.writeFileSync(path.join(ui.workspace, 'handlers', 'hangs.js'), HANGS);
      await ui.openFile('handlers/hangs.js');
      const lens = ui.editor().locator('.codelens-decoration a', { hasText: 'Invoke locally' }).first();
      await lens.waitFor({ state: 'visible', timeout: 30_000 });
      await lens.click();
      await ui.pick('events/PreSignUp/PreSignUp_SignUp.json', { title: 'Invoke locally: pick the event' });
      await ui.page.locator('.notifications-toasts .notification-toast', { hasText: 'Invoking hangs.js#handler' }).first().waitFor({ state: 'visible', timeout: 20_000 });
      // More requests on their way: each keystroke asks for completion, lenses, diagnostics.
      await ui.goTo(3, 1);
      await ui.type('  event.response.');
      await ui.shot('in-flight');
      const before = channelLogs();
      assert.ok(before.length >= 1, `no Cognito Triggers log file under ${logsDir}`);
      await ui.runCommand('Developer: Reload Window');
      // The new window: the workbench, then its extension host's language server.
      await ui.page.waitForLoadState('load');
      await ui.ready();
      await ui.waitFor('a second extension host log with the server ready', async () => {
        const logs = channelLogs();
        return logs.length > before.length && logs.some((l) => !before.some((b) => b.file === l.file) && l.text.includes('Language server ready'));
      }, 60_000);
      await ui.shot('after-reload');
      const toasts = await ui.notifications();
      const all = await ui.allNotifications().catch(() => []);
      const errors = [...toasts, ...all].filter((t) => /fail|error|not running/i.test(t));
      assert.deepEqual(errors, [], `error notifications after the reload: ${errors.join(' | ')}`);
      const errorLines = channelLogs().flatMap((l) => l.text.split('\n').filter((line) => /\[error\]/.test(line)).map((line) => `${l.file}: ${line}`));
      assert.deepEqual(errorLines, [], errorLines.join('\n'));
    },
  },
];
