// `cognito-triggers check` for CI, as users run it (the built dist/cli.js): formats, output file, SARIF
// validated against the official 2.1.0 schema, suppressions, the cognito-triggers.json "check" section,
// globs and unmatched patterns, no file cap, --root, and inputs that cannot be events.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import Ajv from 'ajv-draft-04';
import { parse as parseYaml } from 'yaml';
import { ensureBuilt } from '../ensureBuilt';

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const FIX = path.join(ROOT, 'test', 'fixtures', 'invoke');
const TYPO = path.join(FIX, 'check', 'preSignUp.js');
let project = '';

function cli(cwd: string, ...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 120000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A project folder: a handler with a typo, an event with an error, and a bindings file. */
function write(rel: string, text: string): string {
  const file = path.join(project, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

before(() => {
  ensureBuilt();
  project = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-check-'));
  write('src/preSignUp.js', fs.readFileSync(TYPO, 'utf8'));
  write('events/PreSignUp/bad.json', fs.readFileSync(path.join(FIX, 'check', 'bad-response.json'), 'utf8'));
});
after(() => fs.rmSync(project, { recursive: true, force: true }));

describe('formats', () => {
  it('compact: file:line:col: severity code message (Vim quickfix, Emacs compilation mode)', () => {
    const r = cli(project, 'check', 'src', '--format', 'compact');
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^src\/preSignUp\.js:3:18: error handler\/unknown-field 'autoConfirmUsr' is not a field/m);
  });
  it('stylish: a heading per file and aligned rows', () => {
    const r = cli(project, 'check', 'src', 'events', '--format', 'stylish');
    assert.match(r.stdout, /^src\/preSignUp\.js\n {2}3:18 {2}error {2}'autoConfirmUsr'.* {2}handler\/unknown-field$/m);
    assert.match(r.stdout, /^events\/PreSignUp\/bad\.json\n {2}9:36 {2}error {2}response\.autoConfirmUser must be a boolean.* {2}wrong-type$/m);
    assert.match(r.stdout, /✖ 2 problem\(s\) \(2 error\(s\), 0 warning\(s\)\)/);
  });
  it('github: ::error workflow commands with end positions and a title', () => {
    const r = cli(project, 'check', 'src', '--format', 'github');
    assert.equal(r.stdout.trim().split('\n').length, 1);
    assert.match(r.stdout, /^::error file=src\/preSignUp\.js,line=3,col=18,endLine=3,endColumn=32,title=cognito-triggers handler\/unknown-field::'autoConfirmUsr' is not a field .*\(https:\/\/docs\.aws\.amazon\.com\/cognito\/[^)]+\)$/m);
  });
  it('json: end positions, severity, the rule documentation URL and the fix', () => {
    const r = cli(project, 'check', 'src', '--format', 'json');
    const [f] = JSON.parse(r.stdout) as { endLine: number; endColumn: number; severity: string; docUrl: string; ruleDocs: string; fix: { edits: { text: string; column: number; endColumn: number }[] } }[];
    assert.ok(f);
    assert.deepEqual([f.endLine, f.endColumn, f.severity], [3, 32, 'error']);
    assert.match(f.docUrl, /^https:\/\/docs\.aws\.amazon\.com\/cognito\//);
    assert.match(f.ruleDocs, /^docs\/rules\.md#/);
    assert.deepEqual(f.fix.edits, [{ line: 3, column: 18, endLine: 3, endColumn: 32, text: 'autoConfirmUser' }]);
  });
  it('--output-file writes the report there and keeps stdout empty', () => {
    const out = path.join(project, 'reports', 'check.txt');
    const r = cli(project, 'check', 'src', '--format', 'compact', '--output-file', out);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.match(fs.readFileSync(out, 'utf8'), /preSignUp\.js:3:18: error/);
    assert.match(r.stderr, /Written to /);
  });
  it('an unknown format is a usage error (exit 2)', () => {
    const r = cli(project, 'check', 'src', '--format', 'xml');
    assert.equal(r.code, 2);
    assert.match(r.stderr, /Allowed choices are text, stylish, compact, json, github, sarif/);
  });
});

describe('SARIF 2.1.0', () => {
  it('validates against the official schema, with rule metadata, end positions and fixes', () => {
    const out = path.join(project, 'results.sarif');
    const r = cli(project, 'check', 'src', 'events', '--format', 'sarif', '--output-file', out);
    assert.equal(r.code, 1, r.stderr);
    const log = JSON.parse(fs.readFileSync(out, 'utf8')) as Record<string, unknown>;
    // The schema shipped by Microsoft's SARIF tooling (the 2.1.0 RTM 5 schema on schemastore).
    const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', '@microsoft', 'jest-sarif', 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json'), 'utf8')) as Record<string, unknown>;
    // unicodeRegExp off: one of the schema's patterns is valid only without the u flag.
    const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false });
    const validate = ajv.compile(schema);
    assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
    const run = (log.runs as { tool: { driver: { name: string; version: string; rules: { id: string; helpUri?: string; shortDescription?: { text: string }; help?: { markdown?: string } }[] } }; results: { ruleId: string; ruleIndex: number; locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: Record<string, number> } }[]; fixes?: unknown[] }[] }[])[0];
    assert.ok(run);
    assert.equal(run.tool.driver.name, 'cognito-triggers');
    assert.equal(run.tool.driver.version, (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version);
    const rule = run.tool.driver.rules.find((x) => x.id === 'handler/unknown-field');
    assert.ok(rule?.helpUri?.startsWith('https://'), JSON.stringify(rule));
    assert.ok(rule?.shortDescription?.text && rule.help?.markdown, 'name and help text from the rule registry');
    const result = run.results.find((x) => x.ruleId === 'handler/unknown-field');
    assert.ok(result);
    assert.equal(run.tool.driver.rules[result.ruleIndex]?.id, 'handler/unknown-field');
    assert.deepEqual(result.locations[0]?.physicalLocation.artifactLocation, { uri: 'src/preSignUp.js', uriBaseId: 'SRCROOT', index: 0 });
    assert.deepEqual(result.locations[0]?.physicalLocation.region, { startLine: 3, startColumn: 18, endLine: 3, endColumn: 32 });
    assert.equal(result.fixes?.length, 1);
  });
  it('a run with no findings is valid SARIF too', () => {
    const clean = path.join(FIX, 'events', 'PreSignUp_SignUp.json');
    const r = cli(project, 'check', clean, '--format', 'sarif', '--root', path.dirname(clean));
    assert.equal(r.code, 0, r.stderr);
    const log = JSON.parse(r.stdout) as { version: string; runs: { results: unknown[] }[] };
    assert.equal(log.version, '2.1.0');
    assert.deepEqual(log.runs[0]?.results, []);
  });
});

describe('inline suppression and the cognito-triggers.json "check" section', () => {
  it('a disable-next-line comment with a reason suppresses the finding; an unused one and a missing reason are reported', () => {
    const file = write('suppress/preSignUp.js', `// @cognito-trigger PreSignUp\nexports.handler = async (event) => {\n  // cognito-triggers-disable-next-line handler/unknown-field -- set by our own middleware\n  event.response.autoConfirmUsr = true;\n  // cognito-triggers-disable-next-line handler/no-return\n  event.response.autoConfirmUser = true;\n  return event;\n};\n`);
    const r = cli(project, 'check', file, '--format', 'json', '--root', project);
    const codes = (JSON.parse(r.stdout) as { code: string; line: number }[]).map((f) => [f.code, f.line]);
    assert.deepEqual(codes, [['suppression/unused', 5], ['suppression/missing-reason', 5]]);
    assert.equal(r.code, 0, 'only warnings remain');
  });
  it('Python: `# cognito-triggers: disable=` suppresses the next line only', () => {
    const file = write('py/preSignUp.py', 'def lambda_handler(event, context):\n    # cognito-triggers: disable=handler/unknown-field -- experimental flag\n    event["response"]["autoConfirmUsr"] = True\n    event["response"]["autoVerifyEmai"] = True\n    return event\n');
    const r = cli(project, 'check', file, '--format', 'json', '--root', project);
    assert.deepEqual((JSON.parse(r.stdout) as { code: string; line: number }[]).map((f) => [f.code, f.line]), [['handler/unknown-field', 4]]);
  });
  it('rule severities and ignore globs from the config', () => {
    const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-check-config-'));
    try {
      fs.mkdirSync(path.join(ws, 'src'));
      fs.mkdirSync(path.join(ws, 'generated'));
      // The file name tells the handler's trigger (pre sign-up).
      fs.copyFileSync(TYPO, path.join(ws, 'src', 'preSignUp.js'));
      fs.copyFileSync(TYPO, path.join(ws, 'generated', 'preSignUp.js'));
      fs.writeFileSync(path.join(ws, 'cognito-triggers.json'), JSON.stringify({ check: { rules: { 'handler/unknown-field': 'warning' }, ignore: ['generated/**'] } }));
      const r = cli(ws, 'check', '.', '--format', 'json');
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual((JSON.parse(r.stdout) as { file: string; severity: string }[]).map((f) => [f.file, f.severity]), [['src/preSignUp.js', 'warning']]);
      // Two files read: src/preSignUp.js and cognito-triggers.json (not an event); generated/ is skipped.
      assert.match(cli(ws, 'check', '.').stderr, /2 file\(s\) checked: 0 error\(s\), 1 warning\(s\)\. 1 ignored by cognito-triggers\.json\./);
      fs.writeFileSync(path.join(ws, 'cognito-triggers.json'), JSON.stringify({ check: { rules: { 'handler/unknown-field': 'off' } } }));
      assert.deepEqual(JSON.parse(cli(ws, 'check', '.', '--format', 'json').stdout), []);
      fs.writeFileSync(path.join(ws, 'cognito-triggers.json'), JSON.stringify({ check: { rules: { 'handler/no-such-rule': 'off', 'handler/unknown-field': 'loud' } } }));
      const bad = cli(ws, 'check', '.');
      assert.equal(bad.code, 2);
      assert.match(bad.stderr, /check\.rules\.handler\/no-such-rule: Unknown rule/);
      assert.match(bad.stderr, /check\.rules\.handler\/unknown-field: Expected one of "off", "error"/);
    } finally {
      fs.rmSync(ws, { recursive: true, force: true });
    }
  });
});

describe('files, patterns and --root', () => {
  it('globs are expanded; a pattern that matches nothing is exit 2 unless --no-error-on-unmatched-pattern', () => {
    const g = cli(project, 'check', 'src/**/*.js', '--format', 'compact');
    assert.match(g.stdout, /src\/preSignUp\.js:3:18:/);
    const none = cli(project, 'check', 'lib/**/*.ts');
    assert.equal(none.code, 2);
    assert.match(none.stderr, /no handler or event file matches: lib\/\*\*\/\*\.ts/);
    const allowed = cli(project, 'check', 'lib/**/*.ts', '--no-error-on-unmatched-pattern');
    assert.equal(allowed.code, 0, allowed.stderr);
    assert.match(allowed.stderr, /0 file\(s\) checked/);
    fs.mkdirSync(path.join(project, 'empty'), { recursive: true });
    assert.equal(cli(project, 'check', 'empty').code, 2, 'an empty folder matches nothing');
  });
  it('every matched file is checked: no cap at 5,000', () => {
    const big = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-check-big-'));
    try {
      for (let d = 0; d < 26; d++) {
        const dir = path.join(big, `d${String(d).padStart(2, '0')}`);
        fs.mkdirSync(dir);
        for (let i = 0; i < 200; i++) fs.writeFileSync(path.join(dir, `f${i}.json`), '{}');
      }
      // Last in walk order: found only if all 5,200 files before it are read.
      fs.mkdirSync(path.join(big, 'zz'));
      fs.copyFileSync(TYPO, path.join(big, 'zz', 'preSignUp.js'));
      const r = cli(big, 'check', '.', '--format', 'compact');
      assert.match(r.stderr, /^5201 file\(s\) checked: 1 error\(s\)/m);
      assert.match(r.stdout, /zz\/preSignUp\.js:3:18:/);
    } finally {
      fs.rmSync(big, { recursive: true, force: true });
    }
  });
  it('--root makes the verdict independent of the working directory', () => {
    // A JSON file that is an event only by the default "**/events/**" glob: relative to the root it is.
    const ev = path.join(project, 'events', 'PreSignUp', 'bad.json');
    const fromInside = cli(path.join(project, 'events'), 'check', ev, '--root', project, '--format', 'json');
    const fromElsewhere = cli(os.tmpdir(), 'check', ev, '--root', project, '--format', 'json');
    const strip = (s: string) => (JSON.parse(s) as { rootPath: string; code: string; line: number }[]).map((f) => [f.rootPath, f.code, f.line]);
    assert.deepEqual(strip(fromInside.stdout), [['events/PreSignUp/bad.json', 'wrong-type', 9]]);
    assert.deepEqual(strip(fromElsewhere.stdout), strip(fromInside.stdout));
    assert.equal(fromInside.code, fromElsewhere.code);
    assert.equal(cli(project, 'check', 'src', '--root', path.join(project, 'nope')).code, 2);
  });
});

describe('inputs that cannot be events', () => {
  it('invoke refuses a JSON array and an event over Lambda\'s 6 MB payload limit (exit 2)', () => {
    const arr = write('inputs/array.json', '[{"triggerSource":"PreSignUp_SignUp"}]');
    const r = cli(project, 'invoke', path.join(FIX, 'async.js'), '--event', arr);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /The event must be a JSON object.*this file holds an array/);
    const huge = write('inputs/huge.json', `{"triggerSource":"PreSignUp_SignUp","pad":"${'x'.repeat(6_291_456)}"}`);
    const h = cli(project, 'invoke', path.join(FIX, 'async.js'), '--event', huge);
    assert.equal(h.code, 2);
    assert.match(h.stderr, /Lambda refuses a synchronous payload over 6 MB \(6,291,456 bytes\)/);
  });
  it('check reports an event file over 6 MB without parsing it', () => {
    const huge = write('events/PreSignUp/huge.json', `{"triggerSource":"PreSignUp_SignUp","pad":"${'x'.repeat(6_291_456)}"}`);
    const r = cli(project, 'check', huge, '--format', 'compact');
    assert.equal(r.code, 1);
    assert.match(r.stdout, /huge\.json:1:1: error payload-too-large The file is 6,291,\d{3} bytes/);
    fs.rmSync(huge);
  });
});

describe('the pre-commit hook definition', () => {
  const hooks = parseYaml(fs.readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string; entry: string; language: string; files: string; exclude: string }[];
  const hook = hooks.find((h) => h.id === 'cognito-triggers-check');
  it('selects handler and event files, not declarations or package manifests', () => {
    assert.ok(hook);
    const files = new RegExp(hook.files);
    const exclude = new RegExp(hook.exclude);
    const picked = (f: string): boolean => files.test(f) && !exclude.test(f);
    assert.deepEqual(['src/a.js', 'src/b.mts', 'src/c.tsx', 'events/PreSignUp/x.json', 'types.d.ts', 'package.json', 'README.md', 'tsconfig.json'].filter(picked), ['src/a.js', 'src/b.mts', 'src/c.tsx', 'events/PreSignUp/x.json']);
  });
  it('its entry is a valid check command line: staged files appended, exit 1 on an error', () => {
    assert.ok(hook);
    const [npx, noInstall, bin, ...args] = hook.entry.split(' ');
    assert.deepEqual([npx, noInstall, bin], ['npx', '--no-install', 'cognito-triggers']);
    const r = cli(project, ...args, 'src/preSignUp.js');
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^src\/preSignUp\.js:3:18: error/m);
  });
});
