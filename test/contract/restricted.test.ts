// Restricted Mode and hostile paths: settings a repository could set are restricted; files named by
// settings or the command line are read only when regular, small and (bindings file) inside the folder.
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { readBindingsText } from '../../server/src/core/bindings/read';
import { readEventFile } from '../../server/src/core/invoke/event';
import { nodeWiringFs } from '../../server/src/core/wiring/nodeFs';
import { restrictedConfigurations, SETTINGS } from '../../server/src/core/settings';
import { ensureBuilt } from '../ensureBuilt';

const ROOT = path.resolve(__dirname, '..', '..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-restricted-'));
const folder = path.join(tmp, 'repo');

before(() => {
  fs.mkdirSync(path.join(folder, 'events'), { recursive: true });
  fs.writeFileSync(path.join(tmp, 'secret.json'), '{"entries": []}');
  execFileSync('mkfifo', [path.join(folder, 'fifo.json')]);
  execFileSync('mkfifo', [path.join(folder, 'events', 'fifo.json')]);
  fs.symlinkSync('/dev/zero', path.join(folder, 'zero.json'));
  fs.symlinkSync(path.join(tmp, 'secret.json'), path.join(folder, 'link-out.json'));
  fs.writeFileSync(path.join(folder, 'cognito-triggers.json'), '{}');
});
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('restrictedConfigurations', () => {
  it('package.json lists every setting that names a path, command, endpoint, environment or profile', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { capabilities: { untrustedWorkspaces: { restrictedConfigurations: string[] } } };
    assert.deepEqual(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations, restrictedConfigurations());
    // By name: a new setting whose key says it names one of these must be declared `restricted`.
    const naming = SETTINGS.filter((s) => /file|path|interpreter|endpoint|env|profile|command|exec/i.test(s.key));
    const missing = naming.filter((s) => !s.restricted).map((s) => s.key);
    assert.deepEqual(missing, [], 'settings that name a path/command/endpoint/environment/profile but are not restricted');
    for (const k of ['bindingsFile', 'invoke.envFile', 'invoke.env', 'aws.endpoints', 'aws.profile', 'python.interpreter']) assert.ok(restrictedConfigurations().includes(`cognitoTriggers.${k}`), k);
  });
});

describe('files named by settings or the command line', () => {
  it('bindingsFile: outside the folder, FIFO, /dev/zero and links out are refused without blocking', () => {
    assert.equal(readBindingsText(folder, '').ok, true);
    const outside = readBindingsText(folder, '../secret.json');
    assert.ok(!outside.ok && outside.reason === 'outside-folder', JSON.stringify(outside));
    const abs = readBindingsText(folder, path.join(tmp, 'secret.json'));
    assert.ok(!abs.ok && abs.reason === 'outside-folder');
    const link = readBindingsText(folder, 'link-out.json');
    assert.ok(!link.ok && link.reason === 'outside-folder');
    const fifo = readBindingsText(folder, 'fifo.json');
    assert.ok(!fifo.ok && fifo.reason === 'not-a-file', JSON.stringify(fifo));
    const zero = readBindingsText(folder, 'zero.json');
    assert.ok(!zero.ok, JSON.stringify(zero));
  });
  it('bindingsFile: larger than 1 MB is refused', () => {
    fs.writeFileSync(path.join(folder, 'big.json'), Buffer.alloc(2 * 1024 * 1024, 32));
    const big = readBindingsText(folder, 'big.json');
    assert.ok(!big.ok && big.reason === 'too-large');
  });
  it('IaC files: a FIFO or a link out of the root reads as absent', () => {
    const w = nodeWiringFs(folder);
    assert.equal(w.readFile('fifo.json'), undefined);
    assert.equal(w.readFile('link-out.json'), undefined);
    assert.equal(w.readFile('cognito-triggers.json'), '{}');
  });
  it('--event: a FIFO and /dev/zero are refused at once with the reason', () => {
    const fifo = readEventFile(path.join(folder, 'fifo.json'));
    assert.ok('kind' in fifo && /not a regular file/.test(fifo.message), JSON.stringify(fifo));
    const zero = readEventFile('/dev/zero');
    assert.ok('kind' in zero && /not a regular file/.test(zero.message));
  });
  it('check: a FIFO, a non-UTF-8 name and a huge file are findings; the other files are still checked', () => {
    const dir = path.join(tmp, 'check');
    fs.mkdirSync(dir);
    execFileSync('mkfifo', [path.join(dir, 'pipe.json')]);
    fs.writeFileSync(Buffer.from([...Buffer.from(path.join(dir, 'bad')), 0xff, 0x2e, 0x6a, 0x73]), 'exports.handler = async (e) => e;\n');
    const huge = path.join(dir, 'huge.js');
    fs.writeFileSync(huge, '');
    fs.truncateSync(huge, 11 * 1024 * 1024);
    fs.writeFileSync(path.join(dir, 'good.json'), '{"triggerSource": "PreSignUp_SignUp", "version": {"a": 1}}');
    ensureBuilt();
    const r = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), 'check', dir, path.join(dir, 'pipe.json')], { encoding: 'utf8', timeout: 20000 });
    assert.notEqual(r.signal, 'SIGTERM', 'check hung');
    assert.match(r.stdout, /pipe\.json:1:1 error unreadable-file .*not a regular file/);
    assert.match(r.stdout, /bad.*:1:1 error unreadable-file .*not valid UTF-8/);
    assert.match(r.stdout, /huge\.js:1:1 warning file-too-large/);
    assert.match(r.stdout, /good\.json:\d+:\d+ error wrong-type version must be a string/);
    assert.doesNotMatch(r.stderr, /Cannot convert|\[error\]/);
    assert.equal(r.status, 1);
  });
});
