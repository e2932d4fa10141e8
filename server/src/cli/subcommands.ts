// The CLI's subcommands: each module adds one (or a group) to the program.
import type { Command } from 'commander';
import { addAwsBindCommands } from './awsBind';
import { addCheckCommand } from './check';
import { addDoctorCommand } from './doctor';
import { addEventCommand } from './event';
import { addFlowCommand } from './flow';
import { addServeLambdaCommand } from './serveLambda';
import { addInvokeCommand } from './invoke';
import { addLspCommand } from './lsp';
import { addScaffoldCommand } from './scaffold';
import { addTriggersCommand } from './triggers';
import { addWiringCommand } from './wiring';

/** Adds one subcommand to the program. */
export type AddSubcommand = (program: Command) => void;

/** Every subcommand, in the order `--help` lists them. */
export const SUBCOMMANDS: AddSubcommand[] = [addTriggersCommand, addEventCommand, addInvokeCommand, addScaffoldCommand, addFlowCommand, addServeLambdaCommand, addCheckCommand, addWiringCommand, addAwsBindCommands, addDoctorCommand, addLspCommand];
