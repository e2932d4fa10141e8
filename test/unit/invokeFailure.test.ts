// The failure view of a run that returned no event: its title per outcome, its text and its stack-frame links.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { failureTabTitle, failureText, frameLinks, type InvokeResult } from '../../server/src/core/protocol';

const base: Omit<InvokeResult, 'outcome'> = {
  where: 'local',
  target: '/w/handlers/preSignUp.js#handler',
  input: {},
  durationMs: 12,
  logs: '',
  issues: [],
  summary: { headline: 'Sign-up fails: the handler threw.', source: { kind: 'local', title: 'local run' }, succeeds: false, lines: [] },
};
const TITLE = 'preSignUp.js#handler ← events/PreSignUp/PreSignUp_SignUp.json';

describe('failure view', () => {
  it('is titled "<handler> ← <event file>: <what happened>" for each outcome that returned nothing', () => {
    assert.equal(failureTabTitle(TITLE, 'error'), 'preSignUp.js#handler ← PreSignUp_SignUp.json: error');
    assert.equal(failureTabTitle(TITLE, 'timeout'), 'preSignUp.js#handler ← PreSignUp_SignUp.json: timeout');
    assert.equal(failureTabTitle(TITLE, 'failedToStart'), 'preSignUp.js#handler ← PreSignUp_SignUp.json: failed to start');
    assert.equal(failureTabTitle('a.js#handler ← sample PreSignUp_SignUp event', 'crashed'), 'a.js#handler ← sample PreSignUp_SignUp event: crashed');
    // A tab shows the document path's last segment: the title must have no "/".
    assert.ok(!failureTabTitle(TITLE, 'error').includes('/'));
  });

  it('writes the error, the user\'s frames (not Node\'s) and what Cognito does', () => {
    const text = failureText({ ...base, outcome: { kind: 'error', errorType: 'Error', errorMessage: 'boom', stack: ['at check (/w/handlers/preSignUp.js:4:9)', 'at node:internal/process/task_queues:95:5', 'at exports.handler (file:///w/handlers/esm%20dir/h.mjs:1:40)'] } }, TITLE);
    assert.equal(text.split('\n')[0], `${TITLE}: error`);
    assert.match(text, /Error: boom\n {4}at check \(\/w\/handlers\/preSignUp\.js:4:9\)\n {4}at exports\.handler/);
    assert.ok(!text.includes('node:internal'));
    assert.match(text, /What Cognito does: Sign-up fails: the handler threw\./);
    assert.deepEqual(frameLinks(text).map((l) => [l.file, l.line, l.column]), [['/w/handlers/preSignUp.js', 4, 9], ['/w/handlers/esm dir/h.mjs', 1, 40]]);
  });

  it('links a failed start\'s location, a Python traceback frame and a Windows path; nothing in plain prose', () => {
    const start = failureText({ ...base, outcome: { kind: 'failedToStart', message: 'SyntaxError: Unexpected token', location: { file: '/w/handlers/broken.js', line: 7, column: 3 } } }, TITLE);
    assert.deepEqual(frameLinks(start).map((l) => [l.file, l.line, l.column]), [['/w/handlers/broken.js', 7, 3]]);
    const py = frameLinks('Traceback:\n  File "/w/handlers/app.py", line 12, in lambda_handler\n');
    assert.deepEqual(py.map((l) => [l.file, l.line]), [['/w/handlers/app.py', 12]]);
    assert.deepEqual(frameLinks('    at handler (C:\\w\\h.js:3:1)').map((l) => [l.file, l.line]), [['C:\\w\\h.js', 3]]);
    assert.deepEqual(frameLinks('Task timed out after 5.00 seconds at 12:30 (see docs/a.md:3)'), []);
  });

  it('a timeout says Lambda\'s words; console output is kept', () => {
    const text = failureText({ ...base, logs: 'waiting…\n', outcome: { kind: 'timeout', limitMs: 5000 } }, TITLE);
    assert.match(text, /Task timed out after 5\.00 seconds/);
    assert.match(text, /Console output:\n {2}│ waiting…/);
  });
});
