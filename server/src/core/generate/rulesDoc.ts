// docs/rules.md: the rule reference, generated from the rule registry (code, severity, sources, examples).
import { RULES, type Rule } from '../rules';

const KIND: Record<string, string> = {
  docs: 'AWS documentation',
  api: 'API reference',
  source: 'runtime source code',
  observed: 'observed (public issue with a captured event or error)',
  undocumented: 'not documented',
  local: 'this tool',
};

const fence = (file: string, text: string): string => {
  const lang = file.endsWith('.json') ? 'json' : file.endsWith('.py') ? 'python' : file.endsWith('.ts') ? 'ts' : 'js';
  return `\`${file}\`:\n\n\`\`\`${lang}\n${text.replace(/\n$/, '')}\n\`\`\``;
};

function section(r: Rule): string {
  const sources = r.sources.map((s) => `- ${KIND[s.kind] ?? s.kind}: ${s.url ? `[${s.title}](${s.url})` : s.title}${s.quote ? `\n  > ${s.quote}` : ''}`);
  return [
    `### ${r.id}`,
    '',
    `**${r.name}** — default severity: ${r.severity}.`,
    '',
    r.help,
    '',
    'Sources:',
    '',
    ...sources,
    '',
    `Raises it${r.triggers.usedAs ? ` (used as a ${r.triggers.usedAs} event)` : ''}: ${fence(r.triggers.file, r.triggers.shown ?? r.triggers.text)}`,
    '',
    `Does not: ${fence(r.clean.file, r.clean.text)}`,
    '',
  ].join('\n');
}

/** The whole of docs/rules.md. */
export function rulesDoc(): string {
  const handler = RULES.filter((r) => r.area === 'handler');
  const event = RULES.filter((r) => r.area === 'event');
  const file = RULES.filter((r) => r.area === 'file');
  return [
    '# Rules',
    '',
    '<!-- Generated from server/src/core/rules by `npm run generate`; do not edit. -->',
    '',
    'Every diagnostic Cognito Triggers reports, with its code, default severity, the sources it rests on and two examples: one that raises it and one that does not (both are run by `test/contract/rules.test.ts`). A source is an AWS documentation or API reference page, published runtime source code, or an *observed* behaviour (a public issue with a captured event or error); where nothing is published the rule says *not documented*.',
    '',
    'Event files are checked by the model alone: the generated JSON schemas (`schemas/`) come from the same model and find nothing it does not (`test/unit/schemaCoverage.test.ts`), so there is no separate schema diagnostic.',
    '',
    `## Handler code (${handler.length} rules)`,
    '',
    ...handler.map(section),
    `## Event files (${event.length} rules)`,
    '',
    ...event.map(section),
    `## Files and suppression comments (${file.length} rules)`,
    '',
    ...file.map(section),
  ].join('\n');
}
