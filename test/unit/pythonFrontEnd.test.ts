// The Python front end (tree-sitter): handlers, access forms, Powertools data classes, inference,
// narrowing, completion, hover and quick fixes, all through the language-neutral description.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { candidatesAt } from '../../server/src/core/handler/context';
import { loadPython } from '../../server/src/core/handler/python/parser';
import * as helpers from './handlerHelpers';
import { caret } from './handlerHelpers';
import type { BindingHint } from '../../server/src/core/handler/description';

// The shared helpers, with a Python file name unless told otherwise.
const analyze = (text: string, fileName = 'handler.py', hints: BindingHint[] = []) => helpers.analyze(text, fileName, hints);
const findings = (text: string, fileName = 'handler.py') => helpers.findings(text, fileName);
const labels = (src: string, fileName = 'handler.py') => helpers.labels(src, fileName);
const labelsWithStale = (older: string, src: string, fileName = 'handler.py') => helpers.labelsWithStale(older, src, fileName);
const hoverText = (src: string, fileName = 'handler.py') => helpers.hoverText(src, fileName);

before(() => loadPython());

const refs = (text: string, fileName = 'handler.py'): string[] => analyze(text, fileName).refs.map((r) => `${r.kind} ${r.path.join('.')}`);
const keys = (text: string, fileName = 'handler.py'): string[] => findings(text, fileName).map((f) => f.key);
const PSU = (body: string): string => `# @cognito-trigger PreSignUp\ndef lambda_handler(event, context):\n    ${body.replace(/\n/g, '\n    ')}\n    return event\n`;

test('handlers: lambda_handler, names ending in handler, a @cognito-trigger comment, the bindings file; helpers are not', () => {
  const text = [
    'def lambda_handler(event, context):\n    return event',
    'def handler(event, context):\n    return event',
    '# @cognito-trigger PostConfirmation\ndef on_confirm(data, ctx):\n    return data',
    'def process(payload, ctx):\n    return payload',
    'def _normalise(value):\n    return value.lower()',
  ].join('\n\n');
  assert.deepEqual(analyze(text, 'app.py').handlers.map((h) => h.name), ['lambda_handler', 'handler', 'on_confirm']);
  const bound = analyze(text, 'app.py', [{ handler: 'process', trigger: 'PreSignUp' }]).handlers.find((h) => h.name === 'process');
  assert.equal(bound?.inference.signal, 'binding');
  assert.equal(bound?.eventParam, 'payload');
});

test('the IaC wiring: every trigger it states for a function counts, each with its why (as in JavaScript)', () => {
  const text = 'def main(event, context):\n    return event\n';
  const hints: BindingHint[] = [
    { handler: 'main', trigger: 'DefineAuthChallenge', why: 'template.yaml:44 binds AuthFn to DefineAuthChallenge of Pool' },
    { handler: 'main', trigger: 'CreateAuthChallenge', why: 'template.yaml:44 binds AuthFn to CreateAuthChallenge of Pool' },
  ];
  const inPy = analyze(text, 'index.py', hints).handlers[0]?.inference;
  const inJs = helpers.analyze('exports.main = async (event) => event;\n', 'index.js', hints).handlers[0]?.inference;
  assert.deepEqual(inPy?.candidates.map((c) => c.trigger.id), ['DefineAuthChallenge', 'CreateAuthChallenge']);
  assert.deepEqual(inPy?.candidates.map((c) => c.trigger.id), inJs?.candidates.map((c) => c.trigger.id));
  assert.equal(inPy?.reasons[0], 'template.yaml:44 binds AuthFn to DefineAuthChallenge of Pool; template.yaml:44 binds AuthFn to CreateAuthChallenge of Pool');
  assert.deepEqual(inPy?.reasons, inJs?.reasons);
  assert.equal(inPy?.named, true);
});

test('helpers that take the event are not handlers: no false positive on their returns', () => {
  const text = '# @cognito-trigger PreSignUp\n\ndef is_allowed(event):\n    return event["request"]["userAttributes"].get("email", "").endswith("@example.com")\n\ndef lambda_handler(event, context):\n    if not is_allowed(event):\n        raise Exception("Sign-up refused")\n    return event\n';
  assert.deepEqual(analyze(text).handlers.map((h) => h.name), ['lambda_handler']);
  assert.deepEqual(findings(text), []);
});

test('async def is not a Lambda handler: an error that says so', () => {
  const f = findings('# @cognito-trigger PreSignUp\nasync def lambda_handler(event, context):\n    return event\n', 'h.py');
  assert.deepEqual(f.map((x) => x.key), ['asyncPythonHandler']);
  assert.match(f[0]?.message ?? '', /async def.*not a Lambda handler.*asyncio\.run/s);
});

test('access forms: subscripts, .get chains, aliases, loops, update(), dict literals, del', () => {
  const text = PSU(
    [
      'email = event.get("request", {}).get("userAttributes", {}).get("email")',
      'attrs = event["request"]["userAttributes"]',
      'name = attrs["name"]',
      'for k, v in attrs.items():',
      '    pass',
      'event["response"].update({"autoConfirmUser": True, "autoVerifyEmail": True})',
      'event["response"].update(autoVerifyPhone=False)',
      'del event["response"]["autoVerifyPhone"]',
    ].join('\n'),
  );
  assert.deepEqual(refs(text), [
    'read request.userAttributes.email',
    'read request.userAttributes',
    'read request.userAttributes.name',
    'write response.autoConfirmUser',
    'write response.autoVerifyEmail',
    'write response.autoVerifyPhone',
    'write response.autoVerifyPhone',
  ]);
  assert.deepEqual(keys(text), []);
  // `response = event.setdefault("response", {})` (seen in real handlers) is an alias of the response.
  const viaSetdefault = findings(PSU('response = event.setdefault("response", {})\nresponse["autoConfirmUsr"] = True'));
  assert.deepEqual(viaSetdefault.map((f) => `${f.key} ${f.covered}`), ['unknownField autoConfirmUsr']);
  // A typo inside update({...}) is found on its key, with the key's range.
  const typo = findings(PSU('event["response"].update({"autoConfirmUsr": True})'));
  assert.deepEqual(typo.map((f) => `${f.key} ${f.covered}`), ['unknownField autoConfirmUsr']);
  assert.equal(typo[0]?.fixes?.[0]?.edits[0]?.newText, 'autoConfirmUser');
});

test('Powertools data classes: PreSignUpTriggerEvent(event), snake_case properties and setters', () => {
  const text = [
    'from aws_lambda_powertools.utilities.data_classes.cognito_user_pool_event import PreSignUpTriggerEvent',
    '',
    'def lambda_handler(event, context):',
    '    ev = PreSignUpTriggerEvent(event)',
    '    email = ev.request.user_attributes["email"]',
    '    ev.response.auto_confirm_user = True',
    '    return ev.raw_event',
    '',
  ].join('\n');
  const a = analyze(text, 'app.py');
  assert.equal(a.handlers[0]?.inference.signal, 'type');
  assert.deepEqual(a.handlers[0]?.inference.candidates.map((c) => c.trigger.id), ['PreSignUp']);
  assert.deepEqual(refs(text, 'app.py'), ['read request.userAttributes.email', 'write response.autoConfirmUser']);
  // A typo'd property gets a did-you-mean in snake_case; a string for a boolean is an error.
  const bad = findings(text.replace('ev.response.auto_confirm_user = True', 'ev.response.auto_confirm_user = "yes"\n    ev.request.user_atributes'), 'app.py');
  assert.deepEqual(bad.map((f) => f.key), ['wrongType', 'unknownField']);
  assert.equal(bad[1]?.covered, 'user_atributes');
  assert.equal(bad[1]?.fixes?.[0]?.edits[0]?.newText, 'user_attributes');
});

test('Powertools @event_source(data_class=…) makes the parameter a data class', () => {
  const text = [
    'from aws_lambda_powertools.utilities.data_classes import event_source',
    'from aws_lambda_powertools.utilities.data_classes.cognito_user_pool_event import CustomMessageTriggerEvent',
    '',
    '@event_source(data_class=CustomMessageTriggerEvent)',
    'def lambda_handler(event: CustomMessageTriggerEvent, context):',
    '    event.response.email_message = "Welcome"',
    '    return event.raw_event',
    '',
  ].join('\n');
  const a = analyze(text, 'app.py');
  assert.deepEqual(a.handlers[0]?.inference.candidates.map((c) => c.trigger.id), ['CustomMessage']);
  assert.deepEqual(keys(text, 'app.py'), ['missingPlaceholder']);
  assert.deepEqual(labels(text.replace('event.response.email_message = "Welcome"', 'event.response.|'), 'app.py'), ['sms_message', 'email_message', 'email_subject']);
});

test('inference: the same signals and precedence as JavaScript', () => {
  const hinted = 'from aws_lambda_powertools.utilities.data_classes.cognito_user_pool_event import PostConfirmationTriggerEvent\n\n# @cognito-trigger PreSignUp\ndef lambda_handler(event: PostConfirmationTriggerEvent, context):\n    return event\n';
  const h = analyze(hinted, 'pre_sign_up.py').handlers[0];
  assert.equal(h?.inference.signal, 'type', 'a type hint beats a comment and the file name');
  assert.deepEqual(h?.inference.candidates.map((c) => c.trigger.id), ['PostConfirmation']);
  const bySource = analyze('def lambda_handler(event, context):\n    if event["triggerSource"] == "CustomMessage_ForgotPassword":\n        pass\n    return event\n').handlers[0];
  assert.equal(bySource?.inference.signal, 'triggerSource');
  const byFile = analyze('def lambda_handler(event, context):\n    return event\n', 'functions/pre_token_generation/app.py').handlers[0];
  assert.equal(byFile?.inference.signal, 'fileName');
  const none = analyze('def lambda_handler(event, context):\n    return {"statusCode": 200}\n', 'app.py').handlers[0];
  assert.equal(none?.inference.known, false);
});

test('narrowing per if / elif / else and match on event["triggerSource"]', () => {
  const text = [
    '# @cognito-trigger CustomMessage',
    'def lambda_handler(event, context):',
    '    source = event["triggerSource"]',
    '    if source == "CustomMessage_SignUp":',
    '        a = 1',
    '    elif event["triggerSource"] in ("CustomMessage_ForgotPassword", "CustomMessage_ResendCode"):',
    '        b = 2',
    '    match event["triggerSource"]:',
    '        case "CustomMessage_AdminCreateUser":',
    '            c = 3',
    '    return event',
    '',
  ].join('\n');
  const a = analyze(text);
  const at = (s: string): readonly string[] | undefined => candidatesAt(a, text.indexOf(s)).narrowedBy;
  assert.deepEqual(at('a = 1'), ['CustomMessage_SignUp']);
  assert.deepEqual(at('b = 2'), ['CustomMessage_ForgotPassword', 'CustomMessage_ResendCode']);
  assert.deepEqual(at('c = 3'), ['CustomMessage_AdminCreateUser']);
  assert.equal(at('return event'), undefined);
});

test('completion inside event["request"]["…"], .get("…"), comparisons, case labels and dict keys', () => {
  assert.deepEqual(labels(PSU('x = event["request"]["|"]')), ['userAttributes', 'validationData', 'clientMetadata']);
  assert.deepEqual(labels(PSU('x = event["request"].get("|")')), ['userAttributes', 'validationData', 'clientMetadata']);
  assert.deepEqual(labels(PSU("x = event['response']['|']")), ['autoConfirmUser', 'autoVerifyEmail', 'autoVerifyPhone']);
  assert.deepEqual(labels(PSU('if event["triggerSource"] == "|":\n    pass')), ['PreSignUp_SignUp', 'PreSignUp_AdminCreateUser', 'PreSignUp_ExternalProvider']);
  assert.deepEqual(labels(PSU('if event["triggerSource"] in ("PreSignUp_SignUp", "|"):\n    pass')), ['PreSignUp_SignUp', 'PreSignUp_AdminCreateUser', 'PreSignUp_ExternalProvider']);
  const cm = '# @cognito-trigger CustomMessage\ndef lambda_handler(event, context):\n    match event["triggerSource"]:\n        case "CustomMessage_AdminCreateUser":\n            x = event["request"]["|"]\n    return event\n';
  assert.ok(labels(cm).includes('usernameParameter'), 'the case branch narrows to AdminCreateUser');
  const older = '# @cognito-trigger PreTokenGeneration\ndef lambda_handler(event, context):\n    event["response"]["claimsOverrideDetails"] = {}\n    return event\n';
  assert.deepEqual(labelsWithStale(older, older.replace('= {}', '= {"|}'), 'handler.py'), ['claimsToAddOrOverride', 'claimsToSuppress', 'groupOverrideDetails']);
  // A plain dict has no properties: nothing after `event.`.
  assert.deepEqual(labels(PSU('x = event.|')), []);
  // Not in a comment or an f-string.
  assert.deepEqual(labels(PSU('# event["request"]["|"]')), []);
});

test('completion keeps working on half-typed code and inside a block being typed', () => {
  const older = PSU('if event["triggerSource"] == "PreSignUp_AdminCreateUser":\n    a = 1');
  const typing = older.replace('a = 1\n', 'a = 1\n        x = event["request"]["|\n');
  assert.deepEqual(labelsWithStale(older, typing, 'handler.py'), ['userAttributes', 'validationData', 'clientMetadata']);
  // The handler is still found when the file does not parse.
  assert.equal(analyze(caret(typing).text).handlers.length, 1);
});

test('hover: keys, Powertools properties, string values and the handler with Why:', () => {
  assert.match(hoverText(PSU('x = event["request"]["user|Attributes"]')), /\*\*event\.request\.userAttributes\*\*/);
  assert.match(hoverText(PSU('if event["triggerSource"] == "PreSignUp_Admin|CreateUser":\n    pass')), /PreSignUp_AdminCreateUser/);
  const pt = 'from aws_lambda_powertools.utilities.data_classes.cognito_user_pool_event import PreSignUpTriggerEvent\ndef lambda_handler(event, context):\n    ev = PreSignUpTriggerEvent(event)\n    ev.response.auto_confirm_u|ser = True\n    return event\n';
  assert.match(hoverText(pt), /\*\*event\.response\.autoConfirmUser\*\*: `boolean` — writable/);
  assert.match(hoverText(PSU('pass').replace('def lambda_han', 'def lambda_|han')), /Why: `@cognito-trigger PreSignUp` comment/);
});

test('quick fixes in Python syntax: True, return event, f-string placeholder, V2 dict', () => {
  const bool = findings(PSU('event["response"]["autoConfirmUser"] = "True"'));
  assert.deepEqual(bool[0]?.fixes?.[0]?.edits.map((e) => e.newText), ['True']);
  const nested = '# @cognito-trigger PreSignUp\ndef lambda_handler(event, context):\n    if True:\n        event["response"]["autoConfirmUser"] = True\n';
  const end = nested.length - 1;
  // After the last line, at the body's indentation (not the nested block's).
  assert.deepEqual(findings(nested)[0]?.fixes?.[0], { title: "Add 'return event'", edits: [{ start: end, end, newText: '\n    return event' }] });
  const cm = findings('# @cognito-trigger CustomMessage\ndef lambda_handler(event, context):\n    event["response"]["smsMessage"] = "Welcome {name}!"\n    return event\n');
  assert.equal(cm[0]?.fixes?.[0]?.edits[0]?.newText, 'f"Welcome {{name}}! {event[\'request\'][\'codeParameter\']}"');
  const v2 = findings('# @cognito-trigger PreTokenGenerationV2\ndef lambda_handler(event, context):\n    event["response"]["claimsOverrideDetails"] = {"claimsToAddOrOverride": {"a": "b"}}\n    return event\n');
  assert.deepEqual(v2[0]?.fixes?.[0]?.edits.map((e) => e.newText), ['claimsAndScopeOverrideDetails', '{"idTokenGeneration": {"claimsToAddOrOverride": {"a": "b"}}}']);
});

test('a message built in a variable, with .format or %, is checked where it is used', () => {
  const body = (msg: string): string => `# @cognito-trigger CustomMessage\ndef lambda_handler(event, context):\n    code = event["request"]["codeParameter"]\n    msg = ${msg}\n    event["response"]["smsMessage"] = msg\n    return event\n`;
  assert.deepEqual(keys(body('"Your code is {}".format(code)')), []);
  assert.deepEqual(keys(body('"Your code is %s" % code')), []);
  assert.deepEqual(keys(body('"Your code is " + code')), []);
  assert.deepEqual(keys(body('"Welcome!"')), ['missingPlaceholder']);
  // Built by a call we cannot see into: never reported.
  assert.deepEqual(keys(body('render_template(code)')), []);
});

test('syntax errors are reported for the CLI only', () => {
  const text = PSU('x = event["request"][');
  const a = analyze(text);
  assert.ok(a.syntaxErrors.length > 0);
  assert.equal(a.language, 'python');
});

test('return Exception(…) instead of raise: the Python message (Runtime.MarshalError) and a fix that writes raise', () => {
  const f = findings(PSU('if not event["request"]["userAttributes"].get("email"):\n    return Exception("An email is required")')).find((p) => p.key === 'returnsError');
  assert.ok(f);
  assert.match(f.message, /cannot serialise it.*Runtime\.MarshalError.*observed.*Use `raise`/);
  assert.equal(f.href, 'https://github.com/aws-powertools/powertools-lambda-python/issues/1897');
  assert.equal(f.fixes?.[0]?.edits[0]?.newText, 'raise');
  // Raised, or a class merely named like one and returned by a helper call, is not reported.
  assert.ok(!keys(PSU('if not event["request"]["userAttributes"].get("email"):\n    raise Exception("An email is required")')).includes('returnsError'));
  assert.ok(!keys(PSU('if not event["request"]["userAttributes"].get("email"):\n    return build_errors(event)')).includes('returnsError'));
});

test('a dict literal without the event keys is not the event; {**event, …} is', () => {
  const f = findings(PSU('pass').replace('return event', 'return {"statusCode": 200, "body": "ok"}')).find((p) => p.key === 'returnsNonEvent');
  assert.match(f?.message ?? '', /returns a dict with none of the event's keys \(\{statusCode, body\}: an API Gateway response\)/);
  assert.equal(f?.fixes?.[0]?.edits[0]?.newText, 'return event');
  assert.ok(!keys(PSU('pass').replace('return event', 'return {**event, "response": {"autoConfirmUser": True}}')).includes('returnsNonEvent'));
  assert.ok(!keys(PSU('pass').replace('return event', 'return {}')).includes('returnsNonEvent'));
});

// Powertools parser models (aws_lambda_powertools/utilities/parser/models/cognito.py): attributes are the event's keys.
const PARSER = 'from aws_lambda_powertools.utilities.parser import event_parser, parse\nfrom aws_lambda_powertools.utilities.parser.models import CognitoPreSignupTriggerModel, CognitoCustomMessageTriggerModel\n\n';

test('@event_parser(model=…): the model types the handler, and its attributes are read as the keys', () => {
  const text = `${PARSER}@event_parser(model=CognitoPreSignupTriggerModel)\ndef handler(event, context):\n    event.response.autoConfirmUser = "true"\n    email = event.request.userAtributes\n    return event.model_dump()\n`;
  const h = analyze(text, 'app.py').handlers[0];
  assert.equal(h?.inference.signal, 'type');
  assert.deepEqual(h?.inference.candidates.map((c) => c.trigger.id), ['PreSignUp']);
  assert.equal(h?.inference.reasons[0], 'type annotation CognitoPreSignupTriggerModel');
  assert.deepEqual(refs(text, 'app.py'), ['write response.autoConfirmUser', 'read request.userAtributes']);
  const fs = findings(text, 'app.py');
  assert.deepEqual(fs.map((f) => f.key), ['wrongType', 'unknownField']);
  // The fix writes the key as the model spells it (camelCase), not a data class's snake_case.
  assert.ok(fs[1]?.fixes?.some((f) => f.edits.some((e) => e.newText === 'userAttributes')), JSON.stringify(fs[1]?.fixes));
  assert.deepEqual(labels(`${PARSER}@event_parser(model=CognitoPreSignupTriggerModel)\ndef handler(event, context):\n    event.response.|\n    return event.model_dump()\n`, 'app.py'), ['autoConfirmUser', 'autoVerifyEmail', 'autoVerifyPhone']);
  // Pydantic's own members are not event keys.
  assert.deepEqual(refs(`${PARSER}@event_parser(model=CognitoPreSignupTriggerModel)\ndef handler(event, context):\n    d = event.model_dump()\n    return d\n`, 'app.py'), []);
});

test('a bare @event_parser takes the model from the hint; a module class derived from a model is that model', () => {
  const bare = `${PARSER}@event_parser\ndef handler(event: CognitoPreSignupTriggerModel, context):\n    event.response.autoVerifyEmal = True\n    return event.model_dump()\n`;
  assert.deepEqual(findings(bare, 'app.py').map((f) => f.key), ['unknownField']);
  const derived = `${PARSER}class SignUp(CognitoPreSignupTriggerModel):\n    pass\n\n@event_parser(model=SignUp)\ndef main(event, context):\n    return event.model_dump()\n`;
  const h = analyze(derived, 'app.py').handlers[0];
  assert.equal(h?.name, 'main');
  assert.deepEqual(h?.inference.candidates.map((c) => c.trigger.id), ['PreSignUp']);
});

test('parse(event=…, model=…) and Model.model_validate(event) inside the handler bind a model object', () => {
  const text = `${PARSER}def lambda_handler(event, context):\n    parsed = parse(event=event, model=CognitoCustomMessageTriggerModel)\n    parsed.response.smsMessage = "Welcome!"\n    return event\n`;
  const h = analyze(text, 'app.py').handlers[0];
  assert.deepEqual(h?.inference.candidates.map((c) => c.trigger.id), ['CustomMessage']);
  assert.deepEqual(findings(text, 'app.py').map((f) => f.key), ['missingPlaceholder']);
  const validated = `${PARSER}def lambda_handler(event, context):\n    m = CognitoCustomMessageTriggerModel.model_validate(event)\n    print(m.request.codeParameter)\n    return event\n`;
  assert.deepEqual(refs(validated, 'app.py'), ['read request.codeParameter']);
  assert.deepEqual(analyze(validated, 'app.py').handlers[0]?.inference.candidates.map((c) => c.trigger.id), ['CustomMessage']);
});

test('TypedDict hints: a triggerSource Literal of one trigger types the handler; a generic one does not', () => {
  const typed = 'from typing import Literal, TypedDict\n\nSource = Literal["PreSignUp_SignUp", "PreSignUp_AdminCreateUser"]\n\nclass Base(TypedDict):\n    triggerSource: Source\n\nclass SignUpEvent(Base):\n    request: dict\n\ndef main(event: SignUpEvent, context):\n    event["response"]["autoConfirmUser"] = "yes"\n    return event\n';
  const h = analyze(typed, 'app.py').handlers[0];
  assert.equal(h?.name, 'main');
  assert.equal(h?.inference.signal, 'type');
  assert.deepEqual(h?.inference.candidates.map((c) => c.trigger.id), ['PreSignUp']);
  assert.equal(h?.inference.reasons[0], 'type annotation SignUpEvent');
  assert.deepEqual(findings(typed, 'app.py').map((f) => f.key), ['wrongType']);
  const generic = 'from typing import Literal, TypedDict\n\nclass CognitoEvent(TypedDict):\n    triggerSource: Literal["PreSignUp_SignUp", "PostConfirmation_ConfirmSignUp"]\n\ndef handler(event: CognitoEvent, context):\n    return event\n';
  assert.equal(analyze(generic, 'app.py').handlers[0]?.inference.known, false);
});

test('a key typed in quotes gets the same detail and docs as after a dot (Python and JavaScript)', () => {
  const py = helpers.items(PSU('email = event["request"]["|"]'), 'handler.py');
  const dotted = helpers.items("// @cognito-trigger PreSignUp\nexports.handler = async (event) => {\n  event.request.|\n  return event;\n};\n", 'handler.js');
  const bracketJs = helpers.items("// @cognito-trigger PreSignUp\nexports.handler = async (event) => {\n  event.request['|'];\n  return event;\n};\n", 'handler.js');
  assert.deepEqual(py.map((i) => i.label), ['userAttributes', 'validationData', 'clientMetadata']);
  assert.deepEqual(py, dotted);
  assert.deepEqual(bracketJs, dotted);
  assert.match(py[0]?.doc ?? '', /^\*\*event\.request\.userAttributes\*\*: `object` — read-only/);
  assert.match(py[0]?.doc ?? '', /\[AWS documentation\]\(https:\/\/docs\.aws\.amazon\.com\/cognito\/latest\/developerguide\/user-pool-lambda-pre-sign-up\.html/);
});

test('an HTTP call without a timeout in a synchronous trigger: requests and urlopen; with timeout, **kwargs or async triggers it is not reported', () => {
  const withImport = (imp: string, body: string, id = 'PreSignUp'): string => `${imp}\n\n# @cognito-trigger ${id}\ndef lambda_handler(event, context):\n    ${body}\n    return event\n`;
  const f = findings(withImport('import requests', 'requests.post("https://example.com/hook", json=event["request"])')).find((p) => p.key === 'noTimeout');
  assert.ok(f);
  assert.equal(f.severity, 'warning');
  assert.equal(f.covered, 'requests.post');
  assert.match(f.message, /`requests\.post\(…\)` has no timeout.*hang indefinitely.*5 seconds/);
  assert.equal(f.href, 'https://requests.readthedocs.io/en/latest/user/quickstart/#timeouts');
  assert.ok(findings(withImport('from urllib.request import urlopen', 'urlopen("https://example.com")')).some((p) => p.key === 'noTimeout'));
  assert.ok(findings(withImport('import urllib.request', 'urllib.request.urlopen("https://example.com")')).some((p) => p.key === 'noTimeout'));
  for (const clean of [
    withImport('import requests', 'requests.post("https://example.com/hook", json={}, timeout=3)'),
    withImport('import requests', 'requests.post("https://example.com/hook", **options)'),
    withImport('from urllib.request import urlopen', 'urlopen("https://example.com", None, 3)'),
    // Not the requests library: a module or object of the handler's own named so is not imported.
    withImport('import json', 'requests.get("https://example.com")'),
    // An asynchronous trigger (custom email sender: Cognito does not wait for its answer) is not reported.
    withImport('import requests', 'requests.get("https://example.com")', 'CustomEmailSender'),
  ]) {
    assert.ok(!findings(clean).some((p) => p.key === 'noTimeout'), clean);
  }
});
