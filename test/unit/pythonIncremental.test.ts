// The incremental Python copy (python/parser.ts parsePythonNodes with a key, tree.ts Reuse): after any
// chain of edits to a large document, the tree and the analysis equal those of a fresh parse.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, it } from 'node:test';
import { analyzeDocument } from '../../server/src/core/handler/analyze';
import { INCREMENTAL_MIN_CHARS, loadPython, parsePythonNodes } from '../../server/src/core/handler/python/parser';
import type { Node } from '../../server/src/core/handler/python/tree';

const ROOT = path.resolve(__dirname, '..', '..');
before(() => loadPython());

/** The Python files of the fixtures, each padded with helper functions past the incremental threshold. */
function documents(): { name: string; text: string }[] {
  const files = fs.readdirSync(path.join(ROOT, 'test', 'fixtures'), { recursive: true }).map(String).filter((f) => f.endsWith('.py'));
  assert.ok(files.length >= 10, 'fixture Python files found');
  return files.map((f) => {
    const own = fs.readFileSync(path.join(ROOT, 'test', 'fixtures', f), 'utf8');
    const out = ['# @cognito-trigger PreSignUp', 'import re', ''];
    for (let i = 0; out.join('\n').length < INCREMENTAL_MIN_CHARS * 1.5; i++) {
      out.push(`def check_${i}(event):`, '    attrs = event["request"]["userAttributes"]  # a comment', '    email = attrs.get("email", "")', `    if email.endswith("@example${i}.com"):`, '        return True', `    return event["triggerSource"] == "PreSignUp_SignUp" and len(email) > ${i % 50}`, '');
    }
    return { name: f, text: `${out.join('\n')}\n${own}\n${out.slice(3, 40).join('\n').replace(/check_/g, 'late_')}\n` };
  });
}

/** A deterministic pseudo-random sequence (the same edits on every run). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

const SNIPPETS = ['x', '\n', '    ', '"', "'", '(', ')', '[', ']', ':', '#', '"""', 'def ', 'if event["triggerSource"] == "PreSignUp_SignUp":\n        ', 'return event\n', '\ndef f(event, context):\n    return event\n', 'event["response"]["autoConfirmUser"] = True\n    ', '\\', 'f"{', 'lambda: ', 'class A:\n    pass\n'];

/** One random edit: insert a snippet, delete a range, or replace one; near lines' starts and ends too. */
function edit(text: string, r: () => number): string {
  let at = Math.floor(r() * (text.length + 1));
  if (r() < 0.3) at = text.lastIndexOf('\n', at) + 1; // a line start: top-level statements begin here
  const kind = r();
  if (kind < 0.5) return text.slice(0, at) + (SNIPPETS[Math.floor(r() * SNIPPETS.length)] ?? 'x') + text.slice(at);
  const len = Math.floor(r() * (r() < 0.8 ? 8 : 400));
  if (kind < 0.8) return text.slice(0, at) + text.slice(at + len);
  return text.slice(0, at) + (SNIPPETS[Math.floor(r() * SNIPPETS.length)] ?? 'x') + text.slice(at + len);
}

/** Node for node: the same types, extents, flags, text, fields and links (asserting only on a difference: it is hot). */
function same(a: Node, b: Node, where: string): void {
  const stack: [Node, Node][] = [[a, b]];
  while (stack.length) {
    const [x, y] = stack.pop() as [Node, Node];
    const differs =
      x.type !== y.type || x.startIndex !== y.startIndex || x.endIndex !== y.endIndex || x.isNamed !== y.isNamed || x.isMissing !== y.isMissing || x.hasError !== y.hasError || x.text !== y.text || x.fields.join() !== y.fields.join() || x.children.length !== y.children.length;
    if (differs) {
      const show = (n: Node) => ({ type: n.type, start: n.startIndex, end: n.endIndex, named: n.isNamed, missing: n.isMissing, hasError: n.hasError, text: n.text.slice(0, 80), fields: n.fields, children: n.children.length });
      assert.deepEqual(show(x), show(y), `${where}: ${y.type}@${y.startIndex}`);
    }
    x.children.forEach((c, i) => {
      if (c.parent !== x || c.index !== i) assert.fail(`${where}: ${y.type}@${y.startIndex} child ${i} has a wrong parent or index`);
      stack.push([c, y.children[i] as Node]);
    });
  }
}

it('after chains of random edits the incremental tree and comments equal a fresh parse, node for node', () => {
  const docs = documents();
  let reusedChecks = 0;
  docs.forEach((doc, d) => {
    const r = rng(1000 + d);
    const key = `/incremental/${d}/${path.basename(doc.name)}`;
    let text = doc.text;
    parsePythonNodes(text, key);
    for (let step = 0; step < 10; step++) {
      text = edit(text, r);
      const inc = parsePythonNodes(text, key);
      const fresh = parsePythonNodes(text);
      assert.ok(inc && fresh);
      same(inc.root, fresh.root, `${doc.name} step ${step}`);
      assert.deepEqual(inc.comments.map((c) => [c.startIndex, c.text]), fresh.comments.map((c) => [c.startIndex, c.text]), `${doc.name} step ${step}: comments`);
      if (text.length >= INCREMENTAL_MIN_CHARS) reusedChecks++;
    }
  });
  assert.ok(reusedChecks > 80, `incremental copies checked: ${reusedChecks}`);
});

it('statements are reused, not copied again: nodes away from the edit are the same objects as before', () => {
  const doc = documents()[0] as { text: string };
  const key = '/incremental/reuse.py';
  const first = parsePythonNodes(doc.text, key);
  assert.ok(first);
  const firstKids = [...first.root.children];
  const at = doc.text.indexOf('def check_40(');
  const next = parsePythonNodes(`${doc.text.slice(0, at)}# typed\n${doc.text.slice(at)}`, key);
  assert.ok(next);
  const reused = next.root.children.filter((c) => firstKids.includes(c));
  assert.ok(reused.length >= firstKids.length - 3, `${reused.length} of ${firstKids.length} statements reused`);
  assert.ok(next.root.children.some((c) => c.text === '# typed'), 'the new comment is copied');
});

it('the analysis of each version equals a fresh analysis of the same text', () => {
  const docs = documents().slice(0, 4);
  docs.forEach((doc, d) => {
    const r = rng(77 + d);
    let text = doc.text;
    const name = path.basename(doc.name);
    for (let step = 0; step < 6; step++) {
      const inc = analyzeDocument({ text, languageId: 'python', fileName: `/inc/${d}/${name}` });
      parsePythonNodes(text); // no key: a fresh parse
      const fresh = analyzeDocument({ text, languageId: 'python', fileName: `/fresh/${d}/${step}/${name}` });
      assert.deepEqual(JSON.parse(JSON.stringify(inc)), JSON.parse(JSON.stringify(fresh)), `${doc.name} step ${step}`);
      text = edit(text, r);
    }
  });
});
