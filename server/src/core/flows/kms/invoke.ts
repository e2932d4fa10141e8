// A single local invoke of a custom sender with the code encrypted for real: the event's request.code is
// replaced by an Encryption SDK message under a local KMS key, and the result says whether the handler
// got the plaintext code out of it.
import { recognizeEvent } from '../../events';
import type { InvokeResult } from '../../protocol/invokeResult';
import { sixDigits } from '../messages';
import { LOCAL } from '../sources';
import { startSenderCrypto } from '.';

/** The key used when the handler's environment names none. */
export const DEFAULT_LOCAL_KEY_ARN = 'arn:aws:kms:us-east-1:123456789012:key/00000000-0000-4000-8000-00000000c0de';
const KMS_ARN = /^arn:aws[\w-]*:kms:[a-z0-9-]+:\d{12}:key\/[\w-]+$/;
const SENDERS = new Set(['CustomEmailSender', 'CustomSMSSender']);

/** True when the event is a custom sender's (then `invokeWithSenderCrypto` encrypts its code). */
export function isSenderEvent(event: unknown, triggerId?: string): boolean {
  const t = recognizeEvent(event, triggerId ? { triggerId } : {}).trigger;
  return !!t && SENDERS.has(t.id);
}

/**
 * Runs `run` with the sender event's code encrypted under the handler's key (the first KMS key ARN among
 * the environment's values, e.g. KEY_ARN; else a local default, also given as KEY_ARN) and the local
 * KMS endpoint in the environment. A plain code in the event (`123456`) is the one encrypted; an
 * encrypted sample is replaced by a fresh six-digit code. Other events run unchanged.
 */
export async function invokeWithSenderCrypto(event: unknown, env: Record<string, string>, triggerId: string | undefined, run: (event: unknown, env: Record<string, string>) => Promise<InvokeResult>): Promise<InvokeResult> {
  if (!isSenderEvent(event, triggerId)) return run(event, env);
  const keyArn = Object.values(env).find((v) => KMS_ARN.test(v)) ?? DEFAULT_LOCAL_KEY_ARN;
  const crypto = await startSenderCrypto(keyArn);
  try {
    const e = JSON.parse(JSON.stringify(event)) as { request?: { code?: unknown } };
    const given = e.request?.code;
    const code = typeof given === 'string' && /^[\w-]{1,32}$/.test(given) && !given.startsWith('AYAD') ? given : sixDigits();
    e.request = { ...(e.request ?? {}), code: await crypto.encrypt(code) };
    const r = await run(e, { ...env, ...crypto.env, ...(Object.values(env).some((v) => KMS_ARN.test(v)) ? {} : { KEY_ARN: keyArn }) });
    const contains = r.logs.includes(code);
    r.summary.lines.push({ severity: 'info', text: `request.code is the code ${code}, encrypted with the AWS Encryption SDK under ${keyArn} as Cognito encrypts it; a local KMS endpoint (AWS_ENDPOINT_URL_KMS) decrypts it for the handler.`, source: LOCAL });
    r.summary.lines.push(contains ? { severity: 'ok', text: `The handler's output contains the code ${code}: it decrypted request.code.`, source: LOCAL } : { severity: 'warning', text: `The handler's output does not contain the code ${code}: check that it decrypts request.code (KmsKeyringNode and buildClient(...).decrypt) and puts it in the message.`, source: LOCAL });
    return r;
  } finally {
    await crypto.stop();
  }
}
