// Recipes for messages: custom message and the custom email / SMS senders.
import type { Recipe } from './types';

export const customMessage: Recipe = {
  handlerType: 'CustomMessageTriggerHandler',
  summary: [
    'Custom message: your own wording per message kind. Every message must contain event.request.codeParameter',
    '(and usernameParameter for admin invitations): Cognito puts the real code there.',
  ],
  prelude: { js: ["const APP = process.env.APP_NAME ?? 'Example App';"] },
  body: {
    js: [
      'const code = event.request.codeParameter;',
      'switch (event.triggerSource) {',
      "  case 'CustomMessage_SignUp':",
      "  case 'CustomMessage_ResendCode':",
      '    event.response.emailSubject = `Welcome to ${APP}`;',
      '    event.response.emailMessage = `<p>Your ${APP} confirmation code is <b>${code}</b>.</p>`;',
      '    event.response.smsMessage = `${APP} code: ${code}`;',
      '    break;',
      "  case 'CustomMessage_ForgotPassword':",
      '    event.response.emailSubject = `Reset your ${APP} password`;',
      '    event.response.emailMessage = `<p>Use ${code} to reset your password. Ignore this email if you did not ask.</p>`;',
      '    event.response.smsMessage = `${APP} password reset code: ${code}`;',
      '    break;',
      "  case 'CustomMessage_AdminCreateUser':",
      '    event.response.emailSubject = `Your ${APP} account`;',
      '    event.response.emailMessage = `<p>User name: ${event.request.usernameParameter}<br>Temporary password: ${code}</p>`;',
      '    event.response.smsMessage = `${APP}: user ${event.request.usernameParameter}, password ${code}`;',
      '    break;',
      '  default:',
      '    // Leave the response empty: Cognito sends its default message.',
      '    break;',
      '}',
      'return event;',
    ],
  },
  testAssert: [
    'for (const m of [result.response.emailMessage, result.response.smsMessage]) {',
    '  if (m) assert.ok(m.includes(event.request.codeParameter), `message lacks ${event.request.codeParameter}: ${m}`);',
    '}',
  ],
};

const sender = (kind: 'email' | 'SMS', type: string): Recipe => ({
  handlerType: type,
  summary: [
    `Custom ${kind} sender: Cognito hands you the message to deliver with your own provider. It is invoked`,
    'asynchronously and its answer is ignored. event.request.code is encrypted with the user pool\'s KMS key:',
    'decrypt it with the AWS Encryption SDK (@aws-crypto/client-node, KMS keyring) before sending.',
  ],
  body: {
    ts: [
      '// Account take-over notifications carry other attribute keys: read the attributes as a plain map.',
      'const attributes: Record<string, string | undefined> = { ...event.request.userAttributes };',
      'const to = attributes.' + (kind === 'email' ? 'email' : 'phone_number') + ';',
      "if (!to) return; // nothing to deliver: the user has no " + (kind === 'email' ? 'email address' : 'phone number'),
      '// const code = await decrypt(event.request.code);  // AWS Encryption SDK with your KMS keyring',
      '// await deliver(to, event.triggerSource, code);     // your provider',
      "console.log(JSON.stringify({ msg: '" + kind + " to send', source: event.triggerSource, to }));",
    ],
    js: [
      'const to = ' + (kind === 'email' ? 'event.request.userAttributes.email' : 'event.request.userAttributes.phone_number') + ';',
      "if (!to) return; // nothing to deliver: the user has no " + (kind === 'email' ? 'email address' : 'phone number'),
      '// const code = await decrypt(event.request.code);  // AWS Encryption SDK with your KMS keyring',
      '// await deliver(to, event.triggerSource, code);     // your provider',
      "console.log(JSON.stringify({ msg: '" + kind + " to send', source: event.triggerSource, to }));",
    ],
  },
  testAssert: ['assert.equal(result, undefined);'],
});

export const customEmailSender = sender('email', 'CustomEmailSenderTriggerHandler');
export const customSMSSender = sender('SMS', 'CustomSMSSenderTriggerHandler');
