// Powertools for AWS Lambda (Python) parser (Pydantic) models of the Cognito trigger events, by class name.
// They type the event as a trigger's, like @types/aws-lambda's names do; their attributes are the event's
// own (camelCase) keys. Source: aws_lambda_powertools/utilities/parser/models/cognito.py, added in
// https://github.com/aws-powertools/powertools-lambda-python/pull/6737 (issue #6203).

/** Model class name → the triggers whose events it parses (the V2/V3 pre token model serves both). */
export const PYTHON_PARSER_MODELS: Readonly<Record<string, readonly string[]>> = {
  CognitoPreSignupTriggerModel: ['PreSignUp'],
  CognitoPostConfirmationTriggerModel: ['PostConfirmation'],
  CognitoPreAuthenticationTriggerModel: ['PreAuthentication'],
  CognitoPostAuthenticationTriggerModel: ['PostAuthentication'],
  CognitoPreTokenGenerationTriggerModelV1: ['PreTokenGeneration'],
  CognitoPreTokenGenerationTriggerModelV2AndV3: ['PreTokenGenerationV2', 'PreTokenGenerationV3'],
  CognitoMigrateUserTriggerModel: ['UserMigration'],
  CognitoCustomMessageTriggerModel: ['CustomMessage'],
  CognitoCustomEmailSenderTriggerModel: ['CustomEmailSender'],
  CognitoCustomSMSSenderTriggerModel: ['CustomSMSSender'],
  CognitoDefineAuthChallengeTriggerModel: ['DefineAuthChallenge'],
  CognitoCreateAuthChallengeTriggerModel: ['CreateAuthChallenge'],
  CognitoVerifyAuthChallengeTriggerModel: ['VerifyAuthChallengeResponse'],
};

/** The Powertools parser models' source, for messages and hovers. */
export const PYTHON_PARSER_MODELS_SOURCE = 'https://github.com/aws-powertools/powertools-lambda-python/pull/6737';
