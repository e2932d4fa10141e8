#!/usr/bin/env node
// The `cognito-triggers` CLI: the same core as the language server, for CI and other editors.
import { buildProgram } from './cli/program';

/**
 * A reader that stops early (`cognito-triggers triggers | head -1`) closes the pipe: writes then fail
 * with EPIPE, asynchronously, as an 'error' event that would crash the process. Nobody is left to read
 * anything, so leave quietly; other stream errors stay fatal.
 */
function exitQuietlyOnEpipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
    throw e;
  });
}
exitQuietlyOnEpipe(process.stdout);
exitQuietlyOnEpipe(process.stderr);

buildProgram()
  .parseAsync(process.argv)
  .catch((e: unknown) => {
    process.stderr.write(`cognito-triggers: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 2;
  });
