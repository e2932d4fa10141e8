// The package.json keys generated from the model and the settings declaration:
// contributes.snippets and contributes.configuration (and no contributes.jsonValidation, see below).
import { configurationProperties, restrictedConfigurations } from '../settings';

/** The `contributes.snippets` entries: one file, scoped per snippet, for the four JS/TS languages and Python. */
export function snippetContributions(): { language: string; path: string }[] {
  return ['javascript', 'typescript', 'javascriptreact', 'typescriptreact', 'python'].map((language) => ({ language, path: './snippets/triggers.code-snippets' }));
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
  // No jsonValidation contribution: our language server already validates event files (with quirk
  // warnings where the schema alone would say "Incorrect type"); registering the schemas for the same
  // globs made VS Code's JSON support add contradicting errors and duplicate completions. A file that
  // names a schema in `$schema` still gets VS Code's own help from the schemas/ folder.
  delete contributes.jsonValidation;
  contributes.snippets = snippetContributions();
  contributes.configuration = configuration();
  pkg.contributes = contributes;
  // Settings naming a path, command, endpoint, environment or profile: the workspace's value is
  // ignored in Restricted Mode (a repository's .vscode/settings.json must not choose them).
  // Only where the manifest declares limited support (a manifest without it keeps its keys as they are).
  const untrusted = (pkg.capabilities as { untrustedWorkspaces?: Record<string, unknown> } | undefined)?.untrustedWorkspaces;
  if (untrusted && typeof untrusted === 'object') untrusted.restrictedConfigurations = restrictedConfigurations();
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

/** Our generated keys of a package.json text, for a drift check that ignores everyone else's edits. */
export function ownedKeys(text: string): string {
  const pkg = JSON.parse(text) as { contributes?: { jsonValidation?: unknown; snippets?: unknown; configuration?: unknown }; capabilities?: { untrustedWorkspaces?: { restrictedConfigurations?: unknown } } };
  const c = pkg.contributes;
  return JSON.stringify({ jsonValidation: c?.jsonValidation, snippets: c?.snippets, configuration: c?.configuration, restricted: pkg.capabilities?.untrustedWorkspaces?.restrictedConfigurations });
}
