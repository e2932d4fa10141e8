// Lists for the pickers and the bindings view: functions, user pools, identity pools (every page).
import { ListIdentityPoolsCommand } from '@aws-sdk/client-cognito-identity';
import { ListUserPoolsCommand } from '@aws-sdk/client-cognito-identity-provider';
import { ListFunctionsCommand } from '@aws-sdk/client-lambda';
import type { AwsClients } from './clients';

/** A function for the picker. */
export interface FunctionSummary {
  name: string;
  arn: string;
  runtime?: string;
}

/** A pool for the picker. */
export interface PoolSummary {
  id: string;
  name: string;
}

/** Every function whose name contains `filter` (case-insensitive), across all pages. */
export async function listFunctions(clients: AwsClients, filter = '', signal?: AbortSignal): Promise<FunctionSummary[]> {
  const out: FunctionSummary[] = [];
  const needle = filter.toLowerCase();
  // Hand-written loops rather than the SDK paginators: those take no AbortSignal, and a cancel must stop a long listing.
  let marker: string | undefined;
  do {
    const page = await clients.lambda.send(new ListFunctionsCommand({ MaxItems: 50, ...(marker ? { Marker: marker } : {}) }), { abortSignal: signal });
    marker = page.NextMarker;
    for (const f of page.Functions ?? []) {
      if (!f.FunctionName || !f.FunctionArn || !f.FunctionName.toLowerCase().includes(needle)) continue;
      out.push({ name: f.FunctionName, arn: f.FunctionArn, ...(f.Runtime ? { runtime: f.Runtime } : {}) });
    }
  } while (marker);
  return out;
}

/** Every user pool, across all pages. */
export async function listUserPools(clients: AwsClients, signal?: AbortSignal): Promise<PoolSummary[]> {
  const out: PoolSummary[] = [];
  let token: string | undefined;
  do {
    const page = await clients.userPools.send(new ListUserPoolsCommand({ MaxResults: 60, ...(token ? { NextToken: token } : {}) }), { abortSignal: signal });
    token = page.NextToken;
    for (const p of page.UserPools ?? []) if (p.Id) out.push({ id: p.Id, name: p.Name ?? p.Id });
  } while (token);
  return out;
}

/** Every identity pool, across all pages. */
export async function listIdentityPools(clients: AwsClients, signal?: AbortSignal): Promise<PoolSummary[]> {
  const out: PoolSummary[] = [];
  let token: string | undefined;
  do {
    const page = await clients.identityPools.send(new ListIdentityPoolsCommand({ MaxResults: 60, ...(token ? { NextToken: token } : {}) }), { abortSignal: signal });
    token = page.NextToken;
    for (const p of page.IdentityPools ?? []) if (p.IdentityPoolId) out.push({ id: p.IdentityPoolId, name: p.IdentityPoolName ?? p.IdentityPoolId });
  } while (token);
  return out;
}
