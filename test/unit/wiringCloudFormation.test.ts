// The SAM / CloudFormation reader: Cognito events, LambdaConfig, Globals, Conditions, JSON templates.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readWiring, type WiredHandler } from '../../server/src/core/wiring';
import { memoryWiringFs } from '../../server/src/core/wiring/nodeFs';

const read = (files: Record<string, string>) => readWiring('/', { fs: memoryWiringFs(files) });
const brief = (h: WiredHandler) => `${h.kind} ${h.file ?? '?'}#${h.export} ${h.trigger}${h.lambdaVersion ? ` ${h.lambdaVersion}` : ''}${h.runtime ? ` ${h.runtime}` : ''}`;
const fact = (h: WiredHandler | undefined, f: string) => h?.evidence.find((e) => e.fact === f);

const SAM = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: nodejs22.x
    Handler: app.handler
Conditions:
  IsProd: !Equals [!Ref Stage, prod]
Parameters:
  Stage: { Type: String }
  ExternalFn: { Type: String }
Resources:
  PreSignUpFn:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: functions/pre-sign-up/
      Events:
        SignUp:
          Type: Cognito
          Properties:
            UserPool: !Ref Pool
            Trigger: PreSignUp
  AuthFn:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: functions/auth
      Handler: index.main
      Runtime: python3.13
      Events:
        Challenge:
          Type: Cognito
          Properties:
            UserPool: { Ref: Pool }
            Trigger: [DefineAuthChallenge, CreateAuthChallenge]
  TokenFn:
    Type: AWS::Serverless::Function
    Condition: IsProd
    Metadata:
      BuildMethod: esbuild
      BuildProperties:
        EntryPoints: [src/token.ts]
    Properties:
      CodeUri: functions/token
      Handler: token.handler
  Pool:
    Type: AWS::Cognito::UserPool
    Properties:
      UserPoolName: users
      LambdaConfig:
        PreTokenGenerationConfig:
          LambdaArn: !If [IsProd, !GetAtt TokenFn.Arn, !Ref AWS::NoValue]
          LambdaVersion: V3_0
        PostConfirmation: !Ref ExternalFn
  Api:
    Type: AWS::AppSync::DataSource
    Properties:
      LambdaConfig:
        LambdaFunctionArn: !GetAtt AuthFn.Arn
`;

test('SAM: Cognito events (one trigger or a list), Globals, esbuild entry points, LambdaConfig with Fn::If', async () => {
  const w = await read({
    'template.yaml': SAM,
    'functions/pre-sign-up/app.mjs': '',
    'functions/auth/index.py': '',
    'functions/token/src/token.ts': '',
  });
  assert.deepEqual(w.handlers.map(brief), [
    'sam functions/token/src/token.ts#handler PreTokenGenerationV3 V3_0 nodejs22.x',
    'sam functions/pre-sign-up/app.mjs#handler PreSignUp nodejs22.x',
    'sam functions/auth/index.py#main DefineAuthChallenge python3.13',
    'sam functions/auth/index.py#main CreateAuthChallenge python3.13',
  ]);
  const token = w.handlers[0];
  assert.deepEqual(fact(token, 'trigger'), { fact: 'trigger', file: 'template.yaml', line: 50, text: 'binds TokenFn to PreTokenGenerationConfig of Pool' });
  assert.equal(fact(token, 'lambdaVersion')?.line, 52);
  const pre = w.handlers[1];
  assert.deepEqual(fact(pre, 'runtime'), { fact: 'runtime', file: 'template.yaml', line: 5, text: 'PreSignUpFn runs on nodejs22.x (from Globals.Function)' });
  assert.equal(fact(pre, 'trigger')?.line, 22);
  assert.deepEqual(pre?.pool, { ref: 'Pool', name: 'users', logicalId: 'Pool' });
  assert.deepEqual(w.unresolved.map((u) => `${u.line} ${u.what}: ${u.reason}`), ['53 Pool.LambdaConfig.PostConfirmation: the ARN comes from the template parameter ExternalFn']);
});

test('a resource under a Condition says so in its evidence', async () => {
  const w = await read({
    'template.yaml': SAM.replace('  TokenFn:\n    Type: AWS::Serverless::Function\n    Condition: IsProd', '  TokenFn:\n    Type: AWS::Serverless::Function').replace('      UserPoolName: users', '      UserPoolName: users\n    Condition: IsProd').replace("  Pool:\n    Type: AWS::Cognito::UserPool\n    Properties:\n      UserPoolName: users\n    Condition: IsProd", "  Pool:\n    Type: AWS::Cognito::UserPool\n    Condition: IsProd\n    Properties:\n      UserPoolName: users"),
    'functions/token/src/token.ts': '',
  });
  assert.match(fact(w.handlers[0], 'trigger')?.text ?? '', /of Pool \(only when condition IsProd holds\)$/);
});

test('CloudFormation JSON: AWS::Lambda::Function with a local Code folder, custom SMS sender with its KMS key', async () => {
  const template = {
    AWSTemplateFormatVersion: '2010-09-09',
    Resources: {
      Sender: { Type: 'AWS::Lambda::Function', Properties: { FunctionName: 'sms-sender', Runtime: 'nodejs20.x', Handler: 'dist/sender.handler', Code: './lambda' } },
      Pool: { Type: 'AWS::Cognito::UserPool', Properties: { LambdaConfig: { CustomSMSSender: { LambdaArn: { 'Fn::GetAtt': ['Sender', 'Arn'] }, LambdaVersion: 'V1_0' }, KMSKeyID: { 'Fn::GetAtt': ['Key', 'Arn'] } } } },
    },
  };
  const w = await read({ 'infra/stack.json': JSON.stringify(template, null, 2), 'infra/lambda/src/sender.ts': '' });
  assert.deepEqual(w.handlers.map(brief), ['cloudformation infra/lambda/src/sender.ts#handler CustomSMSSender V1_0 nodejs20.x']);
  assert.equal(w.handlers[0]?.kmsKey, '!GetAtt Key.Arn');
  assert.equal(w.handlers[0]?.function.name, 'sms-sender');
  assert.ok((fact(w.handlers[0], 'trigger')?.line ?? 0) > 1);
});

test('the legacy PreTokenGeneration key beside PreTokenGenerationConfig is one binding, not two', async () => {
  const w = await read({
    'template.yml': `Resources:
  Fn: { Type: AWS::Lambda::Function, Properties: { Handler: index.handler, Runtime: nodejs20.x, Code: src } }
  Pool:
    Type: AWS::Cognito::UserPool
    Properties:
      LambdaConfig:
        PreTokenGeneration: !GetAtt Fn.Arn
        PreTokenGenerationConfig: { LambdaArn: !GetAtt Fn.Arn, LambdaVersion: V2_0 }
`,
    'src/index.js': '',
  });
  assert.deepEqual(w.handlers.map(brief), ['cloudformation src/index.js#handler PreTokenGenerationV2 V2_0 nodejs20.x']);
});

test('files that are not templates are not read; a template with a syntax error yields nothing and does not throw', async () => {
  const w = await read({
    'package.json': '{"name": "x", "description": "AWS::Cognito::UserPool"}',
    '.github/workflows/ci.yml': 'AWSTemplateFormatVersion: x',
    'bad.yaml': 'AWSTemplateFormatVersion: "2010-09-09"\nResources: [\n',
  });
  assert.deepEqual(w.handlers, []);
  assert.deepEqual(w.files, ['bad.yaml']);
});

test('inline code and runtimes other than Node.js and Python are said to be so, never matched to a look-alike file', async () => {
  const w = await read({
    'template.yaml': `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  Pool:
    Type: AWS::Cognito::UserPool
    Properties:
      LambdaConfig:
        PostAuthentication: !GetAtt Audit.Arn
  AutoConfirm:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs20.x
      InlineCode: |
        exports.handler = async (event) => event;
      Events:
        SignUp: { Type: Cognito, Properties: { UserPool: !Ref Pool, Trigger: PreSignUp } }
  Scopes:
    Type: AWS::Serverless::Function
    Metadata: { BuildMethod: makefile }
    Properties:
      CodeUri: .
      Handler: bootstrap
      Runtime: provided.al2
      Events:
        Token: { Type: Cognito, Properties: { UserPool: !Ref Pool, Trigger: PreTokenGeneration } }
  Audit:
    Type: AWS::Lambda::Function
    Properties:
      Handler: index.handler
      Runtime: python3.12
      Code:
        ZipFile: |
          def handler(event, context):
              return event
`,
    // Files of other functions beside the template: no inline function is built from them.
    'index.js': 'exports.handler = async (event) => event;\n',
    'index.py': 'def handler(event, context):\n    return event\n',
  });
  assert.deepEqual(w.handlers.map((h) => `${h.file ?? '?'}#${h.export} ${h.trigger}`), ['?#handler PostAuthentication', '?#handler PreSignUp', '?#bootstrap PreTokenGeneration']);
  assert.deepEqual(w.unresolved.map((u) => `${u.what}: ${u.reason}`), [
    'Audit handler: the code is inline in the template (Code.ZipFile), not in a file',
    'AutoConfirm handler: the code is inline in the template (InlineCode), not in a file',
    'Scopes handler: runtime provided.al2 is neither Node.js nor Python: only Node.js and Python handlers are read',
  ]);
});
