// `cognito-triggers lsp`: starts the language server (dist/server.js) in this process, for editors other than VS Code.
import * as path from 'node:path';
import type { Command } from 'commander';

/** Adds `lsp [--stdio] [--node-ipc] [--socket=PORT] [--pipe=NAME] [--clientProcessId=PID] [--version] [--help]`. */
export function addLspCommand(program: Command): void {
  program
    .command('lsp')
    .description('Run the language server for any LSP editor (Neovim, Emacs, Helix, Zed, Sublime, JetBrains); see docs/editors.md.')
    // The server parses its own options (the same as cognito-triggers-language-server's): pass them through untouched.
    .helpOption(false)
    .allowUnknownOption(true)
    .allowExcessArguments(true)
    .action((_o: unknown, cmd: Command) => {
      // dist/server.js sits next to dist/cli.js and reads its transport from process.argv when loaded.
      const server = path.join(__dirname, 'server.js');
      process.argv = [process.argv[0] ?? 'node', server, ...cmd.args];
      // A runtime path, not a module esbuild should bundle: the server is its own bundle.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require(server);
    });
}
