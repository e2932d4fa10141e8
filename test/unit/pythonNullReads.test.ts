// Issue 9 §3 in Python: reads through a request map Cognito sends as null (the front end's `derefs`), and
// messages whose unknown parts cannot hold the code placeholder (`template.unknown`). The shared table
// (handlerSharedTable.test.ts) compares the common cases with JavaScript; these are Python's own forms.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { loadPython } from '../../server/src/core/handler/python/parser';
import { SOURCES } from '../../server/src/core/model/sources';
import { findings } from './handlerHelpers';

// Sources: SOURCES.validationDataNull — the developer guide's PreSignUp_SignUp input event: "validationData": null;
// SOURCES.nullFieldsObserved — amplify-js#14770: "CustomMessage trigger: { … clientMetadata: null,".
const py = (body: string, id = 'PreSignUp'): string => `# @cognito-trigger ${id}\nimport os\n\ndef lambda_handler(event, context):\n    ${body.replace(/\n/g, '\n    ')}\n    return event\n`;
const nullReads = (text: string): string[] => findings(text, 'handler.py').filter((f) => f.key === 'nullRead').map((f) => f.covered);
const apply = (t: string, edits: readonly { start: number; end: number; newText: string }[]): string => [...edits].sort((a, b) => b.start - a.start).reduce((s, e) => s.slice(0, e.start) + e.newText + s.slice(e.end), t);

before(() => loadPython());

test('Python reads through None: a loop over it, ** unpacking, .keys()/.items(), a .get chain, an alias', () => {
  assert.deepEqual(nullReads(py('for k in event["request"]["validationData"]:\n    print(k)')), ['event["request"]["validationData"]']);
  assert.deepEqual(nullReads(py('d = {**event["request"]["clientMetadata"], "a": 1}')), ['**event["request"]["clientMetadata"]']);
  assert.deepEqual(nullReads(py('for k, v in event["request"]["clientMetadata"].items():\n    print(k, v)')), ['event["request"]["clientMetadata"].items()']);
  assert.deepEqual(nullReads(py('x = event.get("request", {}).get("clientMetadata").get("x")')), ['event.get("request", {}).get("clientMetadata").get("x")']);
  assert.deepEqual(nullReads(py('req = event["request"]\nvd = req["validationData"]\nif "invite" not in vd:\n    raise Exception("invite required")')), ['"invite" not in vd']);
});

test('Python guards: a rebinding to a default, elif, a conditional expression, a comprehension behind a test, nested helpers are not the handler', () => {
  for (const body of [
    'md = event["request"]["clientMetadata"]\nmd = md or {}\nprint(md["x"])',
    'md = event["request"]["clientMetadata"]\nif md is None:\n    pass\nelif "x" in md:\n    print(1)',
    'x = event["request"]["clientMetadata"]["x"] if event["request"]["clientMetadata"] else None',
    'md = event["request"]["clientMetadata"]\nkeys = [k for k in md] if md else []',
    'def helper(m):\n    return m["x"]\nprint(helper(event["request"]["clientMetadata"] or {}))',
    'if not event["request"]["validationData"]:\n    raise Exception("invite required")\nif "invite" in event["request"]["validationData"]:\n    print(1)',
  ]) assert.deepEqual(nullReads(py(body)), [], body);
  // A Powertools data class reads through its own properties: not a dict read, not reported here.
  const dc = '# @cognito-trigger PreSignUp\nfrom aws_lambda_powertools.utilities.data_classes.cognito_user_pool_event import PreSignUpTriggerEvent\n\ndef lambda_handler(event, context):\n    ev = PreSignUpTriggerEvent(event)\n    print(ev.request.client_metadata)\n    return event\n';
  assert.deepEqual(nullReads(dc), []);
});

test('the Python finding names the key path, says what Python raises, links its source, and its fix adds `or {}`', () => {
  const text = py('if "x" in event["request"]["validationData"]:\n    event["response"]["autoConfirmUser"] = True');
  const [f] = findings(text, 'handler.py').filter((x) => x.key === 'nullRead');
  assert.equal(f?.severity, 'warning');
  assert.equal(f?.href, SOURCES.validationDataNull.url);
  assert.match(f?.message ?? '', /^`event\["request"\]\["validationData"\]` can be null: Cognito sends null when the call passed none \(the developer guide's sample event\), and the `in` test then raises TypeError/);
  assert.match(f?.message ?? '', /`\(… or \{\}\)`/);
  assert.doesNotMatch(f?.message ?? '', /\?\?|\?\./, 'no JavaScript operators in a Python message');
  assert.equal(f?.fixes?.[0]?.title, 'Default it to {} (or {})');
  const fixed = apply(text, f?.fixes?.[0]?.edits ?? []);
  assert.match(fixed, /"x" in \(event\["request"\]\["validationData"\] or \{\}\)/);
  assert.deepEqual(nullReads(fixed), []);
  const member = py('x = event["request"]["clientMetadata"].get("x")', 'CustomMessage');
  const [m] = findings(member, 'handler.py').filter((x) => x.key === 'nullRead');
  assert.match(m?.message ?? '', /observed in captured events/);
  const fixedMember = apply(member, m?.fixes?.[0]?.edits ?? []);
  assert.match(fixedMember, /x = \(event\["request"\]\["clientMetadata"\] or \{\}\)\.get\("x"\)/);
  assert.deepEqual(nullReads(fixedMember), []);
});

test('Python messages with unknown parts: .format and % arguments, module constants, env lookups are named; template-like names may hold the code', () => {
  const cm = (line: string): string[] => findings(py(line, 'CustomMessage'), 'handler.py').map((f) => f.key);
  for (const line of [
    'event["response"]["smsMessage"] = "Welcome to {}!".format(APP_NAME)',
    'event["response"]["smsMessage"] = "Welcome to %s!" % os.getenv("APP_NAME", "Example")',
    'event["response"]["smsMessage"] = f"Welcome to {settings.APP_NAME}!"',
    'event["response"]["smsMessage"] = "Welcome to " + os.environ["APP_NAME"]',
    'event["response"]["smsMessage"] = f"Welcome to {APP_NAME.upper()}!"',
  ]) assert.deepEqual(cm(line), ['missingPlaceholder'], line);
  const [f] = findings(py('event["response"]["smsMessage"] = "Welcome to {}!".format(APP_NAME)', 'CustomMessage'), 'handler.py');
  assert.match(f?.message ?? '', /`APP_NAME` is not named like a code, template or message/);
  for (const line of [
    'event["response"]["emailMessage"] = "<p>{}</p>".format(body)',
    'event["response"]["emailMessage"] = f"<p>{templates[lang]}</p>"',
    'event["response"]["emailMessage"] = "<p>%s</p>" % render_html(event)',
    'event["response"]["emailMessage"] = f"<p>{os.environ.get(\'EMAIL_MESSAGE\', \'\')}</p>"',
    'msg = load_message()\nevent["response"]["emailMessage"] = f"<p>{msg}</p>"',
  ]) assert.deepEqual(cm(line), [], line);
});
