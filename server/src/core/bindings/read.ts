// Reads a folder's bindings file (setting cognitoTriggers.bindingsFile): inside the folder only,
// regular file, at most 1 MB — the setting may come from the repository's .vscode/settings.json.
import * as path from 'node:path';
import { readSafeFile, type SafeRead } from '../safeFile';

/** A bindings file maps handlers to functions: far below this. */
export const MAX_BINDINGS_BYTES = 1024 * 1024;

/** The bindings file named by `setting` (relative to `folder`; default cognito-triggers.json), read safely. */
export function readBindingsText(folder: string, setting: string): SafeRead {
  const file = path.resolve(folder, setting || 'cognito-triggers.json');
  return readSafeFile(file, { maxBytes: MAX_BINDINGS_BYTES, within: folder });
}
