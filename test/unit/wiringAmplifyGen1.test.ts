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

test("an index.js that keeps the generated requires but handles the event itself is the handler, not the modules (observed: marmikcfc/deVault)", async () => {
  const requires = "const moduleNames = process.env.MODULES.split(',');\nconst modules = moduleNames.map((name) => require(`./${name}`));\n";
  const w = await read({
    'web/amplify/backend/auth/site/parameters.json': JSON.stringify({ triggers: '{"PreSignup":["custom"],"DefineAuthChallenge":["boilerplate-define-challenge"],"CustomMessage":["verification-link"],"PostConfirmation":["add-to-group"]}' }),
    // Its own handler below the requires: Lambda runs index.handler, which calls no module.
    'web/amplify/backend/function/sitePreSignup/sitePreSignup-cloudformation-template.json': fnTemplate('nodejs14.x'),
    'web/amplify/backend/function/sitePreSignup/src/index.js': `${requires}exports.handler = (event, context, callback) => {\n  event.response.autoConfirmUser = true;\n  callback(null, event);\n};\n`,
    'web/amplify/backend/function/sitePreSignup/src/custom.js': 'exports.handler = async (event) => event;',
    // The same with the loop commented out: a comment does not run the modules.
    'web/amplify/backend/function/siteDefineAuthChallenge/siteDefineAuthChallenge-cloudformation-template.json': fnTemplate('nodejs14.x'),
    'web/amplify/backend/function/siteDefineAuthChallenge/src/index.js': `${requires}exports.handler = async (event) => {\n  // await Promise.all(modules.map((m) => m.handler(event)));\n  event.response.issueTokens = false;\n  return event;\n};\n`,
    'web/amplify/backend/function/siteDefineAuthChallenge/src/boilerplate-define-challenge.js': 'exports.handler = async (event) => event;',
    // The oldest loader: reads MODULES and requires inside the handler.
    'web/amplify/backend/function/siteCustomMessage/siteCustomMessage-cloudformation-template.json': fnTemplate('nodejs14.x'),
    'web/amplify/backend/function/siteCustomMessage/src/index.js': "exports.handler = (event, context, callback) => {\n  const modules = process.env.MODULES.split(',');\n  for (let i = 0; i < modules.length; i += 1) {\n    const { handler } = require(`./${modules[i]}`);\n    handler(event, context, callback);\n  }\n};\n",
    'web/amplify/backend/function/siteCustomMessage/src/verification-link.js': 'exports.handler = async (event) => event;',
    // The current loader, calling each module through the array.
    'web/amplify/backend/function/sitePostConfirmation/sitePostConfirmation-cloudformation-template.json': fnTemplate('nodejs18.x'),
    'web/amplify/backend/function/sitePostConfirmation/src/index.js': LOADER,
    'web/amplify/backend/function/sitePostConfirmation/src/add-to-group.js': 'exports.handler = async (event) => event;',
  });
  assert.deepEqual(w.handlers.map(brief).sort(), [
    'amplify-gen1 web/amplify/backend/function/siteCustomMessage/src/verification-link.js#handler CustomMessage nodejs14.x',
    'amplify-gen1 web/amplify/backend/function/siteDefineAuthChallenge/src/index.js#handler DefineAuthChallenge nodejs14.x',
    'amplify-gen1 web/amplify/backend/function/sitePostConfirmation/src/add-to-group.js#handler PostConfirmation nodejs18.x',
    'amplify-gen1 web/amplify/backend/function/sitePreSignup/src/index.js#handler PreSignUp nodejs14.x',
  ]);
});
