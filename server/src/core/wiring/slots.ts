// Trigger slot names as each IaC tool spells them (`PreSignUp`, `preSignUp`, `PRE_SIGN_UP`,
// `pre_sign_up`, Amplify's `PreSignup`) mapped to the LambdaConfig key and the model's trigger id.
import { byLambdaConfig, TRIGGERS } from '../model';
import type { TriggerId } from '../model/types';

const norm = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Every LambdaConfig key the model binds (with the legacy `PreTokenGeneration`), by normalized spelling. */
const KEYS = new Map<string, string>();
for (const t of TRIGGERS) {
  if (t.binding.kind !== 'userPool') continue;
  KEYS.set(norm(t.binding.lambdaConfigKey), t.binding.lambdaConfigKey);
  if (t.binding.legacyKey) KEYS.set(norm(t.binding.legacyKey), t.binding.legacyKey);
}

/** The LambdaConfig key a tool's spelling names, or undefined (`KMSKeyID` and unknown names are not slots). */
export function lambdaConfigKeyOf(name: string): string | undefined {
  return KEYS.get(norm(name));
}

/**
 * The model trigger a LambdaConfig key selects. For `PreTokenGenerationConfig` the version decides
 * (Cognito's default is V1_0); the legacy `PreTokenGeneration` key is V1.
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_LambdaConfigType.html
 */
export function triggerOf(lambdaConfigKey: string, lambdaVersion?: string): TriggerId | undefined {
  const versioned = lambdaConfigKey === 'PreTokenGenerationConfig';
  return byLambdaConfig(lambdaConfigKey, versioned ? (lambdaVersion ?? 'V1_0') : undefined)?.id as TriggerId | undefined;
}

/** `V2_0` from the spellings the tools use (`V2_0`, `LambdaVersion.V2_0`, `"V2_0"`). */
export function lambdaVersionOf(text: string | undefined): string | undefined {
  const m = text ? /V([123])_0/.exec(text) : null;
  return m ? `V${m[1]}_0` : undefined;
}
