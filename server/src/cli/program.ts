// Builds the CLI's command tree with commander; each subcommand lives in its own module.
import { Command, CommanderError } from 'commander';
import { SUBCOMMANDS } from './subcommands';
import { toolVersion } from './version';

/** Exit code of a usage error (unknown option, missing argument, bad value) in every subcommand, as the README says. */
export const USAGE_EXIT = 2;

/**
 * Help and version exit 0; every other commander error (unknown option or command, missing or
 * excess argument, no subcommand at all) is a usage error. Set on the program before
 * the subcommands are added, so commander copies it into each of them (copyInheritedSettings).
 */
function exitOnUsageError(e: CommanderError): never {
  process.exit(e.exitCode === 0 ? 0 : USAGE_EXIT);
}

/** The whole program; tests call it with their own argv and output streams. */
export function buildProgram(): Command {
  const program = new Command('cognito-triggers')
    .description('Check, invoke and bind Amazon Cognito Lambda triggers.')
    .version(toolVersion())
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride(exitOnUsageError)
    // Subcommands take `--version N` (event version); positional options make the program's own
    // `--version` count only before the subcommand name.
    .enablePositionalOptions();
  for (const add of SUBCOMMANDS) add(program);
  return program;
}
