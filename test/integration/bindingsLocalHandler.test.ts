// Integration: the bindings view (server request) and `cognito-triggers bindings` link each deployed
// slot to its local handler from the repository's IaC alone — Serverless default naming and `name:`,
// SAM FunctionName, Terraform function_name, CDK construct ids — and cognito-triggers.json still
// overrides; cognito-local holds the pool, whose LambdaConfig names functions by ARN.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CreateUserPoolCommand, UpdateUserPoolCommand } from '@aws-sdk/client-cognito-identity-provider';
import { URI } from 'vscode-uri';
import { createAwsClients, type AwsClients } from '../../server/src/core/aws/clients';
import type { AwsBindingsRequest, AwsResult, SlotView } from '../../server/src/core/protocol';
import { startFakeAws, type FakeAws } from '../fakeAws/server';
import { startServer, REPO_ROOT, type TestServer } from '../server/harness';
import { isolateAwsEnv, startCognitoLocal, type CognitoLocal } from './cognitoLocal';
import { ensureBuilt } from '../ensureBuilt';

const CLI = path.join(REPO_ROOT, 'dist', 'cli.js');
const arn = (name: string) => `arn:aws:lambda:us-east-1:123456789012:function:${name}`;

function cli(args: string[], env: Record<string, string>, cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A repository with four IaC tools, none of which is annotated or in a bindings file. */
function project(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bindings-link-'));
  fs.mkdirSync(path.join(dir, '.git'));
  const write = (rel: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  };
  write('serverless.yml', 'service: shop\nprovider: { name: aws, runtime: nodejs20.x }\nfunctions:\n  preSignUp:\n    handler: fn1/handler.handler\n    events: [{ cognitoUserPool: { pool: users, trigger: PreSignUp, existing: true } }]\n  post:\n    name: custom-post-${sls:stage}\n    handler: fn2/handler.main\n    events: [{ cognitoUserPool: { pool: users, trigger: PostConfirmation, existing: true } }]\n');
  write('fn1/handler.js', 'exports.handler = async (event) => event;\n');
  write('fn2/handler.js', 'exports.main = async (event) => event;\n');
  write('sam/template.yaml', "AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::Serverless-2016-10-31\nResources:\n  Migrate:\n    Type: AWS::Serverless::Function\n    Properties:\n      FunctionName: sam-migrate\n      CodeUri: src/\n      Handler: migrate.handler\n      Runtime: nodejs22.x\n      Events:\n        M: { Type: Cognito, Properties: { UserPool: !Ref Pool, Trigger: UserMigration } }\n  Pool:\n    Type: AWS::Cognito::UserPool\n");
  write('sam/src/migrate.js', 'exports.handler = async (event) => event;\n');
  write('tf/main.tf', 'resource "aws_cognito_user_pool" "p" {\n  lambda_config {\n    custom_message = aws_lambda_function.msg.arn\n  }\n}\nresource "aws_lambda_function" "msg" {\n  function_name = "tf-message"\n  handler       = "message.handler"\n  runtime       = "nodejs20.x"\n}\n');
  write('tf/message.js', 'exports.handler = async (event) => event;\n');
  write('infra/cdk.json', '{}');
  write('infra/lib/stack.ts', "import * as cognito from 'aws-cdk-lib/aws-cognito';\nimport { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';\nconst define = new NodejsFunction(this, 'DefineChallenge', { entry: 'lambda/define.ts' });\nnew cognito.UserPool(this, 'Pool', { lambdaTriggers: { defineAuthChallenge: define } });\n");
  write('infra/lambda/define.ts', 'export const handler = async (event: unknown) => event;\n');
  return dir;
}

// As deployed: Serverless's <service>-<stage>-<key> and its name:, SAM's FunctionName, Terraform's function_name,
// and the name CloudFormation gives a CDK function without functionName (<stack>-<logical id>-<suffix>).
const DEPLOYED: Record<string, string> = {
  PreSignUp: 'shop-dev-preSignUp',
  PostConfirmation: 'custom-post-dev',
  UserMigration: 'sam-migrate',
  CustomMessage: 'tf-message',
  DefineAuthChallenge: 'AuthStack-DefineChallengeA1B2C3D4-Xy12Ab34Cd56',
  PreAuthentication: 'not-in-this-repository',
};

const linked = (slots: SlotView[]) => Object.fromEntries(slots.filter((s) => s.functionArn).map((s) => [s.slot, s.handler ? `${s.handler.file}#${s.handler.handlerName} ${s.handler.from}` : '-']));

describe('bindings: a deployed slot linked to its local handler without cognito-triggers.json', () => {
  let cl: CognitoLocal;
  let fake: FakeAws;
  let clients: AwsClients;
  let env: Record<string, string>;
  let poolId: string;
  before(async () => {
    isolateAwsEnv();
    ensureBuilt();
    [cl, fake] = await Promise.all([startCognitoLocal(), startFakeAws({ functions: [], identityPools: [] })]);
    env = { AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: cl.endpoint, AWS_ENDPOINT_URL_LAMBDA: fake.endpoint, AWS_REGION: 'us-east-1' };
    clients = await createAwsClients({ region: 'us-east-1', endpoints: { cognitoIdentityProvider: cl.endpoint, lambda: fake.endpoint } });
    poolId = (await clients.userPools.send(new CreateUserPoolCommand({ PoolName: 'users' }))).UserPool?.Id as string;
    const lambdaConfig = Object.fromEntries(Object.entries(DEPLOYED).map(([slot, name]) => [slot, arn(name)]));
    await clients.userPools.send(new UpdateUserPoolCommand({ UserPoolId: poolId, LambdaConfig: lambdaConfig }));
  });
  after(async () => {
    clients?.destroy();
    await Promise.all([cl?.stop(), fake?.stop()]);
  });

  const expected = {
    PreSignUp: 'fn1/handler.js#handler iac',
    PostConfirmation: 'fn2/handler.js#main iac',
    UserMigration: 'sam/src/migrate.js#handler iac',
    CustomMessage: 'tf/message.js#handler iac',
    DefineAuthChallenge: 'infra/lambda/define.ts#handler iac',
    PreAuthentication: '-',
  };

  it('server: the bindings request gives each slot its handler file, a clickable URI and the IaC line', async () => {
    const dir = project();
    let server: TestServer | undefined;
    try {
      server = await startServer({ workspace: dir, trusted: true, settings: { aws: { region: 'us-east-1', endpoints: { lambda: fake.endpoint, cognitoIdentityProvider: cl.endpoint } } } });
      const folder = URI.file(dir).toString();
      const r = await server.request<AwsResult<AwsBindingsRequest.Result>>('cognitoTriggers/aws/bindings', { folders: [folder], userPoolIds: [poolId], identityPoolIds: [] });
      assert.ok(r.ok, JSON.stringify(r));
      if (!r.ok) return;
      const slots = r.value.userPools[0]?.slots ?? [];
      assert.deepEqual(linked(slots), expected);
      const pre = slots.find((s) => s.slot === 'PreSignUp')?.handler;
      assert.equal(pre?.uri, URI.file(path.join(dir, 'fn1', 'handler.js')).toString());
      assert.equal(pre?.why, 'serverless.yml:5 functions.preSignUp (deployed as shop-*-preSignUp)');
      // The bindings file stays an explicit override: it maps the same function to another file.
      fs.writeFileSync(path.join(dir, 'cognito-triggers.json'), JSON.stringify({ handlers: [{ file: 'fn2/handler.js', handler: 'main', functionName: 'shop-dev-preSignUp' }] }));
      const o = await server.request<AwsResult<AwsBindingsRequest.Result>>('cognitoTriggers/aws/bindings', { folders: [folder], userPoolIds: [poolId], identityPoolIds: [] });
      assert.ok(o.ok, JSON.stringify(o));
      if (!o.ok) return;
      assert.equal(linked(o.value.userPools[0]?.slots ?? []).PreSignUp, 'fn2/handler.js#main bindingsFile');
    } finally {
      await server?.stop();
    }
  });

  it('CLI: bindings prints the local handler of each slot with the IaC line, from a sub-folder of the project', async () => {
    const dir = project();
    const r = await cli(['bindings', '--user-pool', poolId, '--json'], env, path.join(dir, 'fn1'));
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(linked((JSON.parse(r.stdout) as { slots: SlotView[] }).slots), expected);
    const text = await cli(['bindings', '--user-pool', poolId], env, dir);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /CustomMessage\s+arn:aws:lambda:us-east-1:123456789012:function:tf-message {2}← tf\/message\.js#handler \(tf\/main\.tf:\d+ aws_lambda_function\.msg \(deployed as tf-message\)\)/);
  });
});
