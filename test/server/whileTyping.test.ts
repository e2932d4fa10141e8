// Issue 9 §3 "while typing": lines typed one character at a time into a real pre sign-up handler, through
// the real server process; no state the user passes through may show an error-severity diagnostic.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { typingSession } from './typing';

/** A pre sign-up handler as written in practice: domain allow-list, auto-confirm, metadata, a thrown refusal. */
const HANDLER = `// Pre sign-up: only company addresses may register; invited users are confirmed at once.
const ALLOWED_DOMAINS = (process.env.ALLOWED_DOMAINS ?? 'example.com').split(',');

function domainOf(email) {
  const at = email.lastIndexOf('@');
  return at < 0 ? '' : email.slice(at + 1).toLowerCase();
}

export const handler = async (event) => {
  const { email, phone_number: phone } = event.request.userAttributes;
  if (event.triggerSource === 'PreSignUp_ExternalProvider') {
    event.response.autoConfirmUser = true;
    return event;
  }

  if (!email) {
    throw new Error('An email address is required to sign up.');
  }
  if (!ALLOWED_DOMAINS.includes(domainOf(email))) {
    throw new Error('Sign-up is limited to company email addresses.');
  }

  const invited = (event.request.clientMetadata ?? {}).invited === 'true';
  if (invited) {
    event.response.autoConfirmUser = true;
    event.response.autoVerifyEmail = true;
    if (phone) {
      event.response.autoVerifyPhone = true;
    }
  }

  console.log('sign-up accepted', event.userName, domainOf(email));
  return event;
};
`;

/**
 * What is typed, and before which line of the handler (its first occurrence): the user opens a new line
 * there (Enter at the end of the line above) and types the line one character at a time.
 */
const TYPED: readonly { what: string; before: string; text: string }[] = [
  { what: '`event.request.` above `return event;`', before: '  return event;\n};', text: '  console.log(event.request.userAttributes.email);' },
  { what: 'a guarded metadata read above `return event;`', before: '  return event;\n};', text: '  const source = event.request.clientMetadata?.source;' },
  { what: 'a response write inside a branch', before: '    event.response.autoVerifyEmail = true;', text: '    event.response.autoVerifyEmail = email.length > 0;' },
  { what: 'an early throw at the top of the handler', before: '  const { email, phone_number', text: "  if (!event.request.userAttributes) throw new Error('no attributes');" },
  { what: 'an early return in the external-provider branch', before: '    event.response.autoConfirmUser = true;\n    return event;', text: '    if (event.request.userAttributes.email) return event;' },
];

const { uri: uriOf, errorsAt, typeLine } = typingSession('while-typing-', 'javascript');

describe('typing into a pre sign-up handler', () => {
  it('the complete handler has no error (the baseline)', async () => {
    const uri = uriOf('preSignUp.mjs');
    assert.deepEqual(await errorsAt(uri, 1, HANDLER), []);
  });

  for (const [n, t] of TYPED.entries()) {
    it(`no error at any state while typing ${t.what}`, async () => {
      assert.deepEqual(await typeLine(uriOf(`typing${n}/preSignUp.mjs`), HANDLER, t.before, t.text), []);
    });
  }
});
