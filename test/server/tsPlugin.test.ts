// The TypeScript server plugin in a real tsserver, loaded as VS Code loads it: TypeScript's rows and
// diagnostics that the language server already gives are gone, everything else TypeScript says stays.
import * as assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { REPO_ROOT, startTsServer, type TsServer } from './tsserverHarness';

const TS_HANDLER = `import type { PreSignUpTriggerEvent, UserMigrationTriggerEvent } from 'aws-lambda';

export const handler = async (event: PreSignUpTriggerEvent): Promise<PreSignUpTriggerEvent> => {
  const attrs = event.request.;
  event.response.autoConfirmUsr = true;
  const n: number = 'not a number';
  return event;
};

export const migrate = async (event: UserMigrationTriggerEvent): Promise<UserMigrationTriggerEvent> => {
  if (event.triggerSource === 'UserMigration_ForgotPassword') {
    const p = event.request.;
  }
  return event;
};

export const noReturn = async (event: PreSignUpTriggerEvent): Promise<PreSignUpTriggerEvent> => {
  event.response.autoConfirmUser = true;
};
`;

const JS_HANDLER = `// @ts-check
/** @param {import('aws-lambda').PreSignUpTriggerEvent} event */
exports.handler = async (event) => {
  event.response.autoVerifyEmial = true;
  const x = event.request.;
  return event;
};
`;

// The same handler without another handler's half-typed line: our no-return finding is held back while the
// file has a syntax error (half-typed code must not flash errors), so its duplicate shows only in a clean file.
const NO_RETURN = `import type { PreSignUpTriggerEvent } from 'aws-lambda';

export const noReturn = async (event: PreSignUpTriggerEvent): Promise<PreSignUpTriggerEvent> => {
  event.response.autoConfirmUser = true;
};
`;

const FILES = { 'src/preSignUp.ts': TS_HANDLER, 'src/signUpChecked.js': JS_HANDLER, 'src/noReturn.ts': NO_RETURN };
let plain: TsServer;
let plugged: TsServer;

before(async () => {
  [plain, plugged] = await Promise.all([startTsServer(FILES, undefined), startTsServer(FILES, REPO_ROOT)]);
  for (const s of [plain, plugged]) for (const f of Object.keys(FILES)) await s.open(f);
});
after(() => {
  plain?.stop();
  plugged?.stop();
});

const at = (text: string, marker: string, occurrence = 1): number => {
  let i = -1;
  for (let k = 0; k < occurrence; k++) i = text.indexOf(marker, i + 1);
  assert.ok(i >= 0, `marker ${marker} #${occurrence}`);
  return i + marker.length;
};
const names = async (s: TsServer, file: keyof typeof FILES, marker: string, occurrence = 1): Promise<string[]> =>
  (await s.completions(file, FILES[file], at(FILES[file], marker, occurrence))).map((e) => e.name);

test('the plugin loads from <probe>/node_modules/cognito-triggers-ts-plugin', () => {
  assert.match(plugged.pluginLog(), /\[cognito-triggers\] loaded for project/);
});

test('TypeScript no longer offers the event fields the language server offers (one row each)', async () => {
  const without = await names(plain, 'src/preSignUp.ts', 'event.request.');
  assert.ok(without.includes('userAttributes') && without.includes('validationData'), without.join(', '));
  const withPlugin = await names(plugged, 'src/preSignUp.ts', 'event.request.');
  assert.deepEqual(withPlugin.filter((n) => ['userAttributes', 'validationData', 'clientMetadata'].includes(n)), []);
});

test('TypeScript no longer offers fields the triggerSource branch narrows away (password in ForgotPassword)', async () => {
  const without = await names(plain, 'src/preSignUp.ts', 'event.request.', 2);
  assert.ok(without.includes('password'), without.join(', '));
  const withPlugin = await names(plugged, 'src/preSignUp.ts', 'event.request.', 2);
  assert.ok(!withPlugin.includes('password'), withPlugin.join(', '));
});

test('in a checkJs JavaScript handler too', async () => {
  assert.ok((await names(plain, 'src/signUpChecked.js', 'event.request.')).includes('userAttributes'));
  assert.ok(!(await names(plugged, 'src/signUpChecked.js', 'event.request.')).includes('userAttributes'));
});

test('completion elsewhere is untouched', async () => {
  const marker = 'const n: number = ';
  const without = await names(plain, 'src/preSignUp.ts', marker);
  const withPlugin = await names(plugged, 'src/preSignUp.ts', marker);
  assert.ok(without.length > 10);
  assert.deepEqual(withPlugin, without);
});

test('a field typo: ts(2551) goes (ours says it), the unrelated type error stays', async () => {
  const codes = (ds: { code: number }[]) => ds.map((d) => d.code).sort();
  const without = codes(await plain.diagnostics('src/preSignUp.ts'));
  assert.ok(without.includes(2551) && without.includes(2322) && without.includes(2355), without.join(', '));
  const withPlugin = codes(await plugged.diagnostics('src/preSignUp.ts'));
  assert.ok(!withPlugin.includes(2551), withPlugin.join(', '));
  assert.ok(withPlugin.includes(2322), 'a TypeScript error ours does not cover stays');
  // Ours holds its no-return finding back in this file (it has syntax errors), so TypeScript's stays: one each.
  assert.ok(withPlugin.includes(2355), `ts(2355) is the only no-return diagnostic here: ${withPlugin.join(', ')}`);
});

test('a missing return in a clean file: ts(2355) goes (ours says it)', async () => {
  const codes = (ds: { code: number }[]) => ds.map((d) => d.code).sort();
  assert.ok(codes(await plain.diagnostics('src/noReturn.ts')).includes(2355));
  const withPlugin = codes(await plugged.diagnostics('src/noReturn.ts'));
  assert.ok(!withPlugin.includes(2355), `ts(2355) duplicates our no-return diagnostic: ${withPlugin.join(', ')}`);
});

test('a field typo in a checkJs JavaScript handler: ts(2551) goes', async () => {
  assert.ok((await plain.diagnostics('src/signUpChecked.js')).some((d) => d.code === 2551));
  assert.ok(!(await plugged.diagnostics('src/signUpChecked.js')).some((d) => d.code === 2551));
});
