// The rule registry's contract: every code has a rule with a source, and every rule's examples are true
// (the triggering example raises it through the real providers, the clean one does not).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { checkOne } from '../../server/src/cli/check';
import { checkEvent, recognizeEvent } from '../../server/src/core/events';
import { RULES, type RuleExample } from '../../server/src/core/rules';

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'rule-example-'));
after(() => fs.rmSync(scratch, { recursive: true, force: true }));

/**
 * The codes the product reports for an example file: written to a fresh folder (with the files beside it)
 * and checked by the CLI's checkOne, so the providers, the suppression comments and the file checks
 * (size, kind) all speak as they do for `cognito-triggers check`.
 */
let seq = 0;
async function codesOf(ex: RuleExample): Promise<string[]> {
  // An event used for another trigger (an invoke with that trigger's handler): the model's checks with that hint.
  if (ex.usedAs) {
    const value: unknown = JSON.parse(ex.text);
    return checkEvent(value, recognizeEvent(value, { triggerId: ex.usedAs })).map((i) => i.code);
  }
  const folder = path.join(scratch, String(++seq));
  for (const [rel, text] of Object.entries({ ...ex.beside, [ex.file]: ex.text })) {
    fs.mkdirSync(path.dirname(path.join(folder, rel)), { recursive: true });
    if (rel === ex.file && ex.fifo) {
      const made = spawnSync('mkfifo', [path.join(folder, rel)]);
      assert.equal(made.status, 0, `mkfifo: ${String(made.stderr)}`);
    } else fs.writeFileSync(path.join(folder, rel), rel === ex.file && ex.padTo ? text.padEnd(ex.padTo, ' ') : text);
  }
  const checked = await checkOne(path.join(folder, ex.file), { log: () => undefined }, { root: folder, config: { rules: {}, ignore: [] } });
  return checked.findings.map((f) => f.code);
}

describe('rule registry', () => {
  // That every code the product emits has a rule is test/contract/emittedCodes.test.ts (it reads the emitting code).
  it('has unique ids', () => {
    const ids = RULES.map((r) => r.id);
    assert.equal(new Set(ids).size, ids.length, 'duplicate rule ids');
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
