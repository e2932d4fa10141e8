// The shape of the trigger model: every Cognito trigger is one `TriggerDefinition` of typed data.
import type { SourceKey } from './sources';

/** Stable identifiers of the triggers we model. Pre token generation has one per event version. */
export type TriggerId =
  | 'PreSignUp'
  | 'PostConfirmation'
  | 'PreAuthentication'
  | 'PostAuthentication'
  | 'DefineAuthChallenge'
  | 'CreateAuthChallenge'
  | 'VerifyAuthChallengeResponse'
  | 'PreTokenGeneration'
  | 'PreTokenGenerationV2'
  | 'PreTokenGenerationV3'
  | 'UserMigration'
  | 'CustomMessage'
  | 'CustomEmailSender'
  | 'CustomSMSSender'
  | 'InboundFederation'
  | 'SyncTrigger';

/** JSON types as JSON Schema names them. */
export type JsonType = 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array' | 'null';

/** One allowed value of an enum-like field, with when it applies. */
export interface EnumValue {
  readonly value: string;
  readonly description: string;
  /** Accepted by Cognito but discouraged; the reason is shown. */
  readonly deprecated?: string;
  /**
   * Known elsewhere (the API) but not documented for this field: checks warn with this reason instead of
   * accepting it or calling it invalid.
   */
  readonly undocumented?: string;
}

/** A placeholder a string must contain: the value of another event field, e.g. `request.codeParameter`. */
export interface RequiredPlaceholder {
  /** Dotted path, from the event root, of the field whose value must appear (`request.codeParameter`). */
  readonly fromField: string;
  /** Only for these triggerSources; all sources when absent. */
  readonly sources?: readonly string[];
  /** Typical literal value, used when the event is not at hand (`{####}`). */
  readonly typical: string;
  /** Other fields whose value also satisfies the rule (`request.linkParameter` for the code). */
  readonly alternatives?: readonly string[];
  /** The alternatives count only for these triggerSources (all when absent). */
  readonly alternativesFor?: readonly string[];
  /** Where `alternativesFor` comes from. */
  readonly alternativesSource?: SourceKey;
  /** `warning` when what Cognito does without it is not documented; `error` (default) when it rejects the message. */
  readonly severity?: 'error' | 'warning';
  /** Where the rule comes from. */
  readonly source: SourceKey;
}

/** Limits and rules a schema alone cannot fully express; analysers read these. */
export interface FieldConstraints {
  readonly minLength?: number;
  readonly maxLength?: number;
  /** ECMAScript regular expression source the value must match. */
  readonly pattern?: string;
  /** Human-readable name of the pattern, used in messages (`user pool id such as us-east-1_AbC123`). */
  readonly patternName?: string;
  readonly mustContain?: readonly RequiredPlaceholder[];
  /** Strings in an array value may not contain white space (`scopesToAdd`). */
  readonly noWhitespace?: boolean;
  /** Where the limits and patterns come from (model/sources.ts). */
  readonly source: SourceKey;
}

/**
 * One field of an event, at any depth. Objects list `properties`; string maps use
 * `additionalProperties`; arrays use `items`.
 */
export interface FieldDefinition {
  /** JSON type(s) Cognito sends or accepts. `null` is listed only where real events send it. */
  readonly type: JsonType | readonly JsonType[];
  /** One or two sentences: what it is and when it is set. Markdown allowed. */
  readonly description: string;
  /** Always present in the event Cognito sends (request side) or needed in the answer (response side). */
  readonly required?: boolean;
  /** The handler may change it and Cognito reads the change. Absent means read-only. */
  readonly writable?: boolean;
  /** Closed set of values (triggerSource, op, finalUserStatus, ...). */
  readonly enum?: readonly EnumValue[];
  /** Values seen in practice, suggested but not enforced (attribute names, providerType ...). */
  readonly suggestions?: readonly EnumValue[];
  readonly properties?: Readonly<Record<string, FieldDefinition>>;
  /** For maps: the type of every value. `true` = any JSON; `false` = no other keys. */
  readonly additionalProperties?: FieldDefinition | boolean;
  readonly items?: FieldDefinition;
  /** Present only for these triggerSources. */
  readonly sources?: readonly string[];
  readonly constraints?: FieldConstraints;
  /** Deep link when it differs from the trigger's page. */
  readonly docs?: string;
  /** A realistic value for sample events. Per source when it differs by source. */
  readonly example?: unknown;
  readonly examplesBySource?: Readonly<Record<string, unknown>>;
  /**
   * Where @types/aws-lambda or the docs say otherwise and the model follows what Cognito sends.
   * Shown in hover and kept as the "why" of the choice.
   */
  readonly note?: string;
  /**
   * Where it is documented or observed that Cognito sends this field as `null` (its `type` then lists
   * `null`): handler checks flag code that reads through it unguarded. Absent on a nullable field whose
   * null nobody has published: then nothing is flagged.
   */
  readonly nullSource?: SourceKey;
  /**
   * Cognito expects the function to assign a new object here rather than fill in what it sent (the pre
   * token response, whose override details arrive as `null`): hover says it is assignable, with the
   * assignment (`example`) and where that is shown.
   */
  readonly assign?: { readonly example: string; readonly source: SourceKey };
  /**
   * The form a string takes for some triggerSources (a federated user's name: `<provider name>_<id>`):
   * conversion to such a source rewrites a value that does not have it.
   */
  readonly formBySource?: Readonly<Record<string, FieldForm>>;
  /**
   * Cognito sends a value only for these triggerSources and `null` for the others (`usernameParameter`:
   * admin-created users only): code narrowed to other sources is not offered the field.
   */
  readonly valueOnlyFor?: { readonly sources: readonly string[]; readonly source: SourceKey };
}

/** A documented or observed form of a string field. */
export interface FieldForm {
  /** ECMAScript regular expression source a value in this form matches. */
  readonly pattern: string;
  /** How the docs write it: `<provider name>_<provider user id>`. */
  readonly text: string;
  readonly sources: readonly SourceKey[];
}

/** One `triggerSource` value (or, for Sync, the `eventType`). */
export interface TriggerSourceDefinition {
  readonly value: string;
  /** One line: when Cognito sends it. */
  readonly description: string;
  /** For pre token generation: the lowest event version that can carry this source. */
  readonly minEventVersion?: number;
}

/** How a user pool binds the trigger: a `LambdaConfig` key. */
export interface UserPoolBinding {
  readonly kind: 'userPool';
  /** Key in `LambdaConfig` (`PreSignUp`, `PreTokenGenerationConfig`, ...). */
  readonly lambdaConfigKey: string;
  /** For object-valued keys (`{LambdaArn, LambdaVersion}`): the versions it accepts. */
  readonly lambdaVersions?: readonly string[];
  /** The `LambdaVersion` value that selects this definition (pre token V1_0/V2_0/V3_0). */
  readonly lambdaVersion?: string;
  /** Custom sender triggers need `LambdaConfig.KMSKeyID`. */
  readonly requiresKmsKey?: boolean;
  /** Plain-ARN legacy key that must equal the object key's ARN when both are set. */
  readonly legacyKey?: string;
}

/** How an identity pool binds the trigger: a `SetCognitoEvents` event type. */
export interface IdentityPoolBinding {
  readonly kind: 'identityPool';
  readonly cognitoEventType: 'SyncTrigger';
}

/** What marks an event as this trigger's. */
export interface Recognition {
  /** The `version` field's value(s) for this definition (pre token "1"/"2"/"3"). */
  readonly eventVersions?: readonly string[];
  /** Fields whose presence means this definition when triggerSource alone is ambiguous. */
  readonly distinctiveFields?: readonly string[];
  /** Sync: the `eventType` value. */
  readonly eventType?: string;
}

/** A claim rule for pre token generation: what Cognito lets a function do with a claim. */
export interface ClaimRule {
  /** Claim name, or a prefix ending in `:` / `*` (`cognito:`, `dev:`). */
  readonly claim: string;
  readonly tokens: readonly ('id' | 'access')[];
  readonly canAdd: boolean;
  readonly canOverride: boolean;
  readonly canSuppress: boolean;
  /** How to change it instead (groupOverrideDetails, scopesToAdd ...). */
  readonly via?: string;
  readonly note?: string;
}

/** The whole definition of one trigger. */
export interface TriggerDefinition {
  readonly id: TriggerId;
  /** Human name: "Pre sign-up", "Pre token generation (event version 2)". */
  readonly displayName: string;
  /** One paragraph: when Cognito calls it and what it may change. Markdown. */
  readonly description: string;
  /** AWS documentation page. */
  readonly docs: string;
  readonly binding: UserPoolBinding | IdentityPoolBinding;
  /** Cognito waits for the answer (5 s); false for the asynchronous custom senders. */
  readonly synchronous: boolean;
  /** Short name in the Cognito error text: `<errorName> failed with error <message>.` */
  readonly errorName: string;
  readonly sources: readonly TriggerSourceDefinition[];
  readonly recognition: Recognition;
  /** Names from @types/aws-lambda that type this trigger's event or handler. */
  readonly typeNames: readonly string[];
  /** The whole event: envelope fields, `request` and `response` (or Sync's top level). */
  readonly event: FieldDefinition;
  /** Pre token generation only. */
  readonly claimRules?: readonly ClaimRule[];
  /** The event carries no `response` key and the return value is ignored (custom sender triggers). */
  readonly noResponse?: boolean;
  /** Where @types/aws-lambda or the docs disagree at the trigger level (not tied to one field). */
  readonly notes?: readonly string[];
}

/** Result of recognising an event (JSON payload or runtime value). */
export interface Recognised {
  readonly trigger: TriggerDefinition;
  /** The triggerSource definition when the value is a real one. */
  readonly source?: TriggerSourceDefinition;
  /** Why: which keys decided it. */
  readonly reason: string;
}
