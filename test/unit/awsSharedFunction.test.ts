// Unit: which slots still call a function (qualifier-aware), and slot values compared by structure.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sameFunctionPolicy, slotsCalling } from '../../server/src/core/aws/functionRef';
import { describePlan } from '../../server/src/core/aws/render';
import { applySlotChange } from '../../server/src/core/aws/slotChange';
import { planUserPoolUpdate } from '../../server/src/core/aws/updatePlan';

const arn = (name: string) => `arn:aws:lambda:us-east-1:123456789012:function:${name}`;

describe('functions shared between slots', () => {
  it('compares references by name or ARN, qualifier-aware', () => {
    assert.ok(sameFunctionPolicy(arn('hook'), arn('hook')));
    assert.ok(sameFunctionPolicy(arn('hook'), 'hook'));
    assert.ok(sameFunctionPolicy(`${arn('hook')}:prod`, 'hook:prod'));
    assert.ok(sameFunctionPolicy(`${arn('hook')}:$LATEST`, arn('hook')), '$LATEST is the unqualified function');
    assert.ok(sameFunctionPolicy('123456789012:function:hook', arn('hook')));
    assert.ok(!sameFunctionPolicy(`${arn('hook')}:prod`, arn('hook')), 'an alias has its own policy');
    assert.ok(!sameFunctionPolicy(`${arn('hook')}:1`, `${arn('hook')}:2`));
    assert.ok(!sameFunctionPolicy(arn('hook'), arn('hook2')));
    assert.ok(!sameFunctionPolicy(arn('hook'), arn('hook').replace('123456789012', '210987654321')));
    assert.ok(!sameFunctionPolicy(arn('hook'), arn('hook').replace('us-east-1', 'eu-west-1')));
  });

  it('lists the slots still calling a function, object-valued and legacy keys included', () => {
    const config = {
      PreSignUp: arn('hook'),
      PostConfirmation: `${arn('hook')}:prod`,
      PreTokenGenerationConfig: { LambdaVersion: 'V2_0', LambdaArn: arn('hook') },
      PreTokenGeneration: arn('hook'),
      CustomEmailSender: { LambdaArn: arn('mailer'), LambdaVersion: 'V1_0' },
      KMSKeyID: 'arn:aws:kms:us-east-1:123456789012:key/k',
    };
    assert.deepEqual(slotsCalling(config, arn('hook')), ['PreSignUp', 'PreTokenGenerationConfig']);
    assert.deepEqual(slotsCalling(config, `${arn('hook')}:prod`), ['PostConfirmation']);
    assert.deepEqual(slotsCalling(config, arn('mailer')), ['CustomEmailSender']);
    assert.deepEqual(slotsCalling(undefined, arn('hook')), []);
  });
});

describe('slot values compared by structure', () => {
  const current = { PreTokenGenerationConfig: { LambdaVersion: 'V2_0' as const, LambdaArn: arn('token') }, PreTokenGeneration: arn('token') };

  it('the same function and version in another key order is no change', () => {
    const r = applySlotChange(current, { kind: 'bind', slot: 'PreTokenGenerationConfig', functionArn: arn('token'), lambdaVersion: 'V2_0' });
    assert.deepEqual(r.changedKeys, []);
    assert.deepEqual(applySlotChange(current, { kind: 'bind', slot: 'PreTokenGenerationConfig', functionArn: arn('token'), lambdaVersion: 'V3_0' }).changedKeys, ['PreTokenGenerationConfig']);
  });

  it('the plan says "No change: <slot> already calls <fn> (V2_0)" and that UpdateUserPool is not called', () => {
    const change = { kind: 'bind' as const, slot: 'PreTokenGenerationConfig', functionArn: arn('token'), lambdaVersion: 'V2_0' };
    const plan = planUserPoolUpdate({ Id: 'us-east-1_abc', LambdaConfig: current }, change);
    assert.deepEqual(describePlan('us-east-1_abc', plan, change), [`No change: PreTokenGenerationConfig already calls ${arn('token')} (V2_0).`, 'UpdateUserPool us-east-1_abc is not called.']);
    const unbind = planUserPoolUpdate({ Id: 'us-east-1_abc', LambdaConfig: current }, { kind: 'unbind', slot: 'PreSignUp' });
    assert.deepEqual(describePlan('us-east-1_abc', unbind, { kind: 'unbind', slot: 'PreSignUp' })[0], 'No change: PreSignUp is not bound.');
  });
});
