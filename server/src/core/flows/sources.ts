// The documentation (or observation) behind every rule the flow engine applies, in one place.
import { sourceRef } from '../model/sources';
import type { SourceRef } from '../protocol/invokeResult';

const DG = 'https://docs.aws.amazon.com/cognito/latest/developerguide';
const API = 'https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference';

/** Where each rule comes from. "Observed" sources are public issues that captured the behaviour. */
export const SOURCES = {
  /** "must respond within 5 seconds. If it does not, Amazon Cognito retries the call. After 3 unsuccessful attempts, the function times out." */
  timeoutRetries: sourceRef('triggerTimeout').url as string,
  /** Observed: after failAuthentication the app receives NotAuthorizedException "Incorrect username or password." */
  failAuthentication: 'https://github.com/aws-amplify/docs/pull/5655',
  /** Observed: `UnexpectedLambdaException: PreSignUp invocation failed due to error Socket timeout while invoking Lambda function.` */
  timeoutError: 'https://github.com/anomalyco/sst/issues/1815',
  /** Observed: a trigger that sends a code fires up to three times when it is slow (three codes sent). */
  duplicatedSideEffects: 'https://github.com/aws-amplify/amplify-js/issues/4805',
  signUp: `${API}/API_SignUp.html`,
  confirmSignUp: `${API}/API_ConfirmSignUp.html`,
  adminCreateUser: `${API}/API_AdminCreateUser.html`,
  preSignUp: `${DG}/user-pool-lambda-pre-sign-up.html`,
  /** Observed: an auto-confirmed user reaches PostConfirmation at sign-up time; AdminCreateUser never fires it. */
  autoConfirmPostConfirmation: 'https://github.com/KensioSoftware/yulin/pull/462',
  postConfirmation: `${DG}/user-pool-lambda-post-confirmation.html`,
  /** Observed: when PostConfirmation fails, ConfirmSignUp fails with UserLambdaValidationException and the user stays unconfirmed. */
  postConfirmationFailure: 'https://github.com/dabit3/full-stack-serverless-code/issues/108',
  initiateAuth: `${API}/API_InitiateAuth.html`,
  respondToAuthChallenge: `${API}/API_RespondToAuthChallenge.html`,
  preAuthentication: `${DG}/user-pool-lambda-pre-authentication.html`,
  postAuthentication: `${DG}/user-pool-lambda-post-authentication.html`,
  /** Observed: PostAuthentication fires after pre token generation (tokens and groups are final by then). */
  postAuthenticationAfterTokens: 'https://github.com/dod-ccpo/atat-web-api/pull/376',
  userMigration: `${DG}/user-pool-lambda-migrate-user.html`,
  customAuth: `${DG}/user-pool-lambda-challenge.html`,
  defineAuthChallenge: `${DG}/user-pool-lambda-define-auth-challenge.html`,
  createAuthChallenge: `${DG}/user-pool-lambda-create-auth-challenge.html`,
  verifyAuthChallenge: `${DG}/user-pool-lambda-verify-auth-challenge-response.html`,
  /** AuthSessionValidity: minutes the session of each challenge lives, 3–15, default 3. */
  authSessionValidity: `${API}/API_UserPoolClientType.html#CognitoUserPools-Type-UserPoolClientType-AuthSessionValidity`,
  /** Observed: `NotAuthorizedException: Invalid session for the user, session is expired.` */
  sessionExpired: 'https://repost.aws/questions/QUXOn0iCq-TNavGxtuFc7DGA/cognito-user-pools-receiving-expired-session-during-custom-auth-flow',
  preventUserExistenceErrors: `${DG}/cognito-user-pool-managing-errors.html`,
  preTokenGeneration: `${DG}/user-pool-lambda-pre-token-generation.html`,
  idToken: `${DG}/amazon-cognito-user-pools-using-the-id-token.html`,
  accessToken: `${DG}/amazon-cognito-user-pools-using-the-access-token.html`,
  refresh: `${DG}/amazon-cognito-user-pools-using-the-refresh-token.html`,
  clientCredentials: `${DG}/cognito-user-pools-define-resource-servers.html`,
  customMessage: `${DG}/user-pool-lambda-custom-message.html`,
  customEmailSender: `${DG}/user-pool-lambda-custom-email-sender.html`,
  customSmsSender: `${DG}/user-pool-lambda-custom-sms-sender.html`,
  /**
   * Observed: the code in captured sender events is an AWS Encryption SDK message with algorithm suite
   * 0x0378 (AES-256-GCM, HKDF-SHA384, ECDSA P-384: not key-committing), hence the docs' example decrypts
   * with CommitmentPolicy.REQUIRE_ENCRYPT_ALLOW_DECRYPT.
   */
  senderCiphertext: 'https://github.com/aws-powertools/powertools-lambda-typescript/blob/main/packages/parser/tests/events/cognito/custom-email-sender-forgot-password.json',
  forgotPassword: `${API}/API_ForgotPassword.html`,
  confirmForgotPassword: `${API}/API_ConfirmForgotPassword.html`,
  inboundFederation: `${DG}/user-pool-lambda-inbound-federation.html`,
  federation: `${DG}/cognito-user-pools-identity-federation.html`,
  sync: `${DG}/cognito-events.html`,
  exceptions: `${API}/CommonErrors.html`,
} as const;

/** Said where Cognito documents nothing: the engine's own choice, never presented as Cognito's. */
export const NOT_DOCUMENTED = 'not documented by AWS; a local choice of this tool';

/** A URL of SOURCES as the wire form summaries carry: issues and re:Post answers are observations. */
export function refOf(url: string, title: string): SourceRef {
  const kind = /github\.com|repost\.aws/.test(url) ? 'observed' : /APIReference/.test(url) ? 'api' : 'docs';
  return { kind, url, title };
}

/** This tool's own statement (a local step), not a claim about Cognito. */
export const LOCAL: SourceRef = { kind: 'local', title: 'cognito-triggers local flow' };
