// A real headless Neovim (Debian's package; .ci/run installs it) against the built language server:
// completion, hover, diagnostics, a code action applied, a code lens command, pushed settings.
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { ensureBuilt } from '../../ensureBuilt';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const hasNvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' }).status === 0;
// CI must run it; a developer without Neovim sees why it is skipped.
const skip = !hasNvim && process.env.CI !== 'true' ? 'nvim is not installed (apt-get install neovim)' : false;

interface NvimAnswers {
  error?: string;
  filetype: string;
  execute_commands: string[];
  diagnostics: { code: string; line: number; message: string }[];
  completion: string[];
  hover: string;
  actions: string[];
  after_fix?: string[];
  diagnostics_after_fix?: number;
  lens: string;
  messages: string[];
  json_completion: string[];
}

describe('Neovim (built-in LSP client)', { skip }, () => {
  let answers: NvimAnswers;
  let version = '';
  before(async () => {
    ensureBuilt();
    version = spawnSync('nvim', ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0] ?? '';
    const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-nvim-'));
    fs.mkdirSync(path.join(ws, 'src'));
    fs.mkdirSync(path.join(ws, 'samples'));
    // The bindings file makes src/bound.js a PostConfirmation handler (two request fields, not twenty).
    fs.writeFileSync(path.join(ws, 'cognito-triggers.json'), JSON.stringify({ handlers: [{ file: 'src/bound.js', handler: 'handler', functionName: 'fn', trigger: 'PostConfirmation' }] }));
    fs.writeFileSync(path.join(ws, 'src', 'bound.js'), 'exports.handler = async (event) => {\n  const x = event.request.;\n  const a = event.request.userAttributes;\n  const b = event.request.clientMetdata;\n  return event;\n};\n');
    fs.writeFileSync(path.join(ws, 'samples', 'blank.json'), '{\n  ""\n}\n');
    const result = path.join(ws, 'result.json');
    const driver = path.join(__dirname, 'nvim-driver.lua');
    const code = await new Promise<number | null>((resolve) => {
      const child = spawn('nvim', ['--headless', '--clean', '-n', '-c', `luafile ${driver}`], {
        cwd: ws,
        env: { ...process.env, CT_NODE: process.execPath, CT_CLI: path.join(ROOT, 'dist', 'cli.js'), CT_ROOT: ws, CT_RESULT: result, XDG_CONFIG_HOME: path.join(ws, 'config'), XDG_STATE_HOME: path.join(ws, 'state'), XDG_DATA_HOME: path.join(ws, 'data') },
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      // A hung editor fails the test instead of blocking CI (each wait inside has its own limit).
      const guard = setTimeout(() => child.kill('SIGKILL'), 120000);
      child.on('exit', (c) => {
        clearTimeout(guard);
        resolve(c);
      });
    });
    assert.ok(fs.existsSync(result), `Neovim wrote no result (exit ${code})`);
    answers = JSON.parse(fs.readFileSync(result, 'utf8')) as NvimAnswers;
    fs.rmSync(ws, { recursive: true, force: true });
    assert.equal(answers.error, undefined, answers.error);
    assert.equal(code, 0);
  });

  it(`runs (${version || 'nvim'})`, () => {
    assert.equal(answers.filetype, 'javascript');
    assert.ok(answers.execute_commands.includes('cognitoTriggers.invokeLocal'));
  });
  it('completion: the bound trigger’s request fields', () => {
    assert.deepEqual(answers.completion, ['clientMetadata', 'userAttributes']);
  });
  it('hover: the field’s documentation', () => {
    assert.match(answers.hover, /userAttributes/);
    assert.match(answers.hover, /docs\.aws\.amazon\.com/);
  });
  it('diagnostics: the typo in a request field', () => {
    assert.ok(answers.diagnostics.some((d) => d.line === 3 && /clientMetdata/.test(d.message)), JSON.stringify(answers.diagnostics));
  });
  it('code action: the quick fix applied by Neovim removes the finding', () => {
    assert.ok(answers.actions.length > 0, JSON.stringify(answers));
    assert.equal(answers.after_fix?.[3], '  const b = event.request.clientMetadata;', JSON.stringify(answers.after_fix));
  });
  it('code lens command through workspace/executeCommand: untrusted, so the server says how to enable invoke', () => {
    assert.equal(answers.lens, '▶ Invoke locally');
    assert.ok(answers.messages.some((m) => /local invoke is disabled.*initializationOptions/.test(m)), JSON.stringify(answers.messages));
  });
  it('settings Neovim pushes and answers (eventFiles) claim a JSON file as an event', () => {
    assert.ok(answers.json_completion.includes('triggerSource'), JSON.stringify(answers));
  });
});
