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
}

/** Parses JSON text (comments and trailing commas tolerated, as in VS Code's JSON editor). */
export function parseJson(text: string, uri = '', version = 0): ParsedJson {
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
