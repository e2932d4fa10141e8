// Benchmark: local invoke of a Python handler. Side by side in one run: a fresh-process invoke through
// dist/runner.py (ours, from the request to the summarised result) against a bare python3 runner that
// imports the module and calls the function (spawn to exit), both with the same interpreter; a warm
// re-invoke. Run: npm run bench, or node bench/invokePython.mjs. BENCH_N sets the fresh sample count (30).
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as esbuild from 'esbuild';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const N = Number(process.env.BENCH_N ?? 30);
const WORK = path.join(ROOT, '.cache', `bench-invoke-python-${process.pid}`);
const require = createRequire(import.meta.url);

fs.rmSync(WORK, { recursive: true, force: true });
fs.mkdirSync(WORK, { recursive: true });
await esbuild.build({ entryPoints: [path.join(ROOT, 'server/src/core/invoke/index.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: path.join(WORK, 'invoke.cjs'), external: ['esbuild'], mainFields: ['module', 'main'], logLevel: 'error' });
await esbuild.build({ entryPoints: [path.join(ROOT, 'server/src/core/invoke/runner/main.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: path.join(WORK, 'runner.js'), logLevel: 'error' });
// dist/runner.py exactly as esbuild.mjs copies it.
fs.copyFileSync(path.join(ROOT, 'server/src/core/invoke/python/runner.py'), path.join(WORK, 'runner.py'));
const { LocalInvoker, invokeLocal } = require(path.join(WORK, 'invoke.cjs'));

// The interpreter both contenders use: the real executable behind python3 (a pyenv shim costs both alike,
// and ours resolves shims after the first run; the bare runner cannot), so the ratio compares runners.
const python = execFileSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).trim();
const version = execFileSync(python, ['-c', 'import sys; print("%d.%d.%d" % sys.version_info[:3])'], { encoding: 'utf8' }).trim();

const event = { version: '1', region: 'us-east-1', userPoolId: 'us-east-1_EXAMPLE1a', userName: 'jane.doe', callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: '1example23456789' }, triggerSource: 'PreSignUp_SignUp', request: { userAttributes: { email: 'jane.doe@example.com' }, validationData: null }, response: { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false } };
fs.writeFileSync(path.join(WORK, 'event.json'), JSON.stringify(event));
fs.writeFileSync(path.join(WORK, 'app.py'), 'def lambda_handler(event, context):\n    event["response"]["autoConfirmUser"] = event["request"]["userAttributes"]["email"].endswith("@example.com")\n    return event\n');
// The bare runner: imports the handler module, calls it, prints the answer. Nothing else.
fs.writeFileSync(path.join(WORK, 'bare_runner.py'), [
  'import importlib, json, sys',
  'folder, module, name, event_file = sys.argv[1:5]',
  'sys.path.insert(0, folder)',
  'fn = getattr(importlib.import_module(module), name)',
  'with open(event_file) as f:',
  '    event = json.load(f)',
  'sys.stdout.write(json.dumps(fn(event, None)))',
  '',
].join('\n'));

/** Spawns the bare runner and resolves with the ms from spawn to exit (all output read). */
function bare() {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(python, ['-B', path.join(WORK, 'bare_runner.py'), WORK, 'app', 'lambda_handler', path.join(WORK, 'event.json')], { cwd: WORK, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.resume();
    child.stderr.resume();
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(performance.now() - start) : reject(new Error(`bare runner exited with ${code}`))));
  });
}

const settings = { timeoutMs: 5000, envFile: '', env: {}, warm: false, memoryLimitMb: 512, warmIdleSeconds: 0, maxWarmWorkers: 8 };
const fresh = new LocalInvoker(path.join(WORK, 'runner.js'));
const warm = new LocalInvoker(path.join(WORK, 'runner.js'));
async function ours(invoker, isWarm) {
  const start = performance.now();
  const r = await invokeLocal(invoker, { file: path.join(WORK, 'app.py'), handlerName: 'lambda_handler', event: structuredClone(event), folder: WORK, settings, warm: isWarm, pythonInterpreter: python });
  const ms = performance.now() - start;
  if (r.outcome.kind !== 'returned' || !r.summary.succeeds) throw new Error(JSON.stringify(r.outcome));
  return ms;
}

const samples = { bare: [], ours: [], warm: [] };
for (let i = 0; i < 3; i++) {
  await bare();
  await ours(fresh, false);
}
// Interleaved so that machine noise hits both alike.
for (let i = 0; i < N; i++) {
  samples.bare.push(await bare());
  samples.ours.push(await ours(fresh, false));
}
await ours(warm, true);
for (let i = 0; i < N * 10; i++) samples.warm.push(await ours(warm, true));
fresh.dispose();
warm.dispose();

const q = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? NaN;
};
const stat = (xs) => ({ n: xs.length, p50: q(xs, 0.5), p95: q(xs, 0.95) });
const S = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, stat(v)]));
const ratio = S.ours.p50 / S.bare.p50;
const rows = [
  ['bare python3 runner (fresh process)', S.bare, '1.00×', ''],
  ['ours, Python, fresh process', S.ours, `${ratio.toFixed(2)}×`, `≤ 1.2× bare: ${ratio <= 1.2 ? 'met' : 'MISSED'}`],
  ['ours, Python, warm re-invoke', S.warm, '', `p95 ≤ 5 ms: ${S.warm.p95 <= 5 ? 'met' : 'MISSED'}`],
];
console.log(`\nLocal invoke of a Python handler (ms; ratio of p50 against the bare runner; Python ${version} at ${python}; Node ${process.version})`);
console.log(['what'.padEnd(40), 'n'.padStart(4), 'p50'.padStart(8), 'p95'.padStart(8), 'ratio'.padStart(8), '  target'].join(' '));
for (const [name, s, r, target] of rows) console.log([name.padEnd(40), String(s.n).padStart(4), s.p50.toFixed(1).padStart(8), s.p95.toFixed(1).padStart(8), r.padStart(8), `  ${target}`].join(' '));
console.log('The bare row is timed from spawn to exit; ours from the request to the summarised result (interpreter choice, spawn, import, call, IPC answer, model check, summary).');
fs.rmSync(WORK, { recursive: true, force: true });
