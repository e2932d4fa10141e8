// `cognito-triggers invoke`: runs a handler locally (fresh process) and prints the returned event and
// what Cognito would do. Exit 0 when the trigger would succeed, 1 when not, 2 for usage errors.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Command } from 'commander';
import { didYouMean, withArticle } from '../core/events/json';
import { analyzeDocumentAsync } from '../core/handler/analyze';
import { formatResultText, invokeLocal, LocalInvoker, readEventFile } from '../core/invoke';
import { getTrigger } from '../core/model';
import { readWiring, wiredFor } from '../core/wiring';
import { projectRootOf } from '../core/wiring/nodeFs';
import { buildSample, sampleChoices } from '../core/payload/samples';
import type { InvokeResult } from '../core/protocol';
import { clampSetting, defaultSettings } from '../core/settings';
import { DEFAULT_AWS_TIMEOUT_MS } from '../core/aws/defaults';
import { parseAwsTimeout } from './awsCommon';

interface InvokeOptions {
  handler?: string;
  event?: string;
  source?: string;
  version?: string;
  remote?: string;
  json?: boolean;
  timeout?: string;
  dotenv?: string;
  python?: string;
  profile?: string;
  region?: string;
  endpointUrl?: string;
  awsTimeout?: string;
}

function usage(message: string): void {
  process.stderr.write(`cognito-triggers invoke: ${message}\n(run cognito-triggers invoke --help for usage)\n`);
  process.exitCode = 2;
}

/** Start failures caused by the command line (wrong path, wrong export name) are usage errors. */
function isUsageFailure(r: InvokeResult): boolean {
  const o = r.outcome;
  return o.kind === 'failedToStart' && /^(No such handler file|Not a file|Not a JavaScript|The module has no export|The export "|Handler '[^']*' missing on module|The Python interpreter ")/.test(o.message);
}

/** An unknown --source: the likely typo, or where to find the valid values (not all 42 of them). */
function unknownSource(source: string): string | undefined {
  const all = [...new Set(sampleChoices().map((c) => c.source))];
  if (all.includes(source)) return undefined;
  const guess = didYouMean(source, all);
  return `unknown triggerSource "${source}"${guess ? `; did you mean ${guess}?` : ''} (cognito-triggers triggers lists all ${all.length}).`;
}

/**
 * A note when the event is for another trigger than the handler serves (its type, `@cognito-trigger`
 * comment, triggerSource checks or fields, from the handler analysis). Undefined when they agree or
 * the handler gives no clue.
 */
export async function triggerMismatch(file: string, handlerName: string, r: InvokeResult): Promise<string | undefined> {
  if (!r.triggerId) return undefined;
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const ext = path.extname(file);
  const languageId = ext === '.py' ? 'python' : /^\.[cm]?ts$/.test(ext) ? 'typescript' : 'javascript';
  const h = (await analyzeDocumentAsync({ text, languageId, fileName: file })).handlers.find((x) => x.name === handlerName);
  if (!h?.inference.known || !h.inference.candidates.length) return undefined;
  const serves = h.inference.candidates.filter((c) => c.trigger.id === r.triggerId || (c.trigger.id.startsWith('PreTokenGeneration') && r.triggerId?.startsWith('PreTokenGeneration')));
  const source = r.triggerSource;
  if (serves.length && (!source || serves.some((c) => !c.sources || c.sources.includes(source)))) return undefined;
  const names = [...new Set(h.inference.candidates.map((c) => c.trigger.displayName))].join(' or ');
  const eventName = getTrigger(r.triggerId)?.displayName ?? r.triggerId;
  const detail = serves.length ? `serves ${eventName} only for ${serves.flatMap((c) => c.sources ?? []).join(', ')}` : `is ${withArticle(names)} handler`;
  return `${path.basename(file)}#${handlerName} ${detail} (${h.inference.reasons[0] ?? 'handler analysis'}), but the event is for ${eventName}${source ? ` (${source})` : ''}: Cognito never sends it this event.`;
}

/** The runtime the project's infrastructure code states for a handler file (undefined when none or unreadable). */
async function declaredRuntime(file: string): Promise<string | undefined> {
  // The project root of the file's folder; when nothing marks one, the working directory if the file is inside it.
  const found = projectRootOf(path.dirname(file));
  const cwd = process.cwd();
  const root = found.by === 'none' && file.startsWith(`${cwd}${path.sep}`) ? cwd : found.root;
  try {
    const w = await readWiring(root);
    return wiredFor(w, path.relative(root, file).split(path.sep).join('/')).find((h) => h.runtime)?.runtime;
  } catch {
    return undefined; // a broken IaC file must not stop a local invoke
  }
}

async function run(file: string | undefined, o: InvokeOptions): Promise<void> {
  const badSource = o.source !== undefined ? unknownSource(o.source) : undefined;
  if (badSource) {
    usage(badSource);
    return;
  }
  if (o.remote) {
    // The deployed function: the AWS area's implementation, same exit code contract.
    const { runRemoteInvoke } = await import('./remoteInvoke.js');
    process.exitCode = await runRemoteInvoke({
      functionName: o.remote,
      ...(o.event !== undefined ? { eventFile: o.event } : {}),
      ...(o.source !== undefined ? { source: o.source } : {}),
      ...(o.version !== undefined ? { version: o.version } : {}),
      ...(o.json ? { json: true } : {}),
      ...(o.profile ? { profile: o.profile } : {}),
      ...(o.region ? { region: o.region } : {}),
      ...(o.endpointUrl ? { endpointUrl: o.endpointUrl } : {}),
      ...(o.awsTimeout ? { awsTimeout: o.awsTimeout } : {}),
    });
    return;
  }
  if (file === undefined) {
    usage('give the handler file to run, or --remote FUNCTION to invoke a deployed function.');
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
    // setTimeout fires at once past 2^31-1 ms: keep to the setting's documented maximum.
    settings.timeoutMs = clampSetting('invoke.timeoutMs', t);
  }
  if (o.dotenv !== undefined) settings.envFile = o.dotenv;
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
  // The handler's runtime as the IaC declares it, to compare with the local Python or Node.js.
  const runtime = await declaredRuntime(path.resolve(file));
  // Lambda's conventional names: `handler` in Node.js, `lambda_handler` in Python.
  const handlerName = o.handler ?? (path.extname(file) === '.py' ? 'lambda_handler' : 'handler');
  // dist/runner.js (and runner.py) sit next to dist/cli.js.
  const invoker = new LocalInvoker(path.join(__dirname, 'runner.js'));
  // Ctrl+C or a CI cancel: end the handler and everything it started, not only this process.
  const interrupted = (signal: NodeJS.Signals): void => {
    invoker.dispose(true);
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    // A custom sender's code is encrypted for real, and the local KMS decrypts it for the handler.
    // Loaded on use: the Encryption SDK is the costliest module to start, and only sender invokes need it.
    const { invokeWithSenderCrypto } = await import('../core/flows/kms/invoke.js');
    const r = await invokeWithSenderCrypto(event, settings.env, triggerId, (ev, env) =>
      invokeLocal(invoker, {
        file: path.resolve(file),
        handlerName,
        event: ev,
        folder: process.cwd(),
        settings: { ...settings, env },
        warm: false,
        oneShot: true,
        ...(runtime ? { runtime } : {}),
        ...(o.python !== undefined ? { pythonInterpreter: o.python } : {}),
        ...(triggerId ? { triggerId } : {}),
        // Handler output goes to stderr so that stdout carries only the result.
        onOutput: (text) => process.stderr.write(text),
      }),
    );
    if (isUsageFailure(r)) {
      usage(r.outcome.kind === 'failedToStart' ? r.outcome.message : '');
      return;
    }
    if (o.json) process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
    else {
      const mismatch = await triggerMismatch(path.resolve(file), handlerName, r);
      process.stdout.write(formatResultText(r, mismatch ? [mismatch] : []));
    }
    process.exitCode = r.summary.succeeds ? 0 : 1;
  } finally {
    invoker.dispose();
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
  }
}

/** Adds `invoke [handler-file] [--handler NAME] (--event FILE | --source SRC [--version N]) [--remote FN] [--json] [--timeout MS]`. */
export function addInvokeCommand(program: Command): void {
  program
    .command('invoke')
    .description('Run a trigger handler locally with an event and print the returned event and what Cognito would do with it.')
    .argument('[handler-file]', 'the handler module (.js, .mjs, .cjs, .ts, .py); not needed with --remote')
    .option('--handler <name>', 'function to call (default: handler; lambda_handler for .py)')
    .option('--event <file>', 'event JSON file')
    .option('--source <triggerSource>', 'generate a sample event for this triggerSource instead')
    .option('--version <n>', 'event version for --source (pre token generation 1, 2 or 3)')
    .option('--remote <function>', 'invoke a deployed Lambda function instead (name or ARN)')
    .option('--json', 'print the whole result as JSON')
    .option('--timeout <ms>', 'time limit in milliseconds (Cognito: 5000)')
    // Not --env-file: Node 20+ takes that flag even after the script name and exits 9 before the CLI runs.
    .option('--dotenv <file>', 'dotenv file for the handler (default .env in the current directory)')
    .option('--python <interpreter>', 'Python handlers: the interpreter (default: .venv/venv of the project, else python3)')
    .option('--profile <name>', 'with --remote: AWS profile')
    .option('--region <region>', 'with --remote: AWS Region')
    .option('--endpoint-url <url>', 'with --remote: Lambda endpoint (local emulator)')
    .option('--aws-timeout <ms>', `with --remote: time limit of one AWS call in milliseconds (default ${DEFAULT_AWS_TIMEOUT_MS})`, parseAwsTimeout)
    .action((file: string | undefined, o: InvokeOptions) => run(file, o));
}
