// Summaries for messages: custom message (the message with the code substituted) and the custom senders.
import type { SummaryLine } from '../protocol/invokeResult';
import { LINK_SOURCES } from '../model/triggers/customMessage';
import { at, err, info, obj, ok, summary, warn, type ReturnedSummariser } from './common';

/** Sample values substituted for the placeholders, so the user sees the message as delivered. */
const SAMPLE_CODE = '123456';

/** What the app receives for a message without the code placeholder (observed for an email body). */
export const MISSING_CODE_ERROR = "InvalidParameterException: 1 validation error detected: Value at 'emailBody' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}\\s*]*\\{####\\}[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}\\s*]*";

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

/**
 * Custom message: the message with the code (or the verification link) and the username substituted.
 * The same rules as the event check (`missing-placeholder`): the code placeholder, or `linkParameter`
 * when Cognito sent one, is required; the username placeholder of AdminCreateUser invitations is a
 * warning (that Cognito rejects a message without it is not documented).
 */
export const customMessage: ReturnedSummariser = ({ value, triggerSource }) => {
  const r = obj(value.response) ?? {};
  const code = str(at(value, 'request', 'codeParameter')) ?? '{####}';
  // The link placeholder stands in for the code only in messages that verify an email address (the model's rule).
  const link = typeof triggerSource === 'string' && !LINK_SOURCES.includes(triggerSource) ? undefined : str(at(value, 'request', 'linkParameter'));
  const userParam = str(at(value, 'request', 'usernameParameter'));
  const userName = typeof value.userName === 'string' ? value.userName : 'user';
  const needsUser = triggerSource === 'CustomMessage_AdminCreateUser';
  const substitute = (s: string): string => {
    let out = s.split(code).join(SAMPLE_CODE);
    if (link) out = out.split(link).join('<verification link>');
    if (userParam) out = out.split(userParam).join(userName);
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
    lines.push(ok(`${label}: ${substitute(m)}`, 'customMessageResponse'));
    if (key === 'emailSubject') continue;
    if (!m.includes(code) && !(link && m.includes(link))) {
      missing.push(label);
      lines.push(err(`${label} lacks the code placeholder ${code}${link ? ` (or the link placeholder ${link})` : ''}: Cognito fails the call with InvalidParameterException, a pattern validation on the message (observed).`, 'customMessagePattern'));
    }
    if (needsUser && userParam && !m.includes(userParam)) {
      lines.push(warn(`${label} lacks the username placeholder ${userParam}: the invitation cannot tell the user their user name. Whether Cognito rejects such a message is not documented.`, 'customMessageUsernameUndocumented'));
    }
  }
  if (!custom) return summary('Cognito sends its default message (the response sets no message).', 'customMessageResponse', true, [info('Set response.emailMessage / smsMessage (with the code placeholder) to customise it.', 'customMessageResponse')]);
  lines.push(info(`The code is shown as ${SAMPLE_CODE} here; Cognito substitutes the real one for ${code}.`, 'localRun'));
  lines.push(info('Message templates set for the pool (console message customizations) can also shape what is sent; how they combine with the function\'s message is not documented.', 'customMessageTemplates'));
  if (missing.length) {
    return summary(`Sending the message fails: ${missing.join(' and ')} lack${missing.length > 1 ? '' : 's'} the code placeholder ${code}. The app receives InvalidParameterException (observed).`, 'customMessagePattern', false, lines, MISSING_CODE_ERROR);
  }
  return summary(`Cognito sends the custom message${custom > 1 ? 's' : ''}.`, 'customMessageResponse', true, lines);
};

/** Custom email / SMS sender: invoked asynchronously, answer ignored. */
export const customSender: ReturnedSummariser = ({ trigger }) =>
  summary(`${trigger?.id === 'CustomSMSSender' ? 'SMS' : 'Email'} handed to your sender; Cognito ignores the answer.`, 'customSenders', true, [
    info('Cognito invokes custom senders asynchronously: only your own delivery reaches the user. request.code is encrypted with the pool’s KMS key.', 'customSenders'),
  ]);
