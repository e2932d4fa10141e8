// `cognito-triggers bind` / `unbind` / `bindings`: the safe user pool and identity pool bindings.
import type { Command } from 'commander';
import type { BindRequest } from '../core/aws/bindService';
import { userPoolSlots } from '../core/aws/slots';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { parseBindingsFile } from '../core/bindings/file';
import { readBindingsText } from '../core/bindings/read';
import { getTrigger } from '../core/model';
import { readWiring, type WiringResult } from '../core/wiring';
import { findProjectRoot } from '../core/wiring/nodeFs';
import { clientsFor, confirm, EXIT, fail, usage, withConnection, type ConnectionOptions } from './awsCommon';

interface BindOptions extends ConnectionOptions {
  userPool?: string;
  identityPool?: string;
  trigger?: string;
  function?: string;
  lambdaVersion?: string;
  kmsKey?: string;
  dryRun?: boolean;
  yes?: boolean;
  removePermission?: boolean;
  expectCurrent?: string;
  /** The project whose IaC may wire the slot (default: the project root above the working directory). */
  root?: string;
}

/** The wiring of --root (or the project root above the working directory); none when it cannot be read. */
async function projectWiring(o: BindOptions): Promise<WiringResult | undefined> {
  try {
    return await readWiring(o.root ? path.resolve(o.root) : findProjectRoot(process.cwd()));
  } catch {
    return undefined; // the warning is a help; an unreadable project must not stop a bind
  }
}

const slotList = () => userPoolSlots().map((s) => s.key).join(', ');

/** The request the options describe, or a usage message. */
function requestOf(o: BindOptions, bind: boolean): BindRequest | string {
  const r = requestFor(o, bind);
  return typeof r === 'string' || o.expectCurrent === undefined ? r : { ...r, expectCurrent: o.expectCurrent };
}

function requestFor(o: BindOptions, bind: boolean): BindRequest | string {
  if (!!o.userPool === !!o.identityPool) return 'give one of --user-pool ID or --identity-pool ID.';
  if (bind && !o.function) return 'give the function: --function NAME_OR_ARN.';
  if (o.identityPool) {
    if (o.trigger && o.trigger !== 'SyncTrigger') return 'an identity pool has only the SyncTrigger event; leave out --trigger.';
    return { kind: 'identityPool', poolId: o.identityPool, ...(bind ? { functionName: o.function as string } : {}) };
  }
  if (!o.trigger) return `give the slot: --trigger SLOT (${slotList()}).`;
  return { kind: 'userPool', poolId: o.userPool as string, slot: o.trigger, ...(bind ? { functionName: o.function as string } : {}), ...(o.lambdaVersion ? { lambdaVersion: o.lambdaVersion } : {}), ...(o.kmsKey ? { kmsKeyId: o.kmsKey } : {}) };
}

async function run(command: 'bind' | 'unbind', o: BindOptions): Promise<number> {
  const request = requestOf(o, command === 'bind');
  if (typeof request === 'string') return usage(command, request);
  const clients = await clientsFor(o);
  const what = `${command === 'bind' ? 'Binding' : 'Unbinding'} ${request.kind === 'userPool' ? request.slot : 'SyncTrigger'} on ${request.poolId}`;
  try {
    const wiring = request.kind === 'userPool' ? await projectWiring(o) : undefined;
    const { planBind, applyBind } = await import('../core/aws/bindService.js');
    const planned = await planBind(clients, request, undefined, wiring ? { wiring } : {});
    for (const l of planned.lines) process.stdout.write(`${l}\n`);
    for (const m of planned.managed ?? []) process.stdout.write(`Warning: ${m}\n`);
    if (planned.notice) process.stdout.write(`Note: ${planned.notice}\n`);
    if (o.dryRun) {
      process.stdout.write('Dry run: nothing was changed.\n');
      return EXIT.ok;
    }
    const ok = await confirm(planned.changes ? 'Apply this change?' : 'Nothing to change in the pool; check the Lambda permission?', o.yes);
    if (ok === 'no-terminal') return usage(command, 'refusing to change the pool without confirmation: no terminal to ask on. Review with --dry-run, then pass --yes.');
    if (!ok) {
      process.stdout.write('Not applied.\n');
      return EXIT.ok;
    }
    const applied = await applyBind(clients, planned, { removePermission: o.removePermission ?? false });
    for (const l of applied.lines) process.stdout.write(`${l}\n`);
    if (applied.partial) {
      process.stderr.write(`cognito-triggers: partial change: ${applied.partial.error.message}\n  ${applied.partial.impact}\n  To finish: ${applied.partial.finishCommand}\n  To roll back: ${applied.partial.rollbackCommand}\n`);
      return EXIT.partial;
    }
    return applied.unexpected.length ? EXIT.failed : EXIT.ok;
  } catch (e) {
    return fail(e, what);
  } finally {
    clients.destroy();
  }
}

interface ListOptions {
  json?: boolean;
  limit?: string;
  page?: string;
}

/**
 * `bindings` without a pool: every user pool listed (ListUserPools pages), then only the pools of the
 * page printed are described, so an account with hundreds of pools costs a few list calls and `limit`
 * describes, not one describe per pool.
 */
async function showPage(o: BindOptions & ListOptions): Promise<number> {
  const limit = Number(o.limit ?? 20);
  const page = Number(o.page ?? 1);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) return usage('bindings', `--limit must be a whole number from 1 to 1000 (got ${o.limit}).`);
  if (!Number.isInteger(page) || page < 1) return usage('bindings', `--page must be a whole number from 1 (got ${o.page}).`);
  const clients = await clientsFor(o);
  try {
    const { collectBindings } = await import('../core/aws/bindingsView.js');
    const listed = await collectBindings(clients, [], { identityPoolIds: [] }, undefined, [], { listOnly: true });
    const all = listed.userPools;
    const pages = Math.max(1, Math.ceil(all.length / limit));
    const shown = all.slice((page - 1) * limit, page * limit).map((p) => p.id);
    const snap = shown.length ? await collectBindings(clients, [], { userPoolIds: shown, identityPoolIds: [] }) : { userPools: [] };
    // DescribeUserPool gives the name too; the listing's name is kept for a pool that could not be read.
    const pools = snap.userPools.map((p, i) => ({ ...p, name: p.error ? (all.find((x) => x.id === shown[i])?.name ?? p.name) : p.name }));
    if (o.json) {
      process.stdout.write(`${JSON.stringify({ total: all.length, page, pages, limit, userPools: pools }, null, 2)}\n`);
    } else {
      process.stdout.write(`User pools ${all.length ? `${(page - 1) * limit + 1}–${(page - 1) * limit + pools.length}` : '0'} of ${all.length} (page ${page} of ${pages}):\n`);
      for (const p of pools) {
        const bound = p.slots.filter((s) => s.functionArn);
        process.stdout.write(`\n${p.name} (${p.id})${p.error ? `: ${p.error.message}` : bound.length ? '' : ': no trigger bound'}\n`);
        for (const s of bound) process.stdout.write(`  ${s.slot.padEnd(28)} ${s.functionArn}${s.lambdaVersion ? ` (${s.lambdaVersion})` : ''}\n`);
      }
      if (page < pages) process.stdout.write(`\nNext page: cognito-triggers bindings --page ${page + 1}${o.limit ? ` --limit ${limit}` : ''}\n`);
    }
    return pools.some((p) => p.error) ? EXIT.failed : EXIT.ok;
  } catch (e) {
    return fail(e, 'Listing the user pools');
  } finally {
    clients.destroy();
  }
}

async function show(o: BindOptions & ListOptions): Promise<number> {
  if (o.userPool && o.identityPool) return usage('bindings', 'give one of --user-pool ID or --identity-pool ID, or neither to list the user pools.');
  if (!o.userPool && !o.identityPool) return showPage(o);
  if (o.limit !== undefined || o.page !== undefined) return usage('bindings', '--limit and --page list the user pools: leave out --user-pool/--identity-pool.');
  const clients = await clientsFor(o);
  try {
    const { collectBindings } = await import('../core/aws/bindingsView.js');
    const { SYNC_CLOSED_NOTICE } = await import('../core/aws/identityPoolBinding.js');
    // The project's bindings file (an explicit override) and its IaC name the local handler of each bound function.
    const root = o.root ? path.resolve(o.root) : findProjectRoot(process.cwd());
    const folder = URI.file(root).toString();
    const read = readBindingsText(root, 'cognito-triggers.json');
    const entries = read.ok ? parseBindingsFile(read.text, (id) => getTrigger(id) !== undefined).entries.map((e) => ({ ...e, folder })) : [];
    const wiring = await projectWiring(o);
    const snap = await collectBindings(clients, entries, o.userPool ? { userPoolIds: [o.userPool], identityPoolIds: [] } : { userPoolIds: [], identityPoolIds: [o.identityPool as string] }, undefined, wiring ? [{ folder, wiring }] : []);
    const pool = snap.userPools[0] ?? snap.identityPools[0];
    if (o.json) process.stdout.write(`${JSON.stringify(pool, null, 2)}\n`);
    else if (pool && !pool.error) {
      process.stdout.write(`${pool.name} (${pool.id})\n`);
      for (const s of pool.slots) {
        const local = s.handler ? `  ← ${s.handler.file}#${s.handler.handlerName} (${s.handler.why ?? s.handler.from})` : '';
        process.stdout.write(`  ${s.slot.padEnd(28)} ${s.functionArn ?? '—'}${s.lambdaVersion ? ` (${s.lambdaVersion})` : ''}${local}\n`);
      }
      if (o.identityPool) process.stdout.write(`Note: ${SYNC_CLOSED_NOTICE}\n`);
    }
    if (pool?.error) {
      process.stderr.write(`cognito-triggers: ${pool.error.message}\n  ${pool.error.hint}\n`);
      return EXIT.failed;
    }
    return EXIT.ok;
  } catch (e) {
    return fail(e, 'Reading the bindings');
  } finally {
    clients.destroy();
  }
}

/** Adds `bind`, `unbind` and `bindings`. */
export function addAwsBindCommands(program: Command): void {
  withConnection(
    program
      .command('bind')
      .description('Bind a function to a user pool trigger slot (or the Sync trigger of an identity pool), keeping every other pool setting.')
      .option('--user-pool <id>', 'user pool id')
      .option('--identity-pool <id>', 'identity pool id (Cognito Sync trigger; Cognito Sync is closed to new customers)')
      .option('--trigger <slot>', `LambdaConfig key: ${slotList()}`)
      .option('--function <nameOrArn>', 'Lambda function name or ARN')
      .option('--lambda-version <version>', 'LambdaVersion for PreTokenGenerationConfig (V1_0, V2_0, V3_0)')
      .option('--kms-key <arn>', 'KMS key ARN for CustomEmailSender/CustomSMSSender (LambdaConfig.KMSKeyID)')
      .option('--expect-current <arnOrNone>', 'refuse unless the slot now calls this function ARN (none = unbound); the guard of a printed roll-back command')
      .option('--dry-run', 'show the change without applying it')
      .option('--yes', 'apply without asking')
      .option('--root <dir>', 'the project whose infrastructure code may wire this slot: a warning says the next deploy undoes the change (default: the project root above the current folder)'),
  ).action(async (o: BindOptions) => {
    process.exitCode = await run('bind', o);
  });
  withConnection(
    program
      .command('unbind')
      .description('Clear a user pool trigger slot (or the Sync trigger), keeping every other pool setting.')
      .option('--user-pool <id>', 'user pool id')
      .option('--identity-pool <id>', 'identity pool id')
      .option('--trigger <slot>', 'LambdaConfig key')
      .option('--remove-permission', 'also remove the Lambda permission statement this tool added')
      .option('--expect-current <arnOrNone>', 'refuse unless the slot now calls this function ARN; the guard of a printed roll-back command')
      .option('--dry-run', 'show the change without applying it')
      .option('--yes', 'apply without asking')
      .option('--root <dir>', 'the project whose infrastructure code may wire this slot (default: the project root above the current folder)'),
  ).action(async (o: BindOptions) => {
    process.exitCode = await run('unbind', o);
  });
  withConnection(
    program
      .command('bindings')
      .description("Show a pool's trigger slots and the functions bound to them; without a pool, a page of the user pools with their bound triggers (only the pools printed are described).")
      .option('--user-pool <id>', 'user pool id')
      .option('--identity-pool <id>', 'identity pool id')
      .option('--limit <n>', 'without a pool: user pools per page (default 20)')
      .option('--page <k>', 'without a pool: which page (default 1)')
      .option('--json', 'print JSON')
      .option('--root <dir>', "the project whose cognito-triggers.json and infrastructure code name each bound function's local handler (default: the project root above the current folder)"),
  ).action(async (o: BindOptions & ListOptions) => {
    process.exitCode = await show(o);
  });
}
