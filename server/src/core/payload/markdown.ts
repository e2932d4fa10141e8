// Markdown for hover and completion documentation of event fields, triggerSources and enum values.
import { SHARED_PARAMS_DOC } from '../model/common';
import type { EnumValue, FieldDefinition, TriggerDefinition, TriggerSourceDefinition } from '../model';

/** `string or null` for a field's type(s). */
export function typeLabel(field: FieldDefinition): string {
  return (typeof field.type === 'string' ? [field.type] : [...field.type]).join(' | ');
}

/**
 * `**field** — type · writable/read-only`, the description, the note, the sources it is limited to,
 * and the documentation link: the shared look of field docs.
 */
export function fieldMarkdown(name: string, field: FieldDefinition, trigger: TriggerDefinition): string {
  const parts = [`**${name}** — \`${typeLabel(field)}\` · ${field.writable ? 'writable' : 'read-only'}${field.required ? ' · always present' : ''}`, field.description];
  if (field.note) parts.push(`_Note:_ ${field.note}`);
  if (field.sources) parts.push(`Only for ${field.sources.map((s) => `\`${s}\``).join(', ')}.`);
  const c = field.constraints;
  if (c?.maxLength !== undefined || c?.minLength !== undefined) parts.push(`Length ${c.minLength ?? 0}–${c.maxLength ?? '∞'} characters.`);
  if (c?.mustContain?.length) parts.push(`Must contain ${c.mustContain.map((p) => `\`${p.typical}\` (the value of \`${p.fromField}\`)`).join(' and ')}.`);
  parts.push(`[AWS documentation](${field.docs ?? trigger.docs})`);
  return parts.join('\n\n');
}

/** A triggerSource value: when Cognito sends it, the trigger it belongs to, and the link. */
export function sourceMarkdown(source: TriggerSourceDefinition, trigger: TriggerDefinition): string {
  const version = source.minEventVersion ? `\n\nSent from event version ${source.minEventVersion} on.` : '';
  return `**${source.value}** — ${trigger.displayName} trigger\n\n${source.description}${version}\n\n[AWS documentation](${trigger.docs})`;
}

/** One enum or suggested value of a field. */
export function enumMarkdown(value: EnumValue, field: FieldDefinition, trigger: TriggerDefinition): string {
  const deprecated = value.deprecated ? `\n\n_Deprecated:_ ${value.deprecated}` : '';
  return `**${value.value}**\n\n${value.description}${deprecated}\n\n[AWS documentation](${field.docs ?? trigger.docs ?? SHARED_PARAMS_DOC})`;
}

/** The trigger itself (hover on the braces of an event, code lens tooltips). */
export function triggerMarkdown(trigger: TriggerDefinition): string {
  return `**${trigger.displayName}** trigger\n\n${trigger.description}\n\n[AWS documentation](${trigger.docs})`;
}
