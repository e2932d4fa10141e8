// Command line of the language server (`cognito-triggers-language-server`, `cognito-triggers lsp`):
// the transport vscode-languageserver reads from process.argv, plus --version and --help.
import { parseArgs } from 'node:util';

/** What the command line asks for. */
export type ServerArgs = { kind: 'serve'; argv: string[] } | { kind: 'print'; text: string; exitCode: 0 | 2 };

export const SERVER_USAGE = `Usage: cognito-triggers-language-server [--stdio | --node-ipc | --socket=PORT | --pipe=NAME] [--clientProcessId=PID]
       cognito-triggers lsp [same options]

The Cognito Triggers language server (LSP 3.17) for any editor. Talks over stdin/stdout unless told
otherwise. Settings come from initializationOptions, workspace/didChangeConfiguration or
workspace/configuration; see docs/editors.md.

Options:
  --stdio               talk LSP over stdin/stdout (the default)
  --node-ipc            talk over Node's IPC channel (when started by a Node client with fork)
  --socket=PORT         connect to a client listening on 127.0.0.1:PORT
  --pipe=NAME           connect to a named pipe or Unix socket
  --clientProcessId=PID exit when that process exits
  --version             print the version and exit
  --help                print this help and exit
`;

/**
 * Reads the server's arguments (without node and the script). The result's argv is what
 * vscode-languageserver's createConnection() expects in process.argv: `--stdio` when no transport is named.
 */
export function parseServerArgs(args: readonly string[], version: string): ServerArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      strict: true,
      allowPositionals: false,
      options: {
        stdio: { type: 'boolean' },
        'node-ipc': { type: 'boolean' },
        socket: { type: 'string' },
        pipe: { type: 'string' },
        clientProcessId: { type: 'string' },
        version: { type: 'boolean', short: 'V' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    return { kind: 'print', text: `cognito-triggers-language-server: ${(e as Error).message}\n(run with --help for usage)\n`, exitCode: 2 };
  }
  const v = parsed.values;
  if (v.help) return { kind: 'print', text: SERVER_USAGE, exitCode: 0 };
  if (v.version) return { kind: 'print', text: `${version}\n`, exitCode: 0 };
  const transports = [v.stdio, v['node-ipc'], v.socket !== undefined, v.pipe !== undefined].filter(Boolean).length;
  if (transports > 1) return { kind: 'print', text: 'cognito-triggers-language-server: give one transport: --stdio, --node-ipc, --socket=PORT or --pipe=NAME.\n', exitCode: 2 };
  if (v.socket !== undefined && !/^\d+$/.test(v.socket)) return { kind: 'print', text: `cognito-triggers-language-server: --socket needs a port number, not "${v.socket}".\n`, exitCode: 2 };
  if (v.clientProcessId !== undefined && !/^\d+$/.test(v.clientProcessId)) return { kind: 'print', text: `cognito-triggers-language-server: --clientProcessId needs a process id, not "${v.clientProcessId}".\n`, exitCode: 2 };
  const argv: string[] = [];
  if (v['node-ipc']) argv.push('--node-ipc');
  else if (v.socket !== undefined) argv.push(`--socket=${v.socket}`);
  else if (v.pipe !== undefined) argv.push(`--pipe=${v.pipe}`);
  else argv.push('--stdio');
  if (v.clientProcessId !== undefined) argv.push(`--clientProcessId=${v.clientProcessId}`);
  return { kind: 'serve', argv };
}
