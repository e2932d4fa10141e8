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
  assert.match(r.stdout, /fn1\/handler\.js:1:1 warning handler\/wired-export-missing serverless\.yml:6 binds functions\.pre to PreSignUp of P names export `handler`/);
});
