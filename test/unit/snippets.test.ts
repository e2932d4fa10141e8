// Snippets are the scaffold's templates: expanding one gives exactly what New Trigger Handler… writes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { snippetBody, snippets } from '../../server/src/core/generate/snippets';
import { TRIGGERS } from '../../server/src/core/model';
import { hasPowertoolsVariant } from '../../server/src/core/scaffold/python/templates';
import { handlerTemplate } from '../../server/src/core/scaffold/templates';

/** Expands a snippet body the way VS Code does for escapes (no tabstops but the final $0). */
function expand(body: readonly string[]): string {
  const text = body.join('\n');
  assert.ok(text.endsWith('\n$0'), 'the cursor ends after the handler');
  const unescapedDollar = /(?<!\\)\$(?!0$)/.exec(text);
  assert.equal(unescapedDollar, null, 'every literal $ is escaped, or VS Code would read a tabstop');
  return `${text.slice(0, -'\n$0'.length).replace(/\\([$\\])/g, '$1')}\n`;
}

test('every trigger has a CommonJS, an ESM, a TypeScript and a Python snippet; Powertools ones where Powertools has a data class', () => {
  const all = Object.values(snippets());
  const powertools = TRIGGERS.filter((t) => hasPowertoolsVariant(t.id));
  // Powertools for Python has no data class for these (see scaffold/python/recipes.ts).
  assert.deepEqual(TRIGGERS.filter((t) => !hasPowertoolsVariant(t.id)).map((t) => t.id), ['PreTokenGenerationV3', 'InboundFederation', 'SyncTrigger']);
  assert.equal(all.length, TRIGGERS.length * 4 + powertools.length);
  for (const t of TRIGGERS) {
    const prefix = `cognito-${t.id.toLowerCase()}`;
    assert.ok(all.some((s) => s.prefix === prefix && s.scope.startsWith('javascript')), `${t.id} CommonJS`);
    assert.ok(all.some((s) => s.prefix === `${prefix}-esm`), `${t.id} ESM`);
    assert.ok(all.some((s) => s.prefix === prefix && s.scope.startsWith('typescript')), `${t.id} TypeScript`);
    assert.ok(all.some((s) => s.prefix === prefix && s.scope === 'python'), `${t.id} Python`);
    assert.equal(all.some((s) => s.prefix === `${prefix}-powertools` && s.scope === 'python'), hasPowertoolsVariant(t.id), `${t.id} Powertools`);
  }
});

test('a snippet expands to exactly the scaffold template', () => {
  for (const t of TRIGGERS) {
    const byScope = Object.values(snippets()).filter((s) => s.prefix.startsWith(`cognito-${t.id.toLowerCase()}`));
    const cjs = byScope.find((s) => s.scope.startsWith('javascript') && !s.prefix.endsWith('-esm'));
    const ts = byScope.find((s) => s.scope.startsWith('typescript'));
    assert.equal(expand(cjs?.body ?? []), handlerTemplate(t.id, 'cjs'), `${t.id} CommonJS`);
    assert.equal(expand(ts?.body ?? []), handlerTemplate(t.id, 'ts'), `${t.id} TypeScript`);
    const py = byScope.find((s) => s.scope === 'python' && !s.prefix.endsWith('-powertools'));
    assert.equal(expand(py?.body ?? []), handlerTemplate(t.id, 'py'), `${t.id} Python`);
    const pt = byScope.find((s) => s.prefix.endsWith('-powertools'));
    if (hasPowertoolsVariant(t.id)) assert.equal(expand(pt?.body ?? []), handlerTemplate(t.id, 'py-powertools'), `${t.id} Powertools`);
  }
});

test('template literals and backslashes survive the escaping', () => {
  const body = snippetBody('const m = `code ${event.request.codeParameter}`;\nconst re = /\\d+/;\n');
  assert.deepEqual(body, ['const m = `code \\${event.request.codeParameter}`;', 'const re = /\\\\d+/;', '$0']);
});
