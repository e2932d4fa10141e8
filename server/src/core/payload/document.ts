// Parsed JSON event documents: one jsonc-parser tree per URI and version, shared by every feature.
import { getNodeValue, parse, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';

/** The minimal document shape we parse (a vscode-languageserver-textdocument TextDocument fits). */
export interface TextSource {
  readonly uri: string;
  readonly version: number;
  getText(): string;
}

/** One parsed JSON document. */
export interface ParsedJson {
  readonly uri: string;
  readonly version: number;
  readonly text: string;
  /** The syntax tree; undefined for empty or hopeless text. */
  readonly root: Node | undefined;
  /** The value jsonc-parser recovers (partial when the text has syntax errors). */
  readonly value: unknown;
  readonly errors: readonly ParseError[];
  /** Set (to the depth found) when the text nests deeper than MAX_JSON_DEPTH: not parsed, not analysed. */
  readonly tooDeep?: number;
  /** Set (to the count found) when the text has more than MAX_JSON_MEMBERS members: not parsed, not analysed. */
  readonly tooLarge?: number;
  /** Set (to its length) when the text is longer than MAX_JSON_CHARS: not even scanned, not analysed. */
  readonly tooLong?: number;
}

/**
 * Longer JSON is not read at all, not even to count its members: each keystroke in a multi-megabyte
 * file would scan it on the server's event loop (14 ms per edit of a 3 MB file, while every other
 * document's requests waited). A Cognito event is a few kilobytes.
 */
export const MAX_JSON_CHARS = 1024 * 1024;

/**
 * Larger JSON is not analysed: it would take seconds per keystroke and no Cognito event comes near it
 * (an event has well under 500 members; a pool allows 50 custom attributes). It gets one note instead.
 */
export const MAX_JSON_MEMBERS = 5000;

/** Members (`:` outside strings) of JSON text, stopping early past `limit`. Linear. */
export function jsonMembers(text: string, limit = Infinity): number {
  let n = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 58 && ++n > limit) return n;
  }
  return n;
}

/**
 * Deeper JSON is not parsed: jsonc-parser and the JSON language service recurse per level and overflow
 * the stack near 3,000 levels. Cognito events nest fewer than 10 levels.
 */
export const MAX_JSON_DEPTH = 256;

/**
 * The deepest nesting of `[`/`{` in JSON text, stopping early past `limit`. Linear, no recursion.
 * Brackets inside strings count too, on purpose: the parsers' error recovery on half-typed text (an
 * unbalanced quote) can disagree with any string tracking here, and undercounting is what overflows.
 */
export function jsonDepth(text: string, limit = Infinity): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 91 || c === 123) {
      if (++depth > max) {
        max = depth;
        if (max > limit) return max;
      }
    } else if (c === 93 || c === 125) depth = Math.max(0, depth - 1);
  }
  return max;
}

/** Parses JSON text (comments and trailing commas tolerated, as in VS Code's JSON editor). */
export function parseJson(text: string, uri = '', version = 0): ParsedJson {
  if (text.length > MAX_JSON_CHARS) return { uri, version, text, root: undefined, value: undefined, errors: [], tooLong: text.length };
  const depth = jsonDepth(text, MAX_JSON_DEPTH);
  if (depth > MAX_JSON_DEPTH) return { uri, version, text, root: undefined, value: undefined, errors: [], tooDeep: depth };
  const members = jsonMembers(text, MAX_JSON_MEMBERS);
  if (members > MAX_JSON_MEMBERS) return { uri, version, text, root: undefined, value: undefined, errors: [], tooLarge: members };
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  return { uri, version, text, root, value: root ? getNodeValue(root) : undefined, errors };
}

/** A strict-JSON syntax error, in offsets. */
export interface SyntaxProblem {
  readonly start: number;
  readonly end: number;
  readonly message: string;
}

/**
 * Strict-JSON syntax errors: Cognito sends strict JSON, so trailing commas and comments count too
 * (the editor's parse above tolerates them, as VS Code's JSON editor does).
 */
export function strictSyntaxErrors(text: string): SyntaxProblem[] {
  if (text.length > MAX_JSON_CHARS || jsonDepth(text, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) return [];
  const errors: ParseError[] = [];
  parse(text, errors, { allowTrailingComma: false, disallowComments: true });
  // jsonc-parser reports one trailing comma twice (property name, then value expected): keep the first per offset.
  const first = errors.filter((e, i) => errors.findIndex((o) => o.offset === e.offset) === i);
  return first.map((e) => ({
    start: e.offset,
    end: e.offset + e.length,
    message: `Not valid JSON: ${printParseErrorCode(e.error)}. Cognito sends strict JSON (no comments, no trailing commas).`,
  }));
}

/**
 * Caches the parse of each open document by URI + version: `handles`, completion, hover, diagnostics
 * and code lenses all ask for the same tree, and a 200-line event is parsed once per edit.
 */
export class ParseCache {
  private readonly entries = new Map<string, ParsedJson>();

  /** The parse of this version of the document (parsed now if not cached). */
  get(doc: TextSource): ParsedJson {
    const hit = this.entries.get(doc.uri);
    if (hit && hit.version === doc.version) return hit;
    const parsed = parseJson(doc.getText(), doc.uri, doc.version);
    this.entries.set(doc.uri, parsed);
    return parsed;
  }

  /** Drops the document (closed). */
  forget(uri: string): void {
    this.entries.delete(uri);
  }
}
