// Inline suppression comments: a language-neutral post-filter keyed by the comment syntax of the language.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-types';
import { applySuppressions, findSuppressions } from '../../server/src/core/features/suppression';
import { MAX_ANALYSED_HANDLER_CHARS } from '../../server/src/core/handler/description';

const diag = (line: number, code: string): Diagnostic => ({ range: { start: { line, character: 2 }, end: { line, character: 9 } }, code, message: code, severity: 1 });
const codes = (ds: readonly Diagnostic[]): unknown[] => ds.map((d) => [d.code, d.range.start.line]);

test('JS line and block comments suppress the next line, by code, with the reason kept', () => {
  const text = ['// cognito-triggers-disable-next-line handler/no-return, handler/long-wait -- the framework returns', 'a();', '/* cognito-triggers-disable-next-line handler/read-only -- legacy */', 'b();'].join('\n');
  assert.deepEqual(findSuppressions(text, 'typescript').map((s) => [s.targetLine, s.codes, s.reason]), [
    [1, ['handler/no-return', 'handler/long-wait'], 'the framework returns'],
    [3, ['handler/read-only'], 'legacy'],
  ]);
  const r = applySuppressions(text, 'javascript', [diag(1, 'handler/no-return'), diag(1, 'handler/long-wait'), diag(3, 'handler/read-only'), diag(3, 'handler/no-return')]);
  assert.equal(r.suppressed, 3);
  assert.deepEqual(codes(r.diagnostics), [['handler/no-return', 3]]);
});

test('an unused code and a missing reason are reported on the comment', () => {
  const text = '// cognito-triggers-disable-next-line handler/no-return\nx();\n';
  const r = applySuppressions(text, 'javascript', []);
  assert.deepEqual(codes(r.diagnostics), [['suppression/unused', 0], ['suppression/missing-reason', 0]]);
  assert.match(String(r.diagnostics[0]?.message), /nothing to suppress for handler\/no-return on line 2/);
});

test('Python: `# cognito-triggers: disable=` on its own line covers the next line, after code its own line', () => {
  const text = ['# cognito-triggers: disable=handler/no-return -- returns via decorator', 'def handler(event, context):', '    event["response"]["x"] = 1  # cognito-triggers: disable=handler/unknown-field -- new field'].join('\n');
  const r = applySuppressions(text, 'python', [diag(1, 'handler/no-return'), diag(2, 'handler/unknown-field')]);
  assert.equal(r.suppressed, 2);
  assert.deepEqual(r.diagnostics, []);
});

test('the comment syntax belongs to the language: a JS comment form means nothing in Python, none in JSON', () => {
  assert.deepEqual(findSuppressions('# cognito-triggers-disable-next-line handler/no-return -- x\n', 'python'), []);
  assert.deepEqual(findSuppressions('// cognito-triggers: disable=handler/no-return\n', 'javascript'), []);
  assert.deepEqual(findSuppressions('{"a": 1}', 'json'), []);
  const d = [diag(0, 'wrong-type')];
  assert.deepEqual(applySuppressions('{"a": 1}', 'json', d).diagnostics, d);
});

test('suppressions are found without splitting the text: line numbers, CRLF and ranges as a split into lines gives them', () => {
  // The reference: every line of text.split(/\r?\n/) matched on its own (what findSuppressions did before it searched for the marker).
  const bySplit = (text: string, js: boolean): unknown[] =>
    text.split(/\r?\n/).flatMap((line, i) => {
      const m = (js ? /(?:\/\/|\/\*)\s*cognito-triggers-disable-next-line\s+([^\s*][^*]*?)(?:\s+--\s+(.*?))?\s*(?:\*\/\s*)?$/ : /#\s*cognito-triggers:\s*disable=([^\s#][^#]*?)(?:\s+--\s+(.*?))?\s*$/).exec(line);
      const codes = (m?.[1] ?? '').split(/[\s,]+/).filter(Boolean);
      if (!m || !codes.length) return [];
      const same = !js && line.slice(0, m.index).trim() !== '';
      return [{ targetLine: same ? i : i + 1, codes, reason: (m[2] ?? '').trim(), range: { start: { line: i, character: m.index }, end: { line: i, character: line.length } } }];
    });
  const jsLines = ['a();', '', '// cognito-triggers-disable-next-line handler/no-return -- r', '  /* cognito-triggers-disable-next-line handler/x, handler/y */', 'x // cognito-triggers-disable-next-line', '// cognito-triggers-disable-next-line a -- b // cognito-triggers-disable-next-line c', 'b(); // cognito-triggers-disable-next-line handler/z', '\r'];
  const pyLines = ['x = 1', '# cognito-triggers: disable=handler/no-return -- r', '    y = 2  # cognito-triggers: disable=handler/a,handler/b', '# cognito-triggers: disable=', 'cognito-triggers: disable=handler/c', ''];
  let seed = 7;
  const next = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);
  for (let round = 0; round < 200; round++) {
    for (const [js, lines] of [[true, jsLines], [false, pyLines]] as const) {
      const picked = Array.from({ length: 1 + next(12) }, () => lines[next(lines.length)] as string);
      const text = picked.map((l, i) => (i === picked.length - 1 ? l : `${l}${next(3) === 0 ? '\r\n' : '\n'}`)).join('');
      assert.deepEqual(findSuppressions(text, js ? 'javascript' : 'python'), bySplit(text, js), JSON.stringify(text));
    }
  }
});

test('a handler too large to analyse has its suppression comments neither applied nor judged unused', () => {
  const text = `// cognito-triggers-disable-next-line handler/no-return\nx();\n${'// padding\n'.repeat(MAX_ANALYSED_HANDLER_CHARS / 10)}`;
  assert.ok(text.length > MAX_ANALYSED_HANDLER_CHARS);
  const note = diag(0, 'handler/too-large');
  assert.deepEqual(applySuppressions(text, 'javascript', [note]), { diagnostics: [note], suppressed: 0 });
  // Under the cap the same comment is judged: nothing to suppress, no reason.
  assert.deepEqual(codes(applySuppressions('// cognito-triggers-disable-next-line handler/no-return\nx();\n', 'javascript', []).diagnostics), [['suppression/unused', 0], ['suppression/missing-reason', 0]]);
});
