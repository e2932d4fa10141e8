// The rule registry's contract: every code has a rule with a source, and every rule's examples are true
// (the triggering example raises it through the real providers, the clean one does not).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { ALL_ISSUE_CODES, checkEvent, recognizeEvent } from '../../server/src/core/events';
import { HANDLER_CODES } from '../../server/src/core/features/handlerCode/codes';
import { PAYLOAD_CODES } from '../../server/src/core/payload/diagnose';
import type { FeatureContext } from '../../server/src/core/features/provider';
import { RULES, ruleById, type RuleExample } from '../../server/src/core/rules';
import { defaultSettings } from '../../server/src/core/settings';
import { PROVIDERS } from '../../server/src/providers';

const LANG: Record<string, string> = { '.js': 'javascript', '.mjs': 'javascript', '.ts': 'typescript', '.json': 'json', '.py': 'python' };

/** The codes the product reports for an example file, through the same providers as the CLI. */
let seq = 0;
async function codesOf(ex: RuleExample): Promise<string[]> {
  // An event used for another trigger (an invoke with that trigger's handler): the model's checks with that hint.
  if (ex.usedAs) {
    const value: unknown = JSON.parse(ex.text);
    return checkEvent(value, recognizeEvent(value, { triggerId: ex.usedAs })).map((i) => i.code);
  }
  const ext = /\.[a-z]+$/.exec(ex.file)?.[0] ?? '';
  // A fresh folder per example: the providers cache analyses by URI and version. Examples with files
  // beside them (the IaC that wires the handler) are written to a real folder the server reads.
  let folder = `/work/${++seq}`;
  if (ex.beside) {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'rule-example-'));
    for (const [rel, text] of Object.entries({ ...ex.beside, [ex.file]: ex.text })) {
      fs.mkdirSync(path.dirname(path.join(folder, rel)), { recursive: true });
      fs.writeFileSync(path.join(folder, rel), text);
    }
  }
  const document = TextDocument.create(URI.file(`${folder}/${ex.file}`).toString(), LANG[ext] ?? 'plaintext', 1, ex.text);
  const ctx: FeatureContext = { document, settings: defaultSettings(), relativePath: ex.file, host: { log: () => undefined }, reportSyntaxErrors: true };
  const provider = PROVIDERS.find((p) => p.handles(ctx));
  assert.ok(provider?.diagnose, `no provider handles ${ex.file}`);
  return (await provider.diagnose(ctx)).map((d) => String(d.code));
}

describe('rule registry', () => {
  it('has one rule per reported code, ids unique', () => {
    const ids = RULES.map((r) => r.id);
    assert.equal(new Set(ids).size, ids.length, 'duplicate rule ids');
    // The payload layer's own codes (a document too large or too deep to analyse) are reported codes too.
    const codes = [...ALL_ISSUE_CODES, ...Object.values(HANDLER_CODES).map((c) => c.code), ...PAYLOAD_CODES];
    const missing = codes.filter((c) => !ruleById(c));
    assert.deepEqual(missing, [], `codes without a rule: ${missing.join(', ')}`);
  });

  it('gives every rule a source: a URL, and an observed or undocumented one says so in its help', () => {
    for (const r of RULES) {
      assert.ok(r.sources.length > 0, `${r.id} has no source`);
      for (const s of r.sources) {
        if (s.kind !== 'local') assert.match(s.url ?? '', /^https:\/\//, `${r.id}: source "${s.title}" has no URL`);
        if (s.kind === 'observed') assert.match(`${s.title} ${r.help}`, /observed/i, `${r.id}: an observed source must be called observed`);
        if (s.kind === 'undocumented') assert.match(`${s.title} ${r.help}`, /not documented/i, `${r.id}: an undocumented behaviour must be called not documented`);
      }
      assert.match(r.helpUri, /^(https:\/\/|docs\/rules\.md#)/, `${r.id}: helpUri`);
      assert.ok(r.help.length > 20 && r.name.length > 3, `${r.id}: help and name`);
    }
  });

  for (const r of RULES) {
    it(`${r.id}: the triggering example raises it, the clean one does not`, async () => {
      assert.ok((await codesOf(r.triggers)).includes(r.id), `${r.id}: triggering example (${r.triggers.file}) does not raise it:\n${r.triggers.text}`);
      assert.ok(!(await codesOf(r.clean)).includes(r.id), `${r.id}: clean example (${r.clean.file}) raises it:\n${r.clean.text}`);
    });
  }
});
