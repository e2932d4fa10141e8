// The Amplify Gen 1 reader: auth trigger settings, function folders, the MODULES loader.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readWiring, type WiredHandler } from '../../server/src/core/wiring';
import { memoryWiringFs } from '../../server/src/core/wiring/nodeFs';

const read = (files: Record<string, string>) => readWiring('/', { fs: memoryWiringFs(files) });
const brief = (h: WiredHandler) => `${h.kind} ${h.file ?? '?'}#${h.export} ${h.trigger}${h.runtime ? ` ${h.runtime}` : ''}`;
const LOADER = "const moduleNames = process.env.MODULES.split(',');\nconst modules = moduleNames.map((name) => require(`./${name}`));\nexports.handler = async (event, context) => { for (const m of modules) await m.handler(event, context); return event; };\n";
const fnTemplate = (runtime: string, handler = 'index.handler') => JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Resources: { LambdaFunction: { Type: 'AWS::Lambda::Function', Properties: { Handler: handler, Runtime: runtime } } } }, null, 2);

test('cli-inputs.json triggers and authTriggerConnections; the loader runs the named modules; "PreSignup" spelling', async () => {
  const w = await read({
    'amplify/backend/auth/myapp1a2b/cli-inputs.json': JSON.stringify({
      version: '1',
      cognitoConfig: {
        triggers: { PreSignup: ['custom'], PostConfirmation: ['add-to-group'] },
        authTriggerConnections: '[{"triggerType":"PreSignUp","lambdaFunctionName":"myapp1a2bPreSignup"},{"triggerType":"PostConfirmation","lambdaFunctionName":"myapp1a2bPostConfirmation"}]',
      },
    }, null, 2),
    'amplify/backend/auth/myapp1a2b/myapp1a2b-cloudformation-template.json': JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Parameters: { functionmyapp1a2bPreSignupArn: { Type: 'String' } }, Resources: { UserPool: { Type: 'AWS::Cognito::UserPool', Properties: { LambdaConfig: { PreSignUp: { Ref: 'functionmyapp1a2bPreSignupArn' } } } } } }),
    'amplify/backend/function/myapp1a2bPreSignup/myapp1a2bPreSignup-cloudformation-template.json': fnTemplate('nodejs18.x'),
    'amplify/backend/function/myapp1a2bPreSignup/src/index.js': LOADER,
    'amplify/backend/function/myapp1a2bPreSignup/src/custom.js': 'exports.handler = async (event) => event;',
    'amplify/backend/function/myapp1a2bPostConfirmation/myapp1a2bPostConfirmation-cloudformation-template.json': fnTemplate('python3.11'),
    'amplify/backend/function/myapp1a2bPostConfirmation/src/index.py': '',
    'amplify/#current-cloud-backend/auth/myapp1a2b/cli-inputs.json': '{"cognitoConfig":{"triggers":{"PreSignup":["custom"]}}}',
  });
  assert.deepEqual(w.handlers.map(brief), [
    'amplify-gen1 amplify/backend/function/myapp1a2bPreSignup/src/custom.js#handler PreSignUp nodejs18.x',
    'amplify-gen1 amplify/backend/function/myapp1a2bPostConfirmation/src/index.py#handler PostConfirmation python3.11',
  ]);
  const trig = w.handlers[0]?.evidence.find((e) => e.fact === 'trigger');
  assert.equal(trig?.file, 'amplify/backend/auth/myapp1a2b/cli-inputs.json');
  assert.match(trig?.text ?? '', /binds function myapp1a2bPreSignup to PreSignUp/);
  assert.equal(w.handlers[0]?.evidence.find((e) => e.fact === 'runtime')?.file, 'amplify/backend/function/myapp1a2bPreSignup/myapp1a2bPreSignup-cloudformation-template.json');
  assert.deepEqual(w.unresolved, []);
});

test('parameters.json (older CLI) with triggers as a JSON string, matched to the function folder by name', async () => {
  const w = await read({
    'amplify/backend/auth/app/parameters.json': JSON.stringify({ triggers: '{"CustomMessage":["verification-link"]}' }),
    'amplify/backend/function/appCustomMessage/appCustomMessage-cloudformation-template.json': fnTemplate('nodejs16.x'),
    'amplify/backend/function/appCustomMessage/src/index.js': 'exports.handler = async (e) => e;',
  });
  assert.deepEqual(w.handlers.map(brief), ['amplify-gen1 amplify/backend/function/appCustomMessage/src/index.js#handler CustomMessage nodejs16.x']);
});
