// Per-resource settings pulled from the client with workspace/configuration and cached per URI.
import type { Connection } from 'vscode-languageserver/node';
import { defaultSettings, resolveSettings, type Settings } from '../core/settings';

/** Caches settings per document URI; cleared on didChangeConfiguration and document close. */
export class SettingsCache {
  private readonly cache = new Map<string, Promise<Settings>>();

  constructor(
    private readonly connection: Connection,
    private readonly supportsConfiguration: () => boolean,
  ) {}

  /** Settings for the resource; defaults when the client cannot be asked. */
  get(uri: string): Promise<Settings> {
    if (!this.supportsConfiguration()) return Promise.resolve(defaultSettings());
    let s = this.cache.get(uri);
    if (!s) {
      s = this.connection.workspace
        .getConfiguration({ scopeUri: uri, section: 'cognitoTriggers' })
        .then(resolveSettings, () => defaultSettings());
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
