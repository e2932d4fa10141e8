// `cognito-triggers serve-lambda [--port N]`: a Lambda Invoke API endpoint on 127.0.0.1 that runs the
// project's handlers, for cognito-local (LambdaClient.endpoint) or the app's own integration tests.
import * as path from 'node:path';
import type { Command } from 'commander';
import { parseTriggerFlag, PoolConfigError, type BoundHandler } from '../core/flows';
import { EndpointPortError, portProblem, startLambdaEndpoint } from '../core/flows/lambdaEndpoint';
import { servedFunctions } from '../core/flows/served';
import { LocalInvoker } from '../core/invoke';
import { defaultSettings } from '../core/settings';

interface ServeOptions {
  port?: string;
  trigger: string[];
  bindings?: string;
  wiring?: boolean;
  timeout?: string;
}

const collect = (v: string, prev: string[]): string[] => [...prev, v];

function usage(message: string): void {
  process.stderr.write(`cognito-triggers serve-lambda: ${message}\n(run cognito-triggers serve-lambda --help for usage)\n`);
  process.exitCode = 2;
}

async function run(o: ServeOptions): Promise<void> {
  const cwd = process.cwd();
  // The same rule as the setting cognitoTriggers.localEndpoint.port: 0 to 65535, 0 = any free port.
  const port = o.port === undefined ? 0 : /^\s*\d+\s*$/.test(o.port) ? Number(o.port) : NaN;
  const invalid = portProblem(port, '--port');
  if (invalid) return usage(invalid.replace(/not .*\.$/, `not "${o.port}".`));
  const settings = defaultSettings().invoke;
  if (o.timeout !== undefined) {
    const t = Number(o.timeout);
    if (!Number.isFinite(t) || t < 1) return usage(`--timeout must be a positive number of milliseconds, not "${o.timeout}".`);
    settings.timeoutMs = t;
  }
  let functions: Map<string, BoundHandler>;
  try {
    functions = await servedFunctions({ folder: cwd, bindingsFile: path.resolve(o.bindings ?? defaultSettings().bindingsFile), overrides: o.trigger.map((f) => parseTriggerFlag(f, cwd)), wiring: o.wiring !== false });
  } catch (e) {
    if (e instanceof PoolConfigError) return usage(e.message);
    throw e;
  }
  if (!functions.size) return usage('no handler to serve: bind them in cognito-triggers.json (with "trigger"), the project’s infrastructure code, or --trigger Name=file[:export].');
  const invoker = new LocalInvoker(path.join(__dirname, 'runner.js'));
  let endpoint;
  try {
    endpoint = await startLambdaEndpoint({
      invoker,
      folder: cwd,
      settings,
      functions,
      port,
      portSource: `--port ${port}`,
      onOutput: (text) => process.stderr.write(text),
      onInvocation: (i) => {
        const r = i.result;
        process.stderr.write(`${i.status} ${i.functionName}${i.handler ? ` → ${path.relative(cwd, i.handler.file)}#${i.handler.handlerName}` : ''}${r ? ` ${r.triggerSource ?? ''} ${r.durationMs} ms: ${r.summary.headline}` : ''}\n`);
      },
    });
  } catch (e) {
    invoker.dispose();
    // A taken or refused port is the user's to change (exit 2, as for other usage errors).
    if (e instanceof EndpointPortError) return usage(e.message);
    throw e;
  }
  process.stdout.write(`Lambda endpoint at ${endpoint.url} (set LambdaClient.endpoint / AWS_ENDPOINT_URL_LAMBDA to it); functions: ${[...functions.keys()].join(', ')}\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await endpoint.stop();
  invoker.dispose();
}

/** Adds `serve-lambda [--port N] [--trigger Name=file[:export]]...`. */
export function addServeLambdaCommand(program: Command): void {
  program
    .command('serve-lambda')
    .description('Serve the Lambda Invoke API on 127.0.0.1, running the project’s trigger handlers (for cognito-local or your integration tests).')
    .option('--port <n>', 'port on 127.0.0.1, 0 to 65535 (default 0: any free port, printed); in VS Code the setting cognitoTriggers.localEndpoint.port')
    .option('--trigger <Name=file[:export]>', 'serve a handler under the trigger name (repeat)', collect, [])
    .option('--bindings <file>', 'bindings file (default cognito-triggers.json): each functionName is served')
    .option('--no-wiring', "don't read the project's infrastructure code")
    .option('--timeout <ms>', 'time limit per invocation in milliseconds (default 5000)')
    .exitOverride((e) => {
      process.exit(e.exitCode === 0 ? 0 : 2);
    })
    .action((o: ServeOptions) => run(o));
}
