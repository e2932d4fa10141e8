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

/** The AWS guide's decrypt step for custom senders (Encryption SDK, KMS keyring, base64 ciphertext). */
const SENDER_DOCS = {
  email: 'https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-custom-email-sender.html',
  SMS: 'https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-custom-sms-sender.html',
} as const;

/** The sender's decrypt and deliver helpers, in JavaScript or (with `typed`) TypeScript. */
function senderPrelude(kind: 'email' | 'SMS', typed: boolean): string[] {
  const t = (annotation: string): string => (typed ? annotation : '');
  return [
    '// Decrypts messages with or without key commitment (Cognito\'s codes have none), encrypts only with it.',
    'const { decrypt } = buildClient(CommitmentPolicy.REQUIRE_ENCRYPT_ALLOW_DECRYPT);',
    '',
    '/** The plaintext code (or temporary password) Cognito put, encrypted and base64-encoded, in request.code. */',
    `async function decryptCode(ciphertext${t(': string')})${t(': Promise<string>')} {`,
    '  // Read per call, not at load: a test (or a warm worker) may set it after the module is imported.',
    '  const keyArn = process.env.KEY_ARN;',
    "  if (!keyArn) throw new Error('KEY_ARN is not set: the ARN of the KMS key the user pool encrypts codes with');",
    "  const { plaintext } = await decrypt(new KmsKeyringNode({ keyIds: [keyArn] }), Buffer.from(ciphertext, 'base64'));",
    "  return plaintext.toString('utf8');",
    '}',
    '',
    '/** Sends the message; replace with your provider (Amazon SES, Amazon SNS, a third party). */',
    `async function deliver(to${t(': string')}, source${t(': string')}, code${t(': string | undefined')})${t(': Promise<void>')} {`,
    '  // The code is logged only so that a local run shows it: remove this line before you deploy.',
    "  console.log(JSON.stringify({ msg: '" + kind + " to send', source, to, code }));",
    '}',
  ];
}

const sender = (kind: 'email' | 'SMS', type: string): Recipe => ({
  handlerType: type,
  summary: [
    `Custom ${kind} sender: Cognito hands you the message to deliver with your own provider. It is invoked`,
    "asynchronously and its answer is ignored. event.request.code is encrypted with the AWS Encryption SDK under the",
    "user pool's KMS key (KEY_ARN on the function's environment); decryptCode gets the plaintext back as the guide",
    `below shows (${SENDER_DOCS[kind].split('/').pop() ?? ''}).`,
    'Install @aws-crypto/client-node; replace deliver with your provider.',
  ],
  imports: [['{ buildClient, CommitmentPolicy, KmsKeyringNode }', '@aws-crypto/client-node']],
  prelude: { js: senderPrelude(kind, false), ts: senderPrelude(kind, true) },
  body: {
    ts: [
      '// Account take-over notifications carry other attribute keys: read the attributes as a plain map.',
      'const attributes: Record<string, string | undefined> = { ...event.request.userAttributes };',
      'const to = attributes.' + (kind === 'email' ? 'email' : 'phone_number') + ';',
      "if (!to) return; // nothing to deliver: the user has no " + (kind === 'email' ? 'email address' : 'phone number'),
      '// Account take-over notifications carry no code.',
      'const code = event.request.code ? await decryptCode(event.request.code) : undefined;',
      'await deliver(to, event.triggerSource, code);',
    ],
    js: [
      'const to = ' + (kind === 'email' ? 'event.request.userAttributes.email' : 'event.request.userAttributes.phone_number') + ';',
      "if (!to) return; // nothing to deliver: the user has no " + (kind === 'email' ? 'email address' : 'phone number'),
      '// Account take-over notifications carry no code.',
      'const code = event.request.code ? await decryptCode(event.request.code) : undefined;',
      'await deliver(to, event.triggerSource, code);',
    ],
  },
  testSetup: {
    js: [
      '// Cognito encrypts request.code under the pool\'s KMS key; so does this test, through KMS itself: a real key',
      '// (KEY_ARN and AWS credentials) or a local KMS (AWS_ENDPOINT_URL_KMS; `cognito-triggers invoke` starts one).',
      "const KEY_ARN = process.env.KEY_ARN;",
      "const NEEDS_KMS = !KEY_ARN && 'set KEY_ARN to a KMS key ARN (and AWS_ENDPOINT_URL_KMS for a local KMS) to run the decrypt path';",
      'const { encrypt } = buildClient(CommitmentPolicy.REQUIRE_ENCRYPT_ALLOW_DECRYPT);',
      "const CODE = '123456';",
      '// What deliver() logs: the decrypted code must reach it.',
      'const logged = [];',
      "mock.method(console, 'log', (line) => logged.push(String(line)));",
    ],
    ts: [
      '// Cognito encrypts request.code under the pool\'s KMS key; so does this test, through KMS itself: a real key',
      '// (KEY_ARN and AWS credentials) or a local KMS (AWS_ENDPOINT_URL_KMS; `cognito-triggers invoke` starts one).',
      "const KEY_ARN = process.env.KEY_ARN;",
      "const NEEDS_KMS = !KEY_ARN && 'set KEY_ARN to a KMS key ARN (and AWS_ENDPOINT_URL_KMS for a local KMS) to run the decrypt path';",
      'const { encrypt } = buildClient(CommitmentPolicy.REQUIRE_ENCRYPT_ALLOW_DECRYPT);',
      "const CODE = '123456';",
      '// What deliver() logs: the decrypted code must reach it.',
      'const logged: string[] = [];',
      "mock.method(console, 'log', (line: unknown) => logged.push(String(line)));",
    ],
  },
  testSkip: 'NEEDS_KMS',
  testPrepare: [
    'if (event.request.code) {',
    '  const { result } = await encrypt(new KmsKeyringNode({ generatorKeyId: String(KEY_ARN) }), CODE);',
    "  event.request.code = result.toString('base64');",
    '}',
    'logged.length = 0;',
  ],
  testAssert: [
    'assert.equal(result, undefined);',
    "const to = event.request.userAttributes." + (kind === 'email' ? 'email' : 'phone_number') + ";",
    'if (to && event.request.code) assert.ok(logged.some((l) => l.includes(`"code":"${CODE}"`)), `deliver() did not get the decrypted code: ${logged.join(\'\\n\')}`);',
  ],
});

export const customEmailSender = sender('email', 'CustomEmailSenderTriggerHandler');
export const customSMSSender = sender('SMS', 'CustomSMSSenderTriggerHandler');
