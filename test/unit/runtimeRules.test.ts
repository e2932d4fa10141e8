// Issue 9, section 4: the callback rules follow the Lambda runtime the project states (IaC, setting, engines).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { FeatureContext } from '../../server/src/core/features/provider';
import { runtimeFromEngines, type LambdaRuntime } from '../../server/src/core/features/handlerCode/runtime';
import { SOURCES } from '../../server/src/core/model/sources';
import { defaultSettings } from '../../server/src/core/settings';
import { handlerRuntime } from '../../server/src/workspace/runtime';
import { diagnosticsOf } from './handlerHelpers';

const ASYNC_CB = 'exports.handler = async (event, context, callback) => {\n  callback(null, event);\n};\n';
const CB = 'exports.handler = (event, context, callback) => {\n  callback(null, event);\n};\n';
const rt = (id: string): LambdaRuntime => ({ id, from: 'setting', evidence: 'cognitoTriggers.runtime' });
const only = (text: string, code: string, runtime?: LambdaRuntime) => {
  const d = diagnosticsOf(text, 'preSignUp.js', runtime ? { runtime } : {}).filter((x) => x.code === code);
  assert.equal(d.length, 1, JSON.stringify(d));
  return { severity: d[0]?.severity, message: String(d[0]?.message), href: d[0]?.codeDescription?.href };
};

describe('async handler that also takes a callback', () => {
  // Runtime interface client (Node.js 22 and older), CallbackContext.js: "Wraps the callback and context so that only
  // the first call to any callback succeeds"; Runtime.js: result.then(callbackContext.succeed, callbackContext.fail).
  it('Node.js 22: the first of callback and promise answers (not "the promise wins"); a warning', () => {
    const d = only(ASYNC_CB, 'handler/async-with-callback', rt('nodejs22.x'));
    assert.equal(d.severity, 2);
    assert.match(d.message, /the first of the callback and the returned promise answers Cognito/);
    assert.doesNotMatch(d.message, /uses the returned promise and ignores the callback/);
    assert.equal(d.href, SOURCES.runtimeFirstAnswerWins.url);
  });
  // Compute Blog / runtime interface client 4.0.0: "Removed callback-based handler support (promise-based only)".
  it('Node.js 24: only the promise answers; an error', () => {
    const d = only(ASYNC_CB, 'handler/async-with-callback', rt('nodejs24.x'));
    assert.equal(d.severity, 1);
    assert.match(d.message, /nodejs24\.x runtime .*only the returned promise answers Cognito/);
  });
  it('unknown runtime: both behaviours, a warning', () => {
    const d = only(ASYNC_CB, 'handler/async-with-callback');
    assert.equal(d.severity, 2);
    assert.match(d.message, /Node\.js 22 and older the first of the callback and the returned promise wins; on Node\.js 24 only the promise counts/);
  });
});

describe('callback-style handler', () => {
  it('Node.js 24: an error (the runtime no longer supports it)', () => {
    const d = only(CB, 'handler/callback-style', rt('nodejs24.x'));
    assert.equal(d.severity, 1);
    assert.match(d.message, /no longer supports callback-based handlers/);
  });
  // WarningForCallbackHandlers.js: "AWS Lambda plans to remove support for callback-based function handlers starting with Node.js 24."
  it('Node.js 22: a warning quoting the runtime’s own deprecation notice', () => {
    const d = only(CB, 'handler/callback-style', rt('nodejs22.x'));
    assert.equal(d.severity, 2);
    assert.match(d.message, /plans to remove support for callback-based function handlers starting with Node\.js 24/);
  });
  it('unknown runtime: both behaviours, a warning', () => {
    const d = only(CB, 'handler/callback-style');
    assert.equal(d.severity, 2);
    assert.match(d.message, /Node\.js 22 and older run it; the Node\.js 24 Lambda runtime no longer supports it/);
  });
});

describe('package.json engines.node', () => {
  it('pins a runtime only when the range stays on one side of Node.js 24', () => {
    assert.equal(runtimeFromEngines('>=24'), 'nodejs24.x');
    assert.equal(runtimeFromEngines('24.x'), 'nodejs24.x');
    assert.equal(runtimeFromEngines('^22.11.0'), 'nodejs22.x');
    assert.equal(runtimeFromEngines('20 || 22'), 'nodejs20.x');
    assert.equal(runtimeFromEngines('>=20'), undefined);
    assert.equal(runtimeFromEngines('not a range'), undefined);
  });
});

describe('where the runtime comes from', () => {
  const project = (files: Record<string, string>): string => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-runtime-'));
    for (const [rel, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, rel), text);
    }
    return dir;
  };
  const ctx = (dir: string, rel: string, runtime = ''): FeatureContext => ({
    document: TextDocument.create(`file://${path.join(dir, rel)}`, 'javascript', 1, fs.readFileSync(path.join(dir, rel), 'utf8')),
    settings: { ...defaultSettings(), runtime },
    relativePath: rel,
    host: { log: () => undefined },
  });
  const SLS = 'service: s\nprovider:\n  name: aws\n  runtime: nodejs24.x\nfunctions:\n  pre:\n    handler: src/preSignUp.handler\n    events:\n      - cognitoUserPool:\n          pool: Users\n          trigger: PreSignUp\n';
  it('the IaC wins over the setting and engines', async () => {
    const dir = project({ 'serverless.yml': SLS, 'src/preSignUp.js': CB, 'package.json': '{"engines":{"node":"22.x"}}' });
    const r = await handlerRuntime(ctx(dir, 'src/preSignUp.js', 'nodejs22.x'));
    assert.equal(r?.id, 'nodejs24.x');
    assert.equal(r?.from, 'iac');
    assert.match(r?.evidence ?? '', /^serverless\.yml:\d+$/);
  });
  it('then the setting, then the nearest package.json', async () => {
    const dir = project({ 'src/preSignUp.js': CB, 'package.json': '{"engines":{"node":">=24"}}', 'src/package.json': '{"engines":{"node":"^22"}}' });
    assert.deepEqual(await handlerRuntime(ctx(dir, 'src/preSignUp.js', 'nodejs20.x')), { id: 'nodejs20.x', from: 'setting', evidence: 'cognitoTriggers.runtime' });
    const r = await handlerRuntime(ctx(dir, 'src/preSignUp.js'));
    assert.equal(r?.id, 'nodejs22.x');
    assert.equal(r?.from, 'engines');
    assert.match(r?.evidence ?? '', /src\/package\.json engines\.node "\^22"/);
  });
  it('nothing stated: undefined', async () => {
    const dir = project({ 'src/preSignUp.js': CB, 'package.json': '{"engines":{"node":">=20"}}' });
    assert.equal(await handlerRuntime(ctx(dir, 'src/preSignUp.js')), undefined);
  });
});
