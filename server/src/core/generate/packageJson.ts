// The two package.json keys we own: contributes.jsonValidation and contributes.snippets.
import { TRIGGERS } from '../model/registry';
import { schemaFile } from './schema';

/** The `contributes.jsonValidation` entries: each trigger's schema for files under events/<TriggerId>/. */
export function jsonValidation(): { fileMatch: string[]; url: string }[] {
  return TRIGGERS.map((t) => ({ fileMatch: [`**/events/${t.id}/*.json`], url: `./schemas/${schemaFile(t.id)}` }));
}

/** The `contributes.snippets` entries: one file, scoped per snippet, for the four JS/TS languages. */
export function snippetContributions(): { language: string; path: string }[] {
  return ['javascript', 'typescript', 'javascriptreact', 'typescriptreact'].map((language) => ({ language, path: './snippets/triggers.code-snippets' }));
}

/**
 * package.json text with only our two keys replaced (others edit other keys concurrently): parse,
 * set, stringify with 2-space indent and a trailing newline. Key order is kept.
 */
export function updatePackageJson(text: string): string {
  const pkg = JSON.parse(text) as Record<string, unknown>;
  const contributes = (typeof pkg.contributes === 'object' && pkg.contributes !== null ? pkg.contributes : {}) as Record<string, unknown>;
  contributes.jsonValidation = jsonValidation();
  contributes.snippets = snippetContributions();
  pkg.contributes = contributes;
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

/** Our two keys of a package.json text, for a drift check that ignores everyone else's edits. */
export function ownedKeys(text: string): string {
  const pkg = JSON.parse(text) as { contributes?: { jsonValidation?: unknown; snippets?: unknown } };
  return JSON.stringify({ jsonValidation: pkg.contributes?.jsonValidation, snippets: pkg.contributes?.snippets });
}
