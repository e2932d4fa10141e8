// Where each statement the product makes about Cognito and Lambda comes from: one named source per fact.
import type { SourceRef } from '../protocol/invokeResult';
import { dg } from './common';

/**
 * A source with, where we have it, the sentence it says. Kinds (see `SourceRef`): `docs` an AWS guide
 * page (section anchor where there is one), `api` an API reference page, `source` published runtime
 * source code, `observed` a public issue with a captured event or error (the product's text then says
 * "observed"), `undocumented` nothing published says it (the text says so), `local` a statement about
 * this tool's own local run, not about Cognito.
 */
export interface Source extends SourceRef {
  /** The sentence the source says, as quoted in tests (abridged with … only). */
  readonly quote?: string;
}

const api = (op: string): string => `https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_${op}.html`;
const RIC = 'https://github.com/aws/aws-lambda-nodejs-runtime-interface-client/blob/da5777a8963928cac4f6f93d88d6928262f6bd2a/src';

/** Every named source. Keys are stable: rules, summaries and tests refer to them. */
export const SOURCES = {
  triggerTimeout: {
    kind: 'docs',
    url: dg('cognito-user-pools-working-with-lambda-triggers', 'important-lambda-considerations'),
    title: 'Customizing user pool workflows with Lambda triggers: Important considerations',
    quote: 'When Amazon Cognito calls your Lambda function, it must respond within 5 seconds. If it does not, Amazon Cognito retries the call. After three unsuccessful attempts, the function times out.',
  },
  errorsShownToUsers: {
    kind: 'docs',
    url: dg('cognito-user-pools-working-with-lambda-triggers', 'important-lambda-considerations'),
    title: 'Customizing user pool workflows with Lambda triggers: Important considerations',
    quote: 'If your users use the Amazon Cognito hosted UI, they can see errors that Lambda triggers generate … As a best practice, only generate errors in your Lambda functions that you want your users to see.',
  },
  sharedParameters: {
    kind: 'docs',
    url: dg('cognito-user-pools-working-with-lambda-triggers', 'cognito-user-pools-lambda-trigger-syntax-shared'),
    title: 'Lambda triggers: parameters shared by all requests',
  },
  returnTheEvent: {
    kind: 'docs',
    url: dg('cognito-user-pools-working-with-lambda-triggers', 'cognito-user-pools-lambda-trigger-syntax-shared'),
    title: 'Lambda triggers: the function returns the event with its response',
    quote: 'Your function then has the opportunity to take action, or to send the event back unmodified.',
  },
  userLambdaValidation: {
    kind: 'observed',
    url: 'https://github.com/aws-amplify/amplify-cli/issues/8506',
    title: 'Observed: a thrown error reaches the app as UserLambdaValidationException, "<Trigger> failed with error <message>."',
    quote: 'PreSignUp failed with error callback is not a function. (Service: AWSCognitoIdentityProviderService; Status Code: 400; Error Code: UserLambdaValidationException',
  },
  lambdaPythonHandler: {
    kind: 'docs',
    url: 'https://docs.aws.amazon.com/lambda/latest/dg/python-handler.html#python-handler-return',
    title: 'Define Lambda function handler in Python: the handler is `def handler_name(event, context)`; a returned object json.dumps cannot serialise (a coroutine) makes the runtime return an error',
  },
  requestsTimeout: {
    kind: 'docs',
    url: 'https://requests.readthedocs.io/en/latest/user/quickstart/#timeouts',
    title: 'Requests documentation, Timeouts: without a timeout, a request waits for the server indefinitely',
    quote: 'Nearly all production code should use this parameter in nearly all requests. Failure to do so can cause your program to hang indefinitely',
  },
  urlopenTimeout: {
    kind: 'docs',
    url: 'https://docs.python.org/3/library/urllib.request.html#urllib.request.urlopen',
    title: 'Python standard library, urllib.request.urlopen: without `timeout`, the global default socket timeout applies (none unless set)',
    quote: 'The optional timeout parameter specifies a timeout in seconds for blocking operations like the connection attempt (if not specified, the global default timeout setting will be used).',
  },
  powertoolsEventParser: {
    kind: 'docs',
    url: 'https://docs.aws.amazon.com/powertools/python/latest/utilities/parser/#event-parser',
    title: 'Powertools for AWS Lambda (Python), Parser: the @event_parser decorator parses the incoming event into the Pydantic model, which the handler receives instead of the dict',
    quote: 'The @event_parser decorator automatically parses the incoming event into the specified Pydantic model',
  },
  pythonMarshalError: {
    kind: 'observed',
    url: 'https://github.com/aws-powertools/powertools-lambda-python/issues/1897',
    title: 'Observed: a Python handler that returns an object json.dumps cannot serialise fails with Runtime.MarshalError',
    quote: 'Returning e.g. `Response(status_code=200)` from a lambda handler results in "Unable to marshal response: Object of type Response is not JSON serializable".',
  },
  unrecognizableOutput: {
    kind: 'observed',
    url: 'https://github.com/amazon-archives/amazon-cognito-identity-js/issues/167',
    title: 'Observed: a handler that answers without the event gets "InvalidLambdaResponseException: Unrecognizable lambda output"',
    quote: 'x-amzn-ErrorMessage: Unrecognizable lambda output / x-amzn-ErrorType: InvalidLambdaResponseException',
  },
  invalidLambdaResponseApi: {
    kind: 'api',
    url: `${api('InitiateAuth')}#API_InitiateAuth_Errors`,
    title: 'InitiateAuth errors: InvalidLambdaResponseException',
    quote: 'This exception is thrown when Amazon Cognito encounters an invalid AWS Lambda response.',
  },
  syncTriggerRules: {
    kind: 'docs',
    url: dg('cognito-events', 'cognito-events'),
    title: 'Customizing workflows with Amazon Cognito Events (Sync trigger)',
    quote: 'All the fields except the datasetRecords are read-only. … To remove a record, either set the op to remove, or set the value to null. … Amazon Cognito ignores any omitted record in the response',
  },
  syncTimeout: {
    kind: 'docs',
    url: dg('cognito-events', 'cognito-events'),
    title: 'Customizing workflows with Amazon Cognito Events (Sync trigger): timeout',
    quote: "When Amazon Cognito calls your Lambda function during UpdateRecords, the function must respond within 5 seconds. If it doesn't, the Amazon Cognito Sync service generates a LambdaSocketTimeoutException exception.",
  },
  syncInvalidOutput: {
    kind: 'api',
    url: 'https://docs.aws.amazon.com/cognitosync/latest/APIReference/API_UpdateRecords.html#API_UpdateRecords_Errors',
    title: 'Cognito Sync UpdateRecords errors: InvalidLambdaFunctionOutputException',
    quote: 'InvalidLambdaFunctionOutputException: The AWS Lambda function returned invalid output or an exception.',
  },
  userPoolIdPattern: {
    kind: 'api',
    url: `${api('DescribeUserPool')}#CognitoUserPools-DescribeUserPool-request-UserPoolId`,
    title: 'API reference: UserPoolId (length 1–55, pattern [\\w-]+_[0-9a-zA-Z]+)',
  },
  usernameLength: {
    kind: 'api',
    url: `${api('AdminGetUser')}#CognitoUserPools-AdminGetUser-request-Username`,
    title: 'API reference: Username (length 1–128)',
  },
  identityPoolIdPattern: {
    kind: 'api',
    url: 'https://docs.aws.amazon.com/cognitoidentity/latest/APIReference/API_DescribeIdentityPool.html#CognitoIdentity-DescribeIdentityPool-request-IdentityPoolId',
    title: 'Cognito Identity API reference: IdentityPoolId (length 1–55, pattern [\\w-]+:[0-9a-f-]+)',
  },
  regionNames: {
    kind: 'docs',
    url: 'https://docs.aws.amazon.com/general/latest/gr/rande.html#regional-endpoints',
    title: 'AWS service endpoints: Region codes (us-east-1, eu-west-1 …)',
  },
  customMessageLengths: {
    kind: 'docs',
    url: dg('user-pool-lambda-custom-message', 'aws-lambda-triggers-custom-message-example'),
    title: 'Custom message Lambda trigger: message lengths',
    quote: 'The maximum length for an email message is 20,000 UTF-8 characters. This length includes the verification code. … The maximum length of SMS messages is 140 UTF-8 characters. This length includes the verification code.',
  },
  emailSubjectLength: {
    kind: 'api',
    url: `${api('MessageTemplateType')}#CognitoUserPools-Type-MessageTemplateType-EmailSubject`,
    title: 'API reference: MessageTemplateType EmailSubject (length 1–140)',
  },
  nullFieldsObserved: {
    kind: 'observed',
    url: 'https://github.com/aws-amplify/amplify-js/issues/14770',
    title: 'Observed: captured events carry null for maps that were not sent (clientMetadata: null in a CustomMessage_ForgotPassword event)',
    quote: "CustomMessage trigger: { triggerSource: 'CustomMessage_ForgotPassword', … clientMetadata: null,",
  },
  validationDataNull: {
    kind: 'docs',
    url: dg('cognito-user-pools-working-with-lambda-triggers', 'working-with-lambda-trigger-client-metadata'),
    title: 'Lambda triggers: client metadata (the guide\'s PreSignUp_SignUp input event carries "validationData": null when SignUp sent no ValidationData)',
    quote: '"validationData": null',
  },
  preSignUpFlags: {
    kind: 'docs',
    url: dg('user-pool-lambda-pre-sign-up', 'cognito-user-pools-lambda-trigger-syntax-pre-signup-response'),
    title: 'Pre sign-up Lambda trigger: response parameters',
    quote: 'If autoVerifyEmail is set to true, the email attribute must have a valid, non-null value. Otherwise an error will occur and the user will not be able to complete sign-up.',
  },
  preSignUpAdminIgnored: {
    kind: 'docs',
    url: dg('user-pool-lambda-pre-sign-up', 'cognito-user-pools-lambda-trigger-syntax-pre-signup-response'),
    title: 'Pre sign-up Lambda trigger: response parameters',
    quote: 'Response parameters autoVerifyPhone, autoVerifyEmail and autoConfirmUser are ignored by Amazon Cognito when the Pre Sign-up lambda is triggered by the AdminCreateUser API.',
  },
  requestIgnored: {
    kind: 'undocumented',
    url: dg('cognito-user-pools-working-with-lambda-triggers', 'cognito-user-pools-lambda-trigger-syntax-shared'),
    title: 'Not documented: whether Cognito reads changes a function makes to event.request (the guide names only response parameters as return values)',
  },
  migrateUserResponse: {
    kind: 'docs',
    url: dg('user-pool-lambda-migrate-user', 'cognito-user-pools-lambda-trigger-syntax-user-migration-response'),
    title: 'Migrate user Lambda trigger: response parameters',
  },
  migrateFinalStatus: {
    kind: 'docs',
    url: dg('user-pool-lambda-migrate-user', 'cognito-user-pools-lambda-trigger-syntax-user-migration-response'),
    title: 'Migrate user Lambda trigger: finalUserStatus',
    quote: "You can set this parameter to CONFIRMED to auto-confirm your users so that they can sign in with their previous passwords. … If you don't set this attribute to CONFIRMED, it's set to RESET_REQUIRED.",
  },
  migrateFinalStatusHistory: {
    kind: 'docs',
    url: 'https://github.com/awsdocs/amazon-cognito-developer-guide/commit/280b651bb3d8a756b92e766830456e5ecc40f056',
    title: 'Developer guide source history (awsdocs/amazon-cognito-developer-guide, March 2022): the migrate user page used to say an unset finalUserStatus also auto-confirms; it now says an unset status becomes RESET_REQUIRED, which the product follows',
    quote: 'During sign-in, this attribute can be set to CONFIRMED, or not set, to auto-confirm your users and allow them to sign-in with their previous passwords.',
  },
  migrateEnableSmsMfa: {
    kind: 'docs',
    url: dg('user-pool-lambda-migrate-user', 'cognito-user-pools-lambda-trigger-syntax-user-migration-response'),
    title: 'Migrate user Lambda trigger: enableSMSMFA',
    quote: "Your user pool must have MFA enabled. Your user's attributes in the request parameters must include a phone number, or else the migration of that user will fail.",
  },
  migrateForgotPassword: {
    kind: 'docs',
    url: dg('user-pool-lambda-migrate-user', 'cognito-user-pools-lambda-trigger-syntax-user-migration-response'),
    title: 'Migrate user Lambda trigger: userAttributes',
    quote: 'To reset their passwords in the forgot-password flow, a user must have either a verified email address or a verified phone number.',
  },
  migrateMessageAction: {
    kind: 'docs',
    url: dg('user-pool-lambda-migrate-user', 'cognito-user-pools-lambda-trigger-syntax-user-migration-response'),
    title: 'Migrate user Lambda trigger: messageAction',
    quote: "You can set this parameter to SUPPRESS to decline to send the welcome message that Amazon Cognito usually sends to new users. If your function doesn't return this parameter, Amazon Cognito sends the welcome message.",
  },
  migrateResendUndocumented: {
    kind: 'undocumented',
    url: dg('user-pool-lambda-migrate-user', 'cognito-user-pools-lambda-trigger-syntax-user-migration-response'),
    title: 'Not documented: messageAction RESEND in a migrate user response (the guide documents SUPPRESS only; RESEND is an AdminCreateUser value)',
  },
  migrateUndocumented: {
    kind: 'undocumented',
    url: dg('user-pool-lambda-migrate-user', 'cognito-user-pools-lambda-trigger-syntax-user-migration-response'),
    title: 'Not documented: which error the app receives when a migrate user function returns no userAttributes',
  },
  inboundFederationUndocumented: {
    kind: 'undocumented',
    url: dg('user-pool-lambda-inbound-federation'),
    title: 'Not documented: what Cognito does when an inbound federation response has no userAttributesToMap object',
  },
  customMessageTemplates: {
    kind: 'undocumented',
    url: dg('user-pool-lambda-custom-message', 'user-pool-lambda-custom-message'),
    title: 'Not documented: how message templates set for the pool (console message customizations, VerificationMessageTemplate) combine with the messages the function returns; check the pool if the function\'s text does not arrive',
  },
  preTokenGroups: {
    kind: 'docs',
    url: dg('user-pool-lambda-pre-token-generation', 'cognito-user-pools-lambda-trigger-syntax-pre-token-generation-response'),
    title: 'Pre token generation Lambda trigger: groupOverrideDetails',
    quote: 'If you provide an empty or null object in the response, then Amazon Cognito suppresses the groups.',
  },
  preTokenClaims: {
    kind: 'docs',
    url: dg('user-pool-lambda-pre-token-generation', 'cognito-user-pools-lambda-trigger-syntax-pre-token-generation-response'),
    title: 'Pre token generation Lambda trigger: excluded and restricted claims',
  },
  federatedUserNamePrefix: {
    kind: 'docs',
    url: 'https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ListUsers.html#CognitoUserPools-ListUsers-response-Users',
    title: 'ListUsers: a federated user\'s Username starts with the IdP prefix Amazon Cognito appends',
    quote: 'You can identify IdP users in the Users object of this API response by the IdP prefix that Amazon Cognito appends to Username.',
  },
  federatedUserNameObserved: {
    kind: 'observed',
    url: 'https://github.com/amazon-archives/amazon-cognito-identity-js/issues/608',
    title: 'Observed: a user pool lists a user who signed in with Facebook as Facebook_1613644848950245 (EXTERNAL_PROVIDER): provider name, underscore, provider user id',
    quote: 'Facebook_1613644848950245 | Enabled | EXTERNAL_PROVIDER',
  },
  preTokenAssignResponseV1: {
    kind: 'docs',
    url: dg('user-pool-lambda-pre-token-generation', 'aws-lambda-triggers-pre-token-generation-version-1-add-claim'),
    title: 'Pre token generation Lambda trigger: the guide\'s version one example function assigns a new response object',
    quote: 'event.response = {\n    claimsOverrideDetails: {',
  },
  preTokenAssignResponse: {
    kind: 'docs',
    url: dg('user-pool-lambda-pre-token-generation', 'aws-lambda-triggers-pre-token-generation-example-version-2-overview'),
    title: 'Pre token generation Lambda trigger: the guide\'s version two example function assigns a new response object',
    quote: 'event.response = {\n    "claimsAndScopeOverrideDetails": {',
  },
  preTokenVersions: {
    kind: 'docs',
    url: dg('user-pool-lambda-pre-token-generation', 'user-pool-lambda-pre-token-generation'),
    title: 'Pre token generation Lambda trigger: event versions',
  },
  refreshTokenSource: {
    kind: 'undocumented',
    url: dg('user-pool-lambda-pre-token-generation', 'user-pool-lambda-pre-token-generation-trigger-source'),
    title: 'Not documented: which triggerSource GetTokensFromRefreshToken sends (the trigger-source table lists TokenGeneration_RefreshTokens for refresh-token sign-in)',
  },
  refreshTokenInvokes: {
    kind: 'api',
    url: `${api('GetTokensFromRefreshToken')}#CognitoUserPools-GetTokensFromRefreshToken-request-ClientMetadata`,
    title: 'GetTokensFromRefreshToken: ClientMetadata (the operation invokes the pre token generation trigger; the triggerSource it sends is not stated)',
    quote: 'When you use the GetTokensFromRefreshToken API action, Amazon Cognito invokes the Lambda function the pre token generation trigger.',
  },
  getClientToken: {
    kind: 'api',
    url: 'https://docs.aws.amazon.com/cli/latest/reference/cognito-idp/get-client-token.html',
    title: 'GetClientToken (AWS CLI reference, from the API model): the same as the client-credentials grant; that it sends TokenGeneration_ClientCredentials is not stated',
    quote: 'GetClientToken provides the same functionality as the OAuth2 client-credentials grant; both authorize an application rather than a user.',
  },
  // The guide's introduction, read in the corpus (docs.amazonaws.cn copy of the page). The awsdocs GitHub
  // mirror was archived on 2023-06-15, before this trigger existed, so it has no copy of the page.
  inboundFederationApplies: {
    kind: 'docs',
    url: dg('user-pool-lambda-inbound-federation'),
    title: 'Inbound federation Lambda trigger: the function returns the attributes Cognito applies to the user profile',
    quote: 'Use this trigger to add, override, or suppress attributes before creating new users or updating existing federated user profiles. This trigger receives raw identity provider attributes as input and returns modified attributes that Amazon Cognito applies to the user profile.',
  },
  // The response parameter's wording ({} keeps, omitted attributes dropped) is the issue 9 review's reading
  // of this page, which @types/aws-lambda 8.10.161 repeats; the stored excerpts of the page stop before its
  // response parameters, so no sentence of the AWS text is quoted here (see the issue note).
  inboundFederationMap: {
    kind: 'docs',
    url: dg('user-pool-lambda-inbound-federation'),
    title: 'Inbound federation Lambda trigger: response parameter userAttributesToMap ({} keeps the attributes; a map keeps only its keys). Unconfirmed: this page\'s response section could not be read to check this wording',
  },
  customMessageResponse: {
    kind: 'docs',
    url: dg('user-pool-lambda-custom-message', 'cognito-user-pools-lambda-trigger-syntax-custom-message-response'),
    title: 'Custom message Lambda trigger: response parameters',
    quote: 'smsMessage: … Must include the codeParameter value that you received in the request. emailMessage: … Must include the codeParameter value that you received in the request as the variable {####}.',
  },
  customMessageUsername: {
    kind: 'docs',
    url: dg('user-pool-lambda-custom-message', 'cognito-user-pools-lambda-trigger-syntax-custom-message-request'),
    title: 'Custom message Lambda trigger: usernameParameter',
    quote: 'usernameParameter: The user name. Amazon Cognito includes this parameter in requests that result from admin-created users.',
  },
  customMessagePattern: {
    kind: 'observed',
    url: 'https://github.com/amazon-archives/amazon-cognito-identity-js/issues/99',
    title: 'Observed: a message without {####} fails with InvalidParameterException (a pattern validation on the message body)',
    quote: "InvalidParameterException: 1 validation error detected: Value at 'emailBody' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}\\s*]*\\{####\\}[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}\\s*]*",
  },
  customMessageUsernameUndocumented: {
    kind: 'undocumented',
    url: dg('user-pool-lambda-custom-message', 'cognito-user-pools-lambda-trigger-syntax-custom-message-request'),
    title: 'Not documented: whether Cognito rejects an AdminCreateUser invitation message without the usernameParameter',
  },
  customMessageConsole: {
    kind: 'docs',
    url: dg('user-pool-lambda-custom-message', 'user-pool-lambda-custom-message'),
    title: 'Custom message Lambda trigger: static messages set in the console',
    quote: 'You can edit static custom messages in the Message customizations tab of the original Amazon Cognito console.',
  },
  verificationByLink: {
    kind: 'docs',
    url: dg('cognito-user-pool-settings-email-verification-message-customization'),
    title: 'Customizing email verification messages: verification by link (the link placeholder replaces the code in messages that verify an email address)',
    quote: 'To verify the email address of a user in your user pool with Amazon Cognito, you can send the user an email message with a link that they can select, or you can send them a code that they can enter. … When you choose Link as the verification type, your custom message must include a placeholder in the format {##Verify Your Email##}.',
  },
  linkParameter: {
    kind: 'docs',
    url: dg('user-pool-lambda-custom-message', 'cognito-user-pools-lambda-trigger-syntax-custom-message-request'),
    title: 'Custom message Lambda trigger: linkParameter (verification by link)',
  },
  customSenders: {
    kind: 'docs',
    url: dg('user-pool-lambda-custom-sender-triggers', 'user-pool-lambda-custom-sender-triggers'),
    title: 'Custom sender Lambda triggers',
    quote: 'Except for Custom Sender Lambda triggers, Amazon Cognito invokes Lambda functions synchronously.',
  },
  accountTakeoverNulls: {
    kind: 'observed',
    url: 'https://github.com/DefinitelyTyped/DefinitelyTyped/pull/52111',
    title: 'Observed: the account-takeover notification event carries null code, clientMetadata, clientId, awsSdkVersion and attribute values (events captured in DefinitelyTyped PR 52111)',
    quote: '"awsSdkVersion": null | string, "clientId": null | string … "code": null, "clientMetadata": null … "CITY": … | null, "COUNTRY": … | null, … "DEVICE_NAME": … | null',
  },
  defineAuthChallenge: {
    kind: 'docs',
    url: dg('user-pool-lambda-define-auth-challenge', 'cognito-user-pools-lambda-trigger-syntax-define-auth-challenge-response'),
    title: 'Define auth challenge Lambda trigger: response parameters',
  },
  defineAuthUndocumented: {
    kind: 'undocumented',
    url: dg('user-pool-lambda-define-auth-challenge', 'cognito-user-pools-lambda-trigger-syntax-define-auth-challenge-response'),
    title: 'Not documented: what Cognito does with a custom-auth answer outside the documented ones (both issueTokens and failAuthentication, none of them, a non-boolean answerCorrect) and which error the app then receives',
  },
  createAuthChallenge: {
    kind: 'docs',
    url: dg('user-pool-lambda-create-auth-challenge', 'cognito-user-pools-lambda-trigger-syntax-create-auth-challenge-response'),
    title: 'Create auth challenge Lambda trigger: response parameters',
  },
  verifyAuthChallenge: {
    kind: 'docs',
    url: dg('user-pool-lambda-verify-auth-challenge-response', 'cognito-user-pools-lambda-trigger-syntax-verify-auth-challenge-response'),
    title: 'Verify auth challenge response Lambda trigger: answerCorrect',
  },
  postConfirmation: {
    kind: 'docs',
    url: dg('user-pool-lambda-post-confirmation', 'cognito-user-pools-lambda-trigger-syntax-post-confirmation-response'),
    title: 'Post confirmation Lambda trigger: no additional return information is expected in the response',
  },
  preAuthentication: {
    kind: 'docs',
    url: dg('user-pool-lambda-pre-authentication', 'cognito-user-pools-lambda-trigger-syntax-pre-auth-response'),
    title: 'Pre authentication Lambda trigger: no additional return information is expected in the response',
  },
  postAuthentication: {
    kind: 'docs',
    url: dg('user-pool-lambda-post-authentication', 'cognito-user-pools-lambda-trigger-syntax-post-auth-request'),
    title: 'Post authentication Lambda trigger: request parameters (newDeviceUsed)',
  },
  lambdaAsyncRetries: {
    kind: 'docs',
    url: 'https://docs.aws.amazon.com/lambda/latest/dg/invocation-async.html',
    title: 'Lambda asynchronous invocation: Lambda retries a function that returns an error',
  },
  lambdaRuntimeExit: {
    kind: 'docs',
    url: 'https://docs.aws.amazon.com/lambda/latest/dg/troubleshooting-invocation.html',
    title: 'Troubleshoot invocation issues in Lambda (Runtime.ExitError)',
  },
  lateWork: {
    kind: 'docs',
    url: 'https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html#runtimes-lifecycle-invoke',
    title: 'Lambda execution environment: background work that did not complete resumes when Lambda reuses the environment',
  },
  adminCreateUserStatus: {
    kind: 'api',
    url: `${api('AdminCreateUser')}#API_AdminCreateUser_ResponseSyntax`,
    title: 'AdminCreateUser: the new user starts in FORCE_CHANGE_PASSWORD until they set a password',
  },
  userStatus: {
    kind: 'api',
    url: `${api('UserType')}#CognitoUserPools-Type-UserType-UserStatus`,
    title: 'UserType UserStatus: UNCONFIRMED, CONFIRMED, EXTERNAL_PROVIDER, RESET_REQUIRED, FORCE_CHANGE_PASSWORD',
    quote: 'UNCONFIRMED: User has been created but not confirmed. … EXTERNAL_PROVIDER: User signed in with a third-party IdP. … RESET_REQUIRED: User is confirmed, but the user must request a code and reset their password before they can sign in.',
  },
  signUpConfirmation: {
    kind: 'docs',
    url: dg('signing-up-users-in-your-app'),
    title: 'Signing up and confirming user accounts',
  },
  lambdaConfigType: {
    kind: 'api',
    url: api('LambdaConfigType'),
    title: 'LambdaConfigType: each key names the function Cognito invokes for that trigger; PreTokenGenerationConfig.LambdaVersion selects the event version',
  },
  lambdaHandler: {
    kind: 'docs',
    url: 'https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html',
    title: 'Define Lambda function handler in Node.js',
  },
  runtimeFirstAnswerWins: {
    kind: 'source',
    url: `${RIC}/CallbackContext.js#L99-L125`,
    title: 'Lambda Node.js runtime interface client (Node.js 22 and older): the first of the callback and the returned promise answers; later calls are ignored',
    quote: 'Wraps the callback and context so that only the first call to any callback succeeds. … if (_isPromise(result)) { result.then(callbackContext.succeed, callbackContext.fail)',
  },
  callbackNeverCalled: {
    kind: 'source',
    url: `${RIC}/Runtime.js#L183-L199`,
    title: 'Lambda Node.js runtime interface client: a callback handler that never calls back answers null once the event loop is empty',
    quote: 'if the handler signature is sync, or use callback, we do want to send a successful invocation with a null payload if the customer forgot to call the callback',
  },
  returnValueIsAnswer: {
    kind: 'docs',
    url: 'https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html',
    title: 'Lambda Node.js handler: what an async handler returns (or passes to the callback) is the invocation result; an error is reported only when it is thrown (or passed as the callback\'s first argument)',
  },
  node24NoCallback: {
    kind: 'docs',
    url: 'https://aws.amazon.com/blogs/compute/node-js-24-runtime-now-available-in-aws-lambda/',
    title: 'AWS Compute Blog, "Node.js 24 runtime now available in AWS Lambda"; runtime interface client 4.0.0: "Removed callback-based handler support (promise-based only)", "Eliminated legacy context.succeed/fail/done methods"',
  },
  node22CallbackWarning: {
    kind: 'source',
    url: `${RIC}/WarningForCallbackHandlers.js#L8-L24`,
    title: 'Lambda Node.js runtime interface client: the warning printed for callback handlers before Node.js 24',
    quote: 'AWS Lambda plans to remove support for callback-based function handlers starting with Node.js 24.',
  },
  freezeAfterReturn: {
    kind: 'docs',
    url: 'https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html#runtimes-lifecycle-invoke',
    title: 'Lambda execution environment lifecycle: the environment is frozen after the invocation',
  },
  mdnErrors: {
    kind: 'docs',
    url: 'https://developer.mozilla.org/en-US/docs/Web/JavaScript/Reference/Errors',
    title: 'MDN: JavaScript error reference',
  },
  lambdaNodeRuntimes: {
    kind: 'docs',
    url: 'https://docs.aws.amazon.com/lambda/latest/dg/lambda-nodejs.html',
    title: 'Building Lambda functions with Node.js: the supported runtimes and their Node.js major (nodejs20.x is Node.js 20)',
  },
  triggerInvokeErrors: {
    kind: 'docs',
    url: 'https://repost.aws/knowledge-center/cognito-lambda-trigger-errors',
    title: 'AWS Knowledge Center, "Resolve errors with Lambda triggers in Amazon Cognito": "PreSignUp invocation failed due to error AccessDeniedException" when the function lacks the permission, and also when the function was deleted',
    quote: 'This error also occurs when you delete the function that you added as a trigger. If you delete a Lambda trigger, then you must update the corresponding trigger in the user pool.',
  },
  servicePermissionSource: {
    kind: 'docs',
    url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-lambda-permission.html',
    title: 'AWS::Lambda::Permission (as the Lambda AddPermission reference): grant a service principal with the SourceArn of the resource that invokes',
    quote: 'If you grant permission to a service principal without specifying the source, other accounts could potentially configure resources in their account to invoke your Lambda function.',
  },
  lambdaRuntimeDeprecation: {
    kind: 'docs',
    url: 'https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html#runtime-support-policy',
    title: 'Lambda runtimes: deprecation dates and the runtime deprecation policy (after deprecation Lambda no longer patches the runtime; creating and then updating functions on it are blocked later)',
  },
  customSenderKey: {
    kind: 'api',
    url: `${api('LambdaConfigType')}#CognitoUserPools-Type-LambdaConfigType-KMSKeyID`,
    title: 'LambdaConfigType KMSKeyID: the KMS key Cognito encrypts the codes and temporary passwords it sends to CustomEmailSender and CustomSMSSender with',
    quote: 'The Amazon Resource Name (ARN) of an AWS KMS key. Amazon Cognito uses the key to encrypt codes and temporary passwords sent to CustomEmailSender and CustomSMSSender.',
  },
  kmsKeyState: {
    kind: 'docs',
    url: 'https://docs.aws.amazon.com/kms/latest/developerguide/key-state.html',
    title: 'AWS KMS key states: only an Enabled key can be used in cryptographic operations',
  },
  lambdaInvokePayload: {
    kind: 'api',
    url: 'https://docs.aws.amazon.com/lambda/latest/dg/API_Invoke.html#lambda-Invoke-request-Payload',
    title: 'Lambda Invoke: Payload, the JSON the function receives as input (JSON, RFC 8259, has no comments or trailing commas)',
  },
  lambdaPayloadLimit: {
    kind: 'api',
    url: 'https://docs.aws.amazon.com/lambda/latest/dg/API_Invoke.html',
    title: 'Lambda Invoke: a synchronous invocation carries at most 6 MB of payload (RequestEntityTooLargeException)',
  },
  checkFileLimits: {
    kind: 'local',
    title: "What this tool's check reads: regular files of at most 10 MB (no trigger handler or event is larger), not a statement about Cognito",
  },
  suppressionComments: {
    kind: 'local',
    title: "This tool's suppression comments (cognito-triggers-disable-next-line, # cognito-triggers: disable=), not a statement about Cognito",
  },
  iacDrift: {
    kind: 'local',
    title: "A comparison of the repository's infrastructure code with the deployed pool (this tool's reading of the IaC), not a statement about Cognito",
  },
  localRun: {
    kind: 'local',
    title: 'About this local run, not a statement about Cognito',
  },
} as const satisfies Record<string, Source>;

/** A key of SOURCES. */
export type SourceKey = keyof typeof SOURCES;

/** The wire form of a named source (what summaries and results carry). */
export function sourceRef(key: SourceKey): SourceRef {
  const s: Source = SOURCES[key];
  return { kind: s.kind, title: s.title, ...(s.url ? { url: s.url } : {}) };
}

/** A developer guide page of a trigger as a source (the model's own `docs` link). */
export function pageSource(url: string, title: string): SourceRef {
  return { kind: 'docs', url, title };
}
