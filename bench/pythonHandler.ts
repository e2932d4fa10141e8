// Benchmark: Python handler completion, diagnostics and cold start — our server (dist/server.js) side by
// side with pyright's language server (npm pyright, pyright-langserver --stdio) on the same file.
// Run: npx tsx bench/pythonHandler.ts (build first: node esbuild.mjs). BENCH_N sets samples (default 100).
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter, type ProtocolConnection, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';

const ROOT = path.resolve(__dirname, '..');
const N = Number(process.env.BENCH_N ?? 100);
const COLD_N = Number(process.env.BENCH_COLD_N ?? 5);
const WARMUP = 10;
const DIR = path.join(ROOT, '.cache', 'bench-python');
const PYRIGHT = path.join(ROOT, 'node_modules', 'pyright', 'langserver.index.js');

/** A PreSignUp handler of about `lines` lines: helpers that read the event, then the handler with a probe line. */
function handlerText(lines: number): string {
  const out = ['# @cognito-trigger PreSignUp', 'import re', '', '# edit-here'];
  for (let i = 0; out.length < lines - 10; i++) {
    out.push(
      `def check_${i}(event):`,
      '    attrs = event["request"]["userAttributes"]',
      '    email = attrs.get("email", "")',
      `    if email.endswith("@example${i}.com"):`,
      '        return True',
      `    return event["triggerSource"] == "PreSignUp_SignUp" and len(email) > ${i % 50}`,
      '',
    );
  }
  out.push(
    'def lambda_handler(event, context):',
    '    probe = event["request"]["userAttributes"]',
    '    if check_0(event) and probe.get("email"):',
    '        event["response"]["autoConfirmUser"] = True',
    '    return event',
    '',
  );
  return out.join('\n');
}

const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};

/** Where to complete (inside `event["request"]["` on the probe line) and where to edit (the comment). */
function spots(text: string): { probe: { line: number; character: number }; edit: { line: number; character: number } } {
  const lines = text.split('\n');
  const pl = lines.findIndex((l) => l.includes('probe = event["request"]["'));
  const el = lines.findIndex((l) => l.includes('# edit-here'));
  return { probe: { line: pl, character: (lines[pl] ?? '').indexOf('["userAttributes"]') + 2 }, edit: { line: el, character: (lines[el] ?? '').length } };
}

interface Lsp {
  conn: ProtocolConnection;
  proc: ChildProcess;
  /** The next diagnostics published for `uri` after this call. */
  diagnostics(uri: string): Promise<void>;
  stop(): Promise<void>;
}

/** Starts an LSP server over stdio and completes initialize; `ready` is what to wait for after `initialized`. */
async function startLsp(kind: 'ours' | 'pyright', env: NodeJS.ProcessEnv = {}): Promise<Lsp> {
  // BENCH_DIST: another build's folder (e.g. a copy of a production build while tests rebuild dist/).
  const args = kind === 'ours' ? [path.join(process.env.BENCH_DIST ?? path.join(ROOT, 'dist'), 'server.js'), '--stdio'] : [PYRIGHT, '--stdio'];
  const proc = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'ignore'], cwd: DIR, env: { ...process.env, ...env } });
  if (!proc.stdout || !proc.stdin) throw new Error('no stdio');
  const conn = createProtocolConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
  const waiters = new Map<string, () => void>();
  conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    const w = waiters.get(p.uri);
    waiters.delete(p.uri);
    w?.();
  });
  conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({})));
  conn.onRequest('client/registerCapability', () => null);
  conn.onRequest('window/workDoneProgress/create', () => null);
  conn.onNotification('window/logMessage', () => undefined);
  const ready = kind === 'ours' ? new Promise<void>((r) => conn.onNotification('cognitoTriggers/serverReady', () => r())) : Promise.resolve();
  conn.listen();
  const folder = `file://${DIR}`;
  await conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: folder,
    workspaceFolders: [{ uri: folder, name: 'ws' }],
    capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: { versionSupport: true }, completion: { completionItem: { snippetSupport: false } } } },
    initializationOptions: { trusted: false, extensionPath: ROOT },
  });
  await conn.sendNotification('initialized', {});
  await ready;
  const exited = new Promise<void>((r) => proc.once('exit', () => r()));
  return {
    conn,
    proc,
    diagnostics: (uri) => new Promise<void>((r) => waiters.set(uri, r)),
    async stop() {
      await conn.sendRequest('shutdown');
      await conn.sendNotification('exit');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 2000))]);
      proc.kill();
      conn.dispose();
    },
  };
}

interface Row {
  what: string;
  ours: number[];
  pyright: number[];
}

/** Per keystroke: a 1-character edit, completion at the probe, then the diagnostics that edit produces. */
async function measure(kind: 'ours' | 'pyright', file: string, text: string): Promise<{ completion: number[]; diagnostics: number[] }> {
  const { probe, edit } = spots(text);
  const uri = `file://${file}`;
  const s = await startLsp(kind);
  let version = 1;
  const first = s.diagnostics(uri);
  await s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version, text } });
  await first;
  const completion: number[] = [];
  const diagnostics: number[] = [];
  for (let i = 0; i < N + WARMUP; i++) {
    const insert = i % 2 === 0;
    const change = insert ? { range: { start: edit, end: edit }, text: 'x' } : { range: { start: edit, end: { line: edit.line, character: edit.character + 1 } }, text: '' };
    version++;
    const diag = s.diagnostics(uri);
    const t0 = performance.now();
    await s.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
    const t1 = performance.now();
    const r = (await s.conn.sendRequest('textDocument/completion', { textDocument: { uri }, position: probe })) as { items: { label: string }[] } | { label: string }[] | null;
    const t2 = performance.now();
    await diag;
    const t3 = performance.now();
    const items = Array.isArray(r) ? r : (r?.items ?? []);
    if (kind === 'ours' && !items.some((x) => x.label === 'userAttributes')) throw new Error('our completion lacks userAttributes');
    if (i >= WARMUP) {
      completion.push(t2 - t1);
      diagnostics.push(t3 - t0);
    }
  }
  await s.stop();
  return { completion, diagnostics };
}

/** CPU time (user + system, every thread) the process has used so far, in ms (Linux /proc; NaN elsewhere). */
function cpuMs(pid: number | undefined): number {
  try {
    // Fields after the command name's closing parenthesis: utime and stime are the 12th and 13th.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return NaN;
  }
}

/** Cold start to first completion: wall time, and the server's CPU time (less noisy on a loaded machine). */
async function coldStartOnce(kind: 'ours' | 'pyright', file: string, text: string, env: NodeJS.ProcessEnv = {}): Promise<{ wall: number[]; cpu: number[] }> {
  const { probe } = spots(text);
  const uri = `file://${file}`;
  const wall: number[] = [];
  const cpu: number[] = [];
  {
    const t0 = performance.now();
    const s = await startLsp(kind, env);
    await s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text } });
    await s.conn.sendRequest('textDocument/completion', { textDocument: { uri }, position: probe });
    wall.push(performance.now() - t0);
    cpu.push(cpuMs(s.proc.pid));
    await s.stop();
  }
  return { wall, cpu };
}

async function main(): Promise<void> {
  fs.mkdirSync(DIR, { recursive: true });
  const rows: Row[] = [];
  // BENCH_ONLY=cold measures only the cold start (ours and pyright alternating, so load hits both alike).
  const only = process.env.BENCH_ONLY;
  for (const lines of only === 'cold' ? [] : [30, 3000]) {
    console.error(`measuring ${lines} lines`);
    const file = path.join(DIR, `bench${lines}.py`);
    const text = handlerText(lines);
    fs.writeFileSync(file, text);
    const ours = await measure('ours', file, text);
    const py = await measure('pyright', file, text);
    rows.push({ what: `completion after 1-char edit, ${lines} lines`, ours: ours.completion, pyright: py.completion });
    rows.push({ what: `diagnostics after edit, ${lines} lines`, ours: ours.diagnostics, pyright: py.diagnostics });
  }
  const small = path.join(DIR, 'bench30.py');
  const smallText = handlerText(30);
  fs.writeFileSync(small, smallText);
  // Our server runs its bundle through V8's code cache (server/src/codeCache.ts), written when a server exits:
  // one unmeasured start makes it, as any earlier start of the installed extension has. The first start after
  // an install or update has none: measured too, with the cache turned off.
  await coldStartOnce('ours', small, smallText);
  const noCache = { COGNITO_TRIGGERS_CODE_CACHE: 'off' };
  const cold = { ours: { wall: [] as number[], cpu: [] as number[] }, oursNoCache: { wall: [] as number[], cpu: [] as number[] }, pyright: { wall: [] as number[], cpu: [] as number[] } };
  // Rounds of one start each, alternating, so a burst of load on the machine hits every server alike.
  for (let round = 0; round < COLD_N; round++) {
    for (const kind of ['ours', 'oursNoCache', 'pyright'] as const) {
      const r = await coldStartOnce(kind === 'pyright' ? 'pyright' : 'ours', small, smallText, kind === 'oursNoCache' ? noCache : {});
      cold[kind].wall.push(...r.wall);
      cold[kind].cpu.push(...r.cpu);
    }
  }
  rows.push({ what: 'cold start to first completion (wall)', ours: cold.ours.wall, pyright: cold.pyright.wall });
  rows.push({ what: 'cold start to first completion (CPU)', ours: cold.ours.cpu, pyright: cold.pyright.cpu });
  rows.push({ what: 'cold start, no code cache yet (wall)', ours: cold.oursNoCache.wall, pyright: cold.pyright.wall });
  rows.push({ what: 'cold start, no code cache yet (CPU)', ours: cold.oursNoCache.cpu, pyright: cold.pyright.cpu });
  const f = (x: number): string => x.toFixed(2).padStart(8);
  console.log(`\nPython handler benchmark (node ${process.version}, pyright ${JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', 'pyright', 'package.json'), 'utf8')).version as string}, ${new Date().toISOString()}), times in ms`);
  console.log(`${'measure'.padEnd(42)} ${'n'.padStart(4)} ${'ours p50'.padStart(8)} ${'ours p95'.padStart(8)} ${'pyr p50'.padStart(8)} ${'pyr p95'.padStart(8)} ${'p50 ratio'.padStart(9)} ${'p95 ratio'.padStart(9)}`);
  for (const r of rows) {
    console.log(`${r.what.padEnd(42)} ${String(r.ours.length).padStart(4)} ${f(pct(r.ours, 50))} ${f(pct(r.ours, 95))} ${f(pct(r.pyright, 50))} ${f(pct(r.pyright, 95))} ${f(pct(r.ours, 50) / pct(r.pyright, 50)).padStart(9)} ${f(pct(r.ours, 95) / pct(r.pyright, 95)).padStart(9)}`);
  }
  console.log('targets: completion and diagnostics p95 ≤ 0.25× pyright at 3,000 lines; cold start ≤ 0.25×.');
  console.log(`load average: ${os.loadavg().map((x) => x.toFixed(2)).join(' ')} on ${os.cpus().length} cores`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
