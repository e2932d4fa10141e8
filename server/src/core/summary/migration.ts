// Summaries for user migration and inbound federation: which user Cognito creates, with what attributes.
import type { SummaryLine } from '../protocol/invokeResult';
import { at, err, info, obj, ok, summary, warn, type ReturnedSummariser } from './common';

const truthy = (v: unknown): boolean => v === 'true' || v === true;
const has = (attrs: Record<string, unknown>, key: string): boolean => typeof attrs[key] === 'string' && attrs[key] !== '';

/** User migration: the user is created (or not) with the returned attributes and status. */
export const userMigration: ReturnedSummariser = ({ value, triggerSource }) => {
  const r = obj(value.response) ?? {};
  const attrs = obj(r.userAttributes);
  const lines: SummaryLine[] = [];
  if (!attrs || !Object.keys(attrs).length) {
    return summary('No user is migrated: the response has no userAttributes (a required field).', 'migrateUserResponse', false, [
      err('Return response.userAttributes for the user (at least email or phone_number if they are aliases), or throw when the user is unknown. The error the app then receives is not documented.', 'migrateUndocumented'),
    ]);
  }
  lines.push(ok(`User created with attributes: ${Object.keys(attrs).join(', ')}.`, 'migrateUserResponse'));
  const failures: string[] = [];
  if (r.enableSMSMFA === true && !has(attrs, 'phone_number')) {
    failures.push('enableSMSMFA is true but the user has no phone_number attribute');
    lines.push(err('enableSMSMFA: true needs a phone_number in the user attributes, or the migration of the user fails (the pool must also have MFA enabled).', 'migrateEnableSmsMfa'));
  }
  const status = typeof r.finalUserStatus === 'string' ? r.finalUserStatus : undefined;
  if (triggerSource === 'UserMigration_ForgotPassword') {
    const verified = (has(attrs, 'email') && truthy(attrs.email_verified)) || (has(attrs, 'phone_number') && truthy(attrs.phone_number_verified));
    if (verified) lines.push(info('Forgot-password flow: Cognito creates the user and sends the reset code to the verified email or phone number.', 'migrateForgotPassword'));
    else {
      failures.push('the forgot-password flow needs a verified email or phone number (email_verified or phone_number_verified "true")');
      lines.push(err('The user has no verified email or phone number: Cognito cannot send the reset code. Return email with email_verified "true" (or phone_number with phone_number_verified "true").', 'migrateForgotPassword'));
    }
  } else if (status === 'CONFIRMED') {
    lines.push(ok('finalUserStatus CONFIRMED: the user is auto-confirmed and signs in with the password just checked.', 'migrateFinalStatus'));
  } else if (status === 'RESET_REQUIRED') {
    lines.push(info('finalUserStatus RESET_REQUIRED: the user must change the password; the app must handle PasswordResetRequiredException.', 'migrateFinalStatus'));
  } else {
    lines.push(warn(`${status === undefined ? 'No finalUserStatus' : `finalUserStatus ${status}`}: the developer guide says a status other than CONFIRMED is set to RESET_REQUIRED, so the user must reset the password (the app gets PasswordResetRequiredException). Set CONFIRMED to keep the password.`, 'migrateFinalStatus'));
  }
  if (r.messageAction === 'SUPPRESS') lines.push(info('messageAction SUPPRESS: Cognito sends no welcome message.', 'migrateMessageAction'));
  else if (typeof r.messageAction === 'string') lines.push(warn(`messageAction "${r.messageAction}" is not documented for the migrate user response (only SUPPRESS is); what Cognito does with it is unknown.`, 'migrateResendUndocumented'));
  else lines.push(info('No messageAction: Cognito sends the welcome message.', 'migrateMessageAction'));
  if (failures.length) return summary(`The migration fails: ${failures.join('; ')}.`, failures[0]?.startsWith('enableSMSMFA') ? 'migrateEnableSmsMfa' : 'migrateForgotPassword', false, lines);
  return summary(triggerSource === 'UserMigration_Authentication' ? 'User migrated; the sign-in continues.' : 'User migrated; the password reset continues.', 'migrateUserResponse', true, lines);
};

/** Claims of a provider's token that are about the token, not the user: never stored as attributes. */
const PROTOCOL_CLAIMS = new Set(['iss', 'aud', 'exp', 'iat', 'nbf', 'auth_time', 'nonce', 'at_hash', 'c_hash', 'azp', 'jti', 'sid', 'amr', 'acr']);

/** The attribute names the provider sent (ID token, UserInfo, SAML assertion), without protocol claims. */
function providerAttributes(value: Record<string, unknown>): string[] {
  const a = obj(at(value, 'request', 'attributes')) ?? {};
  const names = ['idToken', 'userInfo', 'samlResponse'].flatMap((k) => Object.keys(obj(a[k]) ?? {}));
  return [...new Set(names)].filter((n) => !PROTOCOL_CLAIMS.has(n)).sort();
}

/** Inbound federation: `{}` keeps every attribute; a non-empty map keeps exactly its keys. */
export const inboundFederation: ReturnedSummariser = ({ value }) => {
  const mapped = obj(obj(value.response)?.userAttributesToMap);
  const fromProvider = providerAttributes(value);
  if (!mapped) {
    return summary('response.userAttributesToMap is not an object; what Cognito does without it is not documented.', 'inboundFederationUndocumented', true, [
      warn('Return userAttributesToMap: {} to keep every attribute, or the exact attributes Cognito should apply to the user profile.', 'inboundFederationMap'),
    ]);
  }
  const keys = Object.keys(mapped);
  if (keys.length === 0) {
    return summary('Federated sign-in continues; userAttributesToMap {} keeps every attribute the provider mapping gives.', 'inboundFederationMap', true, [
      ok(`Kept: every provider-mapped attribute${fromProvider.length ? ` (the provider sent ${fromProvider.join(', ')})` : ''}.`, 'inboundFederationMap'),
    ]);
  }
  const dropped = fromProvider.filter((n) => !keys.includes(n));
  const lines: SummaryLine[] = [
    info('Cognito applies the returned attributes to the federated user profile.', 'inboundFederationApplies'),
    ...Object.entries(mapped).map(([k, v]) => ok(`Kept ${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`, 'inboundFederationMap')),
    warn(`Dropped: every attribute the map omits${dropped.length ? `; of what the provider sent: ${dropped.join(', ')}` : ''}.`, 'inboundFederationMap'),
  ];
  return summary(`Federated sign-in continues; ${keys.length} attribute(s) kept, every other attribute dropped.`, 'inboundFederationMap', true, lines);
};
