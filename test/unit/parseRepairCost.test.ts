// The syntax-error repair of the JavaScript front end, counted in whole-file Babel parses: found by the
// edit fuzz (a 110 KB handler on the worker thread answered after 3.6-9.8 s at load average 20), where
// one `//` that commented out a `}` cost 27 parses per keystroke. Small files keep every repair attempt.
import * as assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { parseSource } from '../../server/src/core/handler/javascript/parse';

// The front end calls @babel/parser's exported `parse` through the module object, so wrapping the
// export counts every parse it makes.
const babel = createRequire(__filename)('@babel/parser') as { parse: (...args: unknown[]) => unknown };
const original = babel.parse;
let parses = 0;
beforeEach(() => {
  parses = 0;
  babel.parse = (...args: unknown[]) => {
    parses++;
    return original(...args);
  };
});
afterEach(() => {
  babel.parse = original;
});

const helper = 'function helper(event) { if (event.request && event.request.userAttributes) { return event.request.userAttributes.email; } return undefined; }\n';
// 112 KB, as the fuzz's worker-thread handler.
const bundle = `${helper.repeat(800)}exports.handler = async (event) => { event.response.autoConfirmUser = true; return event; };\n`;

describe('syntax-error repair: whole-file parses per edit', () => {
  it('a clean file is parsed once', () => {
    const r = parseSource(bundle, 'javascript', 'dist/bundle.js');
    assert.ok(r.ast);
    assert.equal(parses, 1);
  });

  it('a `//` that comments out a `}` in a 112 KB bundle: at most 5 parses (the repair budget), was 27', () => {
    const at = bundle.indexOf('return undefined; }', 400 * helper.length) + 'return undefined; '.length;
    const text = `${bundle.slice(0, at)}//${bundle.slice(at)}`;
    const r = parseSource(text, 'javascript', 'dist/bundle.js');
    assert.equal(r.ast, undefined, 'no tree: the last good analysis is kept by the caller');
    assert.deepEqual(r.syntaxErrors, [{ message: 'Unexpected token', offset: text.length }], 'the error is still reported');
    assert.ok(parses <= 5, `${parses} parses`);
  });

  it('a deleted `}` in a TypeScript bundle: at most 5 parses', () => {
    const at = bundle.lastIndexOf('}', bundle.indexOf('exports.handler'));
    const text = bundle.slice(0, at) + bundle.slice(at + 1);
    const r = parseSource(text, 'typescript', 'src/bundle.ts');
    assert.ok(r.syntaxErrors.length >= 1, 'the error is reported');
    assert.ok(parses <= 5, `${parses} parses`);
  });

  it('still repaired: `event.` being typed on the last line (the last line is blanked once)', () => {
    const r = parseSource(`${bundle}event.`, 'javascript', 'src/handler.js');
    assert.ok(r.ast, 'the rest of the file keeps its tree');
    assert.ok(r.syntaxErrors.length >= 1);
    assert.equal(parses, 2);
  });

  it('a small file keeps every repair attempt: an unclosed function below the handler is blanked line by line', () => {
    const text = "exports.handler = async (event) => {\n  event.response.autoConfirmUser = true;\n  return event;\n};\nfunction broken( {\n  return [1, 2;\n}\n";
    const r = parseSource(text, 'javascript', 'src/handler.js');
    assert.ok(r.ast, 'the handler keeps its tree');
    assert.ok(parses > 2, `${parses} parses`);
  });

  it('still repaired: a dangling `event.request.` inside the handler (an error in the middle may blank several lines)', () => {
    const text = `exports.handler = async (event) => {\n  const a = (event.request.\n  return event;\n};\n`;
    const r = parseSource(text, 'javascript', 'src/handler.js');
    assert.ok(r.ast);
  });
});
