// Helpers for e2e suites that run inside the real VS Code extension host: the extension's API, fixture files, deadlines.
import * as vscode from 'vscode';
import type { CognitoTriggersApi } from '../../../client/src/extension';

/** `<publisher>.<name>` from package.json. */
export const EXTENSION_ID = 'cognito-triggers.cognito-triggers';

/** The extension under test (fails clearly when VS Code did not load it). */
export function extension(): vscode.Extension<CognitoTriggersApi> {
  const ext = vscode.extensions.getExtension<CognitoTriggersApi>(EXTENSION_ID);
  if (!ext) throw new Error(`Extension ${EXTENSION_ID} is not loaded: check extensionDevelopmentPath in test/e2e/run.mjs.`);
  return ext;
}

/** Rejects with `what` in the message when `promise` takes longer than `ms`. */
export async function withDeadline<T>(promise: Thenable<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Timed out after ${ms} ms waiting for ${what}.`)), ms);
  });
  try {
    return await Promise.race([Promise.resolve(promise), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** Activates the extension (if needed) and waits for its language server to be ready. */
export async function activeApi(ms = 30_000): Promise<CognitoTriggersApi> {
  const api = await withDeadline(extension().activate(), ms, `${EXTENSION_ID} to activate`);
  await withDeadline(api.ready(), ms, 'the language server to send cognitoTriggers/serverReady');
  return api;
}

/**
 * Polls `probe` until it returns something other than undefined/false, or fails after `ms`.
 * For state VS Code offers no event for (activation, command registration, provider results);
 * use `waitForDiagnostics` for diagnostics. `describe` adds the last value seen to the failure.
 */
export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  ms = 10_000,
  describe?: () => string,
): Promise<T> {
  const end = Date.now() + ms;
  let lastError: unknown;
  for (let attempt = 0; ; attempt++) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() >= end) {
      const detail = [describe?.(), lastError ? `last error: ${String(lastError)}` : ''].filter(Boolean).join('; ');
      throw new Error(`Timed out after ${ms} ms waiting for ${what}${detail ? ` (${detail})` : ''}.`);
    }
    // Back off from 50 ms to 500 ms between probes: quick when things are fast, light when slow.
    await new Promise((r) => setTimeout(r, Math.min(500, 50 * 2 ** attempt)));
  }
}

/** The fixture workspace folder (a fresh temporary copy of test/fixtures/workspace). */
export function workspaceFolder(): vscode.WorkspaceFolder {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('No workspace folder is open: test/e2e/run.mjs opens the fixture workspace.');
  return folder;
}

/** URI of a file in the fixture workspace, from a '/'-separated relative path. */
export function fixtureUri(relativePath: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceFolder().uri, ...relativePath.split('/'));
}

/** Opens a fixture file in an editor. */
export async function openFixture(relativePath: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(fixtureUri(relativePath));
  return vscode.window.showTextDocument(doc);
}

/**
 * Position inside the `occurrence`-th (0-based) match of `text` in the document, `offset` characters
 * into it. Fails when the text is missing, so a fixture edit cannot silently move the cursor.
 */
export function positionOf(doc: vscode.TextDocument, text: string, offset = 1, occurrence = 0): vscode.Position {
  const source = doc.getText();
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = source.indexOf(text, at + 1);
    if (at < 0) throw new Error(`${JSON.stringify(text)} (occurrence ${occurrence}) is not in ${doc.uri.fsPath}.`);
  }
  return doc.positionAt(at + offset);
}

/** Plain text of hover results (all contents joined), for `includes` assertions. */
export function hoverText(hovers: readonly vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}

/**
 * Runs the hover providers at `position` until the text satisfies `accept` (the language server
 * may still be starting) or the deadline passes; fails showing the last hover text.
 */
export async function waitForHover(uri: vscode.Uri, position: vscode.Position, accept: (text: string) => boolean, ms = 15_000): Promise<string> {
  let last = '';
  return waitFor(
    `a hover at ${uri.path}:${position.line + 1}:${position.character + 1} that passes the test`,
    async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position);
      last = hoverText(hovers ?? []);
      return accept(last) ? last : undefined;
    },
    ms,
    () => `last hover text: ${JSON.stringify(last)}`,
  );
}

/**
 * Waits until the diagnostics of `uri` satisfy `accept`, driven by `onDidChangeDiagnostics`
 * (checked once first, since they may already be there). Fails after `ms` showing the last ones.
 */
export function waitForDiagnostics(
  uri: vscode.Uri,
  accept: (diagnostics: vscode.Diagnostic[]) => boolean,
  ms = 15_000,
): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const current = vscode.languages.getDiagnostics(uri);
      if (!accept(current)) return false;
      done();
      resolve(current);
      return true;
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      done();
      const seen = vscode.languages.getDiagnostics(uri).map((d) => `${d.range.start.line + 1}: ${d.message}`);
      reject(new Error(`Timed out after ${ms} ms waiting for diagnostics of ${uri.path}; last: ${JSON.stringify(seen)}`));
    }, ms);
    function done(): void {
      clearTimeout(timer);
      subscription.dispose();
    }
    check();
  });
}
