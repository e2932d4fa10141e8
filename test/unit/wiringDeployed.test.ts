// Deployed function → wired handler (core/wiring/deployed.ts): the bindings view's link without cognito-triggers.json.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { functionNameOf, wiredHandlerForFunction } from '../../server/src/core/wiring/deployed';
import type { WiredHandler, WiringResult } from '../../server/src/core/wiring/types';

const wired = (file: string, key: string, name: string | undefined): WiredHandler => ({
  kind: 'serverless', file, export: 'handler', handlerSpec: `${file}.handler`, lambdaConfigKey: key, trigger: 'PreSignUp', function: { ref: file, ...(name ? { name } : {}) }, evidence: [{ fact: 'handler', file: 'serverless.yml', line: 3, text: '' }],
});
const w = (...handlers: WiredHandler[]): WiringResult => ({ handlers, unresolved: [], files: [] });

test('names, partial ARNs and qualified ARNs give the function name', () => {
  assert.equal(functionNameOf('arn:aws:lambda:us-east-1:123456789012:function:shop-dev-pre:live'), 'shop-dev-pre');
  assert.equal(functionNameOf('123456789012:function:shop-dev-pre'), 'shop-dev-pre');
  assert.equal(functionNameOf('shop-dev-pre'), 'shop-dev-pre');
});

test('the most specific name wins; the slot decides between equals; a tie between two files is no answer', () => {
  const exact = wired('a.js', 'PreSignUp', 'shop-dev-pre');
  const pattern = wired('b.js', 'PreSignUp', 'shop-*-pre');
  assert.equal(wiredHandlerForFunction(w(pattern, exact), 'arn:aws:lambda:us-east-1:1:function:shop-dev-pre')?.file, 'a.js');
  assert.equal(wiredHandlerForFunction(w(pattern), 'shop-prod-pre')?.file, 'b.js');
  // One name pattern, two slots: the slot being shown picks.
  const pre = wired('pre.js', 'PreSignUp', '*Auth*');
  const post = wired('post.js', 'PostConfirmation', '*Auth*');
  assert.equal(wiredHandlerForFunction(w(pre, post), 'Stack-AuthFn-1', 'PostConfirmation')?.file, 'post.js');
  assert.equal(wiredHandlerForFunction(w(pre, post), 'Stack-AuthFn-1'), undefined);
  // Pre token generation's two LambdaConfig keys are one slot.
  const tok = wired('tok.js', 'PreTokenGeneration', '*Tok*');
  assert.equal(wiredHandlerForFunction(w(tok, wired('x.js', 'PreSignUp', '*Tok*')), 'S-TokFn-1', 'PreTokenGenerationConfig')?.file, 'tok.js');
});

test('a name that says too little (`*Fn*`), no name, or no source file links nothing', () => {
  assert.equal(wiredHandlerForFunction(w(wired('a.js', 'PreSignUp', '*Fn*')), 'Stack-Fn-1'), undefined);
  assert.equal(wiredHandlerForFunction(w(wired('a.js', 'PreSignUp', undefined)), 'a'), undefined);
  const noFile = { ...wired('a.js', 'PreSignUp', 'exact-name'), file: undefined } as unknown as WiredHandler;
  assert.equal(wiredHandlerForFunction(w(noFile), 'exact-name'), undefined);
  assert.equal(wiredHandlerForFunction(undefined, 'exact-name'), undefined);
});
