// Per-resource settings, from every place an LSP client can give them: initializationOptions.settings,
// workspace/didChangeConfiguration pushes and workspace/configuration pulls (cached per URI).
import type { Connection } from 'vscode-languageserver/node';
import { resolveSettings, type Settings } from '../core/settings';

type Raw = Record<string, unknown>;

const isObject = (v: unknown): v is Raw => !!v && typeof v === 'object' && !Array.isArray(v);

/** `b` over `a`, object by object; arrays and scalars of `b` replace those of `a`. */
function merge(a: Raw, b: Raw): Raw {
  const out: Raw = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = isObject(v) && isObject(out[k]) ? merge(out[k] as Raw, v) : v;
  return out;
}

/**
 * The `cognitoTriggers` section in what a client sent: `{ cognitoTriggers: {...} }` (the shape of
 * didChangeConfiguration's settings and of nvim-lspconfig's `settings`) or the section itself.
 */
export function settingsSection(value: unknown): Raw | undefined {
  if (!isObject(value)) return undefined;
  if (isObject(value.cognitoTriggers)) return value.cognitoTriggers;
  return value;
}

/** Caches settings per document URI; cleared on didChangeConfiguration and document close. */
export class SettingsCache {
  private readonly cache = new Map<string, Promise<Settings>>();
  /** From initializationOptions.settings. */
  private initial: Raw = {};
  /** From the last workspace/didChangeConfiguration that carried settings. */
  private pushed: Raw = {};

  constructor(
    private readonly connection: Connection,
    private readonly supportsConfiguration: () => boolean,
  ) {}

  /** Settings given in initializationOptions (the section, or `{ cognitoTriggers: section }`). */
  setInitial(value: unknown): void {
    this.initial = settingsSection(value) ?? {};
    this.clear();
  }

  /**
   * A didChangeConfiguration notification. Pull-only clients (VS Code) send no settings here, only
   * the signal to pull again; push clients (Neovim, Helix, eglot, ...) send the section.
   */
  push(settings: unknown): void {
    const section = settingsSection(settings);
    if (section) this.pushed = section;
    this.clear();
  }

  /** Settings for the resource: pulled over pushed over initial over defaults. */
  get(uri: string): Promise<Settings> {
    let s = this.cache.get(uri);
    if (!s) {
      const base = merge(this.initial, this.pushed);
      s = this.supportsConfiguration()
        ? this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'cognitoTriggers' }).then(
            // A client without the section answers null (Neovim: vim.NIL): keep what was pushed.
            (pulled: unknown) => resolveSettings(isObject(pulled) ? merge(base, pulled) : base),
            () => resolveSettings(base),
          )
        : Promise.resolve(resolveSettings(base));
      this.cache.set(uri, s);
    }
    return s;
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }

  clear(): void {
    this.cache.clear();
  }
}
