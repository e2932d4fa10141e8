// e2e: in the real VS Code, bind and unbind a trigger on a cognito-local pool (Lambda side: the
// wire-protocol fake), both on 127.0.0.1, and see the bindings view's data follow.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { suite, suiteSetup, suiteTeardown, test } from 'mocha';
import * as vscode from 'vscode';
import { CognitoIdentityProviderClient, CreateUserPoolCommand, DescribeUserPoolCommand } from '@aws-sdk/client-cognito-identity-provider';
import type { AwsApplyBindRequest, AwsBindingsRequest } from '../../../server/src/core/protocol';
import { startFakeAws, type FakeAws } from '../../fakeAws/server';
import { isolateAwsEnv, startCognitoLocal, type CognitoLocal } from '../../integration/cognitoLocal';
import { activeApi, withDeadline, workspaceFolder } from './helpers';

const HOOK = 'arn:aws:lambda:us-east-1:123456789012:function:hook';

suite('AWS bindings', () => {
  let cl: CognitoLocal;
  let fake: FakeAws;
  let idp: CognitoIdentityProviderClient;
  let poolId: string;
  const bindingsFile = () => path.join(workspaceFolder().uri.fsPath, 'cognito-triggers.json');

  suiteSetup(async function () {
    this.timeout(90_000);
    // Dummy credentials, no metadata service, no shared files: nothing can reach real AWS.
    isolateAwsEnv();
    [cl, fake] = await Promise.all([startCognitoLocal(), startFakeAws({ functions: [{ name: 'hook', arn: HOOK, statements: [], run: (e) => e }], identityPools: [] })]);
    const config = vscode.workspace.getConfiguration('cognitoTriggers');
    await config.update('aws.endpoints', { cognitoIdentityProvider: cl.endpoint, lambda: fake.endpoint, cognitoIdentity: fake.endpoint, cognitoSync: fake.endpoint }, vscode.ConfigurationTarget.Workspace);
    await config.update('aws.region', 'us-east-1', vscode.ConfigurationTarget.Workspace);
    fs.writeFileSync(bindingsFile(), JSON.stringify({ handlers: [{ file: 'handlers/preSignUp.js', handler: 'handler', functionName: 'hook', trigger: 'PreSignUp' }] }));
    // The language server inherits the extension host's environment when it starts: restart it.
    const api = await activeApi();
    await withDeadline(api.state.restart(), 30_000, 'the language server to restart');
    await withDeadline(api.ready(), 30_000, 'the restarted server to be ready');
    idp = new CognitoIdentityProviderClient({ endpoint: cl.endpoint, region: 'us-east-1' });
    const created = await idp.send(new CreateUserPoolCommand({ PoolName: 'e2e', MfaConfiguration: 'OPTIONAL', UserPoolTags: { team: 'e2e' } }));
    poolId = created.UserPool!.Id!;
  });

  suiteTeardown(async () => {
    const config = vscode.workspace.getConfiguration('cognitoTriggers');
    await config.update('aws.endpoints', undefined, vscode.ConfigurationTarget.Workspace);
    await config.update('aws.region', undefined, vscode.ConfigurationTarget.Workspace);
    fs.rmSync(bindingsFile(), { force: true });
    idp?.destroy();
    await Promise.all([cl?.stop(), fake?.stop()]);
  });

  const slotOf = (r: AwsBindingsRequest.Result | undefined) => r?.userPools.find((p) => p.id === poolId)?.slots.find((s) => s.slot === 'PreSignUp');

  test('bind: the pool keeps its settings, the permission is added, the view shows the function and its handler', async () => {
    const before = await vscode.commands.executeCommand<AwsBindingsRequest.Result>('cognitoTriggers.refreshBindings', { expand: [poolId] });
    assert.equal(slotOf(before)?.functionArn, undefined);
    const result = await vscode.commands.executeCommand<AwsApplyBindRequest.Result>('cognitoTriggers.bindTrigger', { poolKind: 'userPool', poolId, slot: 'PreSignUp', functionName: 'hook', yes: true });
    assert.ok(result, 'the bind command returned nothing (see the Cognito Triggers log)');
    assert.ok(result.lines.some((l) => /Added permission/.test(l)), result.lines.join('\n'));
    const pool = (await idp.send(new DescribeUserPoolCommand({ UserPoolId: poolId }))).UserPool!;
    assert.deepEqual([pool.LambdaConfig?.PreSignUp, pool.MfaConfiguration, pool.UserPoolTags], [HOOK, 'OPTIONAL', { team: 'e2e' }]);
    assert.equal(fake.callsOf('AddPermission').length, 1);
    const after = await vscode.commands.executeCommand<AwsBindingsRequest.Result>('cognitoTriggers.refreshBindings', { expand: [poolId] });
    assert.equal(slotOf(after)?.functionArn, HOOK);
    assert.equal(slotOf(after)?.handler?.file, 'handlers/preSignUp.js');
  });

  test('unbind with permission removal: the slot is empty and the statement gone', async () => {
    const result = await vscode.commands.executeCommand<AwsApplyBindRequest.Result>('cognitoTriggers.unbindTrigger', { poolKind: 'userPool', poolId, slot: 'PreSignUp', yes: true, removePermission: true });
    assert.ok(result?.lines.some((l) => /Removed permission/.test(l)), result?.lines.join('\n'));
    assert.equal(fake.state.functions[0]!.statements.length, 0);
    const view = await vscode.commands.executeCommand<AwsBindingsRequest.Result>('cognitoTriggers.refreshBindings', { expand: [poolId] });
    assert.equal(slotOf(view)?.functionArn, undefined);
  });
});
