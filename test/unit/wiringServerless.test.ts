// The Serverless Framework reader: events, resources LambdaConfig, includes, runtimes and the quirks of real services.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readWiring, type WiredHandler } from '../../server/src/core/wiring';
import { memoryWiringFs } from '../../server/src/core/wiring/nodeFs';
import { serverlessLogicalId } from '../../server/src/core/wiring/serverless';

const read = (files: Record<string, string>) => readWiring('/', { fs: memoryWiringFs(files) });
const brief = (h: WiredHandler) => `${h.file ?? '?'}#${h.export} ${h.trigger}${h.lambdaVersion ? ` ${h.lambdaVersion}` : ''}${h.runtime ? ` ${h.runtime}` : ''}`;
const line = (h: WiredHandler, fact: string) => h.evidence.find((e) => e.fact === fact);

test('cognitoUserPool events bind functions; the provider runtime applies; evidence has file:line', async () => {
  const w = await read({
    'serverless.yml': [
      'service: shop',
      'provider:',
      '  name: aws',
      '  runtime: nodejs20.x',
      'functions:',
      '  preSignUp:',
      '    handler: fn1/handler.main',
      '    events:',
      '      - cognitoUserPool:',
      '          pool: UserPool',
      '          trigger: PreSignUp',
      '          existing: true',
      '  custom:',
      '    handler: src/custom.handler',
      '    runtime: nodejs24.x',
      '    events:',
      '      - cognitoUserPool:',
      '          pool: UserPool',
      '          trigger: CustomMessage',
      '',
    ].join('\n'),
    'fn1/handler.js': 'exports.main = async (e) => e;',
    'src/custom.ts': 'export const handler = async (e: unknown) => e;',
  });
  assert.deepEqual(w.handlers.map(brief), ['fn1/handler.js#main PreSignUp nodejs20.x', 'src/custom.ts#handler CustomMessage nodejs24.x']);
  const h = w.handlers[0] as WiredHandler;
  assert.deepEqual(line(h, 'trigger'), { fact: 'trigger', file: 'serverless.yml', line: 11, text: 'binds functions.preSignUp to PreSignUp of UserPool (existing pool)' });
  assert.equal(line(h, 'runtime')?.line, 4);
  assert.equal(line(h, 'handler')?.line, 7);
  assert.deepEqual(h.pool, { ref: 'UserPool', name: 'UserPool', existing: true });
  assert.equal(h.function.name, 'shop-*-preSignUp');
  assert.equal(line(w.handlers[1] as WiredHandler, 'runtime')?.line, 15);
  assert.deepEqual(w.files, ['serverless.yml']);
  assert.deepEqual(w.unresolved, []);
});

test('the logical id Serverless derives from a function key', () => {
  assert.equal(serverlessLogicalId('preSignUp'), 'PreSignUpLambdaFunction');
  assert.equal(serverlessLogicalId('pre-sign_up'), 'PreDashsignUnderscoreupLambdaFunction');
});

test('resources LambdaConfig by GetAtt <Key>LambdaFunction, !Sub and Fn::Join ARNs; pre token V2 from resources', async () => {
  const w = await read({
    'serverless.yml': `service: auth
provider:
  name: aws
  runtime: nodejs20.x
  stage: \${opt:stage, 'dev'}
functions:
  preSignUp:
    handler: handlers/preSignUp.handler
  tokens:
    handler: handlers/tokens.handler
  migrate:
    handler: handlers/migrate.handler
  mail:
    handler: handlers/mail.handler
resources:
  Resources:
    UserPool:
      Type: AWS::Cognito::UserPool
      Properties:
        UserPoolName: \${self:service}-users
        LambdaConfig:
          PreSignUp: !GetAtt PreSignUpLambdaFunction.Arn
          # PostConfirmation: !GetAtt PostConfirmationLambdaFunction.Arn
          PreTokenGenerationConfig:
            LambdaArn: !Sub arn:aws:lambda:\${AWS::Region}:\${AWS::AccountId}:function:\${self:service}-\${self:provider.stage}-tokens
            LambdaVersion: V2_0
          UserMigration:
            Fn::Join:
              - ''
              - - 'arn:aws:lambda:'
                - Ref: AWS::Region
                - ':'
                - Ref: AWS::AccountId
                - ':function:\${self:service}-\${sls:stage}-migrate'
          CustomEmailSender:
            LambdaArn: !GetAtt MailLambdaFunction.Arn
            LambdaVersion: V1_0
          KMSKeyID: !GetAtt Key.Arn
`,
    'handlers/preSignUp.js': '',
    'handlers/tokens.js': '',
    'handlers/migrate.js': '',
    'handlers/mail.js': '',
  });
  assert.deepEqual(w.handlers.map(brief), [
    'handlers/preSignUp.js#handler PreSignUp nodejs20.x',
    'handlers/tokens.js#handler PreTokenGenerationV2 V2_0 nodejs20.x',
    'handlers/migrate.js#handler UserMigration nodejs20.x',
    'handlers/mail.js#handler CustomEmailSender V1_0 nodejs20.x',
  ]);
  const tokens = w.handlers[1] as WiredHandler;
  assert.equal(line(tokens, 'trigger')?.line, 24);
  assert.equal(line(tokens, 'lambdaVersion')?.line, 26);
  assert.deepEqual(tokens.pool, { ref: 'UserPool', name: 'auth-users', logicalId: 'UserPool' });
  const mail = w.handlers[3] as WiredHandler;
  assert.equal(mail.kmsKey, '!GetAtt Key.Arn');
  assert.equal(line(mail, 'kmsKey')?.line, 38);
  assert.deepEqual(w.unresolved, []);
});

test('${file()} includes: functions and resources from other files, with their own file:line', async () => {
  const w = await read({
    'svc/serverless.yml': 'service: s\nprovider:\n  name: aws\n  runtime: python3.12\nfunctions: ${file(./functions.yml)}\nresources:\n  - ${file(resources/pool.yml)}\n',
    'svc/functions.yml': 'verify:\n  handler: app.verify\n  events:\n    - cognitoUserPool: { pool: P, trigger: VerifyAuthChallengeResponse }\ndefine:\n  handler: challenge/define.handler\n',
    'svc/resources/pool.yml': 'Resources:\n  Pool:\n    Type: AWS::Cognito::UserPool\n    Properties:\n      LambdaConfig:\n        DefineAuthChallenge: !GetAtt DefineLambdaFunction.Arn\n',
    'svc/app.py': 'def verify(event, context):\n    return event\n',
    'svc/challenge/define.py': '',
  });
  assert.deepEqual(w.handlers.map(brief), ['svc/challenge/define.py#handler DefineAuthChallenge python3.12', 'svc/app.py#verify VerifyAuthChallengeResponse python3.12']);
  assert.deepEqual(line(w.handlers[0] as WiredHandler, 'trigger'), { fact: 'trigger', file: 'svc/resources/pool.yml', line: 6, text: 'binds functions.define to DefineAuthChallenge of Pool' });
  assert.equal(line(w.handlers[1] as WiredHandler, 'trigger')?.file, 'svc/functions.yml');
  assert.deepEqual(w.files, ['svc/functions.yml', 'svc/resources/pool.yml', 'svc/serverless.yml']);
});

test('quirks: BOM, duplicated keys (last wins), build output handlers, one function for several triggers', async () => {
  const w = await read({
    'serverless.yml': '\uFEFFservice: q\nprovider:\n  name: aws\n  runtime: nodejs18.x\n  runtime: nodejs22.x\nfunctions:\n  auth:\n    handler: dist/auth.handler\n    events:\n      - cognitoUserPool: { pool: P, trigger: DefineAuthChallenge }\n      - cognitoUserPool: { pool: P, trigger: CreateAuthChallenge }\n      # - cognitoUserPool: { pool: P, trigger: PreSignUp }\n',
    'src/auth.ts': '',
    'dist/auth.js': '',
  });
  assert.deepEqual(w.handlers.map(brief), ['src/auth.ts#handler DefineAuthChallenge nodejs22.x', 'src/auth.ts#handler CreateAuthChallenge nodejs22.x']);
  assert.match(line(w.handlers[0] as WiredHandler, 'handler')?.text ?? '', /dist\/auth is build output; its source is src\/auth\.ts/);
});

test('what cannot be resolved is listed with a reason', async () => {
  const w = await read({
    'serverless.yml': 'service: u\nprovider:\n  name: aws\n  runtime: ${self:custom.rt}\nfunctions:\n  a:\n    handler: missing/a.handler\n    events:\n      - cognitoUserPool: { pool: P, trigger: PreSignin }\n  b:\n    handler: b.handler\nresources:\n  Resources:\n    Pool:\n      Type: AWS::Cognito::UserPool\n      Properties:\n        LambdaConfig:\n          PostConfirmation: !ImportValue other-stack-fn\n          PreAuthentication: arn:aws:lambda:us-east-1:123456789012:function:elsewhere\n',
    'b.js': '',
  });
  assert.deepEqual(w.handlers, []);
  const reasons = w.unresolved.map((u) => `${u.line} ${u.what}: ${u.reason}`);
  assert.ok(reasons.some((r) => /^9 functions\.a cognitoUserPool\.trigger: PreSignin is not a user pool trigger/.test(r)), reasons.join('\n'));
  assert.ok(reasons.some((r) => /^18 Pool\.LambdaConfig\.PostConfirmation: the ARN is imported from another stack/.test(r)), reasons.join('\n'));
  assert.ok(reasons.some((r) => /^19 Pool\.LambdaConfig\.PreAuthentication: .*names no function declared in this project/.test(r)), reasons.join('\n'));
  assert.ok(reasons.some((r) => /runtime: \$\{self:custom\.rt\} is a variable known only at deploy time/.test(r)), reasons.join('\n'));
});

test('two services in sub-folders with the same handler file name each bind their own pool', async () => {
  const w = await read({
    'a/serverless.yml': 'service: a\nprovider: { name: aws, runtime: nodejs20.x }\nfunctions:\n  f:\n    handler: handler.handler\n    events: [{ cognitoUserPool: { pool: PoolA, trigger: PreSignUp } }]\n',
    'b/serverless.yml': 'service: b\nprovider: { name: aws, runtime: nodejs20.x }\nfunctions:\n  f:\n    handler: handler.handler\n    events: [{ cognitoUserPool: { pool: PoolB, trigger: PostConfirmation } }]\n',
    'a/handler.js': '',
    'b/handler.js': '',
  });
  assert.deepEqual(w.handlers.map((h) => `${h.file} ${h.trigger} ${h.pool?.ref}`), ['a/handler.js PreSignUp PoolA', 'b/handler.js PostConfirmation PoolB']);
});
