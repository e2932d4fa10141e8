// Pool names the IaC computes (CloudFormation/SAM !Sub, Fn::Join, !Ref with Parameters and samconfig.toml),
// and matching a deployed pool to them by name or by CloudFormation's logical-id / stack-name tags.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { managedSlotWarnings } from '../../server/src/core/aws/iacManaged';
import { readWiring, type WiringResult } from '../../server/src/core/wiring';
import { poolMatch } from '../../server/src/core/wiring/deployed';
import { memoryWiringFs } from '../../server/src/core/wiring/nodeFs';

const read = (files: Record<string, string>) => readWiring('/', { fs: memoryWiringFs(files) });
const pools = (w: WiringResult) => w.handlers.map((h) => h.pool);

const template = (name: string, params = '') => `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Parameters:
  Stage: { Type: String, Default: dev }
  Prefix: { Type: String }
${params}Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/
      Handler: app.handler
      Runtime: nodejs22.x
      Events:
        SignUp:
          Type: Cognito
          Properties:
            UserPool: !Ref Users
            Trigger: PreSignUp
  Users:
    Type: AWS::Cognito::UserPool
    Properties:
${name}
`;
const files = (name: string, extra: Record<string, string> = {}) => ({ 'template.yaml': template(name), 'src/app.js': 'exports.handler = async (e) => e;\n', ...extra });

test('CloudFormation/SAM: !Sub and !Ref from Parameters defaults; a parameter with no default is * with the reason; pseudo parameters', async () => {
  const [p] = pools(await read(files('      UserPoolName: !Sub "${Stage}-users"')));
  assert.deepEqual(p, { ref: 'Users', name: 'dev-users', logicalId: 'Users' });
  const [q] = pools(await read(files('      UserPoolName: !Sub "${Prefix}-${Stage}-users"')));
  assert.equal(q?.name, '*-dev-users');
  assert.equal(q?.nameWhy, 'computed from ${Prefix}, which has no default');
  const [r] = pools(await read(files('      UserPoolName: !Sub "${AWS::StackName}-users"')));
  assert.equal(r?.name, '*-users');
  assert.match(r!.nameWhy!, /the stack's name \(AWS::StackName\), which the project does not state/);
  const [s] = pools(await read(files("      UserPoolName: !Join ['-', [!Ref Stage, !Ref 'AWS::Region', users]]")));
  assert.equal(s?.name, 'dev-*-users');
  assert.match(s!.nameWhy!, /the Region it is deployed in \(AWS::Region\)/);
  const [t] = pools(await read(files('      UserPoolName: !Sub\n        - "${Env}-pool"\n        - { Env: !Ref Stage }')));
  assert.equal(t?.name, 'dev-pool');
  const [u] = pools(await read(files('      UserPoolName: !Ref Prefix')));
  assert.deepEqual([u?.name, u?.nameWhy], ['*', 'computed from ${Prefix}, which has no default']);
  const [none] = pools(await read(files('      MfaConfiguration: "OFF"')));
  assert.deepEqual([none?.name, none?.nameWhy, none?.logicalId], [undefined, 'not in the template (no UserPoolName: CloudFormation names the pool)', 'Users']);
});

test('SAM: samconfig.toml beside the template overrides defaults (deploy over global) and gives the stack name', async () => {
  const config = `version = 0.1
[default.global.parameters]
stack_name = "shop-global"
parameter_overrides = "Stage=global"

[default.deploy.parameters]
stack_name = "shop-prod"
parameter_overrides = "Stage=\\"prod\\" Prefix=acme"

[dev.deploy.parameters]
parameter_overrides = "Stage=other"
`;
  const w = await read(files('      UserPoolName: !Sub "${Prefix}-${AWS::StackName}-${Stage}"', { 'samconfig.toml': config }));
  assert.deepEqual(pools(w)[0], { ref: 'Users', name: 'acme-shop-prod-prod', logicalId: 'Users', stackName: 'shop-prod' });
  assert.ok(w.files.includes('samconfig.toml'), 'the config is a dependency (an edit re-reads the template)');
  // The ParameterKey=…,ParameterValue=… form, as a list.
  const listed = await read(files('      UserPoolName: !Sub "${Prefix}-users"', { 'samconfig.toml': '[default.deploy.parameters]\nparameter_overrides = ["ParameterKey=Prefix,ParameterValue=zed"]\n' }));
  assert.equal(pools(listed)[0]?.name, 'zed-users');
  // An override for an undeclared parameter changes nothing; a broken file is ignored.
  const broken = await read(files('      UserPoolName: !Sub "${Stage}-users"', { 'samconfig.toml': '[default.deploy.parameters\nstack_name = ' }));
  assert.equal(pools(broken)[0]?.name, 'dev-users');
  const noStack = await read(files('      UserPoolName: !Sub "${AWS::StackName}"', { 'samconfig.toml': '[default.deploy.parameters]\nconfirm_changeset = true\n' }));
  assert.match(pools(noStack)[0]!.nameWhy!, /samconfig\.toml has no stack_name/);
});

test('poolMatch: the logical-id tag decides (with the stack name when stated); a stated name rules out other pools; else why not', () => {
  const tags = (logicalId: string, stack = 'shop-prod') => ({ 'aws:cloudformation:logical-id': logicalId, 'aws:cloudformation:stack-name': stack });
  const computed = { ref: 'Users', name: '*', nameWhy: 'computed from ${Prefix}, which has no default', logicalId: 'Users' };
  assert.deepEqual(poolMatch(computed, { name: 'whatever', tags: tags('Users') }), { match: 'tags' });
  assert.deepEqual(poolMatch(computed, { name: 'whatever', tags: tags('OtherPool') }), { match: false });
  assert.deepEqual(poolMatch({ ...computed, stackName: 'shop-dev' }, { name: 'x', tags: tags('Users') }), { match: false });
  assert.deepEqual(poolMatch(computed, { name: 'whatever' }), { cannot: 'the name is computed from ${Prefix}, which has no default, and the pool has no aws:cloudformation:logical-id tag to match its logical id Users instead' });
  // A wildcard name matches by name; a stated name that differs is another pool even with the same logical id.
  assert.deepEqual(poolMatch({ ref: 'Users', name: '*-dev-users', logicalId: 'Users' }, { name: 'acme-dev-users' }), { match: 'name' });
  assert.deepEqual(poolMatch({ ref: 'Users', name: 'shop-users', logicalId: 'Users' }, { name: 'blog-users', tags: tags('Users') }), { match: false });
  assert.deepEqual(poolMatch({ ref: 'aws_cognito_user_pool.p', name: '*' }, { name: 'x' }), { cannot: 'the name is "*", which says too little to match' });
});

const tf = (pool: string, extra: Record<string, string> = {}) => ({
  'infra/main.tf': `${pool}
resource "aws_cognito_user_pool" "pool" {
  name = ${extra.name ?? '"${var.prefix}-users"'}
  lambda_config {
    pre_sign_up = aws_lambda_function.pre.arn
  }
}
resource "aws_lambda_function" "pre" {
  function_name = "\${local.base}-pre"
  handler       = "index.handler"
  runtime       = "nodejs22.x"
}
`,
  'infra/index.js': 'exports.handler = async (e) => e;\n',
  ...Object.fromEntries(Object.entries(extra).filter(([k]) => k !== 'name')),
});

test('Terraform: ${var.x} from .tfvars (auto.tfvars later), then the default; ${local.x}; no default is * with the reason', async () => {
  const vars = 'variable "prefix" {\n  default = "shop"\n}\nlocals {\n  base = "${var.prefix}-fn"\n}';
  const [h] = (await read(tf(vars))).handlers;
  assert.deepEqual(h?.pool, { ref: 'aws_cognito_user_pool.pool', name: 'shop-users' });
  assert.equal(h?.function.name, 'shop-fn-pre');
  const fromFiles = await read(tf(vars, { 'infra/terraform.tfvars': 'prefix = "acme"\n', 'infra/z.auto.tfvars': 'prefix = "zed"\n' }));
  assert.equal(fromFiles.handlers[0]?.pool?.name, 'zed-users');
  assert.ok(fromFiles.files.includes('infra/terraform.tfvars'), 'a .tfvars file is a dependency');
  const [none] = (await read(tf('variable "prefix" {}\nlocals {\n  base = "fn"\n}'))).handlers;
  assert.deepEqual([none?.pool?.name, none?.pool?.nameWhy], ['*-users', 'computed from ${var.prefix}, which has no default and no .tfvars file sets it']);
  const [ws] = (await read(tf('locals {\n  base = "fn"\n}', { name: '"users-${terraform.workspace}"' }))).handlers;
  assert.deepEqual([ws?.pool?.name, ws?.pool?.nameWhy], ['users-*', 'computed from ${terraform.workspace}, the workspace it is applied in']);
  const [fmt] = (await read(tf('locals {\n  base = "fn"\n}', { name: 'format("%s-users", "x")' }))).handlers;
  assert.deepEqual([fmt?.pool?.name, fmt?.pool?.nameWhy], ['*', 'computed from ${format("%s-users", "x")}, which is known only at plan time']);
});

test("Terraform: a child module's variable comes from its callers (the same value, or unknown when they differ)", async () => {
  const child = (files: Record<string, string>) => ({
    'modules/auth/main.tf': 'variable "prefix" {}\nresource "aws_cognito_user_pool" "pool" {\n  name = "${var.prefix}-users"\n  lambda_config {\n    pre_sign_up = aws_lambda_function.pre.arn\n  }\n}\nresource "aws_lambda_function" "pre" {\n  function_name = "pre"\n  handler = "index.handler"\n}\n',
    'modules/auth/index.js': 'exports.handler = async (e) => e;\n',
    ...files,
  });
  const one = await read(child({ 'envs/prod/main.tf': 'module "auth" {\n  source = "../../modules/auth"\n  prefix = "prod"\n}\n' }));
  assert.equal(one.handlers[0]?.pool?.name, 'prod-users');
  const two = await read(child({ 'envs/prod/main.tf': 'module "auth" {\n  source = "../../modules/auth"\n  prefix = "prod"\n}\n', 'envs/dev/main.tf': 'module "auth" {\n  source = "../../modules/auth"\n  prefix = "dev"\n}\n' }));
  assert.deepEqual([two.handlers[0]?.pool?.name, two.handlers[0]?.pool?.nameWhy], ['*-users', "computed from ${var.prefix}, which the module's callers set differently"]);
});

const cdkApp = (extra: Record<string, string> = {}) => ({
  'cdk.json': '{ "app": "npx ts-node bin/app.ts" }',
  'lib/auth.ts': `import { Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
export class AuthStack extends Stack {
  constructor(scope, id, props) {
    super(scope, id, props);
    const fn = new NodejsFunction(this, 'PreSignUp', { entry: 'lambda/pre.ts' });
    new cognito.UserPool(this, 'Users', { userPoolName: \`\${props.stage}-users\`, lambdaTriggers: { preSignUp: fn } });
  }
}
`,
  'lambda/pre.ts': 'export const handler = async (e) => e;\n',
  ...extra,
});

test('CDK: without cdk.out, the construct id as a logical-id pattern and the name as far as known; with cdk.out, both exactly', async () => {
  const [h] = (await read(cdkApp())).handlers;
  assert.deepEqual(h?.pool, { ref: 'Users', name: '*-users', nameWhy: 'partly computed when the app is synthesized (run cdk synth for the exact name)', logicalId: '*Users*' });
  const template = JSON.stringify({ Resources: { Users0A0EEA89: { Type: 'AWS::Cognito::UserPool', Properties: { UserPoolName: 'prod-users' }, Metadata: { 'aws:cdk:path': 'AuthStack/Users/Resource' } }, UsersSmsRole: { Type: 'AWS::IAM::Role', Metadata: { 'aws:cdk:path': 'AuthStack/Users/smsRole/Resource' } } } });
  const synthesized = await read(cdkApp({ 'cdk.out/AuthStack.template.json': template, 'cdk.out/manifest.json': '{}' }));
  assert.deepEqual(synthesized.handlers[0]?.pool, { ref: 'Users', name: 'prod-users', logicalId: 'Users0A0EEA89' });
  assert.ok(synthesized.files.includes('cdk.out/AuthStack.template.json'), 'a new synth re-reads the app');
  // Two stacks with a pool of that construct id: no exact answer, the pattern stays.
  const two = await read(cdkApp({ 'cdk.out/A.template.json': template, 'cdk.out/B.template.json': template.replace('Users0A0EEA89', 'Users11111111') }));
  assert.equal(two.handlers[0]?.pool?.logicalId, '*Users*');
  // Matched to a deployed pool by the tag: the synthesized id exactly, the pattern loosely.
  assert.deepEqual(poolMatch(synthesized.handlers[0]?.pool, { name: 'prod-users', tags: { 'aws:cloudformation:logical-id': 'Users0A0EEA89' } }), { match: 'tags' });
  assert.deepEqual(poolMatch(synthesized.handlers[0]?.pool, { name: 'prod-users', tags: { 'aws:cloudformation:logical-id': 'UsersFFFFFFFF' } }), { match: false });
  assert.deepEqual(poolMatch(h?.pool, { name: 'x-users', tags: { 'aws:cloudformation:logical-id': 'Users0A0EEA89' } }), { match: 'tags' });
});

test("Bind's managed-slot warning uses the same matching: a computed name or the logical-id tag makes it this pool's IaC", async () => {
  const wiring = await read(files('      UserPoolName: !Sub "${Prefix}-${Stage}-users"'));
  const thisPool = (w: string[]) => w.some((x) => x.startsWith("The repository's infrastructure code wires this slot"));
  assert.ok(thisPool(managedSlotWarnings({ Name: 'acme-dev-users' }, 'PreSignUp', wiring)));
  assert.ok(!thisPool(managedSlotWarnings({ Name: 'acme-prod-users' }, 'PreSignUp', wiring)));
  assert.ok(thisPool(managedSlotWarnings({ Name: 'acme-dev-users', UserPoolTags: { 'aws:cloudformation:logical-id': 'Users' } }, 'PreSignUp', wiring)));
});
