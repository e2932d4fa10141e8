// Benchmark: event JSON completion and diagnostics latency on a 200-line event, our server side by side
// with a bare vscode-json-languageservice server (bench/bareJsonServer.ts), same schema, same run.
// Run: npm run bench -- eventJson (or npx tsx bench/eventJson.ts). BENCH_N sets the sample count (default
// 200). Like every bench module it exits non-zero only when it crashes; a missed target is printed.
import { spawn, spawnSync } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as esbuild from 'esbuild';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter, type ProtocolConnection, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { sampleEvent } from '../server/src/core/events';

const ROOT = path.resolve(__dirname, '..');
const N = Number(process.env.BENCH_N ?? 200);
const WARMUP = 20;
const TARGET = 3;

/** A 200-line PreSignUp event: the sample plus custom attributes and client metadata. */
function eventText(userName: string): string {
  const e = sampleEvent('PreSignUp', 'PreSignUp_SignUp') as { userName: string; request: { userAttributes: Record<string, string>; clientMetadata: Record<string, string> } };
  e.userName = userName;
  for (let i = 0; JSON.stringify(e, null, 2).split('\n').length < 200; i++) {
    (i % 2 ? e.request.clientMetadata : e.request.userAttributes)[`custom:field${i}`] = `value number ${i}`;
  }
  return `${JSON.stringify(e, null, 2)}\n`;
}

interface Client {
  name: string;
  conn: ProtocolConnection;
  waitDiagnostics(version: number): Promise<void>;
  stop(): Promise<void>;
}

/** Spawns a server over stdio and initializes it. */
async function start(name: string, script: string, ready?: string): Promise<Client> {
  const proc = spawn(process.execPath, [script, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, BENCH_TRIGGER: 'PreSignUp' } });
  if (!proc.stdout || !proc.stdin) throw new Error('no stdio');
  const conn = createProtocolConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
  const waiters = new Map<number, () => void>();
  conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => waiters.get(p.version ?? -1)?.());
  conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({})));
  conn.onRequest('client/registerCapability', () => null);
  conn.onNotification('window/logMessage', () => undefined);
  const isReady = ready ? new Promise<void>((r) => conn.onNotification(ready, () => r())) : Promise.resolve();
  conn.listen();
  const folder = `file://${path.join(os.tmpdir(), 'bench-ws')}`;
  // workspaceFolders: our server's onInitialized subscribes to folder changes, which needs the capability.
  await conn.sendRequest('initialize', { processId: process.pid, rootUri: folder, workspaceFolders: [{ uri: folder, name: 'ws' }], capabilities: { workspace: { configuration: true, workspaceFolders: true } }, initializationOptions: { trusted: false, extensionPath: ROOT } });
  await conn.sendNotification('initialized', {});
  await isReady;
  const exited = new Promise<void>((r) => proc.once('exit', () => r()));
  return {
    name,
    conn,
    waitDiagnostics: (version) => new Promise<void>((r) => waiters.set(version, () => (waiters.delete(version), r()))),
    async stop() {
      await conn.sendRequest('shutdown');
      await conn.sendNotification('exit');
      await exited;
      conn.dispose();
    },
  };
}

const quantile = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
};

async function main(): Promise<void> {
  // Our server exactly as shipped (esbuild.mjs); the anchor bundled the same way.
  const build = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('node esbuild.mjs failed');
  const bare = path.join(os.tmpdir(), 'cognito-bench-bareJsonServer.js');
  await esbuild.build({ entryPoints: [path.join(ROOT, 'bench/bareJsonServer.ts')], bundle: true, platform: 'node', target: 'node20', format: 'cjs', outfile: bare, mainFields: ['module', 'main'], logLevel: 'warning' });
  const clients = [await start('cognito-triggers', path.join(ROOT, 'dist/server.js'), 'cognitoTriggers/serverReady'), await start('bare JSON LS', bare)];
  const uri = `file://${path.join(os.tmpdir(), 'bench-ws', 'events', 'PreSignUp', 'big.json')}`;
  const text0 = eventText('jane.doe0');
  const lines = text0.split('\n');
  const line = lines.findIndex((l) => l.includes('"userAttributes": {'));
  const position = { line, character: (lines[line] ?? '').length };
  const stats = new Map(clients.map((c) => [c.name, { completion: [] as number[], diagnostics: [] as number[] }]));
  for (const c of clients) {
    const first = c.waitDiagnostics(1);
    await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'json', version: 1, text: text0 } });
    await first;
  }
  for (let i = 0; i < WARMUP + N; i++) {
    const version = i + 2;
    const text = eventText(`jane.doe${i}`); // a one-character edit in userName each round
    // Alternate who goes first so that machine noise falls on both.
    for (const c of i % 2 ? [...clients].reverse() : clients) {
      const t0 = performance.now();
      const published = c.waitDiagnostics(version);
      await c.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
      await published;
      const t1 = performance.now();
      const list = await c.conn.sendRequest('textDocument/completion', { textDocument: { uri }, position });
      const t2 = performance.now();
      if (!list) throw new Error(`${c.name} returned no completion`);
      if (i >= WARMUP) {
        stats.get(c.name)?.diagnostics.push(t1 - t0);
        stats.get(c.name)?.completion.push(t2 - t1);
      }
    }
  }
  for (const c of clients) await c.stop();
  const ours = stats.get('cognito-triggers');
  const base = stats.get('bare JSON LS');
  if (!ours || !base) throw new Error('missing stats');
  console.log(`Event JSON, ${text0.split('\n').length - 1}-line PreSignUp event, n=${N} per metric (after ${WARMUP} warm-up rounds), ms:`);
  console.log('metric        server             p50     p95');
  for (const metric of ['completion', 'diagnostics'] as const) {
    for (const [name, s] of [['cognito-triggers', ours], ['bare JSON LS', base]] as const) {
      console.log(`${metric.padEnd(13)} ${name.padEnd(16)} ${quantile(s[metric], 0.5).toFixed(2).padStart(7)} ${quantile(s[metric], 0.95).toFixed(2).padStart(7)}`);
    }
    const r50 = quantile(ours[metric], 0.5) / quantile(base[metric], 0.5);
    const r95 = quantile(ours[metric], 0.95) / quantile(base[metric], 0.95);
    console.log(`${metric.padEnd(13)} ratio ours/bare  ${r50.toFixed(2).padStart(7)} ${r95.toFixed(2).padStart(7)}  (target p95 ≤ ${TARGET}×: ${r95 <= TARGET ? 'met' : 'NOT met'})`);
  }
}

void main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 2;
});
