// The environment and context a local invoke gets: Lambda's variables, the .env file, the setting.
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import type { ContextFields } from './wire';

/** Inputs to build the environment of one handler. */
export interface EnvOptions {
  /** Workspace folder (or project directory) that relative `envFile` paths start from. */
  folder: string;
  /** Dotenv file relative to `folder` (or absolute); missing = no variables. */
  envFile: string;
  /** Variables from the setting; they win over the file. */
  env: Record<string, string>;
  functionName: string;
  region: string;
  memoryLimitMb: number;
  /** `file.export` as Lambda's `_HANDLER` shows it. */
  handler: string;
  /** The Lambda runtime identifier when known (`python3.12`, `nodejs22.x`). */
  runtime?: string;
}

/** The process environment for the runner and a note about the .env file read. */
export function invokeEnvironment(o: EnvOptions): { env: NodeJS.ProcessEnv; envFileUsed?: string; warning?: string } {
  const lambda: Record<string, string> = {
    AWS_LAMBDA_FUNCTION_NAME: o.functionName,
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(o.memoryLimitMb),
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${o.functionName}`,
    AWS_EXECUTION_ENV: `AWS_Lambda_${o.runtime ?? 'nodejs20.x'}`,
    LAMBDA_TASK_ROOT: o.folder,
    _HANDLER: o.handler,
    AWS_REGION: process.env.AWS_REGION ?? o.region,
    AWS_DEFAULT_REGION: process.env.AWS_DEFAULT_REGION ?? process.env.AWS_REGION ?? o.region,
  };
  let fromFile: Record<string, string> = {};
  let envFileUsed: string | undefined;
  let warning: string | undefined;
  if (o.envFile) {
    const file = path.resolve(o.folder, o.envFile);
    try {
      fromFile = parseDotenv(fs.readFileSync(file));
      envFileUsed = file;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') warning = `Could not read ${file}: ${(e as Error).message}`;
    }
  }
  // The host's environment stays (AWS credentials, and ELECTRON_RUN_AS_NODE when the host is VS Code's Electron).
  return { env: { ...process.env, ...lambda, ...fromFile, ...o.env }, ...(envFileUsed ? { envFileUsed } : {}), ...(warning ? { warning } : {}) };
}

/** The context fields for one invocation, shaped like Lambda's. */
export function contextFields(functionName: string, region: string, memoryLimitMb: number): ContextFields {
  const requestId = randomUUID();
  const d = new Date();
  const day = `${d.getUTCFullYear()}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${String(d.getUTCDate()).padStart(2, '0')}`;
  return {
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${region}:123456789012:function:${functionName}`,
    memoryLimitInMB: String(memoryLimitMb),
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: `${day}/[$LATEST]${requestId.replace(/-/g, '')}`,
  };
}

/** A Lambda-style function name for a local handler file: `local-preSignUp`. */
export function localFunctionName(file: string): string {
  return `local-${path.basename(file).replace(/\.[^.]+$/, '').replace(/[^A-Za-z0-9_-]/g, '-')}`.slice(0, 64);
}
