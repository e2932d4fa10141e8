// `npm start` keeps what the user had: settings.json gains only missing keys, and the port of the last start is reused (trust lives per browser origin).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
// An ES module script: loaded with import() from this CommonJS test.
const load = () => import('../../scripts/startState.mjs');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cognito-start-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

test('settings made in the Settings UI survive a restart; only missing keys are added, comments kept', async () => {
  const { mergeSettingsFile } = await load();
  const file = path.join(dir, 'ud', 'User', 'settings.json');
  assert.deepEqual(mergeSettingsFile(file, { 'files.autoSave': 'off', 'workbench.startupEditor': 'readme' }), { added: ['files.autoSave', 'workbench.startupEditor'] });
  // The user then changes things (as the Settings UI writes them) and adds a comment.
  const edited = fs.readFileSync(file, 'utf8').replace('"off"', '"afterDelay"').replace('{', '{\n  // mine\n  "cognitoTriggers.trace.server": "verbose",');
  fs.writeFileSync(file, edited);
  const second = mergeSettingsFile(file, { 'files.autoSave': 'off', 'workbench.startupEditor': 'readme', 'telemetry.telemetryLevel': 'off' });
  assert.deepEqual(second, { added: ['telemetry.telemetryLevel'] });
  const text = fs.readFileSync(file, 'utf8');
  assert.ok(text.includes('// mine'), text);
  const json = JSON.parse(text.replace(/^\s*\/\/.*$/gm, ''));
  assert.equal(json['cognitoTriggers.trace.server'], 'verbose');
  assert.equal(json['files.autoSave'], 'afterDelay');
  assert.equal(json['telemetry.telemetryLevel'], 'off');
});

test('a settings.json that is not JSON is left untouched and reported', async () => {
  const { mergeSettingsFile } = await load();
  const file = path.join(dir, 'broken.json');
  fs.writeFileSync(file, '{ "a": ');
  const r = mergeSettingsFile(file, { b: 1 });
  assert.ok('error' in r && /not a JSON object/.test(r.error));
  assert.equal(fs.readFileSync(file, 'utf8'), '{ "a": ');
});

test('the port of the last start is reused while it is free; a busy one is replaced and said so', async () => {
  const { rememberedPort } = await load();
  const file = path.join(dir, 'port');
  let next = 0;
  const free = async () => {
    const srv = net.createServer();
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
    const { port } = srv.address() as net.AddressInfo;
    await new Promise<void>((r) => srv.close(() => r()));
    next++;
    return port;
  };
  const first = await rememberedPort(file, free);
  assert.equal(first.changed, undefined);
  const again = await rememberedPort(file, free);
  assert.equal(again.port, first.port, 'a restart gets the same address, so the browser keeps trust');
  assert.equal(next, 1, 'no new port was asked for');
  const blocker = net.createServer();
  await new Promise<void>((r) => blocker.listen(first.port, '127.0.0.1', () => r()));
  try {
    const busy = await rememberedPort(file, free);
    assert.notEqual(busy.port, first.port);
    assert.equal(busy.changed, first.port);
    assert.equal(Number(fs.readFileSync(file, 'utf8')), busy.port);
  } finally {
    await new Promise<void>((r) => blocker.close(() => r()));
  }
});
