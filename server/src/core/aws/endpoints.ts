// Pure: the endpoint URL for a service by the AWS conventions, for a profile chosen in settings.
// Why: SDK v3 honours AWS_ENDPOINT_URL(_<SERVICE>) and endpoint_url itself, but reads endpoint_url only
// from AWS_PROFILE / default, not from the client's `profile` option (measured; see the test).

/** SDK service ids of the clients we build (they name the env variables and `services` keys). */
export const SERVICE_IDS = { lambda: 'Lambda', cognitoIdentityProvider: 'Cognito Identity Provider', cognitoIdentity: 'Cognito Identity', cognitoSync: 'Cognito Sync', kms: 'KMS' } as const;

/** Parsed shared config as `loadSharedConfigFiles` returns it (`configFile`). */
export type SharedConfig = Record<string, Record<string, string | undefined>>;

/**
 * The configured endpoint, in the AWS precedence: AWS_ENDPOINT_URL_<SERVICE>, AWS_ENDPOINT_URL, the
 * profile's `services` section entry `<service>.endpoint_url` (as `<service>` + separator + key), then the
 * profile's `endpoint_url`. Undefined when none, or when AWS_IGNORE_CONFIGURED_ENDPOINT_URLS is true.
 */
export function configuredEndpoint(serviceId: string, env: Record<string, string | undefined>, profile: string, config: SharedConfig): string | undefined {
  if (/^true$/i.test(env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS ?? '') || /^true$/i.test(config[profile]?.ignore_configured_endpoint_urls ?? '')) return undefined;
  const suffix = serviceId.split(' ').map((w) => w.toUpperCase()).join('_');
  const fromEnv = env[`AWS_ENDPOINT_URL_${suffix}`] || env.AWS_ENDPOINT_URL;
  if (fromEnv) return fromEnv;
  const p = config[profile];
  if (!p) return undefined;
  if (p.services) {
    // loadSharedConfigFiles flattens `[services name]` sub-sections to keys like `lambda.endpoint_url`.
    const section = config[`services.${p.services}`];
    const key = `${serviceId.split(' ').map((w) => w.toLowerCase()).join('_')}`;
    const url = section && Object.entries(section).find(([k]) => k.toLowerCase() === `${key}.endpoint_url`)?.[1];
    if (url) return url;
  }
  return p.endpoint_url || undefined;
}
