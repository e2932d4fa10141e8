// Builds the CLI's command tree with commander; each subcommand lives in its own module.
import { Command } from 'commander';
import { SUBCOMMANDS } from './subcommands';

declare const CLI_VERSION: string | undefined;

/** The whole program; tests call it with their own argv and output streams. */
export function buildProgram(): Command {
  const program = new Command('cognito-triggers')
    .description('Check, invoke and bind Amazon Cognito Lambda triggers.')
    .version(typeof CLI_VERSION === 'string' ? CLI_VERSION : 'dev')
    .showHelpAfterError('(run with --help for usage)')
    // Subcommands take `--version N` (event version); positional options make the program's own
    // `--version` count only before the subcommand name.
    .enablePositionalOptions();
  for (const add of SUBCOMMANDS) add(program);
  return program;
}
