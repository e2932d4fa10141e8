// `cognito-triggers new <trigger>`: writes a handler, a sample event per triggerSource and a test (the same
// scaffold as New Trigger Handler…); existing files are kept unless --force.
import * as path from 'node:path';
import type { Command } from 'commander';
import { didYouMean } from '../core/events/json';
import { TRIGGERS } from '../core/model';
import type { ScaffoldLanguage } from '../core/protocol';
import { planScaffold, writeScaffold } from '../core/scaffold';

const LANGUAGES: readonly ScaffoldLanguage[] = ['ts', 'cjs', 'esm', 'py', 'py-powertools'];

interface NewOptions {
  language: string;
  source?: string[];
  name?: string;
  dir?: string;
  force?: boolean;
}

function usage(message: string): void {
  process.stderr.write(`cognito-triggers new: ${message}\n(run cognito-triggers new --help for usage)\n`);
  process.exitCode = 2;
}

function run(triggerId: string, o: NewOptions): void {
  const trigger = TRIGGERS.find((t) => t.id === triggerId);
  if (!trigger) {
    const guess = didYouMean(triggerId, TRIGGERS.map((t) => t.id));
    usage(`unknown trigger "${triggerId}"${guess ? `; did you mean ${guess}?` : ''} (cognito-triggers triggers lists them).`);
    return;
  }
  if (!LANGUAGES.includes(o.language as ScaffoldLanguage)) {
    usage(`--language must be one of ${LANGUAGES.join(', ')}, not "${o.language}".`);
    return;
  }
  const folder = path.resolve(o.dir ?? '.');
  let files;
  try {
    files = planScaffold({ folder, triggerId, sources: o.source ?? trigger.sources.map((s) => s.value), language: o.language as ScaffoldLanguage, ...(o.name ? { name: o.name } : {}) });
  } catch (e) {
    usage((e as Error).message);
    return;
  }
  const written = new Set(writeScaffold(files, o.force ? new Set(files.map((f) => f.path)) : new Set()));
  for (const f of files) process.stdout.write(`${written.has(f.path) ? (f.exists ? 'overwrote' : 'wrote    ') : 'kept     '} ${f.rel}\n`);
  if (files.some((f) => f.exists && !written.has(f.path))) process.stdout.write('Existing files were kept; --force overwrites them.\n');
}

/** Adds `new <trigger> [--language L] [--source S...] [--name N] [--dir D] [--force]`. */
export function addScaffoldCommand(program: Command): void {
  program
    .command('new')
    .description('Write a new trigger handler, a sample event per triggerSource and a test (as New Trigger Handler… in VS Code).')
    .argument('<trigger>', 'trigger id, e.g. PreSignUp, PreTokenGenerationV2 (cognito-triggers triggers lists them)')
    .option('--language <language>', `${LANGUAGES.join(' | ')} (py-powertools: a Powertools for AWS Lambda data class)`, 'ts')
    .option('--source <triggerSource...>', 'triggerSources to write sample events for (default: all of the trigger)')
    .option('--name <name>', 'file name of the handler without extension (default from the trigger: preSignUp, pre_sign_up for Python)')
    .option('--dir <folder>', 'project folder (default: the current directory)')
    .option('--force', 'overwrite existing files')
    .exitOverride((e) => {
      process.exit(e.exitCode === 0 ? 0 : 2);
    })
    .action((trigger: string, o: NewOptions) => run(trigger, o));
}
