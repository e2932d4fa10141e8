// Unit: the doctor's pure parts: policy statements classified against a pool, runtime dates, name
// patterns, the pre token version a handler is written for, and every rule's source.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DOCTOR_RULES, ruleSource } from '../../server/src/core/aws/doctor/rules';
import { runtimeStatus } from '../../server/src/core/aws/doctor/runtimes';
import { analyzeHandler, handlerPreTokenVersion, nameMatches, type LocatedHandler } from '../../server/src/core/aws/doctor/workspace';
import { findPermission, grantsFor, USER_POOL_PRINCIPAL } from '../../server/src/core/aws/permission';

const POOL = 'arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_Abc';
const need = { principal: USER_POOL_PRINCIPAL, sourceArn: POOL, sourceAccount: '123456789012' };
const policy = (...statements: Record<string, unknown>[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const stmt = (sid: string, condition?: Record<string, unknown>) => ({ Sid: sid, Effect: 'Allow', Principal: { Service: USER_POOL_PRINCIPAL }, Action: 'lambda:InvokeFunction', ...(condition ? { Condition: condition } : {}) });

describe('grantsFor', () => {
  it('classifies each statement for the principal: this pool, a pattern, broad, other pool, other account', () => {
    const p = policy(
      stmt('exact', { ArnLike: { 'AWS:SourceArn': POOL } }),
      stmt('pattern', { ArnLike: { 'aws:sourcearn': 'arn:aws:cognito-idp:us-east-1:123456789012:userpool/*' } }),
      stmt('broad'),
      stmt('other', { ArnLike: { 'AWS:SourceArn': `${POOL}X` } }),
      stmt('foreign', { StringEquals: { 'AWS:SourceAccount': '999999999999' }, ArnLike: { 'AWS:SourceArn': POOL } }),
      { ...stmt('deny'), Effect: 'Deny' },
      { ...stmt('sync'), Principal: { Service: 'cognito-sync.amazonaws.com' } },
    );
    assert.deepEqual(grantsFor(p, need).map((g) => [g.sid, g.kind]), [['exact', 'thisPool'], ['pattern', 'thisPool'], ['broad', 'broad'], ['other', 'otherPool'], ['foreign', 'otherAccount']]);
    assert.deepEqual(grantsFor(undefined, need), []);
    assert.deepEqual(grantsFor('{not json', need), []);
  });
  it('findPermission keeps its meaning on top of it: the first grant for this pool or a broad one', () => {
    assert.deepEqual(findPermission(policy(stmt('other', { ArnLike: { 'AWS:SourceArn': `${POOL}X` } }), stmt('broad')), need), { sid: 'broad', broad: true });
    assert.deepEqual(findPermission(policy(stmt('exact', { ArnLike: { 'AWS:SourceArn': POOL } })), need), { sid: 'exact' });
    assert.equal(findPermission(policy(stmt('foreign', { StringEquals: { 'AWS:SourceAccount': '1' } })), need), undefined);
  });
});

describe('runtimeStatus', () => {
  const day = (d: string) => new Date(`${d}T00:00:00Z`);
  it('deprecated from the date on, "soon" within 180 days before it, unknown runtimes not judged', () => {
    assert.deepEqual(runtimeStatus('nodejs20.x', day('2026-04-30')), { kind: 'deprecated', date: '2026-04-30' });
    assert.deepEqual(runtimeStatus('nodejs20.x', day('2026-04-29')), { kind: 'soon', date: '2026-04-30' });
    assert.deepEqual(runtimeStatus('nodejs20.x', day('2025-10-01')), { kind: 'ok' });
    assert.deepEqual(runtimeStatus('java21', day('2026-12-01')), { kind: 'unknown' });
  });
});

describe('nameMatches', () => {
  it('an IaC name with * matches any value of the unknown part, and nothing else', () => {
    assert.ok(nameMatches('shop-*-preSignUp', 'shop-prod-preSignUp'));
    assert.ok(!nameMatches('shop-*-preSignUp', 'shop-prod-postConfirmation'));
    assert.ok(nameMatches('a.b', 'a.b'));
    assert.ok(!nameMatches('a.b', 'axb'));
  });
});

describe('handlerPreTokenVersion', () => {
  const located = (text: string, statedTrigger?: string): LocatedHandler => ({ folder: { name: 'app', entries: [], readFile: () => text }, file: 'preToken.js', exportName: 'handler', why: 'test', ...(statedTrigger ? { statedTrigger } : {}) });
  it('reads the version from the response the code sets, or the bindings file; not from the file name', async () => {
    const v1 = located("exports.handler = async (event) => {\n  event.response.claimsOverrideDetails = { claimsToAddOrOverride: { a: 'b' } };\n  return event;\n};\n");
    assert.equal(handlerPreTokenVersion(v1, await analyzeHandler(v1))?.version, 'V1_0');
    const v2 = located("exports.handler = async (event) => {\n  event.response.claimsAndScopeOverrideDetails = { idTokenGeneration: {} };\n  return event;\n};\n");
    assert.equal(handlerPreTokenVersion(v2, await analyzeHandler(v2))?.version, 'V2_0');
    const bare = located('exports.handler = async (event) => event;\n');
    assert.equal(handlerPreTokenVersion(bare, await analyzeHandler(bare)), undefined);
    assert.equal(handlerPreTokenVersion(located('exports.handler = async (e) => e;\n', 'PreTokenGenerationV3'), undefined)?.version, 'V3_0');
  });
});

describe('doctor rules', () => {
  it('every rule names a source with a URL, or a local/undocumented one that says so', () => {
    for (const id of Object.keys(DOCTOR_RULES) as (keyof typeof DOCTOR_RULES)[]) {
      const s = ruleSource(id);
      assert.ok(s.url || s.kind === 'local', `${id}: ${JSON.stringify(s)}`);
      if (s.url) assert.match(s.url, /^https:\/\//);
    }
  });
});
