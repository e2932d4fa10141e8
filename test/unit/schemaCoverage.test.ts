// Why event files carry no schema-* diagnostics: every problem the generated JSON schemas find in a
// mutated sample event is already a model issue on the same branch of the document (issue 9 §1).
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { checkEvent, sampleEvent } from '../../server/src/core/events';
import { EventJsonProvider } from '../../server/src/core/features/eventJson';
import type { FeatureContext } from '../../server/src/core/features/provider';
import { TRIGGERS } from '../../server/src/core/model';
import { nodeAt } from '../../server/src/core/payload/locate';
import { defaultSettings } from '../../server/src/core/settings';
import { triggerSchema } from '../../server/src/core/generate/schema';
import { SchemaValidator } from './schemaValidator';

type Key = string | number;
/** One value of each JSON kind, and a string no enum allows. */
const WRONG: readonly unknown[] = [7, 'not-a-value', null, [], {}, true];

/** Every path of a JSON value (the root excluded). */
function pathsOf(v: unknown, at: Key[] = [], out: Key[][] = []): Key[][] {
  if (at.length) out.push(at);
  if (v && typeof v === 'object') for (const [k, c] of Object.entries(v)) pathsOf(c, [...at, Array.isArray(v) ? Number(k) : k], out);
  return out;
}

/** A copy of `e` with `value` at `path` (a new key when the path's last key is new). */
function withValue(e: unknown, path: readonly Key[], value: unknown): unknown {
  const copy = JSON.parse(JSON.stringify(e)) as Record<string, unknown>;
  let o: Record<string, unknown> = copy;
  for (const k of path.slice(0, -1)) o = o[k] as Record<string, unknown>;
  o[path[path.length - 1] as string] = value;
  return copy;
}

/** Same branch: one path is a prefix of the other. */
const sameBranch = (a: readonly Key[], b: readonly Key[]): boolean => a.slice(0, Math.min(a.length, b.length)).every((k, i) => String(k) === String(b[i]));

/** The schema problems of mutated sample events that no model issue explains, and the counts seen. */
async function uncoveredProblems(validator: SchemaValidator, triggerIds?: readonly string[]): Promise<{ documents: number; problems: number; uncovered: string[] }> {
  const provider = new EventJsonProvider();
  let documents = 0;
  let problems = 0;
  const uncovered: string[] = [];
  for (const t of TRIGGERS.filter((x) => !triggerIds || triggerIds.includes(x.id))) {
    for (const source of t.sources) {
      const base = sampleEvent(t.id, source.value);
      const cases: unknown[] = [[1], 'text'];
      for (const p of pathsOf(base)) {
        for (const v of WRONG) cases.push(withValue(base, p, v));
        const at = p.reduce<unknown>((o, k) => (o as Record<string, unknown>)[k as string], base);
        if (at && typeof at === 'object' && !Array.isArray(at)) cases.push(withValue(base, [...p, 'zzUnknownKey'], 'x'));
      }
      cases.push(withValue(base, ['zzUnknownKey'], 'x'));
      for (const c of cases) {
        const rel = `events/${t.id}/${source.value}.json`;
        const document = TextDocument.create(`file:///coverage/${++seq}/${rel}`, 'json', 1, JSON.stringify(c, null, 2));
        documents++;
        const ctx: FeatureContext = { document, settings: defaultSettings(), relativePath: rel, host: { log: () => undefined } };
        const a = provider.analyze(ctx);
        if (!a?.trigger) continue;
        const issues = checkEvent(a.parsed.value, a.recognition);
        for (const d of await validator.validate(document, a.trigger)) {
          problems++;
          const path = nodeAt(a.parsed, document.offsetAt(d.range.start))?.path ?? [];
          // The schemas' per-source rules ("Property password is not allowed") follow triggerSource: with a
          // broken triggerSource they misfire, and the model's triggerSource issue is the one to fix.
          const bySource = / is not allowed\.$/.test(String(d.message)) && issues.some((i) => i.path[0] === 'triggerSource');
          if (!bySource && !issues.some((i) => sameBranch(i.path, path))) uncovered.push(`${rel} ${JSON.stringify(path)}: ${String(d.message)} (model: ${issues.map((i) => i.code).join(', ') || 'nothing'})`);
        }
      }
    }
  }
  return { documents, problems, uncovered };
}
let seq = 0;

describe('the model covers the generated schemas', () => {
  it('no schema problem in a mutated sample event lacks a model issue on its branch', async () => {
    const { documents, problems, uncovered } = await uncoveredProblems(new SchemaValidator());
    // The input really exercises the schemas: thousands of documents and schema problems.
    assert.ok(documents > 3000 && problems > 3000, `${documents} documents, ${problems} schema problems`);
    assert.deepEqual(uncovered.slice(0, 10), [], `${uncovered.length} schema problems without a model issue`);
  });

  it('finds a constraint only a schema checks (negative control: userName at most 3 characters)', async () => {
    const stricter = new SchemaValidator((t) => ({ ...triggerSchema(t), properties: { ...(triggerSchema(t).properties as object), userName: { type: 'string', maxLength: 3 } } }));
    const { uncovered } = await uncoveredProblems(stricter, ['PreSignUp']);
    assert.ok(uncovered.some((u) => /\["userName"\]: String is longer than the maximum length of 3/.test(u)), uncovered.slice(0, 3).join('\n'));
  });
});
