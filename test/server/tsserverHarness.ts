// Drives a real tsserver (the project's TypeScript) over its stdio protocol, with or without the
// Cognito Triggers plugin loaded the way VS Code loads it (--globalPlugins + --pluginProbeLocations).
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const TS_PLUGIN_NAME = 'cognito-triggers-ts-plugin';

/** A completion entry and a diagnostic as tsserver's protocol sends them. */
export interface Entry {
  name: string;
  kind: string;
}
export interface TsDiagnostic {
  code: number;
  text: string;
  start: { line: number; offset: number };
}

export interface TsServer {
  /** Writes `files` (relative path → text) into the project folder; returns absolute paths. */
  readonly dir: string;
  open(file: string): Promise<void>;
  completions(file: string, text: string, offsetInText: number): Promise<Entry[]>;
  diagnostics(file: string): Promise<TsDiagnostic[]>;
  /** The plugin's lines in tsserver's log. */
  pluginLog(): string;
  stop(): void;
}

/**
 * A project folder with `files`, @types/aws-lambda mapped from this repository's node_modules (as a
 * user's project has it installed), and a tsserver on it. `probe` is where the plugin package is
 * looked up (the extension folder); undefined = no plugin.
 */
export async function startTsServer(files: Record<string, string>, probe: string | undefined): Promise<TsServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cognito-tsserver-'));
  const types = path.join(REPO_ROOT, 'node_modules', '@types');
  const tsconfig = { compilerOptions: { strict: true, allowJs: true, checkJs: true, noEmit: true, target: 'ES2022', module: 'Node16', typeRoots: [types], types: ['node'], paths: { 'aws-lambda': [path.join(types, 'aws-lambda')] } }, include: ['**/*'] };
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify(tsconfig));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  const logFile = path.join(dir, 'tsserver.log');
  const args = [path.join(REPO_ROOT, 'node_modules', 'typescript', 'lib', 'tsserver.js'), '--disableAutomaticTypingAcquisition', '--logVerbosity', 'normal', '--logFile', logFile];
  if (probe) args.push('--globalPlugins', TS_PLUGIN_NAME, '--pluginProbeLocations', probe);
  const child: ChildProcess = spawn(process.execPath, args, { cwd: dir, stdio: ['pipe', 'pipe', 'inherit'] });
  let seq = 0;
  const waiting = new Map<number, (body: unknown) => void>();
  let buffer = Buffer.alloc(0);
  child.stdout?.on('data', (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      const header = buffer.indexOf('\r\n\r\n');
      if (header < 0) return;
      const length = Number(/Content-Length: (\d+)/.exec(buffer.subarray(0, header).toString())?.[1]);
      if (buffer.length < header + 4 + length) return;
      const message = JSON.parse(buffer.subarray(header + 4, header + 4 + length).toString()) as { type: string; request_seq?: number; body?: unknown; success?: boolean; message?: string };
      buffer = buffer.subarray(header + 4 + length);
      if (message.type === 'response' && message.request_seq !== undefined) {
        waiting.get(message.request_seq)?.(message.success === false ? new Error(message.message) : message.body);
        waiting.delete(message.request_seq);
      }
    }
  });
  const request = (command: string, args: unknown): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const id = ++seq;
      waiting.set(id, (body) => (body instanceof Error ? reject(body) : resolve(body)));
      child.stdin?.write(`${JSON.stringify({ seq: id, type: 'request', command, arguments: args })}\n`);
    });
  const abs = (file: string) => path.join(dir, file);
  return {
    dir,
    async open(file) {
      child.stdin?.write(`${JSON.stringify({ seq: ++seq, type: 'request', command: 'open', arguments: { file: abs(file), projectRootPath: dir } })}\n`);
      // `open` has no response: a request after it is answered once the file is in a project.
      await request('projectInfo', { file: abs(file), needFileNameList: false });
    },
    async completions(file, text, offsetInText) {
      const before = text.slice(0, offsetInText).split('\n');
      const body = (await request('completionInfo', { file: abs(file), line: before.length, offset: (before[before.length - 1]?.length ?? 0) + 1 })) as { entries: Entry[] } | undefined;
      return body?.entries ?? [];
    },
    async diagnostics(file) {
      return ((await request('semanticDiagnosticsSync', { file: abs(file) })) as TsDiagnostic[] | undefined) ?? [];
    },
    pluginLog() {
      return fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').split('\n').filter((l) => l.includes('cognito-triggers') || l.includes(TS_PLUGIN_NAME)).join('\n') : '';
    },
    stop() {
      child.kill();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
