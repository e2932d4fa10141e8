// AWS SDK clients built from settings: the standard provider chain, region, endpoint overrides, retries.
import { CognitoIdentityClient } from '@aws-sdk/client-cognito-identity';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { CognitoSyncClient } from '@aws-sdk/client-cognito-sync';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';
import type { EndpointSettings } from '../settings';
import { configuredEndpoint, SERVICE_IDS } from './endpoints';

/** Where and as whom to call AWS. Empty strings mean "not set" (settings use '' as the default). */
export interface AwsTarget {
  profile?: string;
  region?: string;
  /** Per-service overrides; they win over AWS_ENDPOINT_URL_* and the profile's endpoint_url. */
  endpoints?: EndpointSettings;
  /** One endpoint for every service (`--endpoint-url`); a per-service override wins over it. */
  endpointUrl?: string;
  /** Attempts per call including the first (SDK standard retry strategy with backoff). Default 5. */
  maxAttempts?: number;
}

/** The four clients the AWS features use. */
export interface AwsClients {
  lambda: LambdaClient;
  userPools: CognitoIdentityProviderClient;
  identityPools: CognitoIdentityClient;
  sync: CognitoSyncClient;
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
    maxAttempts: target.maxAttempts ?? 5,
    retryMode: 'standard' as const,
  };
  const endpoint = (own: string | undefined, configured: string | undefined) => {
    const url = own || target.endpointUrl || configured;
    return url ? { endpoint: url } : {};
  };
  const [lambda, userPools, identityPools, sync] = withoutNodeVersionWarning(() => [
    new LambdaClient({ ...common, ...endpoint(target.endpoints?.lambda, fromProfile.lambda) }),
    new CognitoIdentityProviderClient({ ...common, ...endpoint(target.endpoints?.cognitoIdentityProvider, fromProfile.cognitoIdentityProvider) }),
    new CognitoIdentityClient({ ...common, ...endpoint(target.endpoints?.cognitoIdentity, fromProfile.cognitoIdentity) }),
    new CognitoSyncClient({ ...common, ...endpoint(target.endpoints?.cognitoSync, fromProfile.cognitoSync) }),
  ] as const);
  return {
    lambda,
    userPools,
    identityPools,
    sync,
    destroy() {
      for (const c of [lambda, userPools, identityPools, sync]) c.destroy();
    },
  };
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
