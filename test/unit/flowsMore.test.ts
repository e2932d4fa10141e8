// The remaining flows through real handlers (JavaScript, TypeScript, ES modules) and the real runner:
// admin-create-user, refresh, client-credentials, federated-sign-in and sync; and sign-up and custom auth
// through Python handlers (dist/runner.py and the machine's python3).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parseTriggerFlag, resolvePool, runFlow, UserStore, type FlowRequest, type FlowResult, type RunFlowOptions } from '../../server/src/core/flows';
import { MAX_LOCAL_ROUNDS } from '../../server/src/core/flows/auth';
import { SOURCES } from '../../server/src/core/flows/sources';
import { findOnPath } from '../../server/src/core/invoke/python/interpreter';
import { defaultSettings } from '../../server/src/core/settings';
import { testInvoker } from '../runnerBundle';

const FIX = path.resolve(__dirname, '../fixtures/flows');
const { tmp, invoker } = testInvoker('ct-flows-more-');

const jane = () => ({ username: 'jane', password: 'Passw0rd!', status: 'CONFIRMED' as const, attributes: { sub: '11111111-2222-4333-8444-555555555555', email: 'jane@example.com', email_verified: 'true' } });
const req = (flow: FlowRequest['flow'], over: Partial<FlowRequest> = {}): FlowRequest => ({ flow, username: 'jane', attributes: {}, validationData: {}, answers: [], ...over });

async function flow(r: FlowRequest, triggers: string[], over: Partial<RunFlowOptions> = {}): Promise<FlowResult> {
  const pool = resolvePool({ overrides: triggers.map((t) => parseTriggerFlag(t, FIX)), folder: FIX });
  return runFlow(r, { invoker, folder: FIX, settings: { ...defaultSettings().invoke, envFile: '' }, pool, users: over.users ?? UserStore.inMemory([jane()]), ...over });
}
const triggerSteps = (r: FlowResult) => r.steps.filter((s) => s.kind === 'trigger');
const logsOf = (r: FlowResult) => triggerSteps(r).flatMap((s) => s.attemptDetails ?? []).map((a) => a.logs).join('');

describe('admin-create-user', () => {
  it('PreSignUp_AdminCreateUser, then the TS custom message invites with the user name and the temporary password; the user is FORCE_CHANGE_PASSWORD', async () => {
    const users = UserStore.inMemory();
    const r = await flow(req('admin-create-user', { username: 'ann', password: 'Tmp-Pass1!', attributes: { email: 'ann@example.com' } }), ['PreSignUp=preSignUp.js', 'CustomMessage=inviteMessage.ts'], { users });
    assert.equal(r.outcome, 'succeeded', JSON.stringify(r.error));
    assert.deepEqual(triggerSteps(r).map((s) => s.triggerSource), ['PreSignUp_AdminCreateUser', 'CustomMessage_AdminCreateUser']);
    assert.equal((triggerSteps(r)[0]?.event as { callerContext: { clientId: string } }).callerContext.clientId, 'CLIENT_ID_NOT_APPLICABLE');
    assert.deepEqual(r.messages.map((m) => [m.sentBy, m.subject, m.body]), [['custom-message', 'Your Acme account', 'User ann, temporary password Tmp-Pass1!']]);
    assert.equal(users.find('ann')?.status, 'FORCE_CHANGE_PASSWORD');
    // Signing in with the temporary password stops at NEW_PASSWORD_REQUIRED.
    const inn = await flow(req('sign-in', { username: 'ann', password: 'Tmp-Pass1!' }), ['PreSignUp=preSignUp.js'], { users });
    assert.equal(inn.outcome, 'incomplete');
    assert.ok(inn.steps.some((s) => s.triggerSource === 'NEW_PASSWORD_REQUIRED'));
  });
  it('a PreSignUp that refuses the address: UserLambdaValidationException and no user', async () => {
    const users = UserStore.inMemory();
    const r = await flow(req('admin-create-user', { username: 'eve', attributes: { email: 'eve@evil.test' } }), ['PreSignUp=preSignUp.js'], { users });
    assert.deepEqual(r.error && [r.error.name, r.error.message], ['UserLambdaValidationException', 'PreSignUp failed with error Sign-up is closed for eve@evil.test.']);
    assert.equal(users.find('eve'), undefined);
  });
});

describe('refresh', () => {
  it('TokenGeneration_RefreshTokens reaches the JS V1 handler; its claim is in the new ID token; no authentication trigger runs', async () => {
    const r = await flow(req('refresh'), ['PreTokenGeneration=preTokenV1.js', 'PreAuthentication=preAuth.js', 'PostAuthentication=postConfirmation.js']);
    assert.equal(r.outcome, 'succeeded', JSON.stringify(r.error));
    assert.deepEqual(triggerSteps(r).map((s) => s.triggerSource), ['TokenGeneration_RefreshTokens']);
    assert.equal(r.tokens?.id?.claims.tenant, 'acme');
  });
  it('the TS V2 handler on a refresh: claims and scopes in both tokens', async () => {
    const r = await flow(req('refresh'), ['PreTokenGenerationV2=preToken.ts']);
    assert.equal(r.outcome, 'succeeded', JSON.stringify(r.error));
    assert.equal((triggerSteps(r)[0]?.event as { version: string }).version, '2');
    assert.equal(r.tokens?.access.claims.tenant, 'acme');
    assert.match(String(r.tokens?.access.claims.scope), /orders\/read/);
  });
  it('an unknown user has no refresh token: NotAuthorizedException, no handler runs', async () => {
    const r = await flow(req('refresh', { username: 'nobody' }), ['PreTokenGeneration=preTokenV1.js']);
    assert.deepEqual(r.error && [r.error.name, r.error.message], ['NotAuthorizedException', 'Invalid Refresh Token']);
    assert.equal(triggerSteps(r).length, 0);
  });
});

describe('client-credentials', () => {
  it('the ESM V3 handler gets TokenGeneration_ClientCredentials; its claim and scope are in the access token; there is no ID token', async () => {
    const r = await flow(req('client-credentials', { username: '', scopes: ['reports/read'] }), ['PreTokenGenerationV3=preTokenV3.mjs']);
    assert.equal(r.outcome, 'succeeded', JSON.stringify(r.error));
    assert.deepEqual(triggerSteps(r).map((s) => s.triggerSource), ['TokenGeneration_ClientCredentials']);
    assert.equal(r.tokens?.access.claims.tier, 'gold');
    assert.deepEqual(String(r.tokens?.access.claims.scope).split(' ').sort(), ['reports/export', 'reports/read']);
    assert.equal(r.tokens?.id, undefined);
  });
  it('a V2 pre token trigger is not invoked for client credentials', async () => {
    const r = await flow(req('client-credentials', { username: '' }), ['PreTokenGenerationV2=preToken.ts']);
    assert.equal(r.outcome, 'succeeded');
    assert.equal(triggerSteps(r).length, 0);
    assert.ok(r.steps.some((s) => s.triggerSource === 'trigger skipped'));
  });
});

describe('federated-sign-in', () => {
  const triggers = ['InboundFederation=inboundFederation.js', 'PreSignUp=federatedPreSignUp.ts', 'PostConfirmation=postConfirmation.js', 'PreTokenGenerationV2=preToken.ts'];
  it('first sign-in: inbound federation maps attributes, PreSignUp_ExternalProvider and PostConfirmation run, then tokens; the second sign-in skips sign-up', async () => {
    const users = UserStore.inMemory();
    const attributes = { sub: 'idp-123', email: 'fed@example.com', department: 'ops' };
    const first = await flow(req('federated-sign-in', { username: '', attributes }), triggers, { users });
    assert.equal(first.outcome, 'succeeded', JSON.stringify(first.error));
    assert.deepEqual(triggerSteps(first).map((s) => s.triggerSource), ['InboundFederation_ExternalProvider', 'PreSignUp_ExternalProvider', 'PostConfirmation_ConfirmSignUp', 'TokenGeneration_HostedAuth']);
    const pre = triggerSteps(first)[1]?.event as { userName: string; request: { userAttributes: Record<string, string> } };
    assert.equal(pre.userName, 'CorporateOIDC_idp-123');
    assert.equal(pre.request.userAttributes['custom:department'], 'ops');
    assert.match(logsOf(first), /first federated sign-in of CorporateOIDC_idp-123/);
    assert.equal(first.tokens?.id?.claims.tenant, 'acme');
    assert.equal(users.find('CorporateOIDC_idp-123')?.status, 'EXTERNAL_PROVIDER');
    const again = await flow(req('federated-sign-in', { username: '', attributes }), triggers, { users });
    assert.deepEqual(triggerSteps(again).map((s) => s.triggerSource), ['InboundFederation_ExternalProvider', 'TokenGeneration_HostedAuth']);
  });
  it('a PreSignUp that refuses the federated user ends the sign-in with its message', async () => {
    const r = await flow(req('federated-sign-in', { username: '', attributes: { sub: 'x', email: 'x@evil.test' } }), triggers, { users: UserStore.inMemory() });
    assert.deepEqual(r.error && [r.error.name, r.error.message], ['UserLambdaValidationException', 'PreSignUp failed with error Federated sign-up is closed for x@evil.test.']);
  });
});

describe('sync', () => {
  it('the TS Sync trigger keeps a level from going down; Cognito stores its merge', async () => {
    const r = await flow(req('sync', { username: '', dataset: { name: 'Game', records: { level: '3', color: 'red' }, existing: { level: '5' } } }), ['SyncTrigger=syncTrigger.ts']);
    assert.equal(r.outcome, 'succeeded', JSON.stringify(r.error));
    const stored = r.steps.at(-1)?.response as { key: string; value: string | null; change: string }[];
    assert.deepEqual(stored, [{ key: 'color', value: 'red', change: 'written' }, { key: 'level', value: '5', change: 'kept' }]);
  });
  it('the JS Sync trigger drops a record: Cognito ignores it', async () => {
    const r = await flow(req('sync', { username: '', dataset: { name: 'Prefs', records: { admin: 'true', theme: 'dark' } } }), ['SyncTrigger=syncTrigger.js']);
    assert.equal(r.outcome, 'succeeded', JSON.stringify(r.error));
    const stored = r.steps.at(-1)?.response as { key: string; change: string }[];
    assert.deepEqual(stored.map((s) => [s.key, s.change]), [['admin', 'ignored'], ['theme', 'written']]);
  });
});

describe('Python handlers in flows', { skip: !findOnPath('python3') && 'python3 is not installed' }, () => {
  it('sign-up through Python PreSignUp and PostConfirmation: auto-confirmed from clientMetadata, the post confirmation side effect shows', async () => {
    const users = UserStore.inMemory();
    const r = await flow(req('sign-up', { username: 'pia', password: 'S3cret!!', attributes: { email: 'pia@example.com' } }), ['PreSignUp=python/pre_sign_up.py:lambda_handler', 'PostConfirmation=python/post_confirmation.py:lambda_handler'], { users, clientMetadata: { autoConfirm: 'yes' } });
    assert.equal(r.outcome, 'succeeded', JSON.stringify(r.error));
    assert.deepEqual(triggerSteps(r).map((s) => s.triggerSource), ['PreSignUp_SignUp', 'PostConfirmation_ConfirmSignUp']);
    assert.match(logsOf(r), /welcome row written for pia \(PostConfirmation_ConfirmSignUp\)/);
    assert.equal(users.find('pia')?.status, 'CONFIRMED');
    assert.equal(users.find('pia')?.attributes.email_verified, 'true');
    const refused = await flow(req('sign-up', { username: 'eve', password: 'x', attributes: { email: 'eve@evil.test' } }), ['PreSignUp=python/pre_sign_up.py:lambda_handler'], { users });
    assert.equal(refused.error?.name, 'UserLambdaValidationException');
    assert.match(refused.error?.message ?? '', /^PreSignUp failed with error Sign-up is closed for eve@evil\.test/);
  });
  it('custom auth through Python Define, Create and Verify: a wrong then a right answer, the session as Cognito builds it, tokens', async () => {
    const r = await flow(req('custom-auth', { answers: ['5', '6'] }), ['DefineAuthChallenge=python/define_auth.py:lambda_handler', 'CreateAuthChallenge=python/create_auth.py:lambda_handler', 'VerifyAuthChallengeResponse=python/verify_auth.py:lambda_handler']);
    assert.equal(r.outcome, 'succeeded', JSON.stringify(r.error));
    const defines = triggerSteps(r).filter((s) => s.trigger === 'DefineAuthChallenge');
    assert.equal(defines.length, 3);
    assert.deepEqual((defines[2]?.event as { request: { session: unknown[] } }).request.session, [
      { challengeName: 'CUSTOM_CHALLENGE', challengeResult: false, challengeMetadata: 'PY-QUESTION' },
      { challengeName: 'CUSTOM_CHALLENGE', challengeResult: true, challengeMetadata: 'PY-QUESTION' },
    ]);
    assert.equal(r.tokens?.id?.claims['cognito:username'], 'jane');
  });
  it('custom auth through Python with three wrong answers: NotAuthorizedException', async () => {
    const r = await flow(req('custom-auth', { answers: ['1', '2', '3'] }), ['DefineAuthChallenge=python/define_auth.py:lambda_handler', 'CreateAuthChallenge=python/create_auth.py:lambda_handler', 'VerifyAuthChallengeResponse=python/verify_auth.py:lambda_handler']);
    assert.deepEqual(r.error && [r.error.name, r.error.message], ['NotAuthorizedException', 'Incorrect username or password.']);
    assert.equal(triggerSteps(r).filter((s) => s.trigger === 'VerifyAuthChallengeResponse').length, 3);
  });
});

describe('custom-auth limits', () => {
  it('a Define that never decides is stopped by the local round guard (Cognito documents no limit), not run forever', async () => {
    const forever = path.join(tmp, 'defineForever.js');
    fs.writeFileSync(forever, "exports.handler = async (event) => { event.response.challengeName = 'CUSTOM_CHALLENGE'; return event; };\n");
    const r = await flow(req('custom-auth', { answers: Array.from({ length: MAX_LOCAL_ROUNDS + 5 }, () => 'x') }), [`DefineAuthChallenge=${forever}`, 'CreateAuthChallenge=createAuth.ts', 'VerifyAuthChallengeResponse=verifyAuth.mjs']);
    assert.equal(r.outcome, 'incomplete');
    assert.equal(triggerSteps(r).filter((s) => s.trigger === 'CreateAuthChallenge').length, MAX_LOCAL_ROUNDS);
    assert.match(r.notes.join(' '), new RegExp(`Stopped after ${MAX_LOCAL_ROUNDS} rounds: a local guard \\(not documented`));
  });
});

describe('every step names its source', () => {
  it('sign-in of an UNCONFIRMED and a RESET_REQUIRED user: the status step that fails it carries the InitiateAuth reference', async () => {
    for (const [status, name] of [['UNCONFIRMED', 'UserNotConfirmedException'], ['RESET_REQUIRED', 'PasswordResetRequiredException']] as const) {
      const users = UserStore.inMemory([{ ...jane(), status }]);
      const r = await flow(req('sign-in', { password: 'Passw0rd!' }), ['PreAuthentication=preAuth.js'], { users });
      assert.equal(r.error?.name, name);
      const failing = r.steps[r.error?.step ?? -1];
      assert.equal(failing?.triggerSource, 'status checked');
      assert.equal(failing?.source, SOURCES.initiateAuth);
      assert.deepEqual(r.steps.filter((s) => !s.source).map((s) => s.triggerSource), []);
    }
  });
});

describe('forgot-password', () => {
  it('an unknown user is migrated (UserMigration_ForgotPassword), the custom message carries the reset code, PostConfirmation_ConfirmForgotPassword runs; the new password then signs in', async () => {
    const users = UserStore.inMemory();
    const triggers = ['UserMigration=migrate.js', 'CustomMessage=customMessage.js', 'PostConfirmation=postConfirmation.js'];
    const r = await flow(req('forgot-password', { username: 'legacy@example.com', password: 'N3w-Passw0rd!' }), triggers, { users, newCode: () => '515151' });
    assert.equal(r.outcome, 'succeeded', JSON.stringify(r.error));
    assert.deepEqual(triggerSteps(r).map((s) => s.triggerSource), ['UserMigration_ForgotPassword', 'CustomMessage_ForgotPassword', 'PostConfirmation_ConfirmForgotPassword']);
    // The migrate event of a reset carries no password.
    assert.equal((triggerSteps(r)[0]?.event as { request: { password?: string } }).request.password, undefined);
    assert.deepEqual(r.messages.map((m) => [m.sentBy, m.code, m.body]), [['custom-message', '515151', 'Hello legacy@example.com, your code is 515151']]);
    assert.match(logsOf(r), /welcome row written for legacy@example.com \(PostConfirmation_ConfirmForgotPassword\)/);
    assert.equal(users.find('legacy@example.com')?.status, 'CONFIRMED');
    const inn = await flow(req('sign-in', { username: 'legacy@example.com', password: 'N3w-Passw0rd!' }), [], { users });
    assert.equal(inn.outcome, 'succeeded', JSON.stringify(inn.error));
    // A user the legacy directory does not know: the migrate handler's error is what the app receives.
    const unknown = await flow(req('forgot-password', { username: 'nobody@example.com', password: 'x' }), triggers, { users });
    assert.deepEqual(unknown.error && [unknown.error.name, unknown.error.message], ['UserLambdaValidationException', 'UserMigration failed with error User not found in the legacy directory.']);
    assert.deepEqual(r.steps.filter((s) => !s.source).map((s) => s.triggerSource), []);
  });
});
