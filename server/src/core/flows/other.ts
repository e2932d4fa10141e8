// The remaining flows: forgot password, refresh, client credentials, federated sign-in and Cognito Sync.
import { randomUUID } from 'node:crypto';
import { mergeDataset } from '../summary';
import { API_SIGN_IN_SCOPES, finishSignIn } from './auth';
import { deliverCode } from './messages';
import type { FlowRequest } from './request';
import { SOURCES } from './sources';
import type { FlowEnd } from './signUp';
import { buildEvent, recordStep, runTrigger, type FlowContext } from './step';
import { issueTokens } from './tokens';
import type { FlowResult } from './types';
import { eventAttributes } from './users';

/** ForgotPassword (migrating an unknown user first), the code, ConfirmForgotPassword, PostConfirmation. */
export async function forgotPassword(ctx: FlowContext, req: FlowRequest): Promise<FlowEnd> {
  let user = ctx.users.find(req.username);
  if (!user && ctx.pool.triggers.UserMigration) {
    const mig = await runTrigger(ctx, 'UserMigration', buildEvent(ctx, 'UserMigration', 'UserMigration_ForgotPassword', req.username, { ...(Object.keys(ctx.clientMetadata).length ? { clientMetadata: ctx.clientMetadata } : {}) }), SOURCES.userMigration);
    if (mig?.failed) return mig.failed;
    const r = (mig?.value?.response ?? {}) as Record<string, unknown>;
    const attrs = Object.fromEntries(Object.entries((r.userAttributes ?? {}) as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
    user = ctx.users.add({ username: req.username, status: 'RESET_REQUIRED', attributes: { sub: randomUUID(), ...attrs } });
    recordStep(ctx, 'cognito', 'ForgotPassword', 'user migrated', `${user.username} created from the migrate user answer; the reset continues.`, true, { source: SOURCES.userMigration });
  }
  if (!user) {
    const idx = recordStep(ctx, 'cognito', 'ForgotPassword', 'user not found', `No user ${req.username} in the user store.`, false, { source: SOURCES.preventUserExistenceErrors });
    if (ctx.pool.preventUserExistenceErrors) {
      ctx.notes.push('PreventUserExistenceErrors is ENABLED: Cognito answers as if a code was sent, and nothing is sent.');
      return undefined;
    }
    return { name: 'UserNotFoundException', message: 'Username/client id combination not found.', step: idx, source: SOURCES.forgotPassword };
  }
  const code = ctx.newCode();
  user.pendingCode = code;
  recordStep(ctx, 'cognito', 'ForgotPassword', 'code sent', `Cognito sends a reset code to ${user.attributes.email ?? user.attributes.phone_number ?? user.username}.`, true, { source: SOURCES.forgotPassword });
  const failed = await deliverCode(ctx, user, 'ForgotPassword', code);
  if (failed) return failed;
  const newPassword = req.newPassword ?? req.password;
  if (!newPassword) {
    ctx.notes.push('Give --password (the new password) to confirm the reset.');
    return 'incomplete';
  }
  recordStep(ctx, 'app', 'ConfirmForgotPassword', 'code and new password', `The app confirms with the code ${code} and the new password.`, true, { event: { Username: user.username, ConfirmationCode: code }, source: SOURCES.confirmForgotPassword });
  const post = await runTrigger(ctx, 'PostConfirmation', buildEvent(ctx, 'PostConfirmation', 'PostConfirmation_ConfirmForgotPassword', user.username, { userAttributes: eventAttributes(user), ...(Object.keys(ctx.clientMetadata).length ? { clientMetadata: ctx.clientMetadata } : {}) }), SOURCES.postConfirmation);
  if (post?.failed) return post.failed;
  user.password = newPassword;
  user.status = 'CONFIRMED';
  delete user.pendingCode;
  return undefined;
}

/** REFRESH_TOKEN_AUTH: pre token generation with TokenGeneration_RefreshTokens, new ID and access tokens. */
export async function refresh(ctx: FlowContext, req: FlowRequest, out: { tokens: FlowResult['tokens'] }): Promise<FlowEnd> {
  const user = ctx.users.find(req.username);
  if (!user || user.status !== 'CONFIRMED') {
    const idx = recordStep(ctx, 'cognito', 'InitiateAuth', 'refresh token', `${req.username} has no valid refresh token (not a confirmed user in the store).`, false, { source: SOURCES.refresh });
    return { name: 'NotAuthorizedException', message: 'Invalid Refresh Token', step: idx, source: SOURCES.refresh };
  }
  const t = ctx.pool.triggers.PreTokenGenerationConfig;
  let preToken;
  if (t) {
    preToken = await runTrigger(ctx, 'PreTokenGenerationConfig', buildEvent(ctx, t.trigger.id, 'TokenGeneration_RefreshTokens', user.username, { userAttributes: eventAttributes(user), groupConfiguration: { groupsToOverride: [...(user.groups ?? [])], iamRolesToOverride: [], preferredRole: null }, ...(t.trigger.id !== 'PreTokenGeneration' ? { scopes: req.scopes ?? API_SIGN_IN_SCOPES } : {}) }), SOURCES.preTokenGeneration);
    if (preToken?.failed) return preToken.failed;
  }
  out.tokens = await issueTokens({ pool: ctx.pool, user, ...(preToken ? { preToken: preToken.step, ...(preToken.value ? { answer: preToken.value } : {}) } : {}), scopes: req.scopes ?? API_SIGN_IN_SCOPES, authTime: ctx.now() });
  recordStep(ctx, 'cognito', 'InitiateAuth', 'tokens refreshed', 'Cognito issues new ID and access tokens (pre and post authentication do not run on a refresh).', true, { source: SOURCES.refresh });
  return undefined;
}

/** client_credentials at the token endpoint: only a version 3 pre token generation trigger is invoked. */
export async function clientCredentials(ctx: FlowContext, req: FlowRequest, out: { tokens: FlowResult['tokens'] }): Promise<FlowEnd> {
  const t = ctx.pool.triggers.PreTokenGenerationConfig;
  const scopes = req.scopes ?? ['resource-server/read'];
  let preToken;
  if (t?.trigger.id === 'PreTokenGenerationV3') {
    const event = buildEvent(ctx, t.trigger.id, 'TokenGeneration_ClientCredentials', ctx.pool.clientId, { userAttributes: {}, scopes, ...(Object.keys(ctx.clientMetadata).length ? { clientMetadata: ctx.clientMetadata } : {}) });
    preToken = await runTrigger(ctx, 'PreTokenGenerationConfig', event, SOURCES.preTokenGeneration);
    if (preToken?.failed) return preToken.failed;
  } else if (t) {
    recordStep(ctx, 'cognito', 'token endpoint', 'trigger skipped', `The pool's pre token generation is ${t.trigger.displayName}: only event version 3 is invoked for client credentials.`, true, { source: SOURCES.preTokenGeneration });
  }
  out.tokens = await issueTokens({ pool: ctx.pool, ...(preToken ? { preToken: preToken.step, ...(preToken.value ? { answer: preToken.value } : {}) } : {}), scopes, authTime: ctx.now() });
  recordStep(ctx, 'cognito', 'token endpoint', 'access token issued', 'Cognito issues an access token (no ID token: there is no user).', true, { source: SOURCES.clientCredentials });
  return undefined;
}

/** Federated sign-in: inbound federation, the first sign-in's pre sign-up and post confirmation, tokens. */
export async function federatedSignIn(ctx: FlowContext, req: FlowRequest, out: { tokens: FlowResult['tokens'] }): Promise<FlowEnd> {
  const provider = req.provider ?? { name: 'CorporateOIDC', type: 'OIDC' };
  const providerSub = req.attributes.sub ?? randomUUID();
  const userName = `${provider.name}_${providerSub}`;
  let mapped: Record<string, string> = Object.fromEntries(Object.entries(req.attributes).filter(([k]) => k !== 'sub'));
  const inbound = await runTrigger(ctx, 'InboundFederation', buildEvent(ctx, 'InboundFederation', 'InboundFederation_ExternalProvider', userName, { providerName: provider.name, providerType: provider.type, attributes: { tokenResponse: {}, idToken: { sub: providerSub, ...mapped }, userInfo: { sub: providerSub, ...mapped } } }), SOURCES.inboundFederation);
  if (inbound?.failed) return inbound.failed;
  const toMap = (inbound?.value?.response as Record<string, unknown> | undefined)?.userAttributesToMap;
  if (toMap && typeof toMap === 'object' && Object.keys(toMap).length) mapped = Object.fromEntries(Object.entries(toMap as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
  let user = ctx.users.find(userName);
  if (!user) {
    const attrs = { ...mapped, identities: JSON.stringify([{ providerName: provider.name, providerType: provider.type, userId: providerSub, primary: true }]) };
    const pre = await runTrigger(ctx, 'PreSignUp', buildEvent(ctx, 'PreSignUp', 'PreSignUp_ExternalProvider', userName, { userAttributes: attrs }), SOURCES.preSignUp);
    if (pre?.failed) return pre.failed;
    user = ctx.users.add({ username: userName, status: 'EXTERNAL_PROVIDER', attributes: { sub: randomUUID(), ...attrs } });
    recordStep(ctx, 'cognito', 'federation', 'user created', `${userName} created EXTERNAL_PROVIDER on the first sign-in.`, true, { source: SOURCES.federation });
    const post = await runTrigger(ctx, 'PostConfirmation', buildEvent(ctx, 'PostConfirmation', 'PostConfirmation_ConfirmSignUp', userName, { userAttributes: eventAttributes(user) }), SOURCES.postConfirmation);
    if (post?.failed) return post.failed;
  } else {
    Object.assign(user.attributes, mapped);
  }
  return finishSignIn(ctx, user, 'TokenGeneration_HostedAuth', out, ['openid', 'email', 'profile']);
}

/** Cognito Sync: the device's records go through the Sync trigger and Cognito stores its merge. */
export async function sync(ctx: FlowContext, req: FlowRequest): Promise<FlowEnd> {
  const ds = req.dataset ?? { name: 'UserPreferences', records: req.attributes };
  const existing = ds.existing ?? {};
  const datasetRecords: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(ds.records)) datasetRecords[k] = v === '' ? { oldValue: existing[k] ?? null, newValue: null, op: 'remove' } : { oldValue: existing[k] ?? null, newValue: v, op: 'replace' };
  const event = {
    version: 2,
    eventType: 'SyncTrigger',
    region: ctx.pool.region,
    identityPoolId: `${ctx.pool.region}:00000000-0000-4000-8000-000000000001`,
    identityId: `${ctx.pool.region}:00000000-0000-4000-8000-000000000002`,
    datasetName: ds.name,
    datasetRecords,
  };
  const run = await runTrigger(ctx, 'SyncTrigger', event, SOURCES.sync);
  if (!run) {
    recordStep(ctx, 'cognito', 'UpdateRecords', 'no trigger', 'No Sync trigger: Cognito stores the records as sent.', true, { source: SOURCES.sync });
    return undefined;
  }
  if (run.failed) return run.failed;
  const merged = mergeDataset(event, run.value);
  recordStep(ctx, 'cognito', 'UpdateRecords', 'dataset stored', `Cognito stores ${JSON.stringify(merged)}.`, true, { response: merged, source: SOURCES.sync });
  return undefined;
}
