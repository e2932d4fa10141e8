// Integration: a function bound to several slots keeps its permission on unbind; re-binding what is
// already bound calls no UpdateUserPool. cognito-local + the wire-protocol fake, all on 127.0.0.1.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { CreateUserPoolCommand } from '@aws-sdk/client-cognito-identity-provider';
import { applyBind, planBind } from '../../server/src/core/aws/bindService';
import { createAwsClients, type AwsClients } from '../../server/src/core/aws/clients';
import { describeUserPool } from '../../server/src/core/aws/userPoolBinding';
import { startFakeAws, type FakeAws } from '../fakeAws/server';
import { isolateAwsEnv, startCognitoLocal, type CognitoLocal } from './cognitoLocal';

const arn = (name: string) => `arn:aws:lambda:us-east-1:123456789012:function:${name}`;

describe('shared functions and no-op rebinds on cognito-local', () => {
  let cl: CognitoLocal;
  let fake: FakeAws;
  let clients: AwsClients;
  let poolId: string;
  /** Commands the user pool client sent, by name (the SDK's own record, before the wire). */
  const sent: string[] = [];
  before(async () => {
    isolateAwsEnv();
    [cl, fake] = await Promise.all([startCognitoLocal(), startFakeAws({ functions: ['hook', 'token'].map((name) => ({ name, arn: arn(name), statements: [], run: () => ({}) })), identityPools: [] })]);
    clients = await createAwsClients({ region: 'us-east-1', endpoints: { cognitoIdentityProvider: cl.endpoint, lambda: fake.endpoint }, maxAttempts: 1 });
    clients.userPools.middlewareStack.add((next, context) => (args) => (sent.push(String(context.commandName)), next(args)), { step: 'initialize', name: 'recordCommands' });
    poolId = (await clients.userPools.send(new CreateUserPoolCommand({ PoolName: 'shared', MfaConfiguration: 'OPTIONAL' }))).UserPool!.Id!;
  });
  after(async () => {
    clients?.destroy();
    await Promise.all([cl?.stop(), fake?.stop()]);
  });
  beforeEach(() => void (sent.length = 0));

  const bind = async (slot: string, functionName: string, lambdaVersion?: string) => {
    const planned = await planBind(clients, { kind: 'userPool', poolId, slot, functionName, ...(lambdaVersion ? { lambdaVersion } : {}) });
    return { planned, applied: await applyBind(clients, planned) };
  };

  it('re-binding PreTokenGenerationConfig with the same function and version: no change, no UpdateUserPool, permission ensured', async () => {
    await bind('PreTokenGenerationConfig', 'token', 'V2_0');
    // cognito-local (like Cognito) may return the object's keys in another order than we send them.
    const token = fake.state.functions.find((f) => f.name === 'token')!;
    token.statements.length = 0; // lost meanwhile: the no-op rebind must still restore it
    sent.length = 0;
    const { planned, applied } = await bind('PreTokenGenerationConfig', 'token', 'V2_0');
    assert.equal(planned.changes, false, planned.lines.join('\n'));
    assert.equal(planned.lines[0], `No change: PreTokenGenerationConfig already calls ${arn('token')} (V2_0).`);
    assert.deepEqual(sent.filter((c) => c === 'UpdateUserPoolCommand'), [], 'no UpdateUserPool call');
    assert.ok(applied.lines.some((l) => /Added permission/.test(l)), applied.lines.join('\n'));
    assert.equal(token.statements.length, 1);
  });

  it('unbind of one of two slots calling the function keeps the permission and says why; the plan says so first', async () => {
    await bind('PreSignUp', 'hook');
    const second = await bind('PreAuthentication', 'hook');
    assert.ok(second.applied.lines.some((l) => /already allows this pool/.test(l)));
    const hook = fake.state.functions.find((f) => f.name === 'hook')!;
    const planned = await planBind(clients, { kind: 'userPool', poolId, slot: 'PreAuthentication' });
    // What the VS Code unbind flow reads to not offer removing the permission.
    assert.deepEqual(planned.permissionStillUsedBy, ['PreSignUp']);
    assert.ok(planned.lines.some((l) => /kept: PreSignUp still uses this function/.test(l)), planned.lines.join('\n'));
    const applied = await applyBind(clients, planned, { removePermission: true });
    assert.ok(applied.lines.some((l) => /kept: PreSignUp still uses this function/.test(l)), applied.lines.join('\n'));
    assert.equal(hook.statements.length, 1);
    assert.equal((await describeUserPool(clients, poolId)).LambdaConfig?.PreAuthentication, undefined);
    const last = await planBind(clients, { kind: 'userPool', poolId, slot: 'PreSignUp' });
    assert.equal(last.permissionStillUsedBy, undefined);
    assert.ok((await applyBind(clients, last, { removePermission: true })).lines.some((l) => /Removed permission/.test(l)));
    assert.equal(hook.statements.length, 0);
  });

  it('a slot calling another qualifier of the function does not keep the unqualified statement', async () => {
    await bind('PreSignUp', 'hook');
    await bind('PostConfirmation', `${arn('hook')}:prod`);
    const planned = await planBind(clients, { kind: 'userPool', poolId, slot: 'PreSignUp' });
    assert.equal(planned.permissionStillUsedBy, undefined, 'hook:prod has its own policy');
    const applied = await applyBind(clients, planned, { removePermission: true });
    assert.ok(applied.lines.some((l) => /Removed permission/.test(l)), applied.lines.join('\n'));
  });
});
