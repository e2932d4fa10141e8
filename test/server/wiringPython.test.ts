// Protocol tests of the IaC wiring for Python handlers in the server: a function SAM (`Handler: app.handler`),
// Serverless (`handler: app.main`) or CDK (PythonFunction index/handler) wires is a handler with that trigger,
// with the hover's "Why:" naming the IaC line; a wired runtime other than the local Python is a warning on invoke.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import type { CompletionList, Diagnostic, Hover, MarkupContent } from 'vscode-languageserver-protocol';
import type { InvokeLocalRequest } from '../../server/src/core/protocol';
import { fileUri, REPO_ROOT, startServer, type TestServer } from './harness';

let server: TestServer;
let dir: string;
const local = spawnSync('python3', ['-c', 'import sys; print("%d.%d" % sys.version_info[:2])'], { encoding: 'utf8' }).stdout.trim();
const [major, minor] = local.split('.');
const other = `python${major}.${Number(minor) + 1}`;

const SAM = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  Pool:
    Type: AWS::Cognito::UserPool
  SignUpFn:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: sam/
      Handler: app.handler
      Runtime: ${other}
      Events:
        SignUp:
          Type: Cognito
          Properties:
            UserPool: !Ref Pool
            Trigger: PreSignUp
`;
const SLS = 'service: s\nprovider:\n  name: aws\n  runtime: python3.12\nfunctions:\n  message:\n    handler: app.main\n    events:\n      - cognitoUserPool: { pool: Users, trigger: CustomMessage }\n';
const CDK = `import { Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { PythonFunction } from '@aws-cdk/aws-lambda-python-alpha';
export class AuthStack extends Stack {
  constructor(scope, id) {
    super(scope, id);
    const confirm = new PythonFunction(this, 'Confirm', { entry: 'fn', index: 'confirm.py', handler: 'on_confirm', runtime: lambda.Runtime.PYTHON_3_12 });
    new cognito.UserPool(this, 'Pool', { lambdaTriggers: { postConfirmation: confirm } });
  }
}
`;
// Neutral bodies: no type hint, comment, triggerSource test or telling file name, so only the wiring says which trigger.
const SAM_PY = 'def handler(event, context):\n    event["response"]["x"] = 1\n    return event\n';
const SLS_PY = 'def main(evt, ctx):\n    evt["response"]["x"] = 1\n    return evt\n';
const CDK_PY = 'def on_confirm(payload, ctx):\n    print(payload["request"])\n    return payload\n';

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wiring-python-'));
  const write = (rel: string, text: string): void => {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  };
  write('sam/template.yaml', SAM);
  write('sam/sam/app.py', SAM_PY);
  write('sls/serverless.yml', SLS);
  write('sls/app.py', SLS_PY);
  write('cdk/lib/stack.ts', CDK);
  write('cdk/fn/confirm.py', CDK_PY);
  write('cdk/package.json', JSON.stringify({ dependencies: { 'aws-cdk-lib': '2.0.0' } }));
  write('cdk/cdk.json', '{"app": "npx ts-node lib/stack.ts"}');
  server = await startServer({ workspace: dir, trusted: true });
});
after(async () => {
  await server.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const hoverText = async (uri: string, line: number, character: number): Promise<string> => ((await server.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line, character } }))?.contents as MarkupContent | undefined)?.value ?? '';
const completion = async (uri: string, line: number, character: number): Promise<string[]> => ((await server.request<CompletionList | null>('textDocument/completion', { textDocument: { uri }, position: { line, character } }))?.items ?? []).map((i) => i.label);
async function open(rel: string, text: string): Promise<{ uri: string; diagnostics: Diagnostic[] }> {
  const uri = fileUri(path.join(dir, rel));
  const wait = server.diagnostics(uri, 1);
  server.open(uri, text, 'python');
  return { uri, diagnostics: await wait };
}

test('SAM Handler: app.handler makes sam/app.py#handler a PreSignUp handler, and the hover says why', async () => {
  const { uri } = await open('sam/sam/app.py', SAM_PY);
  assert.match(await hoverText(uri, 0, 5), /Why: sam\/template\.yaml:\d+ binds SignUpFn to PreSignUp of Pool/);
  // `event["response"]["` on line 2 completes the PreSignUp response fields.
  assert.deepEqual(await completion(uri, 1, 23), ['autoConfirmUser', 'autoVerifyEmail', 'autoVerifyPhone']);
});

test('Serverless handler: app.main makes a function not named like a handler one (with the wired trigger)', async () => {
  const { uri, diagnostics } = await open('sls/app.py', SLS_PY);
  assert.match(await hoverText(uri, 0, 5), /Why: sls\/serverless\.yml:\d+ binds functions\.message to CustomMessage of Users/);
  // The wired trigger's rules apply: `x` is not a CustomMessage response field.
  assert.ok(diagnostics.some((d) => d.code === 'handler/unknown-field'), JSON.stringify(diagnostics));
});

test('CDK PythonFunction index/handler makes fn/confirm.py#on_confirm a PostConfirmation handler', async () => {
  const { uri } = await open('cdk/fn/confirm.py', CDK_PY);
  assert.match(await hoverText(uri, 0, 6), /Why: cdk\/lib\/stack\.ts:\d+ lambdaTriggers\.postConfirmation of Pool binds confirm to PostConfirmation/);
  // `payload["request"]` on line 2: completion inside `payload["request"]["` is PostConfirmation's.
  const text = 'def on_confirm(payload, ctx):\n    print(payload["request"]["])\n    return payload\n';
  server.change(uri, text);
  assert.deepEqual(await completion(uri, 1, 32), ['userAttributes', 'clientMetadata']);
});

test('a Python handler typed for another trigger than the wiring gets the mismatch diagnostic linking to the IaC line', async () => {
  const typed = 'from aws_lambda_powertools.utilities.data_classes.cognito_user_pool_event import PostConfirmationTriggerEvent\n\ndef handler(event: PostConfirmationTriggerEvent, context):\n    return event.raw_event\n';
  const uri = fileUri(path.join(dir, 'sam', 'sam', 'app.py'));
  const wait = server.diagnostics(uri, 2);
  server.change(uri, typed);
  const diagnostics = await wait;
  const found = diagnostics.find((d) => d.code === 'handler/wired-trigger-mismatch');
  assert.ok(found, JSON.stringify(diagnostics));
  assert.equal(found.relatedInformation?.[0]?.location.uri, fileUri(path.join(dir, 'sam', 'template.yaml')));
});

test('invoke: the wired runtime other than the local Python is a warning in the result (what the result view shows)', async () => {
  fs.writeFileSync(path.join(dir, 'sam', 'sam', 'app.py'), 'def handler(event, context):\n    return event\n');
  const event = { kind: 'file' as const, uri: fileUri(path.join(REPO_ROOT, 'test', 'fixtures', 'invoke', 'events', 'PreSignUp_SignUp.json')) };
  const r = await server.request<InvokeLocalRequest.Result>('cognitoTriggers/invokeLocal', { runId: 'rt', handler: { uri: fileUri(path.join(dir, 'sam', 'sam', 'app.py')), handlerName: 'handler' }, event });
  assert.ok(r.ok, JSON.stringify(r));
  if (!r.ok) return;
  const warning = r.result.summary.lines.find((l) => l.severity === 'warning' && /deployed on/.test(l.text));
  assert.ok(warning, JSON.stringify(r.result.summary.lines));
  assert.match(warning.text, new RegExp(`deployed on ${other.replace('.', '\\.')} but ran here on Python ${major}\\.${minor}\\.\\d+`));
});
