// Issue 9 §3 "while typing": lines typed one character at a time into a real pre sign-up handler, through
// the real server process; no state the user passes through may show an error-severity diagnostic.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { fileUri, messageText, startServer, type TestServer } from './harness';

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

let server: TestServer;
let folder: string;
before(async () => {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'while-typing-'));
  server = await startServer({ workspace: folder });
});
after(async () => {
  await server.stop();
  fs.rmSync(folder, { recursive: true, force: true });
});

/** Errors in the document now, after the server published for this version. */
async function errorsAt(uri: string, version: number, text: string): Promise<string[]> {
  const wait = server.diagnostics(uri, version);
  if (version === 1) server.open(uri, text, 'javascript');
  else server.change(uri, text);
  return (await wait).filter((d) => d.severity === DiagnosticSeverity.Error).map((d) => `${String(d.code)}: ${messageText(d)}`);
}

describe('typing into a pre sign-up handler', () => {
  it('the complete handler has no error (the baseline)', async () => {
    const uri = fileUri(path.join(folder, 'preSignUp.mjs'));
    assert.deepEqual(await errorsAt(uri, 1, HANDLER), []);
  });

  for (const [n, t] of TYPED.entries()) {
    it(`no error at any state while typing ${t.what}`, async () => {
      const at = HANDLER.indexOf(t.before);
      assert.ok(at > 0, t.before);
      const uri = fileUri(path.join(folder, `typing${n}`, 'preSignUp.mjs'));
      let version = 1;
      assert.deepEqual(await errorsAt(uri, version, HANDLER), []);
      const flashed: string[] = [];
      for (let i = 0; i <= t.text.length; i++) {
        const typed = t.text.slice(0, i);
        const errors = await errorsAt(uri, ++version, `${HANDLER.slice(0, at)}${typed}\n${HANDLER.slice(at)}`);
        if (errors.length) flashed.push(`after typing ${JSON.stringify(typed)}: ${errors.join('; ')}`);
      }
      assert.deepEqual(flashed, []);
    });
  }
});
