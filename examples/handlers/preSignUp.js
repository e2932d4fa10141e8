// Pre sign-up trigger (CommonJS): confirms users whose email is on the company domain without a code.
'use strict';

/** Email domain whose users are confirmed automatically; set ALLOWED_DOMAIN in the function's environment. */
const ALLOWED_DOMAIN = (process.env.ALLOWED_DOMAIN || 'example.com').toLowerCase();

/**
 * @param {import('aws-lambda').PreSignUpTriggerEvent} event
 * @returns {Promise<import('aws-lambda').PreSignUpTriggerEvent>}
 */
exports.handler = async (event) => {
  const email = (event.request.userAttributes.email || '').toLowerCase();
  const domain = email.slice(email.lastIndexOf('@') + 1);
  // Only self sign-up: Cognito ignores these flags for AdminCreateUser, and an external provider's
  // email is not ours to vouch for.
  if (event.triggerSource === 'PreSignUp_SignUp' && email.includes('@') && domain === ALLOWED_DOMAIN) {
    event.response.autoConfirmUser = true;
    // The event carries an email attribute (checked above), which autoVerifyEmail requires.
    event.response.autoVerifyEmail = true;
  }
  return event;
};
