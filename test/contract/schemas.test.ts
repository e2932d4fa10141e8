// The generated JSON Schemas: they compile, every generated sample validates, hand-made invalid events fail.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { sampleEvent } from '../../server/src/core/events';
import { TRIGGERS } from '../../server/src/core/model';

const root = path.resolve(__dirname, '..', '..');
const schemaDir = path.join(root, 'schemas');
const readJson = (file: string): unknown => JSON.parse(fs.readFileSync(file, 'utf8'));

/** Ajv knowing VS Code's schema keywords, with every schema of schemas/ loaded (refs resolve by $id). */
function loadAjv(): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
  addFormats(ajv);
  ajv.addVocabulary(['markdownDescription', 'enumDescriptions', 'defaultSnippets', 'patternErrorMessage', 'deprecationMessage']);
  for (const f of fs.readdirSync(schemaDir).filter((n) => n.endsWith('.schema.json'))) ajv.addSchema(readJson(path.join(schemaDir, f)) as object);
  return ajv;
}

const ajv = loadAjv();
const validator = (file: string): ValidateFunction => {
  const schema = readJson(path.join(schemaDir, file)) as { $id: string };
  const v = ajv.getSchema(schema.$id);
  assert.ok(v, `${file} did not compile`);
  return v;
};

test('every schema compiles (draft-07) and carries the generated $comment', () => {
  const files = fs.readdirSync(schemaDir).filter((n) => n.endsWith('.schema.json'));
  assert.equal(files.length, TRIGGERS.length + 1);
  for (const f of files) {
    const s = readJson(path.join(schemaDir, f)) as Record<string, unknown>;
    assert.equal(s.$schema, 'http://json-schema.org/draft-07/schema#');
    assert.match(String(s.$comment), /generated from server\/src\/core\/model — do not edit/);
    validator(f);
  }
});

test('every generated sample in examples/events validates against its schema and the dispatcher', () => {
  const any = validator('cognito-event.schema.json');
  let n = 0;
  for (const t of TRIGGERS) {
    const v = validator(`${t.id}.schema.json`);
    const dir = path.join(root, 'examples', 'events', t.id);
    for (const f of fs.readdirSync(dir)) {
      const event = readJson(path.join(dir, f));
      assert.ok(v(event), `${t.id}/${f}: ${JSON.stringify(v.errors)}`);
      assert.ok(any(event), `cognito-event ${t.id}/${f}: ${JSON.stringify(any.errors)}`);
      n++;
    }
  }
  assert.equal(n, TRIGGERS.reduce((a, t) => a + t.sources.length, 0));
});

/** Sets (or, for `undefined`, deletes) the value at a dotted path of a JSON object. */
function setPath(target: Record<string, unknown>, dotted: string, value: unknown): void {
  const keys = dotted.split('.');
  const last = keys.pop() as string;
  let cur = target;
  for (const k of keys) cur = cur[k] as Record<string, unknown>;
  if (value === undefined) delete cur[last];
  else cur[last] = value;
}

/** Changes one field of a sample and expects the schema to reject the event at `where`. */
function rejects(triggerId: string, source: string | undefined, dotted: string, value: unknown, where: string): void {
  const e = structuredClone(sampleEvent(triggerId, source));
  setPath(e, dotted, value);
  const v = validator(`${triggerId}.schema.json`);
  assert.equal(v(e), false, `${triggerId}: expected a failure at ${where}`);
  assert.ok(v.errors?.some((err) => err.instancePath === where), `${triggerId}: errors ${JSON.stringify(v.errors)} do not include ${where}`);
}

test('hand-made invalid events fail', () => {
  rejects('PreSignUp', undefined, 'response.autoConfirmUser', 'true', '/response/autoConfirmUser');
  rejects('PreSignUp', undefined, 'triggerSource', 'PreSignUp_Typo', '/triggerSource');
  rejects('PreSignUp', undefined, 'response.extra', true, '/response');
  rejects('PreSignUp', undefined, 'userPoolId', 'no-underscore', '/userPoolId');
  rejects('PreSignUp', undefined, 'request', undefined, '');
  rejects('CustomMessage', undefined, 'response.smsMessage', 'x'.repeat(141), '/response/smsMessage');
  rejects('CustomMessage', undefined, 'response.emailSubject', '', '/response/emailSubject');
  rejects('UserMigration', undefined, 'response.finalUserStatus', 'ARCHIVED', '/response/finalUserStatus');
  rejects('UserMigration', undefined, 'response.desiredDeliveryMediums', ['PIGEON'], '/response/desiredDeliveryMediums/0');
  rejects('UserMigration', 'UserMigration_ForgotPassword', 'request.password', 'x', '/request/password');
  rejects('PreTokenGenerationV2', undefined, 'response.claimsAndScopeOverrideDetails', { accessTokenGeneration: { scopesToAdd: ['a b'] } }, '/response/claimsAndScopeOverrideDetails/accessTokenGeneration/scopesToAdd/0');
  rejects('PreTokenGenerationV2', undefined, 'version', '1', '/version');
  rejects('PreTokenGeneration', undefined, 'response.claimsOverrideDetails', { claimsToAddOrOverride: { n: 2 } }, '/response/claimsOverrideDetails/claimsToAddOrOverride/n');
  rejects('CustomSMSSender', undefined, 'request.type', 'customEmailSenderRequestV1', '/request/type');
  rejects('SyncTrigger', undefined, 'datasetRecords.theme.op', 'delete', '/datasetRecords/theme/op');
  rejects('SyncTrigger', undefined, 'identityPoolId', 'pool', '/identityPoolId');
  rejects('SyncTrigger', undefined, 'version', '2', '/version');
});

test('the dispatcher picks the pre token version by "version"', () => {
  const any = validator('cognito-event.schema.json');
  const v2 = structuredClone(sampleEvent('PreTokenGenerationV2'));
  v2.response = { claimsOverrideDetails: null };
  assert.equal(any(v2), false, 'a version "2" event with the V1 response is rejected');
  assert.ok(any(sampleEvent('PreTokenGeneration')));
});
