// Recipes for custom authentication: define, create and verify auth challenge.
import type { Recipe } from './types';

export const defineAuthChallenge: Recipe = {
  handlerType: 'DefineAuthChallengeTriggerHandler',
  summary: [
    'Define auth challenge: a small state machine over the session. Password first (SRP), then one custom challenge;',
    'three wrong answers fail the sign-in.',
  ],
  prelude: { js: ['const MAX_ATTEMPTS = 3;'] },
  body: {
    js: [
      'const session = event.request.session;',
      'const last = session[session.length - 1];',
      "const customAttempts = session.filter((c) => c.challengeName === 'CUSTOM_CHALLENGE').length;",
      'event.response.issueTokens = false;',
      'event.response.failAuthentication = false;',
      'if (event.request.userNotFound) {',
      '  event.response.failAuthentication = true;',
      '} else if (session.length === 0) {',
      "  event.response.challengeName = 'SRP_A'; // start with the password (SRP)",
      "} else if (last?.challengeName === 'SRP_A' && last.challengeResult) {",
      "  event.response.challengeName = 'PASSWORD_VERIFIER';",
      "} else if (last?.challengeName === 'PASSWORD_VERIFIER' && last.challengeResult) {",
      "  event.response.challengeName = 'CUSTOM_CHALLENGE'; // Cognito calls create auth challenge next",
      "} else if (last?.challengeName === 'CUSTOM_CHALLENGE' && last.challengeResult) {",
      '  event.response.issueTokens = true;',
      "} else if (last?.challengeName === 'CUSTOM_CHALLENGE' && customAttempts < MAX_ATTEMPTS) {",
      "  event.response.challengeName = 'CUSTOM_CHALLENGE'; // another try",
      '} else {',
      '  event.response.failAuthentication = true;',
      '}',
      'return event;',
    ],
  },
  testAssert: [
    "const last = event.request.session.at(-1);",
    "if (last?.challengeName === 'PASSWORD_VERIFIER' && last.challengeResult) assert.equal(result.response.challengeName, 'CUSTOM_CHALLENGE');",
    'assert.ok(!(result.response.issueTokens && result.response.failAuthentication));',
  ],
};

export const createAuthChallenge: Recipe = {
  handlerType: 'CreateAuthChallengeTriggerHandler',
  summary: [
    'Create auth challenge: a one-time code. The app sees publicChallengeParameters; the expected answer stays in',
    'privateChallengeParameters for verify auth challenge. Send the code to the user (email, SMS) where marked.',
  ],
  imports: [['{ randomInt }', 'node:crypto']],
  body: {
    js: [
      "if (event.request.challengeName !== 'CUSTOM_CHALLENGE') return event;",
      "const code = String(randomInt(0, 1000000)).padStart(6, '0');",
      '// Send `code` to event.request.userAttributes.email here (e.g. with Amazon SES).',
      "event.response.publicChallengeParameters = { hint: 'Enter the 6-digit code we sent you' };",
      'event.response.privateChallengeParameters = { answer: code };',
      "event.response.challengeMetadata = 'EMAIL_CODE';",
      'return event;',
    ],
  },
  testAssert: ["if (event.request.challengeName === 'CUSTOM_CHALLENGE') assert.match(result.response.privateChallengeParameters.answer, /^\\d{6}$/);"],
};

export const verifyAuthChallengeResponse: Recipe = {
  handlerType: 'VerifyAuthChallengeResponseTriggerHandler',
  summary: ['Verify auth challenge response: compare the answer with what create auth challenge kept privately.'],
  body: {
    js: [
      'const expected = event.request.privateChallengeParameters.answer;',
      'event.response.answerCorrect = expected !== undefined && event.request.challengeAnswer === expected;',
      'return event;',
    ],
  },
  testAssert: ['assert.equal(result.response.answerCorrect, event.request.challengeAnswer === event.request.privateChallengeParameters.answer);'],
};
