// Sign-in with a password and custom authentication (Define → Create → answer → Verify → Define …),
// both ending with pre token generation, post authentication and the signed tokens.
import { issueTokens } from './tokens';
import { SOURCES, NOT_DOCUMENTED } from './sources';
import { buildEvent, recordStep, runTrigger, type FlowContext } from './step';
import type { FlowEnd } from './signUp';
import type { FlowRequest } from './request';
import type { FlowResult } from './types';
import { eventAttributes, type StoredUser } from './users';
import { randomUUID } from 'node:crypto';

/** Scopes of a user pool API sign-in's access token ({@link SOURCES.accessToken}). */
export const API_SIGN_IN_SCOPES = ['aws.cognito.signin.user.admin'];

/**
 * A local guard on custom challenge rounds. Cognito documents no maximum number of rounds (it is
 * {@link NOT_DOCUMENTED}); only the session's lifetime limits a flow. The guard stops a Define handler
 * that never ends the flow.
 */
export const MAX_LOCAL_ROUNDS = 20;

const notAuthorized = (ctx: FlowContext, step?: number) => ({ name: 'NotAuthorizedException', message: 'Incorrect username or password.', ...(step !== undefined ? { step } : {}), source: SOURCES.initiateAuth });

/** Token generation after a successful authentication: pre token generation, post authentication, tokens. */
export async function finishSignIn(ctx: FlowContext, user: StoredUser, source: string, tokensOut: { tokens: FlowResult['tokens'] }, scopes = API_SIGN_IN_SCOPES): Promise<FlowEnd> {
  const authTime = ctx.now();
  const preTokenSlot = ctx.pool.triggers.PreTokenGenerationConfig;
  let preToken;
  if (preTokenSlot) {
    const request: Record<string, unknown> = {
      userAttributes: eventAttributes(user),
      groupConfiguration: { groupsToOverride: [...(user.groups ?? [])], iamRolesToOverride: [], preferredRole: null },
      ...(Object.keys(ctx.clientMetadata).length ? { clientMetadata: ctx.clientMetadata } : {}),
      ...(preTokenSlot.trigger.id !== 'PreTokenGeneration' ? { scopes } : {}),
    };
    preToken = await runTrigger(ctx, 'PreTokenGenerationConfig', buildEvent(ctx, preTokenSlot.trigger.id, source, user.username, request), SOURCES.preTokenGeneration);
    if (preToken?.failed) return preToken.failed;
  }
  // PostAuthentication runs after pre token generation (observed, SOURCES.postAuthenticationAfterTokens).
  const post = await runTrigger(
    ctx,
    'PostAuthentication',
    buildEvent(ctx, 'PostAuthentication', 'PostAuthentication_Authentication', user.username, {
      userAttributes: eventAttributes(user),
      newDeviceUsed: false,
      ...(Object.keys(ctx.clientMetadata).length ? { clientMetadata: ctx.clientMetadata } : {}),
    }),
    SOURCES.postAuthenticationAfterTokens,
  );
  if (post?.failed) return post.failed;
  tokensOut.tokens = await issueTokens({ pool: ctx.pool, user, ...(preToken ? { preToken: preToken.step, ...(preToken.value ? { answer: preToken.value } : {}) } : {}), scopes, authTime });
  recordStep(ctx, 'cognito', 'InitiateAuth', 'tokens issued', 'Cognito issues the ID, access and refresh tokens.', true, { response: { IdToken: tokensOut.tokens.id?.jwt, AccessToken: tokensOut.tokens.access.jwt }, source: SOURCES.idToken });
  return undefined;
}

/** USER_PASSWORD_AUTH: migration of an unknown user, pre authentication, the password, then tokens. */
export async function signIn(ctx: FlowContext, req: FlowRequest, out: { tokens: FlowResult['tokens'] }): Promise<FlowEnd> {
  let user = ctx.users.find(req.username);
  if (!req.password) return { name: 'InvalidParameterException', message: 'Missing required parameter PASSWORD (--password).', source: SOURCES.initiateAuth };
  if (!user) {
    if (!ctx.pool.triggers.UserMigration) {
      const idx = recordStep(ctx, 'cognito', 'InitiateAuth', 'user not found', `No user ${req.username} in the user store and no migrate user trigger.`, false, { source: SOURCES.preventUserExistenceErrors });
      return ctx.pool.preventUserExistenceErrors ? notAuthorized(ctx, idx) : { name: 'UserNotFoundException', message: 'User does not exist.', step: idx, source: SOURCES.preventUserExistenceErrors };
    }
    const mig = await runTrigger(
      ctx,
      'UserMigration',
      buildEvent(ctx, 'UserMigration', 'UserMigration_Authentication', req.username, { password: req.password, validationData: req.validationData, ...(Object.keys(ctx.clientMetadata).length ? { clientMetadata: ctx.clientMetadata } : {}) }),
      SOURCES.userMigration,
    );
    if (mig?.failed) return mig.failed.name === 'UserNotFoundException' && ctx.pool.preventUserExistenceErrors ? notAuthorized(ctx, mig.failed.step) : mig.failed;
    const r = (mig?.value?.response ?? {}) as Record<string, unknown>;
    const attrs = Object.fromEntries(Object.entries((r.userAttributes ?? {}) as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
    const status = r.finalUserStatus === 'CONFIRMED' ? 'CONFIRMED' : r.finalUserStatus === 'RESET_REQUIRED' ? 'RESET_REQUIRED' : 'UNCONFIRMED';
    user = ctx.users.add({ username: req.username, password: req.password, status, attributes: { sub: randomUUID(), ...attrs } });
    recordStep(ctx, 'cognito', 'InitiateAuth', 'user migrated', `${user.username} created ${status} from the migrate user answer, with the password just checked.`, true, { source: SOURCES.userMigration });
  }
  const pre = await runTrigger(
    ctx,
    'PreAuthentication',
    buildEvent(ctx, 'PreAuthentication', 'PreAuthentication_Authentication', user.username, { userAttributes: eventAttributes(user), validationData: ctx.clientMetadata, userNotFound: false }),
    SOURCES.preAuthentication,
  );
  if (pre?.failed) return pre.failed;
  if (user.password !== req.password) {
    return notAuthorized(ctx, recordStep(ctx, 'cognito', 'InitiateAuth', 'password checked', 'The password is wrong.', false, { source: SOURCES.initiateAuth }));
  }
  if (user.status === 'UNCONFIRMED') return { name: 'UserNotConfirmedException', message: 'User is not confirmed.', step: recordStep(ctx, 'cognito', 'InitiateAuth', 'status checked', `${user.username} is UNCONFIRMED.`, false, { source: SOURCES.initiateAuth }), source: SOURCES.initiateAuth };
  if (user.status === 'RESET_REQUIRED') return { name: 'PasswordResetRequiredException', message: 'Password reset required for the user', step: recordStep(ctx, 'cognito', 'InitiateAuth', 'status checked', `${user.username} must reset the password.`, false, { source: SOURCES.initiateAuth }), source: SOURCES.initiateAuth };
  if (user.status === 'FORCE_CHANGE_PASSWORD') {
    recordStep(ctx, 'cognito', 'InitiateAuth', 'NEW_PASSWORD_REQUIRED', 'Cognito answers with the NEW_PASSWORD_REQUIRED challenge: the user must set a new password (not simulated further).', true, { response: { ChallengeName: 'NEW_PASSWORD_REQUIRED' }, source: SOURCES.initiateAuth });
    ctx.notes.push('The user has a temporary password: the app must answer NEW_PASSWORD_REQUIRED (RespondToAuthChallenge); this tool stops here.');
    return 'incomplete';
  }
  recordStep(ctx, 'cognito', 'InitiateAuth', 'password checked', 'The password is right.', true, { source: SOURCES.initiateAuth });
  return finishSignIn(ctx, user, 'TokenGeneration_Authentication', out);
}

interface SessionEntry {
  challengeName: string;
  challengeResult: boolean;
  challengeMetadata?: string;
}

/**
 * CUSTOM_AUTH: Define decides, Create builds the challenge (public parameters go to the app, private
 * ones to Verify), the app answers, Verify judges, and Define sees the result in `session`. With a
 * password the flow starts as CUSTOM_WITH_SRP: session[0] is SRP_A and Define may ask PASSWORD_VERIFIER.
 */
export async function customAuth(ctx: FlowContext, req: FlowRequest, out: { tokens: FlowResult['tokens'] }): Promise<FlowEnd> {
  const user = ctx.users.find(req.username);
  const userNotFound = !user;
  if (!user && !ctx.pool.preventUserExistenceErrors) {
    const idx = recordStep(ctx, 'cognito', 'InitiateAuth', 'user not found', `No user ${req.username} in the user store (app client PreventUserExistenceErrors is not ENABLED).`, false, { source: SOURCES.preventUserExistenceErrors });
    return { name: 'UserNotFoundException', message: 'User does not exist.', step: idx, source: SOURCES.preventUserExistenceErrors };
  }
  if (!ctx.pool.triggers.DefineAuthChallenge) return { name: 'InvalidParameterException', message: 'CUSTOM_AUTH needs a define auth challenge trigger: bind DefineAuthChallenge (--trigger DefineAuthChallenge=FILE).', source: SOURCES.customAuth };
  const userName = user?.username ?? req.username;
  const attrs = user ? eventAttributes(user) : {};
  const extra = (): Record<string, unknown> => ({ ...(Object.keys(ctx.clientMetadata).length ? { clientMetadata: ctx.clientMetadata } : {}), ...(userNotFound ? { userNotFound: true } : {}) });
  if (user) {
    const pre = await runTrigger(ctx, 'PreAuthentication', buildEvent(ctx, 'PreAuthentication', 'PreAuthentication_Authentication', userName, { userAttributes: attrs, validationData: ctx.clientMetadata, userNotFound: false }), SOURCES.preAuthentication);
    if (pre?.failed) return pre.failed;
  }
  const session: SessionEntry[] = [];
  if (req.password) session.push({ challengeName: 'SRP_A', challengeResult: true });
  const answers = [...req.answers];
  const validityMs = ctx.pool.authSessionValidityMinutes * 60_000;
  let round = 0;
  for (;;) {
    const define = await runTrigger(ctx, 'DefineAuthChallenge', buildEvent(ctx, 'DefineAuthChallenge', 'DefineAuthChallenge_Authentication', userName, { userAttributes: attrs, session: session.map((s) => ({ ...s })), ...extra() }), SOURCES.defineAuthChallenge);
    if (!define) return { name: 'InvalidParameterException', message: 'No define auth challenge trigger.', source: SOURCES.customAuth };
    const d = (define.value?.response ?? {}) as Record<string, unknown>;
    // failAuthentication ends the flow; the app then receives NotAuthorizedException (observed).
    if (d.failAuthentication === true && d.issueTokens !== true) return { ...notAuthorized(ctx, ctx.steps.length - 1), source: SOURCES.failAuthentication };
    if (define.failed) return define.failed;
    if (d.issueTokens === true) {
      if (!user) return notAuthorized(ctx, ctx.steps.length - 1);
      return finishSignIn(ctx, user, 'TokenGeneration_Authentication', out);
    }
    const challengeName = String(d.challengeName);
    if (challengeName === 'PASSWORD_VERIFIER') {
      const ok = !!user && req.password !== undefined && user.password === req.password;
      recordStep(ctx, 'cognito', 'RespondToAuthChallenge', 'PASSWORD_VERIFIER', ok ? 'The app proves the password (SRP): right.' : 'The app proves the password (SRP): wrong or missing (--password).', ok, { source: SOURCES.customAuth });
      session.push({ challengeName, challengeResult: ok });
      continue;
    }
    if (challengeName !== 'CUSTOM_CHALLENGE') {
      recordStep(ctx, 'cognito', 'InitiateAuth', challengeName, `Define asks for ${challengeName}; this tool simulates CUSTOM_CHALLENGE and PASSWORD_VERIFIER only.`, true, { source: SOURCES.defineAuthChallenge });
      ctx.notes.push(`Stopped at the ${challengeName} challenge, which is not simulated locally.`);
      return 'incomplete';
    }
    round++;
    if (round > MAX_LOCAL_ROUNDS) {
      ctx.notes.push(`Stopped after ${MAX_LOCAL_ROUNDS} rounds: a local guard (${NOT_DOCUMENTED}); Define never issued tokens or failed.`);
      return 'incomplete';
    }
    const create = await runTrigger(ctx, 'CreateAuthChallenge', buildEvent(ctx, 'CreateAuthChallenge', 'CreateAuthChallenge_Authentication', userName, { userAttributes: attrs, challengeName, session: session.map((s) => ({ ...s })), ...extra() }), SOURCES.createAuthChallenge);
    if (!create) return { name: 'InvalidLambdaResponseException', message: 'Define asked for CUSTOM_CHALLENGE but the pool has no create auth challenge trigger.', source: SOURCES.customAuth };
    if (create.failed) return create.failed;
    const c = (create.value?.response ?? {}) as Record<string, unknown>;
    const parameters = Object.fromEntries(Object.entries((c.publicChallengeParameters ?? {}) as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
    const privateParameters = (c.privateChallengeParameters ?? {}) as Record<string, unknown>;
    const issuedAt = ctx.now();
    const answer = answers.length ? answers.shift() : await ctx.answer?.({ challengeName, parameters, round });
    if (answer === undefined) {
      recordStep(ctx, 'cognito', 'InitiateAuth', 'challenge sent', `The app receives CUSTOM_CHALLENGE with ${JSON.stringify(parameters)} and must answer within ${ctx.pool.authSessionValidityMinutes} minutes.`, true, { response: { ChallengeName: challengeName, ChallengeParameters: { ...parameters, USERNAME: userName } }, source: SOURCES.respondToAuthChallenge });
      ctx.notes.push(`Waiting for the answer to round ${round} (pass --answer).`);
      return 'incomplete';
    }
    const answerStep = recordStep(ctx, 'app', 'RespondToAuthChallenge', 'answer', `The app answers "${answer}" to ${JSON.stringify(parameters)}.`, true, { event: { ChallengeName: challengeName, ChallengeResponses: { USERNAME: userName, ANSWER: answer } }, source: SOURCES.respondToAuthChallenge });
    if (ctx.now() - issuedAt > validityMs) {
      return { name: 'NotAuthorizedException', message: 'Invalid session for the user, session is expired.', step: answerStep, source: SOURCES.sessionExpired };
    }
    const verify = await runTrigger(ctx, 'VerifyAuthChallengeResponse', buildEvent(ctx, 'VerifyAuthChallengeResponse', 'VerifyAuthChallengeResponse_Authentication', userName, { userAttributes: attrs, privateChallengeParameters: privateParameters, challengeAnswer: answer, ...extra() }), SOURCES.verifyAuthChallenge);
    if (!verify) return { name: 'InvalidLambdaResponseException', message: 'The pool has no verify auth challenge response trigger.', source: SOURCES.customAuth };
    if (verify.failed) return verify.failed;
    const correct = (verify.value?.response as Record<string, unknown> | undefined)?.answerCorrect === true;
    const entry: SessionEntry = { challengeName, challengeResult: correct };
    if (typeof c.challengeMetadata === 'string') entry.challengeMetadata = c.challengeMetadata;
    session.push(entry);
  }
}
