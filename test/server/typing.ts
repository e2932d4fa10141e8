// The "while typing" harness shared by the JavaScript and Python server tests: a real server on a temporary
// folder, the errors it publishes for one version, and a line typed into a handler one character at a time.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { fileUri, messageText, startServer, type TestServer } from './harness';

export interface Typing {
  /** A document URI in the session's folder. */
  uri(relativePath: string): string;
  /** Errors in the document after the server published for `version` (1 opens it, later versions change it). */
  errorsAt(uri: string, version: number, text: string): Promise<string[]>;
  /**
   * Opens `handler` (no error), opens a new line before the first `before` and types `text` there one character
   * at a time; gives "after typing …: errors" for every state that showed an error.
   */
  typeLine(uri: string, handler: string, before: string, text: string): Promise<string[]>;
}

/** Registers the file's before/after hooks (server started, folder removed) and gives the session. */
export function typingSession(folderPrefix: string, languageId: string): Typing {
  let server: TestServer;
  let folder: string;
  before(async () => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), folderPrefix));
    server = await startServer({ workspace: folder });
  });
  after(async () => {
    await server.stop();
    fs.rmSync(folder, { recursive: true, force: true });
  });
  const errorsAt = async (uri: string, version: number, text: string): Promise<string[]> => {
    const wait = server.diagnostics(uri, version);
    if (version === 1) server.open(uri, text, languageId);
    else server.change(uri, text);
    return (await wait).filter((d) => d.severity === DiagnosticSeverity.Error).map((d) => `${String(d.code)}: ${messageText(d)}`);
  };
  return {
    uri: (relativePath) => fileUri(path.join(folder, relativePath)),
    errorsAt,
    async typeLine(uri, handler, before, text) {
      const at = handler.indexOf(before);
      assert.ok(at > 0, before);
      let version = 1;
      assert.deepEqual(await errorsAt(uri, version, handler), []);
      const flashed: string[] = [];
      for (let i = 0; i <= text.length; i++) {
        const typed = text.slice(0, i);
        const errors = await errorsAt(uri, ++version, `${handler.slice(0, at)}${typed}\n${handler.slice(at)}`);
        if (errors.length) flashed.push(`after typing ${JSON.stringify(typed)}: ${errors.join('; ')}`);
      }
      return flashed;
    },
  };
}
