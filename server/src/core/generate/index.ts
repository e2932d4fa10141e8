// Every generated artifact as {path, content}, pure: the script writes them, the drift test compares them.
import { TRIGGERS } from '../model/registry';
import { sampleEvent } from '../events/sample';
import { ownedKeys, updatePackageJson } from './packageJson';
import { updateReadme } from './readme';
import { eventSchema, schemaFile, triggerSchema } from './schema';
import { rulesDoc } from './rulesDoc';
import { snippetsFile } from './snippets';

/** One file to write, path relative to the repository root. */
export interface GeneratedFile {
  readonly path: string;
  readonly content: string;
}

/** Current contents of the files we only partly own. */
export interface GenerateInputs {
  /** README.md text, or undefined when it does not exist. */
  readonly readme: string | undefined;
  /** package.json text. */
  readonly packageJson: string;
}

const json = (v: unknown): string => `${JSON.stringify(v, null, 2)}\n`;

/** Sample events: examples/events/<TriggerId>/<triggerSource>.json, one per source. */
export function sampleFiles(): GeneratedFile[] {
  return TRIGGERS.flatMap((t) => t.sources.map((s) => ({ path: `examples/events/${t.id}/${s.value}.json`, content: json(sampleEvent(t.id, s.value)) })));
}

/** The schemas: one per trigger plus the dispatcher. */
export function schemaFiles(): GeneratedFile[] {
  return [
    ...TRIGGERS.map((t) => ({ path: `schemas/${schemaFile(t.id)}`, content: json(triggerSchema(t)) })),
    { path: 'schemas/cognito-event.schema.json', content: json(eventSchema()) },
  ];
}

/** Files we own entirely: schemas, samples, snippets, the rule reference. */
export function ownedFiles(): GeneratedFile[] {
  return [...schemaFiles(), ...sampleFiles(), { path: 'snippets/triggers.code-snippets', content: snippetsFile() }, { path: 'docs/rules.md', content: rulesDoc() }];
}

/** Every generated file, including README.md and package.json rewritten from `inputs`. */
export function generateAll(inputs: GenerateInputs): GeneratedFile[] {
  return [
    ...ownedFiles(),
    { path: 'README.md', content: updateReadme(inputs.readme) },
    { path: 'package.json', content: updatePackageJson(inputs.packageJson) },
  ];
}

/** Directories whose every file is generated (stale extra files there are reported too). */
export const GENERATED_DIRS = ['schemas', 'examples/events'] as const;

/** True when `onDisk` (undefined = missing) differs from `generated`; package.json compares only our keys. */
export function isStale(file: GeneratedFile, onDisk: string | undefined): boolean {
  if (onDisk === undefined) return true;
  if (file.path === 'package.json') {
    try {
      return ownedKeys(onDisk) !== ownedKeys(file.content);
    } catch {
      return true;
    }
  }
  return onDisk !== file.content;
}

export { updatePackageJson, ownedKeys } from './packageJson';
export { updateReadme, README_END, README_START, triggerTable } from './readme';
export { eventSchema, fieldSchema, SCHEMA_BASE, schemaFile, triggerSchema, type Schema } from './schema';
export { snippets, snippetsFile, snippetPrefix } from './snippets';
export { rulesDoc } from './rulesDoc';
