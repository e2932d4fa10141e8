// Workspace folders, to turn a document URI into a path relative to its folder (for glob settings).
import { URI } from 'vscode-uri';

/** Tracks the workspace folders the client reports. */
export class WorkspaceFolders {
  private folders: string[] = [];

  set(uris: readonly string[]): void {
    // Longest first so nested folders win.
    this.folders = uris.map((u) => URI.parse(u).path.replace(/\/$/, '')).sort((a, b) => b.length - a.length);
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
