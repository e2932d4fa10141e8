// UI: a person opens a pre sign-up event file and hovers its triggerSource value; the hover explains the source.
import * as assert from 'node:assert/strict';

/** Model text for PreSignUp_SignUp (server/src/core/model/triggers/preSignUp.ts); what the person must read. */
const DESCRIPTION = 'A user signs up through SignUp or the managed login sign-up page.';

/** @type {{ name: string, run: (ui: import('../lib/ui.mjs').Ui) => Promise<void> }[]} */
export default [
  {
    name: 'hovering the triggerSource value of an event file shows its description',
    async run(ui) {
      await ui.openFile('events/PreSignUp/PreSignUp_SignUp.json');
      await ui.shot('event-file-open');
      // The language server starts when the file opens: hover until its answer shows (deadline 30 s).
      const text = await ui.hover('"PreSignUp_SignUp"', { until: (t) => t.includes(DESCRIPTION), ms: 30_000 }).finally(() => ui.shot('triggerSource-hover'));
      assert.ok(text.includes(DESCRIPTION));
    },
  },
];
