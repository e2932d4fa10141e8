// The Flow Timeline the core builds from a flow result: the step that ends a failed flow reads as the
// failure (its verdict row too), while the verdict on that step's own answer stays visible.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseTriggerFlag, resolvePool, runFlow, UserStore, type FlowRequest, type FlowResult } from '../../server/src/core/flows';
import { timelineOf } from '../../server/src/core/flows/timeline';
import type { TimelineNode } from '../../server/src/core/protocol';
import { LocalInvoker } from '../../server/src/core/invoke';
import { defaultSettings } from '../../server/src/core/settings';
import { buildRunnerInto } from '../runnerBundle';

const FIX = path.resolve(__dirname, '../fixtures/flows');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-timeline-'));
let invoker: LocalInvoker;

before(() => {
  buildRunnerInto(tmp);
  invoker = new LocalInvoker(path.join(tmp, 'runner.js'));
  // A Define handler with a bug: it issues tokens without looking at userNotFound.
  fs.writeFileSync(path.join(tmp, 'defineIssues.js'), 'exports.handler = async (event) => { event.response.issueTokens = true; event.response.failAuthentication = false; return event; };\n');
});
after(() => {
  invoker.dispose();
  fs.rmSync(tmp, { recursive: true, force: true });
});

async function flow(r: Partial<FlowRequest>, triggers: string[], described?: unknown): Promise<FlowResult> {
  const pool = resolvePool({ ...(described ? { described } : {}), overrides: triggers.map((t) => parseTriggerFlag(t, FIX)), folder: FIX });
  const users = UserStore.inMemory([{ username: 'jane', password: 'Passw0rd!', status: 'CONFIRMED', attributes: { sub: '11111111-2222-4333-8444-555555555555' } }]);
  return runFlow({ flow: 'custom-auth', username: 'jane', attributes: {}, validationData: {}, answers: [], ...r }, { invoker, folder: FIX, settings: { ...defaultSettings().invoke, envFile: '' }, pool, users });
}

const failedStep = (nodes: TimelineNode[]) => nodes.find((n) => n.failed);
const verdictOf = (step: TimelineNode | undefined) => step?.children?.find((c) => c.id.endsWith('/verdict'));

describe('Flow Timeline: the step that ends a failed flow', () => {
  it('a Define whose own answer is valid (tokens for an unknown user): the step and its verdict row read as the failure, the own verdict stays as a line', async () => {
    const r = await flow({ username: 'nobody' }, [`DefineAuthChallenge=${path.join(tmp, 'defineIssues.js')}`], { UserPool: { Id: 'us-east-1_Abc123' }, UserPoolClient: { PreventUserExistenceErrors: 'ENABLED' } });
    assert.equal(r.outcome, 'failed');
    assert.equal(r.error?.name, 'NotAuthorizedException');
    const define = r.steps[r.error?.step ?? -1];
    assert.equal(define?.trigger, 'DefineAuthChallenge');
    // The premise of the defect: Cognito accepts this answer on its own.
    assert.equal(define?.verdict.succeeds, true, define?.verdict.headline);
    const nodes = timelineOf(r);
    const step = failedStep(nodes);
    assert.equal(step?.kind, 'error');
    assert.match(step?.description ?? '', /^✗ fails the flow \(NotAuthorizedException\) · Lambda · /);
    const verdict = verdictOf(step);
    assert.deepEqual(verdict && { kind: verdict.kind, severity: verdict.severity, failed: verdict.failed, label: verdict.label, description: verdict.description }, {
      kind: 'error',
      severity: 'error',
      failed: true,
      label: 'Cognito: this step fails the flow with NotAuthorizedException',
      description: 'Incorrect username or password.',
    });
    assert.equal(verdict?.source, r.error?.source);
    const own = verdict?.children?.[0];
    assert.deepEqual(own && { severity: own.severity, label: own.label }, { severity: 'ok', label: `This answer on its own: ${define?.verdict.headline}` });
    // The verdict's own lines follow.
    assert.equal(verdict?.children?.length, 1 + (define?.verdict.lines.length ?? 0));
  });

  it('three wrong answers: the last Define fails the flow; its own verdict (failAuthentication) is an error line', async () => {
    const r = await flow({ answers: ['1', '2', '3'] }, ['DefineAuthChallenge=defineAuth.js', 'CreateAuthChallenge=createAuth.ts', 'VerifyAuthChallengeResponse=verifyAuth.mjs']);
    const verdict = verdictOf(failedStep(timelineOf(r)));
    assert.equal(verdict?.kind, 'error');
    assert.equal(verdict?.label, 'Cognito: this step fails the flow with NotAuthorizedException');
    assert.deepEqual(verdict?.children?.[0] && { severity: verdict.children[0].severity, label: verdict.children[0].label }, { severity: 'error', label: 'This answer on its own: Authentication fails: failAuthentication ends the flow.' });
  });

  it('steps that do not end the flow keep their plain verdict row', async () => {
    const r = await flow({ answers: ['5', '4'] }, ['DefineAuthChallenge=defineAuth.js', 'CreateAuthChallenge=createAuth.ts', 'VerifyAuthChallengeResponse=verifyAuth.mjs']);
    assert.equal(r.outcome, 'succeeded');
    const nodes = timelineOf(r);
    assert.equal(failedStep(nodes), undefined);
    const verify = nodes.find((n) => n.label.endsWith('VerifyAuthChallengeResponse_Authentication'));
    const verdict = verdictOf(verify);
    assert.equal(verdict?.kind, 'verdict');
    assert.equal(verdict?.severity, 'ok');
    assert.match(verdict?.label ?? '', /^Cognito: Answer wrong/);
  });
});
