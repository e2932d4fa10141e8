// Which wired handler builds a deployed function: the deployed name (or ARN) against the name the
// IaC gives the function, so the bindings view links a slot to its source without cognito-triggers.json.
//
// Names the readers give (WiredHandler.function.name, `*` = a part not known statically):
// - Serverless: `name:` when set ("Deployed Lambda name",
//   https://www.serverless.com/framework/docs/providers/aws/guide/functions#configuration), else
//   `<service>-<stage>-<key>` (observed: what `serverless deploy` names them; that page does not state it);
// - CloudFormation/SAM: `FunctionName`, else CloudFormation's generated `<stack>-<LogicalId>-<suffix>`
//   (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-name.html);
// - Terraform: `function_name`; CDK: `functionName`, else a name holding the construct's logical id;
// - Amplify Gen 1: `<name>-<env>`; Amplify Gen 2: `amplify-<app>-...-<name>...`.
import type { WiredHandler, WiredPool, WiringResult } from './types';

/** The function name of a name, partial ARN (`123:function:x`) or ARN, qualifier (`:prod`, `:3`) dropped. */
export function functionNameOf(ref: string): string {
  const parts = ref.split(':');
  if (parts[0] === 'arn') return parts[6] ?? ref;
  if (parts[1] === 'function') return parts[2] ?? ref;
  return parts[0] ?? ref;
}

/** True when a deployed name fits an IaC name, whose `*` stands for a part not known statically (a stage, a stack name). */
export function nameMatches(pattern: string, name: string): boolean {
  if (!pattern.includes('*')) return pattern === name;
  const re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return re.test(name);
}

/** How much of a pattern is literal: an exact name beats `svc-*-pre`, which beats `*Pre*`. */
const literalLength = (pattern: string): number => (pattern.includes('*') ? pattern.replace(/\*/g, '').length : Number.MAX_SAFE_INTEGER);

// A pattern with fewer literal characters than this (`*Fn*`) says too little to name a function.
const MIN_LITERAL = 3;

/** Pre token generation is one slot under two LambdaConfig keys (the legacy one and the versioned config). */
const slotOf = (key: string): string => (key === 'PreTokenGeneration' ? 'PreTokenGenerationConfig' : key);

/**
 * The wired handler (with a source file) whose function the deployed `functionArn` is. Among several,
 * the one wired to `slotKey` wins, then the most specific name; two different handlers that fit equally
 * well are no answer (the view must not guess).
 */
export function wiredHandlerForFunction(wiring: WiringResult | undefined, functionArn: string, slotKey?: string): WiredHandler | undefined {
  const name = functionNameOf(functionArn);
  const fits = (wiring?.handlers ?? []).filter((h) => h.file && h.function.name && literalLength(h.function.name) >= MIN_LITERAL && nameMatches(h.function.name, name));
  if (!fits.length) return undefined;
  const score = (h: WiredHandler): [number, number] => [slotKey && slotOf(h.lambdaConfigKey) === slotOf(slotKey) ? 1 : 0, literalLength(h.function.name as string)];
  fits.sort((a, b) => score(b)[0] - score(a)[0] || score(b)[1] - score(a)[1]);
  const best = fits[0] as WiredHandler;
  const [s0, s1] = score(best);
  const rival = fits.find((h) => (h.file !== best.file || h.export !== best.export) && score(h)[0] === s0 && score(h)[1] === s1);
  return rival ? undefined : best;
}

/** `serverless.yml:12 names functions.preSignUp (shop-*-preSignUp)`: the IaC line behind a link, for tooltips and the CLI. */
export function linkEvidence(h: WiredHandler): string {
  const e = h.evidence.find((x) => x.fact === 'handler') ?? h.evidence.find((x) => x.fact === 'trigger') ?? h.evidence[0];
  const named = `${h.function.ref}${h.function.name ? ` (deployed as ${h.function.name})` : ''}`;
  return e ? `${e.file}:${e.line} ${named}` : `the ${h.kind} wiring names ${named}`;
}

// CloudFormation tags what it creates with these (stack-level tags; propagation varies by resource type):
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-resource-tags.html
// DescribeUserPool returns a pool's tags in UserPoolTags:
// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UserPoolType.html#CognitoUserPools-Type-UserPoolType-UserPoolTags
export const LOGICAL_ID_TAG = 'aws:cloudformation:logical-id';
export const STACK_NAME_TAG = 'aws:cloudformation:stack-name';

/** A deployed user pool as DescribeUserPool gives it. */
export interface DeployedPool {
  readonly name: string;
  readonly tags?: Readonly<Record<string, string>>;
}

/** Is the IaC's pool this deployed one? By its logical id (and stack) tags, else by name; or why it cannot be told. */
export type PoolMatch = { match: 'tags' | 'name' } | { match: false } | { cannot: string };

export function poolMatch(p: WiredPool | undefined, d: DeployedPool): PoolMatch {
  if (!p) return { cannot: 'the IaC does not say which pool it is' };
  const logicalId = d.tags?.[LOGICAL_ID_TAG];
  const stack = d.tags?.[STACK_NAME_TAG];
  const nameKnown = !!p.name && literalLength(p.name) >= MIN_LITERAL;
  // A name the IaC states rules out another pool, whatever its tags: `UserPool` is the logical id of many stacks' pools.
  if (nameKnown && !nameMatches(p.name as string, d.name)) return { match: false };
  // The tags name the resource exactly: two stacks of one template share the logical id, not the stack name.
  if (logicalId && p.logicalId) return nameMatches(p.logicalId, logicalId) && (!p.stackName || !stack || p.stackName === stack) ? { match: 'tags' } : { match: false };
  if (nameKnown) return { match: 'name' };
  const why = p.nameWhy ?? (p.name ? `"${p.name}", which says too little to match` : 'not stated in the IaC');
  const tagNote = p.logicalId ? `, and the pool has no ${LOGICAL_ID_TAG} tag to match its logical id ${p.logicalId} instead` : '';
  return { cannot: `the name is ${why}${tagNote}` };
}
