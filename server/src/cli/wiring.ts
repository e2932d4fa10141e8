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

/**
 * One handler and trigger as a heading, then each binding's IaC line. A handler wired to the same
 * trigger of several pools (a construct that creates its pool or takes one) is one heading naming them all.
 */
function block(group: WiredHandler[]): string {
  const h = group[0] as WiredHandler;
  const pools = [...new Set(group.map((g) => (g.pool ? g.pool.name ?? g.pool.ref : undefined)).filter(Boolean))];
  const extra = [h.lambdaVersion, h.runtime, pools.length ? `${pools.length > 1 ? 'pools' : 'pool'} ${pools.join(', ')}` : undefined, h.kmsKey ? `KMS ${h.kmsKey}` : undefined].filter(Boolean).join(', ');
  const lines = group.flatMap((g) => g.evidence.filter((e) => e.fact === 'trigger').map((e) => `    ${e.file}:${e.line} ${e.text}\n`));
  return `${h.file ?? `(not found: ${h.handlerSpec})`}#${h.export}  ${h.trigger}${extra ? ` (${extra})` : ''}\n${lines.join('')}`;
}

/** Handlers grouped by file, export and trigger, in first-seen order. */
function groups(handlers: readonly WiredHandler[]): WiredHandler[][] {
  const by = new Map<string, WiredHandler[]>();
  for (const h of handlers) {
    const key = `${h.file ?? h.handlerSpec}#${h.export}|${h.trigger}|${h.lambdaVersion ?? ''}|${h.runtime ?? ''}`;
    by.set(key, [...(by.get(key) ?? []), h]);
  }
  return [...by.values()];
}

async function run(o: WiringOptions): Promise<void> {
  const root = wiringRoot(o.root, 'wiring');
  if (!root) return;
  const w = await readWiring(root);
  if (o.json) {
    process.stdout.write(`${JSON.stringify({ root, ...w }, null, 2)}\n`);
    return;
  }
  const grouped = groups(w.handlers);
  for (const g of grouped) process.stdout.write(block(g));
  if (w.unresolved.length) {
    process.stdout.write(`\nNot resolved:\n`);
    for (const u of w.unresolved) process.stdout.write(`  ${u.file}:${u.line} ${u.what}: ${u.reason}\n`);
  }
  const slots = w.handlers.length === grouped.length ? '' : ` in ${w.handlers.length} (pool, trigger) slot(s)`;
  process.stderr.write(`${grouped.length} wired handler(s)${slots}, ${w.unresolved.length} not resolved, from ${w.files.length} IaC file(s) under ${root}.\n`);
}

/** Adds `wiring [--json] [--root DIR]`. */
export function addWiringCommand(program: Command): void {
  program
    .command('wiring')
    .description('List the handlers the project\'s infrastructure code (Serverless, SAM/CloudFormation, CDK, Amplify, Terraform) wires to Cognito triggers, and what could not be resolved.')
    .option('--json', 'print JSON: handlers (file, export, trigger, runtime, pool, evidence), unresolved, files')
    .option('--root <dir>', 'the project folder to read (default: the nearest folder up with .git or cognito-triggers.json, else with an IaC file such as serverless.yml, template.yaml, cdk.json, *.tf or amplify/, else with package.json, else the current folder)')
    .exitOverride((e) => {
      process.exit(e.exitCode === 0 ? 0 : 2);
    })
    .action((o: WiringOptions) => run(o));
}
