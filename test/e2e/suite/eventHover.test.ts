// e2e: hovering an event file's triggerSource value shows that source's description and the trigger's AWS docs page.
import * as assert from 'node:assert/strict';
import { suite, test } from 'mocha';
import { findSource } from '../../../server/src/core/model';
import { activeApi, openFixture, positionOf, waitForHover } from './helpers';

const EVENT = 'events/PreSignUp/PreSignUp_SignUp.json';
const DOCS = 'https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-pre-sign-up.html';

suite('event JSON hover', () => {
  test('hovering "PreSignUp_SignUp" shows its description and the pre sign-up documentation link', async () => {
    // The description comes from the trigger model, so rewording it there does not break this test.
    const source = findSource('PreSignUp_SignUp').find((s) => s.trigger.id === 'PreSignUp')?.source;
    assert.ok(source, 'the trigger model has no PreSignUp_SignUp source');
    await activeApi();
    const editor = await openFixture(EVENT);
    // Inside the value, not the key: 4 characters into `"PreSignUp_SignUp"` after `"triggerSource": `.
    const position = positionOf(editor.document, '"PreSignUp_SignUp"', 4);
    const text = await waitForHover(editor.document.uri, position, (t) => t.includes(source.description) && t.includes(DOCS));
    assert.ok(text.includes(source.description));
  });
});
