// `cognito-triggers flow <name>`: runs a whole Cognito flow through the project's handlers and prints
// each step and how the app sees the end. Exit 0 when the flow succeeds, 1 when Cognito fails it (or it
// stops waiting on the app), 2 on a usage error.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Command } from 'commander';
import { FLOW_NAMES, formatFlowText, parseTriggerFlag, PoolConfigError, runFlow, UserStore, UserStoreError, type FlowName, type FlowRequest } from '../core/flows';
import { poolOfFolder } from '../core/flows/setup';
import { LocalInvoker } from '../core/invoke';
import { defaultSettings } from '../core/settings';

interface FlowOptions {
  username?: string;
  password?: string;
  newPassword?: string;
  attribute: string[];
  clientMetadata: string[];
  validationData: string[];
  answer: string[];
  scope: string[];
  provider?: string;
  dataset?: string;
  pool?: string;
  users?: string;
  trigger: string[];
  bindings?: string;
  wiring?: boolean;
  json?: boolean;
  timeout?: string;
  dotenv?: string;
}

class UsageError extends Error {}

const collect = (v: string, prev: string[]): string[] => [...prev, v];

/** `k=v` pairs into a map; an item without `=` is a usage error naming the flag. */
function pairs(items: readonly string[], flag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of items) {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new UsageError(`${flag} "${item}": expected name=value, e.g. ${flag} email=jane@example.com.`);
    out[item.slice(0, eq)] = item.slice(eq + 1);
  }
  return out;
}

function readJson(file: string, flag: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`${flag} ${file}: ${(e as Error).message}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new UsageError(`${flag} ${file}: not valid JSON (${(e as Error).message}).`);
  }
}

function request(flow: FlowName, o: FlowOptions): FlowRequest {
  const needsUser = flow !== 'client-credentials' && flow !== 'sync' && flow !== 'federated-sign-in';
  if (needsUser && !o.username) throw new UsageError(`${flow} needs --username.`);
  const provider = o.provider ? /^([^:]+)(?::(.+))?$/.exec(o.provider) : null;
  const attributes = pairs(o.attribute, '--attribute');
  return {
    flow,
    username: o.username ?? '',
    ...(o.password !== undefined ? { password: o.password } : {}),
    ...(o.newPassword !== undefined ? { newPassword: o.newPassword } : {}),
    attributes,
    validationData: pairs(o.validationData, '--validation-data'),
    answers: o.answer,
    ...(o.scope.length ? { scopes: o.scope } : {}),
    ...(provider?.[1] ? { provider: { name: provider[1], type: provider[2] ?? 'OIDC' } } : {}),
    ...(flow === 'sync' ? { dataset: { name: o.dataset ?? 'UserPreferences', records: attributes } } : {}),
  };
}

async function run(flowName: string, o: FlowOptions): Promise<void> {
  const cwd = process.cwd();
  let invoker: LocalInvoker | undefined;
  let crypto: import('../core/flows/kms/index.js').SenderCrypto | undefined;
  try {
    if (!(FLOW_NAMES as readonly string[]).includes(flowName)) throw new UsageError(`unknown flow "${flowName}"; one of ${FLOW_NAMES.join(', ')}.`);
    const flow = flowName as FlowName;
    const settings = defaultSettings().invoke;
    if (o.timeout !== undefined) {
      const t = Number(o.timeout);
      if (!Number.isFinite(t) || t < 1) throw new UsageError(`--timeout must be a positive number of milliseconds, not "${o.timeout}".`);
      settings.timeoutMs = t;
    }
    if (o.dotenv !== undefined) settings.envFile = o.dotenv;
    const req = request(flow, o);
    const pool = await poolOfFolder({
      folder: cwd,
      ...(o.pool ? { described: readJson(path.resolve(o.pool), '--pool') } : {}),
      bindingsFile: path.resolve(o.bindings ?? defaultSettings().bindingsFile),
      overrides: o.trigger.map((t) => parseTriggerFlag(t, cwd)),
      // The project's infrastructure code (serverless.yml, SAM, CDK, Terraform, Amplify) says which handler serves which trigger.
      wiring: o.wiring !== false,
    });
    const users = o.users ? UserStore.load(path.resolve(o.users)) : UserStore.inMemory();
    const senders = pool.triggers.CustomEmailSender || pool.triggers.CustomSMSSender;
    // Loaded on use: the Encryption SDK is the costliest module to start, and only sender flows need it.
    if (senders) crypto = await (await import('../core/flows/kms/index.js')).startSenderCrypto(pool.kmsKeyArn);
    // dist/runner.js sits next to dist/cli.js.
    invoker = new LocalInvoker(path.join(__dirname, 'runner.js'));
    const result = await runFlow(req, {
      invoker,
      folder: cwd,
      settings,
      pool,
      users,
      clientMetadata: pairs(o.clientMetadata, '--client-metadata'),
      ...(crypto ? { env: crypto.env, encryptCode: (code: string) => crypto!.encrypt(code) } : {}),
      // Handler output goes to stderr so that stdout carries only the result.
      onOutput: (text) => process.stderr.write(text),
    });
    process.stdout.write(o.json ? `${JSON.stringify(result, null, 2)}\n` : formatFlowText(result));
    process.exitCode = result.outcome === 'succeeded' ? 0 : 1;
  } catch (e) {
    if (e instanceof UsageError || e instanceof PoolConfigError || e instanceof UserStoreError) {
      process.stderr.write(`cognito-triggers flow: ${e.message}\n(run cognito-triggers flow --help for usage)\n`);
      process.exitCode = 2;
      return;
    }
    throw e;
  } finally {
    invoker?.dispose();
    await crypto?.stop();
  }
}

/** Adds `flow <name> [options]`. */
export function addFlowCommand(program: Command): void {
  program
    .command('flow')
    .description(`Run a whole Cognito flow locally through the project's trigger handlers: ${FLOW_NAMES.join(', ')}.`)
    .argument('<flow>', FLOW_NAMES.join(' | '))
    .option('--username <name>', 'the user (sign-up, sign-in, custom-auth, forgot-password, refresh)')
    .option('--password <password>', 'the password (custom-auth: starts with SRP_A, so Define may ask PASSWORD_VERIFIER)')
    .option('--new-password <password>', 'forgot-password: the new password (default --password)')
    .option('--attribute <name=value>', 'a user attribute (repeat); sync: a dataset record (empty value removes it)', collect, [])
    .option('--client-metadata <name=value>', 'ClientMetadata the app sends (repeat)', collect, [])
    .option('--validation-data <name=value>', 'ValidationData of SignUp / AdminCreateUser (repeat)', collect, [])
    .option('--answer <answer>', 'custom-auth: the answer to each challenge, in order (repeat)', collect, [])
    .option('--scope <scope>', 'scopes granted (repeat)', collect, [])
    .option('--provider <name[:type]>', 'federated-sign-in: the identity provider (default CorporateOIDC:OIDC)')
    .option('--dataset <name>', 'sync: the dataset name')
    .option('--pool <file>', 'DescribeUserPool JSON (aws cognito-idp describe-user-pool); may carry a UserPoolClient')
    .option('--users <file>', 'local user store JSON, created and updated by the flows')
    .option('--trigger <Name=file[:export]>', 'bind a handler to a trigger (repeat); overrides the pool and bindings file', collect, [])
    .option('--bindings <file>', 'bindings file (default cognito-triggers.json)')
    .option('--no-wiring', "don't read the project's infrastructure code for the triggers' handlers")
    .option('--json', 'print { outcome, error, steps, tokens, messages } as JSON')
    .option('--timeout <ms>', 'time limit per invocation in milliseconds (Cognito: 5000)')
    // Not --env-file: Node takes that flag even after the script name (see invoke.ts).
    .option('--dotenv <file>', 'dotenv file for the handlers (default .env)')
    .exitOverride((e) => {
      process.exit(e.exitCode === 0 ? 0 : 2);
    })
    .action((flow: string, o: FlowOptions) => run(flow, o));
}
