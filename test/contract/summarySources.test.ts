// Every sentence an invoke summary can print carries its source: run the summaries over every trigger
// and source with every kind of outcome and many answers, and check each headline and line.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sampleEvent } from '../../server/src/core/events';
import { TRIGGERS } from '../../server/src/core/model';
import type { InvokeOutcome, InvokeSummary, SourceRef } from '../../server/src/core/protocol/invokeResult';
import { summarize } from '../../server/src/core/summary';

type Json = Record<string, unknown>;

/** Answers that take the summaries down their branches, per trigger (applied to a copy of the sample). */
const ANSWERS: Record<string, ((e: Json) => void)[]> = {
  PreSignUp: [
    (e) => Object.assign(e.response as Json, { autoConfirmUser: true, autoVerifyEmail: true, autoVerifyPhone: true }),
    (e) => Object.assign(e.response as Json, { autoVerifyEmail: true }),
    (e) => {
      (e.request as Json).userAttributes = { email: 'a@example.com' };
      Object.assign(e.response as Json, { autoVerifyPhone: true });
    },
  ],
  DefineAuthChallenge: [
    (e) => Object.assign(e.response as Json, { issueTokens: true, failAuthentication: true }),
    (e) => Object.assign(e.response as Json, { issueTokens: true }),
    (e) => Object.assign(e.response as Json, { failAuthentication: true }),
    (e) => Object.assign(e.response as Json, { challengeName: 'CUSTOM_CHALLENGE' }),
    (e) => (e.response = {}),
  ],
  CreateAuthChallenge: [(e) => Object.assign(e.response as Json, { publicChallengeParameters: { q: '1+1' }, privateChallengeParameters: { a: '2' }, challengeMetadata: 'M' })],
  VerifyAuthChallengeResponse: [(e) => Object.assign(e.response as Json, { answerCorrect: true }), (e) => Object.assign(e.response as Json, { answerCorrect: 'yes' })],
  PreTokenGeneration: [
    (e) => ((e.response as Json).claimsOverrideDetails = { claimsToAddOrOverride: { tier: 'gold', sub: 'x' }, claimsToSuppress: ['email'], groupOverrideDetails: { groupsToOverride: ['a'], iamRolesToOverride: ['arn:aws:iam::1:role/r'], preferredRole: 'arn:aws:iam::1:role/r' } }),
    (e) => ((e.response as Json).claimsOverrideDetails = { groupOverrideDetails: null }),
    (e) => ((e.response as Json).claimsAndScopeOverrideDetails = { idTokenGeneration: {} }),
  ],
  PreTokenGenerationV2: [
    (e) => ((e.response as Json).claimsAndScopeOverrideDetails = { idTokenGeneration: { claimsToAddOrOverride: { a: 1 } }, accessTokenGeneration: { scopesToAdd: ['a b', 'c'], scopesToSuppress: ['d'], claimsToAddOrOverride: { aud: 'x' } }, groupOverrideDetails: {} }),
    (e) => ((e.response as Json).claimsOverrideDetails = { claimsToAddOrOverride: { a: '1' } }),
  ],
  PreTokenGenerationV3: [(e) => ((e.response as Json).claimsAndScopeOverrideDetails = { idTokenGeneration: { claimsToAddOrOverride: { a: 1 } }, accessTokenGeneration: { scopesToAdd: ['c'] }, groupOverrideDetails: { groupsToOverride: [] } })],
  UserMigration: [
    (e) => Object.assign(e.response as Json, { userAttributes: { email: 'a@example.com', email_verified: 'true' }, finalUserStatus: 'CONFIRMED', messageAction: 'SUPPRESS' }),
    (e) => Object.assign(e.response as Json, { userAttributes: { email: 'a@example.com' }, finalUserStatus: 'RESET_REQUIRED', messageAction: 'RESEND', enableSMSMFA: true }),
    (e) => Object.assign(e.response as Json, { userAttributes: { email: 'a@example.com' } }),
  ],
  CustomMessage: [
    (e) => Object.assign(e.response as Json, { smsMessage: 'Code {####}', emailMessage: 'Code {####} {username}', emailSubject: 'Hi' }),
    (e) => Object.assign(e.response as Json, { smsMessage: 'Welcome', emailMessage: 'Welcome' }),
  ],
  InboundFederation: [(e) => ((e.response as Json).userAttributesToMap = {}), (e) => ((e.response as Json).userAttributesToMap = { email: 'a@example.com' }), (e) => ((e.response as Json).userAttributesToMap = null)],
  SyncTrigger: [(e) => (e.datasetName = 'changed'), (e) => (e.datasetRecords = {})],
};

const FAILURES: InvokeOutcome[] = [
  { kind: 'returned', value: null },
  { kind: 'returned', value: 'ok' },
  { kind: 'error', errorType: 'Error', errorMessage: 'boom', stack: ['at handler (/src/h.js:1:1)'] },
  { kind: 'timeout', limitMs: 5000 },
  { kind: 'crashed', reason: 'exit', exitCode: 1 },
  { kind: 'failedToStart', message: 'Syntax error', location: { file: '/a.js', line: 1 } },
];

function checkSource(what: string, text: string, s: SourceRef | undefined): void {
  assert.ok(s, `${what} has no source: "${text}"`);
  assert.ok(s.title.length > 0, `${what}: source without a title`);
  if (s.kind === 'local') return;
  assert.match(s.url ?? '', /^https:\/\//, `${what}: ${s.kind} source without a URL: "${text}"`);
  if (s.kind === 'observed') assert.match(text, /observed/i, `${what}: rests on an observed source, so the text must say "observed": "${text}"`);
  if (s.kind === 'undocumented') assert.match(text, /not documented/i, `${what}: rests on nothing documented, so the text must say "not documented": "${text}"`);
}

function checkSummary(label: string, s: InvokeSummary): void {
  checkSource(`${label} headline`, s.headline, s.source);
  for (const l of s.lines) checkSource(`${label} line`, l.text, l.source);
}

describe('every summary sentence has a source', () => {
  let checked = 0;
  for (const t of TRIGGERS) {
    it(t.id, () => {
      for (const s of t.sources) {
        const input = sampleEvent(t.id, s.value);
        const answers = [(): void => undefined, ...(ANSWERS[t.id] ?? [])];
        for (const change of answers) {
          const value = structuredClone(input);
          change(value);
          checkSummary(`${t.id}/${s.value}`, summarize({ trigger: t, triggerSource: s.value, input, outcome: { kind: 'returned', value } }));
          checked++;
        }
        for (const outcome of FAILURES) {
          checkSummary(`${t.id}/${s.value} ${outcome.kind}`, summarize({ trigger: t, triggerSource: s.value, input, outcome, logs: 'sending welcome email\n' }));
          checked++;
        }
        checkSummary(`${t.id}/${s.value} ignored issues`, summarize({ trigger: t, triggerSource: s.value, input, outcome: { kind: 'returned', value: input }, issues: [{ code: 'field-not-for-trigger', severity: 'warning', message: 'x', path: ['response', 'x'] }, { code: 'wrong-type', severity: 'error', message: 'y', path: ['response', 'y'] }] }));
      }
    });
  }
  it('an unknown trigger', () => {
    checkSummary('unknown', summarize({ input: {}, outcome: { kind: 'returned', value: {} } }));
    assert.ok(checked >= 0);
  });
});
