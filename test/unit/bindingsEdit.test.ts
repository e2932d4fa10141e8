// Unit tests of adding a New Trigger Handler… entry to cognito-triggers.json without losing what the user wrote.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addBindingEntry } from '../../server/src/core/bindings/edit';
import { parseBindingsFile } from '../../server/src/core/bindings/file';

const entry = { file: 'lambda/preSignUp.ts', handler: 'handler', functionName: 'my-app-pre-sign-up', trigger: 'PreSignUp' };
const known = () => true;

describe('addBindingEntry', () => {
  it('creates the file when there is none', () => {
    const r = addBindingEntry(undefined, entry);
    assert.ok(r.ok);
    assert.deepEqual(parseBindingsFile(r.text, known).entries, [entry]);
  });
  it('appends to handlers, keeping the other entries, the check section and its formatting', () => {
    const text = '{\n  "handlers": [\n    { "file": "a.js", "handler": "handler", "functionName": "a" }\n  ],\n  "check": { "rules": {} }\n}\n';
    const r = addBindingEntry(text, entry);
    assert.ok(r.ok && !r.already);
    assert.ok(r.text.includes('"check": { "rules": {} }'), r.text);
    assert.deepEqual(parseBindingsFile(r.text, known).entries.map((e) => e.file), ['a.js', 'lambda/preSignUp.ts']);
  });
  it('does not add the same file and export twice', () => {
    const once = addBindingEntry(undefined, entry);
    assert.ok(once.ok);
    const twice = addBindingEntry(once.text, { ...entry, functionName: 'other' });
    assert.ok(twice.ok && twice.already);
    assert.equal(twice.text, once.text);
  });
  it('refuses a file it cannot edit safely', () => {
    assert.equal(addBindingEntry('{ "handlers": ', entry).ok, false);
    assert.equal(addBindingEntry('[]', entry).ok, false);
    assert.equal(addBindingEntry('{ "handlers": {} }', entry).ok, false);
  });
});
