// Rules about a checked file itself rather than its Cognito content: strict JSON, size, kind, suppression comments.
import { sampleEvent } from '../events/sample';
import { LAMBDA_SYNC_PAYLOAD_LIMIT_BYTES } from '../invoke/event';
import { CHECK_MAX_BYTES } from '../safeFile';
import type { RuleDefinition, RuleExample } from './types';
import { thousands } from '../thousands';

const event = (): string => `${JSON.stringify(sampleEvent('PreSignUp', 'PreSignUp_SignUp', { minimal: true }), null, 2)}\n`;
const handler = (...body: string[]): RuleExample => ({ file: 'preSignUp.js', text: `exports.handler = async (event) => {\n${body.map((l) => `  ${l}`).join('\n')}\n  return event;\n};\n` });

export const FILE_RULES: readonly RuleDefinition[] = [
  {
    id: 'json-syntax',
    name: 'The event file is not strict JSON',
    severity: 'error',
    help: 'Lambda hands the function the event as JSON, which has no comments and no trailing commas: an event file that has them is not an event Cognito could send. Remove them. In VS Code its JSON support reports the syntax; `cognito-triggers check` reports it with this code.',
    sources: ['lambdaInvokePayload'],
    triggers: { file: 'events/PreSignUp/PreSignUp_SignUp.json', text: event().replace(/\n}\n$/, ',\n}\n') },
    clean: { file: 'events/PreSignUp/PreSignUp_SignUp.json', text: event() },
  },
  {
    id: 'payload-too-large',
    name: 'The event file is larger than a Lambda payload',
    severity: 'error',
    help: 'A synchronous Lambda invocation, the way Cognito calls a trigger, carries at most 6 MB: a larger event file cannot be a trigger event, so `check` does not read it further.',
    sources: ['lambdaPayloadLimit'],
    triggers: { file: 'events/PreSignUp/big.json', text: event(), padTo: LAMBDA_SYNC_PAYLOAD_LIMIT_BYTES + 1, shown: `${event().trimEnd()}\n(padded with spaces to ${thousands(LAMBDA_SYNC_PAYLOAD_LIMIT_BYTES + 1)} bytes)\n` },
    clean: { file: 'events/PreSignUp/PreSignUp_SignUp.json', text: event() },
  },
  {
    id: 'file-too-large',
    name: 'The file is too large to check',
    severity: 'warning',
    help: '`cognito-triggers check` reads files of at most 10 MB: no trigger handler or event is larger, and a bigger file (a bundle, a data dump) would only slow the check down. Exclude it with an `ignore` glob in cognito-triggers.json.',
    sources: ['checkFileLimits'],
    triggers: { file: 'dist/preSignUp.js', text: handler().text, padTo: CHECK_MAX_BYTES + 1, shown: `${handler().text.trimEnd()}\n// (padded with spaces to ${thousands(CHECK_MAX_BYTES + 1)} bytes)\n` },
    clean: handler(),
  },
  {
    id: 'unreadable-file',
    name: 'The file cannot be read',
    severity: 'error',
    help: '`cognito-triggers check` reads regular files only: a named pipe, device or socket (or a file it may not open) is reported instead of blocking the check, and the other files are still checked.',
    sources: ['checkFileLimits'],
    triggers: { file: 'events/PreSignUp/pipe.json', text: '', fifo: true, shown: '(a named pipe, made with mkfifo)\n' },
    clean: { file: 'events/PreSignUp/PreSignUp_SignUp.json', text: event() },
  },
  {
    id: 'suppression/unused',
    name: 'Unused suppression comment',
    severity: 'warning',
    help: 'A `cognito-triggers-disable-next-line` (or Python `# cognito-triggers: disable=`) comment names a rule that reports nothing on the line it covers. Remove the code from the comment.',
    sources: ['suppressionComments'],
    triggers: handler('// cognito-triggers-disable-next-line handler/read-only -- nothing is written here', 'console.log(event.request.userAttributes.email);'),
    clean: handler("// cognito-triggers-disable-next-line handler/read-only -- kept for the test's sake", "event.request.userAttributes.email = 'a@example.com';"),
  },
  {
    id: 'suppression/missing-reason',
    name: 'Suppression comment without a reason',
    severity: 'warning',
    help: 'End the suppression comment with ` -- reason`, so that reviewers know why the finding is accepted.',
    sources: ['suppressionComments'],
    triggers: handler('// cognito-triggers-disable-next-line handler/read-only', "event.request.userAttributes.email = 'a@example.com';"),
    clean: handler("// cognito-triggers-disable-next-line handler/read-only -- kept for the test's sake", "event.request.userAttributes.email = 'a@example.com';"),
  },
];
