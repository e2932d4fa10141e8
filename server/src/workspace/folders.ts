// Workspace folders, to turn a document URI into a path relative to its folder (for glob settings).
import { URI } from 'vscode-uri';

/** Tracks the workspace folders the client reports. */
export class WorkspaceFolders {
  private folders: string[] = [];
  private uris: string[] = [];

  set(uris: readonly string[]): void {
    this.uris = [...uris];
    // Longest first so nested folders win.
    this.folders = uris.map((u) => URI.parse(u).path.replace(/\/$/, '')).sort((a, b) => b.length - a.length);
  }

  /** The folders' URIs, in the order the client gave them. */
  roots(): string[] {
    return [...this.uris];
  }

  /** '/'-separated path of the document relative to its folder, or its absolute path when outside all folders. */
  relativePath(uri: string): string {
    const p = URI.parse(uri).path;
    for (const f of this.folders) if (p.startsWith(`${f}/`)) return p.slice(f.length + 1);
    return p.replace(/^\//, '');
  }

  /** The folder that contains the document (file system path), if any. */
  folderOf(uri: string): string | undefined {
    const p = URI.parse(uri).path;
    const f = this.folders.find((folder) => p.startsWith(`${folder}/`));
    return f ? URI.file(f).fsPath : undefined;
  }
}

/** What `initialize` says about the workspace root(s). */
export interface InitializeRoots {
  workspaceFolders?: readonly { uri: string }[] | null;
  rootUri?: string | null;
  rootPath?: string | null;
}

/** The workspace folders; else `rootUri`; else `rootPath` (deprecated, still all some clients send). */
export function rootsOf(p: InitializeRoots): string[] {
  if (p.workspaceFolders?.length) return p.workspaceFolders.map((f) => f.uri);
  if (p.rootUri) return [p.rootUri];
  if (p.rootPath) return [URI.file(p.rootPath).toString()];
  return [];
}
