// Benchmark: one-click local invoke. Side by side in one run: a fresh-process invoke of a JavaScript
// handler against a bare Node runner (spawned the same way) and the lambda-local CLI; a warm re-invoke;
// a TypeScript handler (cached build, and rebuilt after an edit). Run: npm run bench, or node bench/invoke.mjs.
// BENCH_N sets the fresh-process sample count (default 30); warm runs use 10×.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as esbuild from 'esbuild';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const N = Number(process.env.BENCH_N ?? 30);
const WORK = path.join(ROOT, '.cache', 'bench-invoke');
const require = createRequire(import.meta.url);

// The invoke core as the server bundles it, and dist/runner.js exactly as shipped.
fs.rmSync(WORK, { recursive: true, force: true });
fs.mkdirSync(WORK, { recursive: true });
await esbuild.build({ entryPoints: [path.join(ROOT, 'server/src/core/invoke/index.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: path.join(WORK, 'invoke.cjs'), external: ['esbuild'], mainFields: ['module', 'main'], logLevel: 'error' });
await esbuild.build({ entryPoints: [path.join(ROOT, 'server/src/core/invoke/runner/main.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: path.join(WORK, 'runner.js'), logLevel: 'error' });
const { LocalInvoker, invokeLocal } = require(path.join(WORK, 'invoke.cjs'));

const event = { version: '1', region: 'us-east-1', userPoolId: 'us-east-1_EXAMPLE1a', userName: 'jane.doe', callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: '1example23456789' }, triggerSource: 'PreSignUp_SignUp', request: { userAttributes: { email: 'jane.doe@example.com' }, validationData: null }, response: { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false } };
fs.writeFileSync(path.join(WORK, 'event.json'), JSON.stringify(event));
fs.writeFileSync(path.join(WORK, 'handler.js'), "exports.handler = async (event) => {\n  event.response.autoConfirmUser = event.request.userAttributes.email.endsWith('@example.com');\n  return event;\n};\n");
fs.writeFileSync(path.join(WORK, 'handler.ts'), "import type { PreSignUpTriggerHandler } from 'aws-lambda';\nexport const handler: PreSignUpTriggerHandler = async (event) => {\n  event.response.autoConfirmUser = (event.request.userAttributes.email ?? '').endsWith('@example.com');\n  return event;\n};\n");
// The bare runner: requires the handler, calls it, prints the answer. Nothing else.
fs.writeFileSync(path.join(WORK, 'bare-runner.cjs'), [
  "const [file, name, eventFile] = process.argv.slice(2);",
  "const handler = require(file)[name];",
  "const event = JSON.parse(require('fs').readFileSync(eventFile, 'utf8'));",
  "Promise.resolve(handler(event, {}, () => {})).then((r) => {",
  "  process.stdout.write(JSON.stringify(r));",
  "}, (e) => {",
  "  process.stdout.write(JSON.stringify({ errorMessage: String(e) }));",
  "  process.exitCode = 1;",
  "});",
].join('\n'));

/** Spawns a command and resolves with the ms from spawn to exit (all output read). */
function timeProcess(args) {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, args, { cwd: WORK, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.resume();
    child.stderr.resume();
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(performance.now() - start) : reject(new Error(`${args.join(' ')} exited with ${code}`))));
  });
}

const settings = { timeoutMs: 5000, envFile: '', env: {}, warm: false, memoryLimitMb: 512 };
const fresh = new LocalInvoker(path.join(WORK, 'runner.js'));
const warm = new LocalInvoker(path.join(WORK, 'runner.js'));
/** Ours, from the request to the summarised result (recognition, run, response check, summary). */
async function ours(file, invoker, isWarm) {
  const start = performance.now();
  const r = await invokeLocal(invoker, { file: path.join(WORK, file), handlerName: 'handler', event: structuredClone(event), folder: WORK, settings, warm: isWarm });
  const ms = performance.now() - start;
  if (r.outcome.kind !== 'returned' || !r.summary.succeeds) throw new Error(`${file}: ${JSON.stringify(r.outcome)}`);
  return ms;
}
const lambdaLocal = path.join(ROOT, 'node_modules', 'lambda-local', 'build', 'cli.js');
const hasLambdaLocal = fs.existsSync(lambdaLocal);

const samples = { bare: [], lambdaLocal: [], ours: [], ts: [], tsEdit: [], warm: [] };
const tsFile = path.join(WORK, 'handler.ts');
// Warm-up: file system caches, esbuild's service, the TypeScript build cache.
for (let i = 0; i < 3; i++) {
  await timeProcess([path.join(WORK, 'bare-runner.cjs'), path.join(WORK, 'handler.js'), 'handler', path.join(WORK, 'event.json')]);
  await ours('handler.js', fresh, false);
  await ours('handler.ts', fresh, false);
}
// Interleaved so that machine noise hits every contender alike.
for (let i = 0; i < N; i++) {
  samples.bare.push(await timeProcess([path.join(WORK, 'bare-runner.cjs'), path.join(WORK, 'handler.js'), 'handler', path.join(WORK, 'event.json')]));
  if (hasLambdaLocal) samples.lambdaLocal.push(await timeProcess([lambdaLocal, '-l', path.join(WORK, 'handler.js'), '-h', 'handler', '-e', path.join(WORK, 'event.json'), '-t', '5', '-v', '0']));
  samples.ours.push(await ours('handler.js', fresh, false));
  samples.ts.push(await ours('handler.ts', fresh, false));
  // An edit: a new mtime forces the esbuild rebuild before the run.
  const t = new Date(Date.now() + 1000 * (i + 1));
  fs.utimesSync(tsFile, t, t);
  samples.tsEdit.push(await ours('handler.ts', fresh, false));
}
await ours('handler.js', warm, true);
for (let i = 0; i < N * 10; i++) samples.warm.push(await ours('handler.js', warm, true));
fresh.dispose();
warm.dispose();

const q = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? NaN;
};
const f = (x) => (Number.isFinite(x) ? x.toFixed(1) : 'n/a');
const stat = (xs) => ({ n: xs.length, p50: q(xs, 0.5), p95: q(xs, 0.95) });
const S = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, stat(v)]));
const rows = [
  ['bare Node runner (fresh process)', S.bare, '1.00×', ''],
  ['lambda-local CLI (fresh process)', S.lambdaLocal, hasLambdaLocal ? `${(S.lambdaLocal.p50 / S.bare.p50).toFixed(2)}×` : 'not installed', ''],
  ['ours, JS, fresh process', S.ours, `${(S.ours.p50 / S.bare.p50).toFixed(2)}×`, `≤ 1.2× bare: ${S.ours.p50 <= 1.2 * S.bare.p50 ? 'met' : 'MISSED'}; ≤ 0.65× lambda-local: ${hasLambdaLocal ? (S.ours.p50 <= 0.65 * S.lambdaLocal.p50 ? 'met' : 'MISSED') : 'n/a'}`],
  ['ours, TS, fresh process (cached build)', S.ts, `${(S.ts.p50 / S.bare.p50).toFixed(2)}×`, `≤ JS + 15 ms: ${S.ts.p50 <= S.ours.p50 + 15 ? 'met' : 'MISSED'} (+${(S.ts.p50 - S.ours.p50).toFixed(1)} ms)`],
  ['ours, TS, fresh process after an edit', S.tsEdit, `${(S.tsEdit.p50 / S.bare.p50).toFixed(2)}×`, `≤ JS + 15 ms: ${S.tsEdit.p50 <= S.ours.p50 + 15 ? 'met' : 'MISSED'} (+${(S.tsEdit.p50 - S.ours.p50).toFixed(1)} ms)`],
  ['ours, JS, warm re-invoke', S.warm, '', `p95 ≤ 5 ms: ${S.warm.p95 <= 5 ? 'met' : 'MISSED'}`],
];
console.log(`\nLocal invoke (ms; n per row; ratios of p50 against the bare runner; Node ${process.version}, ${process.platform})`);
console.log(['what'.padEnd(40), 'n'.padStart(4), 'p50'.padStart(8), 'p95'.padStart(8), 'ratio'.padStart(8), '  target'].join(' '));
for (const [name, s, ratio, target] of rows) console.log([name.padEnd(40), String(s.n).padStart(4), f(s.p50).padStart(8), f(s.p95).padStart(8), ratio.padStart(8), `  ${target}`].join(' '));
console.log('Fresh rows: bare and lambda-local are timed from spawn to exit; ours from the request to the summarised result (spawn, load, call, IPC answer, model check, summary).');
fs.rmSync(WORK, { recursive: true, force: true });
