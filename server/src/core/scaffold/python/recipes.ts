// Python handler recipes per trigger: the same teaching content as the JavaScript recipes, written as
// idiomatic, type-hinted Python; a Powertools data-class variant where Powertools for Python has a class.
import type { TriggerId } from '../../model/types';

/**
 * Powertools for AWS Lambda (Python) data classes for Cognito user pool triggers, as its source lists
 * them (classes for pre sign-up, post confirmation, pre/post authentication, the three custom-auth
 * triggers, pre token generation V1 and V2, migrate user, custom message, custom email and SMS sender;
 * none for pre token generation V3, inbound federation or the Sync trigger):
 * https://github.com/aws-powertools/powertools-lambda-python/blob/develop/aws_lambda_powertools/utilities/data_classes/cognito_user_pool_event.py
 * https://docs.aws.amazon.com/powertools/python/latest/api/utilities/data_classes/cognito_user_pool_event.html
 */
export const POWERTOOLS_DATA_CLASS_SOURCE = 'https://docs.aws.amazon.com/powertools/python/latest/api/utilities/data_classes/cognito_user_pool_event.html';

/** The Powertools variant: the data class and the body written against its snake_case properties. */
export interface PowertoolsVariant {
  readonly dataClass: string;
  readonly body: readonly string[];
}

/** One trigger's Python handler. Bodies are the lines inside `def lambda_handler(...)`, unindented. */
export interface PythonRecipe {
  /** Comment lines at the top: what the example does (statements about Cognito carry `sources`). */
  readonly summary: readonly string[];
  /** Where the Cognito statements of `summary` and the comments come from (printed as `# Source:` lines). */
  readonly sources?: readonly string[];
  /** Standard-library imports (`import os`), besides `from typing import Any`. */
  readonly imports?: readonly string[];
  /** Module-level code before the handler (shared by both variants). */
  readonly prelude?: readonly string[];
  readonly body: readonly string[];
  /** Cognito ignores the answer (custom senders): the handler returns None. */
  readonly returnsNone?: boolean;
  readonly powertools?: PowertoolsVariant;
  /** Test module lines run once before the tests (environment, fakes), after the handler import. */
  readonly testSetup?: readonly string[];
  /** Standard-library imports the test's lines need besides the template's own. */
  readonly testImports?: readonly string[];
  /** Lines run per sample event before the call (`event` is the sample; may `self.skipTest(...)`). */
  readonly testPrepare?: readonly string[];
  /** A `with …:` line the handler call runs inside (to capture what it prints). */
  readonly testCallWithin?: string;
  /** Assertions after `result = lambda_handler(copy.deepcopy(event), CONTEXT)`; `event` is the sample. */
  readonly testAssert: readonly string[];
}

const TRIGGERS_PAGE = 'https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-working-with-lambda-triggers.html';
const dg = (page: string, anchor?: string): string => `https://docs.aws.amazon.com/cognito/latest/developerguide/${page}.html${anchor ? `#${anchor}` : ''}`;

const preSignUp: PythonRecipe = {
  summary: [
    'Pre sign-up: auto-confirm users whose email belongs to your domain and mark their email verified.',
    'Raise an exception to refuse a sign-up: the app receives "PreSignUp failed with error <message>."',
  ],
  sources: [dg('user-pool-lambda-pre-sign-up', 'cognito-user-pools-lambda-trigger-syntax-pre-signup'), TRIGGERS_PAGE],
  imports: ['import os'],
  prelude: ["# Users of this domain skip the confirmation code. Set it on the function's environment.", 'TRUSTED_DOMAIN = os.environ.get("TRUSTED_DOMAIN", "example.com")'],
  body: [
    'email = event["request"]["userAttributes"].get("email", "").lower()',
    'if event["triggerSource"] == "PreSignUp_AdminCreateUser":',
    '    # Cognito ignores the flags for users an administrator creates.',
    '    return event',
    'if email.endswith(f"@{TRUSTED_DOMAIN}"):',
    '    event["response"]["autoConfirmUser"] = True',
    '    # Only verify an attribute the user has: verifying a missing email fails the sign-up.',
    '    event["response"]["autoVerifyEmail"] = True',
    'return event',
  ],
  powertools: {
    dataClass: 'PreSignUpTriggerEvent',
    body: [
      'email = event.request.user_attributes.get("email", "").lower()',
      'if event.trigger_source == "PreSignUp_AdminCreateUser":',
      '    # Cognito ignores the flags for users an administrator creates.',
      '    return event.raw_event',
      'if email.endswith(f"@{TRUSTED_DOMAIN}"):',
      '    event.response.auto_confirm_user = True',
      '    # Only verify an attribute the user has: verifying a missing email fails the sign-up.',
      '    event.response.auto_verify_email = True',
      'return event.raw_event',
    ],
  },
  testAssert: [
    'email = event["request"]["userAttributes"].get("email", "")',
    'trusted = event["triggerSource"] != "PreSignUp_AdminCreateUser" and email.lower().endswith("@example.com")',
    'assert result["response"]["autoConfirmUser"] is trusted',
  ],
};

const postConfirmation: PythonRecipe = {
  summary: [
    'Post confirmation: write the newly confirmed user to a DynamoDB table with boto3 (included in the',
    'Lambda Python runtime; pip install boto3 locally). Not called on password resets here.',
  ],
  sources: [dg('user-pool-lambda-post-confirmation', 'cognito-user-pools-lambda-trigger-syntax-post-confirmation')],
  imports: ['import functools', 'import os', 'from datetime import datetime, timezone'],
  prelude: [
    '@functools.cache',
    'def users_table() -> Any:',
    '    """The table, created once per execution environment so that warm invocations reuse its connection."""',
    '    import boto3',
    '',
    '    return boto3.resource("dynamodb").Table(os.environ["USERS_TABLE"])',
  ],
  body: [
    'if event["triggerSource"] != "PostConfirmation_ConfirmSignUp":',
    '    return event',
    'attributes = event["request"]["userAttributes"]',
    'users_table().put_item(',
    '    Item={',
    '        "pk": f"USER#{attributes[\'sub\']}",',
    '        "email": attributes.get("email", ""),',
    '        "createdAt": datetime.now(timezone.utc).isoformat(),',
    '    },',
    '    # Cognito retries a trigger that fails or times out: do not create the user twice.',
    '    ConditionExpression="attribute_not_exists(pk)",',
    ')',
    'return event',
  ],
  powertools: {
    dataClass: 'PostConfirmationTriggerEvent',
    body: [
      'if event.trigger_source != "PostConfirmation_ConfirmSignUp":',
      '    return event.raw_event',
      'attributes = event.request.user_attributes',
      'users_table().put_item(',
      '    Item={',
      '        "pk": f"USER#{attributes[\'sub\']}",',
      '        "email": attributes.get("email", ""),',
      '        "createdAt": datetime.now(timezone.utc).isoformat(),',
      '    },',
      '    # Cognito retries a trigger that fails or times out: do not create the user twice.',
      '    ConditionExpression="attribute_not_exists(pk)",',
      ')',
      'return event.raw_event',
    ],
  },
  testSetup: [
    '# No AWS call in tests: a stand-in table records what would be written.',
    'written: list[dict[str, Any]] = []',
    'handler.users_table = lambda: SimpleNamespace(put_item=lambda **kw: written.append(kw["Item"]))',
  ],
  testAssert: [
    'if event["triggerSource"] == "PostConfirmation_ConfirmSignUp":',
    '    assert written[-1]["pk"] == "USER#" + event["request"]["userAttributes"]["sub"]',
    'assert result == event',
  ],
};

const preAuthentication: PythonRecipe = {
  summary: ['Pre authentication: runs before Cognito checks the password. Raise an exception to deny the sign-in.'],
  sources: [dg('user-pool-lambda-pre-authentication')],
  imports: ['import os'],
  prelude: ['BLOCKED_CLIENTS = {c for c in os.environ.get("BLOCKED_CLIENTS", "").split(",") if c}'],
  body: [
    'if event["callerContext"]["clientId"] in BLOCKED_CLIENTS:',
    '    # The message reaches the app: keep it free of internal details.',
    '    raise Exception("Sign-in from this app is disabled.")',
    'return event',
  ],
  powertools: {
    dataClass: 'PreAuthenticationTriggerEvent',
    body: ['if event.caller_context.client_id in BLOCKED_CLIENTS:', '    # The message reaches the app: keep it free of internal details.', '    raise Exception("Sign-in from this app is disabled.")', 'return event.raw_event'],
  },
  testAssert: ['assert result == event'],
};

const postAuthentication: PythonRecipe = {
  summary: ['Post authentication: runs after a successful sign-in, before the tokens are issued. Good for audit logs.'],
  sources: [dg('user-pool-lambda-post-authentication')],
  imports: ['import json'],
  body: [
    'request = event["request"]',
    'print(json.dumps({"msg": "sign-in", "user": event["userName"], "client": event["callerContext"]["clientId"], "newDevice": request.get("newDeviceUsed")}))',
    'return event',
  ],
  powertools: {
    dataClass: 'PostAuthenticationTriggerEvent',
    body: [
      'print(json.dumps({"msg": "sign-in", "user": event.user_name, "client": event.caller_context.client_id, "newDevice": event.request.get("newDeviceUsed")}))',
      'return event.raw_event',
    ],
  },
  testAssert: ['assert result == event'],
};

const userMigration: PythonRecipe = {
  summary: [
    'User migration: when a user unknown to the pool signs in or resets the password, look them up in the old system.',
    'Replace find_legacy_user with your lookup. Raise an exception when the user is not found or the password is wrong.',
  ],
  sources: [dg('user-pool-lambda-migrate-user')],
  prelude: [
    'def find_legacy_user(user_name: str, password: str | None) -> dict[str, str] | None:',
    '    """Looks the user up in the old user store; replace with your own call."""',
    '    if user_name == "jane.doe" and password in (None, "correct-horse-battery-staple"):',
    '        return {"email": "jane.doe@example.com"}',
    '    return None',
  ],
  body: [
    'signing_in = event["triggerSource"] == "UserMigration_Authentication"',
    'user = find_legacy_user(event["userName"], event["request"].get("password") if signing_in else None)',
    'if user is None:',
    '    raise Exception("Bad user name or password")',
    '# Attribute values are strings, booleans included.',
    'event["response"]["userAttributes"] = {"email": user["email"], "email_verified": "true"}',
    'if signing_in:',
    '    event["response"]["finalUserStatus"] = "CONFIRMED"',
    'event["response"]["messageAction"] = "SUPPRESS"',
    'return event',
  ],
  powertools: {
    dataClass: 'UserMigrationTriggerEvent',
    body: [
      'signing_in = event.trigger_source == "UserMigration_Authentication"',
      'user = find_legacy_user(event.user_name, event.request.get("password") if signing_in else None)',
      'if user is None:',
      '    raise Exception("Bad user name or password")',
      '# Attribute values are strings, booleans included.',
      'event.response.user_attributes = {"email": user["email"], "email_verified": "true"}',
      'if signing_in:',
      '    event.response.final_user_status = "CONFIRMED"',
      'event.response.message_action = "SUPPRESS"',
      'return event.raw_event',
    ],
  },
  testAssert: ['assert result["response"]["userAttributes"]["email"] == "jane.doe@example.com"'],
};

const defineAuthChallenge: PythonRecipe = {
  summary: [
    'Define auth challenge: a small state machine over the session. Password first (SRP), then one custom challenge;',
    'three wrong answers fail the sign-in.',
  ],
  sources: [dg('user-pool-lambda-define-auth-challenge')],
  prelude: ['MAX_ATTEMPTS = 3'],
  body: [
    'session = event["request"]["session"]',
    'last = session[-1] if session else None',
    'custom_attempts = sum(1 for c in session if c["challengeName"] == "CUSTOM_CHALLENGE")',
    'response = event["response"]',
    'response["issueTokens"] = False',
    'response["failAuthentication"] = False',
    'if event["request"].get("userNotFound"):',
    '    response["failAuthentication"] = True',
    'elif last is None:',
    '    response["challengeName"] = "SRP_A"  # start with the password (SRP)',
    'elif last["challengeName"] == "SRP_A" and last["challengeResult"]:',
    '    response["challengeName"] = "PASSWORD_VERIFIER"',
    'elif last["challengeName"] == "PASSWORD_VERIFIER" and last["challengeResult"]:',
    '    response["challengeName"] = "CUSTOM_CHALLENGE"  # Cognito calls create auth challenge next',
    'elif last["challengeName"] == "CUSTOM_CHALLENGE" and last["challengeResult"]:',
    '    response["issueTokens"] = True',
    'elif last["challengeName"] == "CUSTOM_CHALLENGE" and custom_attempts < MAX_ATTEMPTS:',
    '    response["challengeName"] = "CUSTOM_CHALLENGE"  # another try',
    'else:',
    '    response["failAuthentication"] = True',
    'return event',
  ],
  powertools: {
    dataClass: 'DefineAuthChallengeTriggerEvent',
    body: [
      'session = event.request.session',
      'last = session[-1] if session else None',
      'custom_attempts = sum(1 for c in session if c.challenge_name == "CUSTOM_CHALLENGE")',
      'response = event.response',
      'response.issue_tokens = False',
      'response.fail_authentication = False',
      'if event.request.user_not_found:',
      '    response.fail_authentication = True',
      'elif last is None:',
      '    response.challenge_name = "SRP_A"  # start with the password (SRP)',
      'elif last.challenge_name == "SRP_A" and last.challenge_result:',
      '    response.challenge_name = "PASSWORD_VERIFIER"',
      'elif last.challenge_name == "PASSWORD_VERIFIER" and last.challenge_result:',
      '    response.challenge_name = "CUSTOM_CHALLENGE"  # Cognito calls create auth challenge next',
      'elif last.challenge_name == "CUSTOM_CHALLENGE" and last.challenge_result:',
      '    response.issue_tokens = True',
      'elif last.challenge_name == "CUSTOM_CHALLENGE" and custom_attempts < MAX_ATTEMPTS:',
      '    response.challenge_name = "CUSTOM_CHALLENGE"  # another try',
      'else:',
      '    response.fail_authentication = True',
      'return event.raw_event',
    ],
  },
  testAssert: [
    'last = event["request"]["session"][-1] if event["request"]["session"] else None',
    'if last and last["challengeName"] == "PASSWORD_VERIFIER" and last["challengeResult"]:',
    '    assert result["response"]["challengeName"] == "CUSTOM_CHALLENGE"',
    'assert not (result["response"]["issueTokens"] and result["response"]["failAuthentication"])',
  ],
};

const createAuthChallenge: PythonRecipe = {
  summary: [
    'Create auth challenge: a one-time code. The app sees publicChallengeParameters; the expected answer stays in',
    'privateChallengeParameters for verify auth challenge. Send the code to the user (email, SMS) where marked.',
  ],
  sources: [dg('user-pool-lambda-create-auth-challenge')],
  imports: ['import secrets'],
  body: [
    'if event["request"]["challengeName"] != "CUSTOM_CHALLENGE":',
    '    return event',
    'code = f"{secrets.randbelow(1_000_000):06d}"',
    '# Send `code` to event["request"]["userAttributes"]["email"] here (e.g. with Amazon SES).',
    'event["response"]["publicChallengeParameters"] = {"hint": "Enter the 6-digit code we sent you"}',
    'event["response"]["privateChallengeParameters"] = {"answer": code}',
    'event["response"]["challengeMetadata"] = "EMAIL_CODE"',
    'return event',
  ],
  powertools: {
    dataClass: 'CreateAuthChallengeTriggerEvent',
    body: [
      'if event.request.challenge_name != "CUSTOM_CHALLENGE":',
      '    return event.raw_event',
      'code = f"{secrets.randbelow(1_000_000):06d}"',
      '# Send `code` to event.request.user_attributes["email"] here (e.g. with Amazon SES).',
      'event.response.public_challenge_parameters = {"hint": "Enter the 6-digit code we sent you"}',
      'event.response.private_challenge_parameters = {"answer": code}',
      'event.response.challenge_metadata = "EMAIL_CODE"',
      'return event.raw_event',
    ],
  },
  testAssert: ['if event["request"]["challengeName"] == "CUSTOM_CHALLENGE":', '    assert re.fullmatch(r"\\d{6}", result["response"]["privateChallengeParameters"]["answer"])'],
};

const verifyAuthChallengeResponse: PythonRecipe = {
  summary: ['Verify auth challenge response: compare the answer with what create auth challenge kept privately.'],
  sources: [dg('user-pool-lambda-verify-auth-challenge-response')],
  imports: ['import hmac'],
  body: [
    'expected = event["request"]["privateChallengeParameters"].get("answer")',
    'answer = event["request"].get("challengeAnswer") or ""',
    '# compare_digest: the time taken does not tell how much of the answer was right.',
    'event["response"]["answerCorrect"] = expected is not None and hmac.compare_digest(answer, expected)',
    'return event',
  ],
  powertools: {
    dataClass: 'VerifyAuthChallengeResponseTriggerEvent',
    body: [
      'expected = event.request.private_challenge_parameters.get("answer")',
      'answer = event.request.get("challengeAnswer") or ""',
      '# compare_digest: the time taken does not tell how much of the answer was right.',
      'event.response.answer_correct = expected is not None and hmac.compare_digest(answer, expected)',
      'return event.raw_event',
    ],
  },
  testAssert: ['request = event["request"]', 'assert result["response"]["answerCorrect"] == (request.get("challengeAnswer") == request["privateChallengeParameters"].get("answer"))'],
};

const tokenV1Body = (pt: boolean): string[] =>
  pt
    ? [
        'details = event.response.claims_override_details',
        'details.claims_to_add_or_override = {"tenant_id": "tenant-42"}',
        'details.claims_to_suppress = ["phone_number"]',
        '# cognito:groups is changed here, never through claimsToAddOrOverride (Cognito drops that).',
        'details.set_group_configuration_groups_to_override([g for g in event.request.group_configuration.groups_to_override if g != "internal"])',
        'event.raw_event["response"]["claimsOverrideDetails"] = details.raw_event',
        'return event.raw_event',
      ]
    : [
        'groups = event["request"]["groupConfiguration"].get("groupsToOverride") or []',
        'event["response"]["claimsOverrideDetails"] = {',
        '    "claimsToAddOrOverride": {"tenant_id": "tenant-42"},',
        '    "claimsToSuppress": ["phone_number"],',
        '    # cognito:groups is changed here, never through claimsToAddOrOverride (Cognito drops that).',
        '    "groupOverrideDetails": {"groupsToOverride": [g for g in groups if g != "internal"]},',
        '}',
        'return event',
      ];

const preTokenGeneration: PythonRecipe = {
  summary: [
    'Pre token generation (event version 1): add a claim to the ID token and narrow the groups.',
    'Version 1 changes the ID token only; choose version 2 to change the access token and its scopes.',
  ],
  sources: [dg('user-pool-lambda-pre-token-generation')],
  body: tokenV1Body(false),
  powertools: { dataClass: 'PreTokenGenerationTriggerEvent', body: tokenV1Body(true) },
  testAssert: ['assert result["response"]["claimsOverrideDetails"]["claimsToAddOrOverride"]["tenant_id"] == "tenant-42"'],
};

const v2Body = (m2m: boolean): string[] => [
  ...(m2m
    ? [
        'if event["triggerSource"] == "TokenGeneration_ClientCredentials":',
        '    # Machine-to-machine: no user and no ID token; only the access token can change.',
        '    event["response"]["claimsAndScopeOverrideDetails"] = {',
        '        "accessTokenGeneration": {"claimsToAddOrOverride": {"caller": "service"}, "scopesToAdd": ["orders/read"]},',
        '    }',
        '    return event',
      ]
    : []),
  'tenant = "tenant-42"  # e.g. looked up from event["request"]["userAttributes"]',
  'event["response"]["claimsAndScopeOverrideDetails"] = {',
  '    "idTokenGeneration": {',
  '        "claimsToAddOrOverride": {"tenant_id": tenant},',
  '        "claimsToSuppress": ["phone_number"],',
  '    },',
  '    "accessTokenGeneration": {',
  '        # Claims Cognito fixes (sub, cognito:*, token_use, ...) are dropped even if you set them.',
  '        "claimsToAddOrOverride": {"tenant_id": tenant},',
  '        "scopesToAdd": ["orders/read"],  # no white space inside a scope',
  '        "scopesToSuppress": ["aws.cognito.signin.user.admin"],',
  '    },',
  '}',
  'return event',
];

const v2Assert = ['details = result["response"]["claimsAndScopeOverrideDetails"]', 'assert "orders/read" in details["accessTokenGeneration"]["scopesToAdd"]'];

const preTokenGenerationV2: PythonRecipe = {
  summary: ['Pre token generation (event version 2): add a tenant claim to both tokens and an API scope to the access token.'],
  sources: [dg('user-pool-lambda-pre-token-generation')],
  body: v2Body(false),
  powertools: {
    dataClass: 'PreTokenGenerationV2TriggerEvent',
    body: [
      'tenant = "tenant-42"  # e.g. looked up from event.request.user_attributes',
      'details = event.response.claims_scope_override_details',
      'details.id_token_generation = {"claimsToAddOrOverride": {"tenant_id": tenant}, "claimsToSuppress": ["phone_number"]}',
      'details.access_token_generation = {',
      '    # Claims Cognito fixes (sub, cognito:*, token_use, ...) are dropped even if you set them.',
      '    "claimsToAddOrOverride": {"tenant_id": tenant},',
      '    "scopesToAdd": ["orders/read"],  # no white space inside a scope',
      '    "scopesToSuppress": ["aws.cognito.signin.user.admin"],',
      '}',
      'event.raw_event["response"]["claimsAndScopeOverrideDetails"] = details.raw_event',
      'return event.raw_event',
    ],
  },
  testAssert: v2Assert,
};

const preTokenGenerationV3: PythonRecipe = {
  summary: [
    'Pre token generation (event version 3): like version 2, and also called for machine-to-machine',
    '(client credentials) tokens, which have no user and no ID token.',
  ],
  sources: [dg('user-pool-lambda-pre-token-generation')],
  body: v2Body(true),
  testAssert: v2Assert,
};

const customMessage: PythonRecipe = {
  summary: [
    'Custom message: your own wording per message kind. Every message must contain event["request"]["codeParameter"]',
    '(and usernameParameter for admin invitations): Cognito puts the real code there.',
  ],
  sources: [dg('user-pool-lambda-custom-message')],
  imports: ['import os'],
  prelude: ['APP = os.environ.get("APP_NAME", "Example App")'],
  body: [
    'request, response = event["request"], event["response"]',
    'code = request["codeParameter"]',
    'match event["triggerSource"]:',
    '    case "CustomMessage_SignUp" | "CustomMessage_ResendCode":',
    '        response["emailSubject"] = f"Welcome to {APP}"',
    '        response["emailMessage"] = f"<p>Your {APP} confirmation code is <b>{code}</b>.</p>"',
    '        response["smsMessage"] = f"{APP} code: {code}"',
    '    case "CustomMessage_ForgotPassword":',
    '        response["emailSubject"] = f"Reset your {APP} password"',
    '        response["emailMessage"] = f"<p>Use {code} to reset your password. Ignore this email if you did not ask.</p>"',
    '        response["smsMessage"] = f"{APP} password reset code: {code}"',
    '    case "CustomMessage_AdminCreateUser":',
    '        user = request["usernameParameter"]',
    '        response["emailSubject"] = f"Your {APP} account"',
    '        response["emailMessage"] = f"<p>User name: {user}<br>Temporary password: {code}</p>"',
    '        response["smsMessage"] = f"{APP}: user {user}, password {code}"',
    '    case _:',
    '        pass  # leave the response empty: Cognito sends its default message',
    'return event',
  ],
  powertools: {
    dataClass: 'CustomMessageTriggerEvent',
    body: [
      'request, response = event.request, event.response',
      'code = request.code_parameter',
      'match event.trigger_source:',
      '    case "CustomMessage_SignUp" | "CustomMessage_ResendCode":',
      '        response.email_subject = f"Welcome to {APP}"',
      '        response.email_message = f"<p>Your {APP} confirmation code is <b>{code}</b>.</p>"',
      '        response.sms_message = f"{APP} code: {code}"',
      '    case "CustomMessage_ForgotPassword":',
      '        response.email_subject = f"Reset your {APP} password"',
      '        response.email_message = f"<p>Use {code} to reset your password. Ignore this email if you did not ask.</p>"',
      '        response.sms_message = f"{APP} password reset code: {code}"',
      '    case "CustomMessage_AdminCreateUser":',
      '        user = request.username_parameter',
      '        response.email_subject = f"Your {APP} account"',
      '        response.email_message = f"<p>User name: {user}<br>Temporary password: {code}</p>"',
      '        response.sms_message = f"{APP}: user {user}, password {code}"',
      '    case _:',
      '        pass  # leave the response empty: Cognito sends its default message',
      'return event.raw_event',
    ],
  },
  testAssert: [
    'for message in (result["response"].get("emailMessage"), result["response"].get("smsMessage")):',
    '    if message:',
    '        assert event["request"]["codeParameter"] in message, message',
  ],
};

/**
 * The AWS Encryption SDK for Python, as its own documentation and examples use it: a client whose commitment
 * policy decrypts messages without key commitment (Cognito's), a strict KMS master key provider on the key
 * ARN, and `decrypt(source=…, key_provider=…)` returning the plaintext and the header.
 */
const ENCRYPTION_SDK_SOURCES = [
  'https://docs.aws.amazon.com/encryption-sdk/latest/developer-guide/python.html',
  'https://github.com/aws/aws-encryption-sdk-python/blob/master/examples/src/legacy/one_kms_cmk.py',
];

/** The sender's decrypt and deliver helpers (module level, shared by both variants). */
function senderPrelude(kind: 'email' | 'SMS'): string[] {
  return [
    '@functools.cache',
    'def _decryptor(key_arn: str) -> tuple[Any, Any]:',
    '    """The Encryption SDK client and KMS key provider, made once per key (warm invocations reuse them)."""',
    "    # Imported on first use, so the paths without a code (account take-over notices) need no SDK to run.",
    '    # Master key providers need no optional Material Providers Library (pip install aws-encryption-sdk).',
    '    import aws_encryption_sdk',
    '    from aws_encryption_sdk import CommitmentPolicy',
    '',
    "    # Decrypts messages with or without key commitment (Cognito's codes have none); encrypts only with it.",
    '    client = aws_encryption_sdk.EncryptionSDKClient(commitment_policy=CommitmentPolicy.REQUIRE_ENCRYPT_ALLOW_DECRYPT)',
    '    return client, aws_encryption_sdk.StrictAwsKmsMasterKeyProvider(key_ids=[key_arn])',
    '',
    '',
    'def decrypt_code(ciphertext: str) -> str:',
    '    """The plaintext code (or temporary password) Cognito put, encrypted and base64-encoded, in request.code."""',
    '    # Read per call, not at import: a test (or a warm worker) may set it after the module is imported.',
    '    key_arn = os.environ.get("KEY_ARN")',
    '    if not key_arn:',
    '        raise RuntimeError("KEY_ARN is not set: the ARN of the KMS key the user pool encrypts codes with")',
    '    client, key_provider = _decryptor(key_arn)',
    '    plaintext, _header = client.decrypt(source=base64.b64decode(ciphertext), key_provider=key_provider)',
    '    return plaintext.decode("utf-8")',
    '',
    '',
    'def deliver(to: str, source: str, code: str | None) -> None:',
    '    """Sends the message; replace with your provider (Amazon SES, Amazon SNS, a third party)."""',
    '    # The code is printed only so that a local run shows it: remove this line before you deploy.',
    `    print(json.dumps({"msg": "${kind} to send", "source": source, "to": to, "code": code}))`,
  ];
}

const sender = (kind: 'email' | 'SMS', dataClass: string, page: string): PythonRecipe => {
  const attribute = kind === 'email' ? 'email' : 'phone_number';
  const missing = kind === 'email' ? 'email address' : 'phone number';
  return {
    summary: [
      `Custom ${kind} sender: Cognito hands you the message to deliver with your own provider. It is invoked`,
      "asynchronously and its answer is ignored. event[\"request\"][\"code\"] is encrypted with the AWS Encryption SDK",
      "under the user pool's KMS key (KEY_ARN on the function's environment); decrypt_code gets the plaintext back.",
      'Add aws-encryption-sdk to the function\'s requirements; replace deliver with your provider.',
    ],
    sources: [dg(page), ...ENCRYPTION_SDK_SOURCES],
    imports: ['import base64', 'import functools', 'import json', 'import os'],
    prelude: senderPrelude(kind),
    body: [
      `to = event["request"].get("userAttributes", {}).get("${attribute}")`,
      'if not to:',
      `    return None  # nothing to deliver: the user has no ${missing}`,
      '# Account take-over notifications carry no code.',
      'code = decrypt_code(event["request"]["code"]) if event["request"].get("code") else None',
      'deliver(to, event["triggerSource"], code)',
      'return None',
    ],
    returnsNone: true,
    powertools: {
      dataClass,
      body: [
        `to = event.request.user_attributes.get("${attribute}")`,
        'if not to:',
        `    return None  # nothing to deliver: the user has no ${missing}`,
        '# Account take-over notifications carry no code.',
        'code = decrypt_code(event.request.code) if event.request.code else None',
        'deliver(to, event.trigger_source, code)',
        'return None',
      ],
    },
    testImports: ['import base64', 'import contextlib', 'import importlib.util', 'import io', 'import os'],
    testSetup: [
      "# Cognito encrypts request.code under the pool's KMS key; so does this test, through KMS itself: a real key",
      '# (KEY_ARN and AWS credentials) or a local KMS (AWS_ENDPOINT_URL_KMS; `cognito-triggers invoke` starts one).',
      'ENCRYPTION_SDK = importlib.util.find_spec("aws_encryption_sdk") is not None',
      'KEY_ARN = os.environ.get("KEY_ARN")',
      'NEEDS = None if ENCRYPTION_SDK and KEY_ARN else (',
      '    "aws-encryption-sdk is not installed for this interpreter: pip install aws-encryption-sdk"',
      '    if not ENCRYPTION_SDK',
      '    else "set KEY_ARN to a KMS key ARN (and AWS_ENDPOINT_URL_KMS for a local KMS) to run the decrypt path"',
      ')',
      'CODE = "123456"',
      '',
      '',
      'def encrypt_code(code: str) -> str:',
      '    """request.code as Cognito sends it: an Encryption SDK message under KEY_ARN, base64-encoded."""',
      '    import aws_encryption_sdk',
      '    from aws_encryption_sdk import CommitmentPolicy',
      '',
      '    client = aws_encryption_sdk.EncryptionSDKClient(commitment_policy=CommitmentPolicy.REQUIRE_ENCRYPT_ALLOW_DECRYPT)',
      '    key_provider = aws_encryption_sdk.StrictAwsKmsMasterKeyProvider(key_ids=[KEY_ARN])',
      '    ciphertext, _header = client.encrypt(source=code.encode("utf-8"), key_provider=key_provider)',
      '    return base64.b64encode(ciphertext).decode("ascii")',
    ],
    testPrepare: [
      'if event["request"].get("code"):',
      '    if NEEDS:',
      '        self.skipTest(NEEDS)',
      '    event["request"]["code"] = encrypt_code(CODE)',
    ],
    testCallWithin: 'with contextlib.redirect_stdout(io.StringIO()) as printed:',
    testAssert: [
      'assert result is None',
      `if event["request"].get("userAttributes", {}).get("${attribute}") and event["request"].get("code"):`,
      '    # What deliver() printed: the decrypted code must reach it.',
      '    assert f\'"code": "{CODE}"\' in printed.getvalue(), printed.getvalue()',
    ],
  };
};

const inboundFederation: PythonRecipe = {
  summary: [
    'Inbound federation: choose which attributes of the external identity provider Cognito stores.',
    'Every attribute you leave out of userAttributesToMap is dropped.',
  ],
  sources: [dg('user-pool-lambda-inbound-federation')],
  body: [
    'attributes = event["request"]["attributes"]',
    'from_provider = {**(attributes.get("idToken") or {}), **(attributes.get("userInfo") or {})}',
    'event["response"]["userAttributesToMap"] = {',
    '    "email": from_provider.get("email", ""),',
    '    "given_name": from_provider.get("given_name", ""),',
    '    "family_name": from_provider.get("family_name", ""),',
    '}',
    'return event',
  ],
  testAssert: ['assert isinstance(result["response"]["userAttributesToMap"]["email"], str)'],
};

const syncTrigger: PythonRecipe = {
  summary: [
    'Cognito Sync trigger (identity pools): validate the records a device syncs and award a badge when the',
    'player reaches a new level. Records you leave out of the answer are ignored; newValue None removes one.',
  ],
  sources: ['https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-events.html'],
  imports: ['import re', 'from datetime import datetime, timezone'],
  prelude: [
    '# Levels at which a player earns a badge.',
    'BADGE_LEVELS = {5, 10, 25, 50}',
    '',
    '',
    'def valid_level(value: str) -> bool:',
    '    """A level is a whole number from 1 to 100: anything else sent by a device is rejected."""',
    '    return re.fullmatch(r"\\d+", value) is not None and 1 <= int(value) <= 100',
  ],
  body: [
    'if event["datasetName"] != "GameProgress":',
    '    return event',
    'records = event["datasetRecords"]',
    'level = records.get("level")',
    'if level and level["op"] == "replace" and level["newValue"] is not None:',
    '    if not valid_level(level["newValue"]):',
    '        # Keep the stored value: answering with the old value rejects this change.',
    '        level["newValue"] = level["oldValue"]',
    '    elif int(level["newValue"]) > int(level["oldValue"] or 0) and int(level["newValue"]) in BADGE_LEVELS:',
    '        # A record that was not in the sync is added by returning it.',
    '        badge = f"badge:level-{level[\'newValue\']}"',
    '        records[badge] = {"oldValue": None, "newValue": datetime.now(timezone.utc).isoformat(), "op": "replace"}',
    'return event',
  ],
  testAssert: [
    'if event["datasetName"] == "GameProgress" and event["datasetRecords"].get("level", {}).get("newValue") == "10":',
    '    assert "badge:level-10" in result["datasetRecords"]',
    'assert result["identityId"] == event["identityId"]',
  ],
};

/** One recipe per trigger (the type makes a missing trigger a compile error). */
export const PYTHON_RECIPES: Readonly<Record<TriggerId, PythonRecipe>> = {
  PreSignUp: preSignUp,
  PostConfirmation: postConfirmation,
  PreAuthentication: preAuthentication,
  PostAuthentication: postAuthentication,
  DefineAuthChallenge: defineAuthChallenge,
  CreateAuthChallenge: createAuthChallenge,
  VerifyAuthChallengeResponse: verifyAuthChallengeResponse,
  PreTokenGeneration: preTokenGeneration,
  PreTokenGenerationV2: preTokenGenerationV2,
  PreTokenGenerationV3: preTokenGenerationV3,
  UserMigration: userMigration,
  CustomMessage: customMessage,
  CustomEmailSender: sender('email', 'CustomEmailSenderTriggerEvent', 'user-pool-lambda-custom-email-sender'),
  CustomSMSSender: sender('SMS', 'CustomSMSSenderTriggerEvent', 'user-pool-lambda-custom-sms-sender'),
  InboundFederation: inboundFederation,
  SyncTrigger: syncTrigger,
};
