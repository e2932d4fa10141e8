// Summaries for custom authentication: define, create and verify auth challenge.
import type { SummaryLine } from '../protocol/invokeResult';
import { at, err, info, obj, ok, summary, warn, type ReturnedSummariser } from './common';

/** Define auth challenge: issue tokens, fail, or ask for the next challenge. */
export const defineAuthChallenge: ReturnedSummariser = ({ value }) => {
  const r = obj(value.response) ?? {};
  const session = at(value, 'request', 'session');
  const rounds = Array.isArray(session) ? session.length : 0;
  const lines: SummaryLine[] = [info(`Session so far: ${rounds} challenge round(s).`, 'defineAuthChallenge')];
  if (r.issueTokens === true && r.failAuthentication === true) {
    return summary('Undefined answer: issueTokens and failAuthentication are both true; what Cognito does then is not documented.', 'defineAuthUndocumented', false, [...lines, err('Set only one of issueTokens and failAuthentication.', 'defineAuthChallenge')]);
  }
  if (r.issueTokens === true) return summary('Authentication succeeds; Cognito issues the tokens.', 'defineAuthChallenge', true, [...lines, ok('issueTokens: true', 'defineAuthChallenge')]);
  if (r.failAuthentication === true) {
    return summary('Authentication fails: failAuthentication ends the flow.', 'defineAuthChallenge', false, [...lines, info('failAuthentication: true ends the current authentication process. The error the app receives is not documented.', 'defineAuthUndocumented')]);
  }
  if (typeof r.challengeName === 'string' && r.challengeName) {
    const next = r.challengeName === 'CUSTOM_CHALLENGE' ? ' Cognito calls create auth challenge next.' : '';
    return summary(`Cognito asks the user for the ${r.challengeName} challenge.${next}`, 'defineAuthChallenge', true, [...lines, ok(`challengeName: ${r.challengeName}`, 'defineAuthChallenge')]);
  }
  return summary('The answer neither issues tokens, fails, nor names a challenge; what Cognito does then is not documented (expect the sign-in to fail).', 'defineAuthUndocumented', false, [
    ...lines,
    err('Set response.challengeName (e.g. CUSTOM_CHALLENGE), issueTokens or failAuthentication.', 'defineAuthChallenge'),
  ]);
};

/** Create auth challenge: what the app sees and what stays private for verification. */
export const createAuthChallenge: ReturnedSummariser = ({ value }) => {
  const r = obj(value.response) ?? {};
  const pub = obj(r.publicChallengeParameters) ?? {};
  const priv = obj(r.privateChallengeParameters) ?? {};
  const lines: SummaryLine[] = [
    info(`The app receives publicChallengeParameters: ${JSON.stringify(pub)}.`, 'createAuthChallenge'),
    info(`Kept for verify auth challenge (privateChallengeParameters): ${Object.keys(priv).join(', ') || 'nothing'}.`, 'createAuthChallenge'),
  ];
  if (!Object.keys(priv).length) lines.push(warn('privateChallengeParameters is empty: verify auth challenge has no expected answer to compare with.', 'createAuthChallenge'));
  if (typeof r.challengeMetadata === 'string') lines.push(info(`challengeMetadata: ${r.challengeMetadata}`, 'createAuthChallenge'));
  return summary(`Challenge sent to the app (${Object.keys(pub).length} public parameter(s)).`, 'createAuthChallenge', true, lines);
};

/** Verify auth challenge response: right or wrong answer. */
export const verifyAuthChallengeResponse: ReturnedSummariser = ({ value }) => {
  const correct = at(value, 'response', 'answerCorrect');
  if (typeof correct !== 'boolean') {
    return summary('response.answerCorrect is not a boolean; how Cognito treats that is not documented (expect a wrong answer or a failed sign-in).', 'defineAuthUndocumented', true, [warn('Set response.answerCorrect to true or false.', 'verifyAuthChallenge')]);
  }
  return summary(correct ? 'Answer correct; define auth challenge decides what happens next.' : 'Answer wrong; define auth challenge sees challengeResult false.', 'verifyAuthChallenge', true, [ok(`answerCorrect: ${correct}`, 'verifyAuthChallenge')]);
};
