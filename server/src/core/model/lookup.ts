// Lookups over the registry: by LambdaConfig key, by @types/aws-lambda name, field at a path, claim rules.
import { TRIGGERS } from './registry';
import type { ClaimRule, FieldDefinition, TriggerDefinition, TriggerSourceDefinition } from './types';

/**
 * The definition bound by `LambdaConfig[key]`. For `PreTokenGenerationConfig` pass its `LambdaVersion`
 * (default `V1_0`, as Cognito defaults); the legacy `PreTokenGeneration` key means V1.
 */
export function byLambdaConfig(key: string, lambdaVersion?: string): TriggerDefinition | undefined {
  const candidates = triggersForLambdaConfigKey(key);
  if (candidates.length <= 1) return candidates[0];
  const wanted = lambdaVersion ?? 'V1_0';
  return candidates.find((t) => t.binding.kind === 'userPool' && t.binding.lambdaVersion === wanted);
}

/** Every definition a LambdaConfig key can select (three for `PreTokenGenerationConfig`). */
export function triggersForLambdaConfigKey(key: string): TriggerDefinition[] {
  return TRIGGERS.filter(
    (t) => t.binding.kind === 'userPool' && (t.binding.lambdaConfigKey === key || t.binding.legacyKey === key),
  );
}

/** The definition whose @types/aws-lambda names include `typeName` (`PreSignUpTriggerHandler` …). */
export function byTypeName(typeName: string): TriggerDefinition | undefined {
  return TRIGGERS.find((t) => t.typeNames.includes(typeName));
}

/** The triggerSource definitions of `trigger`, or the one whose value is `value`. */
export function sourcesOf(trigger: TriggerDefinition, value?: string): readonly TriggerSourceDefinition[] {
  return value === undefined ? trigger.sources : trigger.sources.filter((s) => s.value === value);
}

/** True when `field` applies to `source` (fields without `sources` apply to all). */
export function appliesTo(field: FieldDefinition, source?: string): boolean {
  return !field.sources || source === undefined || field.sources.includes(source);
}

/**
 * The field at `path` (keys from the event root: `['request', 'userAttributes', 'email']`), following
 * `properties`, then `additionalProperties` for map keys and `items` for array indexes. Undefined when
 * the path leaves the model, or a field on the way does not apply to `source`.
 */
export function fieldAt(trigger: TriggerDefinition, path: readonly (string | number)[], source?: string): FieldDefinition | undefined {
  let field: FieldDefinition | undefined = trigger.event;
  for (const key of path) {
    if (!field) return undefined;
    field = childField(field, key);
    if (field && !appliesTo(field, source)) return undefined;
  }
  return field;
}

/** The child of `field` at one key: a property, a map value, or an array item. */
export function childField(field: FieldDefinition, key: string | number): FieldDefinition | undefined {
  if (typeof key === 'number' || /^\d+$/.test(key)) {
    if (field.items) return field.items;
  }
  const own = field.properties?.[String(key)];
  if (own) return own;
  return typeof field.additionalProperties === 'object' ? field.additionalProperties : undefined;
}

/**
 * The claim rule that governs `claim` in `token`: an exact name first, then the longest matching
 * prefix (`dev:`, `cognito:`). Undefined means a claim outside the token schema: free to add.
 */
export function claimRuleFor(trigger: TriggerDefinition, claim: string, token: 'id' | 'access'): ClaimRule | undefined {
  const rules = (trigger.claimRules ?? []).filter((r) => r.tokens.includes(token));
  const exact = rules.find((r) => r.claim === claim);
  if (exact) return exact;
  const prefixes = rules
    .filter((r) => (r.claim.endsWith(':') || r.claim.endsWith('*')) && claim.startsWith(r.claim.replace(/\*$/, '')))
    .sort((a, b) => b.claim.length - a.claim.length);
  return prefixes[0];
}
