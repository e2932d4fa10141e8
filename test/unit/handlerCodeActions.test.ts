// Quick fixes and code lenses of handler code: fixes travel in diagnostics' data; trigger comments on names.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { codeActions } from '../../server/src/core/features/handlerCode/codeActions';
import { codeLenses } from '../../server/src/core/features/handlerCode/codeLens';
import { diagnose } from '../../server/src/core/features/handlerCode/diagnose';
import { analyze } from './handlerHelpers';

const doc = (text: string, name = 'handler.js'): TextDocument => TextDocument.create(`file:///w/${name}`, 'javascript', 1, text);
const apply = (d: TextDocument, edits: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[]): string => TextDocument.applyEdits(d, edits);

test('the fix of a diagnostic applies and leaves a clean handler', () => {
  const d = doc('// @cognito-trigger CustomMessage\nexports.handler = async (event) => {\n  event.response.smsMessage = "Your code";\n};\n');
  const a = analyze(d.getText());
  const diagnostics = diagnose(d, a);
  assert.deepEqual(diagnostics.map((x) => x.code), ['handler/missing-placeholder', 'handler/no-return']);
  // Apply the first fix, re-analyse, repeat: each fix is computed on the text it edits.
  let text = d.getText();
  for (let round = 0; round < 5; round++) {
    const current = doc(text);
    const a2 = analyze(text);
    const [diag] = diagnose(current, a2);
    if (!diag) break;
    const edits = codeActions(current, diag.range, { diagnostics: [diag] }, a2)[0]?.edit?.changes?.[d.uri] ?? [];
    assert.ok(edits.length, `a fix for ${String(diag.code)}`);
    text = apply(current, edits);
  }
  assert.match(text, /event\.response\.smsMessage = `Your code \$\{event\.request\.codeParameter\}`;/);
  assert.match(text, /\n {2}return event;\n\};/);
  assert.deepEqual(diagnose(doc(text), analyze(text)), []);
});

test('an unknown handler is offered @cognito-trigger comments, file-name guess first', () => {
  const d = doc('exports.handler = async (event) => event;\n', 'preSignUp.js');
  const a = analyze(d.getText(), 'preSignUp.js');
  const actions = codeActions(d, { start: { line: 0, character: 9 }, end: { line: 0, character: 9 } }, { diagnostics: [] }, analyze('exports.handler = async (event) => event;\n'));
  assert.equal(a.handlers[0]?.inference.known, true, 'the file name alone already decides');
  assert.equal(actions.length, 16);
  assert.match(actions[0]?.title ?? '', /@cognito-trigger PreSignUp/);
  assert.equal(apply(d, actions[0]?.edit?.changes?.[d.uri] ?? []), '// @cognito-trigger PreSignUp\nexports.handler = async (event) => event;\n');
});

test('code lenses: one per handler with the invoke arguments', () => {
  const d = doc("// @cognito-trigger PreSignUp\nexports.handler = async (event) => event;\nexport const other = async (event) => { if (event.triggerSource === 'CustomMessage_SignUp') {} return event; };\n");
  const lenses = codeLenses(d, analyze(d.getText()));
  assert.deepEqual(lenses.map((l) => [l.range.start.line, l.command?.command, l.command?.arguments]), [
    [1, 'cognitoTriggers.invokeLocal', [{ uri: d.uri, handlerName: 'handler', triggerIds: ['PreSignUp'] }]],
    // The comment sits on the first export, so it speaks for that handler only.
    [2, 'cognitoTriggers.invokeLocal', [{ uri: d.uri, handlerName: 'other', triggerIds: ['CustomMessage'] }]],
  ]);
});
