// The incremental YAML parser of the wiring cache: the same tree as a whole parse, and an edit re-parses only its block.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WiringCache } from '../../server/src/core/wiring';
import { memoryWiringFs } from '../../server/src/core/wiring/nodeFs';
import type { Node } from '../../server/src/core/wiring/tree';
import { ChunkedYaml } from '../../server/src/core/wiring/yamlChunks';
import { parseYaml } from '../../server/src/core/wiring/yamlTree';

/** A plain-data view of a tree (maps become entry lists with key lines) for deepEqual. */
function plain(n: Node | undefined): unknown {
  if (!n) return n;
  if (n.kind === 'map') return { line: n.line, file: n.file, entries: [...n.entries].map(([k, v]) => [k, v.keyLine, plain(v.value)]) };
  if (n.kind === 'seq') return { line: n.line, file: n.file, items: n.items.map(plain) };
  return n;
}

function service(count: number, wiredEvery = 20): string {
  const fns: string[] = [];
  for (let i = 0; i < count; i++) {
    const event = i % wiredEvery === 0 ? `      - cognitoUserPool:\n          pool: Users\n          trigger: PreSignUp\n` : `      - httpApi: { path: /f${i}, method: post }\n`;
    fns.push(`  # function ${i}\n  fn${i}:\n    handler: src/fn${i}.main\n    description: >\n      folded text\n      for ${i}\n    events:\n${event}`);
  }
  return `# leading comment\nservice: app\n\nprovider:\n  name: aws\n  runtime: nodejs20.x\n  "quoted key": 1\nfunctions:\n${fns.join('\n')}\nresources:\n  Resources:\n    Pool:\n      Type: AWS::Cognito::UserPool\n      Properties:\n        LambdaConfig:\n          PreSignUp: !GetAtt Fn0LambdaFunction.Arn\n          PostConfirmation: !Sub 'arn:aws:lambda:\${AWS::Region}:\${AWS::AccountId}:function:app-\${sls:stage}-fn1'\n`;
}

const same = (text: string, limits = { minChars: 0, minBlockLines: 5 }): ChunkedYaml => {
  const c = new ChunkedYaml('serverless.yml', limits);
  assert.deepEqual(plain(c.parse(text)), plain(parseYaml(text, 'serverless.yml').root));
  return c;
};

describe('ChunkedYaml', () => {
  it('gives the whole parse\'s tree for a large service (tags, comments, folded scalars, quoted keys, flow maps)', () => {
    const text = service(60);
    const c = same(text);
    assert.equal(c.lastMode, 'seeded');
    // Parsed again from pieces alone (a fresh parser seeded with nothing to reuse: every piece parsed).
    const edited = text.replace(/handler: src\/fn(\d+)\.main/g, 'handler: src/fn$1.other');
    assert.deepEqual(plain(c.parse(edited)), plain(parseYaml(edited, 'serverless.yml').root));
    assert.equal(c.lastMode, 'pieces');
    assert.ok(c.lastParsed >= 60, `every function re-parsed (${c.lastParsed})`);
  });

  it('an edit to one function re-parses that function only, and the tree still equals the whole parse', () => {
    const text = service(60);
    const c = same(text);
    const edited = text.replace('handler: src/fn7.main', 'handler: src/fn7.other');
    assert.deepEqual(plain(c.parse(edited)), plain(parseYaml(edited, 'serverless.yml').root));
    assert.deepEqual([c.lastMode, c.lastParsed], ['pieces', 1]);
    // A line added above moves every later line: the kept pieces are shifted, not re-parsed.
    const added = edited.replace('  fn3:\n', '  fn3:\n    memorySize: 512\n');
    assert.deepEqual(plain(c.parse(added)), plain(parseYaml(added, 'serverless.yml').root));
    assert.deepEqual([c.lastMode, c.lastParsed], ['pieces', 1]);
  });

  it('parses whole what a cut could change: anchors and aliases, several documents, a top-level sequence, a broken flow map, a parse error', () => {
    const base = service(30);
    const cases = [
      base.replace('provider:\n', 'provider: &prov\n').replace('resources:\n', 'other: *prov\nresources:\n'),
      `${base}---\nsecond: doc\n`,
      '- a\n- b\n'.repeat(40),
      base.replace('  fn2:\n', '  fn2: { handler: x,\n  events: [] }\n  fn2b:\n'),
      base.replace('  fn4:\n', '  fn4:\n   bad: [\n'),
    ];
    for (const text of cases) {
      const c = same(text);
      // Not seeded either: the next parse of an edit is whole again.
      const edited = `${text}\n# edited\n`;
      assert.deepEqual(plain(c.parse(edited)), plain(parseYaml(edited, 'serverless.yml').root));
      assert.notEqual(c.lastMode, 'pieces', text.slice(0, 80));
    }
  });

  it('a BOM, a leading --- and CRLF line ends give the same tree, cut', () => {
    const text = `\uFEFF---\n${service(30)}`;
    const c = same(text);
    assert.equal(c.lastMode, 'seeded');
    const edited = text.replace('handler: src/fn3.main', 'handler: src/fn3.x');
    assert.deepEqual(plain(c.parse(edited)), plain(parseYaml(edited, 'serverless.yml').root));
    assert.deepEqual([c.lastMode, c.lastParsed], ['pieces', 1]);
    same(service(30).replace(/\n/g, '\r\n'));
  });

  it('duplicated keys keep the last value, as the whole parse does', () => {
    same(`${service(30)}functions:\n  only: { handler: a.b }\n`);
    same(service(30).replace('  fn5:\n', '  fn1:\n'));
  });

  it('the wiring cache re-reads a 200-function serverless.yml edit through the pieces, with the same result as a fresh read', async () => {
    const files: Record<string, string> = { 'serverless.yml': service(200, 10) };
    for (let i = 0; i < 200; i++) files[`src/fn${i}.js`] = 'exports.main = async (e) => e;\n';
    const cache = new WiringCache(memoryWiringFs(files));
    await cache.read();
    const [before, after] = (files['serverless.yml'] as string).split('  fn10:\n');
    files['serverless.yml'] = `${before}  fn10:\n${(after as string).replace('trigger: PreSignUp', 'trigger: PostConfirmation')}`;
    cache.updateFile('serverless.yml', 'changed');
    const updated = await cache.read();
    const fresh = await new WiringCache(memoryWiringFs(files)).read();
    assert.deepEqual(updated, fresh);
    assert.equal(updated.handlers.find((h) => h.function.ref === 'functions.fn10')?.trigger, 'PostConfirmation');
  });
});
