// Pure: adds a handler → function entry to the bindings file's text, keeping the rest of it as it was written.
import { applyEdits, modify, parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import type { BindingEntry } from './file';

/** The new text, or why the file cannot take the entry (the file is then left as it is). */
export type AddBindingResult = { ok: true; text: string; already: boolean } | { ok: false; message: string };

/**
 * Appends `entry` to `handlers` of the bindings file `text` (undefined: a new file). An entry for the
 * same file and export is not added twice. A file that is not a JSON object with a `handlers` array
 * is refused, so nothing the user wrote is lost.
 */
export function addBindingEntry(text: string | undefined, entry: BindingEntry): AddBindingResult {
  const source = text?.trim() ? text : '{}\n';
  const errors: ParseError[] = [];
  // The file is plain JSON (parseBindingsFile reads it with JSON.parse): no comments, no trailing commas.
  const root = parse(source, errors, { disallowComments: true, allowTrailingComma: false }) as unknown;
  const [first] = errors;
  if (first) return { ok: false, message: `it is not valid JSON (${printParseErrorCode(first.error)} at offset ${first.offset}); fix it first` };
  if (!root || typeof root !== 'object' || Array.isArray(root)) return { ok: false, message: 'it is not a JSON object like {"handlers": [...]}' };
  const handlers = (root as { handlers?: unknown }).handlers;
  if (handlers !== undefined && !Array.isArray(handlers)) return { ok: false, message: '"handlers" is not an array' };
  const list = (handlers ?? []) as { file?: unknown; handler?: unknown }[];
  if (list.some((h) => h && h.file === entry.file && (h.handler ?? 'handler') === entry.handler)) return { ok: true, text: source, already: true };
  const value = { file: entry.file, handler: entry.handler, functionName: entry.functionName, ...(entry.trigger ? { trigger: entry.trigger } : {}) };
  const edits = modify(source, ['handlers', list.length], value, { formattingOptions: { insertSpaces: true, tabSize: 2, eol: '\n' }, isArrayInsertion: true });
  return { ok: true, text: applyEdits(source, edits), already: false };
}
