// `cognito-triggers triggers`: lists the modelled triggers and their sources.
import type { Command } from 'commander';
import { TRIGGERS } from '../core/model';

/** Adds `triggers [--json]`. */
export function addTriggersCommand(program: Command): void {
  program
    .command('triggers')
    .description('List every Cognito trigger and its triggerSource values.')
    .option('--json', 'print JSON')
    .action((opts: { json?: boolean }) => {
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(TRIGGERS.map((t) => ({ id: t.id, sources: t.sources.map((s) => s.value) })), null, 2)}\n`);
        return;
      }
      for (const t of TRIGGERS) {
        process.stdout.write(`${t.id} — ${t.displayName}\n`);
        for (const s of t.sources) process.stdout.write(`  ${s.value}: ${s.description}\n`);
      }
    });
}
