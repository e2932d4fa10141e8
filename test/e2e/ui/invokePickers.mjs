// UI: the local invoke pickers offer what fits: a version 2 pre token handler gets the version 2 event (labelled so) and not version 1's; "Invoke with a handler…" on that event lists only its trigger's handlers with their files; the palette flow counts its steps and offers "Event file…".
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const EXAMPLES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'examples', 'events');

/** Writes the module's files into its workspace copy (the server lists files from disk at each request). */
function setUp(workspace) {
  const write = (rel, text) => {
    fs.mkdirSync(path.dirname(path.join(workspace, rel)), { recursive: true });
    fs.writeFileSync(path.join(workspace, rel), text);
  };
  // One triggerSource, two event versions: only their `version` tells them apart.
  write('events/PreTokenGeneration/TokenGeneration_HostedAuth.json', fs.readFileSync(path.join(EXAMPLES, 'PreTokenGeneration', 'TokenGeneration_HostedAuth.json'), 'utf8'));
  write('events/PreTokenGenerationV2/TokenGeneration_HostedAuth.json', fs.readFileSync(path.join(EXAMPLES, 'PreTokenGenerationV2', 'TokenGeneration_HostedAuth.json'), 'utf8'));
  write('handlers/tokens/v2.js', '// @cognito-trigger PreTokenGenerationV2\nexports.handler = async (event) => {\n  event.response = { claimsAndScopeOverrideDetails: { idTokenGeneration: { claimsToAddOrOverride: { tier: "gold" } } } };\n  return event;\n};\n');
  write('handlers/tokens/v1.js', '// @cognito-trigger PreTokenGeneration\nexports.handler = async (event) => event;\n');
  // No trigger signal at all, and two exports.
  write('handlers/plain.js', 'exports.handler = async (event) => event;\nexports.other = async (event) => event;\n');
}

/** Quick Open finds files written a moment ago once its search has caught up: on a busy machine, try again. */
async function open(ui, rel) {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await ui.openFile(rel);
    } catch (e) {
      if (attempt === 3) throw e;
      await ui.page.keyboard.press('Escape');
    }
  }
}

const V1 = 'events/PreTokenGeneration/TokenGeneration_HostedAuth.json';
const V2 = 'events/PreTokenGenerationV2/TokenGeneration_HostedAuth.json';

/** @type {{ name: string, run: (ui: import('../lib/ui.mjs').Ui) => Promise<void> }[]} */
export default [
  {
    name: '▶ Invoke locally above a version 2 pre token handler offers the version 2 event file, labelled version 2, and not version 1\'s',
    async run(ui) {
      setUp(ui.workspace);
      await open(ui, 'handlers/tokens/v2.js');
      const lens = ui.editor().locator('.codelens-decoration a', { hasText: 'Invoke locally' }).first();
      await lens.waitFor({ state: 'visible', timeout: 30_000 });
      await lens.click();
      const offered = await ui.pick(V2, { title: 'Invoke locally: pick the event' });
      await ui.shot('events-for-v2');
      const files = offered.filter((r) => r.startsWith('events/'));
      assert.equal(files.length, 1, `event files offered: ${offered.join(' | ')}`);
      assert.ok(files[0]?.includes('TokenGeneration_HostedAuth · Pre token generation (event version 2)'), files[0]);
      assert.ok(!offered.some((r) => r.startsWith(V1) || r.startsWith('events/PreSignUp')), offered.join(' | '));
      // Samples name their version too; the other choices are there.
      assert.ok(offered.some((r) => r.includes('TokenGeneration_Authentication') && r.includes('event version 2')), offered.join(' | '));
      assert.ok(offered.some((r) => r.includes('Event file…')), offered.join(' | '));
      await ui.page.locator('.tab.active[aria-label*="sent ↔ returned"]').waitFor({ state: 'visible', timeout: 30_000 });
    },
  },
  {
    name: '▶ Invoke with a handler… on the version 2 event lists only the version 2 handler, with its file',
    async run(ui) {
      await ui.runCommand('View: Close All Editors');
      await open(ui, V2);
      const lens = ui.editor().locator('.codelens-decoration a', { hasText: 'Invoke with a handler' }).first();
      await lens.waitFor({ state: 'visible', timeout: 30_000 });
      await lens.click();
      const offered = await ui.pick('handlers/tokens/v2.js', { title: 'Invoke locally: pick the handler' });
      await ui.shot('handlers-for-v2-event');
      assert.deepEqual(offered.map((r) => r.replace(/\s+/g, ' ').trim()), ['handler, handlers/tokens/v2.js, PreTokenGenerationV2'], offered.join(' | '));
      const tab = ui.page.locator('.tab.active[aria-label*="sent ↔ returned"]');
      await tab.waitFor({ state: 'visible', timeout: 30_000 });
      assert.match((await tab.getAttribute('aria-label')) ?? '', /^v2\.js#handler ← events\/PreTokenGenerationV2\/TokenGeneration_HostedAuth\.json/);
    },
  },
  {
    name: 'Invoke Locally… from the palette on a file with two exports and no trigger: counted steps (export, event, trigger), every event file labelled with its version, Event file… offered',
    async run(ui) {
      await ui.runCommand('View: Close All Editors');
      await open(ui, 'handlers/plain.js');
      await ui.runCommand('Cognito Triggers: Invoke Locally…');
      await ui.pick('other', { title: 'Invoke locally (1/2): pick the export', filter: 'other' });
      const events = await ui.pick('Generate a sample event for a trigger…', { title: 'Invoke locally (2/3): pick the event', filter: 'Generate a sample event for' });
      await ui.shot('palette-events');
      // The trigger is not known after the export is picked: the step it brings is counted from then on.
      // Every event file of the workspace (the trigger is not known), each labelled with its version.
      assert.ok(events.some((r) => r.startsWith(V1) && r.includes('event version 1')), events.join(' | '));
      assert.ok(events.some((r) => r.startsWith(V2) && r.includes('event version 2')), events.join(' | '));
      assert.ok(events.some((r) => r.includes('Event file…')), events.join(' | '));
      await ui.pick('PreSignUp_SignUp', { title: 'Invoke locally (3/3): which event does the handler expect?' });
      const tab = ui.page.locator('.tab.active[aria-label*="sent ↔ returned"]');
      await tab.waitFor({ state: 'visible', timeout: 30_000 });
      assert.match((await tab.getAttribute('aria-label')) ?? '', /^plain\.js#other ← sample PreSignUp_SignUp event/);
    },
  },
];
