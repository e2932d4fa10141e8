// Issue 9 (noticed): an event file whose `$schema` names another trigger gets one trigger-mismatch finding on `$schema`, not the other schema's enum errors.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { checkFile } from '../../server/src/cli/check';
import { sampleEvent } from '../../server/src/core/events/sample';

const write = (name: string, value: unknown): string => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schema-mismatch-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
  return file;
};

test('a post confirmation event whose $schema names the PreSignUp schema: trigger-mismatch on $schema, no schema-enum', async () => {
  const e = { $schema: 'https://cognito-triggers.invalid/schemas/PreSignUp.schema.json', ...sampleEvent('PostConfirmation', 'PostConfirmation_ConfirmSignUp') };
  const found = await checkFile(write('confirm.json', e), { log: () => undefined });
  assert.deepEqual(found.map((f) => f.code), ['trigger-mismatch'], JSON.stringify(found.map((f) => `${f.code}: ${f.message}`)));
  const [f] = found;
  assert.equal(f?.severity, 'warning');
  assert.equal(f?.line, 2);
  assert.match(f?.message ?? '', /This is a Post confirmation event \(triggerSource "PostConfirmation_ConfirmSignUp"\), but its "\$schema" names the Pre sign-up schema\. Name "PostConfirmation\.schema\.json" in "\$schema"/);
});

test('a $schema that names the event\'s own trigger stays clean, and one without triggerSource takes the named trigger', async () => {
  const own = { $schema: '../schemas/PostConfirmation.schema.json', ...sampleEvent('PostConfirmation', 'PostConfirmation_ConfirmSignUp') };
  assert.deepEqual((await checkFile(write('own.json', own), { log: () => undefined })).map((f) => f.code), []);
});
