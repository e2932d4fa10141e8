// Markdown for fields, enum values and handlers, built from the model (completion docs and hover).
import type { EnumValue, FieldDefinition } from '../../model/types';
import type { FieldMatch } from '../../handler/context';
import { typesOf } from '../../handler/context';
import type { HandlerSite, PathKey } from '../../handler/description';
import { SOURCES, type Source } from '../../model/sources';
import { TRIGGERS_OVERVIEW_DOCS } from './codes';

/** `request.userAttributes.email` (numbers as `[0]`). */
export function pathText(path: readonly PathKey[]): string {
  return path.reduce<string>((s, k) => (typeof k === 'number' ? `${s}[${k < 0 ? 'i' : k}]` : /^[A-Za-z_$][\w$]*$/.test(k) ? (s ? `${s}.${k}` : k) : `${s}['${k}']`), '');
}

/** Writable or read-only, as the model says; anything inside a writable field is writable. */
export function isWritable(matches: readonly FieldMatch[]): boolean {
  return matches.some((m) => m.field.writable);
}

/** One-line type text: `string | null`. */
export function typeText(f: FieldDefinition): string {
  return typesOf(f).join(' | ');
}

/** Which triggers (and sources) the matches come from: `PreSignUp, CustomMessage (CustomMessage_SignUp)`. */
export function triggersText(matches: readonly FieldMatch[]): string {
  return matches.map((m) => (m.sources ? `${m.trigger.id} (${m.sources.join(', ')})` : m.trigger.id)).join(', ');
}

/** The documentation link of a field (its own, else the trigger's page). */
export function docsLink(m: FieldMatch): string {
  return m.field.docs ?? m.trigger.docs;
}

/** Matches grouped by description, in model order: `[description, trigger ids]`. */
function byDescription(matches: readonly FieldMatch[]): [string, string[]][] {
  const groups = new Map<string, string[]>();
  for (const m of matches) {
    const ids = groups.get(m.field.description) ?? [];
    if (!ids.includes(m.trigger.id)) ids.push(m.trigger.id);
    groups.set(m.field.description, ids);
  }
  return [...groups.entries()];
}

// Past this many different descriptions a hover would be a wall of text: name the triggers instead.
const MAX_LISTED = 4;

/**
 * Full markdown for a field at a path. With several triggers (an unknown or ambiguous handler) it
 * says the union is shown and never passes one trigger's description or page off as the answer.
 */
export function fieldMarkdown(path: readonly PathKey[], matches: readonly FieldMatch[], opts: { ambiguous?: boolean } = {}): string {
  const first = matches[0];
  if (!first) return '';
  const f = first.field;
  const triggers = new Set(matches.map((m) => m.trigger.id));
  const groups = byDescription(matches);
  const types = [...new Set(matches.flatMap((m) => typesOf(m.field)))].join(' | ');
  const assign = matches.every((m) => m.field.assign) ? f.assign : undefined;
  const lines = [`**event.${pathText(path)}**: \`${types}\` — ${isWritable(matches) ? 'writable' : assign ? 'assignable' : 'read-only'}`, ''];
  if (groups.length === 1) lines.push(f.description);
  else if (groups.length <= MAX_LISTED) lines.push(`_The union of ${triggers.size} triggers; it means:_`, '', ...groups.map(([d, ids]) => `- ${ids.map((i) => `\`${i}\``).join(', ')}: ${d}`));
  else lines.push(`_The union of ${triggers.size} triggers; what it holds differs by trigger: name the handler's trigger (\`// @cognito-trigger <Id>\`) to see its description._`);
  if (assign) {
    const src: Source = SOURCES[assign.source];
    lines.push('', `Cognito sends the override details as \`null\` and expects a new object: assign one, \`${assign.example}\`, as ${src.url ? `[the AWS guide's example](${src.url})` : "the AWS guide's example"} does.`);
  }
  if (f.note && matches.every((m) => m.field.note === f.note)) lines.push('', `_Note:_ ${f.note}`);
  const values = [...new Set(matches.flatMap((m) => (m.field.enum ?? []).map((v) => v.value)))];
  if (values.length && values.length <= 12) lines.push('', `Values: ${values.map((v) => `\`${v}\``).join(', ')}`);
  if (f.constraints?.maxLength !== undefined) lines.push('', `Length: ${f.constraints.minLength ?? 0}–${f.constraints.maxLength} characters.`);
  lines.push('', `Sent to: ${triggersText(matches)}${f.sources ? ` — only for ${f.sources.join(', ')}` : ''}`);
  if (opts.ambiguous) lines.push('', '_The trigger of this handler is not known: showing every trigger that has this field. Add `// @cognito-trigger <Id>` or a type annotation to narrow it._');
  const links = new Set(matches.map(docsLink));
  lines.push('', links.size === 1 ? `[AWS documentation](${docsLink(first)})` : `[AWS documentation: Lambda triggers](${TRIGGERS_OVERVIEW_DOCS})`);
  return lines.join('\n');
}

/** Markdown for an enum value or suggestion. */
export function valueMarkdown(v: EnumValue, from: string): string {
  return [v.description, v.deprecated ? `\n_Deprecated:_ ${v.deprecated}` : '', `\n\n${from}`].join('');
}

/** Markdown for a handler name: its trigger(s) and why. */
export function handlerMarkdown(h: HandlerSite): string {
  const inf = h.inference;
  if (!inf.known) {
    return [`**${h.name}**: Cognito trigger unknown`, '', `No signal says which trigger this handler serves (${inf.reasons.join('; ')}). Completions offer the fields of every trigger.`, '', 'Add `// @cognito-trigger PreSignUp` (or another trigger id) above it, a type annotation such as `PreSignUpTriggerHandler`, or map the file in `cognito-triggers.json`.'].join('\n');
  }
  const names = inf.candidates.map((c) => `${c.trigger.displayName} (\`${c.trigger.id}\`)`);
  const lines = [`**${h.name}**: ${inf.candidates.length > 1 ? 'one of ' : ''}${names.join(', ')}`, '', `Why: ${inf.reasons.join('; ')}.`];
  if (inf.candidates.length > 1) lines.push('', '_Ambiguous: completions and checks use the union of these triggers._');
  const t = inf.candidates[0]?.trigger;
  if (inf.candidates.length === 1 && t) lines.push('', t.description, '', `[AWS documentation](${t.docs})`);
  return lines.join('\n');
}
