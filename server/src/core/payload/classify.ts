// Which JSON documents are Cognito trigger events: by content, by the eventFiles globs, or by $schema.
import picomatch from 'picomatch';
import { SCHEMA_BASE, schemaFile } from '../generate/schema';
import { findSource, getTrigger, TRIGGERS } from '../model';
import type { TriggerDefinition } from '../model';

/** Why a document is treated as an event; undefined = not ours. */
export type EventClaim =
  | { readonly by: 'content'; readonly trigger?: TriggerDefinition }
  | { readonly by: 'schema'; readonly trigger: TriggerDefinition }
  | { readonly by: 'glob'; readonly pattern: string };

/** The `$id` of the schema of `triggerId` (the generator's), under which it is served in memory. */
export function schemaUri(triggerId: string): string {
  return `${SCHEMA_BASE}${schemaFile(triggerId)}`;
}

/**
 * The trigger a `$schema` value names: our in-memory URI, or any path/URL ending in
 * `<TriggerId>.schema.json` (the files in the extension's schemas/ folder, relative or absolute).
 */
export function triggerOfSchemaRef(ref: unknown): TriggerDefinition | undefined {
  if (typeof ref !== 'string') return undefined;
  const m = /([A-Za-z0-9]+)\.schema\.json$/.exec(ref);
  return m?.[1] ? getTrigger(m[1]) : undefined;
}

const matchers = new Map<string, picomatch.Matcher>();

/** The first of `globs` that `relativePath` matches ('/'-separated, relative to the workspace folder). */
export function matchingGlob(relativePath: string, globs: readonly string[]): string | undefined {
  for (const g of globs) {
    let m = matchers.get(g);
    if (!m) {
      // dot: event folders under .aws-sam/ or .events/ count too.
      m = picomatch(g, { dot: true });
      matchers.set(g, m);
    }
    if (m(relativePath)) return g;
  }
  return undefined;
}

/** True when the value's content says it is an event: a known triggerSource or the Sync eventType. */
export function contentNamesTrigger(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  if (typeof v.triggerSource === 'string') {
    if (findSource(v.triggerSource).length > 0) return true;
    // Old AWS docs joined several sources with '/'; still clearly an event.
    const parts = v.triggerSource.split('/');
    if (parts.length > 1 && parts.every((p) => findSource(p).length > 0)) return true;
  }
  return TRIGGERS.some((t) => t.recognition.eventType !== undefined && t.recognition.eventType === v.eventType);
}

/**
 * Whether a JSON document is an event, and why. Content first (cheap on the cached parse), then
 * `$schema`, then the globs, so a file in events/ that names a trigger is claimed by its content.
 */
export function claimEvent(value: unknown, relativePath: string, globs: readonly string[]): EventClaim | undefined {
  if (contentNamesTrigger(value)) return { by: 'content' };
  const bySchema = typeof value === 'object' && value !== null ? triggerOfSchemaRef((value as Record<string, unknown>).$schema) : undefined;
  if (bySchema) return { by: 'schema', trigger: bySchema };
  const pattern = matchingGlob(relativePath, globs);
  return pattern ? { by: 'glob', pattern } : undefined;
}

/** True for URIs and language ids we consider JSON. */
export function isJsonDocument(uri: string, languageId?: string): boolean {
  if (languageId === 'json' || languageId === 'jsonc') return true;
  return /\.jsonc?$/i.test(uri.replace(/[?#].*$/, ''));
}
