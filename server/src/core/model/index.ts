// The trigger model's public face: the registry, its lookups and the types.
export * from './types';
export { TRIGGERS, findSource, getTrigger, trigger } from './registry';
export {
  appliesTo,
  byLambdaConfig,
  byTypeName,
  childField,
  claimRuleFor,
  fieldAt,
  sourcesOf,
  triggersForLambdaConfigKey,
} from './lookup';
