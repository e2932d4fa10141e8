// The package.json keys generated from the model and the settings declaration:
// contributes.jsonValidation, contributes.snippets and contributes.configuration.
import { TRIGGERS } from '../model/registry';
import { configurationProperties } from '../settings';
import { schemaFile } from './schema';

/** The `contributes.jsonValidation` entries: each trigger's schema for files under events/<TriggerId>/. */
export function jsonValidation(): { fileMatch: string[]; url: string }[] {
  return TRIGGERS.map((t) => ({ fileMatch: [`**/events/${t.id}/*.json`], url: `./schemas/${schemaFile(t.id)}` }));
}

/** The `contributes.snippets` entries: one file, scoped per snippet, for the four JS/TS languages. */
export function snippetContributions(): { language: string; path: string }[] {
  return ['javascript', 'typescript', 'javascriptreact', 'typescriptreact'].map((language) => ({ language, path: './snippets/triggers.code-snippets' }));
}

/** The `contributes.configuration` section, from core/settings.ts (one place to add a setting). */
export function configuration(): { title: string; properties: Record<string, unknown> } {
  return { title: 'Cognito Triggers', properties: configurationProperties() };
}

/**
 * package.json text with only our generated keys replaced (others edit other keys concurrently): parse,
 * set, stringify with 2-space indent and a trailing newline. Key order is kept.
 */
export function updatePackageJson(text: string): string {
  const pkg = JSON.parse(text) as Record<string, unknown>;
  const contributes = (typeof pkg.contributes === 'object' && pkg.contributes !== null ? pkg.contributes : {}) as Record<string, unknown>;
  contributes.jsonValidation = jsonValidation();
  contributes.snippets = snippetContributions();
  contributes.configuration = configuration();
  pkg.contributes = contributes;
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

/** Our generated keys of a package.json text, for a drift check that ignores everyone else's edits. */
export function ownedKeys(text: string): string {
  const pkg = JSON.parse(text) as { contributes?: { jsonValidation?: unknown; snippets?: unknown; configuration?: unknown } };
  const c = pkg.contributes;
  return JSON.stringify({ jsonValidation: c?.jsonValidation, snippets: c?.snippets, configuration: c?.configuration });
}
