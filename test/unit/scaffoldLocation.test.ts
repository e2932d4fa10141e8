// Unit tests of where New Trigger Handler… puts a handler: the workspace's own handler folder, and a `dir` inside the folder only.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { planScaffold } from '../../server/src/core/scaffold';
import { defaultHandlerDir } from '../../server/src/core/scaffold/location';

describe('defaultHandlerDir', () => {
  it('takes the wiring first, then the bindings file, then tsconfig include, else src', () => {
    assert.equal(defaultHandlerDir({ wired: ['functions/auth/a.ts', 'functions/auth/b.ts', 'x/c.ts'], bound: ['lambda/d.js'], tsconfigInclude: ['app/**/*'] }).dir, 'functions/auth');
    assert.equal(defaultHandlerDir({ wired: [], bound: ['lambda/d.js'], tsconfigInclude: ['app/**/*'] }).dir, 'lambda');
    assert.equal(defaultHandlerDir({ wired: [], bound: [], tsconfigInclude: ['**/*.test.ts', './app/**/*'] }).dir, 'app');
    assert.equal(defaultHandlerDir({ wired: [], bound: [], tsconfigInclude: ['handler.ts'] }).dir, 'src');
    assert.equal(defaultHandlerDir({ wired: [], bound: ['index.js'], tsconfigInclude: [] }).dir, '');
  });
});

describe('planScaffold dir', () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'scaffold-dir-'));
  it('puts the handler in dir and imports it from the test', () => {
    const files = planScaffold({ folder, triggerId: 'PreSignUp', sources: ['PreSignUp_SignUp'], language: 'ts', name: 'signUp', dir: 'lambda/auth' });
    assert.equal(files.find((f) => f.role === 'handler')?.rel, 'lambda/auth/signUp.ts');
    assert.match(files.find((f) => f.role === 'test')?.content ?? '', /from '\.\.\/lambda\/auth\/signUp'/);
    assert.equal(planScaffold({ folder, triggerId: 'PreSignUp', sources: [], language: 'py', dir: '' }).find((f) => f.role === 'handler')?.rel, 'pre_sign_up.py');
  });
  it('refuses a folder outside the workspace folder', () => {
    for (const dir of ['../up', '/abs', 'a/../../b', 'C:/x']) assert.throws(() => planScaffold({ folder, triggerId: 'PreSignUp', sources: [], language: 'cjs', dir }), /not a folder inside the workspace folder/, dir);
  });
});
