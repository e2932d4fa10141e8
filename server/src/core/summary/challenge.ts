// Summaries for custom authentication: define, create and verify auth challenge.
import type { SummaryLine } from '../protocol/invokeResult';
import { at, err, info, obj, ok, warn, type ReturnedSummariser } from './common';

/** Define auth challenge: issue tokens, fail, or ask for the next challenge. */
export const defineAuthChallenge: ReturnedSummariser = ({ value }) => {
  const r = obj(value.response) ?? {};
  const session = at(value, 'request', 'session');
  const rounds = Array.isArray(session) ? session.length : 0;
  const lines: SummaryLine[] = [info(`Session so far: ${rounds} challenge round(s).`)];
  if (r.issueTokens === true && r.failAuthentication === true) {
    return { headline: 'Sign-in fails: issueTokens and failAuthentication are both true.', succeeds: false, lines: [...lines, err('Set only one of issueTokens and failAuthentication.')] };
  }
  if (r.issueTokens === true) return { headline: 'Authentication succeeds; Cognito issues the tokens.', succeeds: true, lines: [...lines, ok('issueTokens: true')] };
  if (r.failAuthentication === true) {
    return { headline: 'Authentication fails; the app receives NotAuthorizedException.', succeeds: false, cognitoError: 'Incorrect username or password.', lines: [...lines, info('failAuthentication: true ends the flow.')] };
  }
  if (typeof r.challengeName === 'string' && r.challengeName) {
    const next = r.challengeName === 'CUSTOM_CHALLENGE' ? ' Cognito calls create auth challenge next.' : '';
    return { headline: `Cognito asks the user for the ${r.challengeName} challenge.${next}`, succeeds: true, lines: [...lines, ok(`challengeName: ${r.challengeName}`)] };
  }
  return {
    headline: 'Authentication fails: the answer neither issues tokens, fails, nor names a challenge.',
    succeeds: false,
    lines: [...lines, err('Set response.challengeName (e.g. CUSTOM_CHALLENGE), issueTokens or failAuthentication.')],
  };
};

/** Create auth challenge: what the app sees and what stays private for verification. */
export const createAuthChallenge: ReturnedSummariser = ({ value }) => {
  const r = obj(value.response) ?? {};
  const pub = obj(r.publicChallengeParameters) ?? {};
  const priv = obj(r.privateChallengeParameters) ?? {};
  const lines: SummaryLine[] = [
    info(`The app receives publicChallengeParameters: ${JSON.stringify(pub)}.`),
    info(`Kept for verify auth challenge (privateChallengeParameters): ${Object.keys(priv).join(', ') || 'nothing'}.`),
  ];
  if (!Object.keys(priv).length) lines.push(warn('privateChallengeParameters is empty: verify auth challenge has no expected answer to compare with.'));
  if (typeof r.challengeMetadata === 'string') lines.push(info(`challengeMetadata: ${r.challengeMetadata}`));
  return { headline: `Challenge sent to the app (${Object.keys(pub).length} public parameter(s)).`, succeeds: true, lines };
};

/** Verify auth challenge response: right or wrong answer. */
export const verifyAuthChallengeResponse: ReturnedSummariser = ({ value }) => {
  const correct = at(value, 'response', 'answerCorrect');
  if (typeof correct !== 'boolean') {
    return { headline: 'The answer is treated as wrong: response.answerCorrect is not a boolean.', succeeds: true, lines: [warn('Set response.answerCorrect to true or false.')] };
  }
  return {
    headline: correct ? 'Answer correct; define auth challenge decides what happens next.' : 'Answer wrong; define auth challenge sees challengeResult false.',
    succeeds: true,
    lines: [ok(`answerCorrect: ${correct}`)],
  };
};
