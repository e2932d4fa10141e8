// Shared pieces of the AWS subcommands: connection options, clients, confirmation, error output.
// The AWS SDK loads on use (clientsFor): `check`, `invoke` and the other local subcommands never pay for it.
import * as readline from 'node:readline/promises';
import { InvalidArgumentError, type Command } from 'commander';
import type { AwsClients } from '../core/aws/clients';
import { DEFAULT_AWS_TIMEOUT_MS } from '../core/aws/defaults';
import { clampSetting } from '../core/settings';
import { explainAwsError } from '../core/aws/errors';

/** `--profile`, `--region`, `--endpoint-url`. */
export interface ConnectionOptions {
  profile?: string;
  region?: string;
  endpointUrl?: string;
  awsTimeout?: string;
}

/**
 * Exit codes: 0 done, 1 AWS failure or unexpected change, 2 usage error or refused to guess, 3 a
 * partial change (the pool was changed, a later step failed; the output names the commands that
 * finish or roll it back).
 */
export const EXIT = { ok: 0, failed: 1, usage: 2, partial: 3 } as const;

/** Adds the connection options to a subcommand. */
export function withConnection(cmd: Command): Command {
  return cmd
    .option('--profile <name>', 'profile from the shared AWS config/credentials files (default: the provider chain)')
    .option('--region <region>', 'AWS Region (default: AWS_REGION or the profile)')
    .option('--endpoint-url <url>', 'endpoint for every service, e.g. a local emulator (AWS_ENDPOINT_URL_<SERVICE> also work)')
    .option('--aws-timeout <ms>', `time limit of one AWS call in milliseconds (default ${DEFAULT_AWS_TIMEOUT_MS})`, parseAwsTimeout);
}

/**
 * `--aws-timeout`'s value: a positive number of milliseconds, else a usage error (exit 2). A value
 * taken silently as the default would let a silent endpoint hold the command for minutes.
 */
export function parseAwsTimeout(value: string): string {
  const t = Number(value);
  if (!Number.isFinite(t) || t <= 0) throw new InvalidArgumentError('It must be a positive number of milliseconds.');
  return value;
}

/** Clients for the options. */
export async function clientsFor(o: ConnectionOptions): Promise<AwsClients> {
  const { createAwsClients } = await import('../core/aws/clients.js');
  const t = o.awsTimeout !== undefined ? Number(o.awsTimeout) : undefined;
  const timeoutMs = t !== undefined && Number.isFinite(t) && t > 0 ? clampSetting('aws.timeoutMs', t) : undefined;
  return createAwsClients({ ...(o.profile ? { profile: o.profile } : {}), ...(o.region ? { region: o.region } : {}), ...(o.endpointUrl ? { endpointUrl: o.endpointUrl } : {}), ...(timeoutMs ? { timeoutMs } : {}) });
}

/** Prints an explained error to stderr and returns the exit code. */
export function fail(error: unknown, operation: string): number {
  const x = explainAwsError(error, operation);
  process.stderr.write(`cognito-triggers: ${x.message}\n  ${x.hint}\n`);
  return x.code === 'InvalidInput' ? EXIT.usage : EXIT.failed;
}

/** Prints a usage error and returns exit 2. */
export function usage(command: string, message: string): number {
  process.stderr.write(`cognito-triggers ${command}: ${message}\n(run cognito-triggers ${command} --help for usage)\n`);
  return EXIT.usage;
}

/**
 * Asks "question [y/N]" on a terminal. With --yes: true. Without a terminal it refuses rather than
 * guess: returns 'no-terminal' so the caller exits 2 with the reason.
 */
export async function confirm(question: string, yes: boolean | undefined): Promise<boolean | 'no-terminal'> {
  if (yes) return true;
  if (!process.stdin.isTTY || !process.stderr.isTTY) return 'no-terminal';
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(`${question} [y/N] `)).trim());
  } finally {
    rl.close();
  }
}
