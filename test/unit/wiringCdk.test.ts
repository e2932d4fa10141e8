// The CDK, Amplify Gen 2 and serverless.ts readers: TypeScript infrastructure code read without running it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readWiring, type WiredHandler } from '../../server/src/core/wiring';
import { memoryWiringFs } from '../../server/src/core/wiring/nodeFs';

const read = (files: Record<string, string>) => readWiring('/', { fs: memoryWiringFs(files) });
const brief = (h: WiredHandler) => `${h.kind} ${h.file ?? '?'}#${h.export} ${h.trigger}${h.lambdaVersion ? ` ${h.lambdaVersion}` : ''}${h.runtime ? ` ${h.runtime}` : ''}`;
const fact = (h: WiredHandler | undefined, f: string) => h?.evidence.find((e) => e.fact === f);

const STACK = `import * as path from 'path';
import { Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { PythonFunction } from '@aws-cdk/aws-lambda-python-alpha';
import { LAMBDA_DIR } from './constants';

export class AuthStack extends Stack {
  constructor(scope, id, props) {
    super(scope, id, props);
    const preSignUp = new NodejsFunction(this, 'PreSignUp', {
      entry: path.join(__dirname, '..', 'lambda', 'pre-sign-up.ts'),
      runtime: lambda.Runtime.NODEJS_22_X,
    });
    this.messageFn = new lambda.Function(this, 'Message', {
      runtime: lambda.Runtime.NODEJS_20_X,
      handler: 'message.main',
      code: lambda.Code.fromAsset(path.join(LAMBDA_DIR, 'dist')),
    });
    const tokens = new NodejsFunction(this, 'Tokens', { entry: \`\${LAMBDA_DIR}/tokens.mjs\`, handler: 'tokens' });
    const migrate = new PythonFunction(this, 'Migrate', { entry: path.join(__dirname, '../py'), runtime: lambda.Runtime.PYTHON_3_12, index: 'migrate.py' });
    const pool = new cognito.UserPool(this, 'UserPool', {
      userPoolName: 'users',
      featurePlan: cognito.FeaturePlan.ESSENTIALS,
      lambdaTriggers: {
        preSignUp,
        customMessage: this.messageFn,
        // postConfirmation: postFn,
        userMigration: migrate,
      },
    });
    pool.addTrigger(cognito.UserPoolOperation.PRE_TOKEN_GENERATION_CONFIG, tokens, cognito.LambdaVersion.V2_0);
    pool.addTrigger(cognito.UserPoolOperation.POST_CONFIRMATION, lambda.Function.fromFunctionArn(this, 'Ext', 'arn:aws:lambda:us-east-1:1:function:x'));
    pool.addTrigger(cognito.UserPoolOperation.PRE_AUTHENTICATION, makeFn(this, 'pre-auth'));
  }
}
`;

test('CDK: lambdaTriggers and addTrigger with NodejsFunction, lambda.Function and PythonFunction; constants and path.join(__dirname)', async () => {
  const w = await read({
    'infra/lib/auth-stack.ts': STACK,
    'infra/lib/constants.ts': "import * as path from 'path';\nexport const LAMBDA_DIR = path.join(__dirname, '../../lambda');\n",
    'infra/lambda/pre-sign-up.ts': '',
    'lambda/src/message.ts': '',
    'lambda/tokens.ts': '',
    'infra/py/migrate.py': '',
  });
  assert.deepEqual(w.handlers.map(brief), [
    'cdk infra/lambda/pre-sign-up.ts#handler PreSignUp nodejs22.x',
    'cdk lambda/src/message.ts#main CustomMessage nodejs20.x',
    'cdk infra/py/migrate.py#handler UserMigration python3.12',
    'cdk lambda/tokens.ts#tokens PreTokenGenerationV2 V2_0',
  ]);
  assert.deepEqual(fact(w.handlers[0], 'trigger'), { fact: 'trigger', file: 'infra/lib/auth-stack.ts', line: 27, text: 'lambdaTriggers.preSignUp of UserPool binds preSignUp to PreSignUp' });
  assert.equal(fact(w.handlers[0], 'runtime')?.line, 14);
  assert.equal(fact(w.handlers[3], 'lambdaVersion')?.line, 33);
  assert.deepEqual(w.handlers[0]?.pool, { ref: 'UserPool', name: 'users', logicalId: '*UserPool*' });
  const reasons = w.unresolved.map((u) => `${u.line} ${u.reason}`);
  assert.equal(reasons.length, 2, reasons.join('\n'));
  assert.match(reasons[0] ?? '', /^34 .*fromFunctionArn.* imports a function built elsewhere/);
  assert.match(reasons[1] ?? '', /^35 makeFn\(this, 'pre-auth'\) is not a function this reader can follow/);
  assert.ok(w.files.includes('infra/lib/constants.ts'));
});

test('CDK: NodejsFunction without entry uses <file>.<id>.ts; CfnUserPool lambdaConfig; a bare relative entry is relative to cdk.json', async () => {
  const w = await read({
    'app/cdk.json': '{}',
    'app/lib/stack.ts': `import { CfnUserPool } from 'aws-cdk-lib/aws-cognito';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
const defineFn = new NodejsFunction(this, 'define');
const senderFn = new NodejsFunction(this, 'Sender', { entry: 'src/sender.ts' });
new CfnUserPool(this, 'Pool', {
  lambdaConfig: {
    defineAuthChallenge: defineFn.functionArn,
    customEmailSender: { lambdaArn: senderFn.functionArn, lambdaVersion: 'V1_0' },
    kmsKeyId: key.keyArn,
  },
});
`,
    'app/lib/stack.define.ts': '',
    'app/src/sender.ts': '',
  });
  assert.deepEqual(w.handlers.map(brief), ['cdk app/lib/stack.define.ts#handler DefineAuthChallenge', 'cdk app/src/sender.ts#handler CustomEmailSender V1_0']);
  assert.equal(w.handlers[1]?.kmsKey, 'key.keyArn');
});

test('CDK: an addPropertyOverride escape hatch sets the pre token version', async () => {
  const w = await read({
    'lib/stack.ts': `import * as cognito from 'aws-cdk-lib/aws-cognito';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
const fn = new NodejsFunction(this, 'Tok', { entry: 'lambda/tok.ts' });
const pool = new cognito.UserPool(this, 'P', { lambdaTriggers: { preTokenGeneration: fn } });
(pool.node.defaultChild as cognito.CfnUserPool).addPropertyOverride('LambdaConfig.PreTokenGenerationConfig.LambdaVersion', 'V3_0');
`,
    'lambda/tok.ts': '',
  });
  assert.deepEqual(w.handlers.map(brief), ['cdk lambda/tok.ts#handler PreTokenGenerationV3 V3_0']);
  assert.equal(fact(w.handlers[0], 'lambdaVersion')?.line, 5);
});

test('Amplify Gen 2: defineAuth triggers, defineFunction entry (default ./handler.ts), runtime, backend.ts override', async () => {
  const w = await read({
    'amplify/auth/resource.ts': `import { defineAuth } from '@aws-amplify/backend';
import { preSignUp } from './pre-sign-up/resource';
import { customMessage } from '../functions/custom-message/resource';
import { preTokenGeneration } from './pre-token/resource';
export const auth = defineAuth({
  loginWith: { email: true },
  triggers: { preSignUp, customMessage, preTokenGeneration },
});
`,
    'amplify/auth/pre-sign-up/resource.ts': "import { defineFunction } from '@aws-amplify/backend';\nexport const preSignUp = defineFunction({ name: 'pre-sign-up', runtime: 22 });\n",
    'amplify/auth/pre-sign-up/handler.ts': '',
    'amplify/functions/custom-message/resource.ts': "import { defineFunction } from '@aws-amplify/backend';\nexport const customMessage = defineFunction({ name: 'custom-message', entry: './src/main.ts' });\n",
    'amplify/functions/custom-message/src/main.ts': '',
    'amplify/auth/pre-token/resource.ts': "import { defineFunction } from '@aws-amplify/backend';\nexport const preTokenGeneration = defineFunction({ name: 'pre-token' });\n",
    'amplify/auth/pre-token/handler.ts': '',
    'amplify/backend.ts': `import { defineBackend } from '@aws-amplify/backend';
import { auth } from './auth/resource';
import { preTokenGeneration } from './auth/pre-token/resource';
const backend = defineBackend({ auth, preTokenGeneration });
const { cfnUserPool } = backend.auth.resources.cfnResources;
cfnUserPool.addPropertyOverride('LambdaConfig.PreTokenGenerationConfig', {
  LambdaArn: backend.preTokenGeneration.resources.lambda.functionArn,
  LambdaVersion: 'V2_0',
});
`,
  });
  assert.deepEqual(w.handlers.map(brief), [
    'amplify-gen2 amplify/auth/pre-sign-up/handler.ts#handler PreSignUp nodejs22.x',
    'amplify-gen2 amplify/functions/custom-message/src/main.ts#handler CustomMessage',
    'amplify-gen2 amplify/auth/pre-token/handler.ts#handler PreTokenGenerationV2 V2_0',
  ]);
  assert.deepEqual(fact(w.handlers[0], 'trigger'), { fact: 'trigger', file: 'amplify/auth/resource.ts', line: 7, text: 'defineAuth triggers.preSignUp binds preSignUp to PreSignUp' });
  assert.match(fact(w.handlers[0], 'handler')?.text ?? '', /\(the default handler\.ts\)/);
  assert.equal(fact(w.handlers[2], 'lambdaVersion')?.file, 'amplify/backend.ts');
  assert.deepEqual(w.unresolved, []);
});

test('serverless.ts: the exported configuration with handlerPath(__dirname) functions imported from other files', async () => {
  const w = await read({
    'serverless.ts': `import type { AWS } from '@serverless/typescript';
import { preSignUp } from '@functions/index';
import hello from './src/functions/hello';
const serverlessConfiguration: AWS = {
  service: 'ts-svc',
  provider: { name: 'aws', runtime: 'nodejs20.x' },
  functions: { hello },
};
module.exports = serverlessConfiguration;
`,
    'src/functions/hello/index.ts': "import { handlerPath } from '@libs/handler-resolver';\nexport default {\n  handler: `${handlerPath(__dirname)}/handler.main`,\n  events: [{ cognitoUserPool: { pool: 'Users', trigger: 'PostConfirmation', existing: true } }],\n};\n",
    'src/functions/hello/handler.ts': '',
  });
  assert.deepEqual(w.handlers.map(brief), ['serverless src/functions/hello/handler.ts#main PostConfirmation nodejs20.x']);
  assert.deepEqual(fact(w.handlers[0], 'trigger'), { fact: 'trigger', file: 'src/functions/hello/index.ts', line: 4, text: 'binds functions.hello to PostConfirmation of Users (existing pool)' });
});

// The aws-nodejs-typescript template layout: tsconfig `paths` (in an `extends`-ed tsconfig.paths.json),
// `import * as functions from '@functions/index'` whose index re-exports each function folder's default.
test('serverless.ts: tsconfig paths aliases and namespace re-exports (the aws-nodejs-typescript template layout)', async () => {
  const w = await read({
    'tsconfig.json': '{\n  // the template keeps paths in a second file\n  "extends": "./tsconfig.paths",\n  "compilerOptions": { "strict": true, },\n}\n',
    'tsconfig.paths.json': '{ "compilerOptions": { "baseUrl": ".", "paths": { "@functions/*": ["src/functions/*"], "@libs/*": ["src/libs/*"], "@pool": ["src/resources/pool.ts"] } } }',
    'serverless.ts': `import type { AWS } from '@serverless/typescript';
import * as functions from '@functions/index';
import { poolResources } from '@pool';
const serverlessConfiguration: AWS = {
  service: 'tmpl',
  provider: { name: 'aws', runtime: 'nodejs20.x' },
  functions,
  resources: { Resources: { ...poolResources } },
};
module.exports = serverlessConfiguration;
`,
    'src/functions/index.ts': "export { default as preSignUp } from './cognito/preSignUp';\nexport * from './more';\nexport * as customMessage from './cognito/customMessage';\n",
    'src/functions/more.ts': "export { default as postConfirmation } from './cognito/postConfirmation';\nexport { default as hello } from './hello';\n",
    'src/functions/cognito/preSignUp/index.ts': "import { handlerPath } from '@libs/handler-resolver';\nexport default {\n  handler: `${handlerPath(__dirname)}/handler.main`,\n  events: [{ cognitoUserPool: { pool: 'tmpl-users', trigger: 'PreSignUp' as const, existing: true } }],\n};\n",
    'src/functions/cognito/preSignUp/handler.ts': '',
    'src/functions/cognito/postConfirmation/index.ts': "export default {\n  handler: 'src/functions/cognito/postConfirmation/handler.main',\n};\n",
    'src/functions/cognito/postConfirmation/handler.ts': '',
    // A namespace re-export is the module's named exports: here the function's config itself.
    'src/functions/cognito/customMessage/index.ts': "export const handler = 'src/functions/cognito/customMessage/handler.main';\nexport const events = [{ cognitoUserPool: { pool: 'tmpl-users', trigger: 'CustomMessage', existing: true } }];\n",
    'src/functions/cognito/customMessage/handler.ts': '',
    'src/functions/hello/index.ts': "export default { handler: 'src/functions/hello/handler.main', events: [{ http: { method: 'get', path: 'hello' } }] };\n",
    'src/functions/hello/handler.ts': '',
    'src/resources/pool.ts': "export const poolResources = {\n  UserPool: {\n    Type: 'AWS::Cognito::UserPool',\n    Properties: { LambdaConfig: { PostConfirmation: { 'Fn::GetAtt': ['PostConfirmationLambdaFunction', 'Arn'] } } },\n  },\n};\n",
  });
  assert.deepEqual(w.handlers.map(brief).sort(), [
    'serverless src/functions/cognito/customMessage/handler.ts#main CustomMessage nodejs20.x',
    'serverless src/functions/cognito/postConfirmation/handler.ts#main PostConfirmation nodejs20.x',
    'serverless src/functions/cognito/preSignUp/handler.ts#main PreSignUp nodejs20.x',
  ]);
  const pre = w.handlers.find((h) => h.trigger === 'PreSignUp');
  assert.deepEqual(fact(pre, 'trigger'), { fact: 'trigger', file: 'src/functions/cognito/preSignUp/index.ts', line: 4, text: 'binds functions.preSignUp to PreSignUp of tmpl-users (existing pool)' });
  assert.deepEqual(fact(w.handlers.find((h) => h.trigger === 'PostConfirmation'), 'trigger'), { fact: 'trigger', file: 'src/resources/pool.ts', line: 4, text: 'binds functions.postConfirmation to PostConfirmation of UserPool' });
  // An edit to the aliases must re-read the service.
  assert.ok(w.files.includes('tsconfig.paths.json') && w.files.includes('tsconfig.json'), w.files.join(', '));
  assert.deepEqual(w.unresolved, []);
});

test('CDK: an entry path from a namespace import through a baseUrl-relative bare specifier', async () => {
  const w = await read({
    'tsconfig.json': '{ "compilerOptions": { "baseUrl": "src" } }',
    'src/stack.ts': `import * as cognito from 'aws-cdk-lib/aws-cognito';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as entries from 'config/entries';
const fn = new NodejsFunction(this, 'Pre', { entry: entries.preSignUp });
new cognito.UserPool(this, 'P', { lambdaTriggers: { preSignUp: fn } });
`,
    'src/config/entries.ts': "import * as path from 'path';\nexport const preSignUp = path.join(__dirname, '../lambda/pre.ts');\n",
    'src/lambda/pre.ts': '',
  });
  assert.deepEqual(w.handlers.map(brief), ['cdk src/lambda/pre.ts#handler PreSignUp']);
});

// The construct of aws-samples/amazon-cognito-passwordless-auth: it creates a pool (construct id from a
// template literal) or wires the one it is given, so each handler has two alternative pools.
test('CDK: a pool created with a computed id is named (not "?"); one entry per (pool, trigger) with the evidence of every path', async () => {
  const w = await read({
    'lib/construct.ts': `import * as cdk from 'aws-cdk-lib';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
export class Passwordless extends Construct {
  constructor(scope: Construct, id: string, props: { userPool?: cdk.aws_cognito.UserPool }) {
    super(scope, id);
    this.preSignUpFn = new NodejsFunction(this, 'PreSignUp', { entry: 'fns/pre-signup.ts' });
    if (!props.userPool) {
      const mergedProps = { lambdaTriggers: { preSignUp: this.preSignUpFn } };
      this.userPool = new cdk.aws_cognito.UserPool(scope, \`UserPool\${id}\`, mergedProps);
      this.userPool.addTrigger(cdk.aws_cognito.UserPoolOperation.PRE_SIGN_UP, this.preSignUpFn);
    } else {
      props.userPool.addTrigger(cdk.aws_cognito.UserPoolOperation.PRE_SIGN_UP, this.preSignUpFn);
    }
  }
}
`,
    'fns/pre-signup.ts': '',
  });
  const slots = w.handlers.map((h) => `${h.file}#${h.export} ${h.trigger} ${h.pool?.ref}`);
  assert.deepEqual(slots, ['fns/pre-signup.ts#handler PreSignUp UserPool*', 'fns/pre-signup.ts#handler PreSignUp props.userPool']);
  const created = w.handlers[0];
  assert.deepEqual(created?.evidence.filter((e) => e.fact === 'trigger').map((e) => `${e.line} ${e.text}`), [
    '8 lambdaTriggers.preSignUp of UserPool* binds this.preSignUpFn to PreSignUp',
    '10 this.userPool.addTrigger(cdk.aws_cognito.UserPoolOperation.PRE_SIGN_UP) binds this.preSignUpFn to PreSignUp of UserPool*',
  ]);
});

test('two files that wire the same handler to the same pool give one entry with the evidence of both', async () => {
  const pool = "Resources:\n  Pool:\n    Type: AWS::Cognito::UserPool\n    Properties:\n      LambdaConfig:\n        PreSignUp: !GetAtt PreFn.Arn\n  PreFn:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: src/\n      Handler: pre.handler\n      Runtime: nodejs20.x\n";
  const w = await read({
    'template.yaml': `AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::Serverless-2016-10-31\n${pool}`,
    'stacks/copy.yaml': `AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::Serverless-2016-10-31\n${pool.replace('CodeUri: src/', 'CodeUri: ../src/')}`,
    'src/pre.ts': '',
  });
  assert.equal(w.handlers.length, 1, w.handlers.map((h) => `${h.file} ${h.pool?.ref}`).join('\n'));
  assert.deepEqual(w.handlers[0]?.evidence.filter((e) => e.fact === 'trigger').map((e) => e.file), ['stacks/copy.yaml', 'template.yaml']);
});
