// `check` reads each script once: the wiring discovery's texts are handed to the check that follows (issue 15).
import assert from 'node:assert/strict';
// The module object itself (a namespace import is a copy whose methods cannot be replaced).
import fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { mock, test } from 'node:test';
import { checkAll } from '../../server/src/cli/check';
import { SharedReads } from '../../server/src/core/sharedReads';
import { WiringCache } from '../../server/src/core/wiring';
import { memoryWiringFs } from '../../server/src/core/wiring/nodeFs';

const PROJECT: Record<string, string> = {
  'serverless.yml': ['service: shop', 'provider:', '  name: aws', '  runtime: nodejs20.x', 'functions:', '  preSignUp:', '    handler: fn1/handler.handler', '    events:', '      - cognitoUserPool:', '          pool: UserPool', '          trigger: PreSignUp', ''].join('\n'),
  // Wired by serverless.yml only: its trigger comes from the wiring.
  'fn1/handler.js': 'exports.handler = async (event) => {\n  event.response.autoConfirmUser = true;\n  return event;\n};\n',
  'src/custom.ts': "import type { CustomMessageTriggerHandler } from 'aws-lambda';\nexport const handler: CustomMessageTriggerHandler = async (event) => event;\n",
  'src/util.mjs': 'export const twice = (x) => x * 2;\n',
  'infra/stack.ts': "import { Stack } from 'aws-cdk-lib';\nexport class AuthStack extends Stack {}\n",
  'py/pre_sign_up.py': 'def lambda_handler(event, context):\n    return event\n',
  'events/e.json': '{ "triggerSource": "PreSignUp_SignUp" }\n',
};
const SCRIPTS = Object.keys(PROJECT).filter((f) => /\.(m?js|ts|py)$/.test(f));

test('check over a project opens each script file once, and the wiring still names its trigger', async (t) => {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ct-reads-once-')));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.mkdirSync(path.join(dir, '.git'));
  for (const [rel, text] of Object.entries(PROJECT)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  // Every way a file's text is read: opened (readSafeFile) or read whole.
  const opened = new Map<string, number>();
  const count = (p: unknown): void => {
    if (typeof p === 'string') opened.set(p, (opened.get(p) ?? 0) + 1);
  };
  const openSync = fs.openSync;
  const readFileSync = fs.readFileSync;
  mock.method(fs, 'openSync', (p: fs.PathLike, ...rest: unknown[]) => (count(p), (openSync as (...a: unknown[]) => number)(p, ...rest)));
  mock.method(fs, 'readFileSync', (p: fs.PathOrFileDescriptor, ...rest: unknown[]) => (count(p), (readFileSync as (...a: unknown[]) => unknown)(p, ...rest)));
  let run;
  try {
    run = await checkAll([dir], { root: dir, config: { rules: {}, ignore: [] }, describe: true }, { log: () => undefined });
  } finally {
    mock.restoreAll();
  }
  assert.equal(run.checked, SCRIPTS.length + 1);
  const wired = run.handlers.find((h) => h.rootPath === 'fn1/handler.js');
  assert.deepEqual(wired?.wiring.map((w) => w.trigger), ['PreSignUp']);
  const reads = Object.fromEntries(SCRIPTS.map((rel) => [rel, opened.get(path.join(dir, rel)) ?? 0]));
  assert.deepEqual(reads, Object.fromEntries(SCRIPTS.map((rel) => [rel, 1])));
  assert.equal(run.sharedLeft, 0, 'every kept text was taken');
});

test('checking one file of a project keeps no text of the other scripts the wiring discovery reads', async (t) => {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ct-reads-one-')));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.mkdirSync(path.join(dir, '.git'));
  for (const [rel, text] of Object.entries(PROJECT)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  // A large library the run does not check: discovery reads it (it could be a CDK app), check never asks.
  fs.writeFileSync(path.join(dir, 'src', 'vendor.js'), `// vendored\n${'module.exports.x = 1;\n'.repeat(20_000)}`);
  const run = await checkAll([path.join(dir, 'fn1', 'handler.js')], { root: dir, config: { rules: {}, ignore: [] } }, { log: () => undefined });
  assert.equal(run.checked, 1);
  assert.equal(run.sharedLeft, 0, 'texts of files the run does not check were kept');
});

test('checking a file outside the root reads none of the root\'s scripts (it gets no wiring)', async (t) => {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ct-reads-out-')));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  for (const [rel, text] of Object.entries(PROJECT)) {
    fs.mkdirSync(path.dirname(path.join(dir, 'project', rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, 'project', rel), text);
  }
  fs.writeFileSync(path.join(dir, 'elsewhere.js'), 'exports.handler = async (event) => event;\n');
  const opened: string[] = [];
  const openSync = fs.openSync;
  mock.method(fs, 'openSync', (p: fs.PathLike, ...rest: unknown[]) => (opened.push(String(p)), (openSync as (...a: unknown[]) => number)(p, ...rest)));
  try {
    const run = await checkAll([path.join(dir, 'elsewhere.js')], { root: path.join(dir, 'project'), config: { rules: {}, ignore: [] } }, { log: () => undefined });
    assert.equal(run.checked, 1);
  } finally {
    mock.restoreAll();
  }
  assert.deepEqual(opened.filter((p) => p.startsWith(path.join(dir, 'project'))), []);
});

test('one read of the wiring reads each IaC file once: the text that decided the claim is the one the reader parses', async () => {
  const files = {
    'infra/stack.ts': "import * as cognito from 'aws-cdk-lib/aws-cognito';\nimport { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';\nconst fn = new NodejsFunction(this, 'Pre', { entry: 'lambda/pre.ts' });\nnew cognito.UserPool(this, 'Pool', { lambdaTriggers: { preSignUp: fn } });\n",
    'infra/lambda/pre.ts': 'export const handler = async (event: unknown) => event;\n',
    'sam/template.yaml': "AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::Serverless-2016-10-31\nResources:\n  Pool:\n    Type: AWS::Cognito::UserPool\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: src/\n      Handler: app.handler\n      Runtime: nodejs22.x\n      Events:\n        E: { Type: Cognito, Properties: { UserPool: !Ref Pool, Trigger: PostConfirmation } }\n",
    'sam/src/app.js': 'exports.handler = async (event) => event;\n',
  };
  const mem = memoryWiringFs(files);
  const reads = new Map<string, number>();
  const cache = new WiringCache({ ...mem, readFile: (rel) => (reads.set(rel, (reads.get(rel) ?? 0) + 1), mem.readFile(rel)) });
  const w = await cache.read();
  assert.deepEqual(w.handlers.map((h) => `${h.file}#${h.export} ${h.trigger}`).sort(), ['infra/lambda/pre.ts#handler PreSignUp', 'sam/src/app.js#handler PostConfirmation']);
  assert.deepEqual(Object.fromEntries([...reads].filter(([rel]) => rel in files && !rel.includes('/lambda/') && !rel.includes('/src/'))), { 'infra/stack.ts': 1, 'sam/template.yaml': 1 });
});

test('a kept text is handed out once, only for the same version of the file, within the budget', () => {
  const stamp = { ino: 7, size: 5, mtimeMs: 1000 };
  const reads = new SharedReads(100, (f) => f.endsWith('.js'));
  reads.offer('/p/a.js', 'hello', stamp);
  reads.offer('/p/serverless.yml', 'service: x', stamp);
  assert.equal(reads.take('/p/serverless.yml', stamp), undefined, 'a file the check will not ask for is not kept');
  assert.equal(reads.take('/p/a.js', { ...stamp, mtimeMs: 2000 }), undefined, 'the file changed since: read it again');
  assert.equal(reads.take('/p/a.js', stamp), undefined, 'and the stale text is gone');
  reads.offer('/p/a.js', 'hello', stamp);
  assert.equal(reads.take('/p/a.js', stamp), 'hello');
  assert.equal(reads.take('/p/a.js', stamp), undefined, 'handed out once');
  assert.equal(reads.held, 0);
  reads.offer('/p/big.js', 'x'.repeat(60), { ...stamp, size: 60 });
  assert.equal(reads.held, 0, 'a text over the budget is not kept');
  reads.offer('/p/b.js', 'x'.repeat(30), { ...stamp, size: 30 });
  reads.offer('/p/c.js', 'x'.repeat(30), { ...stamp, size: 30 });
  assert.equal(reads.held, 60, 'the second would pass the budget');
  assert.equal(reads.take('/p/c.js', { ...stamp, size: 30 }), undefined);
  reads.readBySelf('/p/d.js');
  reads.offer('/p/d.js', 'late', stamp);
  assert.equal(reads.take('/p/d.js', stamp), undefined, 'a file the check already read for itself is not kept when discovery reads it later');
});
