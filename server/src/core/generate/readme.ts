// The README trigger table, written between the generated markers.
import { TRIGGERS } from '../model/registry';
import type { TriggerDefinition } from '../model/types';
import { schemaFile } from './schema';
import { snippetPrefix } from './snippets';

/** Marker lines; only the text between them is ours. */
export const README_START = '<!-- generated:triggers -->';
export const README_END = '<!-- /generated:triggers -->';

function binding(t: TriggerDefinition): string {
  const b = t.binding;
  if (b.kind === 'identityPool') return `identity pool \`SetCognitoEvents\` \`${b.cognitoEventType}\``;
  const version = b.lambdaVersion ? ` (\`LambdaVersion: ${b.lambdaVersion}\`)` : '';
  const legacy = b.legacyKey ? ` or \`${b.legacyKey}\`` : '';
  const kms = b.requiresKmsKey ? ' + `KMSKeyID`' : '';
  return `\`${b.lambdaConfigKey}\`${version}${legacy}${kms}`;
}

/** The table in markdown. */
export function triggerTable(): string {
  const rows = TRIGGERS.map((t) => {
    const handler = t.typeNames.find((n) => n.endsWith('TriggerHandler'));
    return `| [${t.displayName}](${t.docs}) | ${binding(t)} | ${t.sources.map((s) => `\`${s.value}\``).join('<br>')} | ${handler ? `\`${handler}\`` : '—'} | \`${snippetPrefix(t)}\` | [schema](schemas/${schemaFile(t.id)}) |`;
  });
  return [
    '| Trigger | Bound by | triggerSource | @types/aws-lambda | Snippet | Schema |',
    '|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

/**
 * The README with the table between the markers. A missing README becomes a placeholder heading
 * plus the markers (the lead writes the rest); a README without markers gets them appended.
 */
export function updateReadme(current: string | undefined): string {
  const block = `${README_START}\n${triggerTable()}\n${README_END}`;
  if (current === undefined) return `# Cognito Triggers\n\n${block}\n`;
  const start = current.indexOf(README_START);
  const end = current.indexOf(README_END);
  if (start < 0 || end < start) return `${current.replace(/\n*$/, '\n\n')}${block}\n`;
  return current.slice(0, start) + block + current.slice(end + README_END.length);
}
