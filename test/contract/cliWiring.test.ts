// The CLI's `wiring` subcommand and `check --root`, through the built dist/cli.js.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';

const CLI = path.resolve(__dirname, '..', '..', 'dist', 'cli.js');
const run = (cwd: string, ...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 30000 });

function project(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-wiring-'));
  fs.mkdirSync(path.join(dir, 'fn1'));
  fs.writeFileSync(path.join(dir, 'serverless.yml'), 'service: s\nprovider: { name: aws, runtime: nodejs20.x }\nfunctions:\n  pre:\n    handler: fn1/handler.handler\n    events: [{ cognitoUserPool: { pool: P, trigger: PreSignUp } }]\n');
  fs.writeFileSync(path.join(dir, 'fn1', 'handler.js'), 'exports.main = async (event) => event;\n');
  fs.writeFileSync(path.join(dir, 'main.tf'), 'resource "aws_cognito_user_pool" "p" {\n  lambda_config {\n    post_confirmation = aws_lambda_function.f.arn\n  }\n}\nresource "aws_lambda_function" "f" {\n  handler = "post.handler"\n  runtime = "nodejs24.x"\n}\n');
  fs.writeFileSync(path.join(dir, 'post.js'), 'exports.handler = async (event) => event;\n');
  return dir;
}

test('wiring --json lists each wired handler with trigger, export, runtime and evidence, from the bundled readers (Terraform too)', () => {
  const dir = project();
  const r = run(os.tmpdir(), 'wiring', '--json', '--root', dir);
  assert.equal(r.status, 0, r.stderr);
  const w = JSON.parse(r.stdout) as { handlers: { file: string; export: string; trigger: string; runtime: string; evidence: { fact: string; file: string; line: number }[] }[]; unresolved: unknown[] };
  assert.deepEqual(w.handlers.map((h) => `${h.file}#${h.export} ${h.trigger} ${h.runtime}`).sort(), ['fn1/handler.js#handler PreSignUp nodejs20.x', 'post.js#handler PostConfirmation nodejs24.x']);
  assert.ok(w.handlers.every((h) => h.evidence.some((e) => e.fact === 'trigger' && e.line > 0)));
  assert.deepEqual(w.unresolved, []);
});

test('wiring: a missing --root is a usage error', () => {
  const r = run(os.tmpdir(), 'wiring', '--root', path.join(os.tmpdir(), 'no-such-folder-for-wiring'));
  assert.equal(r.status, 2);
  assert.match(r.stderr, /no such folder/);
});

test('check --root reads the wiring: the export serverless.yml names is missing', () => {
  const dir = project();
  const r = run(dir, 'check', 'fn1/handler.js', '--root', '.');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /fn1\/handler\.js:1:1 warning handler\/wired-export-missing serverless\.yml:6 binds functions\.pre to PreSignUp of P names export 'handler'/);
});

test('check --json reports per handler the trigger, export, runtime and the IaC evidence (file:line)', () => {
  const dir = project();
  // fn1/handler.js exports main, the wiring names handler: give it the wired export too.
  fs.writeFileSync(path.join(dir, 'fn1', 'handler.js'), 'exports.handler = async (event) => {\n  event.response.autoConfirmUser = true;\n  return event;\n};\n');
  const r = run(dir, 'check', 'fn1/handler.js', 'post.js', '--root', '.', '--json');
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { findings: unknown[]; handlers: { rootPath: string; export: string; line: number; found: boolean; triggers: string[]; signal: string; runtime: { id: string; from: string; evidence: string }; wiring: { kind: string; trigger: string; lambdaConfigKey: string; evidence: { fact: string; file: string; line: number; text: string }[] }[] }[] };
  assert.deepEqual(out.findings, []);
  const byFile = Object.fromEntries(out.handlers.map((h) => [h.rootPath, h]));
  const pre = byFile['fn1/handler.js'];
  assert.ok(pre, JSON.stringify(out.handlers));
  assert.deepEqual([pre.export, pre.line, pre.found, pre.triggers, pre.signal], ['handler', 1, true, ['PreSignUp'], 'binding']);
  assert.deepEqual(pre.runtime, { id: 'nodejs20.x', from: 'iac', evidence: 'serverless.yml:2' });
  assert.deepEqual(pre.wiring.map((w) => [w.kind, w.trigger, w.lambdaConfigKey]), [['serverless', 'PreSignUp', 'PreSignUp']]);
  assert.deepEqual(pre.wiring[0]?.evidence.find((e) => e.fact === 'trigger'), { fact: 'trigger', file: 'serverless.yml', line: 6, text: 'binds functions.pre to PreSignUp of P' });
  const post = byFile['post.js'];
  assert.ok(post);
  assert.deepEqual([post.export, post.triggers, post.runtime.id, post.runtime.evidence], ['handler', ['PostConfirmation'], 'nodejs24.x', 'main.tf:8']);
  assert.equal(post.wiring[0]?.kind, 'terraform');
  // --format json keeps its findings array.
  assert.deepEqual(JSON.parse(run(dir, 'check', 'post.js', '--root', '.', '--format', 'json').stdout), []);
});

test('check --json lists a wired export the file lacks as not found', () => {
  const dir = project();
  const r = run(dir, 'check', 'fn1/handler.js', '--root', '.', '--json');
  const out = JSON.parse(r.stdout) as { handlers: { export: string; found: boolean; triggers: string[]; line?: number }[] };
  assert.deepEqual(out.handlers.map((h) => [h.export, h.found, h.triggers, h.line]), [['main', true, [], 1], ['handler', false, ['PreSignUp'], undefined]]);
});

test('invoke warns when the wired Node.js runtime is another major than the local Node.js; not when it is the same', () => {
  const major = Number(process.versions.node.split('.')[0]);
  const other = `nodejs${major === 22 ? 20 : 22}.x`;
  const dir = project();
  fs.writeFileSync(path.join(dir, 'serverless.yml'), fs.readFileSync(path.join(dir, 'serverless.yml'), 'utf8').replace('nodejs20.x', other));
  fs.writeFileSync(path.join(dir, 'fn1', 'handler.js'), 'exports.handler = async (event) => event;\n');
  const r = run(dir, 'invoke', 'fn1/handler.js', '--source', 'PreSignUp_SignUp');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, new RegExp(`! The function is deployed on ${other.replace('.', '\\.')} \\(Node\\.js \\d+\\) but ran here on Node\\.js ${process.versions.node.replace(/\./g, '\\.')}`));
  assert.match(r.stdout, /docs\.aws\.amazon\.com\/lambda\/latest\/dg\/lambda-nodejs\.html/);
  const json = JSON.parse(run(dir, 'invoke', 'fn1/handler.js', '--source', 'PreSignUp_SignUp', '--json').stdout) as { summary: { lines: { text: string; severity: string }[] } };
  assert.ok(json.summary.lines.some((l) => l.severity === 'warning' && l.text.includes(`deployed on ${other}`)));
  fs.writeFileSync(path.join(dir, 'serverless.yml'), fs.readFileSync(path.join(dir, 'serverless.yml'), 'utf8').replace(other, `nodejs${major}.x`));
  const same = run(dir, 'invoke', 'fn1/handler.js', '--source', 'PreSignUp_SignUp');
  assert.equal(same.status, 0, same.stderr);
  assert.doesNotMatch(same.stdout, /deployed on/);
});

// The default root without --root (README "Project root"): .git or cognito-triggers.json, else an IaC file,
// else package.json, else the working directory. The temporary folders have no .git above them.
test('wiring and check without --root, run from a sub-folder, read the project root (the folder with the IaC file, past a nearer package.json)', () => {
  const dir = project();
  const sub = path.join(dir, 'fn1', 'src');
  fs.mkdirSync(sub);
  fs.writeFileSync(path.join(dir, 'fn1', 'package.json'), '{ "name": "fn1" }\n');
  assert.ok(!fs.existsSync(path.join(os.tmpdir(), '.git')) && !fs.existsSync('/.git'), 'the test needs a temporary folder outside any repository');
  const w = run(sub, 'wiring', '--json');
  assert.equal(w.status, 0, w.stderr);
  const out = JSON.parse(w.stdout) as { root: string; handlers: { file: string }[] };
  assert.equal(fs.realpathSync(out.root), fs.realpathSync(dir));
  assert.deepEqual(out.handlers.map((h) => h.file).sort(), ['fn1/handler.js', 'post.js']);
  // check from fn1/: the file argument is relative to the working directory, the wiring comes from the project root.
  const c = run(path.join(dir, 'fn1'), 'check', 'handler.js');
  assert.equal(c.status, 0, c.stderr);
  assert.match(c.stdout, /handler\.js:1:1 warning handler\/wired-export-missing serverless\.yml:6 binds functions\.pre/);
  // Without an IaC file above, the nearest package.json is the root; its wiring is empty.
  fs.rmSync(path.join(dir, 'serverless.yml'));
  fs.rmSync(path.join(dir, 'main.tf'));
  const p = run(sub, 'wiring', '--json');
  assert.equal(fs.realpathSync((JSON.parse(p.stdout) as { root: string }).root), fs.realpathSync(path.join(dir, 'fn1')));
  // A bindings file marks the root as .git does.
  fs.writeFileSync(path.join(sub, 'cognito-triggers.json'), '{}\n');
  assert.equal(fs.realpathSync((JSON.parse(run(sub, 'wiring', '--json').stdout) as { root: string }).root), fs.realpathSync(sub));
});
