// Binds and unbinds a function in a user pool slot: describe, plan, update, describe again, verify.
import { DescribeUserPoolCommand, UpdateUserPoolCommand, type UserPoolType } from '@aws-sdk/client-cognito-identity-provider';
import type { AwsClients } from './clients';
import { unexpectedDifferences, type Difference } from './diff';
import { parseArn, validateUserPoolId } from './ids';
import { ensurePermission, removeOurPermission, resolveFunctionArn, type PermissionResult } from './lambdaPermission';
import { USER_POOL_PRINCIPAL } from './permission';
import { PlanError } from './planError';
import type { SlotChange } from './slotChange';
import { findSlot } from './slots';
import { planUserPoolUpdate, type UpdatePlan } from './updatePlan';

/** A planned bind/unbind: the pool as read, and the update to send. */
export interface PlannedUserPoolChange {
  poolId: string;
  poolArn: string;
  before: UserPoolType;
  plan: UpdatePlan;
  change: SlotChange;
}

/** Reads the pool. */
export async function describeUserPool(clients: AwsClients, poolId: string, signal?: AbortSignal): Promise<UserPoolType> {
  const out = await clients.userPools.send(new DescribeUserPoolCommand({ UserPoolId: validateUserPoolId(poolId) }), { abortSignal: signal });
  if (!out.UserPool) throw new PlanError(`DescribeUserPool returned no pool for ${poolId}.`, 'Check the pool id and Region.');
  return out.UserPool;
}

/**
 * Plans a change without applying it (this is the dry run). A bind's function may be a name or ARN:
 * it is resolved to the ARN with GetFunctionConfiguration, which also proves it exists.
 */
export async function planUserPoolChange(clients: AwsClients, poolId: string, change: SlotChange, signal?: AbortSignal): Promise<PlannedUserPoolChange> {
  if (!findSlot(change.slot)) throw new PlanError(`"${change.slot}" is not a user pool trigger slot.`, 'Use a LambdaConfig key such as PreSignUp or PreTokenGenerationConfig.');
  const resolved: SlotChange = change.kind === 'bind' ? { ...change, functionArn: await resolveFunctionArn(clients, change.functionArn, signal) } : change;
  const before = await describeUserPool(clients, poolId, signal);
  const plan = planUserPoolUpdate(before, resolved);
  return { poolId, poolArn: before.Arn ?? '', before, plan, change: resolved };
}

/** What applying a change did. */
export interface AppliedUserPoolChange {
  after: UserPoolType;
  /** Differences beyond the slot (and LastModifiedDate): should be empty; shown to the user if not. */
  unexpected: Difference[];
  /** Deprecated mirrors the plan announced it would leave out, which the pool then stopped reporting. */
  announced: Difference[];
  permission?: PermissionResult;
}

/**
 * Sends the planned update, reads the pool again and compares the two descriptions. For a bind, then
 * adds the Lambda permission for cognito-idp.amazonaws.com unless the function's policy has it.
 */
export async function applyUserPoolChange(clients: AwsClients, planned: PlannedUserPoolChange, signal?: AbortSignal): Promise<AppliedUserPoolChange> {
  // The update carries every setting as it was when planned: if someone changed the pool since,
  // sending it would undo their change. Refuse and ask for a fresh review instead.
  const current = await describeUserPool(clients, planned.poolId, signal);
  const drift = unexpectedDifferences(planned.before, current, ['LastModifiedDate', 'EstimatedNumberOfUsers']);
  if (drift.length > 0) {
    throw new PlanError(`The pool changed since the change was planned (${drift.map((d) => d.path).join(', ')}).`, 'Review the change again; nothing was updated.');
  }
  if (planned.plan.changedKeys.length > 0) await clients.userPools.send(new UpdateUserPoolCommand(planned.plan.input), { abortSignal: signal });
  const after = await describeUserPool(clients, planned.poolId, signal);
  const allowed = ['LastModifiedDate', ...planned.plan.changedKeys.map((k) => `LambdaConfig.${k}`)];
  const differences = unexpectedDifferences(planned.before, after, allowed);
  const trimmed = new Set(planned.plan.omitted.filter((o) => o.mayDisappear).map((o) => o.member));
  // A trimmed mirror that vanished was announced in the plan; any other change is a surprise.
  const announced = differences.filter((d) => trimmed.has(d.path) && d.after === undefined);
  const unexpected = differences.filter((d) => !announced.includes(d));
  let permission: PermissionResult | undefined;
  if (planned.change.kind === 'bind') {
    permission = await ensurePermission(clients, planned.change.functionArn, userPoolNeed(planned), signal);
  }
  return { after, unexpected, announced, ...(permission ? { permission } : {}) };
}

/** Removes the statement we added for this pool from `functionArn`'s policy; returns the removed ids. */
export async function removeUserPoolPermission(clients: AwsClients, functionArn: string, poolArn: string, signal?: AbortSignal): Promise<string[]> {
  return removeOurPermission(clients, functionArn, poolArn, signal);
}

function userPoolNeed(planned: PlannedUserPoolChange) {
  const account = parseArn(planned.poolArn)?.account;
  if (!account) throw new PlanError(`The pool ARN "${planned.poolArn}" has no account.`, 'Describe the pool again; the permission needs its ARN.');
  return { principal: USER_POOL_PRINCIPAL, sourceArn: planned.poolArn, sourceAccount: account };
}
