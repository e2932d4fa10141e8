// One wiring read reads each file of the repository at most once, and an update reads only the changed file (issue 15).
import assert from 'node:assert/strict';
// The module object itself (a namespace import is a copy whose methods cannot be replaced).
import fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { mock, test } from 'node:test';
import { WiringCache, type WiredHandler, type WiringFs } from '../../server/src/core/wiring';
import { memoryWiringFs, nodeWiringFs } from '../../server/src/core/wiring/nodeFs';

const fnTemplate = (runtime: string): string => JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Resources: { LambdaFunction: { Type: 'AWS::Lambda::Function', Properties: { Handler: 'index.handler', Runtime: runtime } } } });
const LOADER = "const moduleNames = process.env.MODULES.split(',');\nconst modules = moduleNames.map((name) => require(`./${name}`));\nexports.handler = async (event, context) => { for (const m of modules) await m.handler(event, context); return event; };\n";

/** Every IaC kind, each with the files it reads beyond its own: includes, a loader, an imported construct, samconfig.toml. */
const REPO: Record<string, string> = {
  // Amplify Gen 1: the loader index.js is a script the discovery looks at (could it be CDK?) and the reader reads.
  'amplify/backend/auth/app/cli-inputs.json': JSON.stringify({ cognitoConfig: { triggers: { PreSignup: ['custom'] } } }),
  'amplify/backend/function/appPreSignup/appPreSignup-cloudformation-template.json': fnTemplate('nodejs20.x'),
  'amplify/backend/function/appPreSignup/src/index.js': LOADER,
  'amplify/backend/function/appPreSignup/src/custom.js': 'exports.handler = async (event) => event;\n',
  // Serverless: `${file()}` includes are YAML files the discovery looks at (could they be templates?).
  'svc/serverless.yml': 'service: s\nprovider:\n  name: aws\n  runtime: nodejs20.x\nfunctions: ${file(./functions.yml)}\nresources:\n  - ${file(resources/pool.yml)}\n',
  'svc/functions.yml': 'verify:\n  handler: app.verify\n  events:\n    - cognitoUserPool: { pool: P, trigger: VerifyAuthChallengeResponse }\ndefine:\n  handler: app.define\n',
  'svc/resources/pool.yml': 'Resources:\n  P:\n    Type: AWS::Cognito::UserPool\n    Properties:\n      LambdaConfig:\n        DefineAuthChallenge: !GetAtt DefineLambdaFunction.Arn\n',
  'svc/app.js': 'exports.verify = async (e) => e;\nexports.define = async (e) => e;\n',
  // CDK: the stack imports a module that holds the entry folder.
  'infra/lib/stack.ts': "import * as cognito from 'aws-cdk-lib/aws-cognito';\nimport { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';\nimport { LAMBDA_DIR } from './constants';\nconst fn = new NodejsFunction(this, 'Post', { entry: `${LAMBDA_DIR}/post.ts` });\nnew cognito.UserPool(this, 'Pool', { lambdaTriggers: { postConfirmation: fn } });\nnew cognito.UserPool(this, 'Admins', { lambdaTriggers: { postConfirmation: fn } });\n",
  'infra/cdk.json': '{}',
  'infra/lib/constants.ts': "export const LAMBDA_DIR = 'lambda';\n",
  'infra/lambda/post.ts': 'export const handler = async (event: unknown) => event;\n',
  // SAM with samconfig.toml.
  'sam/template.yaml': "AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::Serverless-2016-10-31\nParameters:\n  Stage: { Type: String, Default: dev }\nResources:\n  Pool:\n    Type: AWS::Cognito::UserPool\n    Properties:\n      UserPoolName: !Sub '${Stage}-users'\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: src/\n      Handler: app.handler\n      Runtime: nodejs22.x\n      Events:\n        E: { Type: Cognito, Properties: { UserPool: !Ref Pool, Trigger: CustomMessage } }\n",
  'sam/samconfig.toml': 'version = 0.1\n[default.deploy.parameters]\nstack_name = "auth"\nparameter_overrides = "Stage=prod"\n',
  'sam/src/app.js': 'exports.handler = async (event) => event;\n',
  // Terraform.
  'tf/main.tf': 'resource "aws_cognito_user_pool" "p" {\n  lambda_config {\n    pre_authentication = aws_lambda_function.f.arn\n  }\n}\nresource "aws_lambda_function" "f" {\n  function_name = "f"\n  handler = "index.handler"\n  runtime = "nodejs20.x"\n  filename = "build.zip"\n}\n',
  'tf/index.js': 'exports.handler = async (event) => event;\n',
  // Files nothing wires, which the discovery still looks at.
  'web/app.ts': 'export const x = 1;\n',
  '.github/workflows/ci.yml': 'on: push\n',
};

const EXPECTED = [
  'amplify/backend/function/appPreSignup/src/custom.js#handler PreSignUp',
  'infra/lambda/post.ts#handler PostConfirmation',
  'infra/lambda/post.ts#handler PostConfirmation',
  'sam/src/app.js#handler CustomMessage',
  'svc/app.js#define DefineAuthChallenge',
  'svc/app.js#verify VerifyAuthChallengeResponse',
];
const brief = (hs: readonly WiredHandler[]): string[] => hs.map((h) => `${h.file ?? '?'}#${h.export} ${h.trigger}`).sort();

/** The in-memory repository with its reads (and folder listings) counted per file. */
function counted(files: Record<string, string>): { fs: WiringFs; reads: Map<string, number>; lists: Map<string, number> } {
  const mem = memoryWiringFs(files);
  const reads = new Map<string, number>();
  const lists = new Map<string, number>();
  const count = (m: Map<string, number>, rel: string): void => void m.set(rel, (m.get(rel) ?? 0) + 1);
  // A walk of the whole tree counts as a listing of '' (the root).
  return { fs: { ...mem, readFile: (rel) => (count(reads, rel), mem.readFile(rel)), list: (rel) => (count(lists, rel), mem.list(rel)), walk: (keep) => (count(lists, ''), mem.walk(keep)) }, reads, lists };
}
const readTwice = (reads: Map<string, number>): string[] => [...reads].filter(([, n]) => n > 1).map(([rel, n]) => `${rel} ×${n}`);

test('one wiring read reads every file of the repository at most once (includes, the Amplify loader, imported modules, samconfig.toml)', async () => {
  const { fs: counting, reads, lists } = counted(REPO);
  const w = await new WiringCache(counting).read();
  assert.deepEqual(brief(w.handlers), [...EXPECTED, 'tf/index.js#handler PreAuthentication'].sort());
  assert.deepEqual(readTwice(reads), []);
  // Folders too: each pool of the stack looks for its synthesized template in cdk.out.
  assert.deepEqual(readTwice(lists), []);
  assert.equal(lists.get('infra/cdk.out'), 1);
  // One walk of the tree: the discovery's, which the Terraform reader's *.tf and *.tfvars searches reuse.
  assert.equal(lists.get(''), 1);
  // The files of the sharpest cases were read at all (the test would pass vacuously otherwise).
  for (const rel of ['amplify/backend/function/appPreSignup/src/index.js', 'svc/functions.yml', 'svc/resources/pool.yml', 'infra/lib/constants.ts', 'sam/samconfig.toml']) assert.equal(reads.get(rel), 1, rel);
});

test('an update reads only the changed file: an include, then a new file, then a deleted one', async () => {
  const files = { ...REPO };
  const { fs: counting, reads } = counted(files);
  const cache = new WiringCache(counting);
  await cache.read();

  reads.clear();
  files['svc/functions.yml'] = (files['svc/functions.yml'] as string).replace('VerifyAuthChallengeResponse', 'CreateAuthChallenge');
  cache.updateFile('svc/functions.yml', 'changed');
  const changed = await cache.read();
  assert.ok(brief(changed.handlers).includes('svc/app.js#verify CreateAuthChallenge'));
  assert.deepEqual([...reads.keys()], ['svc/functions.yml']);

  // A new script: every project is looked at again (it may be a handler one looked for), but nothing else is read.
  reads.clear();
  files['web/more.ts'] = 'export const y = 2;\n';
  cache.updateFile('web/more.ts', 'created');
  const created = await cache.read();
  assert.deepEqual(created, await new WiringCache(memoryWiringFs(files)).read());
  assert.deepEqual([...reads.keys()], ['web/more.ts']);

  reads.clear();
  delete files['web/more.ts'];
  cache.updateFile('web/more.ts', 'deleted');
  assert.deepEqual(await cache.read(), created);
  assert.deepEqual([...reads.keys()], []);
});

test('on disk: one read opens each file once; an update opens only the changed file, and a change nobody reported is seen by its version', async (t) => {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ct-wiring-once-')));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  for (const [rel, text] of Object.entries(REPO)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  const opened = new Map<string, number>();
  const openSync = fs.openSync;
  mock.method(fs, 'openSync', (p: fs.PathLike, ...rest: unknown[]) => {
    if (typeof p === 'string') {
      const rel = path.relative(dir, p).split(path.sep).join('/');
      opened.set(rel, (opened.get(rel) ?? 0) + 1);
    }
    return (openSync as (...a: unknown[]) => number)(p, ...rest);
  });
  t.after(() => mock.restoreAll());
  const cache = new WiringCache(nodeWiringFs(dir));
  const w = await cache.read();
  assert.deepEqual(brief(w.handlers), [...EXPECTED, 'tf/index.js#handler PreAuthentication'].sort());
  assert.deepEqual(readTwice(opened), []);
  assert.equal(opened.get('amplify/backend/function/appPreSignup/src/index.js'), 1);

  opened.clear();
  const samconfig = path.join(dir, 'sam/samconfig.toml');
  // A different size: the version differs whatever the clock's resolution.
  fs.writeFileSync(samconfig, fs.readFileSync(samconfig, 'utf8').replace('Stage=prod', 'Stage=production'));
  const main = path.join(dir, 'tf/main.tf');
  fs.writeFileSync(main, fs.readFileSync(main, 'utf8').replace('pre_authentication', 'post_authentication'));
  cache.updateFile('tf/main.tf', 'changed');
  const after = await cache.read();
  assert.ok(brief(after.handlers).includes('tf/index.js#handler PostAuthentication'));
  assert.deepEqual([...opened.keys()].sort(), ['tf/main.tf']);
  // samconfig.toml changed too but nobody said so, and its project was not re-read: a later full update sees it by its version.
  opened.clear();
  fs.writeFileSync(path.join(dir, 'web/new.ts'), 'export const z = 3;\n');
  cache.updateFile('web/new.ts', 'created');
  const again = await cache.read();
  assert.equal(again.handlers.find((h) => h.file === 'sam/src/app.js')?.pool?.name, 'production-users');
  assert.deepEqual([...opened.keys()].sort(), ['sam/samconfig.toml', 'web/new.ts']);
});

test('a walked file that becomes a project on an edit is read as one (a stack that gets its lambdaTriggers while typing), reading only that file', async () => {
  const files: Record<string, string> = { ...REPO, 'infra/lib/admin.ts': "import { Stack } from 'aws-cdk-lib';\nexport class Admin extends Stack {}\n", 'infra/lambda/admin.ts': 'export const handler = async (e: unknown) => e;\n' };
  const { fs: counting, reads } = counted(files);
  const cache = new WiringCache(counting);
  const before = await cache.read();
  assert.ok(!before.handlers.some((h) => h.file === 'infra/lambda/admin.ts'));
  reads.clear();
  files['infra/lib/admin.ts'] = "import * as cognito from 'aws-cdk-lib/aws-cognito';\nimport { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';\nconst fn = new NodejsFunction(this, 'Admin', { entry: 'lambda/admin.ts' });\nnew cognito.UserPool(this, 'AdminPool', { lambdaTriggers: { preSignUp: fn } });\n";
  cache.updateFile('infra/lib/admin.ts', 'changed');
  const after = await cache.read();
  assert.deepEqual(after.handlers.filter((h) => h.file === 'infra/lambda/admin.ts').map((h) => `${h.trigger} ${h.pool?.ref}`), ['PreSignUp AdminPool']);
  assert.deepEqual([...reads.keys()], ['infra/lib/admin.ts']);
  assert.deepEqual(after, await new WiringCache(memoryWiringFs(files)).read());
});
