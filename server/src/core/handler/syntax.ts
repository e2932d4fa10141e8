// What features need from a language besides the description: a parse-free reading of the text at the
// cursor (completion must work on half-typed code) and how to write a fix's code in that language.
import type { HandlerFact, HandlerLanguageId, PathKey } from './description';
import { javascriptSyntax } from './javascript/syntax';
import { pythonSyntax } from './python/syntax';

/** A member chain read backwards: `event.request['userAttributes']` → root `event`, keys. */
export interface Chain {
  readonly root: string;
  readonly keys: readonly PathKey[];
  readonly start: number;
  /**
   * Indexes of keys written as properties that are not the event's key (Python: Powertools
   * `.user_attributes`); `HandlerSyntax.memberKey` maps them. Undefined: every key is the event's.
   */
  readonly members?: readonly number[];
}

/** Where a string being typed will land. */
export type StringTarget =
  | { readonly via: 'compare' | 'assign' | 'arrayAssign'; readonly chain: Chain }
  | { readonly via: 'bracket'; readonly chain: Chain }
  | { readonly via: 'case' }
  | { readonly via: 'objectValue' | 'objectArray'; readonly key: string }
  /** A key of a dict literal (Python: keys are strings). */
  | { readonly via: 'dictKey' };

/** The completion situation at the cursor. */
export type CursorContext =
  | { readonly kind: 'member'; readonly chain: Chain; readonly partial: string; readonly replaceStart: number; readonly dotStart: number }
  | { readonly kind: 'string'; readonly target: StringTarget; readonly partial: string; readonly quote: string; readonly replaceStart: number; readonly replaceEnd: number }
  | { readonly kind: 'objectKey'; readonly partial: string; readonly replaceStart: number };

/** The pattern's root: destructured from an expression (`= event.request`), or a function's first parameter. */
export type PatternRoot = { readonly kind: 'init'; readonly chain: Chain } | { readonly kind: 'param'; readonly paren: number };

/** A destructuring pattern key at the cursor: the keys from the pattern's root down to the `{` being typed in. */
export interface PatternSite {
  readonly root: PatternRoot;
  readonly keys: readonly PathKey[];
}

/** A text edit by offsets. */
export interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

/** One language's cursor reading and code writing, used by the features in core/features/handlerCode. */
export interface HandlerSyntax {
  /** What is being completed at `offset`. */
  cursorContext(text: string, offset: number): CursorContext | undefined;
  /** The member chain that ends at `end` (exclusive), for hover. */
  chainBefore(text: string, end: number): Chain | undefined;
  /** A destructuring pattern key typed at `offset` (languages without destructuring: undefined). */
  patternAt(text: string, offset: number): PatternSite | undefined;
  /** Characters of an identifier (the word under the cursor). */
  readonly identChar: RegExp;
  /** A key usable as a member name after `.`, without quoting. */
  isMemberName(key: string): boolean;
  /**
   * Member access (`x.name`) reads properties of an object that are not the event's keys (Python:
   * Powertools data classes): only names bound to such an object complete or hover after `.`.
   */
  readonly membersAreProperties: boolean;
  /** The event key that member `name` of the field at `path` stands for (JS: `name` itself). */
  memberKey(path: readonly PathKey[], name: string): PathKey;
  /** How a key is written as a member (JS: itself; Python: the Powertools snake_case property). */
  memberLabel(key: string): string;
  /** Member completion of a key that is not a member name (`attrs.cus` → `attrs['custom:x']`): the text from the dot on. */
  quotedMember(key: string, optionalChain: boolean): string;
  /**
   * Reading through a value that may be null: how a value defaults to empty (` ?? {}`, ` or {}`), what
   * the message names as guards, and what each kind of dereference (UnguardedDeref.how) is and raises.
   */
  readonly nullGuard: {
    readonly orEmpty: string;
    readonly hint: string;
    readonly words: Readonly<Record<'member' | 'in' | 'keys' | 'destructure', string>>;
    readonly error: string;
  };
  /** The statement keyword that raises an error (`throw`, `raise`): the returns-error fix writes it over `return`. */
  readonly raiseKeyword: string;
  /** A line comment holding `body`, indented like the line it goes above. */
  lineComment(body: string): string;
  /** The edit that makes a `noReturn` fact return the event: insert at `insertAt`, or replace a bare `return`. */
  returnEventEdit(text: string, fact: HandlerFact, eventName: string): TextEdit;
  /** The boolean a string literal spells (`'true'`) when a boolean was meant, else undefined. */
  booleanWord(literal: string): boolean | undefined;
  /** A boolean literal. */
  booleanLiteral(value: boolean): string;
  /** An object (JS) or dict (Python) literal from keys and value source texts. */
  objectLiteral(entries: readonly (readonly [string, string])[]): string;
  /**
   * The edit that makes the string value at `at` (its literal text `literal`, when a plain literal)
   * also interpolate the event field `field` (`request.codeParameter`): a template literal in JS, an
   * f-string in Python. Undefined when the value's form cannot take it.
   */
  withInterpolation(text: string, at: { readonly start: number; readonly end: number }, literal: string | undefined, eventName: string, field: string): TextEdit | undefined;
}

const SYNTAX: Record<HandlerLanguageId, HandlerSyntax> = { javascript: javascriptSyntax, python: pythonSyntax };

/** The syntax helper of the language an analysis came from. */
export function syntaxFor(language: HandlerLanguageId): HandlerSyntax {
  return SYNTAX[language];
}
