#!/usr/bin/env node
// The `cognito-triggers` CLI: the same core as the language server, for CI and other editors.
import { buildProgram } from './cli/program';

buildProgram()
  .parseAsync(process.argv)
  .catch((e: unknown) => {
    process.stderr.write(`cognito-triggers: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 2;
  });
