// Integration: Run Flow's deployed pool reads its app clients from cognito-local (ListUserPoolClients,
// DescribeUserPoolClient) through the AWS layer's clients, and the flow then answers as that client would:
// PreventUserExistenceErrors ENABLED hides an unknown user behind NotAuthorizedException. A fault proxy
// refuses the calls to check that access denied names the IAM action.
import assert from 'node:assert/strict';
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { CreateUserPoolClientCommand, CreateUserPoolCommand } from '@aws-sdk/client-cognito-identity-provider';
import { createAwsClients, type AwsClients } from '../../server/src/core/aws/clients';
import { explainAwsError } from '../../server/src/core/aws/errors';
import { describeUserPoolClient, flowAppClient, listUserPoolClients } from '../../server/src/core/aws/userPoolClients';
import { describeUserPool } from '../../server/src/core/aws/userPoolBinding';
import { resolvePool, runFlow, UserStore, type PoolConfig } from '../../server/src/core/flows';
import { defaultSettings } from '../../server/src/core/settings';
import { testInvoker } from '../runnerBundle';
import { isolateAwsEnv, startCognitoLocal, type CognitoLocal } from './cognitoLocal';
import { startFaultProxy, type FaultProxy } from './faultProxy';

const { tmp, invoker } = testInvoker('ct-flow-clients-');

describe("Run Flow's deployed pool: its app client from cognito-local", () => {
  let cl: CognitoLocal;
  let proxy: FaultProxy;
  let clients: AwsClients;
  let poolId = '';
  let enabledId = '';
  let legacyId = '';

  before(async () => {
    isolateAwsEnv();
    cl = await startCognitoLocal();
    proxy = await startFaultProxy(cl.endpoint);
    clients = await createAwsClients({ region: 'us-east-1', endpoints: { cognitoIdentityProvider: proxy.endpoint }, maxAttempts: 1 });
    poolId = (await clients.userPools.send(new CreateUserPoolCommand({ PoolName: 'flow-clients' }))).UserPool!.Id!;
    enabledId = (await clients.userPools.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'web', PreventUserExistenceErrors: 'ENABLED', GenerateSecret: true }))).UserPoolClient!.ClientId!;
    legacyId = (await clients.userPools.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'old-app', PreventUserExistenceErrors: 'LEGACY' }))).UserPoolClient!.ClientId!;
  });
  after(async () => {
    clients?.destroy();
    await proxy?.stop();
    await cl?.stop();
  });

  /** The pool as Run Flow sends it for a deployed pool: UserPool, the listed clients, the chosen one described. */
  async function deployedPool(clientId: string): Promise<PoolConfig> {
    const UserPool = await describeUserPool(clients, poolId);
    const UserPoolClients = await listUserPoolClients(clients, poolId);
    const UserPoolClient = flowAppClient(await describeUserPoolClient(clients, poolId, clientId));
    return resolvePool({ described: { UserPool, UserPoolClients, UserPoolClient }, folder: tmp });
  }

  const signInNobody = (pool: PoolConfig) =>
    runFlow({ flow: 'sign-in', username: 'nobody', password: 'Passw0rd!', attributes: {}, validationData: {}, answers: [] }, { invoker, folder: tmp, settings: { ...defaultSettings().invoke, envFile: '' }, pool, users: UserStore.inMemory([]) });

  it('lists the pool\'s app clients by name and id, and describes one without its secret', async () => {
    const listed = await listUserPoolClients(clients, poolId);
    assert.deepEqual(listed.map((c) => [c.ClientName, c.ClientId]).sort(), [['old-app', legacyId], ['web', enabledId]].sort());
    assert.deepEqual(listed.map((c) => Object.keys(c).sort()), [['ClientId', 'ClientName'], ['ClientId', 'ClientName']]);
    const described = await describeUserPoolClient(clients, poolId, enabledId);
    assert.ok(described.ClientSecret, 'cognito-local answers the secret of a client made with GenerateSecret');
    assert.deepEqual(flowAppClient(described), { ClientId: enabledId, ClientName: 'web', PreventUserExistenceErrors: 'ENABLED' });
  });

  it('PreventUserExistenceErrors ENABLED: the pool config takes the client, and an unknown user\'s sign-in answers NotAuthorizedException', async () => {
    const pool = await deployedPool(enabledId);
    assert.deepEqual([pool.id, pool.clientId, pool.preventUserExistenceErrors, pool.authSessionValidityMinutes], [poolId, enabledId, true, 3]);
    assert.deepEqual(pool.notes, [`App client web (${enabledId}), one of the pool's 2: PreventUserExistenceErrors ENABLED, AuthSessionValidity 3 minutes.`]);
    const r = await signInNobody(pool);
    assert.deepEqual(r.error && [r.error.name, r.error.message], ['NotAuthorizedException', 'Incorrect username or password.']);
    assert.equal(r.notes[0], pool.notes?.[0]);
  });

  it('PreventUserExistenceErrors LEGACY: the same sign-in answers UserNotFoundException', async () => {
    const pool = await deployedPool(legacyId);
    assert.deepEqual([pool.clientId, pool.preventUserExistenceErrors], [legacyId, false]);
    const r = await signInNobody(pool);
    assert.deepEqual(r.error && [r.error.name, r.error.message], ['UserNotFoundException', 'User does not exist.']);
  });

  it('access denied names the IAM action of the refused call', async () => {
    const denied = { status: 400, type: 'AccessDeniedException', message: 'User is not authorized to perform this action' };
    for (const [call, read] of [
      ['ListUserPoolClients', () => listUserPoolClients(clients, poolId)],
      ['DescribeUserPoolClient', () => describeUserPoolClient(clients, poolId, enabledId)],
    ] as const) {
      proxy.failures = { [call]: { ...denied, times: 1 } };
      const e = await read().then(() => undefined, (err: unknown) => err);
      proxy.failures = {};
      assert.ok(e, `${call} did not fail`);
      const explained = explainAwsError(e, `${poolId}: reading the pool and its app clients`);
      assert.equal(explained.code, 'AccessDeniedException');
      assert.match(explained.message, new RegExp(`^${poolId}: reading the pool and its app clients failed at ${call}: access denied\\.`));
      assert.match(explained.hint, new RegExp(`Grant the caller cognito-idp:${call} on that resource`));
    }
  });

  it("an endpoint that never answers: the clients' time limit ends the listing, and the message names the call", async () => {
    const sockets: net.Socket[] = [];
    const silent = net.createServer((socket) => sockets.push(socket));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const endpoint = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    const slow = await createAwsClients({ region: 'us-east-1', endpoints: { cognitoIdentityProvider: endpoint }, maxAttempts: 1, timeoutMs: 300 });
    try {
      const e = await listUserPoolClients(slow, poolId).then(() => undefined, (err: unknown) => err);
      const explained = explainAwsError(e, `${poolId}: reading the pool and its app clients`);
      assert.equal(explained.code, 'Timeout');
      assert.equal(explained.message, `${poolId}: reading the pool and its app clients failed: ListUserPoolClients got no answer from ${endpoint} within 300 ms (attempt 1 of 1; a call that times out is not retried).`);
    } finally {
      slow.destroy();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((r) => silent.close(() => r()));
    }
  });
});
