// The trigger model: registry integrity, documentation completeness, and the lookups others rely on.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  byLambdaConfig,
  byTypeName,
  claimRuleFor,
  fieldAt,
  findSource,
  getTrigger,
  trigger,
  TRIGGERS,
  triggersForLambdaConfigKey,
  type FieldDefinition,
} from '../../server/src/core/model';

/** Every field of a definition with its dotted path. */
function fields(f: FieldDefinition, path = ''): [string, FieldDefinition][] {
  const out: [string, FieldDefinition][] = [[path || '(event)', f]];
  for (const [k, c] of Object.entries(f.properties ?? {})) out.push(...fields(c, path ? `${path}.${k}` : k));
  if (typeof f.additionalProperties === 'object') out.push(...fields(f.additionalProperties, `${path}.*`));
  if (f.items) out.push(...fields(f.items, `${path}[]`));
  return out;
}

test('registry: 16 triggers in flow order with unique ids', () => {
  const ids = TRIGGERS.map((t) => t.id);
  assert.equal(new Set(ids).size, ids.length);
  assert.deepEqual(ids, [
    'PreSignUp', 'PostConfirmation', 'PreAuthentication', 'PostAuthentication', 'DefineAuthChallenge', 'CreateAuthChallenge',
    'VerifyAuthChallengeResponse', 'PreTokenGeneration', 'PreTokenGenerationV2', 'PreTokenGenerationV3', 'UserMigration',
    'CustomMessage', 'CustomEmailSender', 'CustomSMSSender', 'InboundFederation', 'SyncTrigger',
  ]);
  assert.equal(getTrigger('Nope'), undefined);
  assert.throws(() => trigger('Nope' as never), /No trigger definition/);
});

test('every trigger, source, field and enum value is documented', () => {
  for (const t of TRIGGERS) {
    assert.ok(t.description.length > 40, `${t.id} description`);
    assert.match(t.docs, /^https:\/\/docs\.aws\.amazon\.com\//, `${t.id} docs`);
    assert.ok(t.sources.length > 0, `${t.id} sources`);
    for (const s of t.sources) assert.ok(s.description.length > 10 && !s.description.includes('\n'), `${t.id} ${s.value} one-line description`);
    assert.equal(new Set(t.sources.map((s) => s.value)).size, t.sources.length, `${t.id} unique sources`);
    for (const [path, f] of fields(t.event)) {
      assert.ok(f.description.trim().length > 0, `${t.id} ${path} description`);
      for (const e of [...(f.enum ?? []), ...(f.suggestions ?? [])]) assert.ok(e.description.length > 0, `${t.id} ${path}=${e.value}`);
    }
  }
});

test('every leaf field Cognito sends has a realistic example', () => {
  for (const t of TRIGGERS) {
    for (const [path, f] of fields(t.event)) {
      const leaf = !f.properties && typeof f.additionalProperties !== 'object' && !f.items;
      if (!leaf || path.endsWith('.*') || path.endsWith('[]') || path === 'triggerSource') continue;
      assert.ok(f.example !== undefined || f.examplesBySource !== undefined, `${t.id} ${path} has no example`);
    }
  }
});

test('writable fields live only in the response (Sync: only datasetRecords)', () => {
  for (const t of TRIGGERS) {
    for (const [path, f] of fields(t.event)) {
      if (!f.writable) continue;
      const root = t.binding.kind === 'identityPool' ? 'datasetRecords' : 'response';
      assert.ok(path.startsWith(root), `${t.id} ${path} is writable outside ${root}`);
    }
  }
});

test('trigger-specific facts from the catalog', () => {
  assert.equal(fieldAt(trigger('UserMigration'), ['request', 'userAttributes']), undefined, 'UserMigration has no request.userAttributes');
  assert.equal(fieldAt(trigger('InboundFederation'), ['request', 'userAttributes']), undefined);
  assert.equal(trigger('PreTokenGenerationV3').sources.at(-1)?.value, 'TokenGeneration_ClientCredentials');
  assert.ok(!trigger('PreTokenGenerationV2').sources.some((s) => s.value === 'TokenGeneration_ClientCredentials'));
  assert.equal(fieldAt(trigger('PreTokenGeneration'), ['request', 'scopes']), undefined, 'V1 has no scopes');
  const sms = fieldAt(trigger('CustomMessage'), ['response', 'smsMessage']);
  assert.equal(sms?.constraints?.maxLength, 140);
  assert.equal(fieldAt(trigger('CustomMessage'), ['response', 'emailMessage'])?.constraints?.maxLength, 20000);
  assert.equal(fieldAt(trigger('CustomMessage'), ['response', 'emailSubject'])?.constraints?.maxLength, 140);
  assert.deepEqual(sms?.constraints?.mustContain?.map((p) => [p.fromField, p.sources]), [
    ['request.codeParameter', undefined],
    ['request.usernameParameter', ['CustomMessage_AdminCreateUser']],
  ]);
  for (const id of ['CustomEmailSender', 'CustomSMSSender'] as const) {
    const t = trigger(id);
    assert.equal(t.noResponse, true);
    assert.equal(t.synchronous, false);
    assert.equal(t.binding.kind === 'userPool' && t.binding.requiresKmsKey, true);
    assert.equal(t.event.properties?.response, undefined);
  }
  const sync = trigger('SyncTrigger');
  assert.equal(sync.binding.kind, 'identityPool');
  assert.equal(sync.event.properties?.identityPoolId?.constraints?.pattern, '^[\\w-]+:[0-9a-f-]+$');
  assert.deepEqual(fieldAt(sync, ['datasetRecords', 'any', 'op'])?.enum?.map((e) => e.value), ['replace', 'remove']);
});

test('byLambdaConfig: plain keys, PreTokenGenerationConfig by LambdaVersion, legacy key', () => {
  assert.equal(byLambdaConfig('PreSignUp')?.id, 'PreSignUp');
  assert.equal(byLambdaConfig('PreTokenGenerationConfig')?.id, 'PreTokenGeneration', 'V1_0 is the default');
  assert.equal(byLambdaConfig('PreTokenGenerationConfig', 'V2_0')?.id, 'PreTokenGenerationV2');
  assert.equal(byLambdaConfig('PreTokenGenerationConfig', 'V3_0')?.id, 'PreTokenGenerationV3');
  assert.equal(byLambdaConfig('PreTokenGenerationConfig', 'V9_0'), undefined);
  assert.equal(byLambdaConfig('PreTokenGeneration')?.id, 'PreTokenGeneration');
  assert.equal(byLambdaConfig('CustomSMSSender')?.id, 'CustomSMSSender');
  assert.equal(byLambdaConfig('KMSKeyID'), undefined);
  assert.equal(triggersForLambdaConfigKey('PreTokenGenerationConfig').length, 3);
});

test('byTypeName and findSource', () => {
  assert.equal(byTypeName('PreSignUpTriggerHandler')?.id, 'PreSignUp');
  assert.equal(byTypeName('CustomSMSSenderAuthenticationUserTriggerEvent')?.id, 'CustomSMSSender');
  assert.equal(byTypeName('PreTokenGenerationV2TriggerEvent')?.id, 'PreTokenGenerationV2');
  assert.equal(byTypeName('Handler'), undefined);
  assert.deepEqual(findSource('TokenGeneration_HostedAuth').map((m) => m.trigger.id), ['PreTokenGeneration', 'PreTokenGenerationV2', 'PreTokenGenerationV3']);
  assert.deepEqual(findSource('TokenGeneration_ClientCredentials').map((m) => m.trigger.id), ['PreTokenGenerationV3']);
});

test('fieldAt follows properties, maps and items, and respects sources', () => {
  const um = trigger('UserMigration');
  assert.equal(fieldAt(um, ['request', 'password'])?.type, 'string');
  assert.equal(fieldAt(um, ['request', 'password'], 'UserMigration_ForgotPassword'), undefined);
  assert.equal(fieldAt(um, ['request', 'password'], 'UserMigration_Authentication')?.type, 'string');
  assert.equal(fieldAt(trigger('PreSignUp'), ['request', 'userAttributes', 'email'])?.type, 'string');
  assert.equal(fieldAt(trigger('DefineAuthChallenge'), ['request', 'session', '0', 'challengeResult'])?.type, 'boolean');
  assert.equal(fieldAt(trigger('DefineAuthChallenge'), ['request', 'session', 2, 'challengeName'])?.type, 'string');
  assert.equal(fieldAt(trigger('PreSignUp'), ['response', 'nope']), undefined);
  assert.equal(fieldAt(trigger('PreSignUp'), []), trigger('PreSignUp').event);
});

test('claim rules: exact names win over prefixes; dev: is suppress-only; cognito: is fixed', () => {
  const v2 = trigger('PreTokenGenerationV2');
  assert.equal(claimRuleFor(v2, 'cognito:groups', 'id')?.canAdd, true);
  assert.equal(claimRuleFor(v2, 'cognito:username', 'id')?.canOverride, false);
  const dev = claimRuleFor(v2, 'dev:secret', 'id');
  assert.deepEqual([dev?.canAdd, dev?.canOverride, dev?.canSuppress], [false, false, true]);
  assert.equal(claimRuleFor(v2, 'sub', 'access')?.canSuppress, false);
  assert.equal(claimRuleFor(v2, 'favorite_color', 'id'), undefined, 'claims outside the schema are free');
  assert.equal(claimRuleFor(v2, 'scope', 'access')?.canAdd, true);
  assert.equal(claimRuleFor(trigger('PreTokenGeneration'), 'scope', 'access'), undefined, 'V1 has no scope rule');
  assert.match(claimRuleFor(v2, 'aud', 'id')?.note ?? '', /access token/);
});
