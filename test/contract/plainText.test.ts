// Plain-text places show no Markdown: every diagnostic message the rules produce (each rule's examples and
// the handler and event fixtures, through the real providers) and every notification and quick-pick
// text written in the client has no literal backtick.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import type { FeatureContext } from '../../server/src/core/features/provider';
import { plainText } from '../../server/src/core/protocol';
import { RULES, type RuleExample } from '../../server/src/core/rules';
import { defaultSettings } from '../../server/src/core/settings';
import { PROVIDERS } from '../../server/src/providers';

const ROOT = path.resolve(__dirname, '..', '..');
const LANG: Record<string, string> = { '.js': 'javascript', '.mjs': 'javascript', '.ts': 'typescript', '.json': 'json', '.py': 'python' };
let seq = 0;

/** The messages the product reports for a file, through the same providers as the editor and the CLI. */
async function messagesOf(file: string, text: string): Promise<string[]> {
  const ext = path.extname(file);
  const document = TextDocument.create(URI.file(`/plain/${++seq}/${file}`).toString(), LANG[ext] ?? 'plaintext', 1, text);
  const ctx: FeatureContext = { document, settings: defaultSettings(), relativePath: file, host: { log: () => undefined }, reportSyntaxErrors: true };
  const provider = PROVIDERS.find((p) => p.handles(ctx));
  if (!provider?.diagnose) return [];
  return (await provider.diagnose(ctx)).map((d) => (typeof d.message === 'string' ? d.message : d.message.value));
}

/** Files under a folder with a known language. */
function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true }).map(String).filter((f) => LANG[path.extname(f)] && !f.includes('node_modules')).map((f) => path.join(dir, f));
}

describe('no Markdown in plain-text places', () => {
  it('plainText writes a code span as a quoted name', () => {
    assert.equal(plainText('`autoConfirmUsr` is not a field of `event.response`. Did you mean `autoConfirmUser`?'), "'autoConfirmUsr' is not a field of 'event.response'. Did you mean 'autoConfirmUser'?");
    assert.equal(plainText("`'PreSignUp_SignUp'` only"), "'PreSignUp_SignUp' only");
  });

  it('every diagnostic message of every rule example and fixture has no backtick', async () => {
    const examples: RuleExample[] = RULES.flatMap((r) => [r.triggers, r.clean]).filter((e) => !e.usedAs);
    const inputs = [
      ...examples.map((e) => ({ file: e.file, text: e.text })),
      ...['test/fixtures/invoke', 'test/fixtures/eventJson', 'test/fixtures/workspace', 'examples'].flatMap((d) => filesUnder(path.join(ROOT, d))).map((f) => ({ file: path.relative(ROOT, f), text: fs.readFileSync(f, 'utf8') })),
    ];
    let seen = 0;
    const bad: string[] = [];
    for (const i of inputs) {
      for (const m of await messagesOf(i.file, i.text)) {
        seen += 1;
        if (m.includes('`')) bad.push(`${i.file}: ${m}`);
      }
    }
    // The examples raise every rule at least once: far more than one message per rule is checked.
    assert.ok(seen >= RULES.length, `only ${seen} messages checked`);
    assert.deepEqual(bad, []);
  });

  it('no notification, quick-pick detail or status text written in the client has a literal backtick', () => {
    const bad: string[] = [];
    for (const f of filesUnder(path.join(ROOT, 'client', 'src'))) {
      const src = fs.readFileSync(f, 'utf8');
      // A string argument of show*Message / showQuickPick / withProgress titles, and detail/placeHolder/title fields.
      const calls = /(show(?:Information|Warning|Error)Message|placeHolder|detail|title|prompt)\s*[(:]\s*(['"`])((?:\\.|(?!\2).)*)\2/g;
      for (let m = calls.exec(src); m; m = calls.exec(src)) if ((m[3] ?? '').includes('\\`')) bad.push(`${path.relative(ROOT, f)}: ${m[0]}`);
    }
    assert.deepEqual(bad, []);
  });
});
