// Regression tests for the audit's event-JSON findings: which files are events wherever they are
// (M7), $schema at the root (minor 6), claim values (M2) and the unrecognised-event help.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { analyzeEvent } from '../../server/src/core/payload/analyze';
import { claimEvent, looksLikeEvent, matchingGlob } from '../../server/src/core/payload/classify';
import { diagnoseEvent } from '../../server/src/core/payload/diagnose';
import { parseJson } from '../../server/src/core/payload/document';
import { defaultSettings } from '../../server/src/core/settings';

const GLOBS = defaultSettings().eventFiles;
const FIX = path.resolve(__dirname, '..', 'fixtures', 'eventJson');
const read = (rel: string): string => fs.readFileSync(path.join(FIX, rel), 'utf8');

/** Diagnostics (code, severity, message) of `text` analysed at `rel`; undefined when not claimed. */
function diagnose(text: string, rel: string) {
  const a = analyzeEvent(parseJson(text, `file:///x/${rel}`, 1), rel, GLOBS);
  return a && diagnoseEvent(a);
}

describe('M7: event files outside the working directory', () => {
  test('the globs match a path that leaves the folder, with any leading directories', () => {
    assert.equal(matchingGlob('../ws/events/UserMigration.json', GLOBS), '**/events/**/*.json');
    assert.equal(matchingGlob('../../a/b/events/x/y.json', GLOBS), '**/events/**/*.json');
    assert.equal(matchingGlob('../tests/signup.event.json', GLOBS), '**/*.event.json');
    assert.equal(matchingGlob('/tmp/audit/ws/events/a.json', GLOBS), '**/events/**/*.json');
    assert.equal(matchingGlob('../ws/config/a.json', GLOBS), undefined);
    // Inside the folder a root-anchored glob still means the root.
    assert.equal(matchingGlob('sub/events/a.json', ['events/*.json']), undefined);
    assert.equal(matchingGlob('../sub/events/a.json', ['events/*.json']), 'events/*.json');
  });
  test('the auditor’s UserMigration file is checked from another directory', () => {
    const ds = diagnose(read('events/UserMigration-placeholder.json'), '../../ws/events/UserMigration-placeholder.json');
    assert.ok(ds, 'not claimed');
    assert.equal(ds.filter((d) => d.severity === 'error').length, 4, JSON.stringify(ds));
  });
  test('event-shaped objects are events wherever they are (published x- examples)', () => {
    for (const f of fs.readdirSync(path.join(FIX, 'loose')).filter((n) => n.includes('__x-'))) {
      const value: unknown = JSON.parse(read(`loose/${f}`));
      assert.ok(looksLikeEvent(value), f);
      const ds = diagnose(read(`loose/${f}`), `../corpus/${f}`);
      assert.ok(ds && ds.length > 0, `${f}: no diagnostics`);
    }
  });
  test('unrelated JSON with request/response or a userPoolId stays unclaimed', () => {
    for (const f of ['http-mock.json', 'frontend-config.json']) {
      assert.equal(claimEvent(JSON.parse(read(`loose/${f}`)), `../x/${f}`, GLOBS), undefined, f);
    }
    assert.equal(looksLikeEvent({ request: { method: 'GET' } }), false);
    assert.equal(looksLikeEvent({ triggerSource: 'build' }), false);
  });
  test('an unrecognised event-shaped file names the keys that would make it one', () => {
    const [d, ...rest] = diagnose(read('loose/PreAuthentication__x-unspecified__awsdocs.json'), '../corpus/a.json') ?? [];
    assert.equal(rest.length, 0);
    assert.equal(d?.code, 'unrecognised-event');
    assert.match(d?.message ?? '', /looks like an event but names no Cognito trigger\. Add "triggerSource"/);
    // A placeholder triggerSource: told to set it, with the shape's candidates' real sources.
    const [sms] = diagnose(read('loose/CustomSMSSender__x-trigger_source__aws-lambda-dotnet.json'), '../corpus/b.json') ?? [];
    assert.equal(sms?.code, 'unrecognised-event');
    assert.match(sms?.message ?? '', /triggerSource "trigger_source" is a placeholder/);
    assert.match(sms?.message ?? '', /Set "triggerSource" to the real value, e\.g\. "CustomEmailSender_SignUp" \(Custom email sender\), "CustomSMSSender_SignUp" \(Custom SMS sender\)/);
  });
});

describe('minor 6: $schema at the root of an event file', () => {
  test('is allowed: no unknown-field, whether it names our schema by URL or by path', () => {
    for (const f of ['schema-url.json', 'schema-path.json']) {
      const ds = diagnose(read(`loose/${f}`), `loose/${f}`) ?? [];
      assert.ok(ds.length > 0, `${f} not analysed`);
      assert.ok(!ds.some((d) => d.code === 'unknown-field'), JSON.stringify(ds));
      // The real problem in the file is still reported.
      assert.ok(ds.some((d) => d.code === 'wrong-type' && /autoConfirmUser/.test(d.message)), JSON.stringify(ds));
    }
  });
  test('below the root $schema is an ordinary unknown key', () => {
    const ds = diagnose(JSON.stringify({ triggerSource: 'PreSignUp_SignUp', request: { $schema: 'x' } }), 'a.json') ?? [];
    assert.ok(ds.some((d) => d.code === 'unknown-field' && d.message.startsWith('request.$schema')), JSON.stringify(ds));
  });
});

describe('M2: V2/V3 claim values', () => {
  test('anything goes below a JSON-object claim value: no unknown-field', () => {
    const ds = diagnose(read('events/x_v2_claims.json'), 'events/x_v2_claims.json') ?? [];
    assert.ok(ds.length > 0);
    assert.ok(!ds.some((d) => d.code === 'unknown-field'), JSON.stringify(ds.map((d) => d.message)));
  });
});

describe('minor 18: articles', () => {
  test('a file that is not JSON is not "a undefined"', () => {
    const ds = diagnose(read('events/x_garbage.json'), 'events/x_garbage.json') ?? [];
    const d = ds.find((x) => x.code === 'unrecognised-event');
    assert.match(d?.message ?? '', /^A Cognito trigger event is a JSON object; this is not valid JSON\./);
    assert.ok(!/ a undefined| a array| a object/.test(d?.message ?? ''));
  });
});
