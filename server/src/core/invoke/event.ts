// Reads an event file with a precise message (line and column) when it is not valid JSON.
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import type { InvokeOutcome } from '../protocol/invokeResult';
import { jsonDepth, MAX_JSON_DEPTH } from '../payload/document';
import { readSafeFile } from '../safeFile';
import { thousands } from '../thousands';

type StartFailure = Extract<InvokeOutcome, { kind: 'failedToStart' }>;

/** Line and column (1-based) of an offset. */
function position(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before[before.length - 1]?.length ?? 0) + 1 };
}

/**
 * Lambda's limit for a synchronous invocation payload: "For synchronous invocations, the maximum
 * payload size is 6 MB" (https://docs.aws.amazon.com/lambda/latest/dg/API_Invoke.html); observed as
 * "Request must be smaller than 6291456 bytes for the InvokeFunction operation"
 * (https://github.com/pelmers/streetwarp-web/issues/14). Cognito invokes its triggers synchronously.
 */
export const LAMBDA_SYNC_PAYLOAD_LIMIT_BYTES = 6_291_456;

/** Parses event JSON text; strict JSON (no comments, no trailing commas), as Lambda receives it. */
export function parseEventText(text: string, file: string): { value: unknown } | StartFailure {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > LAMBDA_SYNC_PAYLOAD_LIMIT_BYTES) {
    return {
      kind: 'failedToStart',
      message: `The event is ${thousands(bytes)} bytes; Lambda refuses a synchronous payload over 6 MB (${thousands(LAMBDA_SYNC_PAYLOAD_LIMIT_BYTES)} bytes), so Cognito could never send it. Use a smaller event.`,
      location: { file },
    };
  }
  // The parser recurses per level: refuse what would overflow the stack (no Cognito event is near it).
  const depth = jsonDepth(text, MAX_JSON_DEPTH);
  if (depth > MAX_JSON_DEPTH) return { kind: 'failedToStart', message: `The event nests more than ${MAX_JSON_DEPTH} levels deep; a Cognito event nests fewer than 10.`, location: { file } };
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
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const what = Array.isArray(value) ? 'an array' : value === null ? 'null' : `a ${typeof value}`;
    return { kind: 'failedToStart', message: `The event must be a JSON object, as every Cognito trigger event is; this file holds ${what}. Put one event object in the file.`, location: { file, line: 1, column: 1 } };
  }
  return { value };
}

/** Reads and parses an event file. */
export function readEventFile(file: string): { value: unknown } | StartFailure {
  // Regular files only (a FIFO would hang the invoke, /dev/zero fill memory), at most Lambda's 6 MB
  // synchronous payload: https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html
  const read = readSafeFile(file, { maxBytes: LAMBDA_SYNC_PAYLOAD_LIMIT_BYTES });
  if (!read.ok && read.reason === 'too-large') {
    return { kind: 'failedToStart', message: `${file}: Lambda refuses a synchronous payload over 6 MB (${thousands(LAMBDA_SYNC_PAYLOAD_LIMIT_BYTES)} bytes), so Cognito could never send this event. Use a smaller event.`, location: { file } };
  }
  if (!read.ok) return { kind: 'failedToStart', message: `Cannot read the event file ${read.reason === 'missing' ? `${file}: no such file` : read.message}`, location: { file } };
  return parseEventText(read.text, file);
}
