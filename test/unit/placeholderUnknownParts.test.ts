// Issue 9 §3 / issue 14 Major 2: a message whose other parts are unknown still lacks the code placeholder unless an unknown part could hold it.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { mayHoldPlaceholder } from '../../server/src/core/features/handlerCode/checkValues';
import { findings } from './handlerHelpers';

// Source (SOURCES.customMessageResponse): "emailMessage: … Must include the codeParameter value that you received in the request as the variable {####}."
const cm = (body: string, prelude = ''): string => `// @cognito-trigger CustomMessage\n${prelude}exports.handler = async (event, ctx) => {\n  ${body}\n  return event;\n};\n`;
const shown = (text: string): string[] => findings(text).map((f) => `${f.key}: ${f.covered}`);

test('the branded template of issue 14 Major 2: ${APP_NAME} cannot hold {####}, so the missing code is reported', () => {
  const text = cm('event.response.emailMessage = `<p>Your ${APP_NAME} code is <b>123456</b></p>`;', "const APP_NAME = process.env.APP_NAME ?? 'Example App';\n");
  const [f] = findings(text);
  assert.equal(f?.key, 'missingPlaceholder');
  assert.equal(f?.severity, 'error');
  assert.match(f?.message ?? '', /`APP_NAME` is not named like a code, template or message/);
  assert.match(f?.message ?? '', /InvalidParameterException/);
  // The fix still inserts the code into the template.
  assert.equal(f?.fixes?.[0]?.edits[0]?.newText, ' ${event.request.codeParameter}');
});

test('names that cannot hold the placeholder: env constants, members, calls on them, literal fallbacks', () => {
  for (const expr of ['process.env.APP_NAME', "process.env['SITE_URL']", 'APP_NAME.toUpperCase()', "process.env.BRAND ?? 'Example'", 'event.request.userAttributes.given_name ? NAME : "friend"']) {
    assert.deepEqual(shown(cm(`event.response.smsMessage = \`Welcome to \${${expr}}!\`;`)).map((s) => s.split(':')[0]), ['missingPlaceholder'], expr);
  }
  // Concatenation too.
  assert.deepEqual(shown(cm("event.response.smsMessage = 'Welcome to ' + APP + ', ' + firstName;")).map((s) => s.split(':')[0]), ['missingPlaceholder']);
});

test('parts that could hold the placeholder stay silent (no false positive)', () => {
  for (const expr of ['body', 'emailTemplate', 'ctx.message', 'render(data)', 'tpl.replace("x", "y")', "t('welcome')", 'i18n.get(lang)', 'buildHtml()', 'wrap(event.request.codeParameter)', 'fmt(event)', 'messages[lang]', 'await loadTemplate()', "process.env.EMAIL_BODY ?? ''", "x ?? 'Your code is {####}'", 'cond ? a : b', 'tempPassword', 'verifyUrl']) {
    assert.deepEqual(shown(cm(`event.response.emailMessage = \`<p>\${${expr}}</p>\`;`)), [], expr);
  }
  // A const whose value is unknown but whose own name says it is the message.
  assert.deepEqual(shown(cm('const body = await fetchIt(); event.response.emailMessage = `<p>${body}</p>`;')), []);
});

test('mayHoldPlaceholder: names by word, short names, unnamed parts, literals with the placeholder', () => {
  assert.equal(mayHoldPlaceholder(['APP_NAME'], '{####}'), false);
  assert.equal(mayHoldPlaceholder(['SITE_URL', 'Example App'], '{####}'), false);
  assert.equal(mayHoldPlaceholder(['EMAIL_TEMPLATE'], '{####}'), true);
  assert.equal(mayHoldPlaceholder(['verificationCode'], '{####}'), true);
  assert.equal(mayHoldPlaceholder(['t'], '{####}'), true);
  assert.equal(mayHoldPlaceholder([''], '{####}'), true);
  assert.equal(mayHoldPlaceholder([], '{####}'), true);
  assert.equal(mayHoldPlaceholder(['Hi {####}'], '{####}'), true);
  assert.equal(mayHoldPlaceholder(['firstName'], '{username}'), false);
});

test("the examples README's Things to try: codeParameter changed to a fixed text in handlers/customMessage.mjs is reported", () => {
  const file = path.join(__dirname, '..', '..', 'examples', 'handlers', 'customMessage.mjs');
  const original = fs.readFileSync(file, 'utf8');
  assert.deepEqual(findings(original, 'customMessage.mjs'), [], 'the example as shipped is clean');
  const line = 'event.response.emailMessage = `<p>Your ${APP_NAME} verification code is <b>${codeParameter}</b>.</p>`;';
  assert.ok(original.includes(line), 'the example still has the line the README points at');
  const edited = original.replace(line, line.replace('${codeParameter}', '123456'));
  const found = findings(edited, 'customMessage.mjs');
  assert.deepEqual(found.map((f) => `${f.key} ${f.severity}`), ['missingPlaceholder error']);
  assert.match(found[0]?.covered ?? '', /^`<p>Your \$\{APP_NAME\} verification code is <b>123456<\/b>/);
});
