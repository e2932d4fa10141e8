// False positives found by running the handler rules over real public handlers (issue 9 §3); each
// fixture is written for this test, shaped like the real handler, never a copy of it.
// 1. A branch taken only for a triggerSource the handler's triggers never send is not judged against
//    them: a Python function serving the three custom challenge triggers compared triggerSource with
//    "CreateAuthChallenge" and "VerifyAuthChallengeResponse" (the real values end in "_Authentication").
//    It was inferred as DefineAuthChallenge from its first branch, and every response field of the other
//    two branches was an error ("a field of CreateAuthChallenge, not of DefineAuthChallenge"), burying the
//    one finding that names the defect: the comparison that is always false.
// 2. A helper that receives the event from the handler may write into an object its caller created:
//    aws-samples/amazon-cognito-passwordless-auth's fido2.ts addChallengeToEvent adds a key to
//    event.response.privateChallengeParameters, which create-auth-challenge.ts assigned before calling it.
import * as assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { loadPython } from '../../server/src/core/handler/python/parser';
import { findings } from './handlerHelpers';

const codes = (text: string, file: string): string[] => findings(text, file).map((p) => `${p.key}:${p.covered}`);

before(async () => {
  await loadPython();
});

describe('branches on a triggerSource the handler never receives', () => {
  const python = [
    'def lambda_handler(event, context):',
    '    if event["triggerSource"] == "DefineAuthChallenge_Authentication":',
    '        event["response"]["challengeName"] = "CUSTOM_CHALLENGE"',
    '        event["response"]["issueTokens"] = False',
    '        event["response"]["failAuthentication"] = False',
    '    elif event["triggerSource"] == "CreateAuthChallenge":',
    '        event["response"]["publicChallengeParameters"] = {}',
    '        event["response"]["challengeMetadata"] = "CUSTOM_CHALLENGE"',
    '    elif event["triggerSource"] == "VerifyAuthChallengeResponse":',
    '        event["response"]["answerCorrect"] = True',
    '    return event',
    '',
  ].join('\n');

  it('Python: only the two always-false comparisons are reported, not the fields inside their branches', () => {
    assert.deepEqual(codes(python, 'challenges.py'), ['invalidValue:"CreateAuthChallenge"', 'invalidValue:"VerifyAuthChallengeResponse"']);
  });

  it('JavaScript: the same', () => {
    const js = [
      'exports.handler = async (event) => {',
      "  if (event.triggerSource === 'DefineAuthChallenge_Authentication') {",
      "    event.response.challengeName = 'CUSTOM_CHALLENGE';",
      '    event.response.issueTokens = false;',
      '    event.response.failAuthentication = false;',
      "  } else if (event.triggerSource === 'CreateAuthChallenge') {",
      '    event.response.publicChallengeParameters = {};',
      '    event.request.clientMetadata.flow;',
      '  }',
      '  return event;',
      '};',
      '',
    ].join('\n');
    assert.deepEqual(codes(js, 'challenges.js'), ["invalidValue:'CreateAuthChallenge'"]);
  });

  it('with the real values, each branch is narrowed to its trigger and checked there (a wrong field still is an error)', () => {
    const fixed = python.replace('== "CreateAuthChallenge"', '== "CreateAuthChallenge_Authentication"').replace('== "VerifyAuthChallengeResponse"', '== "VerifyAuthChallengeResponse_Authentication"');
    assert.deepEqual(codes(fixed, 'challenges.py'), []);
    const wrong = fixed.replace('["challengeMetadata"] = "CUSTOM_CHALLENGE"', '["answerCorrect"] = True');
    assert.deepEqual(
      codes(wrong, 'challenges.py').map((c) => c.split(':')[0]),
      ['otherTrigger'],
    );
  });

  it('outside such a branch the handler is still checked', () => {
    const js = ["exports.handler = async (event) => {", "  if (event.triggerSource === 'PreSignUp_SigUp') return event;", '  event.response.autoConfirmUser = 1;', '  return event;', '};', ''].join('\n');
    assert.deepEqual(codes(js, 'preSignUp.js').map((c) => c.split(':')[0]), ['invalidValue', 'wrongType']);
  });
});

describe('write through a field Cognito sends as null, in a helper', () => {
  const body = [
    '  if (process.env.FIDO2_ENABLED) {',
    '    const options = JSON.stringify({ user: event.request.userAttributes.sub });',
    '    event.response.privateChallengeParameters.fido2options = options;',
    '    event.response.publicChallengeParameters.fido2options = options;',
    '  }',
  ];
  const file = (head: string, tail: string[]): string => ["import type { CreateAuthChallengeTriggerEvent } from 'aws-lambda';", head, ...body, ...tail, ''].join('\n');

  it('an exported helper typed with the event (not the handler) gets no write-through-null warning', () => {
    const helper = file('export async function addChallengeToEvent(event: CreateAuthChallengeTriggerEvent) {', ['}']);
    assert.deepEqual(codes(helper, 'fido2.ts'), []);
  });

  it('the handler itself still does: the event comes straight from Cognito, with those fields null', () => {
    const handler = file('export const handler = async (event: CreateAuthChallengeTriggerEvent) => {', ['  return event;', '};']);
    assert.deepEqual(codes(handler, 'createAuthChallenge.ts').map((c) => c.split(':')[0]), ['nullParent', 'nullParent']);
  });

  it('so does a helper the file names as the trigger with a comment', () => {
    const named = `// @cognito-trigger CreateAuthChallenge\n${file('export async function addChallengeToEvent(event: CreateAuthChallengeTriggerEvent) {', ['}'])}`;
    // (Named, it is held to every handler rule: it also returns nothing.)
    assert.deepEqual(codes(named, 'fido2.ts').map((c) => c.split(':')[0]).filter((k) => k === 'nullParent'), ['nullParent', 'nullParent']);
  });
});
