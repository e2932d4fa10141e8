// Custom message trigger (ES module): branded verification, password-reset and invitation messages.
const APP_NAME = process.env.APP_NAME ?? 'Example App';

/**
 * Cognito replaces `codeParameter` (and `usernameParameter`) with the real values after the function
 * returns, so they must appear in the message text, or Cognito rejects the message.
 * @param {import('aws-lambda').CustomMessageTriggerEvent} event
 * @returns {Promise<import('aws-lambda').CustomMessageTriggerEvent>}
 */
export const handler = async (event) => {
  const { codeParameter, usernameParameter } = event.request;
  switch (event.triggerSource) {
    case 'CustomMessage_SignUp':
    case 'CustomMessage_ResendCode':
      event.response.emailSubject = `Welcome to ${APP_NAME}`;
      event.response.emailMessage = `<p>Your ${APP_NAME} verification code is <b>${codeParameter}</b>.</p>`;
      event.response.smsMessage = `Your ${APP_NAME} verification code is ${codeParameter}`;
      break;
    case 'CustomMessage_ForgotPassword':
      event.response.emailSubject = `Reset your ${APP_NAME} password`;
      event.response.emailMessage = `<p>Use the code <b>${codeParameter}</b> to choose a new password.</p>`;
      event.response.smsMessage = `Your ${APP_NAME} password reset code is ${codeParameter}`;
      break;
    case 'CustomMessage_AdminCreateUser':
      event.response.emailSubject = `Your ${APP_NAME} account`;
      event.response.emailMessage = `<p>Sign in as <b>${usernameParameter}</b> with the temporary password <b>${codeParameter}</b>.</p>`;
      event.response.smsMessage = `${APP_NAME}: user ${usernameParameter}, temporary password ${codeParameter}`;
      break;
    default:
      // Other sources keep Cognito's default message.
      break;
  }
  return event;
};
