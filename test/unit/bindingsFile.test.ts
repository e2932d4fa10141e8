// The workspace bindings file parser: valid entries kept, each bad entry explained.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseBindingsFile } from '../../server/src/core/bindings/file';

const isTrigger = (id: string): boolean => ['PreSignUp', 'CustomMessage'].includes(id);

test('parses entries and defaults the handler name', () => {
  const r = parseBindingsFile(
    JSON.stringify({ handlers: [{ file: './src/a.ts', functionName: 'fn-a', trigger: 'PreSignUp' }, { file: 'src\\b.js', handler: 'main', functionName: 'fn-b' }] }),
    isTrigger,
  );
  assert.deepEqual(r.errors, []);
  assert.deepEqual(r.entries, [
    { file: 'src/a.ts', handler: 'handler', functionName: 'fn-a', trigger: 'PreSignUp' },
    { file: 'src/b.js', handler: 'main', functionName: 'fn-b' },
  ]);
});

test('explains invalid JSON with an example', () => {
  const r = parseBindingsFile('{ handlers: [', isTrigger);
  assert.equal(r.entries.length, 0);
  assert.match(r.errors[0]?.message ?? '', /Not valid JSON .*Expected \{"handlers"/);
});

test('keeps good entries and reports each bad one by path', () => {
  const r = parseBindingsFile(
    JSON.stringify({ handlers: [{ file: 'ok.js', functionName: 'f' }, { functionName: 'g' }, { file: 'x.js', functionName: 'h', trigger: 'PreSignup' }, 7] }),
    isTrigger,
  );
  assert.equal(r.entries.length, 1);
  assert.deepEqual(r.errors.map((e) => e.path), ['handlers[1].file', 'handlers[2].trigger', 'handlers[3]']);
  assert.match(r.errors[1]?.message ?? '', /Unknown trigger "PreSignup"/);
});

test('a file without a handlers array says what is expected', () => {
  assert.match(parseBindingsFile('{}', isTrigger).errors[0]?.message ?? '', /"handlers" array/);
});

test('the "check" section: rule severities and ignore globs, each wrong value explained', () => {
  const isRule = (c: string): boolean => c.startsWith('handler/');
  const ok = parseBindingsFile(JSON.stringify({ check: { rules: { 'handler/no-return': 'off', 'handler/long-wait': 'error' }, ignore: ['./generated/**'] } }), isTrigger, isRule);
  assert.deepEqual(ok.errors, [], 'a file with only "check" needs no "handlers"');
  assert.deepEqual(ok.check, { rules: { 'handler/no-return': 'off', 'handler/long-wait': 'error' }, ignore: ['generated/**'] });
  const bad = parseBindingsFile(JSON.stringify({ handlers: [], check: { rules: { 'nope/x': 'off', 'handler/no-return': 'loud' }, ignore: 'x', extra: 1 } }), isTrigger, isRule);
  assert.deepEqual(bad.errors.map((e) => e.path).sort(), ['check.extra', 'check.ignore', 'check.rules.handler/no-return', 'check.rules.nope/x']);
  assert.deepEqual(bad.check, { rules: {}, ignore: [] });
});
