// `cognito-triggers wiring`: every handler the project's IaC wires to a Cognito trigger, with evidence.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Command } from 'commander';
import { readWiring, type WiredHandler } from '../core/wiring';
import { findProjectRoot } from '../core/wiring/nodeFs';

interface WiringOptions {
  json?: boolean;
  root?: string;
}

/** The folder to read: `--root`, else the project root above the current directory. Undefined (and a message) when it does not exist. */
export function wiringRoot(given: string | undefined, command: string): string | undefined {
  const root = given ? path.resolve(given) : findProjectRoot(process.cwd());
  if (!fs.existsSync(root) || !fs.statSync(root).isDirectory()) {
    process.stderr.write(`cognito-triggers ${command}: --root ${given}: no such folder.\n`);
    process.exitCode = 2;
    return undefined;
  }
  return root;
}

/** One handler as a line: `src/pre.ts#handler  PreSignUp  nodejs20.x  (serverless.yml:12 binds ...)`. */
function line(h: WiredHandler): string {
  const trigger = h.evidence.find((e) => e.fact === 'trigger');
  const extra = [h.lambdaVersion, h.runtime, h.pool ? `pool ${h.pool.name ?? h.pool.ref}` : undefined, h.kmsKey ? `KMS ${h.kmsKey}` : undefined].filter(Boolean).join(', ');
  return `${h.file ?? `(not found: ${h.handlerSpec})`}#${h.export}  ${h.trigger}${extra ? ` (${extra})` : ''}\n    ${trigger ? `${trigger.file}:${trigger.line} ${trigger.text}` : ''}\n`;
}

async function run(o: WiringOptions): Promise<void> {
  const root = wiringRoot(o.root, 'wiring');
  if (!root) return;
  const w = await readWiring(root);
  if (o.json) {
    process.stdout.write(`${JSON.stringify({ root, ...w }, null, 2)}\n`);
    return;
  }
  for (const h of w.handlers) process.stdout.write(line(h));
  if (w.unresolved.length) {
    process.stdout.write(`\nNot resolved:\n`);
    for (const u of w.unresolved) process.stdout.write(`  ${u.file}:${u.line} ${u.what}: ${u.reason}\n`);
  }
  process.stderr.write(`${w.handlers.length} wired handler(s), ${w.unresolved.length} not resolved, from ${w.files.length} IaC file(s) under ${root}.\n`);
}

/** Adds `wiring [--json] [--root DIR]`. */
export function addWiringCommand(program: Command): void {
  program
    .command('wiring')
    .description('List the handlers the project\'s infrastructure code (Serverless, SAM/CloudFormation, CDK, Amplify, Terraform) wires to Cognito triggers, and what could not be resolved.')
    .option('--json', 'print JSON: handlers (file, export, trigger, runtime, pool, evidence), unresolved, files')
    .option('--root <dir>', 'the project folder to read (default: the project root above the current folder)')
    .exitOverride((e) => {
      process.exit(e.exitCode === 0 ? 0 : 2);
    })
    .action((o: WiringOptions) => run(o));
}
