// The link placeholder stands in for the code only in messages that verify an email address. Found running
// the rules over real handlers (issue 9 §3): a Python custom message function sent its password-reset and
// invitation emails with only `linkParameter` in them ("Your temporary password is {link}"), and nothing
// was reported, because any message holding the link placeholder passed the code rule.
// "To verify the email address of a user … you can send the user an email message with a link that they can
// select, or you can send them a code that they can enter." (Customizing email verification messages);
// CustomMessage_AdminCreateUser: "the response from your function must include placeholder variables for the
// username and code"; CustomMessage_ForgotPassword: "To send the confirmation code for Forgot Password request".
import * as assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { checkEvent, recognizeEvent, sampleEvent } from '../../server/src/core/events';
import { loadPython } from '../../server/src/core/handler/python/parser';
import { SOURCES } from '../../server/src/core/model/sources';
import { LINK_SOURCES } from '../../server/src/core/model/triggers/customMessage';
import { summarize } from '../../server/src/core/summary';
import { findings } from './handlerHelpers';

type Json = Record<string, unknown>;
const LINK = '{##Click Here##}';

/** A sample event of `source` whose email body carries only the link placeholder. */
function linkOnly(source: string): Json {
  const e = sampleEvent('CustomMessage', source);
  (e.request as Json).linkParameter = LINK;
  (e.response as Json).emailMessage = `Hello, follow ${LINK} to continue.`;
  return e;
}
const codeIssue = (e: Json) => checkEvent(e, recognizeEvent(e)).find((i) => i.code === 'missing-placeholder' && i.severity === 'error');
const summaryOf = (source: string, e: Json) => summarize({ triggerId: 'CustomMessage', triggerSource: source, input: e, outcome: { kind: 'returned', value: e } });

before(async () => {
  await loadPython();
});

describe('verification by link: where the link placeholder replaces the code', () => {
  it('the model cites the guide for it', () => {
    assert.match(SOURCES.verificationByLink.url ?? '', /cognito-user-pool-settings-email-verification-message-customization/);
    assert.deepEqual([...LINK_SOURCES].sort(), ['CustomMessage_ResendCode', 'CustomMessage_SignUp', 'CustomMessage_UpdateUserAttribute', 'CustomMessage_VerifyUserAttribute']);
  });

  for (const source of ['CustomMessage_SignUp', 'CustomMessage_ResendCode']) {
    it(`${source}: a message with the link placeholder passes (event check and summary)`, () => {
      const e = linkOnly(source);
      assert.equal(codeIssue(e), undefined);
      assert.equal(summaryOf(source, e).succeeds, true);
    });
  }

  for (const source of ['CustomMessage_ForgotPassword', 'CustomMessage_AdminCreateUser', 'CustomMessage_Authentication']) {
    it(`${source}: the link placeholder is no code, the message fails (event check and summary agree)`, () => {
      const e = linkOnly(source);
      assert.match(codeIssue(e)?.message ?? '', /must contain "\{####\}"/);
      const s = summaryOf(source, e);
      assert.equal(s.succeeds, false);
      assert.match(s.cognitoError ?? '', /^InvalidParameterException/);
    });
  }

  it('handler code (Python, shaped like the real one): the invitation and the reset are errors, the sign-up is not', () => {
    const py = [
      'def lambda_handler(event, context):',
      "    link = event['request']['linkParameter']",
      "    if event['triggerSource'] == 'CustomMessage_SignUp':",
      "        event['response']['emailMessage'] = f'Verify your account: {link}.'",
      "    elif event['triggerSource'] == 'CustomMessage_AdminCreateUser':",
      "        event['response']['emailMessage'] = f'Your account was created. Your temporary password is {link}.'",
      "    elif event['triggerSource'] == 'CustomMessage_ForgotPassword':",
      "        event['response']['emailMessage'] = f'Reset your password: {link}.'",
      '    return event',
      '',
    ].join('\n');
    const errors = findings(py, 'custom_message.py').filter((p) => p.key === 'missingPlaceholder' && p.severity === 'error');
    assert.deepEqual(errors.map((p) => py.slice(0, p.start).split('\n').length), [6, 8]);
  });

  it('handler code (JavaScript): a reset message with only the link is an error; unknown branch keeps the link', () => {
    const js = [
      'exports.handler = async (event) => {',
      "  if (event.triggerSource === 'CustomMessage_ForgotPassword') {",
      '    event.response.emailMessage = `Reset: ${event.request.linkParameter}`;',
      '  }',
      '  event.response.emailSubject = `Verify: ${event.request.linkParameter}`;',
      '  return event;',
      '};',
      '',
    ].join('\n');
    assert.deepEqual(findings(js, 'customMessage.js').filter((p) => p.key === 'missingPlaceholder').map((p) => p.covered), ['`Reset: ${event.request.linkParameter}`']);
    const unknown = ['exports.handler = async (event) => {', '  event.response.emailMessage = `Verify: ${event.request.linkParameter}`;', '  return event;', '};', ''].join('\n');
    assert.deepEqual(findings(unknown, 'customMessage.js').filter((p) => p.key === 'missingPlaceholder'), []);
  });
});
