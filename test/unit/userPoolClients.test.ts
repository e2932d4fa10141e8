// Unit: Run Flow's app clients. ListUserPoolClients is read page by page until NextToken ends (cognito-local
// answers one page, so the pages are a stub here), a cancel stops the listing, and the pool config says
// which app client the flow assumes: the one described, or the API's defaults when the pool has none.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AwsClients } from '../../server/src/core/aws/clients';
import { listUserPoolClients } from '../../server/src/core/aws/userPoolClients';
import { resolvePool } from '../../server/src/core/flows';

/** A user pools client whose ListUserPoolClients answers `pages` in order, recording each request. */
function pagedClients(pages: { UserPoolClients: { ClientId: string; ClientName?: string }[]; NextToken?: string }[]) {
  const requests: Record<string, unknown>[] = [];
  const userPools = {
    send: async (command: { input: Record<string, unknown> }, options?: { abortSignal?: AbortSignal }) => {
      options?.abortSignal?.throwIfAborted();
      requests.push(command.input);
      return pages[requests.length - 1];
    },
  };
  return { clients: { userPools } as unknown as AwsClients, requests };
}

describe('listUserPoolClients', () => {
  it('follows NextToken over every page, 60 at a time', async () => {
    const { clients, requests } = pagedClients([
      { UserPoolClients: [{ ClientId: 'a1', ClientName: 'web' }], NextToken: 't1' },
      { UserPoolClients: [{ ClientId: 'b2' }], NextToken: 't2' },
      { UserPoolClients: [{ ClientId: 'c3', ClientName: 'ios' }] },
    ]);
    const listed = await listUserPoolClients(clients, 'us-east-1_Abc123');
    assert.deepEqual(listed, [{ ClientId: 'a1', ClientName: 'web' }, { ClientId: 'b2', ClientName: 'b2' }, { ClientId: 'c3', ClientName: 'ios' }]);
    assert.deepEqual(requests, [
      { UserPoolId: 'us-east-1_Abc123', MaxResults: 60 },
      { UserPoolId: 'us-east-1_Abc123', MaxResults: 60, NextToken: 't1' },
      { UserPoolId: 'us-east-1_Abc123', MaxResults: 60, NextToken: 't2' },
    ]);
  });

  it('a cancelled listing stops before its next page', async () => {
    const controller = new AbortController();
    const { clients, requests } = pagedClients([{ UserPoolClients: [], NextToken: 't1' }, { UserPoolClients: [] }]);
    controller.abort();
    await assert.rejects(listUserPoolClients(clients, 'us-east-1_Abc123', controller.signal), { name: 'AbortError' });
    assert.equal(requests.length, 0);
  });
});

describe("the pool config's app client (a deployed pool: UserPoolClients listed)", () => {
  const UserPool = { Id: 'eu-west-1_Abc123', LambdaConfig: {} };

  it('none: the defaults are used and the note states them', () => {
    const pool = resolvePool({ described: { UserPool, UserPoolClients: [] }, folder: '/w' });
    assert.deepEqual([pool.clientId, pool.preventUserExistenceErrors, pool.authSessionValidityMinutes], ['localclient1234567890abcd', false, 3]);
    assert.deepEqual(pool.notes, ['The pool eu-west-1_Abc123 has no app client: the flow uses the defaults of a new app client created through the API, PreventUserExistenceErrors LEGACY (an unknown user gets UserNotFoundException) and AuthSessionValidity 3 minutes, with the made-up client id localclient1234567890abcd.']);
  });

  it('one of several, picked: its ClientId, PreventUserExistenceErrors and AuthSessionValidity, and a note naming it', () => {
    const UserPoolClients = [{ ClientId: 'aaa111', ClientName: 'web' }, { ClientId: 'bbb222', ClientName: 'admin' }];
    const pool = resolvePool({ described: { UserPool, UserPoolClients, UserPoolClient: { ClientId: 'bbb222', ClientName: 'admin', PreventUserExistenceErrors: 'ENABLED', AuthSessionValidity: 12 } }, folder: '/w' });
    assert.deepEqual([pool.clientId, pool.preventUserExistenceErrors, pool.authSessionValidityMinutes], ['bbb222', true, 12]);
    assert.deepEqual(pool.notes, ["App client admin (bbb222), one of the pool's 2: PreventUserExistenceErrors ENABLED, AuthSessionValidity 12 minutes."]);
  });

  it('the only one: named without "one of"', () => {
    const pool = resolvePool({ described: { UserPool, UserPoolClients: [{ ClientId: 'aaa111', ClientName: 'web' }], UserPoolClient: { ClientId: 'aaa111', ClientName: 'web', PreventUserExistenceErrors: 'LEGACY' } }, folder: '/w' });
    assert.deepEqual(pool.notes, ['App client web (aaa111): PreventUserExistenceErrors LEGACY, AuthSessionValidity 3 minutes.']);
  });

  it('a pool file without UserPoolClients (the CLI\'s --pool) keeps its silent defaults', () => {
    const pool = resolvePool({ described: { UserPool }, folder: '/w' });
    assert.equal(pool.notes, undefined);
  });
});
