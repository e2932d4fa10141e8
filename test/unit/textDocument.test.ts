// The server's PieceTextDocument answers exactly as vscode-languageserver-textdocument's TextDocument does
// (random edits applied to both, every answer compared), and an edit of a large text keeps it in pieces.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { PIECES_FROM_CHARS, PieceTextDocument, textLength } from '../../server/src/core/textDocument';
import { NormalizedTextDocument } from '../../server/src/workspace/languages';

/** A small deterministic generator (the failures must be reproducible). */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const FRAGMENTS = ['a', 'bc', '\n', '\r\n', '\r', 'x\ny', '\r\n\r\n', 'é', '😀', 'line\r', '\nz', '', 'const a = 1;\n'];

function randomChange(doc: TextDocument, rnd: () => number): TextDocumentContentChangeEvent {
  if (rnd() < 0.03) return { text: FRAGMENTS.slice(0, 1 + Math.floor(rnd() * FRAGMENTS.length)).join('') };
  const lines = doc.lineCount;
  // Characters past the line's end are clamped by both. Lines past the last one are not compared here:
  // the library corrupts its line offsets on them (see the test of out-of-range edits below).
  const pos = () => ({ line: Math.floor(rnd() * lines), character: Math.floor(rnd() * 12) });
  let text = '';
  for (let n = Math.floor(rnd() * 3); n > 0; n--) text += FRAGMENTS[Math.floor(rnd() * FRAGMENTS.length)] as string;
  return { range: { start: pos(), end: pos() }, text };
}

function assertSame(ours: PieceTextDocument, theirs: TextDocument, rnd: () => number, step: string): void {
  assert.equal(ours.getText(), theirs.getText(), `${step}: text`);
  assert.equal(ours.length, theirs.getText().length, `${step}: length`);
  assert.equal(ours.lineCount, theirs.lineCount, `${step}: lineCount`);
  assert.equal(ours.version, theirs.version, `${step}: version`);
  const len = theirs.getText().length;
  for (let k = 0; k < 8; k++) {
    const offset = Math.floor(rnd() * (len + 3)) - 1;
    assert.deepEqual(ours.positionAt(offset), theirs.positionAt(offset), `${step}: positionAt(${offset})`);
    const position = { line: Math.floor(rnd() * (theirs.lineCount + 2)) - 1, character: Math.floor(rnd() * 14) - 1 };
    assert.equal(ours.offsetAt(position), theirs.offsetAt(position), `${step}: offsetAt(${JSON.stringify(position)})`);
    const line = Math.floor(rnd() * (theirs.lineCount + 2)) - 1;
    assert.deepEqual(ours.getLineRange(line), theirs.getLineRange(line), `${step}: getLineRange(${line})`);
    assert.equal(ours.getEOLCharacters(line), theirs.getEOLCharacters(line), `${step}: getEOLCharacters(${line})`);
    const end = { line: Math.floor(rnd() * (theirs.lineCount + 1)), character: Math.floor(rnd() * 14) };
    const range = { start: position, end };
    assert.equal(ours.getText(range), theirs.getText(range), `${step}: getText(${JSON.stringify(range)})`);
  }
}

describe('PieceTextDocument', () => {
  for (const [name, initial, big] of [
    ['a small text (joined after every edit)', 'first line\r\nsecond\nthird\rfourth', false],
    ['a text kept in pieces', `${'x'.repeat(PIECES_FROM_CHARS)}\n${'line\r\n'.repeat(20)}`, true],
  ] as const) {
    it(`answers as the library's TextDocument after random edits: ${name}`, () => {
      for (const seed of [1, 2, 3, 20261201]) {
        const rnd = random(seed);
        const ours = new PieceTextDocument('file:///a.js', 'javascript', 1, initial);
        const theirs = TextDocument.create('file:///a.js', 'javascript', 1, initial);
        assertSame(ours, theirs, rnd, `seed ${seed}, opened`);
        for (let v = 2; v < (big ? 120 : 400); v++) {
          // Several changes in one notification, as editors send for multi-cursor edits.
          // Each against the text the previous one left (a scratch copy), as an editor computes them.
          const scratch = TextDocument.create('file:///a.js', 'javascript', v, theirs.getText());
          const changes = Array.from({ length: 1 + Math.floor(rnd() * 2) }, () => {
            const c = randomChange(scratch, rnd);
            TextDocument.update(scratch, [c], v);
            return c;
          });
          TextDocument.update(theirs, changes, v);
          ours.update(changes, v);
          // Asking for positions before the text (the line offsets are then kept up to date, not recomputed).
          if (rnd() < 0.5) assertSame(ours, theirs, rnd, `seed ${seed}, version ${v}, ${JSON.stringify(changes)}`);
        }
        assertSame(ours, theirs, rnd, `seed ${seed}, end`);
      }
    });
  }

  it('stays consistent after edits whose ranges lie past the last line (the library leaves holes in its line offsets)', () => {
    const rnd = random(7);
    const doc = new PieceTextDocument('file:///a.js', 'javascript', 1, 'x\n\r');
    for (let v = 2; v < 300; v++) {
      const pos = () => ({ line: Math.floor(rnd() * (doc.lineCount + 3)) - 1, character: Math.floor(rnd() * 12) });
      doc.update([{ range: { start: pos(), end: pos() }, text: FRAGMENTS[Math.floor(rnd() * FRAGMENTS.length)] as string }], v);
      // The same text opened fresh must answer every question the same way.
      const fresh = TextDocument.create('file:///a.js', 'javascript', v, doc.getText());
      assertSame(doc, fresh, rnd, `version ${v}`);
    }
  });

  it('keeps a large text in pieces across edits (the library copied it whole on each), and its length needs no join', () => {
    const doc = new PieceTextDocument('file:///dist/bundle.js', 'javascript', 1, `${'a'.repeat(2 * PIECES_FROM_CHARS)}\n`.repeat(4));
    for (let v = 2; v < 12; v++) doc.update([{ range: { start: { line: 1, character: 3 }, end: { line: 1, character: v % 2 ? 4 : 3 } }, text: v % 2 ? '' : 'b' }], v);
    const pieces = (doc as unknown as { pieces: string[] }).pieces;
    assert.ok(pieces.length > 1, `pieces: ${pieces.length}`);
    assert.equal(textLength(doc), 8 * PIECES_FROM_CHARS + 4);
    assert.equal(doc.charCodeAt(2 * PIECES_FROM_CHARS + 1 + 3), 'a'.charCodeAt(0));
  });

  it('is what the server stores documents as, under the normalized language id', () => {
    const doc = NormalizedTextDocument.create('file:///w/handler.mjs', 'js', 1, 'export const handler = async (e) => e;\n');
    assert.ok(doc instanceof PieceTextDocument);
    assert.equal(doc.languageId, 'javascript');
    const updated = NormalizedTextDocument.update(doc, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '// x\n' }], 2);
    assert.equal(updated.getText(), '// x\nexport const handler = async (e) => e;\n');
    assert.equal(updated.version, 2);
  });
});
