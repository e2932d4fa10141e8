// The language-neutral description of a handler: what every feature (completion, hover, diagnostics,
// quick fixes, inference, CodeLens) consumes. Front ends (javascript/, python/) produce it from their own
// trees; nothing here knows a syntax tree, so a rule written against it works in every language.
//
// Offsets are UTF-16 code unit offsets into the analysed text (what TextDocument.positionAt takes).
import type { TriggerDefinition } from '../model/types';

/** Which front end produced an analysis; features pick the matching syntax helper (syntax.ts) by it. */
export type HandlerLanguageId = 'javascript' | 'python';

/** A key on the way from the event root: a property name or an array index. */
export type PathKey = string | number;

/**
 * Stands for a computed key (`session[i]`, `attrs[name]`): the model resolves a number to an array's
 * items and any key to a map's values, so -1 reaches both; checks treat it as unknown, never as a typo.
 */
export const DYNAMIC_KEY = -1;

/** Longest wait Cognito allows a synchronous trigger, in ms: it gives up after 5 seconds. */
export const COGNITO_TIMEOUT_MS = 5000;

/** Keys that only the event has: an answer object (JS) or dict (Python) with none of them, and no spread, is not the event. */
export const EVENT_KEYS: ReadonlySet<string> = new Set(['version', 'triggerSource', 'region', 'userPoolId', 'userName', 'callerContext', 'request', 'response', 'datasetRecords', 'eventType', 'identityId']);

/** `an object with none of the event's keys ({statusCode, body}: an API Gateway response)`, for the returns-non-event fact's detail. */
export function notEventDetail(noun: 'an object' | 'a dict', keys: readonly string[]): string {
  return `${noun} with none of the event's keys ({${keys.join(', ')}}${keys.includes('statusCode') ? ': an API Gateway response' : ''})`;
}

/** How members of a Python object stand for event keys: data class properties (snake_case) or parser model attributes (the keys). */
export type KeyStyle = 'snake_case' | 'camelCase';

/** Where a value came from, when it is statically known. */
export interface KnownValue {
  /** JSON type of the value, when known ('string', 'number', 'boolean', 'null', 'object', 'array'). */
  readonly type?: string;
  /** The literal value for string/number/boolean literals and simple templates. */
  readonly literal?: string | number | boolean | null;
  /**
   * For templates and concatenations: the static text parts and the event paths interpolated;
   * `complete` is false when some part's text is unknown (a call, a parameter, a `let`).
   */
  readonly template?: {
    readonly text: string;
    readonly paths: readonly (readonly PathKey[])[];
    readonly exprCount: number;
    readonly complete: boolean;
    /**
     * One entry per part whose text is unknown: the names it goes by (`APP_NAME`, `process.env.APP_NAME`
     * gives `APP_NAME`, `render(…)` gives `render`, `tpl.replace(…)` gives `replace` and `tpl`) and any
     * literal it may fall back to (`?? 'Example App'`). An empty string means nothing names it, or it is
     * handed event data (`wrap(event.request.codeParameter)`). Rules judge from the names whether a part
     * may hold a placeholder. Absent when the front end does not report names: then any unknown part may.
     */
    readonly unknown?: readonly (readonly string[])[];
  };
  /** For array literals: each string element's value, position in the array, and range. */
  readonly elements?: readonly { readonly value: string; readonly index: number; readonly start: number; readonly end: number }[];
  /** For object literals: each key with its range and value. */
  readonly properties?: readonly { readonly key: string; readonly start: number; readonly end: number; readonly value: KnownValue }[];
  /** The value's own range. */
  readonly start: number;
  readonly end: number;
}

/** One use of the event in code: `event.request.userAttributes.email`, `event["request"]["userAttributes"]["email"]`. */
export interface EventRef {
  /** The full path from the event root. */
  readonly path: readonly PathKey[];
  /** Range of each key in the source (for "unknown field" squiggles on the right key). */
  readonly keyRanges: readonly { readonly start: number; readonly end: number }[];
  /** `read`, `write` (assigned), or `compare` (compared with a literal). */
  readonly kind: 'read' | 'write' | 'compare';
  /** Assigned or compared value, when known. */
  readonly value?: KnownValue;
  /** The handler this use belongs to (index into `DocumentAnalysis.handlers`). */
  readonly handler: number;
  /**
   * Some key is written as a member: a Powertools data class property (`event.request.user_attributes`,
   * snake_case) or a Powertools parser model attribute (`event.request.userAttributes`, camelCase). The
   * path holds the event's keys; fixes and messages must write members the same way.
   */
  readonly keyStyle?: KeyStyle;
  readonly start: number;
  readonly end: number;
}

/**
 * A place where the code dereferences a part of the event with nothing to stop a null there: reads a
 * key of it (`event.request.clientMetadata.foo`), tests a key with `in`, passes it to `Object.keys`
 * (`values`, `entries`), or destructures it. Not reported when guarded: optional chaining at that step,
 * a check of it around the use (`&&`, `||`, `?:`, `if`) or before it with an early exit, a
 * `|| {}` / `?? {}` default where it was bound, an assignment to it before, or an enclosing `try`.
 * Which parts Cognito may send as null is the rules' business (the model), not the front end's.
 */
export interface UnguardedDeref {
  /** The path of the value dereferenced (`['request', 'clientMetadata']`). */
  readonly path: readonly PathKey[];
  readonly how: 'member' | 'in' | 'keys' | 'destructure';
  readonly handler: number;
  /** Range of the dereferencing expression (the whole `'x' in …`, `….foo`). */
  readonly start: number;
  readonly end: number;
  /** Range of the expression that yields the value (what a fix wraps in `(… ?? {})`). */
  readonly valueStart: number;
  readonly valueEnd: number;
  /** For `member`: where the `.` (or `[`) of the access is, so a fix can make it `?.`. */
  readonly accessAt?: number;
  readonly computed?: boolean;
}

/** A range of code where only some triggerSource (or Sync eventType) values can reach. */
export interface NarrowedRegion {
  readonly start: number;
  readonly end: number;
  readonly sources: readonly string[];
}

/** A name bound to a part of the event (`const attrs = event.request.userAttributes`). */
export interface Alias {
  readonly name: string;
  readonly path: readonly PathKey[];
  /** Declared at this offset; the alias is used after it, inside `scopeEnd`. */
  readonly start: number;
  readonly scopeEnd: number;
  /** A Powertools object read by members, not by keys: data class properties (`.user_attributes`) or model attributes (`.userAttributes`). */
  readonly keyStyle?: KeyStyle;
}

/** An object literal assigned to a part of the event, so keys typed inside it can be completed. */
export interface ObjectSite {
  readonly start: number;
  readonly end: number;
  readonly path: readonly PathKey[];
}

/** A `switch` on an event path (triggerSource, eventType, op ...). */
export interface SwitchSite {
  readonly start: number;
  readonly end: number;
  readonly path: readonly PathKey[];
}

/** Where the handler's trigger came from, strongest first. */
export type SignalKind = 'type' | 'comment' | 'binding' | 'triggerSource' | 'fields' | 'fileName';

/** One candidate trigger, optionally limited to some triggerSource values. */
export interface Candidate {
  readonly trigger: TriggerDefinition;
  /** Undefined = every source of the trigger. */
  readonly sources?: readonly string[];
}

/** Which trigger(s) a handler serves and why. */
export interface TriggerInference {
  readonly candidates: readonly Candidate[];
  /** False when no signal was found: candidates are every trigger. */
  readonly known: boolean;
  /** Human-readable reasons, strongest first. */
  readonly reasons: readonly string[];
  /** The strongest signal that decided. */
  readonly signal?: SignalKind;
  /** A `@cognito-trigger` comment, the bindings file or the IaC wiring names this function (it is a handler, not a guess). */
  readonly named?: boolean;
}

/**
 * A control-flow or runtime fact about a handler, found while walking it. `noReturn`, `longWait` and
 * `returnsNonEvent` come from every front end; the callback, legacy-context and floating-promise facts
 * describe Node.js features (JavaScript front end), `asyncHandler` a Python one (`async def`), `noTimeout`
 * a Python HTTP call without a timeout (`requests.get(url)`, `urlopen(url)`), `returnsModel` a Python handler
 * returning the Powertools parser (Pydantic) model it was given (`return event` under `@event_parser`).
 */
export interface HandlerFact {
  readonly kind: 'noReturn' | 'returnsNonEvent' | 'returnsError' | 'returnsModel' | 'asyncWithCallback' | 'callbackStyle' | 'legacyContext' | 'floatingPromise' | 'longWait' | 'asyncHandler' | 'noTimeout';
  readonly start: number;
  readonly end: number;
  /** Extra detail (the wait in ms, the unawaited call's text, what is returned instead of the event). */
  readonly detail?: string;
  /** Where a `return event` would go (end of the function body: before `}` in JS, after the last line in Python). */
  readonly insertAt?: number;
  /** The indentation a statement inserted at `insertAt` needs, where indentation is syntax (Python). */
  readonly insertIndent?: string;
  /** An unawaited SDK v2 call in callback style: where its callback argument starts, and whether it is empty. */
  readonly callback?: { readonly removeFrom: number; readonly empty: boolean };
  /** `asyncWithCallback`: the ranges a fix rewrites (absent parts: that fix would not be safe here). */
  readonly callbackRewrite?: CallbackRewrite;
}

/** A range of the analysed text. */
export interface TextSpan {
  readonly start: number;
  readonly end: number;
}

/**
 * What rewriting an async handler that also takes a callback needs, by offsets: the callback parameter,
 * each call of it, and the `async` keyword. Calls are listed only when every use of the callback is a
 * call that ends its block (`callback(null, x)` answers x, `callback(err)` fails), so each can become
 * a `return`/`throw` without changing what the function answers.
 */
export interface CallbackRewrite {
  /** The callback parameter with the separator before it (`, callback`, `, callback: Callback`). */
  readonly param: TextSpan;
  /** Each call: the statement (or expression body) it is, and its result or error argument. */
  readonly calls?: readonly { readonly at: TextSpan; readonly answer?: TextSpan; readonly error?: TextSpan; readonly expressionBody?: boolean }[];
  /** `async` and the blank after it, when removing it keeps the code valid (no `await`, no value returned). */
  readonly asyncKeyword?: TextSpan;
}

/** One handler: an exported JS function, a Python module-level function. */
export interface HandlerSite {
  /** The name Lambda calls: `handler`, `default`, another export name, `lambda_handler`. */
  readonly name: string;
  /** Range of the name (or of `export default`). */
  readonly nameStart: number;
  readonly nameEnd: number;
  /** Start of the statement that exports (JS) or defines (Python, decorators included) it: CodeLens and comment insertion. */
  readonly statementStart: number;
  /** Range of the function, when found in this file. */
  readonly fnStart: number;
  readonly fnEnd: number;
  /** Parameter names. */
  readonly eventParam?: string;
  readonly callbackParam?: string;
  readonly paramCount: number;
  readonly isAsync: boolean;
  /**
   * Taken for a handler by its event parameter alone (an export not named `handler`, untyped as a
   * handler): it may be a helper that changes the event and returns nothing, so the rules about what a
   * handler returns skip it unless the wiring, the bindings file or a comment names it.
   */
  readonly guessed?: boolean;
  readonly inference: TriggerInference;
  readonly facts: readonly HandlerFact[];
}

/** A `@cognito-trigger` comment that names no known trigger. */
export interface BadTriggerComment {
  readonly start: number;
  readonly end: number;
  readonly name: string;
}

/** Everything the features need about one document; no AST, so it is cheap to keep for many files. */
export interface DocumentAnalysis {
  /** The front end that produced it. */
  readonly language: HandlerLanguageId;
  readonly handlers: readonly HandlerSite[];
  readonly refs: readonly EventRef[];
  readonly aliases: readonly (Alias & { readonly handler: number })[];
  readonly regions: readonly NarrowedRegion[];
  readonly objects: readonly ObjectSite[];
  readonly switches: readonly SwitchSite[];
  readonly badComments: readonly BadTriggerComment[];
  /** Unguarded dereferences of parts of the event (absent from a front end that does not report them). */
  readonly derefs?: readonly UnguardedDeref[];
  /** The file mentions Cognito (a type name, a comment, triggerSource): worth reporting on. */
  readonly cognitoSignal: boolean;
  /** The text could not be parsed at all. */
  readonly unparsed: boolean;
  /** Syntax errors (message, offset), whether the parser recovered from them or not. */
  readonly syntaxErrors: readonly { readonly message: string; readonly offset: number }[];
  /** The text's length when it is over MAX_ANALYSED_HANDLER_CHARS and so was not analysed. */
  readonly tooLarge?: number;
  /** The code nests too deeply for the parser (thousands of nested blocks), so it was not analysed. */
  readonly tooDeep?: true;
}

/**
 * Above this many characters a handler document is not analysed (one note says so): analysis costs
 * seconds per MB (the issue measured a 5 MB bundle at 53 s), and the server is single-threaded, so one
 * bundle would hold up every other document's requests. Hand-written handlers are far smaller; files
 * this large are build output (bundles), whose source is where the handler is edited.
 */
export const MAX_ANALYSED_HANDLER_CHARS = 256 * 1024;

/**
 * Event paths are kept to their first MAX_EVENT_PATH keys. No Cognito event nests a tenth as deep, so
 * every key past the cap is past the first unknown one, which is what the checks report; completion
 * past it offers nothing either way. A 10,000-step chain (`event.request.a.a.a…`) would otherwise
 * carry 10,000 keys and ranges into every copy of the analysis (the worker thread's answer: ~0.3 s to
 * clone 85,000 of them on the server's event loop).
 */
export const MAX_EVENT_PATH = 64;

/** A trigger the workspace bindings file or the project's IaC wiring states for a handler of this file. */
export interface BindingHint {
  readonly handler: string;
  readonly trigger: string;
  /** Why, as the hover's "Why:" says it (`serverless.yml:42 binds functions.preSignUp to PreSignUp of UserPool`). */
  readonly why?: string;
  /** The IaC line that states it, for diagnostics that link there. */
  readonly at?: { readonly uri: string; readonly line: number };
}

/** What a front end analyses: the text and what the host knows about the file. */
export interface AnalyzeInput {
  readonly text: string;
  readonly languageId: string;
  /** File name or path, for the file-name signal and the dialect (TS/JSX) choice. */
  readonly fileName: string;
  /** Triggers the workspace bindings file states for this file's handlers. */
  readonly bindingHints?: readonly BindingHint[];
}

/** An analysis with nothing in it (unparsable text, or a language with no front end loaded). */
export function emptyAnalysis(language: HandlerLanguageId, unparsed: boolean, syntaxErrors: DocumentAnalysis['syntaxErrors'] = []): DocumentAnalysis {
  return { language, handlers: [], refs: [], aliases: [], regions: [], objects: [], switches: [], badComments: [], cognitoSignal: false, unparsed, syntaxErrors };
}
