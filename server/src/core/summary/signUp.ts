// Summaries for sign-up and sign-in notifications: pre sign-up, post confirmation, pre/post authentication.
import type { SummaryLine } from '../protocol/invokeResult';
import { at, info, obj, ok, warn, err, type ReturnedSummariser } from './common';

/** Pre sign-up: confirmation and verification flags, checked against the attributes they need. */
export const preSignUp: ReturnedSummariser = ({ value, triggerSource, input }) => {
  const r = obj(value.response) ?? {};
  const attrs = obj(at(value, 'request', 'userAttributes')) ?? obj(at(input, 'request', 'userAttributes')) ?? {};
  const lines: SummaryLine[] = [];
  const parts: string[] = [];
  // The reason a sign-up fails comes first in the headline, not after what would have happened.
  const failures: string[] = [];
  if (triggerSource === 'PreSignUp_AdminCreateUser' && (r.autoConfirmUser === true || r.autoVerifyEmail === true || r.autoVerifyPhone === true)) {
    lines.push(info('For PreSignUp_AdminCreateUser Cognito ignores autoConfirmUser and the verify flags: the user starts in FORCE_CHANGE_PASSWORD.'));
  }
  const admin = triggerSource === 'PreSignUp_AdminCreateUser';
  if (r.autoConfirmUser === true && !admin) {
    parts.push('user auto-confirmed');
    lines.push(ok('autoConfirmUser: the user is CONFIRMED without a confirmation code.'));
  }
  for (const [flag, attr, label] of [
    ['autoVerifyEmail', 'email', 'email'],
    ['autoVerifyPhone', 'phone_number', 'phone number'],
  ] as const) {
    if (r[flag] !== true || admin) continue;
    const present = typeof attrs[attr] === 'string' && attrs[attr] !== '';
    parts.push(`${label} marked verified (requires ${attr === 'email' ? 'an' : 'a'} ${attr} attribute: ${present ? 'present' : 'missing'})`);
    if (present) lines.push(ok(`${flag}: ${attr} ${String(attrs[attr])} is marked verified.`));
    else {
      failures.push(`${flag} is true but the user has no ${attr} attribute`);
      lines.push(err(`${flag} is true but the user has no ${attr} attribute: Cognito fails the sign-up.`));
    }
  }
  if ((r.autoVerifyEmail === true || r.autoVerifyPhone === true) && r.autoConfirmUser !== true && !admin) {
    lines.push(warn('Verifying without autoConfirmUser: the user still has to confirm the sign-up.'));
  }
  if (!parts.length) {
    if (admin) parts.push('user created by the administrator (FORCE_CHANGE_PASSWORD)');
    else if (triggerSource === 'PreSignUp_ExternalProvider') parts.push('federated user created (EXTERNAL_PROVIDER)');
    else parts.push('user created UNCONFIRMED; Cognito sends a confirmation code');
  }
  if (failures.length) return { headline: `Sign-up fails: ${failures.join('; ')}.`, succeeds: false, lines };
  const headline = parts.join('; ');
  return { headline: `${headline[0]?.toUpperCase()}${headline.slice(1)}.`, succeeds: true, lines };
};

/** Post confirmation: a notification; the answer's content is ignored. */
export const postConfirmation: ReturnedSummariser = ({ triggerSource }) => ({
  headline: triggerSource === 'PostConfirmation_ConfirmForgotPassword' ? 'Password reset completes.' : 'User confirmed; sign-up completes.',
  succeeds: true,
  lines: [info('Cognito ignores the response of post confirmation; only an error (or a timeout) changes the outcome.')],
});

/** Pre authentication: sign-in continues unless the handler throws. */
export const preAuthentication: ReturnedSummariser = () => ({
  headline: 'Sign-in continues (credentials are checked next).',
  succeeds: true,
  lines: [info('To deny the sign-in, throw an error: the app receives `PreAuthentication failed with error <message>.`')],
});

/** Post authentication: tokens are issued unless the handler throws. */
export const postAuthentication: ReturnedSummariser = ({ value }) => {
  const newDevice = at(value, 'request', 'newDeviceUsed') === true;
  return {
    headline: 'Sign-in completes; Cognito issues the tokens.',
    succeeds: true,
    lines: newDevice ? [info('request.newDeviceUsed is true: the user signed in from a new device.')] : [],
  };
};
