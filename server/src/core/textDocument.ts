// The language server's text documents (host-agnostic): vscode-languageserver-textdocument's behaviour, but a keystroke in
// a multi-megabyte file no longer copies the file. Why: the library rebuilds the text as
// `substring + text + substring` of the previous text, and V8 flattens a concatenated string on its next
// substring or charCodeAt, so every edit of a 10 MB bundle copied 10 MB on the event loop (7-8 ms, plus
// the garbage) while other documents' requests waited. Large documents keep their text as pieces
// (slices of the opened text and of inserted text) and are joined only when a feature asks for the text.
import type { Position, Range, TextDocument, TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';

/** From this many characters the text is kept in pieces; smaller documents are joined after every edit, as the library does. */
export const PIECES_FROM_CHARS = 256 * 1024;
/** Past this many pieces they are joined once (each edit adds at most two), so a lookup stays cheap. */
const MAX_PIECES = 512;

const CR = 13;
const LF = 10;
const isEol = (c: number): boolean => c === CR || c === LF;

/** Offsets at which lines start in `text` (as the library computes them), found with indexOf rather than a character loop. */
function lineStarts(text: string, atLineStart: boolean, offset = 0): number[] {
  const out = atLineStart ? [offset] : [];
  let lf = text.indexOf('\n');
  let cr = text.indexOf('\r');
  while (lf !== -1 || cr !== -1) {
    let end: number;
    if (cr !== -1 && (lf === -1 || cr < lf)) {
      end = cr;
      if (lf === cr + 1) {
        end = lf;
        lf = text.indexOf('\n', lf + 1);
      }
      cr = text.indexOf('\r', cr + 1);
    } else {
      end = lf;
      lf = text.indexOf('\n', lf + 1);
    }
    out.push(offset + end + 1);
  }
  return out;
}

function wellFormed(range: Range): Range {
  const { start, end } = range;
  return start.line > end.line || (start.line === end.line && start.character > end.character) ? { start: end, end: start } : range;
}

const isIncremental = (e: TextDocumentContentChangeEvent): e is { range: Range; rangeLength?: number; text: string } => {
  const c = e as { range?: Range; rangeLength?: unknown; text?: unknown };
  return c !== null && typeof c === 'object' && typeof c.text === 'string' && c.range !== undefined && (c.rangeLength === undefined || typeof c.rangeLength === 'number');
};
const isFull = (e: TextDocumentContentChangeEvent): e is { text: string } => {
  const c = e as { range?: unknown; rangeLength?: unknown; text?: unknown };
  return c !== null && typeof c === 'object' && typeof c.text === 'string' && c.range === undefined && c.rangeLength === undefined;
};

/** A text document whose text is a list of pieces; same answers as the library's TextDocument (test/unit/textDocument.test.ts compares them). */
export class PieceTextDocument implements TextDocument {
  private pieces: string[];
  /** Offset of each piece's first character. */
  private starts: number[] = [0];
  private total: number;
  /** getText() of this version, once asked for. */
  private joined: string | undefined;
  private lineOffsets: number[] | undefined;

  constructor(
    readonly uri: string,
    readonly languageId: string,
    private currentVersion: number,
    content: string,
  ) {
    this.pieces = content ? [content] : [];
    this.total = content.length;
    this.joined = content;
  }

  get version(): number {
    return this.currentVersion;
  }

  /** The text's length, without joining it. */
  get length(): number {
    return this.total;
  }

  get lineCount(): number {
    return this.getLineOffsets().length;
  }

  getText(range?: Range): string {
    if (range) return this.slice(this.offsetAt(range.start), this.offsetAt(range.end));
    if (this.joined === undefined) {
      // A concatenation, not a copy: V8 copies it only if a reader scans it.
      let s = '';
      for (const p of this.pieces) s += p;
      this.joined = s;
    }
    return this.joined;
  }

  /** The character code at `offset` (NaN outside the text), without joining the text. */
  charCodeAt(offset: number): number {
    if (offset < 0 || offset >= this.total) return NaN;
    const i = this.pieceAt(offset);
    return (this.pieces[i] as string).charCodeAt(offset - (this.starts[i] as number));
  }

  positionAt(offset: number): Position {
    offset = Math.max(Math.min(offset, this.total), 0);
    const lines = this.getLineOffsets();
    let low = 0;
    let high = lines.length;
    if (high === 0) return { line: 0, character: offset };
    while (low < high) {
      const mid = Math.floor((low + high) / 2);
      if ((lines[mid] as number) > offset) high = mid;
      else low = mid + 1;
    }
    const line = low - 1;
    const start = lines[line] as number;
    return { line, character: this.beforeEol(offset, start) - start };
  }

  offsetAt(position: Position): number {
    const lines = this.getLineOffsets();
    if (position.line >= lines.length) return this.total;
    if (position.line < 0) return 0;
    const start = lines[position.line] as number;
    if (position.character <= 0) return start;
    const next = position.line + 1 < lines.length ? (lines[position.line + 1] as number) : this.total;
    return this.beforeEol(Math.min(start + position.character, next), start);
  }

  getLineRange(line: number): Range {
    const lines = this.getLineOffsets();
    if (line >= lines.length) {
      const last = lines.length - 1;
      return { start: { line: last, character: 0 }, end: { line: last, character: this.total - (lines[last] as number) } };
    }
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const start = lines[line] as number;
    const next = line + 1 < lines.length ? (lines[line + 1] as number) : this.total;
    return { start: { line, character: 0 }, end: { line, character: this.beforeEol(next, start) - start } };
  }

  getEOLCharacters(line: number): string {
    const lines = this.getLineOffsets();
    if (line >= lines.length || line < 0) return '';
    const next = line + 1 < lines.length ? (lines[line + 1] as number) : this.total;
    return this.slice(this.beforeEol(next, lines[line] as number), next);
  }

  /** Applies editor changes in order (the library's update, piece by piece). */
  update(changes: readonly TextDocumentContentChangeEvent[], version: number): void {
    for (const change of changes) {
      if (isIncremental(change)) {
        const range = wellFormed(change.range);
        const startOffset = this.offsetAt(range.start);
        const endOffset = this.offsetAt(range.end);
        this.replace(startOffset, endOffset, change.text);
        const insertedEnd = startOffset + change.text.length;
        // A CRLF pair across an edit boundary is not in the inserted text's line offsets: recompute them.
        const crlfAtStart = this.charCodeAt(startOffset - 1) === CR && this.charCodeAt(startOffset) === LF;
        const crlfAtEnd = this.charCodeAt(insertedEnd - 1) === CR && this.charCodeAt(insertedEnd) === LF;
        if (crlfAtStart || crlfAtEnd || !this.lineOffsets) {
          this.lineOffsets = undefined;
          continue;
        }
        let lines = this.lineOffsets;
        // Lines past the end are clamped to the last one (their offsets are): the library uses them as
        // given and leaves holes in its line offsets, then answers NaN-derived positions.
        const startLine = Math.min(Math.max(range.start.line, 0), lines.length - 1);
        const endLine = Math.min(Math.max(range.end.line, 0), lines.length - 1);
        const added = lineStarts(change.text, false, startOffset);
        if (endLine - startLine === added.length) {
          for (let i = 0; i < added.length; i++) lines[i + startLine + 1] = added[i] as number;
        } else if (added.length < 10000) {
          lines.splice(startLine + 1, endLine - startLine, ...added);
        } else {
          this.lineOffsets = lines = lines.slice(0, startLine + 1).concat(added, lines.slice(endLine + 1));
        }
        const diff = change.text.length - (endOffset - startOffset);
        if (diff !== 0) for (let i = startLine + 1 + added.length; i < lines.length; i++) lines[i] = (lines[i] as number) + diff;
      } else if (isFull(change)) {
        this.pieces = change.text ? [change.text] : [];
        this.total = change.text.length;
        this.reindex();
        this.joined = change.text;
        this.lineOffsets = undefined;
      } else {
        throw new Error('Unknown change event received');
      }
    }
    this.currentVersion = version;
  }

  private getLineOffsets(): number[] {
    this.lineOffsets ??= lineStarts(this.getText(), true);
    return this.lineOffsets;
  }

  private beforeEol(offset: number, lineStart: number): number {
    while (offset > lineStart && isEol(this.charCodeAt(offset - 1))) offset--;
    return offset;
  }

  /** The index of the piece holding `offset` (0 <= offset < length). */
  private pieceAt(offset: number): number {
    let low = 0;
    let high = this.pieces.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.starts[mid] as number) <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  /** The text between `start` and `end` (either order, as String#substring), copied from the pieces it spans only. */
  private slice(from: number, to: number): string {
    const start = Math.max(0, Math.min(from, to, this.total));
    const end = Math.max(0, Math.min(Math.max(from, to), this.total));
    if (start === end) return '';
    if (this.joined !== undefined && this.pieces.length <= 1) return this.joined.substring(start, end);
    let out = '';
    for (let i = this.pieceAt(start); i < this.pieces.length && (this.starts[i] as number) < end; i++) {
      const p = this.pieces[i] as string;
      const at = this.starts[i] as number;
      out += p.substring(Math.max(0, start - at), Math.min(p.length, end - at));
    }
    return out;
  }

  /** Replaces the characters from `start` to `end` with `text`. */
  private replace(start: number, end: number, text: string): void {
    const next: string[] = [];
    let inserted = false;
    for (let i = 0; i < this.pieces.length; i++) {
      const p = this.pieces[i] as string;
      const at = this.starts[i] as number;
      const after = at + p.length;
      if (after <= start) {
        next.push(p);
        continue;
      }
      if (!inserted) {
        if (start > at) next.push(p.substring(0, start - at));
        if (text) next.push(text);
        inserted = true;
      }
      if (after > end) next.push(end > at ? p.substring(end - at) : p);
    }
    if (!inserted && text) next.push(text);
    this.total += text.length - (end - start);
    // Small documents are joined at once, as the library's text is: their readers get a flat string and the old text is freed.
    this.pieces = next.length > 1 && (this.total < PIECES_FROM_CHARS || next.length > MAX_PIECES) ? [next.join('')] : next;
    this.reindex();
    this.joined = this.pieces.length === 1 ? this.pieces[0] : this.pieces.length === 0 ? '' : undefined;
  }

  private reindex(): void {
    this.starts = new Array<number>(this.pieces.length);
    let at = 0;
    for (let i = 0; i < this.pieces.length; i++) {
      this.starts[i] = at;
      at += (this.pieces[i] as string).length;
    }
  }
}

/** The length of a document's text, without joining a PieceTextDocument's pieces. */
export function textLength(doc: { getText(): string }): number {
  return doc instanceof PieceTextDocument ? doc.length : doc.getText().length;
}
