// Reads a file a user or a repository named, safely: regular files only (a FIFO would block the reader,
// /dev/zero never ends), size-capped, optionally confined to a folder. Never throws; says what is wrong.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Why a file was not read. */
/** Larger files are reported (file-too-large) instead of read by check: no trigger handler or event is this big. */
export const CHECK_MAX_BYTES = 10 * 1024 * 1024;

export type UnreadableReason = 'missing' | 'not-a-file' | 'too-large' | 'outside-folder' | 'unreadable';

/** The text, or why not with a message that says what to do. */
export type SafeRead = { ok: true; text: string; size: number; stamp: FileStamp } | { ok: false; reason: UnreadableReason; message: string };

/** What identifies one version of a file on disk (from stat): a text read with one stamp still matches a file with the same. */
export interface FileStamp {
  readonly ino: number;
  readonly size: number;
  readonly mtimeMs: number;
}

/** The stamp of a stat result. */
export const stampOf = (st: fs.Stats): FileStamp => ({ ino: st.ino, size: st.size, mtimeMs: st.mtimeMs });

/** Options of readSafeFile. */
export interface SafeReadOptions {
  /** Larger files are refused (bytes). */
  maxBytes: number;
  /** The file must resolve (symlinks followed) inside this folder. */
  within?: string;
}

const mb = (n: number): string => `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;

/** Reads `file` as UTF-8 under the options' rules. */
export function readSafeFile(file: string, o: SafeReadOptions): SafeRead {
  let real: string;
  try {
    // The native realpath(3): one system call, where the JavaScript one lstat()s every path component.
    real = fs.realpathSync.native(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR' ? { ok: false, reason: 'missing', message: `${file}: no such file.` } : { ok: false, reason: 'unreadable', message: `${file}: cannot be read (${code ?? (e as Error).message}).` };
  }
  if (o.within !== undefined) {
    let root: string;
    try {
      root = fs.realpathSync.native(o.within);
    } catch {
      root = path.resolve(o.within);
    }
    const rel = path.relative(root, real);
    if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) {
      return { ok: false, reason: 'outside-folder', message: `${file}: outside the folder ${o.within}; only files inside it are read.` };
    }
  }
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer, forever.
    fd = fs.openSync(real, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (e) {
    return { ok: false, reason: 'unreadable', message: `${file}: cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}).` };
  }
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) return { ok: false, reason: 'not-a-file', message: `${file}: not a regular file (a device, FIFO or socket); only regular files are read.` };
    if (st.size > o.maxBytes) return { ok: false, reason: 'too-large', message: `${file}: ${mb(st.size)}, larger than the ${mb(o.maxBytes)} limit; not read.` };
    // Read at most maxBytes + 1 whatever the size said (a file can grow while it is read).
    const buf = Buffer.alloc(Math.min(o.maxBytes + 1, Math.max(st.size, 0) + 1));
    let n = 0;
    for (;;) {
      if (n === buf.length) break;
      const got = fs.readSync(fd, buf, n, buf.length - n, n);
      if (got === 0) break;
      n += got;
    }
    if (n > o.maxBytes) return { ok: false, reason: 'too-large', message: `${file}: larger than the ${mb(o.maxBytes)} limit; not read.` };
    return { ok: true, text: buf.subarray(0, n).toString('utf8'), size: n, stamp: stampOf(st) };
  } catch (e) {
    return { ok: false, reason: 'unreadable', message: `${file}: cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}).` };
  } finally {
    fs.closeSync(fd);
  }
}
