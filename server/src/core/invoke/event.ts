// Reads an event file with a precise message (line and column) when it is not valid JSON.
import * as fs from 'node:fs';
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import type { InvokeOutcome } from '../protocol/invokeResult';

type StartFailure = Extract<InvokeOutcome, { kind: 'failedToStart' }>;

/** Line and column (1-based) of an offset. */
function position(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before[before.length - 1]?.length ?? 0) + 1 };
}

/** Parses event JSON text; strict JSON (no comments, no trailing commas), as Lambda receives it. */
export function parseEventText(text: string, file: string): { value: unknown } | StartFailure {
  const errors: ParseError[] = [];
  const value: unknown = parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  if (first) {
    const at = position(text, first.offset);
    return {
      kind: 'failedToStart',
      message: `The event is not valid JSON: ${printParseErrorCode(first.error)} at line ${at.line}, column ${at.column}.`,
      location: { file, ...at },
    };
  }
  return { value };
}

/** Reads and parses an event file. */
export function readEventFile(file: string): { value: unknown } | StartFailure {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    return { kind: 'failedToStart', message: `Cannot read the event file ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`, location: { file } };
  }
  return parseEventText(text, file);
}
