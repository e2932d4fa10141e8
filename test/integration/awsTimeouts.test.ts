// Integration: AWS calls against endpoints that misbehave on 127.0.0.1 — one that accepts and never
// answers (timeout naming the call), one that answers HTML ("did not answer like AWS"), and an
// access denied whose hint names the IAM action.
import assert from 'node:assert/strict';
import * as http from 'node:http';
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createAwsClients } from '../../server/src/core/aws/clients';
import { explainAwsError } from '../../server/src/core/aws/errors';
import { listFunctions, listUserPools } from '../../server/src/core/aws/listing';
import { ensurePermission } from '../../server/src/core/aws/lambdaPermission';
import { USER_POOL_PRINCIPAL } from '../../server/src/core/aws/permission';
import { startFakeAws, type FakeAws } from '../fakeAws/server';
import { isolateAwsEnv } from './cognitoLocal';

describe('AWS calls that time out or meet something that is not AWS', () => {
  let silent: net.Server;
  const sockets: net.Socket[] = [];
  let html: http.Server;
  let fake: FakeAws;
  const url = (s: net.Server) => `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
  before(async () => {
    isolateAwsEnv();
    // Accepts every connection and never says a word.
    silent = net.createServer((s) => sockets.push(s));
    html = http.createServer((_req, res) => {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>');
    });
    await Promise.all([new Promise<void>((r) => silent.listen(0, '127.0.0.1', r)), new Promise<void>((r) => html.listen(0, '127.0.0.1', r))]);
    fake = await startFakeAws({ functions: [{ name: 'f', arn: 'arn:aws:lambda:us-east-1:123456789012:function:f', statements: [], run: () => ({}) }], identityPools: [] });
  });
  after(async () => {
    for (const s of sockets) s.destroy();
    await Promise.all([new Promise((r) => silent.close(r)), new Promise((r) => html.close(r)), fake.stop()]);
  });

  it('an endpoint that never answers: the call times out and the message names it', { timeout: 20000 }, async () => {
    const clients = await createAwsClients({ region: 'us-east-1', endpointUrl: url(silent), maxAttempts: 1, timeoutMs: 1000 });
    try {
      const e = await listUserPools(clients).then(
        () => assert.fail('should have timed out'),
        (err: unknown) => err,
      );
      const x = explainAwsError(e, 'ListUserPools');
      assert.equal(x.code, 'Timeout');
      assert.match(x.message, new RegExp(`ListUserPools got no answer from ${url(silent).replace(/[.:/]/g, '\\$&')} within 1000 ms`));
      assert.match(x.hint, /cognitoTriggers\.aws\.timeoutMs/);
    } finally {
      clients.destroy();
    }
  });

  it('an HTML answer: "did not answer like AWS", with the endpoint', async () => {
    const clients = await createAwsClients({ region: 'us-east-1', endpointUrl: url(html), maxAttempts: 1 });
    try {
      const e = await listFunctions(clients).then(
        () => assert.fail('should have failed'),
        (err: unknown) => err,
      );
      const x = explainAwsError(e, 'Listing functions');
      assert.equal(x.code, 'NotAws', JSON.stringify(x));
      assert.match(x.message, /did not answer like AWS/);
      assert.ok(x.message.includes(url(html)), x.message);
      assert.doesNotMatch(x.hint, /same input/);
    } finally {
      clients.destroy();
    }
  });

  it('access denied names the IAM action of the call that was refused', async () => {
    fake.state.failures = { AddPermission: { status: 403, type: 'AccessDeniedException', message: 'User: arn:aws:iam::123456789012:user/dev is not authorized' } };
    const clients = await createAwsClients({ region: 'us-east-1', endpointUrl: fake.endpoint, maxAttempts: 1 });
    try {
      const need = { principal: USER_POOL_PRINCIPAL, sourceArn: 'arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_x', sourceAccount: '123456789012' };
      const e = await ensurePermission(clients, 'f', need).then(
        () => assert.fail('should have failed'),
        (err: unknown) => err,
      );
      const x = explainAwsError(e, 'Binding PreSignUp on us-east-1_x');
      assert.match(x.message, /at AddPermission: access denied/);
      assert.match(x.hint, /Grant the caller lambda:AddPermission/);
    } finally {
      clients.destroy();
    }
  });
});
