// `cognito-triggers serve-lambda [--port N]`: a Lambda Invoke API endpoint on 127.0.0.1 that runs the
// project's handlers, for cognito-local (LambdaClient.endpoint) or the app's own integration tests.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Command } from 'commander';
import { parseBindingsFile } from '../core/bindings/file';
import { parseTriggerFlag, PoolConfigError, slotOf, type BoundHandler } from '../core/flows';
import { functionMap, startLambdaEndpoint } from '../core/flows/lambdaEndpoint';
import { LocalInvoker } from '../core/invoke';
import { getTrigger } from '../core/model';
import { defaultSettings } from '../core/settings';
import { readWiring } from '../core/wiring';

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

/** Every name a handler answers to: the deployed function name, the trigger id and its LambdaConfig key. */
async function entries(cwd: string, o: ServeOptions): Promise<{ name: string; handler: BoundHandler }[]> {
  const out: { name: string; handler: BoundHandler }[] = [];
  const byTrigger = (h: BoundHandler): void => {
    out.push({ name: h.trigger.id, handler: h }, { name: slotOf(h.trigger), handler: h });
  };
  for (const flag of o.trigger) byTrigger(parseTriggerFlag(flag, cwd));
  const bindingsFile = path.resolve(o.bindings ?? defaultSettings().bindingsFile);
  if (fs.existsSync(bindingsFile)) {
    const parsed = parseBindingsFile(fs.readFileSync(bindingsFile, 'utf8'), (id) => !!getTrigger(id));
    for (const e of parsed.entries) {
      const t = e.trigger ? getTrigger(e.trigger) : undefined;
      if (!t) continue;
      const h: BoundHandler = { file: path.resolve(cwd, e.file), handlerName: e.handler, trigger: t, from: 'cognito-triggers.json' };
      out.push({ name: e.functionName, handler: h });
      byTrigger(h);
    }
  }
  if (o.wiring !== false) {
    for (const w of (await readWiring(cwd)).handlers) {
      const t = getTrigger(w.trigger);
      if (!w.file || !t) continue;
      const h: BoundHandler = { file: path.resolve(cwd, w.file), handlerName: w.export, trigger: t, from: w.kind };
      if (w.function.name && !w.function.name.includes('*')) out.push({ name: w.function.name, handler: h });
      out.push({ name: w.function.ref, handler: h });
      byTrigger(h);
    }
  }
  return out;
}

async function run(o: ServeOptions): Promise<void> {
  const cwd = process.cwd();
  const port = o.port === undefined ? 0 : Number(o.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) return usage(`--port must be a port number (0 = any free port), not "${o.port}".`);
  const settings = defaultSettings().invoke;
  if (o.timeout !== undefined) {
    const t = Number(o.timeout);
    if (!Number.isFinite(t) || t < 1) return usage(`--timeout must be a positive number of milliseconds, not "${o.timeout}".`);
    settings.timeoutMs = t;
  }
  let functions: Map<string, BoundHandler>;
  try {
    functions = functionMap(await entries(cwd, o));
  } catch (e) {
    if (e instanceof PoolConfigError) return usage(e.message);
    throw e;
  }
  if (!functions.size) return usage('no handler to serve: bind them in cognito-triggers.json (with "trigger"), the project’s infrastructure code, or --trigger Name=file[:export].');
  const invoker = new LocalInvoker(path.join(__dirname, 'runner.js'));
  const endpoint = await startLambdaEndpoint({
    invoker,
    folder: cwd,
    settings,
    functions,
    ...(port ? { port } : {}),
    onOutput: (text) => process.stderr.write(text),
    onInvocation: (i) => {
      const r = i.result;
      process.stderr.write(`${i.status} ${i.functionName}${i.handler ? ` → ${path.relative(cwd, i.handler.file)}#${i.handler.handlerName}` : ''}${r ? ` ${r.triggerSource ?? ''} ${r.durationMs} ms: ${r.summary.headline}` : ''}\n`);
    },
  });
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
    .option('--port <n>', 'port to listen on (default: any free port, printed)')
    .option('--trigger <Name=file[:export]>', 'serve a handler under the trigger name (repeat)', collect, [])
    .option('--bindings <file>', 'bindings file (default cognito-triggers.json): each functionName is served')
    .option('--no-wiring', "don't read the project's infrastructure code")
    .option('--timeout <ms>', 'time limit per invocation in milliseconds (default 5000)')
    .exitOverride((e) => {
      process.exit(e.exitCode === 0 ? 0 : 2);
    })
    .action((o: ServeOptions) => run(o));
}
