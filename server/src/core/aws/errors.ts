// Pure: an AWS SDK error (or ours) turned into a message naming what failed, the next step, and a code.
import type { CallContext } from './clients';
import { PlanError } from './planError';

/** What the UI and the CLI show for a failed operation. */
export interface ExplainedError {
  /** What failed, in the user's terms, naming the operation. Never contains a secret. */
  message: string;
  /** The next step. */
  hint: string;
  /** Stable code: the AWS error name or one of ours (`Cancelled`, `NoCredentials`, `SsoExpired` ...). */
  code: string;
}

/** The secret values in the environment (secret key, session token), to redact by value. */
export function envSecrets(env: Record<string, string | undefined> = process.env): string[] {
  return [env.AWS_SECRET_ACCESS_KEY, env.AWS_SESSION_TOKEN, env.AWS_SECURITY_TOKEN].filter((v): v is string => !!v && v.length >= 4);
}

/**
 * Hides secrets in text from anywhere (errors, logs): the `known` values exactly, plus anything shaped
 * like an access key id, a secret key (40 base64 characters) or a session token (long base64).
 */
export function redactSecrets(text: string, known: readonly string[] = []): string {
  let out = text;
  for (const k of known) out = out.split(k).join('****');
  return out
    .replace(/\b(AKIA|ASIA|AIDA|AROA)[A-Z0-9]{12,}\b/g, '$1****************')
    .replace(/((?:secret[_ ]?access[_ ]?key|session[_ ]?token|x-amz-security-token|aws_secret_access_key|aws_session_token)["'\s:=]+)[^\s"',;]+/gi, '$1****')
    .replace(/(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g, '****')
    .replace(/[A-Za-z0-9/+=]{100,}/g, '****');
}

/**
 * Explains `error` thrown while doing `operation` (e.g. "UpdateUserPool on us-east-1_abc"). `secrets`
 * are redacted by value (default: those in the environment); AWS-shaped secrets always are.
 */
export function explainAwsError(error: unknown, operation: string, secrets: readonly string[] = envSecrets()): ExplainedError {
  const e = (error ?? {}) as { name?: string; message?: string; code?: string; Code?: string; $metadata?: { httpStatusCode?: number; attempts?: number }; $response?: { headers?: Record<string, string> } } & CallContext;
  const name = String(e.name ?? e.Code ?? e.code ?? 'Error');
  const raw = redactSecrets(String(e.message ?? error), secrets);
  // The call that failed, when the clients' middleware named it: "AddPermission (lambda) failed".
  const call = e.$call ? `${e.$call}` : undefined;
  // Named once: "shop-users: GetPolicy, AddPermission failed: …", not "… failed at GetPolicy: …" as well.
  const named = !!call && operation.split(/[\s,:]+/).includes(call);
  const at = (what: string) => `${operation} failed${call && !named ? ` at ${call}` : ''}: ${what}`;
  const endpoint = e.$endpoint ? redactSecrets(e.$endpoint, secrets) : 'the endpoint';
  if (name === 'TimeoutError' || /timed out|ETIMEDOUT/i.test(raw)) {
    const limit = e.$timeoutMs ? ` within ${e.$timeoutMs} ms` : '';
    // The retry middleware counts the attempts; a timed-out attempt is the last (clients.ts TimeoutsNotRetried).
    const attempts = e.$metadata?.attempts;
    const tried = attempts ? ` (attempt ${attempts}${e.$maxAttempts ? ` of ${e.$maxAttempts}` : ''}; a call that times out is not retried)` : '';
    return {
      code: 'Timeout',
      message: `${operation} failed: ${call ?? 'the call'} got no answer from ${endpoint}${limit}${tried}.`,
      hint: 'Check that the endpoint is AWS or a running emulator (cognitoTriggers.aws.endpoints, AWS_ENDPOINT_URL_*, --endpoint-url) and reachable; for a slow link raise cognitoTriggers.aws.timeoutMs.',
    };
  }
  if (notLikeAws(name, raw, e)) {
    return {
      code: 'NotAws',
      message: `${operation} failed${call ? ` at ${call}` : ''}: ${endpoint} did not answer like AWS (the response was not the service's JSON).`,
      hint: 'Check the endpoint override (cognitoTriggers.aws.endpoints, AWS_ENDPOINT_URL_*, --endpoint-url, a proxy): it points at something that is not AWS or the emulator.',
    };
  }
  if (error instanceof PlanError) return { code: 'InvalidInput', message: `${operation} refused: ${raw}`, hint: error.hint };
  // Ours: the reviewed change the client names is gone; retrying the same request cannot help, a new review can.
  if (name === 'PlanExpired') return { code: name, message: `${operation} failed: ${raw}`, hint: 'Run Bind or Unbind again to review the pool as it is now.' };
  if (name === 'AbortError' || /aborted|cancel/i.test(name)) return { code: 'Cancelled', message: `${operation} was cancelled.`, hint: 'Nothing after the cancelled call was done; run it again when ready.' };
  if (/sso/i.test(raw) && /(expired|refresh|token)/i.test(raw)) {
    return { code: 'SsoExpired', message: at('the SSO session has expired.'), hint: 'Run `aws sso login` (with --profile PROFILE), then try again.' };
  }
  if (name === 'CredentialsProviderError' || /could not load credentials/i.test(raw)) {
    return { code: 'NoCredentials', message: at('no AWS credentials were found.'), hint: 'Choose a profile (Cognito Triggers: Select AWS Profile / --profile), or set AWS_PROFILE or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.' };
  }
  if (/region is missing/i.test(raw)) return { code: 'NoRegion', message: at('no AWS Region is set.'), hint: 'Choose a Region (Cognito Triggers: Select AWS Region / --region), or set AWS_REGION or region in the profile.' };
  if (['ExpiredTokenException', 'ExpiredToken', 'RequestExpired'].includes(name)) return { code: name, message: at('the credentials have expired.'), hint: 'Refresh them (aws sso login, or new temporary credentials), then try again.' };
  if (['UnrecognizedClientException', 'InvalidSignatureException', 'InvalidClientTokenId', 'SignatureDoesNotMatch'].includes(name)) {
    return { code: name, message: at('AWS did not accept the credentials.'), hint: 'Check the profile and its keys; the access key may be deleted or the secret wrong.' };
  }
  if (['AccessDeniedException', 'AccessDenied', 'NotAuthorizedException', 'UnauthorizedOperation'].includes(name) || e.$metadata?.httpStatusCode === 403) {
    // Name the IAM action, not the UI verb: that is what goes into the policy.
    if (call && e.$iamPrefix) {
      const action = `${e.$iamPrefix}:${call}`;
      return { code: name, message: at(`access denied. ${raw}`), hint: `Grant the caller ${action} on that resource (an IAM policy statement with "Action": "${action}"), or use a profile that has it.` };
    }
    return { code: name, message: at(`access denied. ${raw}`), hint: `Grant the caller permission for ${operation.split(' ')[0]} on that resource, or use a profile that has it.` };
  }
  if (name === 'ResourceNotFoundException' || name === 'UserPoolNotFound') {
    return { code: 'ResourceNotFoundException', message: at(`not found. ${raw}`), hint: 'Check the id or name and the Region: pools and functions belong to one Region and account.' };
  }
  if (['TooManyRequestsException', 'ThrottlingException', 'Throttling', 'LimitExceededException', 'RequestLimitExceeded'].includes(name)) {
    return { code: name, message: at('AWS throttled the request, even after retries.'), hint: 'Wait a minute and try again; other tools may be calling the same API.' };
  }
  // Cognito refusing the custom senders' key: the same key fails the same way, so say what to fix, not "try again".
  if (/\bKMS\b|KMSKeyID|kms key/i.test(raw) && !['TooManyRequestsException', 'ThrottlingException', 'Throttling'].includes(name) && !(e.$metadata?.httpStatusCode !== undefined && e.$metadata.httpStatusCode >= 500)) {
    return { code: 'KmsKeyRefused', message: at(`the KMS key was refused. ${raw}`), hint: KMS_KEY_HINT };
  }
  if (name === 'FeatureUnavailableInTierException' || /feature plan|tier|essentials|plus/i.test(raw)) {
    return { code: name, message: at(`the pool's feature plan does not include this. ${raw}`), hint: 'Pre token generation V2_0/V3_0 needs the Essentials or Plus plan: change the plan in the Cognito console, or bind with LambdaVersion V1_0.' };
  }
  if (['InvalidParameterException', 'InvalidParameterValueException', 'ValidationException', 'InvalidLambdaResponseException', 'InvalidRequestContentException'].includes(name)) {
    return { code: name, message: at(`a parameter was refused. ${raw}`), hint: 'Read the message for the parameter; nothing was changed by this call.' };
  }
  if (name === 'ResourceConflictException' || name === 'ConcurrentModificationException' || name === 'PreconditionFailedException') {
    return { code: name, message: at(`the resource changed at the same time. ${raw}`), hint: 'Try again in a few seconds.' };
  }
  if (/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|socket hang up/i.test(raw)) {
    return { code: 'NetworkError', message: at(`could not reach the endpoint${e.$endpoint ? ` ${endpoint}` : ''}. ${raw}`), hint: 'Check the network, the Region and any endpoint override (cognitoTriggers.aws.endpoints, AWS_ENDPOINT_URL_*).' };
  }
  const status = e.$metadata?.httpStatusCode;
  // Retrying helps only for a server-side or transient failure; otherwise it would fail the same way.
  if (status !== undefined && status >= 500) return { code: name, message: at(raw), hint: 'AWS reported an internal error; try again in a minute.' };
  return { code: name, message: at(raw), hint: 'Read the message for what AWS refused; the same input would fail the same way.' };
}

/**
 * What LambdaConfig.KMSKeyID must be: "The Amazon Resource Name (ARN) of an AWS KMS key" that Cognito
 * uses to encrypt codes for the custom sender triggers
 * (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_LambdaConfigType.html#CognitoUserPools-Type-LambdaConfigType-KMSKeyID),
 * a symmetric encryption key (https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-custom-sender-triggers.html);
 * a key id instead of the ARN is refused by the ARN pattern (observed:
 * https://github.com/awsdocs/amazon-cognito-developer-guide/issues/44).
 */
export const KMS_KEY_HINT =
  'Give the full ARN (arn:aws:kms:REGION:ACCOUNT:key/ID, not a key id or alias) of an enabled symmetric encryption key in the pool\'s Region, then bind again; the same key is refused the same way.';

/** An answer that is not the service's JSON: an HTML page, a proxy's error, a truncated body. */
function notLikeAws(name: string, raw: string, e: { $response?: { headers?: Record<string, string> } }): boolean {
  const type = e.$response?.headers?.['content-type'] ?? '';
  if (/text\/html/i.test(type)) return true;
  if (name === 'EmptyAnswer' || name === 'SyntaxError' || /Deserialization error|Unexpected token|is not valid JSON|Unexpected end of JSON|<!DOCTYPE|<html/i.test(raw)) return true;
  return false;
}
