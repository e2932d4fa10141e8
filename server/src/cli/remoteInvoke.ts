// Remote invoke for the CLI: `cognito-triggers invoke --remote FUNCTION (--event FILE | --source SOURCE)`.
import * as path from 'node:path';
import { invokeRemote } from '../core/aws/remoteInvoke';
import { readEventFile } from '../core/invoke';
import { summaryText } from '../core/invoke/report';
import { buildSample } from '../core/payload/samples';
import type { InvokeResult } from '../core/protocol';
import { clientsFor, EXIT, fail, usage, type ConnectionOptions } from './awsCommon';

const MARK = { ok: '✔', info: '•', warning: '!', error: '✘' } as const;

/**
 * Invokes a deployed function and prints the result as a local invoke does. `version` is the event
 * version of a generated sample (pre token generation), as for a local invoke. Connection options
 * default to the environment (AWS_PROFILE, AWS_REGION, AWS_ENDPOINT_URL_LAMBDA). Returns the exit
 * code: 0 when Cognito would accept the answer, 1 when not or on an AWS error, 2 for usage errors.
 */
export async function runRemoteInvoke(opts: { functionName: string; eventFile?: string; source?: string; version?: string; json?: boolean } & ConnectionOptions): Promise<number> {
  if (!!opts.eventFile === !!opts.source) return usage('invoke', opts.eventFile ? 'give either --event or --source, not both.' : 'give the event: --event FILE or --source TRIGGER_SOURCE.');
  let event: unknown;
  let triggerId: string | undefined;
  if (opts.eventFile) {
    const e = readEventFile(path.resolve(opts.eventFile));
    if ('kind' in e) return usage('invoke', e.message);
    event = e.value;
  } else {
    const s = buildSample({ source: opts.source as string, ...(opts.version !== undefined ? { version: opts.version } : {}) });
    if (!s.ok) return usage('invoke', s.message);
    event = s.event;
    triggerId = s.trigger.id;
  }
  const clients = await clientsFor(opts);
  try {
    const r = await invokeRemote(clients, { functionName: opts.functionName, event, ...(triggerId ? { triggerId } : {}) });
    if (opts.json) process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
    else print(r);
    return r.summary.succeeds ? EXIT.ok : EXIT.failed;
  } catch (e) {
    return fail(e, `Invoke ${opts.functionName}`);
  } finally {
    clients.destroy();
  }
}

function print(r: InvokeResult): void {
  const out = process.stdout;
  out.write(`${r.triggerId ?? 'unknown trigger'}${r.triggerSource ? ` (${r.triggerSource})` : ''} ← ${r.target}  [${r.where}, ${r.durationMs} ms]\n`);
  if (r.outcome.kind === 'returned') out.write(`${JSON.stringify(r.outcome.value, null, 2)}\n`);
  else if (r.outcome.kind === 'error') out.write(`${r.outcome.errorType}: ${r.outcome.errorMessage}\n${(r.outcome.stack ?? []).map((l) => `    ${l}\n`).join('')}`);
  else if (r.outcome.kind === 'timeout') out.write(`Timed out after ${r.outcome.limitMs} ms\n`);
  if (r.logs) process.stderr.write(`--- log tail ---\n${r.logs}${r.logs.endsWith('\n') ? '' : '\n'}`);
  out.write(summaryText(r.summary));
  for (const i of r.issues) out.write(`  ${i.severity === 'error' ? MARK.error : MARK.warning} returned ${i.path.join('.') || '(root)'}: ${i.message} [${i.code}]\n`);
  if (r.summary.cognitoError) out.write(`Cognito error: ${r.summary.cognitoError}\n`);
}
