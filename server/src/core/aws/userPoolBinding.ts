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
 * (bindService runs the same steps one by one, to report a change that fails half way.)
 */
export async function applyUserPoolChange(clients: AwsClients, planned: PlannedUserPoolChange, signal?: AbortSignal): Promise<AppliedUserPoolChange> {
  await refuseIfStale(clients, planned, signal);
  await sendUpdate(clients, planned, signal);
  const verified = await verifyUpdate(clients, planned, signal);
  const permission = planned.change.kind === 'bind' ? await addUserPoolPermission(clients, planned, signal) : undefined;
  return { ...verified, ...(permission ? { permission } : {}) };
}

/**
 * The update carries every setting as it was when planned: if someone changed the pool since,
 * sending it would undo their change. Refuses (PlanError) and asks for a fresh review instead.
 */
export async function refuseIfStale(clients: AwsClients, planned: PlannedUserPoolChange, signal?: AbortSignal): Promise<void> {
  const current = await describeUserPool(clients, planned.poolId, signal);
  const drift = unexpectedDifferences(planned.before, current, ['LastModifiedDate', 'EstimatedNumberOfUsers']);
  if (drift.length > 0) {
    throw new PlanError(`The pool changed since the change was planned (${drift.map((d) => d.path).join(', ')}).`, 'Review the change again; nothing was updated.');
  }
}

/** UpdateUserPool with the plan's input (not sent when the slot already has the value). */
export async function sendUpdate(clients: AwsClients, planned: PlannedUserPoolChange, signal?: AbortSignal): Promise<void> {
  if (planned.plan.changedKeys.length > 0) await clients.userPools.send(new UpdateUserPoolCommand(planned.plan.input), { abortSignal: signal });
}

/** Reads the pool after the update and sorts the differences into announced and unexpected. */
export async function verifyUpdate(clients: AwsClients, planned: PlannedUserPoolChange, signal?: AbortSignal): Promise<Omit<AppliedUserPoolChange, 'permission'>> {
  const after = await describeUserPool(clients, planned.poolId, signal);
  const allowed = ['LastModifiedDate', ...planned.plan.changedKeys.map((k) => `LambdaConfig.${k}`)];
  const differences = unexpectedDifferences(planned.before, after, allowed);
  const trimmed = new Set(planned.plan.omitted.filter((o) => o.mayDisappear).map((o) => o.member));
  // A trimmed mirror that vanished was announced in the plan; any other change is a surprise.
  const announced = differences.filter((d) => trimmed.has(d.path) && d.after === undefined);
  const unexpected = differences.filter((d) => !announced.includes(d));
  return { after, unexpected, announced };
}

/** GetPolicy, then AddPermission for this pool unless the policy already allows it. */
export function addUserPoolPermission(clients: AwsClients, planned: PlannedUserPoolChange, signal?: AbortSignal): Promise<PermissionResult> {
  if (planned.change.kind !== 'bind') throw new PlanError('Only a bind adds a permission.', 'This is a bug; report it.');
  return ensurePermission(clients, planned.change.functionArn, userPoolNeed(planned), signal);
}

/**
 * The pool as the planned update leaves it: the description from before with the new LambdaConfig.
 * A pool that differs from it (beyond dates and announced mirrors) was changed by someone else.
 */
export function expectedAfter(planned: PlannedUserPoolChange): UserPoolType {
  return { ...planned.before, LambdaConfig: planned.plan.after as UserPoolType['LambdaConfig'] };
}

/**
 * Restores the slot from the plan's snapshot after a change that failed half way: refuses (PlanError)
 * when the pool is no longer as the update left it (someone changed it since: the same stale-pool
 * guard as for the update), else sends UpdateUserPool with the changed LambdaConfig keys as before.
 */
export async function rollbackUserPoolChange(clients: AwsClients, planned: PlannedUserPoolChange, signal?: AbortSignal): Promise<Omit<AppliedUserPoolChange, 'permission'>> {
  const current = await describeUserPool(clients, planned.poolId, signal);
  const mirrors = planned.plan.omitted.filter((o) => o.mayDisappear).map((o) => o.member);
  const drift = unexpectedDifferences(expectedAfter(planned), current, ['LastModifiedDate', 'EstimatedNumberOfUsers', ...mirrors]);
  if (drift.length > 0) {
    throw new PlanError(`The pool changed since the failed change (${drift.map((d) => d.path).join(', ')}); rolling back would undo that.`, 'Review the pool (Cognito Triggers: Check Pool… or `cognito-triggers bindings`) and bind or unbind the slot yourself.');
  }
  const restored = structuredClone((current.LambdaConfig ?? {}) as Record<string, unknown>);
  for (const k of planned.plan.changedKeys) {
    if (planned.plan.before[k] === undefined) delete restored[k];
    else restored[k] = structuredClone(planned.plan.before[k]);
  }
  // Every other setting as it is now (the same builder as a bind), the slot as it was.
  const plan = planUserPoolUpdate(current, { kind: 'unbind', slot: planned.change.slot });
  plan.input.LambdaConfig = restored;
  await clients.userPools.send(new UpdateUserPoolCommand(plan.input), { abortSignal: signal });
  const after = await describeUserPool(clients, planned.poolId, signal);
  const differences = unexpectedDifferences(planned.before, after, ['LastModifiedDate', 'EstimatedNumberOfUsers']);
  const announced = differences.filter((d) => mirrors.includes(d.path) && d.after === undefined);
  return { after, unexpected: differences.filter((d) => !announced.includes(d)), announced };
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
