// Typed reads of the extension's settings, from the one declaration in core/settings.
import * as vscode from 'vscode';
import { resolveSettings, SETTINGS, type Settings } from '../../server/src/core/settings';

/** Settings for a resource (or the window). */
export function getSettings(resource?: vscode.Uri): Settings {
  const c = vscode.workspace.getConfiguration('cognitoTriggers', resource);
  // Rebuild the nested object from the declared keys so only known settings are read.
  const raw: Record<string, unknown> = {};
  for (const s of SETTINGS) {
    const parts = s.key.split('.');
    let o = raw;
    for (const p of parts.slice(0, -1)) o = (o[p] ??= {}) as Record<string, unknown>;
    o[parts[parts.length - 1] as string] = c.get(s.key);
  }
  return resolveSettings(raw);
}

/** Keys whose change needs the language server restarted. */
export const RESTART_KEYS = SETTINGS.filter((s) => s.restart).map((s) => `cognitoTriggers.${s.key}`);
