// Issues found in a Cognito trigger event: the type every checker returns and the stable issue codes.

/** How bad an issue is; mirrors LSP DiagnosticSeverity names. */
export type IssueSeverity = 'error' | 'warning' | 'information' | 'hint';

/** One problem in an event, at a JSON path (`['request', 'userAttributes', 'email']`; `[]` = the root). */
export interface EventIssue {
  /** Stable code from `ISSUE_CODES` (used by code actions, tests and the CLI's --ignore). */
  readonly code: IssueCode;
  readonly severity: IssueSeverity;
  /** Names the field and says what would be valid. */
  readonly message: string;
  readonly path: readonly (string | number)[];
  /** Documentation link for the field or rule. */
  readonly docs?: string;
  /** The fix the message names, when there is one (a did-you-mean, an entry Cognito drops). */
  readonly fix?: IssueFix;
}

/**
 * A fix by JSON path: put `text` (a JSON string) in place of the key or the value at the issue's path,
 * or remove that entry (its key and value, or an array item) with its comma.
 */
export type IssueFix = { readonly title: string; readonly replace: 'key' | 'value'; readonly text: string } | { readonly title: string; readonly remove: true };

/** "Change to "X"": a did-you-mean for the key or the value at the issue's path. */
export function changeTo(replace: 'key' | 'value', text: string): IssueFix {
  return { title: `Change to "${text}"`, replace, text };
}

/**
 * Every issue code with a short title. Codes are stable API: add new ones, never rename. Quirks are
 * published-example habits that Cognito itself never sends; they are warnings naming what it does send.
 */
export const ISSUE_CODES = {
  'not-an-object': 'The event is not a JSON object',
  'unrecognised-event': 'Cannot tell which trigger the event is for',
  'unknown-trigger-source': 'triggerSource is not a value Cognito sends',
  'placeholder-trigger-source': 'triggerSource is a placeholder from a published example',
  'missing-trigger-source': 'The event has no triggerSource',
  'trigger-mismatch': 'The event belongs to another trigger than expected',
  'source-not-for-version': 'triggerSource is not sent for this event version',
  'missing-field': 'A field Cognito always sends is missing',
  'field-not-for-trigger': 'Field belongs to another trigger or event version',
  'field-not-for-source': 'Field is not sent for this triggerSource',
  'unknown-field': 'Field is not part of this event',
  'wrong-type': 'Value has the wrong JSON type',
  'unexpected-null': 'null where Cognito omits the key or sends a value',
  'invalid-enum-value': 'Value is not one of the allowed values',
  'invalid-format': 'Value does not have the expected format',
  'region-mismatch': 'userPoolId region prefix differs from region',
  'length-limit': 'String is shorter or longer than Cognito allows',
  'missing-placeholder': 'Custom message lacks a required placeholder',
  'placeholder-value': 'Value is a placeholder, not a real value',
  'pre-token-version-mismatch': 'Event version does not match the pre token event shape',
  'pre-token-response-version': 'Response uses the other pre token event version’s shape',
  'claim-not-allowed': 'Cognito drops the change to this claim (the token keeps its value)',
  'claim-use-other-field': 'This claim is changed through another field',
  'claim-value-type': 'Claim value type is not accepted',
  'aud-must-match-client': 'Cognito drops an access-token aud other than the app client id',
  'scope-whitespace': 'Scope contains white space',
  'sync-remove-with-value': 'Sync record removed but newValue is set',
  'numeric-version': 'version is a number; Cognito sends a string',
  'caller-context-aws-sdk': 'callerContext.awsSdk instead of awsSdkVersion',
  'boolean-attribute': 'User attribute value is a boolean; Cognito sends a string',
  'preferred-role-array': 'preferredRole is an array; Cognito sends a string or null',
  'claims-override-array': 'claimsAndScopeOverrideDetails is []; Cognito sends null',
  'missing-response': 'The event has no response key',
  'unexpected-response': 'Custom sender events have no response',
  'sender-type-mismatch': 'request.type belongs to the other custom sender',
  'auto-verify-without-attribute': 'autoVerifyEmail/autoVerifyPhone is true but the user has no such attribute',
} as const;

/** A stable issue code. */
export type IssueCode = keyof typeof ISSUE_CODES;

/** Every code, for tests and documentation. */
export const ALL_ISSUE_CODES = Object.keys(ISSUE_CODES) as IssueCode[];

/** Builds an issue; `docs` only when given. */
export function issue(
  code: IssueCode,
  severity: IssueSeverity,
  path: readonly (string | number)[],
  message: string,
  docs?: string,
  fix?: IssueFix,
): EventIssue {
  return { code, severity, message, path: [...path], ...(docs ? { docs } : {}), ...(fix ? { fix } : {}) };
}

/** `request.userAttributes.email` style rendering of a path, for messages. */
export function showPath(path: readonly (string | number)[]): string {
  if (path.length === 0) return 'the event';
  return path.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('');
}
