// What the server does before its first Python completion: no ICU formatting (Intl), whose first use
// costs about 13 ms of CPU and 60-80 ms of wall time (toLocaleString in rule texts did it at load).
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import type { CompletionList } from 'vscode-languageserver-protocol';
import { ensureBuilt } from '../ensureBuilt';
import { caret, REPO_ROOT, startServer } from './harness';

const WORKSPACE = path.join(REPO_ROOT, 'test', 'fixtures', 'handlers', 'workspace');
let work = '';

/** A preload that appends a line to ICU_LOG for each use of ICU's formatting or collation. */
const PRELOAD = `
const fs = require('node:fs');
const log = (what) => fs.appendFileSync(process.env.ICU_LOG, what + ' ' + new Error().stack.split('\\n').slice(3, 5).map((l) => l.trim()).join(' < ') + '\\n');
const wrap = (obj, name) => { const o = obj[name]; obj[name] = function (...a) { log(name); return o.apply(this, a); }; };
for (const n of ['toLocaleString']) wrap(Number.prototype, n);
for (const n of ['toLocaleString', 'toLocaleDateString', 'toLocaleTimeString']) wrap(Date.prototype, n);
for (const n of ['NumberFormat', 'DateTimeFormat', 'PluralRules', 'ListFormat', 'RelativeTimeFormat', 'Collator', 'Segmenter']) {
  const C = Intl[n];
  Intl[n] = new Proxy(C, { construct: (t, a) => (log('Intl.' + n), Reflect.construct(t, a)), apply: (t, s, a) => (log('Intl.' + n), Reflect.apply(t, s, a)) });
}
`;

before(() => {
  ensureBuilt();
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-coldstart-'));
  fs.writeFileSync(path.join(work, 'preload.js'), PRELOAD);
});
after(() => fs.rmSync(work, { recursive: true, force: true }));

test('the server starts, answers its first Python completion and publishes diagnostics without using ICU', async () => {
  const icuLog = path.join(work, 'icu.log');
  fs.writeFileSync(icuLog, '');
  const server = await startServer({ workspace: WORKSPACE, env: { NODE_OPTIONS: `--require ${path.join(work, 'preload.js')}`, ICU_LOG: icuLog } });
  try {
    const at = `${server.workspaceUri}/src/cold.py`;
    const { text, position } = caret('# @cognito-trigger PreSignUp\ndef lambda_handler(event, context):\n    email = event["request"]["|"]\n    return event\n');
    const diagnostics = server.diagnostics(at, 1);
    server.open(at, text, 'python');
    const r = await server.request<CompletionList | null>('textDocument/completion', { textDocument: { uri: at }, position });
    assert.ok(r?.items.some((i) => i.label === 'userAttributes'));
    await diagnostics;
  } finally {
    await server.stop();
  }
  assert.equal(fs.readFileSync(icuLog, 'utf8'), '', 'ICU used on the way to the first completion: format numbers with core/thousands.ts');
});

test('the preload sees a use of ICU (so the test above can fail)', () => {
  const icuLog = path.join(work, 'control.log');
  fs.writeFileSync(icuLog, '');
  const r = spawnSync(process.execPath, ['--require', path.join(work, 'preload.js'), '-e', "(6291456).toLocaleString('en-US'); new Intl.NumberFormat('en-US')"], { env: { ...process.env, ICU_LOG: icuLog }, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(fs.readFileSync(icuLog, 'utf8').split('\n').filter(Boolean).map((l) => l.split(' ')[0]), ['toLocaleString', 'Intl.NumberFormat']);
});
