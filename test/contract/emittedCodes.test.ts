// Every diagnostic code the product can emit has a rule: the codes are read from the emitting code itself
// (the TypeScript checker's type of each diagnostic's `code`), not from a list, so a new code fails here.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import ts from 'typescript';
import { ruleById, RULES } from '../../server/src/core/rules';

const root = path.resolve(__dirname, '../..');
const serverSrc = path.join(root, 'server', 'src');

/** A site that builds a diagnostic-like object (code, severity and message) and the codes its `code` can hold. */
interface Site {
  readonly where: string;
  readonly codes: readonly string[];
  /** The code's type is not a set of literals: the site must forward another diagnostic's code. */
  readonly wide: boolean;
  readonly forwards: boolean;
}

const propName = (p: ts.ObjectLiteralElementLike): string | undefined => (p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : undefined);

/** Does `node` read the `code` of another object (`d.code`, `issue.code`): a forwarded code, not a new one? */
function readsCode(node: ts.Node): boolean {
  if (ts.isPropertyAccessExpression(node) && node.name.text === 'code') return true;
  return ts.forEachChild(node, readsCode) ?? false;
}

function emittingSites(): Site[] {
  const config = ts.getParsedCommandLineOfConfigFile(path.join(root, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  assert.ok(config, 'tsconfig.json');
  const files = config.fileNames.filter((f) => path.resolve(f).startsWith(serverSrc + path.sep));
  assert.ok(files.length > 50, `only ${files.length} server files`);
  const program = ts.createProgram(files, { ...config.options, noEmit: true });
  const checker = program.getTypeChecker();
  const sites: Site[] = [];
  for (const sf of program.getSourceFiles()) {
    if (!path.resolve(sf.fileName).startsWith(serverSrc + path.sep)) continue;
    const visit = (node: ts.Node): void => {
      if (ts.isObjectLiteralExpression(node)) {
        const names = new Set(node.properties.map(propName));
        const code = node.properties.find((p) => propName(p) === 'code');
        if (code && names.has('severity') && names.has('message')) {
          let type: ts.Type | undefined;
          let init: ts.Node | undefined;
          if (ts.isPropertyAssignment(code)) {
            init = code.initializer;
            type = checker.getTypeAtLocation(code.initializer);
          } else if (ts.isShorthandPropertyAssignment(code)) {
            const sym = checker.getShorthandAssignmentValueSymbol(code);
            type = sym ? checker.getTypeOfSymbolAtLocation(sym, code) : undefined;
            init = sym?.valueDeclaration && ts.isVariableDeclaration(sym.valueDeclaration) ? sym.valueDeclaration.initializer : sym?.valueDeclaration;
          }
          const parts = type ? (type.isUnion() ? type.types : [type]) : [];
          const codes = parts.filter((t) => t.isStringLiteral()).map((t) => (t as ts.StringLiteralType).value);
          const wide = parts.some((t) => !t.isStringLiteral() && !(t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null)));
          const { line } = sf.getLineAndCharacterOfPosition(code.getStart(sf));
          sites.push({ where: `${path.relative(root, sf.fileName)}:${line + 1}`, codes: codes.filter((c) => c !== ''), wide, forwards: !!init && readsCode(init) });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return sites;
}

describe('emitted diagnostic codes', () => {
  const sites = emittingSites();
  const emitted = new Set(sites.flatMap((s) => s.codes));

  it('finds the sites that build diagnostics, findings and issues', () => {
    // Anchors that must be found, or the scan has gone blind: the model's issue builder, the handler
    // problems' LSP conversion, the event layer's own notes, the CLI's file checks, the suppression notes.
    for (const code of ['unknown-field', 'handler/no-return', 'too-large', 'unrecognised-event', 'json-syntax', 'payload-too-large', 'unreadable-file', 'file-too-large', 'suppression/unused']) {
      assert.ok(emitted.has(code), `the scan found no site emitting ${code}`);
    }
  });

  it('every code a site can emit has a rule in the registry', () => {
    const missing = sites.flatMap((s) => s.codes.filter((c) => !ruleById(c)).map((c) => `${c} (${s.where})`));
    assert.deepEqual(missing, [], 'codes without a rule-registry entry');
  });

  it('a code that is not a set of literals only forwards another diagnostic’s code', () => {
    const unknown = sites.filter((s) => s.wide && !s.forwards).map((s) => s.where);
    assert.deepEqual(unknown, [], 'sites whose code cannot be enumerated: type it as a union of literal codes');
  });

  it('every rule is a code some site emits (no rule for a code that is gone)', () => {
    const stale = RULES.map((r) => r.id).filter((id) => !emitted.has(id));
    assert.deepEqual(stale, []);
  });

  // The schema codes were removed (test/unit/schemaCoverage.test.ts shows why): nothing may emit them.
  it('no site emits schema-enum, schema-deprecated or schema-violation', () => {
    assert.deepEqual([...emitted].filter((c) => c.startsWith('schema-')), []);
  });
});
