// Settings: defaults come from the one declaration, and bad values from the host fall back safely.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { configurationProperties, defaultSettings, resolveSettings, restrictedConfigurations, SETTINGS } from '../../server/src/core/settings';

test('defaults match the declared schema defaults', () => {
  const d = defaultSettings();
  assert.equal(d.invoke.timeoutMs, 5000, "Cognito's 5-second limit is the default");
  assert.deepEqual(d.eventFiles, ['**/events/**/*.json', '**/*.event.json']);
  assert.equal(d.trace.server, 'off');
  assert.equal(d.bindingsFile, 'cognito-triggers.json');
});

test('resolveSettings reads nested keys and ignores wrong types', () => {
  const s = resolveSettings({
    trace: { server: 'verbose' },
    invoke: { timeoutMs: 'soon', env: { A: '1', B: 2 }, warm: false },
    aws: { region: 'eu-west-1', endpoints: { lambda: 'http://127.0.0.1:4000', bogus: 'x' } },
    eventFiles: ['a/*.json', 3],
  });
  assert.equal(s.trace.server, 'verbose');
  assert.equal(s.invoke.timeoutMs, 5000, 'a string timeout falls back to the default');
  assert.deepEqual(s.invoke.env, { A: '1' }, 'non-string env values are dropped');
  assert.equal(s.invoke.warm, false);
  assert.equal(s.aws.region, 'eu-west-1');
  assert.deepEqual(s.aws.endpoints, { lambda: 'http://127.0.0.1:4000' });
  assert.deepEqual(s.eventFiles, ['a/*.json']);
});

test('resolveSettings survives null and non-objects', () => {
  assert.deepEqual(resolveSettings(null), defaultSettings());
  assert.deepEqual(resolveSettings('x'), defaultSettings());
});

test('every declared setting is contributed under cognitoTriggers. with a scope and a description', () => {
  const props = configurationProperties();
  assert.equal(Object.keys(props).length, SETTINGS.length);
  for (const s of SETTINGS) {
    const p = props[`cognitoTriggers.${s.key}`] as Record<string, unknown>;
    assert.ok(p, s.key);
    assert.equal(p.scope, s.scope);
    assert.ok(String(p.markdownDescription).length > 20, `${s.key} is documented`);
  }
});

test('localEndpoint.port: 0 by default (any free port), kept as given (a bad port is reported at start, not clamped), restricted in Restricted Mode', () => {
  assert.equal(defaultSettings().localEndpoint.port, 0);
  assert.equal(resolveSettings({ localEndpoint: { port: 3001 } }).localEndpoint.port, 3001);
  assert.equal(resolveSettings({ localEndpoint: { port: 70000 } }).localEndpoint.port, 70000);
  assert.equal(resolveSettings({ localEndpoint: { port: '3001' } }).localEndpoint.port, 0, 'a string is not a port');
  assert.ok(restrictedConfigurations().includes('cognitoTriggers.localEndpoint.port'));
});
