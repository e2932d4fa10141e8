// Summaries for user migration and inbound federation: which user Cognito creates, with what attributes.
import type { SummaryLine } from '../protocol/invokeResult';
import { err, info, obj, ok, warn, type ReturnedSummariser } from './common';

/** User migration: the user is created (or not) with the returned attributes and status. */
export const userMigration: ReturnedSummariser = ({ value, triggerSource }) => {
  const r = obj(value.response) ?? {};
  const attrs = obj(r.userAttributes);
  const lines: SummaryLine[] = [];
  if (!attrs || !Object.keys(attrs).length) {
    return {
      headline: 'No user is migrated: the response has no userAttributes.',
      succeeds: false,
      cognitoError: 'User does not exist.',
      lines: [err('Return response.userAttributes for the user (at least email or phone_number if they are aliases), or throw when the user is unknown.')],
    };
  }
  lines.push(ok(`User created with attributes: ${Object.keys(attrs).join(', ')}.`));
  const status = typeof r.finalUserStatus === 'string' ? r.finalUserStatus : undefined;
  if (triggerSource === 'UserMigration_Authentication') {
    if (status === 'CONFIRMED') lines.push(ok('finalUserStatus CONFIRMED: the user signs in with the password just checked.'));
    else if (status === 'RESET_REQUIRED') lines.push(info('finalUserStatus RESET_REQUIRED: the user must reset the password before signing in.'));
    else lines.push(warn('No finalUserStatus: the user is created but must confirm before the sign-in succeeds.'));
  } else {
    lines.push(info('Forgot-password flow: Cognito creates the user and sends a reset code.'));
  }
  if (r.messageAction === 'SUPPRESS') lines.push(info('messageAction SUPPRESS: Cognito sends no welcome message.'));
  return { headline: triggerSource === 'UserMigration_Authentication' ? 'User migrated; the sign-in continues.' : 'User migrated; the password reset continues.', succeeds: true, lines };
};

/** Inbound federation: attributes mapped from the identity provider. */
export const inboundFederation: ReturnedSummariser = ({ value }) => {
  const mapped = obj(obj(value.response)?.userAttributesToMap);
  if (!mapped) return { headline: 'Federated sign-in continues with the default attribute mapping.', succeeds: true, lines: [info('Set response.userAttributesToMap to change the attributes Cognito stores.')] };
  return { headline: `Federated sign-in continues; ${Object.keys(mapped).length} attribute(s) mapped.`, succeeds: true, lines: Object.entries(mapped).map(([k, v]) => ok(`${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)) };
};
