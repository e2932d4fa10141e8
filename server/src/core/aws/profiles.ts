// Profiles and regions for the pickers: profile names from the shared config and credentials files.
import { partition } from '@aws-sdk/core/client';
import { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';

/** One profile: its name, its region when set, and where it is defined. Never its keys. */
export interface ProfileInfo {
  name: string;
  region?: string;
  sources: ('config' | 'credentials')[];
  /** It signs in with IAM Identity Center (sso_session / sso_start_url). */
  sso: boolean;
}

/**
 * Every profile in the shared files (AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE or ~/.aws), sorted,
 * `default` first. Missing files mean no profiles; only names and regions leave this function.
 */
export async function listProfiles(): Promise<ProfileInfo[]> {
  // ignoreCache: the user may just have run `aws configure`.
  const files = await loadSharedConfigFiles({ ignoreCache: true });
  const map = new Map<string, ProfileInfo>();
  const add = (name: string, data: Record<string, string | undefined>, source: 'config' | 'credentials') => {
    const p = map.get(name) ?? { name, sources: [], sso: false };
    if (!p.sources.includes(source)) p.sources.push(source);
    if (!p.region && data.region) p.region = data.region;
    if (data.sso_session || data.sso_start_url) p.sso = true;
    map.set(name, p);
  };
  for (const [name, data] of Object.entries(files.configFile ?? {})) add(name, data, 'config');
  for (const [name, data] of Object.entries(files.credentialsFile ?? {})) add(name, data, 'credentials');
  return [...map.values()].sort((a, b) => (a.name === 'default' ? -1 : b.name === 'default' ? 1 : a.name.localeCompare(b.name)));
}

/** Commercial regions where Cognito user pools and Lambda run, for the region picker. */
export const COMMON_REGIONS: readonly string[] = [
  'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'ca-central-1', 'ca-west-1', 'sa-east-1', 'mx-central-1',
  'eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-central-1', 'eu-central-2', 'eu-north-1', 'eu-south-1', 'eu-south-2',
  'ap-south-1', 'ap-south-2', 'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3', 'ap-southeast-4', 'ap-southeast-5',
  'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ap-east-1', 'me-south-1', 'me-central-1', 'il-central-1', 'af-south-1',
];

/**
 * The Region's name as AWS gives it ("US East (N. Virginia)" for us-east-1), from the AWS SDK's
 * endpoint partition data (the same names as https://docs.aws.amazon.com/general/latest/gr/rande.html#regional-endpoints);
 * undefined for a code the SDK does not know (a newer Region: the picker then shows the code alone).
 */
export function regionName(code: string): string | undefined {
  const p = partition(code) as { description?: unknown };
  return typeof p.description === 'string' ? p.description : undefined;
}
