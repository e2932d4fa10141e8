// Completion and hover in handler code: member paths, aliases, destructuring, strings, half-typed code.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hoverText, labels, labelsWithStale } from './handlerHelpers';

const PRE_SIGN_UP = (body: string): string => `// @cognito-trigger PreSignUp\nexports.handler = async (event) => {\n  ${body}\n  return event;\n};\n`;

test('event.request. in a PreSignUp handler lists its request fields only', () => {
  assert.deepEqual(labels(PRE_SIGN_UP('event.request.|')), ['userAttributes', 'validationData', 'clientMetadata']);
});

test('top level and deeper paths', () => {
  const top = labels(PRE_SIGN_UP('event.|'));
  for (const k of ['version', 'triggerSource', 'region', 'userPoolId', 'userName', 'callerContext', 'request', 'response']) assert.ok(top.includes(k), k);
  assert.deepEqual(labels(PRE_SIGN_UP('event.response.|')), ['autoConfirmUser', 'autoVerifyEmail', 'autoVerifyPhone']);
  const attrs = labels(PRE_SIGN_UP('event.request.userAttributes.em|'));
  assert.ok(attrs.includes('email') && attrs.includes('custom:'), attrs.join());
});

test('pre token V2 nested path', () => {
  const src = "import type { PreTokenGenerationV2TriggerHandler } from 'aws-lambda';\nexport const handler: PreTokenGenerationV2TriggerHandler = async (event) => {\n  event.response.claimsAndScopeOverrideDetails.accessTokenGeneration.|\n  return event;\n};";
  assert.deepEqual(labels(src, 'h.ts'), ['claimsToAddOrOverride', 'claimsToSuppress', 'scopesToAdd', 'scopesToSuppress']);
});

test('through destructuring, aliases, optional chaining and brackets', () => {
  assert.deepEqual(labels(PRE_SIGN_UP('const { request, response } = event;\n  response.|')), ['autoConfirmUser', 'autoVerifyEmail', 'autoVerifyPhone']);
  assert.ok(labels(PRE_SIGN_UP('const attrs = event.request.userAttributes;\n  attrs.|')).includes('phone_number'));
  assert.deepEqual(labels(PRE_SIGN_UP('const { request: { userAttributes } } = event;\n  event?.request?.|')), ['userAttributes', 'validationData', 'clientMetadata']);
  assert.deepEqual(labels(PRE_SIGN_UP("event['response'].|")), ['autoConfirmUser', 'autoVerifyEmail', 'autoVerifyPhone']);
  assert.ok(labels(PRE_SIGN_UP("event.request.userAttributes['|']")).includes('custom:'));
  assert.ok(labels(PRE_SIGN_UP('const { userAttributes: a } = event.request;\n  a.|')).includes('email'));
  const param = '// @cognito-trigger PreSignUp\nexport const handler = async ({ request, response }) => {\n  response.|\n  return { request, response };\n};';
  assert.deepEqual(labels(param), ['autoConfirmUser', 'autoVerifyEmail', 'autoVerifyPhone']);
});

test('string values: triggerSource, enums, array items, case labels', () => {
  assert.deepEqual(labels(PRE_SIGN_UP("if (event.triggerSource === '|') {}")), ['PreSignUp_SignUp', 'PreSignUp_AdminCreateUser', 'PreSignUp_ExternalProvider']);
  const mig = "// @cognito-trigger UserMigration\nexports.handler = async (event) => {\n  event.response.finalUserStatus = '|';\n  return event;\n};";
  assert.deepEqual(labels(mig), ['CONFIRMED', 'RESET_REQUIRED']);
  assert.deepEqual(labels(mig.replace("finalUserStatus = '|'", "desiredDeliveryMediums = ['EMAIL', '|']")), ['EMAIL', 'SMS']);
  assert.deepEqual(labels(mig.replace("event.response.finalUserStatus = '|';", "event.response = { messageAction: '|' };")), ['SUPPRESS', 'RESEND']);
  const sync = "exports.handler = async (event) => {\n  if (event.eventType === 'SyncTrigger') { event.datasetRecords.theme.op = '|'; }\n  return event;\n};";
  assert.deepEqual(labels(sync), ['replace', 'remove']);
  const sw = "// @cognito-trigger CustomMessage\nexports.handler = async (event) => {\n  switch (event.triggerSource) {\n    case 'CustomMessage_SignUp': break;\n    case '|'\n  }\n  return event;\n};";
  assert.ok(labels(sw).includes('CustomMessage_ForgotPassword'));
  const def = "// @cognito-trigger DefineAuthChallenge\nexports.handler = async (event) => {\n  event.response.challengeName = '|';\n  return event;\n};";
  assert.ok(labels(def).includes('CUSTOM_CHALLENGE'));
});

test('array items through computed indexes and for-of', () => {
  const def = (body: string): string => `// @cognito-trigger DefineAuthChallenge\nexports.handler = async (event) => {\n  const session = event.request.session;\n  ${body}\n  return event;\n};`;
  assert.ok(labels(def("const last = session[session.length - 1];\n  if (last.challengeName === '|') {}")).includes('PASSWORD_VERIFIER'));
  // Typing `s.` breaks the loop's syntax: the analysis from before the keystroke answers.
  assert.deepEqual(labelsWithStale(def('for (const s of session) { s.challengeName; }'), def('for (const s of session) { s.| }')), ['challengeName', 'challengeResult', 'challengeMetadata']);
  assert.deepEqual(labels(def('session[i].|')), ['challengeName', 'challengeResult', 'challengeMetadata']);
});

test('object literal keys assigned to the event', () => {
  assert.deepEqual(labels(PRE_SIGN_UP('event.response = { autoConfirmUser: true, | };')), ['autoConfirmUser', 'autoVerifyEmail', 'autoVerifyPhone']);
});

test('unknown trigger offers the union; other code gets nothing', () => {
  const all = labels('exports.handler = async (event) => {\n  event.request.|\n};');
  assert.ok(all.includes('codeParameter') && all.includes('session') && all.includes('userAttributes'));
  assert.deepEqual(labels(PRE_SIGN_UP('const x = somethingElse.|')), []);
  assert.deepEqual(labels('const a = { b: 1 };\na.|'), []);
});

test('branch narrowing: fields of the branch trigger only', () => {
  const src = "exports.handler = async (event) => {\n  if (event.triggerSource === 'CustomMessage_SignUp') {\n    event.request.|\n  } else if (event.triggerSource === 'PreSignUp_SignUp') {}\n  return event;\n};";
  const got = labels(src);
  assert.ok(got.includes('codeParameter'), got.join());
  assert.ok(!got.includes('validationData'), got.join());
});

test('works in a file with syntax errors elsewhere (fresh analysis)', () => {
  const src = `${PRE_SIGN_UP('event.response.|')}\nfunction broken( {\n  return [1, 2;\n}\n`;
  assert.deepEqual(labels(src), ['autoConfirmUser', 'autoVerifyEmail', 'autoVerifyPhone']);
});

test('works from a stale analysis while the file does not parse', () => {
  const older = PRE_SIGN_UP('const attrs = event.request.userAttributes;\n  attrs.email;');
  const now = PRE_SIGN_UP('const attrs = event.request.userAttributes;\n  attrs.email;\n  event.response.| (((');
  assert.deepEqual(labelsWithStale(older, now), ['autoConfirmUser', 'autoVerifyEmail', 'autoVerifyPhone']);
});

test('hover: field type, writability, triggers and link; handler name with reasons', () => {
  const h = hoverText(PRE_SIGN_UP('event.response.autoConf|irmUser = true;'));
  assert.match(h, /\*\*event\.response\.autoConfirmUser\*\*: `boolean` — writable/);
  assert.match(h, /Sent to: PreSignUp/);
  assert.match(h, /\(https:\/\/docs\.aws\.amazon\.com\/cognito\/latest\/developerguide\/user-pool-lambda-pre-sign-up\.html\)/);
  assert.match(hoverText(PRE_SIGN_UP('event.request.userAttr|ibutes;')), /read-only/);
  assert.match(hoverText(PRE_SIGN_UP('const attrs = event.request.userAttributes;\n  att|rs;')), /\*\*event\.request\.userAttributes\*\*/);
  const name = hoverText('// @cognito-trigger PreSignUp\nexports.hand|ler = async (event) => event;');
  assert.match(name, /Pre sign-up \(`PreSignUp`\)/);
  assert.match(name, /Why: `@cognito-trigger PreSignUp` comment/);
  assert.match(hoverText('exports.hand|ler = async (event) => event;'), /Cognito trigger unknown/);
  assert.match(hoverText(PRE_SIGN_UP("if (event.triggerSource === 'PreSignUp_Admin|CreateUser') {}")), /An administrator creates the user with AdminCreateUser/);
  assert.match(hoverText('exports.handler = async (event) => { event.userNa|me; return event; };'), /not known: showing every trigger/);
  assert.match(hoverText('exports.handler = async (event) => { event.request.codePar|ameter; return event; };'), /Sent to: CustomMessage/);
});
