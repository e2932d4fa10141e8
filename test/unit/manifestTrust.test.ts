// Restricted Mode: the commands that call AWS are hidden from the palette and the Pools view's title bar alike (package.json when clauses).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';

const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { contributes: { menus: Record<string, { command: string; when?: string }[]> } };
const AWS_COMMANDS = ['cognitoTriggers.bindTrigger', 'cognitoTriggers.unbindTrigger', 'cognitoTriggers.remoteInvoke', 'cognitoTriggers.refreshBindings'];

test('every palette and view-title entry of an AWS command requires a trusted workspace', () => {
  const entries = ['commandPalette', 'view/title'].flatMap((menu) => (manifest.contributes.menus[menu] ?? []).map((e) => ({ menu, ...e })));
  const aws = entries.filter((e) => AWS_COMMANDS.includes(e.command));
  assert.ok(aws.some((e) => e.menu === 'view/title'), 'the view title has AWS buttons');
  assert.deepEqual(aws.filter((e) => !/\bisWorkspaceTrusted\b/.test(e.when ?? '')).map((e) => `${e.menu}: ${e.command}`), []);
});
