// Benchmark: `cognito-triggers check` over a generated project tree of 1,000 and 10,000 files (JavaScript,
// TypeScript and Python handlers, event JSON): files per second, peak RSS, and how time and memory grow
// with the tree (linear and bounded is the target: ≥ 500 files/s and bounded memory at 10,000 files).
// Each file carries exactly one known mistake, so the run also proves every file was analysed.
// Run: npx tsx bench/checkTree.ts (build first: node esbuild.mjs). BENCH_CHECK_SIZES="1000,10000".
// BENCH_DISTS="/tmp/before/dist,dist": builds compared side by side (runs interleaved on the same trees);
// BENCH_ROUNDS=2 runs each build that many times per size, alternating.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';

const ROOT = path.resolve(__dirname, '..');
const SIZES = (process.env.BENCH_CHECK_SIZES ?? '1000,10000').split(',').map(Number);
const DISTS = [...new Set((process.env.BENCH_DISTS ?? path.join(ROOT, 'dist')).split(',').map((d) => path.resolve(ROOT, d)))];
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 1);

const js = (i: number): string => `// @cognito-trigger PreSignUp
const ALLOWED = ['example${i}.com', 'example.org'];
function domainOf(email) {
  return String(email || '').split('@')[1] || '';
}
exports.handler = async (event) => {
  const email = event.request.userAttributes.email;
  if (!ALLOWED.includes(domainOf(email))) throw new Error('Sign-up is limited to our domains');
  event.response.autoConfirmUser = 'yes';
  return event;
};
`;
const ts = (i: number): string => `import type { CustomMessageTriggerHandler } from 'aws-lambda';
export const handler: CustomMessageTriggerHandler = async (event) => {
  if (event.triggerSource === 'CustomMessage_SignUp') {
    event.response.emailSubject = 'Welcome ${i}';
    event.response.emailMessage = 'Your code is 123456';
  }
  return event;
};
`;
const py = (i: number): string => `def lambda_handler(event, context):
    # tenant ${i}
    event["response"]["autoConfirmUser"] = "True"
    return event
`;
const json = (i: number): string =>
  `${JSON.stringify({ version: '1', triggerSource: 'PreSignUp_SignUp', region: 'us-east-1', userPoolId: 'us-east-1_Ab12Cd34E', userName: `user${i}`, callerContext: { awsSdkVersion: 'aws-sdk-js-3', clientId: 'abc' }, request: { userAttributes: { email: `u${i}@example.com` } }, response: { autoConfirmUser: 'true', autoVerifyEmail: false, autoVerifyPhone: false } }, null, 2)}\n`;

/** Writes `n` files (4 JS, 2 TS, 1 Python, 3 event JSON in every 10) into `dir`, 100 per folder. */
function generate(dir: string, n: number): void {
  fs.rmSync(dir, { recursive: true, force: true });
  for (let i = 0; i < n; i++) {
    const folder = path.join(dir, `svc${Math.floor(i / 100)}`);
    if (i % 100 === 0) fs.mkdirSync(path.join(folder, 'events'), { recursive: true });
    const k = i % 10;
    if (k < 4) fs.writeFileSync(path.join(folder, `h${i}.js`), js(i));
    else if (k < 6) fs.writeFileSync(path.join(folder, `m${i}.ts`), ts(i));
    else if (k < 7) fs.writeFileSync(path.join(folder, `pre_sign_up_${i}.py`), py(i));
    else fs.writeFileSync(path.join(folder, 'events', `e${i}.json`), json(i));
  }
  fs.mkdirSync(path.join(dir, '.git'), { recursive: true });
}

function run(dir: string, n: number, dist: string): { ms: number; cpuMs: number; rssMb: number } {
  const out = path.join(dir, '..', `check-${n}.json`);
  const rssFile = path.join(dir, '..', `rss-${n}`);
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--require', path.join(ROOT, 'bench', '_maxrss.cjs'), path.join(dist, 'cli.js'), 'check', '.', '--format', 'json', '-o', out], { cwd: dir, env: { ...process.env, MAXRSS_FILE: rssFile }, encoding: 'utf8', maxBuffer: 1 << 26 });
  const ms = performance.now() - t0;
  if (r.status !== 1) throw new Error(`check exited ${r.status}: ${r.stderr.slice(0, 500)}`);
  const findings = JSON.parse(fs.readFileSync(out, 'utf8')) as { file: string; code: string }[];
  // Exactly one finding per file: a file skipped or analysed twice shows up here.
  const files = new Set(findings.map((f) => f.file));
  if (findings.length !== n || files.size !== n) throw new Error(`expected ${n} findings in ${n} files, got ${findings.length} in ${files.size}: ${JSON.stringify(findings.slice(0, 3))}`);
  const u = JSON.parse(fs.readFileSync(rssFile, 'utf8')) as { maxRSS: number; cpu: number };
  return { ms, cpuMs: u.cpu / 1000, rssMb: u.maxRSS / 1024 };
}

function main(): void {
  const base = path.join(ROOT, '.cache', 'bench-check');
  const rows: { dist: string; n: number; ms: number; cpuMs: number; rssMb: number }[] = [];
  for (const n of SIZES) {
    const dir = path.join(base, `tree-${n}`);
    generate(dir, n);
    run(dir, n, DISTS[0] as string); // warm the file cache
    for (let round = 0; round < ROUNDS; round++) for (const dist of DISTS) rows.push({ dist, n, ...run(dir, n, dist) });
  }
  console.log(`\ncheck over a generated tree (node ${process.version}, ${new Date().toISOString()}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}, ${os.cpus().length} cores)`);
  for (const dist of DISTS) {
    const mine = rows.filter((r) => r.dist === dist);
    if (DISTS.length > 1) console.log(`build ${dist}`);
    // CPU time beside wall time: on a shared machine the wall clock also counts time spent waiting for a core.
    console.log(`${'files'.padStart(7)} ${'wall ms'.padStart(9)} ${'files/s'.padStart(9)} ${'cpu ms'.padStart(9)} ${'files/cpu-s'.padStart(11)} ${'peak RSS MB'.padStart(12)}`);
    for (const r of mine) console.log(`${String(r.n).padStart(7)} ${r.ms.toFixed(0).padStart(9)} ${((r.n / r.ms) * 1000).toFixed(0).padStart(9)} ${r.cpuMs.toFixed(0).padStart(9)} ${((r.n / r.cpuMs) * 1000).toFixed(0).padStart(11)} ${r.rssMb.toFixed(1).padStart(12)}`);
    const [a, b] = [mine[0], mine[mine.length - 1]];
    if (a && b && a !== b) console.log(`growth ${a.n} → ${b.n} files: CPU per file ×${(b.cpuMs / b.n / (a.cpuMs / a.n)).toFixed(2)}, peak RSS ×${(b.rssMb / a.rssMb).toFixed(2)} (linear and bounded: ≈1 and well under ${(b.n / a.n).toFixed(0)})`);
  }
  const [first, last] = [DISTS[0], DISTS[DISTS.length - 1]];
  if (DISTS.length > 1) {
    // Summed over the rounds: each round ran both builds back to back, so the machine's load hit both alike.
    const sum = (dist: string | undefined, n: number, k: 'ms' | 'cpuMs'): number => rows.filter((r) => r.dist === dist && r.n === n).reduce((a, r) => a + r[k], 0);
    const peak = (dist: string | undefined, n: number): number => Math.max(...rows.filter((r) => r.dist === dist && r.n === n).map((r) => r.rssMb));
    for (const n of SIZES) console.log(`${n} files, last build / first (${ROUNDS} round(s)): CPU ×${(sum(last, n, 'cpuMs') / sum(first, n, 'cpuMs')).toFixed(2)}, wall ×${(sum(last, n, 'ms') / sum(first, n, 'ms')).toFixed(2)}, peak RSS ×${(peak(last, n) / peak(first, n)).toFixed(2)}`);
  }
  console.log('target: ≥ 500 files/s and bounded memory at 10,000 files.');
}

main();
