// Issue 9 §3 "while typing", in Python: lines typed one character at a time into a real pre sign-up handler,
// through the real server process; no state the user passes through may show an error-severity diagnostic.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { typingSession } from './typing';

/** A pre sign-up handler as written in practice: domain allow-list, auto-confirm, metadata, a raised refusal. */
const HANDLER = `"""Pre sign-up: only company addresses may register; invited users are confirmed at once."""
import os

ALLOWED_DOMAINS = os.environ.get("ALLOWED_DOMAINS", "example.com").split(",")


def domain_of(email):
    at = email.rfind("@")
    return "" if at < 0 else email[at + 1:].lower()


def lambda_handler(event, context):
    attributes = event["request"]["userAttributes"]
    email = attributes.get("email")
    phone = attributes.get("phone_number")
    if event["triggerSource"] == "PreSignUp_ExternalProvider":
        event["response"]["autoConfirmUser"] = True
        return event

    if not email:
        raise Exception("An email address is required to sign up.")
    if domain_of(email) not in ALLOWED_DOMAINS:
        raise Exception("Sign-up is limited to company email addresses.")

    invited = (event["request"].get("clientMetadata") or {}).get("invited") == "true"
    if invited:
        event["response"]["autoConfirmUser"] = True
        event["response"]["autoVerifyEmail"] = True
        if phone:
            event["response"]["autoVerifyPhone"] = True

    print("sign-up accepted", event["userName"], domain_of(email))
    return event
`;

/**
 * What is typed, and before which line of the handler (its first occurrence): the user opens a new line
 * there (Enter at the end of the line above) and types the line one character at a time.
 */
const TYPED: readonly { what: string; before: string; text: string }[] = [
  { what: 'a subscript read above `return event`', before: '    return event\n', text: '    print(event["request"]["userAttributes"]["email"])' },
  { what: 'a guarded metadata read above the final `return event`', before: '    print("sign-up accepted"', text: '    source = (event["request"].get("clientMetadata") or {}).get("source")' },
  { what: 'a response write inside a branch', before: '        event["response"]["autoVerifyEmail"] = True', text: '        event["response"]["autoVerifyEmail"] = len(email) > 0' },
  { what: 'an early raise at the top of the handler', before: '    attributes = event["request"]', text: '    if not event["request"].get("userAttributes"): raise Exception("no attributes")' },
  { what: 'an early return in the external-provider branch', before: '        event["response"]["autoConfirmUser"] = True\n        return event', text: '        if event["request"]["userAttributes"].get("email"): return event' },
  { what: 'an update() of the response', before: '    print("sign-up accepted"', text: '    event["response"].update({"autoVerifyEmail": True})' },
];

const { uri: uriOf, errorsAt, typeLine } = typingSession('while-typing-py-', 'python');

describe('typing into a Python pre sign-up handler', () => {
  it('the complete handler has no error (the baseline), and is read as a pre sign-up handler', async () => {
    const uri = uriOf('pre_sign_up.py');
    assert.deepEqual(await errorsAt(uri, 1, HANDLER), []);
    // The baseline must be analysed as a handler (else no state could show an error): a wrong write is an error.
    const bad = HANDLER.replace('event["response"]["autoVerifyEmail"] = True', 'event["response"]["autoVerifyEmail"] = "True"');
    const errors = await errorsAt(uri, 2, bad);
    assert.ok(errors.some((e) => e.startsWith('handler/wrong-type')), errors.join('; '));
  });

  for (const [n, t] of TYPED.entries()) {
    it(`no error at any state while typing ${t.what}`, async () => {
      assert.deepEqual(await typeLine(uriOf(`typing${n}/pre_sign_up.py`), HANDLER, t.before, t.text), []);
    });
  }

  it('a bare `return` or computed value held back at the caret is reported once the next edit is elsewhere', async () => {
    const uri = uriOf('held/pre_sign_up.py');
    let version = 1;
    assert.deepEqual(await errorsAt(uri, version, HANDLER), []);
    const at = HANDLER.indexOf('        event["response"]["autoVerifyEmail"] = True');
    const line = '        if event["request"]["userAttributes"].get("email"): return';
    // The line is typed up to its last character, then that character: the caret is right after `return`.
    assert.deepEqual(await errorsAt(uri, ++version, `${HANDLER.slice(0, at)}${line.slice(0, -1)}\n${HANDLER.slice(at)}`), []);
    const typed = `${HANDLER.slice(0, at)}${line}\n${HANDLER.slice(at)}`;
    assert.deepEqual(await errorsAt(uri, ++version, typed), [], 'held back while the caret is after it');
    // The user moves on: a character typed in the docstring at the top.
    const elsewhere = typed.replace('Pre sign-up:', 'Pre sign-up!');
    const errors = await errorsAt(uri, ++version, elsewhere);
    assert.ok(errors.some((e) => e.startsWith('handler/no-return')), errors.join('; '));
    const value = elsewhere.replace(line, '        event["response"]["autoVerifyEmail"] = len(email)');
    assert.deepEqual(await errorsAt(uri, ++version, value.replace('= len(email)', '= len(email')), []);
    assert.deepEqual(await errorsAt(uri, ++version, value), [], 'held back while the caret is after it');
    const moved = await errorsAt(uri, ++version, value.replace('Pre sign-up!', 'Pre sign-up:'));
    assert.ok(moved.some((e) => e.startsWith('handler/wrong-type')), moved.join('; '));
    // A literal typed out in full is judged at once, caret or not.
    const literal = await errorsAt(uri, version + 1, value.replace('= len(email)', '= "True"'));
    assert.ok(literal.some((e) => e.startsWith('handler/wrong-type')), literal.join('; '));
  });
});
