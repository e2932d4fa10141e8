// Handler and test templates for every trigger and language, as pure functions (no file system):
// the scaffold writes them and the snippet generator can use them.
import { getTrigger } from '../model/registry';
import type { ScaffoldLanguage } from '../protocol/invoke';
import { pythonHandlerTemplate } from './python/templates';
import { RECIPES, type Recipe, type Variant } from './recipes';

export type { ScaffoldLanguage } from '../protocol/invoke';

/** Options of the templates. */
export interface TemplateOptions {
  /** Export name (default `handler`). */
  handlerName?: string;
}

/** Options of `testTemplate`. */
export interface TestTemplateOptions extends TemplateOptions {
  /** Import path of the handler from the test file (`../src/preSignUp.js`). */
  handlerImport: string;
  /** Event files relative to the test file (`../events/PreSignUp/PreSignUp_SignUp.json`). */
  events: readonly string[];
  /** TypeScript in a `"type": "module"` package: the test finds its folder through import.meta.url. */
  esm?: boolean;
}

function recipeOf(triggerId: string): Recipe {
  const r = (RECIPES as Record<string, Recipe | undefined>)[triggerId];
  if (!r) throw new Error(`No template for trigger ${triggerId}: ${Object.keys(RECIPES).join(', ')}`);
  return r;
}

const pick = (v: Variant | undefined, ts: boolean): readonly string[] => (v ? (ts && v.ts ? v.ts : v.js) : []);
const indent = (lines: readonly string[], by = '  '): string[] => lines.map((l) => (l ? `${by}${l}` : l));

function importLine(binding: string, from: string, language: ScaffoldLanguage): string {
  return language === 'cjs' ? `const ${binding.replace(/ as /g, ': ')} = require('${from}');` : `import ${binding} from '${from}';`;
}

/** The handler module for a trigger: idiomatic, commented, typed (TS) or JSDoc-annotated (JS). */
export function handlerTemplate(triggerId: string, language: ScaffoldLanguage, opts: TemplateOptions = {}): string {
  // Python keeps Lambda's conventional name, lambda_handler.
  if (language === 'py' || language === 'py-powertools') return pythonHandlerTemplate(triggerId, language === 'py-powertools');
  const r = recipeOf(triggerId);
  const t = getTrigger(triggerId);
  const name = opts.handlerName ?? 'handler';
  const ts = language === 'ts';
  const lines: string[] = [...r.summary.map((l) => `// ${l}`)];
  if (t) lines.push(`// ${t.displayName}: ${t.docs}`);
  lines.push('');
  for (const [binding, from] of r.imports ?? []) lines.push(importLine(binding, from, language));
  if (ts && r.handlerType) lines.push(`import type { ${r.handlerType} } from 'aws-lambda';`);
  if (r.imports?.length || (ts && r.handlerType)) lines.push('');
  if (ts && r.localTypes) lines.push(...r.localTypes, '');
  const prelude = pick(r.prelude, ts);
  if (prelude.length) lines.push(...prelude, '');
  const typeRef = r.handlerType ? `import('aws-lambda').${r.handlerType}` : undefined;
  const body = indent(pick(r.body, ts));
  if (ts) {
    lines.push(`export const ${name}: ${r.handlerType ?? 'Handler'} = async (event) => {`, ...body, '};');
  } else {
    const jsdoc = typeRef
      ? `/** @type {${typeRef}} */`
      : '/**\n * @param {{ datasetName: string, identityId: string, datasetRecords: Record<string, { oldValue: string | null, newValue: string | null, op: string }> }} event\n */';
    lines.push(jsdoc, `${language === 'cjs' ? 'exports.' : 'export const '}${name} = async (event) => {`, ...body, '};');
  }
  return `${lines.join('\n')}\n`;
}

/** A node:test test that invokes the handler with each sample event and checks the answer. */
export function testTemplate(triggerId: string, language: ScaffoldLanguage, opts: TestTemplateOptions): string {
  const r = recipeOf(triggerId);
  const name = opts.handlerName ?? 'handler';
  const ts = language === 'ts';
  const lines: string[] = [
    `// Invokes ${name} with the sample events, as Lambda would. Run: ${ts ? 'npx tsx --test' : 'node --test'} ${'<this file>'}`,
    "// Or with Cognito's rules applied: cognito-triggers invoke <handler> --event <file>, or ▶ Invoke locally in VS Code.",
  ];
  const setup = pick(r.testSetup, ts);
  const mocks = setup.some((l) => l.includes('mock.'));
  const imports: [string, string][] = [
    [mocks ? '{ test, mock }' : '{ test }', 'node:test'],
    ['assert', 'node:assert/strict'],
    ['{ readFileSync }', 'node:fs'],
    ['path', 'node:path'],
    ...(r.imports ?? []).filter(([, from]) => !from.startsWith('node:')).map(([b, f]) => [b, f] as [string, string]),
    [`{ ${name} }`, opts.handlerImport],
  ];
  for (const [b, f] of imports) lines.push(importLine(b, f, language));
  if (ts) lines.push("import type { Context } from 'aws-lambda';");
  if (language === 'esm' || (ts && opts.esm)) lines.push("import { fileURLToPath } from 'node:url';", '', 'const here = path.dirname(fileURLToPath(import.meta.url));', '');
  else lines.push('', 'const here = __dirname;', '');
  lines.push(
    '/** A Lambda-like context: enough for handlers that read it. */',
    `const context = {`,
    `  functionName: 'test-${name}',`,
    "  awsRequestId: 'test-request',",
    "  memoryLimitInMB: '128',",
    '  getRemainingTimeInMillis: () => 5000,',
    `}${ts ? ' as unknown as Context' : ''};`,
    '',
  );
  if (setup.length) lines.push(...setup, '');
  lines.push(`const events = ${JSON.stringify(opts.events, null, 2).replace(/"/g, "'")};`, '', 'for (const file of events) {');
  lines.push(
    '  test(`' + `${name} answers ` + '${path.basename(file)}`, ' + (r.testSkip ? `{ skip: ${r.testSkip} }, ` : '') + 'async () => {',
    ...(ts ? ['    // The test reads the JSON loosely: `any` keeps the assertions short.'] : []),
    `    const event${ts ? ': any' : ''} = JSON.parse(readFileSync(path.join(here, file), 'utf8'));`,
    ...indent(r.testPrepare ?? [], '    '),
    `    const result${ts ? ': any' : ''} = await ${name}(structuredClone(event), context, () => undefined);`,
    ...indent(r.testAssert, '    '),
    '  });',
    '}',
  );
  return `${lines.join('\n')}\n`;
}

/** The sample fields a recipe merges into the model's sample event (for a meaningful first run). */
export function sampleFieldsFor(triggerId: string): Readonly<Record<string, unknown>> {
  return recipeOf(triggerId).sampleFields ?? {};
}
