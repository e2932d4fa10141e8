// `cognito-triggers doctor`: checks a deployed user pool (or identity pool) and prints findings with fixes.
import type { Command } from 'commander';
import { diskFolder } from '../core/aws/doctor/diskFolder';
import type { DoctorReport } from '../core/protocol/aws';
import { clientsFor, EXIT, fail, usage, withConnection, type ConnectionOptions } from './awsCommon';
import { wiringRoot } from './wiring';

interface DoctorOptions extends ConnectionOptions {
  userPool?: string;
  identityPool?: string;
  json?: boolean;
  root?: string;
  workspace?: boolean;
}

/** The report as text: one block per finding, the source and the fix under it. */
function text(r: DoctorReport): string {
  const out = [`${r.pool.kind === 'userPool' ? 'User pool' : 'Identity pool'} ${r.pool.name} (${r.pool.id}): ${r.checked.length} bound slot(s) checked.`];
  for (const c of r.checked) out.push(`  ${c.slot.padEnd(28)} ${c.functionArn}`);
  for (const f of r.findings) {
    out.push('', `${f.severity.padEnd(11)} ${f.rule}`, `  ${f.message}`, `  source: ${f.source.url ?? f.source.title}`);
    if (f.fix) out.push(`  fix (${f.fix.title}): ${f.fix.command}`);
    else if (f.noFix) out.push(`  fix: none, ${f.noFix}`);
  }
  for (const n of r.notes) out.push('', `note: ${n}`);
  const c = r.counts;
  out.push('', r.findings.length ? `${c.error} error(s), ${c.warning} warning(s), ${c.information} information.` : 'No findings: the pool is healthy as far as these checks go.');
  return `${out.join('\n')}\n`;
}

async function run(o: DoctorOptions): Promise<number> {
  if (!!o.userPool === !!o.identityPool) return usage('doctor', 'give one of --user-pool ID or --identity-pool ID.');
  let folders: Awaited<ReturnType<typeof diskFolder>>[] = [];
  if (o.workspace !== false) {
    const root = wiringRoot(o.root, 'doctor');
    if (!root) return EXIT.usage;
    folders = [await diskFolder(root)];
  }
  const clients = await clientsFor(o);
  try {
    const ws = { folders };
    const { doctorIdentityPool, doctorUserPool } = await import('../core/aws/doctor/index.js');
    const report = o.userPool ? await doctorUserPool(clients, o.userPool, ws) : await doctorIdentityPool(clients, o.identityPool as string, ws);
    process.stdout.write(o.json ? `${JSON.stringify(report, null, 2)}\n` : text(report));
    return report.counts.error > 0 ? EXIT.failed : EXIT.ok;
  } catch (e) {
    return fail(e, `Checking ${o.userPool ?? o.identityPool}`);
  } finally {
    clients.destroy();
  }
}

/** Adds `doctor`. */
export function addDoctorCommand(program: Command): void {
  withConnection(
    program
      .command('doctor')
      .description("Check a deployed pool's triggers: functions exist, Cognito may invoke them for this pool, pre token versions, the custom sender KMS key, runtimes, and drift from the repository's IaC. Exit 0 healthy, 1 errors found, 2 usage.")
      .option('--user-pool <id>', 'user pool id')
      .option('--identity-pool <id>', 'identity pool id (the Cognito Sync trigger)')
      .option('--root <dir>', "the project whose bindings file, IaC and handlers are compared with the pool (default: the project root above the current folder)")
      .option('--no-workspace', 'check only the deployed side; read no project files')
      .option('--json', 'print the report as JSON: pool, checked, findings (rule, severity, slot, functionArn, message, source, fix {title, kind bind|aws, bind, ask, command, steps (the AWS calls of an aws fix)} or noFix), counts, notes'),
  ).action(async (o: DoctorOptions) => {
    process.exitCode = await run(o);
  });
}
