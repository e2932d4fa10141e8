// Integration: before a bind on a slot that infrastructure code manages (a CloudFormation stack's tag
// on the pool, or the repository's IaC wiring that slot), the CLI and the server's plan warn that the
// next deploy undoes the change, with the IaC line; cognito-local holds the pools, the fake the functions.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CreateUserPoolCommand } from '@aws-sdk/client-cognito-identity-provider';
import { createAwsClients, type AwsClients } from '../../server/src/core/aws/clients';
import type { AwsPlanBindRequest, AwsResult } from '../../server/src/core/protocol';
import { startFakeAws, type FakeAws } from '../fakeAws/server';
import { startServer, REPO_ROOT, type TestServer } from '../server/harness';
import { isolateAwsEnv, startCognitoLocal, type CognitoLocal } from './cognitoLocal';
import { ensureBuilt } from '../ensureBuilt';

const CLI = path.join(REPO_ROOT, 'dist', 'cli.js');
const arn = (name: string) => `arn:aws:lambda:us-east-1:123456789012:function:${name}`;

function cli(args: string[], env: Record<string, string>, cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.stdin.end();
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A project whose serverless.yml wires PreSignUp of the pool named `poolName`. */
function project(poolName: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'managed-slot-'));
  fs.mkdirSync(path.join(dir, '.git'));
  fs.mkdirSync(path.join(dir, 'fn1'));
  fs.writeFileSync(path.join(dir, 'serverless.yml'), `service: s\nprovider: { name: aws, runtime: nodejs20.x }\nfunctions:\n  pre:\n    handler: fn1/handler.handler\n    events:\n      - cognitoUserPool:\n          pool: ${poolName}\n          trigger: PreSignUp\n          existing: true\n`);
  fs.writeFileSync(path.join(dir, 'fn1', 'handler.js'), 'exports.handler = async (event) => event;\n');
  return dir;
}

describe('bind on a slot that infrastructure code manages', () => {
  let cl: CognitoLocal;
  let fake: FakeAws;
  let clients: AwsClients;
  let env: Record<string, string>;
  let stackPool: string;
  let wiredPool: string;
  let plainPool: string;
  before(async () => {
    isolateAwsEnv();
    ensureBuilt();
    [cl, fake] = await Promise.all([startCognitoLocal(), startFakeAws({ functions: [{ name: 'hook', arn: arn('hook'), statements: [], run: (e: unknown) => e }], identityPools: [] })]);
    env = { AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: cl.endpoint, AWS_ENDPOINT_URL_LAMBDA: fake.endpoint };
    clients = await createAwsClients({ region: 'us-east-1', endpoints: { cognitoIdentityProvider: cl.endpoint, lambda: fake.endpoint } });
    const create = async (name: string, tags?: Record<string, string>) => (await clients.userPools.send(new CreateUserPoolCommand({ PoolName: name, ...(tags ? { UserPoolTags: tags } : {}) }))).UserPool?.Id as string;
    // A pool as CloudFormation leaves it: tagged with its stack and logical id.
    stackPool = await create('from-stack', { 'aws:cloudformation:stack-name': 'app-dev', 'aws:cloudformation:logical-id': 'Users' });
    wiredPool = await create('wired-users');
    plainPool = await create('plain');
  });
  after(async () => {
    clients?.destroy();
    await Promise.all([cl?.stop(), fake?.stop()]);
  });

  it('CLI: a pool with the aws:cloudformation:stack-name tag gets the warning before applying', async () => {
    const dir = project('somethingElse');
    const r = await cli(['bind', '--user-pool', stackPool, '--trigger', 'PostConfirmation', '--function', 'hook', '--dry-run'], env, dir);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Warning: This pool belongs to the CloudFormation stack "app-dev" \(tag aws:cloudformation:stack-name, https:\/\/docs\.aws\.amazon\.com\/AWSCloudFormation\/[^)]+\): the next deploy of that stack sets LambdaConfig from its template and undoes this change/);
    // The warning comes before the question (here: before the dry-run line).
    assert.ok(r.stdout.indexOf('Warning:') < r.stdout.indexOf('Dry run'));
  });

  it('CLI: the repository\'s IaC wiring that slot of that pool is named with its line', async () => {
    const dir = project('wired-users');
    const r = await cli(['bind', '--user-pool', wiredPool, '--trigger', 'PreSignUp', '--function', 'hook', '--dry-run'], env, dir);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Warning: The repository's infrastructure code wires this slot \(serverless\.yml:9 binds functions\.pre to PreSignUp of wired-users \(existing pool\)\): its next deploy sets PreSignUp back and undoes this change\./);
    // --root from elsewhere reads the same project.
    const elsewhere = await cli(['bind', '--user-pool', wiredPool, '--trigger', 'PreSignUp', '--function', 'hook', '--dry-run', '--root', dir], env, os.tmpdir());
    assert.match(elsewhere.stdout, /Warning: The repository's infrastructure code wires this slot/);
  });

  it('CLI: no warning for an untagged pool and a slot no IaC wires', async () => {
    const dir = project('wired-users');
    const r = await cli(['bind', '--user-pool', plainPool, '--trigger', 'PostConfirmation', '--function', 'hook', '--dry-run'], env, dir);
    assert.equal(r.code, 0, r.stderr);
    assert.doesNotMatch(r.stdout, /Warning:/);
  });

  it('server: the plan the VS Code review shows carries the warning with the IaC line', async () => {
    const dir = project('wired-users');
    let server: TestServer | undefined;
    try {
      server = await startServer({ workspace: dir, trusted: true, settings: { aws: { region: 'us-east-1', endpoints: { lambda: fake.endpoint, cognitoIdentityProvider: cl.endpoint } } } });
      const plan = await server.request<AwsResult<AwsPlanBindRequest.Result>>('cognitoTriggers/aws/planBind', { kind: 'userPool', poolId: wiredPool, slot: 'PreSignUp', functionName: 'hook' });
      assert.ok(plan.ok, JSON.stringify(plan));
      if (!plan.ok) return;
      assert.deepEqual(plan.value.managed, ["The repository's infrastructure code wires this slot (serverless.yml:9 binds functions.pre to PreSignUp of wired-users (existing pool)): its next deploy sets PreSignUp back and undoes this change."]);
      const plain = await server.request<AwsResult<AwsPlanBindRequest.Result>>('cognitoTriggers/aws/planBind', { kind: 'userPool', poolId: plainPool, slot: 'PostConfirmation', functionName: 'hook' });
      assert.ok(plain.ok && plain.value.managed === undefined, JSON.stringify(plain));
    } finally {
      await server?.stop();
    }
  });
});
