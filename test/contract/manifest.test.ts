// Contract: package.json agrees with the code — commands, settings the code reads, settings declaration, activation events.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import ts from 'typescript';
import { configurationProperties } from '../../server/src/core/settings';

const root = path.resolve(__dirname, '..', '..');
interface Manifest {
  activationEvents?: string[];
  contributes: {
    commands?: { command: string; title?: string; category?: string }[];
    configuration: { properties: Record<string, unknown> } | { properties: Record<string, unknown> }[];
  };
}
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as Manifest;
const commands = manifest.contributes.commands ?? [];

/** Parses a source file of the repo (text only: importing client code needs `vscode`). */
function parse(rel: string): ts.SourceFile {
  return ts.createSourceFile(rel, fs.readFileSync(path.join(root, rel), 'utf8'), ts.ScriptTarget.Latest, true);
}

/** Every .ts file under a folder of the repo, relative paths. */
function sources(dir: string): string[] {
  return fs
    .readdirSync(path.join(root, dir), { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((f) => path.join(dir, f));
}

/** Text of a string-like literal node, or undefined. */
function literal(node: ts.Node | undefined): string | undefined {
  return node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) ? node.text : undefined;
}

test('every command has a title and the "Cognito Triggers" category', () => {
  assert.ok(commands.length > 0, 'package.json declares no commands');
  const bad = commands.filter((c) => c.category !== 'Cognito Triggers' || !c.title?.trim()).map((c) => c.command);
  assert.deepEqual(bad, [], 'commands without a title or with another category');
});

test('package.json commands equal the keys of COMMANDS in client/src/commands/index.ts', () => {
  const file = parse('client/src/commands/index.ts');
  let keys: string[] | undefined;
  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && node.name.getText(file) === 'COMMANDS' && node.initializer && ts.isObjectLiteralExpression(node.initializer)) {
      keys = node.initializer.properties.map((p) => {
        const name = p.name && (literal(p.name) ?? (ts.isIdentifier(p.name) ? p.name.text : undefined));
        assert.ok(name, `COMMANDS has an entry whose key is not a literal: ${p.getText(file)}`);
        return name;
      });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  assert.ok(keys, 'no `COMMANDS = { ... }` object literal found in client/src/commands/index.ts');
  const declared = commands.map((c) => c.command);
  assert.deepEqual(
    { onlyInPackageJson: declared.filter((id) => !keys?.includes(id)).sort(), onlyInCOMMANDS: keys.filter((id) => !declared.includes(id)).sort() },
    { onlyInPackageJson: [], onlyInCOMMANDS: [] },
    'COMMANDS keys and package.json contributes.commands differ',
  );
});

/** Declared setting keys and every section prefix of them (`cognitoTriggers`, `cognitoTriggers.aws`, ...). */
function declaredSettings(): { keys: Set<string>; sections: Set<string> } {
  const config = manifest.contributes.configuration;
  const keys = new Set((Array.isArray(config) ? config : [config]).flatMap((c) => Object.keys(c.properties)));
  const sections = new Set<string>();
  for (const k of keys) k.split('.').forEach((_, i, parts) => i > 0 && sections.add(parts.slice(0, i).join('.')));
  return { keys, sections };
}

/**
 * Setting keys the code reads or names, with where: `getConfiguration('cognitoTriggers[.x]')`
 * (also `{ section }` on the server), `.get/.inspect/.update/.has('k')` on such a configuration,
 * `affectsConfiguration('cognitoTriggers.x')`, and `cognitoTriggers.x` named in user-facing text
 * (literals with a space; ids such as commands, views and context keys have none).
 */
function settingsReadByCode(): { key: string; at: string }[] {
  const out: { key: string; at: string }[] = [];
  const ids = new Set(commands.map((c) => c.command));
  for (const rel of [...sources('client/src'), ...sources('server/src')]) {
    const file = parse(rel);
    const sectionOf = new Map<string, string>(); // variable name → configuration section
    const at = (n: ts.Node): string => `${rel}:${file.getLineAndCharacterOfPosition(n.getStart(file)).line + 1}`;
    const configSection = (e: ts.Expression): string | undefined => {
      if (ts.isIdentifier(e)) return sectionOf.get(e.text);
      if (!ts.isCallExpression(e) || !ts.isPropertyAccessExpression(e.expression) || e.expression.name.text !== 'getConfiguration') return undefined;
      const arg = e.arguments[0];
      if (arg && ts.isObjectLiteralExpression(arg)) {
        const prop = arg.properties.find((p) => p.name?.getText(file) === 'section');
        return prop && ts.isPropertyAssignment(prop) ? literal(prop.initializer) : undefined;
      }
      return literal(arg);
    };
    const visit = (node: ts.Node): void => {
      if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
        const section = configSection(node.initializer);
        if (section?.startsWith('cognitoTriggers')) sectionOf.set(node.name.text, section);
      }
      if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
        const method = node.expression.name.text;
        const first = literal(node.arguments[0]);
        const section = configSection(node);
        if (section?.startsWith('cognitoTriggers')) out.push({ key: section, at: at(node) });
        const receiver = configSection(node.expression.expression);
        if (first && receiver?.startsWith('cognitoTriggers') && ['get', 'inspect', 'update', 'has'].includes(method)) {
          out.push({ key: `${receiver}.${first}`, at: at(node) });
        }
        if (first?.startsWith('cognitoTriggers.') && method === 'affectsConfiguration') out.push({ key: first, at: at(node) });
      }
      const texts = ts.isTemplateExpression(node) ? [node.head.text, ...node.templateSpans.map((s) => s.literal.text)] : [literal(node)];
      for (const text of texts) {
        if (!text?.includes(' ')) continue;
        for (const m of text.matchAll(/cognitoTriggers\.[a-zA-Z][\w.]*[a-zA-Z0-9]/g)) if (!ids.has(m[0])) out.push({ key: m[0], at: at(node) });
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  return out;
}

test('every cognitoTriggers.* setting the code reads or names is declared in package.json', () => {
  const { keys, sections } = declaredSettings();
  const reads = settingsReadByCode();
  assert.ok(reads.length > 0, 'found no configuration reads at all: the scan is broken');
  const undeclared = reads.filter((r) => !keys.has(r.key) && !sections.has(r.key)).map((r) => `${r.key} (${r.at})`);
  assert.deepEqual(undeclared, [], 'settings read or named by the code but not declared (add them to SETTINGS in server/src/core/settings.ts)');
});

test('contributes.configuration.properties equals configurationProperties() from server/src/core/settings.ts', () => {
  const config = manifest.contributes.configuration;
  assert.ok(!Array.isArray(config), 'expected one configuration object');
  assert.deepEqual(config.properties, configurationProperties(), 'package.json settings drifted from SETTINGS: run `npm run generate`');
});

test('activation events include onLanguage for javascript, typescript, python and json', () => {
  const events = manifest.activationEvents ?? [];
  const missing = ['onLanguage:javascript', 'onLanguage:typescript', 'onLanguage:python', 'onLanguage:json'].filter((e) => !events.includes(e));
  assert.deepEqual(missing, [], 'activation events missing from package.json');
});
