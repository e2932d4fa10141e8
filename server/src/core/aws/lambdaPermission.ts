// Lambda side of a binding: resolve the function's ARN, add the invoke permission once, remove ours.
import { AddPermissionCommand, GetFunctionConfigurationCommand, GetPolicyCommand, RemovePermissionCommand, ResourceNotFoundException } from '@aws-sdk/client-lambda';
import type { AwsClients } from './clients';
import { findPermission, ourStatementIds, statementFor, type PermissionMatch, type PermissionNeed } from './permission';

/** What ensurePermission did. */
export interface PermissionResult {
  /** True when a statement was added; false when the policy already allowed the pool. */
  added: boolean;
  statementId?: string;
  existing?: PermissionMatch;
}

/** The function's ARN from a name, partial or full ARN (GetFunctionConfiguration). */
export async function resolveFunctionArn(clients: AwsClients, nameOrArn: string, signal?: AbortSignal): Promise<string> {
  const out = await clients.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: nameOrArn }), { abortSignal: signal });
  return out.FunctionArn ?? nameOrArn;
}

/** The function's resource policy JSON, or undefined when it has none (ResourceNotFoundException). */
export async function getPolicy(clients: AwsClients, functionArn: string, signal?: AbortSignal): Promise<string | undefined> {
  try {
    return (await clients.lambda.send(new GetPolicyCommand({ FunctionName: functionArn }), { abortSignal: signal })).Policy;
  } catch (e) {
    if (e instanceof ResourceNotFoundException) return undefined;
    throw e;
  }
}

/** Adds the statement for `need` unless the function's policy already allows it: binding twice adds nothing twice. */
export async function ensurePermission(clients: AwsClients, functionArn: string, need: PermissionNeed, signal?: AbortSignal): Promise<PermissionResult> {
  const existing = findPermission(await getPolicy(clients, functionArn, signal), need);
  if (existing) return { added: false, existing };
  const statement = statementFor(need);
  await clients.lambda.send(new AddPermissionCommand({ FunctionName: functionArn, ...statement }), { abortSignal: signal });
  return { added: true, statementId: statement.StatementId };
}

/** Removes the statements we added for `sourceArn` (never anyone else's). Returns the removed ids. */
export async function removeOurPermission(clients: AwsClients, functionArn: string, sourceArn: string, signal?: AbortSignal): Promise<string[]> {
  const ids = ourStatementIds(await getPolicy(clients, functionArn, signal), sourceArn);
  for (const id of ids) await clients.lambda.send(new RemovePermissionCommand({ FunctionName: functionArn, StatementId: id }), { abortSignal: signal });
  return ids;
}
