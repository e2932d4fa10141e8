// `cognito-triggers invoke`: runs a handler locally (fresh process) and prints the returned event and
// what Cognito would do. Exit 0 when the trigger would succeed, 1 when not, 2 for usage errors.
import * as path from 'node:path';
import type { Command } from 'commander';
import { invokeLocal, LocalInvoker, readEventFile } from '../core/invoke';
import { buildSample } from '../core/payload/samples';
import type { InvokeResult } from '../core/protocol';
import { defaultSettings } from '../core/settings';
import { runRemoteInvoke } from './remoteInvoke';

interface InvokeOptions {
  handler: string;
  event?: string;
  source?: string;
  version?: string;
  remote?: string;
  json?: boolean;
  timeout?: string;
  envFile?: string;
  profile?: string;
  region?: string;
  endpointUrl?: string;
}

const MARK = { ok: '✔', info: '•', warning: '!', error: '✘' } as const;

function usage(message: string): void {
  process.stderr.write(`cognito-triggers invoke: ${message}\n(run cognito-triggers invoke --help for usage)\n`);
  process.exitCode = 2;
}

/** Start failures caused by the command line (wrong path, wrong export name) are usage errors. */
function isUsageFailure(r: InvokeResult): boolean {
  const o = r.outcome;
  return o.kind === 'failedToStart' && /^(No such handler file|Not a file|Not a JavaScript|The module has no export|The export ")/.test(o.message);
}

function printText(r: InvokeResult): void {
  const out = process.stdout;
  out.write(`${r.triggerId ?? 'unknown trigger'}${r.triggerSource ? ` (${r.triggerSource})` : ''} ← ${r.target}  [${r.where}, ${r.durationMs} ms]\n`);
  if (r.outcome.kind === 'returned') out.write(`${JSON.stringify(r.outcome.value, null, 2)}\n`);
  else if (r.outcome.kind === 'error') out.write(`${r.outcome.errorType}: ${r.outcome.errorMessage}\n${(r.outcome.stack ?? []).map((l) => `    ${l}\n`).join('')}`);
  out.write(`${r.summary.succeeds ? MARK.ok : MARK.error} ${r.summary.headline}\n`);
  for (const l of r.summary.lines) out.write(`  ${MARK[l.severity]} ${l.text}\n`);
  for (const i of r.issues) out.write(`  ${i.severity === 'error' ? MARK.error : MARK.warning} returned ${i.path.join('.') || '(root)'}: ${i.message} [${i.code}]\n`);
  if (r.summary.cognitoError) out.write(`Cognito error: ${r.summary.cognitoError}\n`);
}

async function run(file: string, o: InvokeOptions): Promise<void> {
  if (o.remote) {
    // The deployed function: the AWS area's implementation, same exit code contract.
    process.exitCode = await runRemoteInvoke({
      functionName: o.remote,
      ...(o.event !== undefined ? { eventFile: o.event } : {}),
      ...(o.source !== undefined ? { source: o.source } : {}),
      ...(o.version !== undefined ? { version: o.version } : {}),
      ...(o.json ? { json: true } : {}),
      ...(o.profile ? { profile: o.profile } : {}),
      ...(o.region ? { region: o.region } : {}),
      ...(o.endpointUrl ? { endpointUrl: o.endpointUrl } : {}),
    });
    return;
  }
  if (!!o.event === !!o.source) {
    usage(o.event ? 'give either --event or --source, not both.' : 'give the event: --event FILE or --source TRIGGER_SOURCE.');
    return;
  }
  if (o.version !== undefined && !o.source) {
    usage('--version applies to --source only.');
    return;
  }
  const settings = defaultSettings().invoke;
  if (o.timeout !== undefined) {
    const t = Number(o.timeout);
    if (!Number.isFinite(t) || t < 1) {
      usage(`--timeout must be a positive number of milliseconds, not "${o.timeout}".`);
      return;
    }
    settings.timeoutMs = t;
  }
  if (o.envFile !== undefined) settings.envFile = o.envFile;
  let event: unknown;
  let triggerId: string | undefined;
  if (o.event) {
    const e = readEventFile(path.resolve(o.event));
    if ('kind' in e) {
      const l = e.location;
      usage(l?.line ? `${path.relative(process.cwd(), l.file)}:${l.line}:${l.column ?? 1}: ${e.message}` : e.message);
      return;
    }
    event = e.value;
  } else {
    const s = buildSample({ source: o.source as string, ...(o.version !== undefined ? { version: o.version } : {}) });
    if (!s.ok) {
      usage(s.message);
      return;
    }
    event = s.event;
    triggerId = s.trigger.id;
  }
  // dist/runner.js sits next to dist/cli.js.
  const invoker = new LocalInvoker(path.join(__dirname, 'runner.js'));
  try {
    const r = await invokeLocal(invoker, {
      file: path.resolve(file),
      handlerName: o.handler,
      event,
      folder: process.cwd(),
      settings,
      warm: false,
      ...(triggerId ? { triggerId } : {}),
      // Handler output goes to stderr so that stdout carries only the result.
      onOutput: (text) => process.stderr.write(text),
    });
    if (isUsageFailure(r)) {
      usage(r.outcome.kind === 'failedToStart' ? r.outcome.message : '');
      return;
    }
    if (o.json) process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
    else printText(r);
    process.exitCode = r.summary.succeeds ? 0 : 1;
  } finally {
    invoker.dispose();
  }
}

/** Adds `invoke <handler-file> [--handler NAME] (--event FILE | --source SRC [--version N]) [--remote FN] [--json] [--timeout MS]`. */
export function addInvokeCommand(program: Command): void {
  program
    .command('invoke')
    .description('Run a trigger handler locally with an event and print the returned event and what Cognito would do with it.')
    .argument('<handler-file>', 'the handler module (.js, .mjs, .cjs, .ts)')
    .option('--handler <name>', 'exported function to call', 'handler')
    .option('--event <file>', 'event JSON file')
    .option('--source <triggerSource>', 'generate a sample event for this triggerSource instead')
    .option('--version <n>', 'event version for --source (pre token generation 1, 2 or 3)')
    .option('--remote <function>', 'invoke a deployed Lambda function instead (name or ARN)')
    .option('--json', 'print the whole result as JSON')
    .option('--timeout <ms>', 'time limit in milliseconds (Cognito: 5000)')
    .option('--env-file <file>', 'dotenv file for the handler (default .env in the current directory)')
    .option('--profile <name>', 'with --remote: AWS profile')
    .option('--region <region>', 'with --remote: AWS Region')
    .option('--endpoint-url <url>', 'with --remote: Lambda endpoint (local emulator)')
    .exitOverride((e) => {
      process.exit(e.exitCode === 0 ? 0 : 2);
    })
    .action((file: string, o: InvokeOptions) => run(file, o));
}
