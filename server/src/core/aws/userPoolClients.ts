// A user pool's app clients for Run Flow: ListUserPoolClients (every page) and DescribeUserPoolClient.
import { DescribeUserPoolClientCommand, ListUserPoolClientsCommand, type UserPoolClientType } from '@aws-sdk/client-cognito-identity-provider';
import type { AwsClients } from './clients';
import { validateUserPoolId } from './ids';
import type { AppClientSummary, FlowAppClient } from '../protocol/aws';
import { PlanError } from './planError';


/**
 * Every app client of the pool, across all pages. MaxResults is at most 60
 * (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ListUserPoolClients.html#CognitoUserPools-ListUserPoolClients-request-MaxResults).
 */
export async function listUserPoolClients(clients: AwsClients, poolId: string, signal?: AbortSignal, pageSize = 60): Promise<AppClientSummary[]> {
  const UserPoolId = validateUserPoolId(poolId);
  const out: AppClientSummary[] = [];
  // A loop rather than the SDK paginator: that takes no AbortSignal, and a cancel must stop the listing.
  let token: string | undefined;
  do {
    const page = await clients.userPools.send(new ListUserPoolClientsCommand({ UserPoolId, MaxResults: pageSize, ...(token ? { NextToken: token } : {}) }), { abortSignal: signal });
    token = page.NextToken;
    for (const c of page.UserPoolClients ?? []) if (c.ClientId) out.push({ ClientId: c.ClientId, ClientName: c.ClientName ?? c.ClientId });
  } while (token);
  return out;
}

/**
 * The flow's part of a described app client and nothing else: DescribeUserPoolClient also answers the
 * ClientSecret, which must not travel to the editor or into a timeline.
 */
export function flowAppClient(c: UserPoolClientType): FlowAppClient {
  return {
    ClientId: c.ClientId ?? '',
    ...(c.ClientName ? { ClientName: c.ClientName } : {}),
    ...(c.PreventUserExistenceErrors ? { PreventUserExistenceErrors: c.PreventUserExistenceErrors } : {}),
    ...(typeof c.AuthSessionValidity === 'number' ? { AuthSessionValidity: c.AuthSessionValidity } : {}),
  };
}

/** One app client's settings (PreventUserExistenceErrors, AuthSessionValidity …), as DescribeUserPoolClient answers. */
export async function describeUserPoolClient(clients: AwsClients, poolId: string, clientId: string, signal?: AbortSignal): Promise<UserPoolClientType> {
  if (!/^[\w+]{1,128}$/.test(clientId)) throw new PlanError(`"${clientId}" is not an app client id.`, 'Pick an app client of the pool (ListUserPoolClients names them).');
  const out = await clients.userPools.send(new DescribeUserPoolClientCommand({ UserPoolId: validateUserPoolId(poolId), ClientId: clientId }), { abortSignal: signal });
  if (!out.UserPoolClient) throw new PlanError(`DescribeUserPoolClient returned no app client ${clientId} for ${poolId}.`, 'Check the app client id, the pool id and the Region.');
  return out.UserPoolClient;
}
