// Summaries for sign-up and sign-in notifications: pre sign-up, post confirmation, pre/post authentication.
import type { SummaryLine } from '../protocol/invokeResult';
import { at, info, obj, ok, warn, err, summary, type ReturnedSummariser } from './common';

const FLAGS = ['autoConfirmUser', 'autoVerifyEmail', 'autoVerifyPhone'] as const;

/**
 * Pre sign-up: confirmation and verification flags, checked against the attributes they need. Cognito
 * reads the response and the request it sent: the attributes come from the input event, never from
 * changes the function made to `event.request` (a handler that writes `request.userAttributes.email`
 * and sets `autoVerifyEmail` still fails when the user gave no email).
 */
export const preSignUp: ReturnedSummariser = ({ value, triggerSource, input }) => {
  const r = obj(value.response) ?? {};
  const attrs = obj(at(input, 'request', 'userAttributes')) ?? {};
  const lines: SummaryLine[] = [];
  const parts: string[] = [];
  // The reason a sign-up fails comes first in the headline, not after what would have happened.
  const failures: string[] = [];
  const admin = triggerSource === 'PreSignUp_AdminCreateUser';
  if (JSON.stringify(at(value, 'request')) !== JSON.stringify(at(input, 'request'))) {
    lines.push(warn('The handler changed event.request. That Cognito reads such changes is not documented: this summary uses the request Cognito sent (set event.response instead).', 'requestIgnored'));
  }
  if (admin) {
    for (const f of FLAGS) if (r[f] === true) lines.push(warn(`${f} is ignored for PreSignUp_AdminCreateUser: Cognito ignores the three response flags when AdminCreateUser calls the trigger.`, 'preSignUpAdminIgnored'));
  }
  if (r.autoConfirmUser === true && !admin) {
    parts.push('user auto-confirmed');
    lines.push(ok('autoConfirmUser: the user is CONFIRMED without a confirmation code.', 'preSignUpFlags'));
  }
  for (const [flag, attr, label] of [
    ['autoVerifyEmail', 'email', 'email'],
    ['autoVerifyPhone', 'phone_number', 'phone number'],
  ] as const) {
    if (r[flag] !== true || admin) continue;
    const present = typeof attrs[attr] === 'string' && attrs[attr] !== '';
    if (present) {
      parts.push(`${label} marked verified (requires ${attr === 'email' ? 'an' : 'a'} ${attr} attribute: present)`);
      lines.push(ok(`${flag}: ${attr} ${String(attrs[attr])} is marked verified.`, 'preSignUpFlags'));
    } else {
      failures.push(`${flag} is true but the user has no ${attr} attribute`);
      lines.push(err(`${flag} is true but the user's attributes (as Cognito sent them) have no ${attr}: Cognito fails the sign-up.`, 'preSignUpFlags'));
    }
  }
  if ((r.autoVerifyEmail === true || r.autoVerifyPhone === true) && r.autoConfirmUser !== true && !admin) {
    lines.push(warn('Verifying without autoConfirmUser: the user is still UNCONFIRMED and has to confirm the sign-up.', 'userStatus'));
  }
  if (failures.length) return summary(`Sign-up fails: ${failures.join('; ')}.`, 'preSignUpFlags', false, lines);
  let headlineSource: 'preSignUpFlags' | 'adminCreateUserStatus' | 'userStatus' | 'signUpConfirmation' = 'preSignUpFlags';
  if (!parts.length) {
    if (admin) {
      parts.push('user created by the administrator (FORCE_CHANGE_PASSWORD)');
      headlineSource = 'adminCreateUserStatus';
    } else if (triggerSource === 'PreSignUp_ExternalProvider') {
      parts.push('federated user created (EXTERNAL_PROVIDER)');
      headlineSource = 'userStatus';
    } else {
      parts.push('user created UNCONFIRMED; Cognito sends a confirmation code');
      headlineSource = 'signUpConfirmation';
    }
  }
  const headline = parts.join('; ');
  return summary(`${headline[0]?.toUpperCase()}${headline.slice(1)}.`, headlineSource, true, lines);
};

/** Post confirmation: a notification; the answer's content is ignored. */
export const postConfirmation: ReturnedSummariser = ({ triggerSource }) =>
  summary(triggerSource === 'PostConfirmation_ConfirmForgotPassword' ? 'Password reset completes.' : 'User confirmed; sign-up completes.', 'postConfirmation', true, [
    info('Cognito expects no return information from post confirmation; only an error (or a timeout) changes the outcome.', 'postConfirmation'),
  ]);

/** Pre authentication: sign-in continues unless the handler throws. */
export const preAuthentication: ReturnedSummariser = () =>
  summary('Sign-in continues (credentials are checked next).', 'preAuthentication', true, [
    info('To deny the sign-in, throw an error: the app receives `PreAuthentication failed with error <message>.` (observed wording).', 'userLambdaValidation'),
  ]);

/** Post authentication: tokens are issued unless the handler throws. */
export const postAuthentication: ReturnedSummariser = ({ value }) => {
  const newDevice = at(value, 'request', 'newDeviceUsed') === true;
  return summary('Sign-in completes; Cognito issues the tokens.', 'postAuthentication', true, newDevice ? [info('request.newDeviceUsed is true: the user signed in from a new device.', 'postAuthentication')] : []);
};
