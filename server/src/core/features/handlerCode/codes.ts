// Diagnostic codes of handler code analysis: stable ids, titles and where each is documented.

/** Every diagnostic code, with a title for docs and code action lists. Codes never change once released. */
export const HANDLER_CODES = {
  unknownField: { code: 'handler/unknown-field', title: 'Unknown event field' },
  otherTrigger: { code: 'handler/other-trigger-field', title: 'Field of another trigger' },
  otherSource: { code: 'handler/other-source-field', title: 'Field of another triggerSource' },
  wrongType: { code: 'handler/wrong-type', title: 'Response value of the wrong type' },
  readOnly: { code: 'handler/read-only', title: 'Write to a read-only part of the event' },
  nullParent: { code: 'handler/write-through-null', title: 'Write into a field Cognito sends as null' },
  nullRead: { code: 'handler/read-through-null', title: 'Unguarded read through a field Cognito may send as null' },
  invalidValue: { code: 'handler/invalid-value', title: 'Value Cognito does not accept' },
  preTokenVersion: { code: 'handler/pre-token-version', title: 'Response shape of another pre token generation event version' },
  claimNotAllowed: { code: 'handler/claim-not-allowed', title: 'Claim Cognito will not let the function change' },
  missingPlaceholder: { code: 'handler/missing-placeholder', title: 'Message without the required placeholder' },
  lengthLimit: { code: 'handler/length-limit', title: 'Literal outside the length limits' },
  whitespace: { code: 'handler/whitespace', title: 'White space where Cognito forbids it' },
  noReturn: { code: 'handler/no-return', title: 'Handler can finish without returning the event' },
  asyncWithCallback: { code: 'handler/async-with-callback', title: 'Async handler that also takes a callback' },
  callbackStyle: { code: 'handler/callback-style', title: 'Callback-style handler' },
  floatingPromise: { code: 'handler/unawaited-call', title: 'Asynchronous call left running when the handler returns' },
  longWait: { code: 'handler/long-wait', title: "Wait longer than Cognito's 5-second limit" },
  returnsNonEvent: { code: 'handler/returns-non-event', title: 'Handler returns a value that is not the event' },
  asyncPythonHandler: { code: 'handler/async-python-handler', title: '`async def` handler, which the Lambda Python runtime cannot call' },
  returnsError: { code: 'handler/returns-error', title: 'Error returned instead of thrown' },
  returnsModel: { code: 'handler/returns-model', title: 'Python handler returns the parser model, which Lambda cannot serialise' },
  autoVerifyUnchecked: { code: 'handler/auto-verify-unchecked', title: 'Auto-verify without checking the attribute exists' },
  noTimeout: { code: 'handler/no-timeout', title: 'HTTP call without a timeout in a trigger Cognito waits 5 seconds for' },
  unknownTriggerComment: { code: 'handler/unknown-trigger-comment', title: '`@cognito-trigger` names no trigger' },
  syntaxError: { code: 'handler/syntax-error', title: 'Syntax error' },
  tooLarge: { code: 'handler/too-large', title: 'File too large to analyse' },
  tooDeep: { code: 'handler/too-deep', title: 'Code nested too deeply to analyse' },
  wiredExportMissing: { code: 'handler/wired-export-missing', title: 'The IaC wires an export the file does not have' },
  wiredTriggerMismatch: { code: 'handler/wired-trigger-mismatch', title: 'Handler typed for another trigger than the IaC binds' },
} as const;

/** A key of HANDLER_CODES. */
export type HandlerCodeKey = keyof typeof HANDLER_CODES;

/** Lambda's Node.js handler page: the async/callback signatures. */
export const LAMBDA_NODE_HANDLER_DOCS = 'https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html';
/** The AWS Compute Blog post announcing the Node.js 24 runtime, which removed callback-based handlers. */
export const NODE24_BLOG = 'https://aws.amazon.com/blogs/compute/node-js-24-runtime-now-available-in-aws-lambda/';
/** Cognito's page on Lambda triggers: the 5-second timeout and the event/response contract. */
export const TRIGGERS_OVERVIEW_DOCS = 'https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-working-with-lambda-triggers.html';
/** Python's reference of errors, for Python syntax errors. */
export const PYTHON_ERRORS_DOCS = 'https://docs.python.org/3/tutorial/errors.html';
/** MDN's reference of JavaScript errors, for syntax errors. */
export const JS_ERRORS_DOCS = 'https://developer.mozilla.org/en-US/docs/Web/JavaScript/Reference/Errors';
