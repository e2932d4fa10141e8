// Sign-up (SignUp → ConfirmSignUp) and admin-create-user, with the triggers Cognito calls on the way.
import { randomUUID } from 'node:crypto';
import { deliverCode } from './messages';
import { SOURCES } from './sources';
import { buildEvent, recordStep, runTrigger, type FlowContext } from './step';
import type { FlowRequest } from './request';
import type { AppError } from './types';
import type { StoredUser } from './users';

/** A flow's end: undefined = success, else the app's error. */
export type FlowEnd = AppError | undefined | 'incomplete';

const truthy = (v: unknown): boolean => v === true;

/** SignUp: PreSignUp_SignUp, the code (unless auto-confirmed), ConfirmSignUp, PostConfirmation_ConfirmSignUp. */
export async function signUp(ctx: FlowContext, req: FlowRequest): Promise<FlowEnd> {
  if (ctx.users.find(req.username)) {
    recordStep(ctx, 'cognito', 'SignUp', 'user exists', `${req.username} already exists in the user store.`, false, { source: SOURCES.signUp });
    return { name: 'UsernameExistsException', message: 'User already exists', step: ctx.steps.length - 1, source: SOURCES.signUp };
  }
  if (!req.password) return { name: 'InvalidParameterException', message: 'SignUp needs a password (--password).', source: SOURCES.signUp };
  const attributes = { ...req.attributes };
  const pre = await runTrigger(
    ctx,
    'PreSignUp',
    buildEvent(ctx, 'PreSignUp', 'PreSignUp_SignUp', req.username, {
      userAttributes: attributes,
      ...(Object.keys(req.validationData).length ? { validationData: req.validationData } : {}),
      ...(Object.keys(ctx.clientMetadata).length ? { clientMetadata: ctx.clientMetadata } : {}),
    }),
    SOURCES.preSignUp,
  );
  if (pre?.failed) return pre.failed;
  const r = (pre?.value?.response ?? {}) as Record<string, unknown>;
  const user: StoredUser = { username: req.username, password: req.password, status: 'UNCONFIRMED', attributes: { sub: randomUUID(), ...attributes } };
  if (truthy(r.autoVerifyEmail) && user.attributes.email) user.attributes.email_verified = 'true';
  if (truthy(r.autoVerifyPhone) && user.attributes.phone_number) user.attributes.phone_number_verified = 'true';
  ctx.users.add(user);
  if (truthy(r.autoConfirmUser)) {
    user.status = 'CONFIRMED';
    recordStep(ctx, 'cognito', 'SignUp', 'auto-confirmed', `${user.username} created CONFIRMED (autoConfirmUser); no code is sent.`, true, { response: { UserConfirmed: true, UserSub: user.attributes.sub }, source: SOURCES.preSignUp });
  } else {
    const code = ctx.newCode();
    user.pendingCode = code;
    recordStep(ctx, 'cognito', 'SignUp', 'user created', `${user.username} created UNCONFIRMED; Cognito sends a confirmation code.`, true, { response: { UserConfirmed: false, UserSub: user.attributes.sub }, source: SOURCES.signUp });
    const failed = await deliverCode(ctx, user, 'SignUp', code);
    if (failed) return failed;
    // The app confirms with the code the user received.
    recordStep(ctx, 'app', 'ConfirmSignUp', 'confirmation code', `The app confirms with the code ${code}.`, true, { event: { Username: user.username, ConfirmationCode: code }, source: SOURCES.confirmSignUp });
    delete user.pendingCode;
    // Confirming with an emailed code verifies the email address; an SMS code, the phone number.
    if (user.attributes.email) user.attributes.email_verified = 'true';
    else if (user.attributes.phone_number) user.attributes.phone_number_verified = 'true';
  }
  // An auto-confirmed user reaches PostConfirmation at sign-up time too (observed).
  const post = await runTrigger(ctx, 'PostConfirmation', buildEvent(ctx, 'PostConfirmation', 'PostConfirmation_ConfirmSignUp', user.username, { userAttributes: { ...user.attributes, 'cognito:user_status': 'CONFIRMED' }, ...(Object.keys(ctx.clientMetadata).length ? { clientMetadata: ctx.clientMetadata } : {}) }), truthy(r.autoConfirmUser) ? SOURCES.autoConfirmPostConfirmation : SOURCES.postConfirmation);
  // A failing post confirmation fails ConfirmSignUp and the user stays UNCONFIRMED (observed, SOURCES.postConfirmationFailure).
  if (post?.failed) {
    if (!truthy(r.autoConfirmUser)) user.status = 'UNCONFIRMED';
    return post.failed;
  }
  user.status = 'CONFIRMED';
  return undefined;
}

/** AdminCreateUser: PreSignUp_AdminCreateUser, then the invitation with the temporary password. */
export async function adminCreateUser(ctx: FlowContext, req: FlowRequest): Promise<FlowEnd> {
  if (ctx.users.find(req.username)) {
    recordStep(ctx, 'cognito', 'AdminCreateUser', 'user exists', `${req.username} already exists in the user store.`, false, { source: SOURCES.adminCreateUser });
    return { name: 'UsernameExistsException', message: 'User account already exists', step: ctx.steps.length - 1, source: SOURCES.adminCreateUser };
  }
  const attributes = { ...req.attributes };
  const pre = await runTrigger(
    ctx,
    'PreSignUp',
    buildEvent(ctx, 'PreSignUp', 'PreSignUp_AdminCreateUser', req.username, {
      userAttributes: attributes,
      ...(Object.keys(req.validationData).length ? { validationData: req.validationData } : {}),
      ...(Object.keys(ctx.clientMetadata).length ? { clientMetadata: ctx.clientMetadata } : {}),
    }),
    SOURCES.preSignUp,
  );
  if (pre?.failed) return pre.failed;
  // The response flags do not apply to AdminCreateUser: the user starts FORCE_CHANGE_PASSWORD.
  const temporary = req.password ?? `Tmp-${randomUUID().slice(0, 8)}!1a`;
  const user: StoredUser = { username: req.username, password: temporary, status: 'FORCE_CHANGE_PASSWORD', attributes: { sub: randomUUID(), ...attributes } };
  ctx.users.add(user);
  recordStep(ctx, 'cognito', 'AdminCreateUser', 'user created', `${user.username} created FORCE_CHANGE_PASSWORD; Cognito sends the invitation with the temporary password.`, true, { response: { User: { Username: user.username, UserStatus: user.status } }, source: SOURCES.adminCreateUser });
  // The temporary password is the "code" of the invitation ({####}).
  return deliverCode(ctx, user, 'AdminCreateUser', temporary);
}
