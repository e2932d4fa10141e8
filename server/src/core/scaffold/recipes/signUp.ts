// Recipes for sign-up and sign-in triggers: pre sign-up, post confirmation, pre/post authentication, migration.
import type { Recipe } from './types';

export const preSignUp: Recipe = {
  handlerType: 'PreSignUpTriggerHandler',
  summary: [
    'Pre sign-up: auto-confirm users whose email belongs to your domain and mark their email verified.',
    'Throw to refuse a sign-up: the app receives "PreSignUp failed with error <message>."',
  ],
  prelude: { js: ["// Users of this domain skip the confirmation code. Set it on the function's environment.", "const TRUSTED_DOMAIN = process.env.TRUSTED_DOMAIN ?? 'example.com';"] },
  body: {
    js: [
      "const email = (event.request.userAttributes.email ?? '').toLowerCase();",
      "if (event.triggerSource === 'PreSignUp_AdminCreateUser') {",
      '  // Cognito ignores the flags for users an administrator creates.',
      '  return event;',
      '}',
      "if (email.endsWith(`@${TRUSTED_DOMAIN}`)) {",
      '  event.response.autoConfirmUser = true;',
      '  // Only verify an attribute the user has: verifying a missing email fails the sign-up.',
      '  event.response.autoVerifyEmail = true;',
      '}',
      'return event;',
    ],
  },
  testAssert: [
    "const email = event.request.userAttributes.email ?? '';",
    "const trusted = event.triggerSource !== 'PreSignUp_AdminCreateUser' && email.toLowerCase().endsWith('@example.com');",
    'assert.equal(result.response.autoConfirmUser, trusted);',
  ],
};

export const postConfirmation: Recipe = {
  handlerType: 'PostConfirmationTriggerHandler',
  summary: [
    'Post confirmation: write the newly confirmed user to a DynamoDB table (AWS SDK v3, included in the Lambda Node.js runtime;',
    'install @aws-sdk/client-dynamodb locally). The write is awaited: Lambda may freeze the process as soon as the handler returns.',
  ],
  imports: [['{ DynamoDBClient, PutItemCommand }', '@aws-sdk/client-dynamodb']],
  prelude: {
    js: [
      '// Created once per execution environment, outside the handler, so warm invocations reuse its connections.',
      'const dynamo = new DynamoDBClient({});',
    ],
  },
  body: {
    js: [
      "if (event.triggerSource !== 'PostConfirmation_ConfirmSignUp') return event; // not on password resets",
      '// Read per call, not at load: a test (or a warm worker) may set it after the module is imported.',
      'const TABLE = process.env.USERS_TABLE;',
      "if (!TABLE) throw new Error('USERS_TABLE is not set');",
      'await dynamo.send(',
      '  new PutItemCommand({',
      '    TableName: TABLE,',
      '    Item: {',
      "      pk: { S: `USER#${event.request.userAttributes.sub}` },",
      "      email: { S: event.request.userAttributes.email ?? '' },",
      '      createdAt: { S: new Date().toISOString() },',
      '    },',
      "    // Cognito retries a trigger that fails or times out: don't create the user twice.",
      "    ConditionExpression: 'attribute_not_exists(pk)',",
      '  }),',
      ');',
      'return event;',
    ],
  },
  testSetup: {
    js: [
      "process.env.USERS_TABLE = 'users-test';",
      '// No AWS call in tests: record what would be sent instead.',
      'const sent = [];',
      "mock.method(DynamoDBClient.prototype, 'send', async (command) => {",
      '  sent.push(command.input);',
      '  return {};',
      '});',
    ],
    ts: [
      "process.env.USERS_TABLE = 'users-test';",
      '// No AWS call in tests: record what would be sent instead.',
      'const sent: { TableName?: string }[] = [];',
      "mock.method(DynamoDBClient.prototype, 'send', async (command: { input: { TableName?: string } }) => {",
      '  sent.push(command.input);',
      '  return {};',
      '});',
    ],
  },
  testAssert: ["if (event.triggerSource === 'PostConfirmation_ConfirmSignUp') assert.equal(sent.at(-1)?.TableName, 'users-test');", 'assert.deepEqual(result, event);'],
};

export const preAuthentication: Recipe = {
  handlerType: 'PreAuthenticationTriggerHandler',
  summary: ['Pre authentication: runs before Cognito checks the password. Throw to deny the sign-in.'],
  prelude: { js: ["const BLOCKED_CLIENTS = (process.env.BLOCKED_CLIENTS ?? '').split(',').filter(Boolean);"] },
  body: {
    js: [
      'if (BLOCKED_CLIENTS.includes(event.callerContext.clientId)) {',
      "  // The message reaches the app: keep it free of internal details.",
      "  throw new Error('Sign-in from this app is disabled.');",
      '}',
      'return event;',
    ],
  },
  testAssert: ['assert.deepEqual(result, event);'],
};

export const postAuthentication: Recipe = {
  handlerType: 'PostAuthenticationTriggerHandler',
  summary: ['Post authentication: runs after a successful sign-in, before the tokens are issued. Good for audit logs.'],
  body: {
    js: [
      "console.log(JSON.stringify({ msg: 'sign-in', user: event.userName, client: event.callerContext.clientId, newDevice: event.request.newDeviceUsed }));",
      'return event;',
    ],
  },
  testAssert: ['assert.deepEqual(result, event);'],
};

export const userMigration: Recipe = {
  handlerType: 'UserMigrationTriggerHandler',
  summary: [
    'User migration: when a user unknown to the pool signs in or resets the password, look them up in the old system.',
    'Replace findLegacyUser with your lookup. Throw when the user is not found or the password is wrong.',
  ],
  prelude: {
    js: [
      '/** Looks the user up in the old user store; replace with your own call. */',
      'async function findLegacyUser(userName, password) {',
      "  if (userName === 'jane.doe' && (password === undefined || password === 'correct-horse-battery-staple')) return { email: 'jane.doe@example.com' };",
      '  return undefined;',
      '}',
    ],
    ts: [
      '/** Looks the user up in the old user store; replace with your own call. */',
      'async function findLegacyUser(userName: string, password?: string): Promise<{ email: string } | undefined> {',
      "  if (userName === 'jane.doe' && (password === undefined || password === 'correct-horse-battery-staple')) return { email: 'jane.doe@example.com' };",
      '  return undefined;',
      '}',
    ],
  },
  body: {
    js: [
      "const password = event.triggerSource === 'UserMigration_Authentication' ? event.request.password : undefined;",
      'const user = await findLegacyUser(event.userName, password);',
      "if (!user) throw new Error('Bad user name or password');",
      "event.response.userAttributes = { email: user.email, email_verified: 'true' };",
      "if (event.triggerSource === 'UserMigration_Authentication') event.response.finalUserStatus = 'CONFIRMED';",
      "event.response.messageAction = 'SUPPRESS';",
      'return event;',
    ],
  },
  testAssert: ["assert.equal(result.response.userAttributes.email, 'jane.doe@example.com');"],
};
