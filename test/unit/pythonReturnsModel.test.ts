// handler/returns-model: a Powertools @event_parser handler (or one that parses the event itself) returning
// the Pydantic model. Sources: the Powertools parser docs ("The @event_parser decorator automatically
// parses the incoming event into the specified Pydantic model"), Lambda's Python handler page (the answer
// is serialised with json.dumps) and the observed MarshalError (powertools-lambda-python#1897: "Unable to
// marshal response: Object of type Response is not JSON serializable").
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { loadPython } from '../../server/src/core/handler/python/parser';
import { SOURCES } from '../../server/src/core/model/sources';
import { findings } from './handlerHelpers';

before(() => loadPython());

const HEAD = 'from aws_lambda_powertools.utilities.parser import event_parser, parse\nfrom aws_lambda_powertools.utilities.parser.models import CognitoPreSignupTriggerModel\n\n';
const decorated = (body: string): string => `${HEAD}@event_parser(model=CognitoPreSignupTriggerModel)\ndef lambda_handler(event, context):\n    event.response.autoConfirmUser = True\n    ${body.replace(/\n/g, '\n    ')}\n`;
const plain = (body: string): string => `${HEAD}def lambda_handler(event, context):\n    ${body.replace(/\n/g, '\n    ')}\n`;
const modelReturns = (text: string): string[] => findings(text, 'app.py').filter((f) => f.key === 'returnsModel').map((f) => f.covered);
const apply = (t: string, edits: readonly { start: number; end: number; newText: string }[]): string => [...edits].sort((a, b) => b.start - a.start).reduce((s, e) => s.slice(0, e.start) + e.newText + s.slice(e.end), t);

test('returning the parser model is an error: the @event_parser parameter, a name bound to parse(…) or model_validate(…), a bare @event_parser with the hint', () => {
  assert.deepEqual(modelReturns(decorated('return event')), ['event']);
  assert.deepEqual(modelReturns(plain('ev = parse(event=event, model=CognitoPreSignupTriggerModel)\nev.response.autoConfirmUser = True\nreturn ev')), ['ev']);
  assert.deepEqual(modelReturns(plain('model = CognitoPreSignupTriggerModel.model_validate(event)\nif model.request.userAttributes.get("email"):\n    return model\nraise Exception("email required")')), ['model']);
  const bare = `${HEAD}@event_parser\ndef lambda_handler(event: CognitoPreSignupTriggerModel, context):\n    return event\n`;
  assert.deepEqual(modelReturns(bare), ['event']);
});

test('no finding for a dict: model_dump(), a rebinding to the dump, the raw event beside a parsed copy, a plain dict handler', () => {
  for (const text of [
    decorated('return event.model_dump()'),
    decorated('event = event.model_dump(by_alias=True)\nreturn event'),
    plain('ev = parse(event=event, model=CognitoPreSignupTriggerModel)\nif ev.request.userAttributes.get("email"):\n    event["response"]["autoConfirmUser"] = True\nreturn event'),
    plain('event["response"]["autoConfirmUser"] = True\nreturn event'),
    // A nested function's return is not the handler's.
    decorated('def inner():\n    return event\nreturn event.model_dump()'),
  ]) assert.deepEqual(modelReturns(text), [], text);
});

test('the finding says why, links the observed MarshalError, and its fix returns model_dump(…), after which it is gone', () => {
  const text = decorated('return event');
  const [f] = findings(text, 'app.py').filter((x) => x.key === 'returnsModel');
  assert.equal(f?.severity, 'error');
  assert.equal(f?.href, SOURCES.pythonMarshalError.url);
  assert.match(f?.message ?? '', /json\.dumps, which cannot serialise a model, so the invocation fails with Runtime\.MarshalError/);
  const fixed = apply(text, f?.fixes?.[0]?.edits ?? []);
  assert.match(fixed, /return event\.model_dump\(mode="json", by_alias=True\)\n/);
  assert.deepEqual(modelReturns(fixed), []);
  assert.deepEqual(findings(fixed, 'app.py').map((x) => x.key), [], 'the fixed handler is clean');
});
