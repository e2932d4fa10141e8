// Workspace trust for LSP clients other than VS Code (which has Restricted Mode and tells the server):
// `initializationOptions.trusted`, or the user's trust file listing trusted folders.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { URI } from 'vscode-uri';

/**
 * The user's trust file. It lives in the user's configuration folder, never in the workspace: a
 * cloned repository must not be able to trust itself.
 */
export function trustFilePath(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config');
  return path.join(base, 'cognito-triggers', 'trusted-folders.json');
}

/** The folders the trust file lists (`{ "trustedFolders": ["/abs/path", ...] }`); none when absent or unreadable. */
export function trustedFolders(file = trustFilePath()): string[] {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as { trustedFolders?: unknown };
    return Array.isArray(parsed.trustedFolders) ? parsed.trustedFolders.filter((f): f is string => typeof f === 'string' && path.isAbsolute(f)).map((f) => path.resolve(f)) : [];
  } catch {
    return [];
  }
}

/** True when every root (file URIs) is a listed folder or inside one. No roots: not trusted. */
export function rootsTrustedByFile(roots: readonly string[], file = trustFilePath()): boolean {
  if (!roots.length) return false;
  const listed = trustedFolders(file);
  return roots.every((uri) => {
    const p = path.resolve(URI.parse(uri).fsPath);
    return listed.some((t) => p === t || p.startsWith(t.endsWith(path.sep) ? t : t + path.sep));
  });
}

/** What to tell a non-VS Code user whose workspace is not trusted: why invoke is off and how to turn it on. */
export function untrustedExplanation(file = trustFilePath()): { message: string; hint: string } {
  return {
    message: 'Cognito Triggers: local invoke is disabled because this workspace is not trusted (invoking runs the workspace\'s code).',
    hint: `To enable it, start the server with initializationOptions { "trusted": true }, or add the folder to "trustedFolders" in ${file} (see docs/editors.md, "Workspace trust").`,
  };
}
