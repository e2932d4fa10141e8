// Unit tests of the short AWS messages (core/aws/messages.ts): pool name first, the function by its name, no retry where it cannot help.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { explainAwsError } from '../../server/src/core/aws/errors';
import { appliedSummary, functionLabel, partialChangeDetail, partialChangeTitle, poolLabel, retryCanHelp, reviewTitle, type PartialFacts } from '../../server/src/core/aws/messages';

const FN = 'arn:aws:lambda:us-east-1:123456789012:function:pre-sign-up';

describe('AWS messages', () => {
  it('name a pool by its name, else its id', () => {
    assert.equal(poolLabel({ poolName: 'shop-users', poolId: 'us-east-1_Abc' }), 'shop-users');
    assert.equal(poolLabel({ poolName: ' ', poolId: 'us-east-1_Abc' }), 'us-east-1_Abc');
    assert.equal(poolLabel({ poolId: 'us-east-1_Abc' }), 'us-east-1_Abc');
    assert.equal(functionLabel(FN), 'pre-sign-up');
    assert.equal(functionLabel(`${FN}:live`), 'pre-sign-up:live');
    assert.equal(functionLabel('plain-name'), 'plain-name');
  });

  it('say what a bind or unbind did in one sentence, pool name first, without ARNs', () => {
    const base = { pool: 'shop-users', where: 'PreSignUp', functionArn: FN };
    assert.equal(appliedSummary({ ...base, bind: true, changed: true, unexpected: 0, permission: 'added' }), 'shop-users: PreSignUp now calls pre-sign-up, permission added; nothing else changed.');
    assert.equal(appliedSummary({ ...base, bind: true, changed: false, unexpected: 0, permission: 'present' }), 'shop-users: PreSignUp already calls pre-sign-up, permission already there.');
    assert.equal(appliedSummary({ ...base, bind: false, changed: true, unexpected: 0, permission: 'removed' }), 'shop-users: PreSignUp unbound, permission removed; nothing else changed.');
    assert.equal(appliedSummary({ ...base, bind: false, changed: true, unexpected: 0 }), 'shop-users: PreSignUp unbound; nothing else changed.');
    assert.equal(appliedSummary({ ...base, bind: true, changed: true, unexpected: 2, permission: 'added' }), 'shop-users: PreSignUp now calls pre-sign-up, permission added; but 2 other setting(s) changed (see the log).');
    for (const s of [appliedSummary({ ...base, bind: true, changed: true, unexpected: 0, permission: 'added' })]) {
      assert.ok(s.length < 90, s);
      assert.doesNotMatch(s, /arn:|us-east-1_|plan-\d/);
    }
  });

  it('title the review with the pool and the slot', () => {
    assert.equal(reviewTitle({ pool: 'shop-users', where: 'PreSignUp', changes: true, unbind: false }), 'shop-users: review the change to PreSignUp (nothing else changes):');
    assert.equal(reviewTitle({ pool: 'shop-users', where: 'PreSignUp', changes: true, unbind: true }), 'shop-users: unbind PreSignUp? Review the change (nothing else changes):');
    assert.equal(reviewTitle({ pool: 'shop-users', where: 'PreSignUp', changes: false, unbind: false }), 'shop-users: PreSignUp is already bound, nothing to change in the pool.');
    assert.equal(reviewTitle({ pool: 'shop-users', where: 'PreSignUp', changes: false, unbind: true }), 'shop-users: PreSignUp is not bound, nothing to change in the pool.');
  });

  const partial = (code: string): PartialFacts => ({
    poolId: 'us-east-1_Abc',
    poolName: 'shop-users',
    applied: ['UpdateUserPool us-east-1_Abc: LambdaConfig.PreSignUp → pre-sign-up'],
    notApplied: ['GetPolicy, AddPermission: let cognito-idp.amazonaws.com invoke pre-sign-up'],
    error: { code, message: 'shop-users: binding PreSignUp failed at AddPermission: a parameter was refused.', hint: 'Read the message for the parameter.' },
    impact: 'shop-users now calls pre-sign-up from PreSignUp, but …',
    finishCommand: 'cognito-triggers bind --user-pool us-east-1_Abc --trigger PreSignUp --function pre-sign-up --yes',
    rollbackCommand: 'cognito-triggers unbind --user-pool us-east-1_Abc --trigger PreSignUp --expect-current x --yes',
  });

  it('a partial change starts with the pool name; Finish is not offered as a retry when the input was refused', () => {
    assert.equal(partialChangeTitle(partial('InvalidParameterValueException')), 'shop-users: the change stopped half way.');
    assert.equal(partialChangeTitle({ ...partial('X'), poolName: undefined }), 'us-east-1_Abc: the change stopped half way.');
    for (const code of ['KmsKeyRefused', 'InvalidParameterException', 'InvalidParameterValueException', 'ValidationException', 'InvalidInput']) {
      assert.equal(retryCanHelp(code), false, code);
      const text = partialChangeDetail(partial(code));
      assert.match(text, /Finish would fail the same way until that is fixed/, code);
      assert.doesNotMatch(text, /Finish retries/, code);
    }
    for (const code of ['AccessDeniedException', 'Timeout', 'InternalErrorException', 'ResourceConflictException']) {
      assert.equal(retryCanHelp(code), true, code);
      const text = partialChangeDetail(partial(code));
      assert.match(text, /Finish retries the steps not done/, code);
      assert.ok(text.includes('From a terminal: cognito-triggers bind --user-pool us-east-1_Abc'), text);
    }
  });

  it('an error names the pool first and the failed call once', () => {
    const refused = (call: string) => Object.assign(new Error('injected'), { name: 'InvalidParameterValueException', $call: call });
    assert.equal(explainAwsError(refused('GetPolicy'), 'shop-users: GetPolicy, AddPermission', []).message, 'shop-users: GetPolicy, AddPermission failed: a parameter was refused. injected');
    assert.equal(explainAwsError(refused('AddPermission'), 'shop-users: binding PreSignUp', []).message, 'shop-users: binding PreSignUp failed at AddPermission: a parameter was refused. injected');
  });
});
