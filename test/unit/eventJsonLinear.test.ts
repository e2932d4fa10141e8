// Event JSON diagnostics do work linear in the number of keys, counted (not timed): every read of the
// syntax tree's children and of the parsed value is counted through proxies, for 10× the keys.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Node } from 'jsonc-parser';
import { analyzeEvent } from '../../server/src/core/payload/analyze';
import { diagnoseEvent } from '../../server/src/core/payload/diagnose';
import { MAX_JSON_MEMBERS, parseJson, type ParsedJson } from '../../server/src/core/payload/document';
import { defaultSettings } from '../../server/src/core/settings';

interface Counter {
  reads: number;
}

/** Counts each read of an element of any node's `children` (a scan over an object's properties reads them all). */
function countTreeReads(root: Node, counter: Counter): Node {
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as Node;
    const children = node.children;
    if (!children) continue;
    stack.push(...children);
    // The nodes stay the same objects (parent links and WeakMap keys still match); only the arrays are watched.
    (node as { children?: Node[] }).children = new Proxy(children, {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) counter.reads++;
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
  }
  return root;
}

/** Counts each property read, `in` test and listed key of the parsed value, at every depth. */
function countValueReads(value: unknown, counter: Counter): unknown {
  const proxies = new WeakMap<object, object>();
  const wrap = (v: unknown): unknown => {
    if (typeof v !== 'object' || v === null) return v;
    const known = proxies.get(v);
    if (known) return known;
    const proxy = new Proxy(v, {
      get(target, key, receiver) {
        counter.reads++;
        return wrap(Reflect.get(target, key, receiver));
      },
      has(target, key) {
        counter.reads++;
        return Reflect.has(target, key);
      },
      ownKeys(target) {
        const keys = Reflect.ownKeys(target);
        counter.reads += keys.length;
        return keys;
      },
    });
    proxies.set(v, proxy);
    return proxy;
  };
  return wrap(value);
}

type Shape = (n: number) => Record<string, unknown>;
const envelope = { version: '1', region: 'us-east-1', userPoolId: 'us-east-1_x', userName: 'u', callerContext: { awsSdkVersion: '1', clientId: 'c' } };
const keys = (n: number, value: (i: number) => unknown): Record<string, unknown> => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, value(i)]));

/** `autoConfirmUser` with the case of its letters flipped by the bits of i + 1: 4,000 distinct misspellings. */
const miscased = (i: number): string => [...'autoConfirmUser'].map((c, j) => ((i + 1) >> j) & 1 ? (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()) : c).join('');

/** Documents with one diagnostic per key: at the top, in the response, on attribute values and array items. */
const SHAPES: Record<string, Shape> = {
  'unknown top-level keys': (n) => ({ ...envelope, triggerSource: 'PreSignUp_SignUp', request: { userAttributes: {} }, response: {}, ...keys(n, (i) => i) }),
  'unknown response keys (errors)': (n) => ({ ...envelope, triggerSource: 'PreSignUp_SignUp', request: { userAttributes: {} }, response: keys(n, () => true) }),
  // Each gets "Did you mean autoConfirmUser?" with a Change-to fix, after a check that no sibling has that key.
  'response keys in the wrong case (with fixes)': (n) => ({ ...envelope, triggerSource: 'PreSignUp_SignUp', request: { userAttributes: {} }, response: Object.fromEntries(Array.from({ length: n }, (_, i) => [miscased(i), true])) }),
  'user attributes that are not strings': (n) => ({ ...envelope, triggerSource: 'PreSignUp_SignUp', request: { userAttributes: keys(n, (i) => i) }, response: {} }),
  'claims to suppress that are not strings': (n) => ({ ...envelope, triggerSource: 'TokenGeneration_Authentication', request: { userAttributes: {}, groupConfiguration: { groupsToOverride: [], iamRolesToOverride: [] } }, response: { claimsOverrideDetails: { claimsToSuppress: Array.from({ length: n }, (_, i) => i) } } }),
};

/** Diagnoses the document with every tree and value read counted; the diagnostics and the reads. */
function diagnoseCounted(event: Record<string, unknown>): { diagnostics: number; fixes: number; reads: number } {
  const parsed = parseJson(JSON.stringify(event, null, 2), 'file:///w/events/linear.json', 1);
  assert.equal(parsed.tooLarge, undefined, `under the ${MAX_JSON_MEMBERS}-member cap, so it is analysed`);
  assert.ok(parsed.root);
  const counter: Counter = { reads: 0 };
  const counted: ParsedJson = { ...parsed, root: countTreeReads(parsed.root, counter), value: countValueReads(parsed.value, counter) };
  const analysis = analyzeEvent(counted, 'events/linear.json', defaultSettings().eventFiles, 'json');
  assert.ok(analysis?.trigger, 'recognised as an event');
  const diagnostics = diagnoseEvent(analysis);
  return { diagnostics: diagnostics.length, fixes: diagnostics.filter((d) => d.fixes?.length).length, reads: counter.reads };
}

describe('event JSON diagnostics: work counted, 10× the keys', () => {
  for (const [name, shape] of Object.entries(SHAPES)) {
    it(`${name}: 4,000 keys read the document at most 12× as often as 400 (a scan per key reads it ~100×)`, (t) => {
      const small = diagnoseCounted(shape(400));
      const large = diagnoseCounted(shape(4000));
      // Each key gets its diagnostic, so the work measured includes locating each one in the tree.
      assert.ok(small.diagnostics >= 400 && large.diagnostics >= 4000, `diagnostics: ${small.diagnostics}, ${large.diagnostics}`);
      if (name.includes('with fixes')) assert.deepEqual([small.fixes, large.fixes], [400, 4000], 'every misspelling carries its fix');
      const ratio = large.reads / small.reads;
      t.diagnostic(`${small.reads} reads for 400 keys, ${large.reads} for 4,000: ${ratio.toFixed(2)}×`);
      assert.ok(ratio < 12, `400 keys: ${small.reads} reads; 4,000 keys: ${large.reads} reads (${ratio.toFixed(1)}×)`);
    });
  }
});
