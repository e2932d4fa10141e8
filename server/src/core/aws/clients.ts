// AWS SDK clients built from settings: the standard provider chain, region, endpoint overrides, retries.
import { CognitoIdentityClient } from '@aws-sdk/client-cognito-identity';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { CognitoSyncClient } from '@aws-sdk/client-cognito-sync';
import { KMSClient } from '@aws-sdk/client-kms';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import { StandardRetryStrategy } from '@smithy/core/retry';
import { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';
import { Readable } from 'node:stream';
import type { EndpointSettings } from '../settings';
import { DEFAULT_AWS_TIMEOUT_MS } from './defaults';
import { configuredEndpoint, SERVICE_IDS } from './endpoints';

/** Where and as whom to call AWS. Empty strings mean "not set" (settings use '' as the default). */
export interface AwsTarget {
  profile?: string;
  region?: string;
  /** Per-service overrides; they win over AWS_ENDPOINT_URL_* and the profile's endpoint_url. */
  endpoints?: EndpointSettings;
  /** One endpoint for every service (`--endpoint-url`); a per-service override wins over it. */
  endpointUrl?: string;
  /** Attempts per call including the first (SDK standard retry strategy with backoff; a timed-out attempt is not retried). Default 5. */
  maxAttempts?: number;
  /** Time limit of one attempt of a call, ms (setting aws.timeoutMs). Connecting gets at most 10 s of it. */
  timeoutMs?: number;
}

export { DEFAULT_AWS_TIMEOUT_MS };

/** What an AWS SDK error carries after our middleware: the call that failed, the client and the endpoint. */
export interface CallContext {
  /** `AddPermission`, `DescribeUserPool`, ... */
  $call?: string;
  /** IAM service prefix: `lambda`, `cognito-idp`, `cognito-identity`, `cognito-sync`. */
  $iamPrefix?: string;
  /** `http://127.0.0.1:9229`, `https://lambda.us-east-1.amazonaws.com`. */
  $endpoint?: string;
  /** The configured time limit of one attempt (ms). */
  $timeoutMs?: number;
  /** Attempts the call was allowed (maxAttempts). */
  $maxAttempts?: number;
}

/** The clients the AWS features use. */
export interface AwsClients {
  lambda: LambdaClient;
  userPools: CognitoIdentityProviderClient;
  identityPools: CognitoIdentityClient;
  sync: CognitoSyncClient;
  /** The doctor's DescribeKey of a custom sender's key. */
  kms: KMSClient;
  /** Closes the clients' sockets. */
  destroy(): void;
}

/** The region the clients use, or undefined when none is configured anywhere. */
export async function resolvedRegion(clients: AwsClients): Promise<string | undefined> {
  try {
    return await clients.lambda.config.region();
  } catch {
    return undefined;
  }
}

/**
 * Builds the clients. Credentials come from `fromNodeProviderChain` (environment, shared files, SSO,
 * credential_process, container and instance metadata). Endpoints: the settings (or --endpoint-url)
 * win; otherwise the SDK itself honours AWS_ENDPOINT_URL(_<SERVICE>) and the endpoint_url of
 * AWS_PROFILE/default, and for a profile chosen in settings we resolve its endpoint_url (the SDK
 * does not read it for the client's `profile` option).
 */
export async function createAwsClients(target: AwsTarget = {}): Promise<AwsClients> {
  const profile = target.profile || undefined;
  const timeoutMs = target.timeoutMs ?? DEFAULT_AWS_TIMEOUT_MS;
  const maxAttempts = target.maxAttempts ?? 5;
  const fromProfile: Partial<Record<keyof typeof SERVICE_IDS, string>> = {};
  if (profile) {
    const { configFile } = await loadSharedConfigFiles({ ignoreCache: true });
    for (const [key, id] of Object.entries(SERVICE_IDS) as [keyof typeof SERVICE_IDS, string][]) {
      const url = configuredEndpoint(id, process.env, profile, configFile ?? {});
      if (url) fromProfile[key] = url;
    }
  }
  const common = {
    credentials: fromNodeProviderChain(profile ? { profile } : {}),
    // Passing the profile lets the SDK read region and endpoint_url from that profile too.
    ...(profile ? { profile } : {}),
    ...(target.region ? { region: target.region } : {}),
    maxAttempts,
    retryStrategy: new TimeoutsNotRetried(maxAttempts),
    // Without these an endpoint that accepts the connection and never answers hangs the call forever.
    requestHandler: { connectionTimeout: Math.min(timeoutMs, 10000), requestTimeout: timeoutMs, throwOnRequestTimeout: true },
  };
  const endpoint = (own: string | undefined, configured: string | undefined) => {
    const url = own || target.endpointUrl || configured;
    return url ? { endpoint: url } : {};
  };
  const [lambda, userPools, identityPools, sync, kms] = withoutNodeVersionWarning(() => [
    new LambdaClient({ ...common, ...endpoint(target.endpoints?.lambda, fromProfile.lambda) }),
    new CognitoIdentityProviderClient({ ...common, ...endpoint(target.endpoints?.cognitoIdentityProvider, fromProfile.cognitoIdentityProvider) }),
    new CognitoIdentityClient({ ...common, ...endpoint(target.endpoints?.cognitoIdentity, fromProfile.cognitoIdentity) }),
    new CognitoSyncClient({ ...common, ...endpoint(target.endpoints?.cognitoSync, fromProfile.cognitoSync) }),
    new KMSClient({ ...common, ...endpoint(target.endpoints?.kms, fromProfile.kms) }),
  ] as const);
  const prefixes = [
    [lambda, 'lambda'],
    [userPools, 'cognito-idp'],
    [identityPools, 'cognito-identity'],
    [sync, 'cognito-sync'],
    [kms, 'kms'],
  ] as const;
  for (const [client, prefix] of prefixes) {
    nameFailedCalls(client, prefix, timeoutMs, maxAttempts);
    refuseEmptyReads(client);
  }
  return {
    lambda,
    userPools,
    identityPools,
    sync,
    kms,
    destroy() {
      for (const c of [lambda, userPools, identityPools, sync, kms]) c.destroy();
    },
  };
}

/** True for an attempt that hit the connection or request time limit (the HTTP handler's TimeoutError). */
export function isTimeoutError(error: unknown): boolean {
  const e = error as { name?: unknown; code?: unknown } | undefined;
  return e?.name === 'TimeoutError' || e?.code === 'ETIMEDOUT';
}

/**
 * The SDK's standard retries (backoff, retry quota) except after a timed-out attempt: the SDK retries
 * a timeout as transient, so a silent endpoint held one call for maxAttempts times the limit (5 x 30 s)
 * while the message said it did not answer within 30 s. The limit the user set bounds the call.
 */
class TimeoutsNotRetried extends StandardRetryStrategy {
  override async refreshRetryTokenForRetry(...args: Parameters<StandardRetryStrategy['refreshRetryTokenForRetry']>): ReturnType<StandardRetryStrategy['refreshRetryTokenForRetry']> {
    // Throwing here makes the retry middleware give up and throw the attempt's error (with $metadata.attempts).
    if (isTimeoutError(args[1].error)) throw args[1].error;
    return super.refreshRetryTokenForRetry(...args);
  }
}

/** A client's middleware stack, as far as we use it (the four client types differ in their generics). */
interface WithStack<Step extends string = 'build'> {
  middlewareStack: { add(mw: unknown, options: { step: Step; name: string; priority?: 'low' }): void };
}

/** The error of a read that AWS would have answered with JSON but that came back empty. */
export const EMPTY_ANSWER = 'EmptyAnswer';

/**
 * A List/Describe/Get call answered 200 with an empty body is not AWS (its JSON protocols always send
 * a body, `{}` at least): the SDK read it as an empty result, so a proxy or a wrong endpoint that
 * answers 200 with nothing showed "no user pools" / "no functions". Writes are left alone: emulators
 * answer some with no body.
 */
function refuseEmptyReads(client: WithStack<'deserialize'>): void {
  const mw =
    (next: (args: unknown) => Promise<{ response?: unknown }>, context: { commandName?: string }) =>
    async (args: unknown): Promise<unknown> => {
      const out = await next(args);
      const call = (context.commandName ?? '').replace(/Command$/, '');
      const res = out.response as { statusCode?: number; body?: unknown } | undefined;
      if (res?.statusCode !== 200 || !/^(List|Describe|Get)/.test(call) || !(res.body instanceof Readable)) return out;
      // Below the SDK's deserializer (priority low): read the body here and hand it on as bytes, which the
      // deserializer takes as they are. These answers are small JSON documents.
      const chunks: Buffer[] = [];
      for await (const chunk of res.body) chunks.push(Buffer.from(chunk as Uint8Array));
      const bytes = Buffer.concat(chunks);
      if (bytes.length === 0) throw Object.assign(new Error(`${call} was answered with HTTP 200 and an empty body, not the service's JSON.`), { name: EMPTY_ANSWER, $response: res });
      res.body = new Uint8Array(bytes);
      return out;
    };
  client.middlewareStack.add(mw, { step: 'deserialize', name: 'cognitoTriggersRefuseEmptyReads', priority: 'low' });
}

/**
 * Marks every error of a call with the call's name, IAM prefix and endpoint (CallContext), so that
 * messages can say which call failed or timed out and name the IAM action (lambda:AddPermission).
 * At the build step: below it are the retries and the transport, above it nothing of ours.
 */
function nameFailedCalls(client: WithStack, iamPrefix: string, timeoutMs: number, maxAttempts: number): void {
  const mw =
    (next: (args: { request: unknown }) => Promise<unknown>, context: { commandName?: string }) =>
    async (args: { request: unknown }): Promise<unknown> => {
      try {
        return await next(args);
      } catch (e) {
        if (e && typeof e === 'object') {
          const r = args.request as { protocol?: string; hostname?: string; port?: number } | undefined;
          const endpoint = r?.hostname ? `${r.protocol ?? 'https:'}//${r.hostname}${r.port ? `:${r.port}` : ''}` : undefined;
          Object.assign(e, { $call: (context.commandName ?? '').replace(/Command$/, ''), $iamPrefix: iamPrefix, $timeoutMs: timeoutMs, $maxAttempts: maxAttempts, ...(endpoint ? { $endpoint: endpoint } : {}) } satisfies CallContext);
        }
        throw e;
      }
    };
  client.middlewareStack.add(mw, { step: 'build', name: 'cognitoTriggersNameFailedCalls' });
}

/** The SDK's documented switch for its NodeVersionSupportWarning (@aws-sdk/core, emitWarningIfUnsupportedVersion). */
const NODE_WARNING_SWITCH = 'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED';

/**
 * Builds clients with the SDK's NodeVersionSupportWarning off. On Node < 22 the first client built
 * prints 8 lines (the SDK will need Node 22 from 2027) on every CLI command and in the server log,
 * although we support Node 20. The SDK reads the switch once, on that first client, and never warns
 * afterwards; it is set only around our constructors so that child processes (local invokes of the
 * user's handlers) still see their own warning, and every other warning still prints.
 */
function withoutNodeVersionWarning<T>(build: () => T): T {
  const previous = process.env[NODE_WARNING_SWITCH];
  process.env[NODE_WARNING_SWITCH] = 'true';
  try {
    return build();
  } finally {
    if (previous === undefined) delete process.env[NODE_WARNING_SWITCH];
    else process.env[NODE_WARNING_SWITCH] = previous;
  }
}
