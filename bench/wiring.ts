// Benchmark: reading the IaC wiring of a 200-function repository (full read, cold cache) and the
// incremental update after one IaC edit, side by side with the floor: the `yaml` package parsing the
// same files (`parseDocument` with positions), which any reader must at least do.
// Run: npm run bench -- wiring (or npx tsx bench/wiring.ts). BENCH_N sets the sample count (default 40).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { LineCounter, parseDocument } from 'yaml';
import { WiringCache } from '../server/src/core/wiring';
import { nodeWiringFs } from '../server/src/core/wiring/nodeFs';

const N = Number(process.env.BENCH_N ?? 40);
const FUNCTIONS = 200;
const TRIGGERS = ['PreSignUp', 'PostConfirmation', 'PreAuthentication', 'PostAuthentication', 'PreTokenGeneration', 'CustomMessage', 'DefineAuthChallenge', 'CreateAuthChallenge', 'VerifyAuthChallengeResponse', 'UserMigration'];

/**
 * Two layouts of 200 functions: one serverless.yml holding them all (10 wired to Cognito, the rest
 * HTTP), and a monorepo of 20 services of 10 functions (one Cognito trigger each, plus a SAM template
 * and a Terraform file). Each handler file exists, as the readers look for it.
 */
function makeRepo(kind: 'one-file' | 'monorepo'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `bench-wiring-${kind}-`));
  const write = (rel: string, text: string): void => {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  };
  const service = (name: string, from: number, count: number, wired: number): string => {
    const fns: string[] = [];
    for (let i = from; i < from + count; i++) {
      const trigger = i - from < wired ? TRIGGERS[(i - from) % TRIGGERS.length] : undefined;
      fns.push(`  fn${i}:\n    handler: src/fn${i}/handler.main\n    memorySize: 256\n    timeout: 6\n    environment:\n      TABLE: \${self:service}-\${sls:stage}-table${i}\n    events:\n${trigger ? `      - cognitoUserPool:\n          pool: Users\n          trigger: ${trigger}\n          existing: true\n` : `      - httpApi:\n          path: /fn${i}\n          method: post\n`}`);
      write(`${name ? `${name}/` : ''}src/fn${i}/handler.js`, 'exports.main = async (event) => event;\n');
    }
    return `service: ${name || 'app'}\nframeworkVersion: '3'\nprovider:\n  name: aws\n  runtime: nodejs20.x\n  region: us-east-1\nfunctions:\n${fns.join('')}`;
  };
  if (kind === 'one-file') write('serverless.yml', service('', 0, FUNCTIONS, 10));
  else {
    for (let s = 0; s < 18; s++) write(`services/s${s}/serverless.yml`, service(`services/s${s}`.replace(/\//g, '-'), s * 10, 10, 1).replace(/^service: .*$/m, `service: s${s}`));
    // The last 20 functions: a SAM template and a Terraform stack.
    const sam = ['AWSTemplateFormatVersion: "2010-09-09"', 'Transform: AWS::Serverless-2016-10-31', 'Resources:'];
    for (let i = 180; i < 190; i++) {
      sam.push(`  Fn${i}:`, '    Type: AWS::Serverless::Function', '    Properties:', `      CodeUri: src/fn${i}/`, '      Handler: handler.main', '      Runtime: nodejs20.x');
      if (i === 180) sam.push('      Events:', '        Trigger:', '          Type: Cognito', '          Properties:', '            UserPool: !Ref Pool', '            Trigger: PreSignUp');
      write(`sam/src/fn${i}/handler.js`, 'exports.main = async (event) => event;\n');
    }
    sam.push('  Pool:', '    Type: AWS::Cognito::UserPool');
    write('sam/template.yaml', `${sam.join('\n')}\n`);
    const tf = ['resource "aws_cognito_user_pool" "p" {', '  lambda_config {', '    post_confirmation = aws_lambda_function.f190.arn', '  }', '}'];
    for (let i = 190; i < 200; i++) {
      tf.push(`resource "aws_lambda_function" "f${i}" {`, `  function_name = "f${i}"`, `  handler = "src/fn${i}/handler.main"`, '  runtime = "nodejs20.x"', '}');
      write(`tf/src/fn${i}/handler.js`, 'exports.main = async (event) => event;\n');
    }
    write('tf/main.tf', `${tf.join('\n')}\n`);
  }
  return dir;
}

const q = (xs: number[], p: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))] ?? NaN;
const f = (x: number): string => x.toFixed(2);

/** Times `fn` N times after 5 warm-up runs. */
async function time(fn: () => unknown): Promise<number[]> {
  for (let i = 0; i < 5; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < N; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return out;
}

async function layout(kind: 'one-file' | 'monorepo', edited: string): Promise<void> {
  const dir = makeRepo(kind);
  const yamlFiles = kind === 'one-file' ? ['serverless.yml'] : [...Array.from({ length: 18 }, (_, s) => `services/s${s}/serverless.yml`), 'sam/template.yaml'];
  // Floor: parse every YAML file with positions (the Terraform file is not YAML and is left out: a floor, not a twin).
  const floor = await time(() => {
    for (const rel of yamlFiles) parseDocument(fs.readFileSync(path.join(dir, rel), 'utf8'), { lineCounter: new LineCounter() });
  });
  let handlers = 0;
  const full = await time(async () => {
    handlers = (await new WiringCache(nodeWiringFs(dir)).read()).handlers.length;
  });
  // Incremental: one edit to one IaC file (a trigger changes), then the read that follows it.
  const cache = new WiringCache(nodeWiringFs(dir));
  await cache.read();
  const file = path.join(dir, edited);
  const original = fs.readFileSync(file, 'utf8');
  let flip = false;
  let after = 0;
  const updateOnly: number[] = [];
  // CPU time of the same updates (user + system of this process): what the update costs, whatever else
  // the machine runs; wall time on a loaded machine also counts the time other processes hold the cores.
  const updateCpu: number[] = [];
  for (let i = 0; i < N + 5; i++) {
    flip = !flip;
    // The write is outside the timing: the server learns of it from the client's file watcher.
    fs.writeFileSync(file, flip ? original.replace('trigger: PreSignUp', 'trigger: PostConfirmation') : original);
    const t = performance.now();
    const c = process.cpuUsage();
    cache.updateFile(edited, 'changed');
    after = (await cache.read()).handlers.length;
    const cpu = process.cpuUsage(c);
    // The first 5 are warm-up.
    if (i >= 5) {
      updateOnly.push(performance.now() - t);
      updateCpu.push((cpu.user + cpu.system) / 1000);
    }
  }
  fs.rmSync(dir, { recursive: true, force: true });
  const row = (what: string, xs: number[], target: string): string => [what.padEnd(58), String(xs.length).padStart(4), f(q(xs, 0.5)).padStart(8), f(q(xs, 0.95)).padStart(8), `  ${target}`].join(' ');
  console.log(`\n${kind === 'one-file' ? 'One serverless.yml with 200 functions' : 'Monorepo: 18 Serverless services, a SAM template, a Terraform stack (200 functions)'} — ${handlers} wired handler(s), ${after} after the edit (ms; Node ${process.version})`);
  console.log(['what'.padEnd(58), 'n'.padStart(4), 'p50'.padStart(8), 'p95'.padStart(8), '  target'].join(' '));
  console.log(row('floor: yaml parseDocument of the YAML files', floor, ''));
  console.log(row('ours: full read (new cache: walk, parse, resolve handlers)', full, `p50 < 300 ms: ${q(full, 0.5) < 300 ? 'met' : 'MISSED'}`));
  console.log(row(`ours: update after one edit to ${edited} (wall)`, updateOnly, `p50 < 20 ms: ${q(updateOnly, 0.5) < 20 ? 'met' : 'MISSED'}`));
  console.log(row(`ours: the same updates, CPU time (user + system)`, updateCpu, `p50 < 20 ms: ${q(updateCpu, 0.5) < 20 ? 'met' : 'MISSED'} (load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}, ${os.cpus().length} cores)`));
  console.log(`ratios (p50): full read ${f(q(full, 0.5) / q(floor, 0.5))}× the parse floor; update ${f(q(updateOnly, 0.5) / q(full, 0.5))}× our full read`);
}

async function main(): Promise<void> {
  await layout('one-file', 'serverless.yml');
  await layout('monorepo', 'services/s0/serverless.yml');
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
