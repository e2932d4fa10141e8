// Texts one pass over a tree has read, kept for a later pass that reads the same files: `check` reads
// every script under the root to discover the IaC wiring, then reads its files again to analyse them.
import type { FileStamp } from './safeFile';

// Files the later pass has already read for itself, remembered so their texts are not kept when they come
// after; a cap keeps this bounded too (past it, such a text is kept and simply never taken).
const MAX_READ_ELSEWHERE = 10_000;

const sameStamp = (a: FileStamp, b: FileStamp): boolean => a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs;

/**
 * Texts by absolute path, each with the stamp of the file it was read from. A text is handed out once
 * (`take` forgets it) and only while the file still has that stamp; what is kept stays within a byte
 * budget (a text beyond it is not kept, and that file is simply read again), so memory stays bounded
 * however large the tree.
 */
export class SharedReads {
  private readonly texts = new Map<string, { text: string; stamp: FileStamp }>();
  private readonly readElsewhere = new Set<string>();
  private bytes = 0;

  /** `wanted`: the files the later pass will ask for (the others are not worth keeping). */
  constructor(
    private readonly maxBytes: number,
    private readonly wanted: (file: string) => boolean,
  ) {}

  /** A text just read from `file` (absolute), with the stamp of what was read. */
  offer(file: string, text: string, stamp: FileStamp): void {
    if (!this.wanted(file) || this.readElsewhere.has(file)) return;
    this.forget(file);
    // UTF-16 in memory: two bytes a character is the bound that matters.
    const cost = text.length * 2;
    if (this.bytes + cost > this.maxBytes) return;
    this.texts.set(file, { text, stamp });
    this.bytes += cost;
  }

  /** The text of `file` when one was offered and the file still has that stamp (`now`, from a fresh stat); handed out once. */
  take(file: string, now: FileStamp): string | undefined {
    const hit = this.texts.get(file);
    if (!hit) return undefined;
    this.forget(file);
    return sameStamp(hit.stamp, now) ? hit.text : undefined;
  }

  /** The later pass read `file` itself (before the first pass came to it): a text offered for it later is not kept. */
  readBySelf(file: string): void {
    if (this.readElsewhere.size < MAX_READ_ELSEWHERE) this.readElsewhere.add(file);
  }

  /** Bytes held now (for tests). */
  get held(): number {
    return this.bytes;
  }

  private forget(file: string): void {
    const hit = this.texts.get(file);
    if (!hit) return;
    this.texts.delete(file);
    this.bytes -= hit.text.length * 2;
  }
}
