// Which JSON documents are Cognito trigger events: by content, by the eventFiles globs, or by $schema.
import picomatch from 'picomatch';
import { isRecord } from '../events/json';
import { isPlaceholderSource } from '../events/recognize';
import { isKnownEventKey } from '../events/shape';
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

/**
 * The paths the globs are tried on. Inside the folder: the relative path itself. Outside it (the CLI
 * checking `../ws/events/a.json` from its working directory, or an absolute path) the leading
 * directories are an accident of where the command runs, so every suffix is tried: the default events-folder glob
 * must claim the file whatever the working directory is.
 */
function globCandidates(relativePath: string): string[] {
  const p = relativePath.replace(/\\/g, '/');
  const outside = p === '..' || p.startsWith('../') || p.startsWith('/') || /^[A-Za-z]:\//.test(p);
  if (!outside) return [p];
  const parts = p.replace(/^[A-Za-z]:/, '').split('/').filter((s) => s !== '' && s !== '.' && s !== '..');
  return parts.map((_, i) => parts.slice(i).join('/'));
}

/**
 * The first of `globs` that `relativePath` matches ('/'-separated, relative to the workspace folder or
 * the CLI's working directory; paths outside it match with any leading directories).
 */
export function matchingGlob(relativePath: string, globs: readonly string[]): string | undefined {
  const candidates = globCandidates(relativePath);
  for (const g of globs) {
    let m = matchers.get(g);
    if (!m) {
      // dot: event folders under .aws-sam/ or .events/ count too.
      m = picomatch(g, { dot: true });
      matchers.set(g, m);
    }
    if (candidates.some((c) => m(c))) return g;
  }
  return undefined;
}

/** True when the value's content says it is an event: a known triggerSource or the Sync eventType. */
export function contentNamesTrigger(value: unknown): boolean {
  if (!isRecord(value)) return false;
  if (typeof value.triggerSource === 'string') {
    if (findSource(value.triggerSource).length > 0) return true;
    // Old AWS docs joined several sources with '/'; still clearly an event.
    const parts = value.triggerSource.split('/');
    if (parts.length > 1 && parts.every((p) => findSource(p).length > 0)) return true;
  }
  return TRIGGERS.some((t) => t.recognition.eventType !== undefined && t.recognition.eventType === value.eventType);
}

/** Envelope keys only Cognito user pool events combine with a `request` / `response` object. */
const ENVELOPE_KEYS = ['triggerSource', 'userPoolId', 'userName', 'callerContext'] as const;

/**
 * True when the value is shaped like a user pool event without naming a real trigger: a placeholder
 * triggerSource from a published example, or a `request`/`response` object next to an envelope key or
 * holding only keys Cognito events use (`{"request": {"userAttributes": …}, "response": {}}` from the
 * docs). An HTTP mock's `{"request": {"method": …}, "response": {"status": …}}` or a front-end config
 * with a `userPoolId` stays unrelated JSON.
 */
export function looksLikeEvent(value: unknown): boolean {
  if (!isRecord(value)) return false;
  if (isPlaceholderSource(value.triggerSource)) return true;
  const parts = (['request', 'response'] as const).filter((k) => isRecord(value[k]));
  if (parts.length === 0) return false;
  if (ENVELOPE_KEYS.some((k) => k in value)) return true;
  return parts.every((part) => Object.keys(value[part] as Record<string, unknown>).every((k) => isKnownEventKey(part, k)));
}

/**
 * Whether a JSON document is an event, and why. Content first (cheap on the cached parse), then
 * `$schema`, then the globs, so a file in events/ that names a trigger is claimed by its content.
 */
export function claimEvent(value: unknown, relativePath: string, globs: readonly string[]): EventClaim | undefined {
  if (contentNamesTrigger(value)) return { by: 'content' };
  const bySchema = isRecord(value) ? triggerOfSchemaRef(value.$schema) : undefined;
  if (bySchema) return { by: 'schema', trigger: bySchema };
  const pattern = matchingGlob(relativePath, globs);
  if (pattern) return { by: 'glob', pattern };
  // Event-shaped content is ours wherever the file is; after the globs, so a trigger-named folder still hints.
  return looksLikeEvent(value) ? { by: 'content' } : undefined;
}

/** True for URIs and language ids we consider JSON. */
export function isJsonDocument(uri: string, languageId?: string): boolean {
  if (languageId === 'json' || languageId === 'jsonc') return true;
  return /\.jsonc?$/i.test(uri.replace(/[?#].*$/, ''));
}
