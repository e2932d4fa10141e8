// Protocol tests of what the invoke pickers offer: event files of the handler's trigger and event version only (labelled with the version they are), and for an event file only the handlers of its trigger.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { InvokeCandidatesRequest } from '../../server/src/core/protocol';
import { fileUri, REPO_ROOT, startServer, type TestServer } from './harness';
import { ensureBuilt } from '../ensureBuilt';

const EXAMPLES = path.join(REPO_ROOT, 'examples', 'events');

function workspace(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'invoke-pickers-'));
  const write = (rel: string, text: string): void => {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  };
  // The same triggerSource in three event versions: only `version` tells them apart.
  for (const v of ['', 'V2', 'V3']) write(`events/tokens${v || 'V1'}.json`, fs.readFileSync(path.join(EXAMPLES, `PreTokenGeneration${v}`, 'TokenGeneration_HostedAuth.json'), 'utf8'));
  write('events/signUp.json', fs.readFileSync(path.join(EXAMPLES, 'PreSignUp', 'PreSignUp_SignUp.json'), 'utf8'));
  write('handlers/tokensV2.js', '// @cognito-trigger PreTokenGenerationV2\nexports.handler = async (event) => event;\n');
  write('handlers/tokensV1.js', '// @cognito-trigger PreTokenGeneration\nexports.handler = async (event) => event;\n');
  write('handlers/signUp.js', '/** @param {import("aws-lambda").PreSignUpTriggerEvent} event */\nexports.handler = async (event) => event;\n');
  write('handlers/neutral.js', 'exports.handler = async (event) => event;\n');
  return dir;
}

describe('invoke pickers (trusted)', () => {
  let server: TestServer;
  let dir: string;
  before(async () => {
    ensureBuilt();
    dir = workspace();
    server = await startServer({ workspace: dir, trusted: true });
  });
  after(() => server.stop());
  const candidates = (p: InvokeCandidatesRequest.Params) => server.request<InvokeCandidatesRequest.Result>('cognitoTriggers/invokeCandidates', p);

  it('a version 2 pre token handler is offered the version 2 event only, labelled as version 2 (was: all three, each labelled as the asked version)', async () => {
    const c = await candidates({ triggerIds: ['PreTokenGenerationV2'], scopeUri: fileUri(path.join(dir, 'handlers', 'tokensV2.js')) });
    assert.deepEqual(c.events.map((e) => [e.label, e.triggerId, e.triggerSource, e.triggerName]), [['events/tokensV2.json', 'PreTokenGenerationV2', 'TokenGeneration_HostedAuth', 'Pre token generation (event version 2)']]);
    assert.ok(c.sources.every((s) => s.triggerName === 'Pre token generation (event version 2)'), JSON.stringify(c.sources));
  });

  it('a handler of version 2 or 3 (the same response shape) is offered both, each with its own version', async () => {
    const c = await candidates({ triggerIds: ['PreTokenGenerationV2', 'PreTokenGenerationV3'], scopeUri: fileUri(path.join(dir, 'handlers', 'tokensV2.js')) });
    assert.deepEqual(c.events.map((e) => [e.label, e.triggerId]), [['events/tokensV2.json', 'PreTokenGenerationV2'], ['events/tokensV3.json', 'PreTokenGenerationV3']]);
  });

  it('the palette (no triggers given) on a commented version 2 handler: its own signals pick the events, as its lens does', async () => {
    const c = await candidates({ scopeUri: fileUri(path.join(dir, 'handlers', 'tokensV2.js')), handlerName: 'handler' });
    assert.deepEqual(c.wired?.triggerIds, ['PreTokenGenerationV2']);
    assert.deepEqual(c.events.map((e) => e.label), ['events/tokensV2.json']);
    const neutral = await candidates({ scopeUri: fileUri(path.join(dir, 'handlers', 'neutral.js')), handlerName: 'handler' });
    assert.equal(neutral.wired, undefined);
    assert.equal(neutral.events.length, 4);
  });

  it('"Invoke with a handler…" on a version 2 event lists only the handlers of that trigger, each with its file', async () => {
    const c = await candidates({ handlers: true, forTriggerId: 'PreTokenGenerationV2', scopeUri: fileUri(path.join(dir, 'events', 'tokensV2.json')) });
    assert.deepEqual(c.handlers.map((h) => [h.label, h.handlerName, h.triggerIds]), [['handlers/tokensV2.js', 'handler', ['PreTokenGenerationV2']]]);
    const signUp = await candidates({ handlers: true, forTriggerId: 'PreSignUp', scopeUri: fileUri(path.join(dir, 'events', 'signUp.json')) });
    // The typed one, and the one whose file name says it (signUp.js has both); never a pre token handler.
    assert.deepEqual(signUp.handlers.map((h) => h.label), ['handlers/signUp.js']);
  });

  it('when no handler states the trigger, the handlers whose trigger is not known are offered (never those of another trigger)', async () => {
    const c = await candidates({ handlers: true, forTriggerId: 'CustomMessage', scopeUri: fileUri(path.join(dir, 'events', 'signUp.json')) });
    assert.deepEqual(c.handlers.map((h) => [h.label, h.triggerIds]), [['handlers/neutral.js', []]]);
  });

  it('without forTriggerId every export is listed, as before', async () => {
    const c = await candidates({ handlers: true, scopeUri: fileUri(path.join(dir, 'events', 'signUp.json')) });
    assert.deepEqual(c.handlers.map((h) => h.label).sort(), ['handlers/neutral.js', 'handlers/signUp.js', 'handlers/tokensV1.js', 'handlers/tokensV2.js']);
  });
});
