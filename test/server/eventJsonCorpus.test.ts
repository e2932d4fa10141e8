// The published-events corpus opened through the real server: every file's diagnostics (codes and
// severities, in order) as decided in test/contract/corpus.test.ts — the server adds no schema noise
// and drops nothing. Files sit in events/<TriggerId>/, as New Sample Event writes them.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { messageText, REPO_ROOT, startServer, type TestServer } from './harness';

const corpus = path.resolve(REPO_ROOT, '..', 'shared', 'reference', 'events');
const SEVERITY = ['', 'error', 'warning', 'information', 'hint'];

/** `code:severity` of every diagnostic, in the order published. Agrees with the contract table. */
const EXPECTED: Readonly<Record<string, readonly string[]>> = {
  'CreateAuthChallenge__CreateAuthChallenge_Authentication__aws-lambda-go': ['placeholder-value:information', 'placeholder-value:information', 'placeholder-value:information', 'placeholder-value:information'],
  'CreateAuthChallenge__CreateAuthChallenge_Authentication__aws-lambda-java': [],
  'CreateAuthChallenge__CreateAuthChallenge_Authentication__aws-lambda-rust-user-not-found': ['placeholder-value:information', 'placeholder-value:information', 'placeholder-value:information', 'placeholder-value:information'],
  'CreateAuthChallenge__CreateAuthChallenge_Authentication__powertools-python': [],
  'CreateAuthChallenge__CreateAuthChallenge_Authentication__powertools-ts-first-call': [],
  'CustomEmailSender__CustomEmailSender_AdminCreateUser__powertools-ts': [],
  'CustomEmailSender__CustomEmailSender_ForgotPassword__powertools-ts': [],
  'CustomEmailSender__CustomEmailSender_SignUp__powertools-python': ['invalid-format:warning', 'invalid-format:warning', 'boolean-attribute:warning', 'boolean-attribute:warning', 'caller-context-aws-sdk:warning'],
  'CustomEmailSender__x-trigger_source__aws-lambda-dotnet': ['placeholder-trigger-source:warning', 'unexpected-response:warning', 'invalid-enum-value:warning'],
  'CustomMessage__CustomMessage_AdminCreateUser__awsdocs': ['numeric-version:warning', 'placeholder-value:information', 'placeholder-value:information', 'placeholder-value:information', 'placeholder-value:information', 'boolean-attribute:warning', 'boolean-attribute:warning', 'placeholder-value:warning', 'placeholder-value:warning', 'placeholder-value:warning', 'caller-context-aws-sdk:warning'],
  'CustomMessage__CustomMessage_AdminCreateUser__powertools-python': ['invalid-format:warning', 'invalid-format:warning', 'boolean-attribute:warning', 'boolean-attribute:warning', 'caller-context-aws-sdk:warning'],
  'CustomMessage__CustomMessage_SignUp__aws-lambda-java': [],
  'CustomMessage__CustomMessage_SignUp__awsdocs': ['placeholder-value:information', 'placeholder-value:warning', 'placeholder-value:warning', 'placeholder-value:warning'],
  'CustomMessage__CustomMessage_VerifyUserAttribute__aws-lambda-rust': ['placeholder-value:information', 'placeholder-value:information', 'placeholder-value:information', 'placeholder-value:information', 'placeholder-value:information', 'boolean-attribute:warning', 'boolean-attribute:warning', 'placeholder-value:warning', 'placeholder-value:warning', 'placeholder-value:warning'],
  'CustomMessage__x-CustomMessage_multi__aws-lambda-go': ['placeholder-trigger-source:warning', 'placeholder-value:information', 'placeholder-value:information', 'placeholder-value:information', 'placeholder-value:information', 'placeholder-value:information', 'boolean-attribute:warning', 'boolean-attribute:warning', 'placeholder-value:warning', 'placeholder-value:warning', 'placeholder-value:warning'],
  'CustomMessage__x-CustomMessage_multi__awsdocs2023': ['placeholder-trigger-source:warning', 'numeric-version:warning', 'placeholder-value:information', 'placeholder-value:information', 'placeholder-value:information', 'placeholder-value:information', 'missing-field:warning', 'boolean-attribute:warning', 'boolean-attribute:warning', 'placeholder-value:warning', 'placeholder-value:warning', 'placeholder-value:warning', 'caller-context-aws-sdk:warning'],
  'CustomSMSSender__CustomSMSSender_SignUp__powertools-python': ['invalid-format:warning', 'invalid-format:warning', 'boolean-attribute:warning', 'boolean-attribute:warning', 'caller-context-aws-sdk:warning', 'sender-type-mismatch:warning'],
  'CustomSMSSender__CustomSMSSender_SignUp__powertools-ts-jsdoc': ['unexpected-response:warning'],
  'CustomSMSSender__x-trigger_source__aws-lambda-dotnet': ['placeholder-trigger-source:warning', 'unexpected-response:warning', 'invalid-enum-value:warning'],
  // response.challengeName "challengeName": a placeholder, a warning on the answer side (challengeName is a closed set).
  'DefineAuthChallenge__DefineAuthChallenge_Authentication__aws-lambda-go': ['placeholder-value:information', 'placeholder-value:information', 'placeholder-value:information', 'placeholder-value:information', 'placeholder-value:warning'],
  'DefineAuthChallenge__DefineAuthChallenge_Authentication__aws-lambda-java': [],
  // response.challengeName "challengeName": a placeholder, a warning on the answer side (challengeName is a closed set).
  'DefineAuthChallenge__DefineAuthChallenge_Authentication__aws-lambda-rust-optional-response-fields': ['placeholder-value:information', 'placeholder-value:information', 'placeholder-value:information', 'placeholder-value:information', 'placeholder-value:warning'],
  // response.challengeName "challengeName": a placeholder, a warning on the answer side (challengeName is a closed set).
  'DefineAuthChallenge__DefineAuthChallenge_Authentication__aws-lambda-rust-user-not-found': ['placeholder-value:information', 'placeholder-value:information', 'placeholder-value:information', 'placeholder-value:information', 'placeholder-value:warning'],
  'DefineAuthChallenge__DefineAuthChallenge_Authentication__powertools-python': [],
  'DefineAuthChallenge__DefineAuthChallenge_Authentication__powertools-ts-first-call': [],
  'DefineAuthChallenge__x-trigger_source__aws-lambda-dotnet-null-values': ['placeholder-trigger-source:warning', 'invalid-enum-value:warning', 'invalid-enum-value:warning'],
  'InboundFederation__InboundFederation_ExternalProvider__aws-lambda-go-oidc': [],
  'InboundFederation__InboundFederation_ExternalProvider__aws-lambda-go-saml': [],
  'InboundFederation__InboundFederation_ExternalProvider__awsdocs-logging-saml': ['invalid-enum-value:warning'],
  'InboundFederation__InboundFederation_ExternalProvider__awsdocs-truncate-oidc': ['invalid-enum-value:warning'],
  'InboundFederation__x-unspecified__awsdocs-group-membership': ['missing-trigger-source:warning', 'missing-field:warning'],
  'PostAuthentication__PostAuthentication_Authentication__aws-lambda-go': ['placeholder-value:information', 'placeholder-value:information', 'placeholder-value:information', 'placeholder-value:information', 'placeholder-value:information', 'placeholder-value:information', 'placeholder-value:information'],
  'PostAuthentication__PostAuthentication_Authentication__aws-lambda-java': ['missing-response:warning'],
  'PostAuthentication__PostAuthentication_Authentication__powertools-python': [],
  'PostAuthentication__x-testTrigger__awsdocs': ['placeholder-trigger-source:warning', 'missing-field:warning', 'invalid-format:warning'],
  'PostAuthentication__x-trigger_source__aws-lambda-dotnet': ['placeholder-trigger-source:warning', 'field-not-for-trigger:warning'],
  'PostConfirmation__PostConfirmation_ConfirmForgotPassword__powertools-ts': [],
  'PostConfirmation__PostConfirmation_ConfirmSignUp__aws-lambda-go': ['placeholder-value:information', 'placeholder-value:information', 'placeholder-value:information', 'placeholder-value:information', 'placeholder-value:information', 'placeholder-value:information', 'placeholder-value:information'],
  'PostConfirmation__PostConfirmation_ConfirmSignUp__aws-lambda-java': ['missing-response:warning'],
  'PostConfirmation__PostConfirmation_ConfirmSignUp__powertools-python': ['invalid-enum-value:warning', 'invalid-format:warning', 'boolean-attribute:warning'],
  'PostConfirmation__PostConfirmation_ConfirmSignUp__powertools-ts-admin-confirm': [],
  'PostConfirmation__x-unspecified__awsdocs': ['missing-trigger-source:warning', 'missing-field:warning', 'boolean-attribute:warning'],
  'PreAuthentication__PreAuthentication_Authentication__aws-lambda-go': ['placeholder-value:information', 'placeholder-value:information', 'placeholder-value:information', 'placeholder-value:information', 'placeholder-value:information', 'placeholder-value:information'],
  'PreAuthentication__PreAuthentication_Authentication__aws-lambda-java': ['missing-response:warning'],
  'PreAuthentication__PreAuthentication_Authentication__powertools-python': [],
  'PreAuthentication__x-unspecified__awsdocs': ['missing-trigger-source:warning', 'missing-field:warning', 'placeholder-value:information'],
  'PreSignUp__PreSignUp_AdminCreateUser__powertools-ts': [],
  'PreSignUp__PreSignUp_SignUp__aws-lambda-go': ['placeholder-value:information', 'placeholder-value:information', 'placeholder-value:information', 'placeholder-value:information', 'placeholder-value:information', 'placeholder-value:information', 'placeholder-value:information'],
  'PreSignUp__PreSignUp_SignUp__aws-lambda-java': [],
  'PreSignUp__PreSignUp_SignUp__awsdocs-client-metadata': [],
  'PreSignUp__PreSignUp_SignUp__powertools-python': ['invalid-enum-value:warning', 'invalid-format:warning'],
  'PreSignUp__x-unspecified__awsdocs2023-autoverify': ['missing-trigger-source:warning', 'missing-field:warning'],
  'PreSignUp__x-unspecified__awsdocs2023-custom-domain': ['missing-trigger-source:warning', 'missing-field:warning'],
  'PreSignUp__x-unspecified__awsdocs2023-username-length': ['missing-trigger-source:warning', 'missing-field:warning'],
  'PreTokenGenerationV2__TokenGeneration_Authentication__aws-lambda-go-v2_0-complex': [],
  'PreTokenGenerationV2__TokenGeneration_Authentication__aws-lambda-go': [],
  'PreTokenGenerationV2__TokenGeneration_Authentication__aws-lambda-java': [],
  'PreTokenGenerationV2__TokenGeneration_Authentication__awsdocs': ['preferred-role-array:warning', 'claims-override-array:warning'],
  'PreTokenGenerationV2__TokenGeneration_Authentication__powertools-python': ['pre-token-version-mismatch:warning'],
  'PreTokenGenerationV2__TokenGeneration_HostedAuth__aws-lambda-rust-incoming': ['invalid-format:warning', 'invalid-format:warning', 'pre-token-response-version:warning', 'pre-token-version-mismatch:warning'],
  'PreTokenGenerationV2__TokenGeneration_HostedAuth__aws-lambda-rust': ['invalid-format:warning', 'invalid-format:warning', 'pre-token-version-mismatch:warning'],
  'PreTokenGenerationV2__TokenGeneration_HostedAuth__awsdocs-complex-objects': ['preferred-role-array:warning', 'claims-override-array:warning'],
  'PreTokenGenerationV2__x-trigger_source__aws-lambda-dotnet-complex': ['placeholder-trigger-source:warning'],
  'PreTokenGeneration__TokenGeneration_Authentication__aws-lambda-rust-incoming': ['invalid-format:warning', 'invalid-format:warning'],
  'PreTokenGeneration__TokenGeneration_Authentication__powertools-python': [],
  'PreTokenGeneration__TokenGeneration_HostedAuth__aws-lambda-java': [],
  'PreTokenGeneration__TokenGeneration_HostedAuth__aws-lambda-rust': ['invalid-format:warning', 'invalid-format:warning'],
  'PreTokenGeneration__TokenGeneration_NewPasswordChallenge__aws-lambda-dotnet': [],
  'PreTokenGeneration__x-PreTokenGen__aws-lambda-go': ['placeholder-trigger-source:warning', 'invalid-format:warning', 'invalid-format:warning'],
  'PreTokenGeneration__x-unspecified__awsdocs-v1-empty': ['missing-trigger-source:warning', 'missing-field:warning', 'missing-field:warning'],
  'SyncTrigger__SyncTrigger__aws-lambda-go': ['invalid-format:warning'],
  'SyncTrigger__SyncTrigger__aws-lambda-java': ['invalid-format:warning'],
  'SyncTrigger__SyncTrigger__awsdocs2023-cognito-events': ['invalid-format:warning'],
  'SyncTrigger__SyncTrigger__lambda-developer-guide': ['invalid-format:warning'],
  'SyncTrigger__SyncTrigger__sam-cli-template': ['placeholder-value:information', 'invalid-format:warning'],
  'UserMigration__UserMigration_Authentication__aws-lambda-go': ['placeholder-value:information', 'placeholder-value:information', 'placeholder-value:information', 'placeholder-value:information', 'placeholder-value:information', 'placeholder-value:information', 'placeholder-value:warning', 'placeholder-value:warning', 'placeholder-value:warning', 'placeholder-value:warning', 'placeholder-value:warning', 'placeholder-value:warning'],
  'UserMigration__UserMigration_Authentication__aws-lambda-java': ['field-not-for-trigger:warning', 'unknown-field:information'],
  'UserMigration__UserMigration_Authentication__powertools-python': ['invalid-enum-value:warning', 'invalid-format:warning'],
  'UserMigration__UserMigration_Authentication__powertools-ts-jsdoc': [],
  'UserMigration__x-trigger_source__aws-lambda-dotnet': ['placeholder-trigger-source:warning', 'field-not-for-trigger:warning', 'unknown-field:information', 'invalid-enum-value:error', 'invalid-enum-value:error', 'invalid-enum-value:error', 'invalid-enum-value:error'],
  'VerifyAuthChallengeResponse__VerifyAuthChallengeResponse_Authentication__aws-lambda-go': ['placeholder-value:information', 'placeholder-value:information', 'placeholder-value:information', 'placeholder-value:information'],
  'VerifyAuthChallengeResponse__VerifyAuthChallengeResponse_Authentication__aws-lambda-java': [],
  'VerifyAuthChallengeResponse__VerifyAuthChallengeResponse_Authentication__aws-lambda-rust-null-answer': ['placeholder-value:information', 'placeholder-value:information', 'placeholder-value:information', 'placeholder-value:information'],
  'VerifyAuthChallengeResponse__VerifyAuthChallengeResponse_Authentication__aws-lambda-rust-optional-answer': ['placeholder-value:information', 'placeholder-value:information', 'placeholder-value:information', 'placeholder-value:information'],
  'VerifyAuthChallengeResponse__VerifyAuthChallengeResponse_Authentication__aws-lambda-rust-user-not-found': ['placeholder-value:information', 'placeholder-value:information', 'placeholder-value:information', 'placeholder-value:information'],
  'VerifyAuthChallengeResponse__VerifyAuthChallengeResponse_Authentication__powertools-python': [],
  'VerifyAuthChallengeResponse__VerifyAuthChallengeResponse_Authentication__powertools-ts': [],
  'VerifyAuthChallengeResponse__x-trigger_source__aws-lambda-dotnet-null-values': ['placeholder-trigger-source:warning'],
};

let server: TestServer;
before(async () => {
  server = await startServer();
});
after(async () => {
  await server.stop();
});

const files = (): string[] => {
  assert.ok(fs.existsSync(corpus), `corpus not found at ${corpus} (expected ../shared/reference/events next to the repository)`);
  return fs.readdirSync(corpus).filter((f) => f.endsWith('.json')).sort();
};

test('the table covers exactly the corpus', () => {
  assert.deepEqual(files().map((f) => f.replace(/\.json$/, '')).sort(), Object.keys(EXPECTED).sort());
});

for (const file of fs.existsSync(corpus) ? files() : []) {
  const name = file.replace(/\.json$/, '');
  test(name, async () => {
    const text = fs.readFileSync(path.join(corpus, file), 'utf8');
    const uri = `${server.workspaceUri}/events/${name.split('__')[0] ?? ''}/${file}`;
    const published = server.diagnostics(uri, 1);
    server.open(uri, text);
    const ds: Diagnostic[] = await published;
    server.close(uri);
    assert.deepEqual(ds.map((d) => `${d.code}:${SEVERITY[d.severity ?? 0]}`), EXPECTED[name]);
    const lines = text.split('\n');
    for (const d of ds) {
      assert.equal(d.source, 'cognito-triggers');
      assert.match(d.codeDescription?.href ?? '', /^https:\/\/docs\.aws\.amazon\.com\//);
      assert.ok(messageText(d).length > 20, `${String(d.code)} has a real message`);
      // The range points at real text of the file (not past its end).
      assert.ok(d.range.end.line < lines.length && d.range.end.character <= (lines[d.range.end.line] ?? '').length, `${String(d.code)} range inside the text`);
      assert.ok(d.range.start.line < d.range.end.line || d.range.start.character < d.range.end.character, `${String(d.code)} range is not empty`);
    }
  });
}
