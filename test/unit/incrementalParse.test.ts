// The incremental re-parse (handler/javascript/incremental.ts) must give exactly the tree and the analysis a
// whole-file parse gives: random edits over the repository's own handlers, each compared with a fresh parse.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { analyzeJavaScript } from '../../server/src/core/handler/javascript/analyze';
import { VISITOR_KEYS as babel } from '@babel/types';
import { reparse } from '../../server/src/core/handler/javascript/incremental';
import { VISITOR_KEYS as ours } from '../../server/src/core/handler/javascript/visitorKeys';
import { parseSource } from '../../server/src/core/handler/javascript/parse';

const root = path.resolve(__dirname, '..', '..');

/** Handler-like sources in the repository: the examples and the test fixtures. */
function corpus(): { file: string; text: string }[] {
  const out: { file: string; text: string }[] = [];
  for (const dir of ['examples/handlers', 'test/fixtures']) {
    for (const f of fs.readdirSync(path.join(root, dir), { recursive: true }).map(String)) {
      if (!/\.(?:[cm]?js|[cm]?ts|tsx|jsx)$/.test(f) || f.includes('node_modules') || f.endsWith('.d.ts')) continue;
      const file = path.join(root, dir, f);
      if (fs.statSync(file).size < 200_000) out.push({ file, text: fs.readFileSync(file, 'utf8') });
    }
  }
  return out;
}

/** The tree without `loc` (left stale after a splice, never read) and with comments as plain triples. */
function shape(ast: unknown): string {
  const comment = (c: { start?: number; end?: number; value: string }): string => `${c.start}-${c.end}:${c.value}`;
  return JSON.stringify(ast, (k, v: unknown) => {
    if (k === 'loc') return undefined;
    if ((k === 'leadingComments' || k === 'trailingComments' || k === 'innerComments' || k === 'comments') && Array.isArray(v)) return v.map(comment);
    return v;
  });
}

/** A small deterministic PRNG (mulberry32), so a failure names a reproducible seed. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = ['\nconst event = 1;\n', '\nfunction handler() {}\n', '\nexport const handler = 1;\n', ' ', 'x', ';', '}', '{', '(', ')', '/', '/*', '*/', '`', "'", '"', '\n', '.', ',', '=', '+', 'const y = 1;\n', '// c\n', 'event.request.', 'async ', 'return event;', '\n(', '\n[', '${'];

function edit(text: string, r: () => number): string {
  const at = Math.floor(r() * (text.length + 1));
  if (r() < 0.35) return text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + Math.floor(r() * 6)));
  return text.slice(0, at) + (PIECES[Math.floor(r() * PIECES.length)] ?? '') + text.slice(at);
}

function languageOf(file: string): string {
  return /\.[cm]?tsx?$/.test(file) ? 'typescript' : 'javascript';
}

describe('incremental re-parse', () => {
  const files = corpus();

  it('has a corpus to run on', () => {
    assert.ok(files.length >= 20, `only ${files.length} handler files found`);
  });

  it('gives the same tree as a whole-file parse after random edits (one edit from a clean parse)', () => {
    let compared = 0;
    let spliced = 0;
    for (const [i, { file, text }] of files.entries()) {
      const lang = languageOf(file);
      const r = rng(i + 1);
      for (let n = 0; n < 30; n++) {
        const base = parseSource(text, lang, file);
        if (!base.reusable) break; // a fixture with deliberate syntax errors
        const next = edit(text, r);
        const got = reparse(base.reusable, next);
        const full = parseSource(next, lang, file);
        if (!got) continue;
        spliced++;
        assert.ok(full.ast, `${file} edit ${n}: a splice was accepted where a whole parse fails`);
        assert.deepEqual(full.syntaxErrors, [], `${file} edit ${n}: a splice was accepted where a whole parse reports errors`);
        assert.equal(shape(got), shape(full.ast), `${file} edit ${n} (seed ${i + 1}) differs from a whole-file parse`);
        compared++;
      }
    }
    // Most random edits break the syntax (and fall back); enough must splice for the comparison to mean something.
    console.log(`compared ${compared} of ${spliced} splices over ${files.length} files`);
    assert.ok(compared >= 150, `only ${compared} spliced trees compared (of ${spliced} splices)`);
  });

  it('stays equal to a whole-file parse over a chain of edits that reuses each spliced tree', () => {
    for (const [i, { file, text }] of files.slice(0, 25).entries()) {
      const lang = languageOf(file);
      const r = rng(1000 + i);
      let current = parseSource(text, lang, file);
      let currentText = text;
      for (let n = 0; n < 30 && current.reusable; n++) {
        // Only edits that keep the file clean, so the chain goes on (a syntax error would end reuse).
        const next = edit(currentText, r);
        const full = parseSource(next, lang, file);
        if (!full.reusable) continue;
        const got = parseSource(next, lang, file, current.reusable);
        assert.equal(shape(got.ast), shape(full.ast), `${file} chain step ${n} (seed ${1000 + i})`);
        current = got;
        currentText = next;
      }
    }
  });

  it('analyses a large handler after an edit exactly as a fresh analysis does', () => {
    const lines = ["import type { PreSignUpTriggerEvent } from 'aws-lambda';", '', '// edit-here'];
    for (let i = 0; i < 600; i++) lines.push(`function check${i}(event: PreSignUpTriggerEvent): boolean {`, `  return event.request.userAttributes.email === 'a${i}';`, '}', '');
    lines.push('export const handler = async (event: PreSignUpTriggerEvent) => {', '  // @cognito-trigger PreSignUp', '  if (check1(event)) event.response.autoConfirmUser = true;', '  return event;', '};', '');
    const text = lines.join('\n');
    assert.ok(text.length > 16 * 1024, 'large enough to be kept for reuse');
    const name = 'incremental-large.ts';
    analyzeJavaScript({ text, languageId: 'typescript', fileName: name });
    const edits = [text.replace('// edit-here', '// edit-herex'), text.replace("'a7'", "'a77'"), text.replace('  return event;\n};', '  event.response.autoVerifyEmail = true;\n  return event;\n};')];
    for (const next of edits) {
      const reused = analyzeJavaScript({ text: next, languageId: 'typescript', fileName: name });
      const fresh = analyzeJavaScript({ text: next, languageId: 'typescript', fileName: `fresh-${Math.random()}.ts` });
      assert.equal(JSON.stringify(reused).replaceAll(/fresh-[0-9.]+\.ts/g, name), JSON.stringify(fresh).replaceAll(/fresh-[0-9.]+\.ts/g, name));
    }
  });

  it('falls back to a whole parse when the slice redeclares a name a kept statement declares', () => {
    const text = ["import { a } from 'x';", 'const one = 1;', 'const two = 2;', '', 'export const handler = async (event) => event;', ''].join('\n');
    const base = parseSource(text, 'javascript', 'r.js');
    assert.ok(base.reusable);
    for (const added of ['function handler() {}', 'let a = 1;', 'export { one as handler };']) {
      const next = text.replace('const two = 2;', `const two = 2;\n${added}`);
      assert.notDeepEqual(parseSource(next, 'javascript', 'r.js').syntaxErrors, [], `a whole parse reports ${added}`);
      assert.equal(reparse({ ...base.reusable, ast: parseSource(text, 'javascript', 'r.js').ast! }, next), undefined, `no splice over ${added}`);
    }
    const fine = text.replace('const two = 2;', 'const two = 2;\nconst three = 3;');
    assert.ok(reparse({ ...base.reusable, ast: parseSource(text, 'javascript', 'r.js').ast! }, fine), 'an unrelated declaration still splices');
  });

  it('the front end never reads `loc`, which a splice leaves stale after the edit', () => {
    const dir = path.join(root, 'server/src/core/handler/javascript');
    for (const f of fs.readdirSync(dir)) {
      const src = fs.readFileSync(path.join(dir, f), 'utf8').replace(/\/\/.*$/gm, '').replace(/\/\*[\s\S]*?\*\//g, '');
      assert.doesNotMatch(src, /\.loc\b/, `${f} reads node.loc`);
    }
  });
});

describe('visitor keys', () => {
  it('match @babel/types VISITOR_KEYS (the table the splice walks is a copy of it)', () => {
    const norm = (o: Record<string, readonly string[]>): string => JSON.stringify(Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]])));
    assert.equal(norm(ours), norm(babel as Record<string, readonly string[]>), 'regenerate server/src/core/handler/javascript/visitorKeys.ts from @babel/types');
  });
});
