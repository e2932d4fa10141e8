// Protocol tests of Run Flow against the built language server: the flow runs the folder's bound
// handlers, asks the client for each custom challenge answer, and answers with the timeline.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FlowAnswerRequest, FlowUserRequest, RunFlowRequest, TimelineNode } from '../../server/src/core/protocol';
import { fileUri, REPO_ROOT, startServer, type TestServer } from './harness';
import { ensureBuilt } from '../ensureBuilt';

const FIX = path.join(REPO_ROOT, 'test', 'fixtures', 'flows');
const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-flow-ws-'));

/** A folder whose bindings file binds the custom auth fixtures. */
function writeWorkspace(ws: string): void {
  for (const f of ['defineAuth.js', 'createAuth.ts', 'verifyAuth.mjs']) fs.copyFileSync(path.join(FIX, f), path.join(ws, f));
  const handlers = [
    { file: 'defineAuth.js', functionName: 'define', trigger: 'DefineAuthChallenge' },
    { file: 'createAuth.ts', functionName: 'create', trigger: 'CreateAuthChallenge' },
    { file: 'verifyAuth.mjs', functionName: 'verify', trigger: 'VerifyAuthChallengeResponse' },
  ];
  fs.writeFileSync(path.join(ws, 'cognito-triggers.json'), JSON.stringify({ handlers }));
}

const find = (nodes: readonly TimelineNode[], pred: (n: TimelineNode) => boolean): TimelineNode | undefined => {
  for (const n of nodes) {
    if (pred(n)) return n;
    const c = find(n.children ?? [], pred);
    if (c) return c;
  }
  return undefined;
};

describe('Run Flow over LSP', () => {
  let server: TestServer;
  const prompts: FlowAnswerRequest.Params[] = [];
  let answers: (string | undefined)[] = [];
  before(async () => {
    writeWorkspace(ws);
    ensureBuilt();
    server = await startServer({ workspace: ws, trusted: true, settings: { invoke: { warm: true, envFile: '' } } });
    server.connection.onRequest('cognitoTriggers/flowAnswer', (p: FlowAnswerRequest.Params): FlowAnswerRequest.Result => {
      prompts.push(p);
      const a = answers.shift();
      return a === undefined ? {} : { answer: a };
    });
  });
  after(async () => {
    await server.stop();
    fs.rmSync(ws, { recursive: true, force: true });
  });

  it('custom auth: the client is asked each answer with the public parameters; wrong then right gives tokens and a timeline', async () => {
    const before = await server.request<FlowUserRequest.Result>('cognitoTriggers/flowUser', { folderUri: fileUri(ws), username: 'jane' });
    assert.deepEqual(before, { exists: false });
    answers = ['5', '4'];
    const r = await server.request<RunFlowRequest.Result>('cognitoTriggers/runFlow', { runId: 'f1', folderUri: fileUri(ws), flow: 'custom-auth', username: 'jane', attributes: { email: 'jane@example.com' }, createUser: true });
    assert.ok(r.ok, JSON.stringify(r));
    if (!r.ok) return;
    assert.equal(r.outcome, 'succeeded');
    assert.deepEqual(prompts.map((p) => [p.runId, p.challengeName, p.round, p.parameters.question]), [['f1', 'CUSTOM_CHALLENGE', 1, 'What is 2 + 2?'], ['f1', 'CUSTOM_CHALLENGE', 2, 'What is 2 + 2?']]);
    assert.equal(r.timeline[0]?.label, 'Flow custom-auth: succeeded');
    const verifies = r.timeline.filter((n) => n.label.endsWith('VerifyAuthChallengeResponse_Authentication'));
    assert.equal(verifies.length, 2);
    // Each step opens to its event, answer, Cognito's verdict and timing.
    assert.deepEqual(verifies[0]?.children?.map((c) => c.kind), ['event', 'answer', 'verdict', 'timing']);
    assert.match(verifies[0]?.children?.[1]?.description ?? '', /"answerCorrect":false/);
    assert.match(verifies[1]?.children?.[1]?.description ?? '', /"answerCorrect":true/);
    const tokens = r.timeline.find((n) => n.kind === 'tokens');
    assert.ok(find(tokens?.children ?? [], (n) => n.kind === 'claim' && n.label === 'cognito:username' && n.description === '"jane"'), JSON.stringify(tokens));
    // The user now exists for the session: a re-run needs no createUser.
    assert.equal((await server.request<FlowUserRequest.Result>('cognitoTriggers/flowUser', { folderUri: fileUri(ws), username: 'jane' })).status, 'CONFIRMED');
  });
  it('three wrong answers: the failed step is marked and the app receives NotAuthorizedException', async () => {
    prompts.length = 0;
    answers = ['1', '2', '3'];
    const r = await server.request<RunFlowRequest.Result>('cognitoTriggers/runFlow', { runId: 'f2', folderUri: fileUri(ws), flow: 'custom-auth', username: 'jane' });
    assert.ok(r.ok, JSON.stringify(r));
    if (!r.ok) return;
    assert.equal(r.outcome, 'failed');
    assert.equal(r.appError, 'NotAuthorizedException: Incorrect username or password.');
    assert.equal(prompts.length, 3);
    const failed = r.timeline.filter((n) => n.failed);
    assert.equal(failed.length, 1);
    assert.match(failed[0]?.label ?? '', /DefineAuthChallenge_Authentication$/);
    assert.equal(failed[0]?.children?.[0]?.label, 'The app receives NotAuthorizedException');
    assert.equal(r.timeline[1]?.kind, 'error');
  });
  it('no answer from the client: the flow stops where the app would wait', async () => {
    answers = [];
    const r = await server.request<RunFlowRequest.Result>('cognitoTriggers/runFlow', { runId: 'f3', folderUri: fileUri(ws), flow: 'custom-auth', username: 'jane' });
    assert.ok(r.ok && r.outcome === 'incomplete', JSON.stringify(r));
  });
  it('an unknown flow and a folder with no bound handlers are refused with what to do', async () => {
    const bad = await server.request<RunFlowRequest.Result>('cognitoTriggers/runFlow', { runId: 'b', folderUri: fileUri(ws), flow: 'nope' });
    assert.ok(!bad.ok && /Unknown flow "nope": one of sign-up/.test(bad.error.message), JSON.stringify(bad));
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-flow-empty-'));
    try {
      const r = await server.request<RunFlowRequest.Result>('cognitoTriggers/runFlow', { runId: 'e', folderUri: fileUri(empty), flow: 'sign-up', username: 'x' });
      assert.ok(!r.ok && r.error.code === 'no-triggers' && /Bind to Trigger/.test(r.error.hint ?? ''), JSON.stringify(r));
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe("Run Flow with a pool configuration (the CLI's --pool): a DescribeUserPool file or a described deployed pool", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-flow-pool-'));
  let server: TestServer;
  /** The pool binds PreSignUp to my-pre-sign-up; only the bindings file knows which local file builds that function. */
  const described = (id: string, fn = 'my-pre-sign-up') => ({ UserPool: { Id: id, LambdaConfig: { PreSignUp: `arn:aws:lambda:${id.split('_')[0]}:123456789012:function:${fn}` } } });
  // A new user each time: the session's user store keeps who signed up.
  let users = 0;
  const run = (extra: Record<string, unknown>) => server.request<RunFlowRequest.Result>('cognitoTriggers/runFlow', { runId: 'p', folderUri: fileUri(dir), flow: 'sign-up', username: `jane${++users}`, password: 'Passw0rd!', attributes: { email: 'jane@example.com' }, ...extra });
  const preSignUpEvent = (r: RunFlowRequest.Result) => {
    assert.ok(r.ok, JSON.stringify(r));
    const steps = (r as { result: { steps: { kind: string; trigger?: string; event?: { userPoolId: string; region: string } }[] } }).result.steps;
    return steps.find((x) => x.trigger === 'PreSignUp')?.event;
  };
  before(async () => {
    fs.copyFileSync(path.join(FIX, 'preSignUp.js'), path.join(dir, 'preSignUp.js'));
    fs.writeFileSync(path.join(dir, 'cognito-triggers.json'), JSON.stringify({ handlers: [{ file: 'preSignUp.js', functionName: 'my-pre-sign-up' }] }));
    fs.writeFileSync(path.join(dir, 'pool.json'), JSON.stringify(described('eu-west-1_Abc123')));
    fs.writeFileSync(path.join(dir, 'broken.json'), '{"UserPool": ');
    ensureBuilt();
    server = await startServer({ workspace: dir, trusted: true, settings: { invoke: { warm: true, envFile: '' } } });
  });
  after(async () => {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('without a pool the bindings entry binds no trigger; a pool file binds its slots to the local handlers, with its id and Region', async () => {
    const none = await run({});
    assert.ok(!none.ok && none.error.code === 'no-triggers', JSON.stringify(none));
    const event = preSignUpEvent(await run({ pool: { kind: 'file', uri: fileUri(path.join(dir, 'pool.json')) } }));
    assert.deepEqual([event?.userPoolId, event?.region], ['eu-west-1_Abc123', 'eu-west-1']);
  });

  it('a deployed pool the client described: its id and Region', async () => {
    const event = preSignUpEvent(await run({ pool: { kind: 'described', poolId: 'us-west-2_Xyz789', described: described('us-west-2_Xyz789') } }));
    assert.deepEqual([event?.userPoolId, event?.region], ['us-west-2_Xyz789', 'us-west-2']);
  });

  it('a pool file that is not JSON, is missing, or binds a function no local handler builds: refused with what to fix', async () => {
    const broken = await run({ pool: { kind: 'file', uri: fileUri(path.join(dir, 'broken.json')) } });
    assert.ok(!broken.ok && broken.error.code === 'bad-pool' && /^The pool file broken\.json is not JSON: /.test(broken.error.message) && /describe-user-pool/.test(broken.error.hint ?? ''), JSON.stringify(broken));
    const missing = await run({ pool: { kind: 'file', uri: fileUri(path.join(dir, 'gone.json')) } });
    assert.ok(!missing.ok && /^The pool file gone\.json cannot be read: .*no such file/.test(missing.error.message), JSON.stringify(missing));
    const unbound = await run({ pool: { kind: 'described', poolId: 'us-east-1_Other1', described: described('us-east-1_Other1', 'someone-elses') } });
    assert.ok(!unbound.ok && unbound.error.code === 'bad-pool', JSON.stringify(unbound));
    if (unbound.ok) return;
    assert.equal(unbound.error.message, 'the pool us-east-1_Other1: LambdaConfig.PreSignUp is arn:aws:lambda:us-east-1:123456789012:function:someone-elses, but no handler in the bindings file builds someone-elses: add {"file", "functionName": "someone-elses"} to cognito-triggers.json.');
    assert.match(unbound.error.hint ?? '', /a \{"file", "functionName"\} entry in cognito-triggers\.json/);
  });
});

describe('Run Flow over LSP (untrusted)', () => {
  it('runs no handler in Restricted Mode', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-flow-untrusted-'));
    writeWorkspace(dir);
    const server = await startServer({ workspace: dir, trusted: false });
    try {
      const r = await server.request<RunFlowRequest.Result>('cognitoTriggers/runFlow', { runId: 'u', folderUri: fileUri(dir), flow: 'custom-auth', username: 'jane', createUser: true });
      assert.ok(!r.ok && r.error.code === 'untrusted', JSON.stringify(r));
    } finally {
      await server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
