// Test helper: starts a real cognito-local on 127.0.0.1 (random port, own temp dir) and stops it.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** A running cognito-local. */
export interface CognitoLocal {
  endpoint: string;
  dir: string;
  stop(): Promise<void>;
}

/** Dummy credentials and guards so no test can reach real AWS or instance metadata. */
export function isolateAwsEnv(): void {
  process.env.AWS_ACCESS_KEY_ID = 'AKIDTESTTESTTEST';
  process.env.AWS_SECRET_ACCESS_KEY = 'test-secret-not-real';
  process.env.AWS_REGION = 'us-east-1';
  process.env.AWS_EC2_METADATA_DISABLED = 'true';
  delete process.env.AWS_PROFILE;
  delete process.env.AWS_SESSION_TOKEN;
  for (const k of Object.keys(process.env)) if (k.startsWith('AWS_ENDPOINT_URL')) delete process.env[k];
  // Catch-all: a client a test forgot to point somewhere goes to a closed loopback port, never to AWS.
  process.env.AWS_ENDPOINT_URL = 'http://127.0.0.1:9';
  process.env.AWS_CONFIG_FILE = path.join(os.tmpdir(), 'cognito-triggers-no-config');
  process.env.AWS_SHARED_CREDENTIALS_FILE = path.join(os.tmpdir(), 'cognito-triggers-no-credentials');
}

/**
 * Starts cognito-local (with `config` as its .cognito/config.json) with PORT=0 (the OS picks a free port) in a fresh temp dir (it keeps its
 * database in `.cognito/` of its cwd) and resolves when it prints the address it listens on.
 */
export async function startCognitoLocal(config?: Record<string, unknown>): Promise<CognitoLocal> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cognito-local-'));
  // Its configuration file (LambdaClient, TriggerFunctions ...), read at start.
  if (config) {
    fs.mkdirSync(path.join(dir, '.cognito'));
    fs.writeFileSync(path.join(dir, '.cognito', 'config.json'), JSON.stringify(config));
  }
  // Resolved at run time from the repo's node_modules (a variable, so bundlers leave it alone).
  const entry = 'cognito-local/lib/bin/start.js';
  const bin = require.resolve(entry);
  const child: ChildProcess = spawn(process.execPath, [bin], {
    cwd: dir,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', NO_COLOR: '1', FORCE_COLOR: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const endpoint = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      // eslint-disable-next-line no-control-regex -- pino-pretty may colour the line
      const m = /running on (http:\/\/127\.0\.0\.1:\d+)/.exec(output.replace(/\u001b\[[0-9;]*m/g, ''));
      if (m) resolve(m[1]!);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`cognito-local exited (${code}) before listening:\n${output}`)));
    child.once('error', reject);
  });
  return {
    endpoint,
    dir,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => {
          fs.rmSync(dir, { recursive: true, force: true });
          resolve();
        });
        child.kill();
      }),
  };
}
