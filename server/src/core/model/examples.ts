// Realistic example values for sample events, by the state of the user each triggerSource implies.

const SUB = '4f1c2e5a-8b7d-4c3e-9a6f-2d1e0b9c8a7f';
const EMAIL = 'jane.doe@example.com';
const PHONE = '+12065550100';

/**
 * `request.userAttributes` of an existing user, by state. A user who signs up (or asks for the code
 * again) is UNCONFIRMED with nothing verified; a user created by an administrator is
 * FORCE_CHANGE_PASSWORD until the first sign-in (verified when the admin set email_verified, as is usual
 * when the temporary password is sent by email); everyone else is CONFIRMED.
 */
export const USER_ATTRIBUTES = {
  confirmed: { sub: SUB, email_verified: 'true', 'cognito:user_status': 'CONFIRMED', email: EMAIL },
  signingUp: { sub: SUB, email_verified: 'false', 'cognito:user_status': 'UNCONFIRMED', email: EMAIL },
  adminCreated: { sub: SUB, email_verified: 'true', 'cognito:user_status': 'FORCE_CHANGE_PASSWORD', email: EMAIL },
  confirmedPhone: { sub: SUB, phone_number_verified: 'true', 'cognito:user_status': 'CONFIRMED', phone_number: PHONE },
  signingUpPhone: { sub: SUB, phone_number_verified: 'false', 'cognito:user_status': 'UNCONFIRMED', phone_number: PHONE },
  adminCreatedPhone: { sub: SUB, phone_number_verified: 'true', 'cognito:user_status': 'FORCE_CHANGE_PASSWORD', phone_number: PHONE },
} as const;

/** The user state each source suffix implies (`CustomMessage_SignUp` → signing up). */
const STATE_BY_SUFFIX: Readonly<Record<string, 'signingUp' | 'adminCreated'>> = {
  SignUp: 'signingUp',
  ResendCode: 'signingUp',
  AdminCreateUser: 'adminCreated',
};

/**
 * `examplesBySource` for the userAttributes of `sources`: the signing-up and admin-created states for
 * the sources that imply them; other sources keep the field's default (a confirmed user).
 */
export function attributesBySource(sources: readonly { readonly value: string }[], phone = false): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const { value } of sources) {
    const state = STATE_BY_SUFFIX[value.slice(value.lastIndexOf('_') + 1)];
    if (state) out[value] = USER_ATTRIBUTES[phone ? (`${state}Phone` as const) : state];
  }
  return out;
}

/**
 * `request.userAttributes` of CustomEmailSender_AccountTakeOverNotification: not the user's attributes
 * but the risk event, in the shape @types/aws-lambda gives (the developer guide shows no such event).
 */
export const ACCOUNT_TAKE_OVER_ATTRIBUTES = {
  EVENT_ID: 'a7c3e1f0-5b2d-4e8a-9c6f-0d1b2e3f4a5b',
  USER_NAME: 'jane.doe',
  IP_ADDRESS: '192.0.2.10',
  ACCOUNT_TAKE_OVER_ACTION: 'BLOCK',
  ONE_CLICK_LINK_VALID: 'https://cognito-idp.us-east-1.amazonaws.com/example/valid',
  ONE_CLICK_LINK_INVALID: 'https://cognito-idp.us-east-1.amazonaws.com/example/invalid',
  LOGIN_TIME: '2026-01-15T08:30:00Z',
  FEEDBACK_TOKEN: 'ZXhhbXBsZS1mZWVkYmFjay10b2tlbg==',
  CITY: 'Seattle',
  COUNTRY: 'United States',
  // Captured account-takeover events carry null for what threat protection could not tell (observed).
  DEVICE_NAME: null,
} as const;
