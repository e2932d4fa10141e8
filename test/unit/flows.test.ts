// Whole Cognito flows through real JavaScript and TypeScript handlers and the real runner: the order of
// the triggers, the events Cognito builds from earlier answers, and how each failure reaches the app.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { parseTriggerFlag, resolvePool, runFlow, SOURCES, UserStore, type FlowRequest, type FlowResult, type RunFlowOptions } from '../../server/src/core/flows';
import { startSenderCrypto } from '../../server/src/core/flows/kms';
import { invokeWithSenderCrypto } from '../../server/src/core/flows/kms/invoke';
import { boundFromWiring } from '../../server/src/core/flows/pool';
import { readWiring } from '../../server/src/core/wiring';
import { localJwks } from '../../server/src/core/flows/tokens';
import { invokeLocal } from '../../server/src/core/invoke';
import { defaultSettings } from '../../server/src/core/settings';
import { testInvoker } from '../runnerBundle';

const FIX = path.resolve(__dirname, '../fixtures/flows');
const { tmp, invoker } = testInvoker('ct-flows-');

const CUSTOM_AUTH = ['DefineAuthChallenge=defineAuth.js', 'CreateAuthChallenge=createAuth.ts', 'VerifyAuthChallengeResponse=verifyAuth.mjs'];
const jane = () => ({ username: 'jane', password: 'Passw0rd!', status: 'CONFIRMED' as const, attributes: { sub: '11111111-2222-4333-8444-555555555555', email: 'jane@example.com', email_verified: 'true' } });

function req(flow: FlowRequest['flow'], over: Partial<FlowRequest> = {}): FlowRequest {
  return { flow, username: 'jane', attributes: {}, validationData: {}, answers: [], ...over };
}

async function flow(r: FlowRequest, triggers: string[], over: Partial<RunFlowOptions> & { described?: unknown; timeoutMs?: number } = {}): Promise<FlowResult> {
  const pool = resolvePool({ ...(over.described ? { described: over.described } : {}), overrides: triggers.map((t) => parseTriggerFlag(t, FIX)), folder: FIX });
  const settings = { ...defaultSettings().invoke, envFile: '', ...(over.timeoutMs ? { timeoutMs: over.timeoutMs } : {}) };
  return runFlow(r, { invoker, folder: FIX, settings, pool, users: over.users ?? UserStore.inMemory([jane()]), ...over });
}

const triggerSteps = (r: FlowResult) => r.steps.filter((s) => s.kind === 'trigger');
const sessionOf = (r: FlowResult, n: number) => ((triggerSteps(r).filter((s) => s.trigger === 'DefineAuthChallenge')[n]?.event as { request: { session: unknown[] } }).request.session);

describe('custom-auth flow', () => {
  it('a wrong then a right answer: Define sees each result in session, as Cognito builds it, then tokens are issued', async () => {
    const r = await flow(req('custom-auth', { answers: ['5', '4'] }), CUSTOM_AUTH);
    assert.equal(r.outcome, 'succeeded', JSON.stringify(r.error));
    assert.deepEqual(triggerSteps(r).map((s) => s.trigger), ['DefineAuthChallenge', 'CreateAuthChallenge', 'VerifyAuthChallengeResponse', 'DefineAuthChallenge', 'CreateAuthChallenge', 'VerifyAuthChallengeResponse', 'DefineAuthChallenge', 'PostAuthentication'].filter((t) => t !== 'PostAuthentication'));
    assert.deepEqual(sessionOf(r, 0), []);
    assert.deepEqual(sessionOf(r, 1), [{ challengeName: 'CUSTOM_CHALLENGE', challengeResult: false, challengeMetadata: 'QUESTION-1' }]);
    assert.deepEqual(sessionOf(r, 2), [
      { challengeName: 'CUSTOM_CHALLENGE', challengeResult: false, challengeMetadata: 'QUESTION-1' },
      { challengeName: 'CUSTOM_CHALLENGE', challengeResult: true, challengeMetadata: 'QUESTION-2' },
    ]);
    // Private parameters reach Verify; the app sees only the public ones.
    const verify = triggerSteps(r).find((s) => s.trigger === 'VerifyAuthChallengeResponse')?.event as { request: Record<string, unknown> };
    assert.deepEqual(verify.request.privateChallengeParameters, { answer: '4' });
    assert.equal(verify.request.challengeAnswer, '5');
    const answer = r.steps.find((s) => s.kind === 'app');
    assert.doesNotMatch(JSON.stringify(answer), /"answer":"4"/);
    assert.ok(r.tokens);
    const jwks = createLocalJWKSet(await localJwks());
    const id = await jwtVerify(r.tokens.id?.jwt ?? '', jwks, { audience: r.tokens.id?.claims.aud as string });
    assert.equal(id.payload['cognito:username'], 'jane');
    assert.equal(id.payload.token_use, 'id');
    assert.equal((await jwtVerify(r.tokens.access.jwt, jwks)).payload.scope, 'aws.cognito.signin.user.admin');
  });

  it('three wrong answers: Define fails the authentication and the app receives NotAuthorizedException', async () => {
    const r = await flow(req('custom-auth', { answers: ['1', '2', '3'] }), CUSTOM_AUTH);
    assert.equal(r.outcome, 'failed');
    assert.deepEqual(r.error && { name: r.error.name, message: r.error.message }, { name: 'NotAuthorizedException', message: 'Incorrect username or password.' });
    assert.equal(r.steps[r.error?.step ?? -1]?.trigger, 'DefineAuthChallenge');
    assert.equal(sessionOf(r, 3).length, 3);
    assert.equal(r.tokens, null);
  });

  it('asks the app for each answer with the public parameters, and stops when the app gives none', async () => {
    const prompts: unknown[] = [];
    const r = await flow(req('custom-auth'), CUSTOM_AUTH, { answer: async (p) => (prompts.push(p), prompts.length === 1 ? '4' : undefined) });
    assert.equal(r.outcome, 'succeeded');
    assert.deepEqual(prompts, [{ challengeName: 'CUSTOM_CHALLENGE', parameters: { question: 'What is 2 + 2?', round: '1' }, round: 1 }]);
    const stopped = await flow(req('custom-auth'), CUSTOM_AUTH);
    assert.equal(stopped.outcome, 'incomplete');
    assert.match(stopped.notes.join(' '), /--answer/);
  });

  it('an answer after the session expired (AuthSessionValidity) fails with NotAuthorizedException', async () => {
    let clock = 0;
    const described = { UserPool: { Id: 'eu-west-1_Abc123', LambdaConfig: {} }, UserPoolClient: { ClientId: 'abc', AuthSessionValidity: 3 } };
    const r = await flow(req('custom-auth'), CUSTOM_AUTH, { described, now: () => clock, answer: async () => ((clock += 3 * 60_000 + 1), '4') });
    assert.equal(r.error?.name, 'NotAuthorizedException');
    assert.equal(r.error?.message, 'Invalid session for the user, session is expired.');
    assert.equal(r.error?.source, SOURCES.sessionExpired);
    const inTime = await flow(req('custom-auth'), CUSTOM_AUTH, { described, now: () => clock, answer: async () => ((clock += 3 * 60_000), '4') });
    assert.equal(inTime.outcome, 'succeeded');
  });

  it('unknown users: UserNotFoundException, or userNotFound in every event when PreventUserExistenceErrors is ENABLED', async () => {
    const plain = await flow(req('custom-auth', { username: 'nobody' }), CUSTOM_AUTH);
    assert.equal(plain.error?.name, 'UserNotFoundException');
    const described = { UserPool: { Id: 'us-east-1_Abc123' }, UserPoolClient: { PreventUserExistenceErrors: 'ENABLED' } };
    const hidden = await flow(req('custom-auth', { username: 'nobody' }), CUSTOM_AUTH, { described });
    assert.equal(hidden.error?.name, 'NotAuthorizedException');
    assert.equal((triggerSteps(hidden)[0]?.event as { request: { userNotFound?: boolean } }).request.userNotFound, true);
  });

  it('with a password the session starts with SRP_A, and PASSWORD_VERIFIER checks it before the custom challenge', async () => {
    const triggers = ['DefineAuthChallenge=srpDefine.js', ...CUSTOM_AUTH.slice(1)];
    const ok = await flow(req('custom-auth', { password: 'Passw0rd!', answers: ['4'] }), triggers);
    assert.equal(ok.outcome, 'succeeded', JSON.stringify(ok.error));
    assert.deepEqual(sessionOf(ok, 0), [{ challengeName: 'SRP_A', challengeResult: true }]);
    assert.deepEqual(sessionOf(ok, 1), [{ challengeName: 'SRP_A', challengeResult: true }, { challengeName: 'PASSWORD_VERIFIER', challengeResult: true }]);
    const bad = await flow(req('custom-auth', { password: 'wrong', answers: ['4'] }), triggers);
    assert.equal(bad.error?.name, 'NotAuthorizedException');
    assert.deepEqual(sessionOf(bad, 1).at(-1), { challengeName: 'PASSWORD_VERIFIER', challengeResult: false });
  });
});

describe('sign-up, sign-in and Cognito’s retries', () => {
  it('a PreSignUp that throws ends sign-up with UserLambdaValidationException and creates no user', async () => {
    const users = UserStore.inMemory();
    const r = await flow(req('sign-up', { username: 'mallory', password: 'x', attributes: { email: 'mallory@evil.test' } }), ['PreSignUp=preSignUp.js'], { users });
    assert.deepEqual(r.error && { name: r.error.name, message: r.error.message }, { name: 'UserLambdaValidationException', message: 'PreSignUp failed with error Sign-up is closed for mallory@evil.test.' });
    assert.equal(users.find('mallory'), undefined);
  });

  it('sign-up sends the code through the custom message, confirms, runs PostConfirmation; the user can then sign in', async () => {
    const file = path.join(tmp, 'users.json');
    const triggers = ['PreSignUp=preSignUp.js', 'CustomMessage=customMessage.js', 'PostConfirmation=postConfirmation.js', 'PreTokenGenerationV2=preToken.ts'];
    const up = await flow(req('sign-up', { username: 'sam', password: 'S3cret!!', attributes: { email: 'sam@example.com' } }), triggers, { users: UserStore.load(file), newCode: () => '424242' });
    assert.equal(up.outcome, 'succeeded', JSON.stringify(up.error));
    assert.deepEqual(triggerSteps(up).map((s) => s.triggerSource), ['PreSignUp_SignUp', 'CustomMessage_SignUp', 'PostConfirmation_ConfirmSignUp']);
    assert.deepEqual(up.messages.map((m) => [m.sentBy, m.subject, m.body]), [['custom-message', 'Welcome to Acme', 'Hello sam, your code is 424242']]);
    assert.match(triggerSteps(up)[2]?.attemptDetails?.[0]?.logs ?? '', /welcome row written for sam/);
    const saved = JSON.parse(fs.readFileSync(file, 'utf8')) as { users: { username: string; status: string; attributes: Record<string, string> }[] };
    assert.equal(saved.users[0]?.status, 'CONFIRMED');
    assert.equal(saved.users[0]?.attributes.email_verified, 'true');
    const wrong = await flow(req('sign-in', { username: 'sam', password: 'nope' }), triggers, { users: UserStore.load(file) });
    assert.deepEqual(wrong.error && [wrong.error.name, wrong.error.message], ['NotAuthorizedException', 'Incorrect username or password.']);
    const inn = await flow(req('sign-in', { username: 'sam', password: 'S3cret!!' }), triggers, { users: UserStore.load(file) });
    assert.equal(inn.outcome, 'succeeded');
    assert.equal(inn.tokens?.id?.claims.tenant, 'acme');
    assert.equal(inn.tokens?.id?.claims['cognito:username'], 'sam', 'Cognito refuses to override cognito:username');
    assert.equal(inn.tokens?.access.claims.scope, 'aws.cognito.signin.user.admin orders/read');
    assert.deepEqual(inn.tokens?.access.claims['cognito:groups'], ['customers']);
  });

  it('auto-confirm from PreSignUp skips the code and still reaches PostConfirmation (observed)', async () => {
    const users = UserStore.inMemory();
    const r = await flow(req('sign-up', { username: 'amy', password: 'A1!aaaaa', attributes: { email: 'amy@example.com' } }), ['PreSignUp=preSignUp.js', 'PostConfirmation=postConfirmation.js'], { users, clientMetadata: { autoConfirm: 'yes' } });
    assert.equal(r.outcome, 'succeeded');
    assert.equal(r.messages.length, 0);
    assert.equal(triggerSteps(r)[1]?.source, SOURCES.autoConfirmPostConfirmation);
    assert.equal(users.find('amy')?.attributes.email_verified, 'true');
  });

  it('a handler that times out is invoked three times, each attempt’s side effect shows, and the app gets UnexpectedLambdaException', async () => {
    const users = UserStore.inMemory();
    const r = await flow(req('sign-up', { username: 'tim', password: 'x', attributes: { email: 'tim@example.com' } }), ['PreSignUp=slowPreSignUp.js'], { users, timeoutMs: 1500 });
    const step = triggerSteps(r)[0];
    assert.equal(step?.attempts, 3);
    assert.deepEqual(step?.attemptDetails?.map((a) => a.outcome), ['timeout', 'timeout', 'timeout']);
    for (const a of step?.attemptDetails ?? []) assert.match(a.logs, /side effect: invitation queued for tim/);
    assert.deepEqual(r.error && [r.error.name, r.error.message], ['UnexpectedLambdaException', 'PreSignUp invocation failed due to error Socket timeout while invoking Lambda function.']);
    assert.equal(users.find('tim'), undefined);
  });

  it('an unknown user is migrated on sign-in (UserMigration_Authentication) and signs in; PreAuthentication can block', async () => {
    const users = UserStore.inMemory();
    const r = await flow(req('sign-in', { username: 'legacy@example.com', password: 'Legacy-Pass-1' }), ['UserMigration=migrate.js', 'PreAuthentication=preAuth.js'], { users });
    assert.equal(r.outcome, 'succeeded', JSON.stringify(r.error));
    assert.deepEqual(triggerSteps(r).map((s) => s.triggerSource), ['UserMigration_Authentication', 'PreAuthentication_Authentication']);
    assert.equal(users.find('legacy@example.com')?.status, 'CONFIRMED');
    const gone = await flow(req('sign-in', { username: 'ghost@example.com', password: 'x' }), ['UserMigration=migrate.js'], { users });
    assert.equal(gone.error?.name, 'UserLambdaValidationException');
    assert.equal(gone.error?.message, 'UserMigration failed with error User not found in the legacy directory.');
    const locked = UserStore.inMemory([{ ...jane(), attributes: { ...jane().attributes, 'custom:locked': 'true' } }]);
    const blocked = await flow(req('sign-in', { password: 'Passw0rd!' }), ['PreAuthentication=preAuth.js'], { users: locked });
    assert.deepEqual(blocked.error && [blocked.error.name, blocked.error.message], ['UserLambdaValidationException', 'PreAuthentication failed with error This account is locked.']);
  });
});

describe('custom sender codes, encrypted for real', () => {
  it('an unmodified @aws-crypto/client-node handler decrypts the code through the local KMS', async () => {
    const arn = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    const crypto = await startSenderCrypto(arn);
    try {
      const described = { UserPool: { Id: 'us-east-1_Abc123', LambdaConfig: { KMSKeyID: arn } } };
      const r = await flow(req('forgot-password', { password: 'N3w-Passw0rd' }), ['CustomEmailSender=emailSender.js'], { described, env: { ...crypto.env, KEY_ARN: arn }, encryptCode: (c) => crypto.encrypt(c), newCode: () => '777123' });
      assert.equal(r.outcome, 'succeeded', JSON.stringify(r));
      const m = r.messages[0];
      assert.equal(m?.sentBy, 'custom-sender');
      assert.equal(m?.code, '777123');
      assert.notEqual(m?.encryptedCode, '777123');
      assert.deepEqual([...Buffer.from(m?.encryptedCode ?? '', 'base64').subarray(0, 4)], [0x01, 0x80, 0x03, 0x78], 'the Encryption SDK message header Cognito sends');
      assert.equal(m?.handlerOutputContainsCode, true, JSON.stringify(triggerSteps(r)[0]?.attemptDetails));
      assert.ok(crypto.kms.calls.includes('TrentService.Decrypt'));
    } finally {
      await crypto.stop();
    }
  });
});

describe('single invokes of a custom sender and the project’s wiring', () => {
  it('a single invoke encrypts request.code for real and says whether the handler got the plaintext', async () => {
    const event = { version: '1', triggerSource: 'CustomEmailSender_SignUp', region: 'us-east-1', userPoolId: 'us-east-1_Abc123', userName: 'jane', callerContext: { awsSdkVersion: 'x', clientId: 'c' }, request: { type: 'customEmailSenderRequestV1', code: '135790', userAttributes: { email: 'jane@example.com' } } };
    const settings = { ...defaultSettings().invoke, envFile: '' };
    const r = await invokeWithSenderCrypto(event, {}, 'CustomEmailSender', (ev, env) => invokeLocal(invoker, { file: path.join(FIX, 'emailSender.js'), handlerName: 'handler', event: ev, folder: FIX, settings: { ...settings, env }, warm: false }));
    assert.match(r.logs, /your code is 135790/);
    assert.notEqual((r.input as typeof event).request.code, '135790');
    assert.ok(r.summary.lines.some((l) => l.severity === 'ok' && l.text.includes('135790')), JSON.stringify(r.summary.lines));
  });

  it('handlers wired in serverless.yml serve the flow without --trigger', async () => {
    const dir = fs.mkdtempSync(path.join(tmp, 'wired-'));
    fs.mkdirSync(path.join(dir, 'src'));
    fs.copyFileSync(path.join(FIX, 'preSignUp.js'), path.join(dir, 'src', 'preSignUp.js'));
    fs.writeFileSync(path.join(dir, 'serverless.yml'), ['service: app', 'provider:', '  name: aws', '  runtime: nodejs20.x', 'functions:', '  preSignUp:', '    handler: src/preSignUp.handler', '    events:', '      - cognitoUserPool:', '          pool: Users', '          trigger: PreSignUp', ''].join('\n'));
    const wired = boundFromWiring((await readWiring(dir)).handlers, dir);
    assert.deepEqual(wired.map((w) => [w.trigger.id, path.relative(dir, w.file), w.handlerName]), [['PreSignUp', path.join('src', 'preSignUp.js'), 'handler']]);
    const pool = resolvePool({ wired, folder: dir });
    const r = await runFlow(req('sign-up', { username: 'eve', password: 'x', attributes: { email: 'eve@evil.test' } }), { invoker, folder: dir, settings: { ...defaultSettings().invoke, envFile: '' }, pool, users: UserStore.inMemory() });
    assert.equal(r.error?.message, 'PreSignUp failed with error Sign-up is closed for eve@evil.test.');
  });
});
