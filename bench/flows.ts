// Benchmark: a three-round custom-auth flow (Define → Create → answer → Verify, three times, then
// Define issues tokens) through warm workers, against the same handler calls made one at a time by
// hand with `cognito-triggers invoke` (a fresh process each, as a developer debugging the flow would).
// Run: npm run bench (builds dist/ first), or npx tsx bench/flows.ts. BENCH_N sets the flow sample count.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseTriggerFlag, resolvePool, runFlow, UserStore, type FlowRequest } from '../server/src/core/flows';
import { LocalInvoker } from '../server/src/core/invoke';
import { defaultSettings } from '../server/src/core/settings';

const ROOT = path.resolve(__dirname, '..');
const FIX = path.join(ROOT, 'test', 'fixtures', 'flows');
const WORK = path.join(ROOT, '.cache', 'bench-flows');
const N = Number(process.env.BENCH_N ?? 30);
const CLI = path.join(ROOT, 'dist', 'cli.js');

const q = (xs: number[], p: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))] ?? NaN;
const f = (x: number): string => x.toFixed(1);

async function main(): Promise<void> {
  fs.rmSync(WORK, { recursive: true, force: true });
  fs.mkdirSync(WORK, { recursive: true });
  const invoker = new LocalInvoker(path.join(ROOT, 'dist', 'runner.js'));
  const pool = resolvePool({ overrides: ['DefineAuthChallenge=defineAuth.js', 'CreateAuthChallenge=createAuth.ts', 'VerifyAuthChallengeResponse=verifyAuth.mjs'].map((t) => parseTriggerFlag(t, FIX)), folder: FIX });
  const req: FlowRequest = { flow: 'custom-auth', username: 'jane', attributes: {}, validationData: {}, answers: ['1', '2', '4'] };
  const users = () => UserStore.inMemory([{ username: 'jane', status: 'CONFIRMED', attributes: { sub: '11111111-2222-4333-8444-555555555555', email: 'jane@example.com' } }]);
  const settings = { ...defaultSettings().invoke, envFile: '' };
  // Warm-up: starts the three workers and builds the TypeScript handler once.
  const first = await runFlow(req, { invoker, folder: FIX, settings, pool, users: users() });
  if (first.outcome !== 'succeeded') throw new Error(`the flow did not succeed: ${JSON.stringify(first.error)}`);
  const flowMs: number[] = [];
  for (let i = 0; i < N; i++) {
    const t = performance.now();
    const r = await runFlow(req, { invoker, folder: FIX, settings, pool, users: users() });
    flowMs.push(performance.now() - t);
    if (r.outcome !== 'succeeded') throw new Error('flow failed during the benchmark');
  }
  invoker.dispose();
  // By hand: the same handler calls, each with the event the flow built, through `invoke`.
  const calls = first.steps.filter((s) => s.kind === 'trigger').map((s, i) => {
    const file = path.join(WORK, `event-${i}.json`);
    fs.writeFileSync(file, JSON.stringify(s.event));
    return { handler: (s.handler ?? '').split('#')[0] as string, event: file };
  });
  const byHand: number[] = [];
  const runs = Math.max(3, Math.round(N / 6));
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    for (const c of calls) {
      const r = spawnSync(process.execPath, [CLI, 'invoke', c.handler, '--event', c.event], { cwd: FIX, encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`invoke failed: ${r.stderr}`);
    }
    byHand.push(performance.now() - t);
  }
  const ours = { p50: q(flowMs, 0.5), p95: q(flowMs, 0.95) };
  const hand = { p50: q(byHand, 0.5), p95: q(byHand, 0.95) };
  // Latencies on a shared machine mean little without its load: print it with the figures.
  const load = os.loadavg().map((l) => l.toFixed(2)).join(', ');
  console.log(`\nCustom-auth flow, three rounds (${calls.length} handler invocations; ms; Node ${process.version}; ${os.cpus().length} cores, load average ${load})`);
  console.log(['what'.padEnd(52), 'n'.padStart(4), 'p50'.padStart(8), 'p95'.padStart(8), '  target'].join(' '));
  console.log(['ours: runFlow through warm workers'.padEnd(52), String(N).padStart(4), f(ours.p50).padStart(8), f(ours.p95).padStart(8), `  p50 ≤ 30 ms: ${ours.p50 <= 30 ? 'met' : 'MISSED'}`].join(' '));
  console.log(['anchor: the same calls by hand, cognito-triggers invoke'.padEnd(52), String(runs).padStart(4), f(hand.p50).padStart(8), f(hand.p95).padStart(8), ''].join(' '));
  console.log(`ratio (ours / by hand, p50): ${(ours.p50 / hand.p50).toFixed(3)}× (${(hand.p50 / ours.p50).toFixed(0)} times faster)`);
  fs.rmSync(WORK, { recursive: true, force: true });
}

void main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
