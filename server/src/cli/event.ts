// `cognito-triggers event <triggerSource>`: prints a realistic sample event (same core as New Sample Event).
import type { Command } from 'commander';
import { buildSample } from '../core/payload/samples';

/** Adds `event <triggerSource> [--version N] [--trigger ID]`. Unknown source or mismatch: message on stderr, exit 2. */
export function addEventCommand(program: Command): void {
  program
    .command('event')
    .description('Print a realistic sample event for a triggerSource (e.g. PreSignUp_SignUp, TokenGeneration_HostedAuth, SyncTrigger).')
    .argument('<triggerSource>', 'the event\'s triggerSource ("SyncTrigger" for the Cognito Sync trigger)')
    .option('--version <n>', 'event version, to pick pre token generation V1, V2 or V3 (1, 2, 3)')
    .option('--trigger <id>', 'trigger id when the source belongs to several (e.g. PreTokenGenerationV2)')
    .action((source: string, opts: { version?: string; trigger?: string }) => {
      const r = buildSample({ source, ...(opts.version !== undefined ? { version: opts.version } : {}), ...(opts.trigger !== undefined ? { triggerId: opts.trigger } : {}) });
      if (!r.ok) {
        process.stderr.write(`cognito-triggers event: ${r.message}\n`);
        process.exitCode = 2;
        return;
      }
      process.stdout.write(r.json);
    });
}
