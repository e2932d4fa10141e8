// Delivering a code: the custom sender (with the code encrypted as Cognito encrypts it), the custom
// message trigger (the message with the code put in), or Cognito's own message.
import { buildEvent, runTrigger, type FlowContext } from './step';
import { LOCAL, SOURCES } from './sources';
import type { AppError, FlowMessage } from './types';
import { eventAttributes, type StoredUser } from './users';

/** The operations that send a code, as the message triggers name them in triggerSource. */
export type CodeOccasion = 'SignUp' | 'AdminCreateUser' | 'ResendCode' | 'ForgotPassword' | 'Authentication';

const CODE_PARAMETER = '{####}';
const USERNAME_PARAMETER = '{username}';

/** A fresh six-digit code, as Cognito's confirmation and reset codes are. */
export function sixDigits(): string {
  return String(Math.floor(Math.random() * 1_000_000)).padStart(6, '0');
}

/**
 * Sends `code` to the user. Email when the user has an email address, else SMS. Returns the error the
 * app receives when the custom message trigger fails the operation (the senders cannot: Cognito invokes
 * them asynchronously).
 */
export async function deliverCode(ctx: FlowContext, user: StoredUser, occasion: CodeOccasion, code: string): Promise<AppError | undefined> {
  const via: 'email' | 'sms' = user.attributes.email ? 'email' : 'sms';
  const to = via === 'email' ? user.attributes.email : user.attributes.phone_number;
  const senderSlot = via === 'email' ? 'CustomEmailSender' : 'CustomSMSSender';
  if (ctx.pool.triggers[senderSlot]) {
    const encrypted = ctx.encryptCode ? await ctx.encryptCode(code) : code;
    const request: Record<string, unknown> = {
      type: via === 'email' ? 'customEmailSenderRequestV1' : 'customSMSSenderRequestV1',
      code: encrypted,
      userAttributes: eventAttributes(user),
      ...(Object.keys(ctx.clientMetadata).length ? { clientMetadata: ctx.clientMetadata } : {}),
    };
    const event = buildEvent(ctx, senderSlot, `${senderSlot}_${occasion}`, user.username, request);
    const run = await runTrigger(ctx, senderSlot, event, via === 'email' ? SOURCES.customEmailSender : SOURCES.customSmsSender);
    const logs = (run?.step.attemptDetails ?? []).map((a) => a.logs).join('');
    const message: FlowMessage = { via, sentBy: 'custom-sender', ...(to ? { to } : {}), code, encryptedCode: encrypted, handlerOutputContainsCode: logs.includes(code) };
    ctx.messages.push(message);
    if (run) {
      run.step.verdict.lines.push(
        message.handlerOutputContainsCode
          ? { severity: 'ok', text: `The handler's output contains the code ${code}: it decrypted request.code.`, source: LOCAL }
          : { severity: 'info', text: `The handler's output does not contain the code ${code}; check that it decrypts request.code and puts it in the message it sends.`, source: LOCAL },
      );
    }
    return undefined;
  }
  if (ctx.pool.triggers.CustomMessage) {
    const request: Record<string, unknown> = {
      userAttributes: eventAttributes(user),
      codeParameter: CODE_PARAMETER,
      linkParameter: '{##Click Here##}',
      ...(occasion === 'AdminCreateUser' ? { usernameParameter: USERNAME_PARAMETER } : {}),
      ...(Object.keys(ctx.clientMetadata).length ? { clientMetadata: ctx.clientMetadata } : {}),
    };
    const event = buildEvent(ctx, 'CustomMessage', `CustomMessage_${occasion}`, user.username, request);
    const run = await runTrigger(ctx, 'CustomMessage', event, SOURCES.customMessage);
    if (run?.failed) return run.failed;
    const r = (run?.value?.response ?? {}) as Record<string, unknown>;
    const put = (s: unknown): string | undefined => (typeof s === 'string' && s ? s.split(CODE_PARAMETER).join(code).split(USERNAME_PARAMETER).join(user.username) : undefined);
    const body = put(via === 'email' ? r.emailMessage : r.smsMessage);
    const subject = via === 'email' ? put(r.emailSubject) : undefined;
    ctx.messages.push({ via, sentBy: body ? 'custom-message' : 'cognito', ...(to ? { to } : {}), ...(subject ? { subject } : {}), body: body ?? `(Cognito's default ${occasion === 'AdminCreateUser' ? 'invitation' : 'verification'} message with the code ${code})`, code });
    return undefined;
  }
  ctx.messages.push({ via, sentBy: 'cognito', ...(to ? { to } : {}), body: `(Cognito's default ${occasion === 'AdminCreateUser' ? 'invitation' : 'verification'} message with the code ${code})`, code });
  return undefined;
}
