// Protocol tests of local invoke with the project's IaC wiring: the event picker lists the wired
// trigger's events (its pre token version too), and a Node.js major other than the wired runtime is a warning.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { InvokeCandidatesRequest, InvokeLocalRequest } from '../../server/src/core/protocol';
import { sampleEvent } from '../../server/src/core/events';
import { fileUri, startServer, type TestServer } from './harness';
import { ensureBuilt } from '../ensureBuilt';

const localMajor = Number(process.versions.node.split('.')[0]);
const otherRuntime = `nodejs${localMajor === 22 ? 20 : 22}.x`;

function workspace(runtime: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'invoke-wiring-'));
  const write = (rel: string, text: string): void => {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  };
  write('serverless.yml', `service: s\nprovider:\n  name: aws\n  runtime: ${runtime}\nfunctions:\n  pre:\n    handler: fn1/handler.handler\n    events:\n      - cognitoUserPool: { pool: P, trigger: PreSignUp }\n  tok:\n    handler: fn2/handler.handler\n    events:\n      - cognitoUserPool: { pool: P, trigger: PreTokenGeneration, lambdaVersion: V2_0 }\n`);
  // Neutral names and no types: only the wiring says which trigger each serves.
  write('fn1/handler.js', 'exports.handler = async (event) => event;\n');
  write('fn2/handler.js', 'exports.handler = async (event) => event;\n');
  write('events/signUp.json', JSON.stringify(sampleEvent('PreSignUp', 'PreSignUp_SignUp')));
  write('events/token.json', JSON.stringify(sampleEvent('PreTokenGenerationV2', 'TokenGeneration_Authentication')));
  return dir;
}

describe('invoke with the IaC wiring (trusted)', () => {
  let server: TestServer;
  let dir: string;
  before(async () => {
    ensureBuilt();
    dir = workspace(otherRuntime);
    server = await startServer({ workspace: dir, trusted: true });
  });
  after(() => server.stop());

  it('the event picker of a handler with no known trigger lists the events and samples of the trigger serverless.yml wires it to', async () => {
    const c = await server.request<InvokeCandidatesRequest.Result>('cognitoTriggers/invokeCandidates', { scopeUri: fileUri(path.join(dir, 'fn1', 'handler.js')), handlerName: 'handler' });
    assert.deepEqual(c.wired?.triggerIds, ['PreSignUp']);
    assert.match(c.wired?.why ?? '', /^serverless\.yml:9 binds functions\.pre to PreSignUp of P/);
    assert.deepEqual(c.events.map((e) => e.label), ['events/signUp.json']);
    assert.deepEqual(c.sources.map((s) => s.source), ['PreSignUp_SignUp', 'PreSignUp_AdminCreateUser', 'PreSignUp_ExternalProvider']);
  });

  it('a pre token handler wired with lambdaVersion V2_0 gets the V2 events and samples', async () => {
    const c = await server.request<InvokeCandidatesRequest.Result>('cognitoTriggers/invokeCandidates', { scopeUri: fileUri(path.join(dir, 'fn2', 'handler.js')), handlerName: 'handler' });
    assert.deepEqual(c.wired?.triggerIds, ['PreTokenGenerationV2']);
    assert.deepEqual(c.events.map((e) => e.label), ['events/token.json']);
    assert.ok(c.sources.length > 0 && c.sources.every((s) => s.triggerId === 'PreTokenGenerationV2'), JSON.stringify(c.sources));
  });

  it('an export the IaC does not wire lists every event, as before', async () => {
    const c = await server.request<InvokeCandidatesRequest.Result>('cognitoTriggers/invokeCandidates', { scopeUri: fileUri(path.join(dir, 'fn1', 'handler.js')), handlerName: 'other' });
    assert.equal(c.wired, undefined);
    assert.deepEqual(c.events.map((e) => e.label).sort(), ['events/signUp.json', 'events/token.json']);
  });

  it(`the result warns when the wired runtime (${otherRuntime}) is another Node.js major than the one that ran the handler, with the Lambda runtimes page as source`, async () => {
    const r = await server.request<InvokeLocalRequest.Result>('cognitoTriggers/invokeLocal', { runId: 'n1', handler: { uri: fileUri(path.join(dir, 'fn1', 'handler.js')), handlerName: 'handler' }, event: { kind: 'generate', triggerId: 'PreSignUp', source: 'PreSignUp_SignUp' } });
    assert.ok(r.ok, JSON.stringify(r));
    if (!r.ok) return;
    const line = r.result.summary.lines.find((l) => /deployed on/.test(l.text));
    assert.ok(line, JSON.stringify(r.result.summary.lines));
    assert.equal(line.severity, 'warning');
    assert.match(line.text, new RegExp(`deployed on ${otherRuntime.replace('.', '\\.')} \\(Node\\.js \\d+\\) but ran here on Node\\.js ${process.versions.node.replace(/\./g, '\\.')}`));
    assert.equal(line.source?.url, 'https://docs.aws.amazon.com/lambda/latest/dg/lambda-nodejs.html');
  });
});

describe('invoke with the IaC wiring: the same Node.js major', () => {
  it('no runtime warning when the wired runtime is the local Node.js major', async () => {
    const dir = workspace(`nodejs${localMajor}.x`);
    const server = await startServer({ workspace: dir, trusted: true });
    try {
      const r = await server.request<InvokeLocalRequest.Result>('cognitoTriggers/invokeLocal', { runId: 'n2', handler: { uri: fileUri(path.join(dir, 'fn1', 'handler.js')), handlerName: 'handler' }, event: { kind: 'generate', triggerId: 'PreSignUp', source: 'PreSignUp_SignUp' } });
      assert.ok(r.ok, JSON.stringify(r));
      if (!r.ok) return;
      assert.ok(!r.result.summary.lines.some((l) => /deployed on/.test(l.text)), JSON.stringify(r.result.summary.lines));
    } finally {
      await server.stop();
    }
  });
});
