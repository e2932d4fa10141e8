// Scaffold: every trigger in every language produces a handler that type-checks (TS), whose generated
// node:test test passes, and whose answer to the sample events Cognito would accept. Never overwrites.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { buildSync } from 'esbuild';
import ts from 'typescript';
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
  for (const lang of ['cjs', 'esm'] as const) {
    it(`the generated ${lang} tests pass with node --test`, () => {
      const tests = [...planned.entries()].filter(([k]) => k.startsWith(`${lang}:`) && (dynamoAvailable || !k.endsWith('PostConfirmation'))).map(([, f]) => (f.find((x) => x.role === 'test') as PlannedFile).path);
      // Without NODE_TEST_CONTEXT the child reports as a top-level run (TAP), not as our subtest.
      const env = { ...process.env };
      delete env.NODE_TEST_CONTEXT;
      const r = spawnSync(process.execPath, ['--test', '--test-reporter=tap', ...tests], { encoding: 'utf8', cwd: path.join(BASE, lang), timeout: 120000, env });
      assert.equal(r.status, 0, r.stdout.split('\n').filter((l) => /not ok|Error|expected|actual/.test(l)).slice(0, 30).join('\n'));
      assert.ok(Number(/# pass (\d+)/.exec(r.stdout)?.[1]) >= tests.length, r.stdout.slice(-300));
      assert.match(r.stdout, /# fail 0/);
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
        const r = await invokeLocal(invoker, { file: handler.path, handlerName: 'handler', event: JSON.parse(ev.content), triggerId: t.id, folder: path.join(BASE, 'ts'), settings: { ...defaultSettings().invoke, envFile: '' }, warm: true });
        const errors = r.issues.filter((i) => i.severity === 'error');
        if (!r.summary.succeeds && !(t.id === 'DefineAuthChallenge' && r.summary.headline.includes('fails'))) failures.push(`${t.id} ${ev.rel}: ${r.summary.headline}`);
        if (errors.length) failures.push(`${t.id} ${ev.rel}: ${errors.map((e) => `${e.path.join('.')} ${e.message}`).join('; ')}`);
      }
    }
    assert.deepEqual(failures, []);
  });
});
