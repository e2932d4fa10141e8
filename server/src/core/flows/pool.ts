// The pool a flow runs against: which local handler serves each trigger slot, the app client's settings,
// the KMS key. Built from a DescribeUserPool-shaped JSON file, the bindings file and --trigger flags.
import * as path from 'node:path';
import type { BindingEntry } from '../bindings/file';
import { byLambdaConfig, getTrigger } from '../model';
import type { TriggerDefinition, TriggerId } from '../model/types';
import type { WiredHandler } from '../wiring';

/** A local handler bound to a slot. */
export interface BoundHandler {
  /** Absolute handler file. */
  file: string;
  handlerName: string;
  trigger: TriggerDefinition;
  /** Where the binding came from (for messages): `--trigger`, `cognito-triggers.json`, `pool.json`. */
  from: string;
}

/** A `LambdaConfig` slot (the key Cognito binds by). */
export type Slot =
  | 'PreSignUp'
  | 'PostConfirmation'
  | 'PreAuthentication'
  | 'PostAuthentication'
  | 'DefineAuthChallenge'
  | 'CreateAuthChallenge'
  | 'VerifyAuthChallengeResponse'
  | 'PreTokenGenerationConfig'
  | 'UserMigration'
  | 'CustomMessage'
  | 'CustomEmailSender'
  | 'CustomSMSSender'
  | 'InboundFederation'
  | 'SyncTrigger';

/** Everything a flow needs to know about the pool and its app client. */
export interface PoolConfig {
  id: string;
  region: string;
  clientId: string;
  /** App client `PreventUserExistenceErrors` is ENABLED: unknown users get userNotFound instead of an error. */
  preventUserExistenceErrors: boolean;
  /** App client `AuthSessionValidity`, minutes (3–15, default 3). */
  authSessionValidityMinutes: number;
  /** `LambdaConfig.KMSKeyID`: the key custom sender codes are encrypted under. */
  kmsKeyArn: string;
  triggers: Partial<Record<Slot, BoundHandler>>;
  /** What the flow's timeline notes about the pool (which app client, or that the defaults stand in for one). */
  notes?: string[];
}

/** A problem with the pool inputs: the CLI reports it as a usage error. */
export class PoolConfigError extends Error {}

const DEFAULT_REGION = 'us-east-1';

/** The slot a trigger id binds to (`PreTokenGenerationV2` → `PreTokenGenerationConfig`). */
export function slotOf(t: TriggerDefinition): Slot {
  if (t.binding.kind === 'identityPool') return 'SyncTrigger';
  return (t.binding.lambdaConfigKey === 'PreTokenGeneration' ? 'PreTokenGenerationConfig' : t.binding.lambdaConfigKey) as Slot;
}

/** `Name=file[:export]` → the trigger and handler. Name is a trigger id or a LambdaConfig key. */
export function parseTriggerFlag(flag: string, cwd: string): BoundHandler {
  const eq = flag.indexOf('=');
  if (eq <= 0) throw new PoolConfigError(`--trigger "${flag}": expected Name=file[:export], e.g. --trigger PreSignUp=src/preSignUp.ts:handler.`);
  const name = flag.slice(0, eq);
  let rest = flag.slice(eq + 1);
  let handlerName = 'handler';
  // A Windows drive letter (C:\...) is not an export separator.
  const colon = rest.lastIndexOf(':');
  if (colon > 1) {
    handlerName = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const trigger = getTrigger(name) ?? byLambdaConfig(name);
  if (!trigger) throw new PoolConfigError(`--trigger ${name}: unknown trigger; use a trigger id such as PreSignUp or PreTokenGenerationV2 (cognito-triggers triggers lists them).`);
  if (!rest) throw new PoolConfigError(`--trigger ${name}=: give the handler file.`);
  return { file: path.resolve(cwd, rest), handlerName, trigger, from: '--trigger' };
}

/** The function name in an ARN or name (`arn:aws:lambda:r:a:function:NAME[:alias]` → NAME). */
function functionNameOf(ref: string): string {
  const m = /^arn:aws[\w-]*:lambda:[^:]+:\d+:function:([^:]+)/.exec(ref);
  return m?.[1] ?? ref;
}

interface DescribedPool {
  Id?: string;
  Arn?: string;
  LambdaConfig?: Record<string, unknown>;
}

interface DescribedClient {
  ClientId?: string;
  ClientName?: string;
  PreventUserExistenceErrors?: string;
  AuthSessionValidity?: number;
}

/** The app client a flow assumes when the pool gives none: a local id, and the API's defaults for a new client. */
const DEFAULT_CLIENT_ID = 'localclient1234567890abcd';
/**
 * "When you create a new app client with the Amazon Cognito user pools API, PreventUserExistenceErrors is
 * LEGACY, or disabled, by default" (https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pool-managing-errors.html);
 * AuthSessionValidity is 3 to 15 minutes, 3 by default
 * (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UserPoolClientType.html#CognitoUserPools-Type-UserPoolClientType-AuthSessionValidity).
 */
const DEFAULT_AUTH_SESSION_MINUTES = 3;

/** What the timeline says about the app client of a deployed pool (`UserPoolClients` says the pool's were listed). */
function clientNotes(poolId: string, listed: unknown, client: DescribedClient | undefined, validity: number): string[] {
  if (!Array.isArray(listed)) return [];
  if (!client?.ClientId) {
    return [`The pool ${poolId} has no app client: the flow uses the defaults of a new app client created through the API, PreventUserExistenceErrors LEGACY (an unknown user gets UserNotFoundException) and AuthSessionValidity ${DEFAULT_AUTH_SESSION_MINUTES} minutes, with the made-up client id ${DEFAULT_CLIENT_ID}.`];
  }
  const name = client.ClientName && client.ClientName !== client.ClientId ? `${client.ClientName} (${client.ClientId})` : client.ClientId;
  const of = listed.length > 1 ? `, one of the pool's ${listed.length}` : '';
  return [`App client ${name}${of}: PreventUserExistenceErrors ${client.PreventUserExistenceErrors ?? 'LEGACY (not set)'}, AuthSessionValidity ${validity} minutes.`];
}

/** Inputs of `resolvePool`. */
export interface PoolInputs {
  /** Parsed DescribeUserPool output (`{ UserPool: {...} }`, or the UserPool object itself), optional `UserPoolClient`. */
  described?: unknown;
  /** What names `described` in messages: `--pool` (the CLI, the default), the file's name, `the pool eu-west-1_abc`. */
  describedFrom?: string;
  /** Entries of the workspace bindings file. */
  bindings?: readonly BindingEntry[];
  /** Handlers the project's infrastructure code wires (when known). */
  wired?: readonly BoundHandler[];
  /** --trigger flags, already parsed: they win. */
  overrides?: readonly BoundHandler[];
  /** Workspace folder: base of bindings file paths. */
  folder: string;
}

/**
 * The pool for a flow. With a described pool, its LambdaConfig says which slots are bound and each
 * function is found in the bindings (by function name); without one, the wiring and the bindings
 * entries that name their trigger are the slots. --trigger flags override either.
 */
export function resolvePool(i: PoolInputs): PoolConfig {
  const root = i.described as { UserPool?: DescribedPool; UserPoolClient?: DescribedClient; UserPoolClients?: unknown } | undefined;
  const pool: DescribedPool | undefined = root && typeof root === 'object' ? (root.UserPool ?? (('LambdaConfig' in root || 'Id' in root) ? (root as DescribedPool) : undefined)) : undefined;
  const from = i.describedFrom ?? '--pool';
  if (root !== undefined && !pool) throw new PoolConfigError(`${from}: expected the output of aws cognito-idp describe-user-pool ({"UserPool": {"Id": …, "LambdaConfig": {…}}}).`);
  const client = root?.UserPoolClient;
  const id = pool?.Id ?? `${DEFAULT_REGION}_LOCALPOOL`;
  const region = /^([a-z]{2}(-[a-z]+)+-\d)_/.exec(id)?.[1] ?? DEFAULT_REGION;
  const triggers: Partial<Record<Slot, BoundHandler>> = {};
  const lc = pool?.LambdaConfig ?? {};
  const byFunction = (fn: string): BindingEntry | undefined => i.bindings?.find((b) => functionNameOf(b.functionName) === functionNameOf(fn));
  const fromEntry = (b: BindingEntry, t: TriggerDefinition, from: string): BoundHandler => ({ file: path.resolve(i.folder, b.file), handlerName: b.handler, trigger: t, from });
  if (pool) {
    for (const [key, value] of Object.entries(lc)) {
      if (key === 'KMSKeyID' || key === 'PreTokenGeneration' && lc.PreTokenGenerationConfig) continue;
      const arn = typeof value === 'string' ? value : (value as { LambdaArn?: unknown } | null)?.LambdaArn;
      const version = typeof value === 'object' && value ? (value as { LambdaVersion?: string }).LambdaVersion : undefined;
      const t = byLambdaConfig(key, key === 'PreTokenGenerationConfig' ? (version ?? 'V1_0') : undefined);
      if (!t || typeof arn !== 'string') continue;
      const wired = i.wired?.find((w) => slotOf(w.trigger) === slotOf(t));
      const entry = byFunction(arn);
      if (entry) triggers[slotOf(t)] = fromEntry(entry, t, 'cognito-triggers.json');
      else if (wired) triggers[slotOf(t)] = { ...wired, trigger: t };
      else if (!i.overrides?.some((o) => slotOf(o.trigger) === slotOf(t))) {
        const cli = from === '--pool' ? ` or pass --trigger ${t.id}=FILE` : '';
        throw new PoolConfigError(`${from === '--pool' ? '' : `${from}: `}LambdaConfig.${key} is ${arn}, but no handler in the bindings file builds ${functionNameOf(arn)}: add {"file", "functionName": "${functionNameOf(arn)}"} to cognito-triggers.json${cli}.`);
      }
    }
  } else {
    for (const w of i.wired ?? []) triggers[slotOf(w.trigger)] = w;
    for (const b of i.bindings ?? []) {
      const t = b.trigger ? getTrigger(b.trigger) : undefined;
      if (t && !triggers[slotOf(t)]) triggers[slotOf(t)] = fromEntry(b, t, 'cognito-triggers.json');
    }
  }
  for (const o of i.overrides ?? []) triggers[slotOf(o.trigger)] = o;
  const kms = typeof lc.KMSKeyID === 'string' ? lc.KMSKeyID : `arn:aws:kms:${region}:123456789012:key/00000000-0000-4000-8000-00000000c0de`;
  const validity = typeof client?.AuthSessionValidity === 'number' ? client.AuthSessionValidity : DEFAULT_AUTH_SESSION_MINUTES;
  const notes = clientNotes(id, root?.UserPoolClients, client, validity);
  return {
    id,
    region,
    clientId: client?.ClientId || DEFAULT_CLIENT_ID,
    preventUserExistenceErrors: client?.PreventUserExistenceErrors === 'ENABLED',
    authSessionValidityMinutes: validity,
    kmsKeyArn: kms,
    triggers,
    ...(notes.length ? { notes } : {}),
  };
}

/** The pre token generation trigger id bound, if any. */
export function preTokenTrigger(pool: PoolConfig): TriggerId | undefined {
  return pool.triggers.PreTokenGenerationConfig?.trigger.id;
}

/** The wiring's handlers (from the project's infrastructure code) as bound handlers; the first per slot wins. */
export function boundFromWiring(handlers: readonly WiredHandler[], folder: string): BoundHandler[] {
  const out: BoundHandler[] = [];
  for (const h of handlers) {
    const t = getTrigger(h.trigger);
    if (!h.file || !t || out.some((o) => slotOf(o.trigger) === slotOf(t))) continue;
    const at = h.evidence.find((e) => e.fact === 'trigger') ?? h.evidence[0];
    out.push({ file: path.resolve(folder, h.file), handlerName: h.export, trigger: t, from: at ? `${at.file}:${at.line}` : h.kind });
  }
  return out;
}
