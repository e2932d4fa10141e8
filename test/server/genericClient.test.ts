// The server driven by a plain LSP client (no workspace/configuration, no workspace folders, no dynamic
// registration, other language ids, settings in initializationOptions or pushed) gives the same answers
// as through the VS Code-like client; commands run through workspace/executeCommand.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, CodeLens, CompletionList, Diagnostic, Hover } from 'vscode-languageserver-protocol';
import { caret, fileUri, REPO_ROOT, startServer, type ServerOptions, type TestServer } from './harness';

const BOUND_WS = path.join(REPO_ROOT, 'test', 'fixtures', 'handlers', 'workspace');
const VERSION = (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

/** Everything a user sees for one handler document: completion labels, hover text, diagnostics, quick fix titles. */
async function answers(server: TestServer, rel: string, languageId: string, textWithCaret: string): Promise<unknown> {
  const { text, position } = caret(textWithCaret);
  const uri = `${server.workspaceUri}/${rel}`;
  const diags = server.diagnostics(uri, 1);
  server.open(uri, text, languageId);
  const diagnostics = await diags;
  const completion = await server.request<CompletionList | null>('textDocument/completion', { textDocument: { uri }, position });
  const hoverAt = text.indexOf('autoConfirmUsr');
  const hover = hoverAt < 0 ? null : await server.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: text.slice(0, hoverAt).split('\n').length - 1, character: 10 } });
  const actions = diagnostics.length ? await server.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: diagnostics[0]?.range, context: { diagnostics } }) : [];
  server.close(uri);
  return {
    completion: (completion?.items ?? []).map((i) => i.label).sort(),
    hover: hover ? JSON.stringify(hover.contents) : null,
    diagnostics: diagnostics.map((d: Diagnostic) => [d.code, d.range.start.line, d.message]),
    // The edit names the document's own URI: compare the rest.
    actions: actions.map((a) => [a.title, JSON.stringify(a.edit).split(uri).join('<this document>')]),
  };
}

// The bindings file maps src/bound.js#handler to PostConfirmation: only its two request fields are offered.
const BOUND = `exports.handler = async (event) => {\n  const x = event.request.|;\n  return event;\n};\n`;
const TYPO = `// @cognito-trigger PreSignUp\nexports.handler = async (event) => {\n  event.response.autoConfirmUsr = true;\n  return event;\n};\n`;

describe('a generic LSP client gets the same answers as VS Code', () => {
  let vscode: TestServer;
  let rootUri: TestServer;
  let rootPath: TestServer;
  before(async () => {
    [vscode, rootUri, rootPath] = await Promise.all([
      startServer({ workspace: BOUND_WS }),
      startServer({ workspace: BOUND_WS, client: 'generic' }),
      startServer({ workspace: BOUND_WS, client: 'generic', root: 'rootPath' }),
    ]);
  });
  after(() => Promise.all([vscode, rootUri, rootPath].map((s) => s.stop())));

  it('the bindings file is found from rootUri or rootPath alone (2 fields, not 20)', async () => {
    const expected = await answers(vscode, 'src/bound.js', 'javascript', BOUND);
    assert.deepEqual((expected as { completion: string[] }).completion, ['clientMetadata', 'userAttributes']);
    assert.deepEqual(await answers(rootUri, 'src/bound.js', 'js', BOUND), expected);
    assert.deepEqual(await answers(rootPath, 'src/bound.js', 'js', BOUND), expected);
  });

  it('language ids by id or by file extension: js, jsx, javascript.jsx, javascriptreact, tsx, typescriptreact, unknown ids', async () => {
    const expected = await answers(vscode, 'src/typo.js', 'javascript', TYPO.replace('return event;', 'event.request.|;\n  return event;'));
    assert.ok((expected as { diagnostics: unknown[] }).diagnostics.length > 0 && (expected as { actions: unknown[] }).actions.length > 0, JSON.stringify(expected));
    assert.ok((expected as { hover: string | null }).hover, 'hover on the typo');
    const withCaret = TYPO.replace('return event;', 'event.request.|;\n  return event;');
    for (const [rel, id] of [['src/a.js', 'js'], ['src/b.jsx', 'jsx'], ['src/c.jsx', 'javascript.jsx'], ['src/d.jsx', 'javascriptreact'], ['src/e.js', 'plaintext'], ['src/f.mjs', 'js-mode']] as const) {
      assert.deepEqual(await answers(rootUri, rel, id, withCaret), expected, `${id} (${rel})`);
    }
    const ts = await answers(vscode, 'src/t.ts', 'typescript', withCaret);
    for (const [rel, id] of [['src/g.tsx', 'tsx'], ['src/h.tsx', 'typescriptreact'], ['src/i.ts', 'ts'], ['src/j.ts', 'typescript-ts']] as const) {
      assert.deepEqual(await answers(rootUri, rel, id, withCaret), ts, `${id} (${rel})`);
    }
  });

  it('no dynamic registration for a client that does not support it; the VS Code client gets it', () => {
    assert.deepEqual(rootUri.log.registrations, []);
    assert.equal(rootUri.log.configurationRequests, 0, 'no workspace/configuration to a client without it');
    assert.ok(vscode.log.registrations.length > 0, 'VS Code announces dynamic registration of didChangeConfiguration');
  });

  it('reports the package version (no "dev") in serverInfo and serverReady', () => {
    assert.equal(rootUri.initializeResult.serverInfo?.version, VERSION);
    assert.equal(rootUri.ready.version, VERSION);
  });

  it('announces workspace/executeCommand to other clients only (the extension registers the commands itself)', () => {
    const generic = rootUri.initializeResult.capabilities.executeCommandProvider as { commands: string[] } | undefined;
    assert.ok(generic?.commands.includes('cognitoTriggers.invokeLocal'), JSON.stringify(generic));
    assert.ok(generic?.commands.includes('cognitoTriggers.newSampleEvent'));
    assert.equal(vscode.initializeResult.capabilities.executeCommandProvider, undefined);
  });
});

describe('settings from initializationOptions and didChangeConfiguration pushes', () => {
  // A JSON file claimed as an event only through the eventFiles setting.
  const SETTINGS = { eventFiles: ['samples/**/*.json'] };
  const TEXT = '{\n  "|"\n}\n';
  const complete = async (s: TestServer, name: string): Promise<string[]> => {
    const { text, position } = caret(TEXT);
    const uri = `${s.workspaceUri}/samples/${name}.json`;
    s.open(uri, text, 'json');
    const r = await s.request<CompletionList | null>('textDocument/completion', { textDocument: { uri }, position });
    return (r?.items ?? []).map((i) => i.label).sort();
  };
  const servers: TestServer[] = [];
  const start = async (o: ServerOptions): Promise<TestServer> => {
    const s = await startServer({ workspace: BOUND_WS, ...o });
    servers.push(s);
    return s;
  };
  after(() => Promise.all(servers.map((s) => s.stop())));

  it('the same eventFiles setting, pulled (VS Code), from initializationOptions, or pushed, claims the same file', async () => {
    const defaults = await complete(await start({ client: 'generic' }), 'a');
    const pulled = await complete(await start({ settings: SETTINGS }), 'a');
    assert.notDeepEqual(pulled, defaults, 'the setting changes the answer');
    assert.ok(pulled.length > 0);
    assert.deepEqual(await complete(await start({ client: 'generic', initializationOptions: { settings: SETTINGS } }), 'a'), pulled);
    assert.deepEqual(await complete(await start({ client: 'generic', initializationOptions: { settings: { cognitoTriggers: SETTINGS } } }), 'a'), pulled);
    const pushed = await start({ client: 'generic' });
    await pushed.connection.sendNotification('workspace/didChangeConfiguration', { settings: { cognitoTriggers: SETTINGS } });
    assert.deepEqual(await complete(pushed, 'b'), pulled);
  });
});

describe('syntax errors for clients without their own JavaScript/JSON diagnostics', () => {
  it('initializationOptions.reportSyntaxErrors adds them; without it the editor is left to report them', async () => {
    const [off, on] = await Promise.all([startServer({ workspace: BOUND_WS, client: 'generic' }), startServer({ workspace: BOUND_WS, client: 'generic', initializationOptions: { reportSyntaxErrors: true } })]);
    try {
      const broken = '// @cognito-trigger PreSignUp\nexports.handler = async (event) => {\n  return event;\n';
      const codes = async (s: TestServer): Promise<unknown[]> => {
        const uri = `${s.workspaceUri}/src/broken.js`;
        const w = s.diagnostics(uri, 1);
        s.open(uri, broken, 'js');
        return (await w).map((d) => d.code);
      };
      assert.deepEqual(await codes(off), []);
      assert.deepEqual(await codes(on), ['handler/syntax-error']);
    } finally {
      await Promise.all([off.stop(), on.stop()]);
    }
  });
});

describe('commands through workspace/executeCommand', () => {
  let ws: string;
  let config: string;
  before(() => {
    ws = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-generic-'));
    config = fs.mkdtempSync(path.join(os.tmpdir(), 'ct-config-'));
    fs.copyFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'invoke', 'async.js'), path.join(ws, 'preSignUp.js'));
    fs.mkdirSync(path.join(ws, 'events', 'PreSignUp'), { recursive: true });
    fs.copyFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'invoke', 'events', 'PreSignUp_SignUp.json'), path.join(ws, 'events', 'PreSignUp', 'PreSignUp_SignUp.json'));
  });
  after(() => {
    fs.rmSync(ws, { recursive: true, force: true });
    fs.rmSync(config, { recursive: true, force: true });
  });

  /** The ▶ Invoke locally lens of the handler file, as the client got it. */
  const lensOf = async (s: TestServer): Promise<CodeLens> => {
    const uri = fileUri(path.join(ws, 'preSignUp.js'));
    const text = `// @cognito-trigger PreSignUp\n${fs.readFileSync(path.join(ws, 'preSignUp.js'), 'utf8')}`;
    s.open(uri, text, 'js');
    const lenses = await s.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    const lens = lenses.find((l) => l.command?.command === 'cognitoTriggers.invokeLocal');
    assert.ok(lens?.command, JSON.stringify(lenses));
    return lens;
  };
  const run = (s: TestServer, lens: CodeLens) => s.request<{ ok: boolean; message: string; uri?: string }>('workspace/executeCommand', { command: lens.command?.command, arguments: lens.command?.arguments });

  it('untrusted: invoke is refused, and the user is told once, clearly, how to enable it', async () => {
    const s = await startServer({ workspace: ws, client: 'generic', env: { XDG_CONFIG_HOME: config } });
    try {
      const lens = await lensOf(s);
      const first = await run(s, lens);
      const second = await run(s, lens);
      assert.equal(first.ok, false);
      assert.match(s.log.messages[0]?.message ?? '', /local invoke is disabled because this workspace is not trusted.*initializationOptions \{ "trusted": true \}.*trusted-folders\.json/);
      assert.equal(s.log.messages.filter((m) => /initializationOptions/.test(m.message)).length, 1, 'the how-to is said once');
      assert.equal(second.ok, false);
      assert.match(s.log.messages[1]?.message ?? '', /not trusted \(see the earlier message\)/);
      assert.deepEqual(s.log.shownDocuments, []);
    } finally {
      await s.stop();
    }
  });

  it('trusted through initializationOptions: the lens invokes, the result file is shown, the headline is said', async () => {
    const s = await startServer({ workspace: ws, client: 'generic', trusted: true, showDocument: true, env: { XDG_CONFIG_HOME: config } });
    try {
      const r = await run(s, await lensOf(s));
      assert.ok(r.ok, JSON.stringify(r));
      assert.match(r.message, /handler with events\/PreSignUp\/PreSignUp_SignUp\.json: User auto-confirmed/);
      assert.deepEqual(s.log.shownDocuments, [r.uri]);
      const shown = fs.readFileSync(new URL(r.uri ?? ''), 'utf8');
      assert.match(shown, /"autoConfirmUser": true/);
      assert.match(s.log.messages[0]?.message ?? '', /User auto-confirmed/);
    } finally {
      await s.stop();
    }
  });

  it('trusted through the user trust file (outside the workspace)', async () => {
    fs.mkdirSync(path.join(config, 'cognito-triggers'), { recursive: true });
    fs.writeFileSync(path.join(config, 'cognito-triggers', 'trusted-folders.json'), JSON.stringify({ trustedFolders: [ws] }));
    const s = await startServer({ workspace: ws, client: 'generic', env: { XDG_CONFIG_HOME: config } });
    try {
      const r = await run(s, await lensOf(s));
      assert.ok(r.ok, JSON.stringify(r));
      // No showDocument support: the message names the result file instead.
      assert.deepEqual(s.log.shownDocuments, []);
      assert.match(s.log.messages[0]?.message ?? '', /User auto-confirmed.*\.result\.txt\)$/);
    } finally {
      await s.stop();
      fs.rmSync(path.join(config, 'cognito-triggers'), { recursive: true, force: true });
    }
  });

  it('newSampleEvent writes events/<Trigger>/<source>.json, never over an existing file, and shows it', async () => {
    const s = await startServer({ workspace: ws, client: 'generic', showDocument: true });
    try {
      const a = await s.request<{ ok: boolean; uri?: string }>('workspace/executeCommand', { command: 'cognitoTriggers.newSampleEvent', arguments: [{ source: 'PreSignUp_SignUp' }] });
      assert.ok(a.ok, JSON.stringify(a));
      assert.equal(a.uri, fileUri(path.join(ws, 'events', 'PreSignUp', 'PreSignUp_SignUp-2.json')), 'the existing event is kept');
      assert.match(fs.readFileSync(path.join(ws, 'events', 'PreSignUp', 'PreSignUp_SignUp-2.json'), 'utf8'), /"triggerSource": "PreSignUp_SignUp"/);
      assert.deepEqual(s.log.shownDocuments, [a.uri]);
      const bad = await s.request<{ ok: boolean; message: string }>('workspace/executeCommand', { command: 'cognitoTriggers.newSampleEvent', arguments: [{ source: 'Nope' }] });
      assert.equal(bad.ok, false);
      assert.match(s.log.messages.at(-1)?.message ?? '', /Nope/);
    } finally {
      await s.stop();
    }
  });
});

describe('inline suppression in the editor, as in check', () => {
  it('a disable-next-line comment drops the finding; an unused one is reported', async () => {
    const s = await startServer({ workspace: BOUND_WS, client: 'generic' });
    try {
      const uri = `${s.workspaceUri}/src/suppressed.js`;
      const w = s.diagnostics(uri, 1);
      s.open(uri, `${TYPO.replace('  event.response.autoConfirmUsr', '  // cognito-triggers-disable-next-line handler/unknown-field -- our middleware reads it\n  event.response.autoConfirmUsr')}// cognito-triggers-disable-next-line handler/no-return -- none here\n`, 'js');
      assert.deepEqual((await w).map((d) => [d.code, d.range.start.line]), [['suppression/unused', 6]]);
    } finally {
      await s.stop();
    }
  });
});
