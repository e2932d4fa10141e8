// Scaffold: every trigger in every language produces a handler that type-checks (TS), whose generated
// node:test test passes, and whose answer to the sample events Cognito would accept. Never overwrites.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { buildSync } from 'esbuild';
import ts from 'typescript';
import { startLocalKms, DUMMY_CREDENTIALS, type LocalKms } from '../../server/src/core/flows/kms';
import { DEFAULT_LOCAL_KEY_ARN, invokeWithSenderCrypto, isSenderEvent } from '../../server/src/core/flows/kms/invoke';
import { invokeLocal, LocalInvoker } from '../../server/src/core/invoke';
import { TRIGGERS } from '../../server/src/core/model';
import { planScaffold, writeScaffold, type PlannedFile } from '../../server/src/core/scaffold';
import { defaultSettings } from '../../server/src/core/settings';

const ROOT = path.resolve(__dirname, '..', '..');
// Inside the repository (ignored .cache) so that generated code resolves @types/aws-lambda from node_modules;
// one folder per process because .cache may be a link shared by several checkouts running this test at once.
const BASE = path.join(ROOT, '.cache', `test-scaffold-${process.pid}`);
const LANGS = ['cjs', 'esm', 'ts'] as const;
const planned = new Map<string, PlannedFile[]>();
/** The generated PostConfirmation handler needs @aws-sdk/client-dynamodb where the generated code resolves it (BASE may be a link out of the repository). */
function resolvesFromBase(id: string): boolean {
  try {
    fs.mkdirSync(BASE, { recursive: true });
    require.resolve(id, { paths: [fs.realpathSync(BASE)] });
    return true;
  } catch {
    return false;
  }
}
const dynamoAvailable = resolvesFromBase('@aws-sdk/client-dynamodb');

before(() => {
  fs.rmSync(BASE, { recursive: true, force: true });
  for (const lang of LANGS) {
    const folder = path.join(BASE, lang);
    fs.mkdirSync(folder, { recursive: true });
    for (const t of TRIGGERS) {
      const files = planScaffold({ folder, triggerId: t.id, sources: t.sources.map((s) => s.value), language: lang });
      writeScaffold(files);
      planned.set(`${lang}:${t.id}`, files);
    }
  }
});
after(() => fs.rmSync(BASE, { recursive: true, force: true }));

describe('scaffold', () => {
  it('writes a handler, one sample event per source and a test', () => {
    const files = planned.get('cjs:PreSignUp') ?? [];
    assert.deepEqual(files.map((f) => [f.role, f.rel]), [
      ['handler', 'src/preSignUp.js'],
      ['event', 'events/PreSignUp/PreSignUp_SignUp.json'],
      ['event', 'events/PreSignUp/PreSignUp_AdminCreateUser.json'],
      ['event', 'events/PreSignUp/PreSignUp_ExternalProvider.json'],
      ['test', 'test/preSignUp.test.js'],
    ]);
    assert.ok(files.every((f) => fs.existsSync(f.path)));
  });
  it('never overwrites a file unless asked', () => {
    const folder = path.join(BASE, 'cjs');
    const again = planScaffold({ folder, triggerId: 'PreSignUp', sources: ['PreSignUp_SignUp'], language: 'cjs' });
    assert.ok(again.every((f) => f.exists));
    const handler = again.find((f) => f.role === 'handler') as PlannedFile;
    fs.writeFileSync(handler.path, '// edited by the user\n');
    assert.deepEqual(writeScaffold(again), []);
    assert.equal(fs.readFileSync(handler.path, 'utf8'), '// edited by the user\n');
    assert.deepEqual(writeScaffold(again, new Set([handler.path])), [handler.path]);
    assert.match(fs.readFileSync(handler.path, 'utf8'), /auto-confirm/);
  });
  it('rejects an unknown source with the valid ones', () => {
    assert.throws(() => planScaffold({ folder: BASE, triggerId: 'PreSignUp', sources: ['PreSignUp_Nope'], language: 'ts' }), /PreSignUp_Nope is not a triggerSource of PreSignUp: PreSignUp_SignUp/);
  });
  it('TypeScript handlers type-check strictly against @types/aws-lambda', () => {
    const roots = [...planned.entries()].filter(([k]) => k.startsWith('ts:')).map(([, f]) => (f.find((x) => x.role === 'handler') as PlannedFile).path);
    const program = ts.createProgram(roots.filter((r) => dynamoAvailable || !r.endsWith('postConfirmation.ts')), {
      strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.Node16, moduleResolution: ts.ModuleResolutionKind.Node16, types: ['node', 'aws-lambda'], skipLibCheck: true,
    });
    const diags = ts.getPreEmitDiagnostics(program).map((d) => `${d.file?.fileName ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    assert.deepEqual(diags, []);
  });
  // The sender tests encrypt request.code through KMS and the handlers decrypt it: here through the local KMS.
  let kms: LocalKms;
  before(async () => {
    kms = await startLocalKms([DEFAULT_LOCAL_KEY_ARN]);
  });
  after(() => kms.stop());
  for (const lang of ['cjs', 'esm'] as const) {
    it(`the generated ${lang} tests pass with node --test (senders decrypt through the local KMS)`, async () => {
      const tests = [...planned.entries()].filter(([k]) => k.startsWith(`${lang}:`) && (dynamoAvailable || !k.endsWith('PostConfirmation'))).map(([, f]) => (f.find((x) => x.role === 'test') as PlannedFile).path);
      // Without NODE_TEST_CONTEXT the child reports as a top-level run (TAP), not as our subtest.
      const env: NodeJS.ProcessEnv = { ...process.env, KEY_ARN: DEFAULT_LOCAL_KEY_ARN, AWS_ENDPOINT_URL_KMS: kms.endpoint, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: DUMMY_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: DUMMY_CREDENTIALS.secretAccessKey };
      delete env.NODE_TEST_CONTEXT;
      delete env.AWS_SESSION_TOKEN;
      delete env.AWS_PROFILE;
      const before = kms.calls.length;
      // Asynchronous: the local KMS answers from this process while the child runs.
      const r = await new Promise<{ status: number | null; stdout: string }>((resolve) => {
        const child = spawn(process.execPath, ['--test', '--test-reporter=tap', ...tests], { cwd: path.join(BASE, lang), env });
        let stdout = '';
        child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
        child.on('close', (status) => resolve({ status, stdout }));
      });
      assert.equal(r.status, 0, r.stdout.split('\n').filter((l) => /not ok|Error|expected|actual/.test(l)).slice(0, 30).join('\n'));
      assert.ok(Number(/# pass (\d+)/.exec(r.stdout)?.[1]) >= tests.length, r.stdout.slice(-300));
      assert.match(r.stdout, /# fail 0/);
      assert.match(r.stdout, /# skipped 0/, 'no sender test may be skipped: they run against the local KMS');
      // Each sender test encrypted its code (GenerateDataKey) and the handler decrypted it (Decrypt).
      const calls = kms.calls.slice(before);
      assert.ok(calls.filter((c) => c.endsWith('GenerateDataKey')).length >= 2, calls.join(', '));
      assert.ok(calls.filter((c) => c.endsWith('.Decrypt')).length >= 2, calls.join(', '));
    });
  }
});

describe('scaffolded handlers, invoked with Cognito’s rules', () => {
  const runner = path.join(BASE, 'runner.js');
  let invoker: LocalInvoker;
  before(() => {
    buildSync({ entryPoints: [path.join(ROOT, 'server/src/core/invoke/runner/main.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: runner, logLevel: 'error' });
    invoker = new LocalInvoker(runner);
  });
  after(() => invoker.dispose());
  it('every trigger’s TypeScript handler answers its sample events in a way Cognito accepts', async () => {
    const failures: string[] = [];
    for (const t of TRIGGERS) {
      // Its handler writes to DynamoDB, which a local invoke cannot reach without AWS; its generated test mocks the client instead.
      if (t.id === 'PostConfirmation') continue;
      const files = planned.get(`ts:${t.id}`) ?? [];
      const handler = files.find((f) => f.role === 'handler') as PlannedFile;
      for (const ev of files.filter((f) => f.role === 'event')) {
        const event: unknown = JSON.parse(ev.content);
        // Sender events get their code encrypted under a local KMS key, as `invoke` does; the handler decrypts it.
        const r = await invokeWithSenderCrypto(event, {}, t.id, (e, env) => invokeLocal(invoker, { file: handler.path, handlerName: 'handler', event: e, triggerId: t.id, folder: path.join(BASE, 'ts'), settings: { ...defaultSettings().invoke, envFile: '', env }, warm: true }));
        const req = (event as { request?: { code?: unknown; userAttributes?: Record<string, unknown> } }).request;
        const recipient = t.id === 'CustomEmailSender' ? req?.userAttributes?.email : req?.userAttributes?.phone_number;
        if (isSenderEvent(event, t.id) && req?.code && recipient && !r.summary.lines.some((l) => /output contains the code/.test(l.text))) failures.push(`${t.id} ${ev.rel}: the handler did not decrypt the code (${r.logs.trim()})`);
        const errors = r.issues.filter((i) => i.severity === 'error');
        if (!r.summary.succeeds && !(t.id === 'DefineAuthChallenge' && r.summary.headline.includes('fails'))) failures.push(`${t.id} ${ev.rel}: ${r.summary.headline}`);
        if (errors.length) failures.push(`${t.id} ${ev.rel}: ${errors.map((e) => `${e.path.join('.')} ${e.message}`).join('; ')}`);
      }
    }
    assert.deepEqual(failures, []);
  });
});
