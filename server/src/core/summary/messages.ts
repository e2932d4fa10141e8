// Summaries for messages: custom message (the message with the code substituted) and the custom senders.
import type { SummaryLine } from '../protocol/invokeResult';
import { at, err, info, obj, ok, warn, type ReturnedSummariser } from './common';
import { invalidResponseError } from './issues';

/** Sample values substituted for the placeholders, so the user sees the message as delivered. */
const SAMPLE_CODE = '123456';

/** Custom message: the message with `{####}` and `{username}` substituted. */
export const customMessage: ReturnedSummariser = ({ value, triggerSource, trigger }) => {
  const r = obj(value.response) ?? {};
  const codeParam = at(value, 'request', 'codeParameter');
  const userParam = at(value, 'request', 'usernameParameter');
  const code = typeof codeParam === 'string' && codeParam ? codeParam : '{####}';
  const userName = typeof value.userName === 'string' ? value.userName : 'user';
  const needsUser = triggerSource === 'CustomMessage_AdminCreateUser';
  const substitute = (s: string): string => {
    let out = s.split(code).join(SAMPLE_CODE);
    if (typeof userParam === 'string' && userParam) out = out.split(userParam).join(userName);
    return out;
  };
  const lines: SummaryLine[] = [];
  let custom = 0;
  const missing: string[] = [];
  for (const [key, label] of [
    ['emailSubject', 'Email subject'],
    ['emailMessage', 'Email'],
    ['smsMessage', 'SMS'],
  ] as const) {
    const m = r[key];
    if (typeof m !== 'string' || !m) continue;
    custom++;
    lines.push(ok(`${label}: ${substitute(m)}`));
    if (key !== 'emailSubject' && !m.includes(code)) {
      missing.push(label);
      lines.push(err(`${label} lacks the code placeholder ${code}: Cognito cannot put the code in, so it rejects the message.`));
    }
    if (key !== 'emailSubject' && needsUser && typeof userParam === 'string' && userParam && !m.includes(userParam)) {
      lines.push(warn(`${label} lacks the username placeholder ${userParam}, needed for AdminCreateUser invitations.`));
    }
  }
  if (!custom) return { headline: 'Cognito sends its default message (the response sets no message).', succeeds: true, lines: [info('Set response.emailMessage / smsMessage (with the code placeholder) to customise it.')] };
  lines.push(info(`The code is shown as ${SAMPLE_CODE} here; Cognito substitutes the real one for ${code}.`));
  if (missing.length) {
    const cognitoError = invalidResponseError(trigger);
    return { headline: `Sending the message fails: ${missing.join(' and ')} lack${missing.length > 1 ? '' : 's'} the code placeholder ${code}. The app receives ${cognitoError.split(':')[0]}.`, succeeds: false, cognitoError, lines };
  }
  return { headline: `Cognito sends the custom message${custom > 1 ? 's' : ''}.`, succeeds: true, lines };
};

/** Custom email / SMS sender: invoked asynchronously, answer ignored. */
export const customSender: ReturnedSummariser = ({ trigger }) => ({
  headline: `${trigger?.id === 'CustomSMSSender' ? 'SMS' : 'Email'} handed to your sender; Cognito ignores the answer.`,
  succeeds: true,
  lines: [info('Cognito invokes custom senders asynchronously: only your own delivery reaches the user. request.code is encrypted with the pool’s KMS key.')],
});
