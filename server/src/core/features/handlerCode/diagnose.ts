// Diagnostics for handler code: every event use checked against the model, plus handler-level facts.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { TRIGGERS } from '../../model';
import { SOURCES, type Source } from '../../model/sources';
import { candidatesAt, fieldsAt, typesOf } from '../../handler/context';
import { didYouMean as closest } from '../../events/json';
import { COGNITO_TIMEOUT_MS, MAX_ANALYSED_HANDLER_CHARS, type Candidate, type DocumentAnalysis, type EventRef, type HandlerFact, type HandlerSite, type UnguardedDeref } from '../../handler/description';
import { syntaxFor, type HandlerSyntax } from '../../handler/syntax';
import { checkPath } from './checkPaths';
import { checkValue, withV1ToV2Fix, writable } from './checkValues';
import { JS_ERRORS_DOCS, LAMBDA_NODE_HANDLER_DOCS, PYTHON_ERRORS_DOCS, TRIGGERS_OVERVIEW_DOCS } from './codes';
import { snakeCase } from '../../handler/python/paths';
import { pathText } from './docs';
import { toDiagnostic, type Fix, type Problem } from './problems';
import { nodeGeneration, runtimeLabel, type LambdaRuntime } from './runtime';
import { thousands } from '../../thousands';

/**
 * Diagnostics for the document. A file whose handlers all have an unknown trigger gets none: a plain
 * Lambda (API Gateway, S3 …) in the same workspace must stay clean.
 */
export function diagnose(doc: TextDocument, a: DocumentAnalysis, opts: DiagnoseOptions = {}): Diagnostic[] {
  return problems(doc.getText(), a, opts).map((p) => toDiagnostic(doc, p));
}

/** What to report besides the Cognito rules. */
export interface DiagnoseOptions {
  /**
   * Syntax errors, for the CLI: in the editor the JS/TS language service already shows them (and
   * every half-typed line would be red twice).
   */
  readonly syntaxErrors?: boolean;
  /** The Lambda runtime the project states for the file (IaC, setting or --runtime, engines): the callback rules depend on it. */
  readonly runtime?: LambdaRuntime;
  /**
   * The editor: where the latest edit ended in the text (the caret, as far as the server can tell).
   * A bare `return` or a computed value ending exactly there is still being typed (`return` on its way
   * to `return event`, `= len(email)` to `= len(email) > 0`): those two findings wait for the next edit.
   */
  readonly typingAt?: number;
}

/** `end` is where the caret is, or only spaces typed after it on the same line (`return ` before `event`). */
function endsAtCaret(end: number, text: string, caret: number | undefined): boolean {
  return caret !== undefined && caret >= end && blanksFrom(text, end) >= Math.min(caret, text.length);
}

/**
 * Where the spaces and tabs from `at` end. Why a loop, not a test of `text.slice(at)`: it runs for every
 * reference and finding, and a slice to the end of the text (or a search to the end of the line, which
 * is the whole file in a minified bundle) made diagnostics quadratic in the file's size.
 */
function blanksFrom(text: string, at: number): number {
  let i = at;
  while (text[i] === ' ' || text[i] === '\t') i++;
  return i;
}

/** Only spaces and tabs from `at` to the end of its line (or of the text). */
function blankToLineEnd(text: string, at: number): boolean {
  const i = blanksFrom(text, at);
  return i >= text.length || text[i] === '\n' || (text[i] === '\r' && text[i + 1] === '\n');
}

/** A literal value (a string, number, boolean or null): typed out in full, so judged at once even at the caret. */
const LITERAL = /^(?:"[^"]*"|'[^']*'|-?\d[\d_.]*|true|false|True|False|null|None)$/;

/** The findings, by offsets (exported for unit tests and the CLI). */
export function problems(text: string, a: DocumentAnalysis, opts: DiagnoseOptions = {}): Problem[] {
  const out: Problem[] = [];
  if (a.tooLarge !== undefined) {
    const kb = (n: number) => `${thousands(n / 1024)} KB`;
    return [{ key: 'tooLarge', severity: 'info', start: 0, end: Math.min(1, text.length), href: '', message: `This file is ${kb(a.tooLarge)}, over the ${kb(MAX_ANALYSED_HANDLER_CHARS)} Cognito Triggers analyses, so it is not checked (no completion, hover or diagnostics here). Files this large are usually build output: open the handler's source instead.` }];
  }
  if (a.tooDeep) {
    return [{ key: 'tooDeep', severity: 'info', start: 0, end: Math.min(1, text.length), href: '', message: 'This file nests blocks or expressions thousands of levels deep, deeper than the parser follows, so it is not checked (no completion, hover or diagnostics here). Hand-written handlers nest a few levels: if this is generated code, open its source instead.' }];
  }
  if (opts.syntaxErrors) {
    for (const e of a.syntaxErrors) {
      const start = Math.min(Math.max(e.offset, 0), text.length);
      out.push({ key: 'syntaxError', severity: 'error', start, end: Math.min(start + 1, text.length), href: a.language === 'python' ? PYTHON_ERRORS_DOCS : JS_ERRORS_DOCS, message: `Syntax error: ${e.message.replace(/\.$/, '')}.` });
    }
  }
  if (a.unparsed) return out;
  for (const c of a.badComments) {
    const s = closest(c.name, TRIGGERS.map((t) => t.id));
    out.push({
      key: 'unknownTriggerComment',
      severity: 'error',
      ...c,
      href: TRIGGERS_OVERVIEW_DOCS,
      message: `\`${c.name}\` is not a trigger id.${s ? ` Did you mean \`${s}\`?` : ''} Ids: ${TRIGGERS.map((t) => t.id).join(', ')}.`,
      ...(s ? { fixes: [{ title: `Change to ${s}`, edits: [{ ...c, newText: s }] }] } : {}),
    });
  }
  const syntax = syntaxFor(a.language);
  for (const ref of a.refs) {
    const h = a.handlers[ref.handler];
    // `event.request.` typed above the next line: its "key" is the next line's first word; say nothing yet.
    if (h?.inference.known && !halfTyped(ref, text)) checkRef(ref, h, a, text, syntax, out);
  }
  // Each handler's references, grouped once (a scan of every reference per handler was quadratic in the handlers).
  const refsOf = new Map<number, EventRef[]>();
  for (const ref of a.refs) {
    const list = refsOf.get(ref.handler);
    if (list) list.push(ref);
    else refsOf.set(ref.handler, [ref]);
  }
  for (const [i, h] of a.handlers.entries()) if (h.inference.known) autoVerifyUnchecked(h, refsOf.get(i) ?? [], a, text, out);
  for (const d of a.derefs ?? []) {
    const h = a.handlers[d.handler];
    if (h?.inference.known) readThroughNull(d, h, a, text, out);
  }
  // A tree the parser had to repair (a line being typed swallowed the next line's `return`: `console.log(event.⏎
  // return event;`, `const⏎ return event;`) says nothing sure about where the function can finish: the
  // "can finish without returning" finding waits until the code parses (the syntax error is what to show).
  const repaired = a.syntaxErrors.length > 0;
  // And in code that ends its statements with `;`, a `return` without one at the end of its line is being
  // typed (`if (x) return` on its way to `return event;`), not a bare `return;` yet. Code written without
  // semicolons still gets the finding there (its `return⏎ event` is the ASI trap).
  // Worked out only for such a `return`, and only up to the second `;` line: a regex over the whole text at
  // every edit was a quarter of the diagnostics' main-thread CPU in a 3,000-line file.
  let semicolonStyle: boolean | undefined;
  const usesSemicolons = (): boolean => (semicolonStyle ??= atLeastTwoSemicolonLines(text));
  const typingReturn = (f: HandlerFact): boolean => text.slice(f.start, f.end) === 'return' && blankToLineEnd(text, f.end) && usesSemicolons();
  const atCaret = (f: HandlerFact): boolean => endsAtCaret(f.end, text, opts.typingAt) && text.slice(f.start, f.end) === 'return';
  const shown = (f: HandlerFact): boolean => !(f.kind === 'noReturn' && (f.insertAt !== undefined ? repaired : typingReturn(f) || atCaret(f)));
  for (const h of a.handlers) if (h.inference.known) for (const f of h.facts) if (shown(f)) factProblem(h, f, text, syntax, out, opts.runtime);
  if (opts.typingAt === undefined) return out;
  return out.filter((p) => !(p.key === 'wrongType' && endsAtCaret(p.end, text, opts.typingAt) && !LITERAL.test(text.slice(p.start, p.end))));
}

/** Whether at least two lines of `text` end with `;` (trailing blanks allowed). */
function atLeastTwoSemicolonLines(text: string): boolean {
  const re = /;[ \t]*$/gm;
  return re.test(text) && re.test(text);
}

function checkRef(ref: EventRef, h: HandlerSite, a: DocumentAnalysis, text: string, syntax: HandlerSyntax, out: Problem[]): void {
  const { candidates, narrowedBy, unreachable } = candidatesAt(a, ref.start);
  // Inside a branch taken only for triggerSource values this handler's triggers never send (a typo such as
  // 'CreateAuthChallenge', or another trigger's source): nothing there runs for them, so its fields are not
  // judged against them. The comparison itself gets the "always false" warning that names the real defect.
  if (unreachable) return;
  const range = (i: number): { start: number; end: number } => ref.keyRanges[i] ?? { start: ref.start, end: ref.end };
  const r = checkPath(ref.path, candidates, range, ref.kind === 'write', lastKeyEndsLine(ref, text));
  if (r.problem) {
    const p = withV1ToV2Fix(r.problem, ref.path[ref.path.length - 1], ref.kind === 'write' ? ref.value : undefined, text, syntax);
    out.push(ref.keyStyle === 'snake_case' ? asProperties(p) : p);
    return;
  }
  if (!r.matches.length) return;
  if (ref.kind === 'write') {
    if (!writable(ref.path, candidates)) {
      const sync = candidates.every((c) => c.trigger.binding.kind === 'identityPool');
      out.push({
        key: 'readOnly',
        severity: 'error',
        start: ref.start,
        end: ref.end,
        href: r.matches[0]?.trigger.docs ?? TRIGGERS_OVERVIEW_DOCS,
        message: sync
          ? `\`event.${pathText(ref.path)}\` is read-only: the Sync trigger may change only \`datasetRecords\` (newValue, op); changing anything else makes the dataset update fail.`
          : `\`event.${pathText(ref.path)}\` is read-only: Cognito ignores changes to the ${ref.path[0] === 'request' ? 'request' : 'event envelope'}. Set fields of \`event.response\` instead.`,
      });
      return;
    }
    // A helper taken for a handler by its event parameter alone gets the event from its caller, which may
    // have set the object already (aws-samples/amazon-cognito-passwordless-auth: createAuthChallenge sets
    // privateChallengeParameters, then calls fido2.addChallengeToEvent, which adds a key to it).
    const throughNull = h.guessed && !h.inference.named ? undefined : nullParent(ref, a, candidates);
    if (throughNull) out.push(throughNull);
    const key = ref.keyRanges[ref.keyRanges.length - 1];
    if (ref.value) checkValue(ref.path, ref.value, r.matches, { candidates, ...(narrowedBy ? { narrowedBy } : {}), eventName: h.eventParam ?? 'event', text, syntax }, out, key ? { keyStart: key.start, keyEnd: key.end, removable: false } : undefined);
    return;
  }
  if (ref.kind === 'compare' && typeof ref.value?.literal === 'string') {
    // A comparison with a value the field can never hold is always false (a typo in a triggerSource…).
    const handlerWide = ref.path[0] === 'triggerSource' ? fieldsAt(h.inference.candidates, ref.path) : r.matches;
    const enums = handlerWide.map((m) => m.field.enum ?? []);
    if (enums.length && enums.every((e) => e.length)) {
      const values = [...new Set(enums.flat().map((v) => v.value))];
      const lit = ref.value.literal;
      if (!values.includes(lit)) {
        const s = closest(lit, values);
        const v = ref.value;
        out.push({
          key: 'invalidValue',
          severity: 'warning',
          start: v.start,
          end: v.end,
          href: handlerWide[0]?.field.docs ?? handlerWide[0]?.trigger.docs ?? TRIGGERS_OVERVIEW_DOCS,
          message: `\`${pathText(ref.path)}\` is never '${lit}' for ${h.inference.candidates.map((c) => c.trigger.id).join(', ')}, so this comparison is always ${text.slice(ref.end, v.start).includes('!') ? 'true' : 'false'}.${s ? ` Did you mean '${s}'?` : ''}`,
          ...(s ? { fixes: [{ title: `Change to '${s}'`, edits: [{ start: v.start + 1, end: v.end - 1, newText: s }] }] } : {}),
        });
      }
    }
  }
}

/**
 * `event.response.publicChallengeParameters.question = …` when Cognito sends
 * `publicChallengeParameters: null` (the model's example is null) and the handler has not assigned
 * it before: the write throws "Cannot set properties of null" and the sign-in fails.
 */
function nullParent(ref: EventRef, a: DocumentAnalysis, candidates: readonly Candidate[]): Problem | undefined {
  for (let i = 1; i < ref.path.length; i++) {
    const prefix = ref.path.slice(0, i);
    const sentNull = fieldsAt(candidates, prefix).find((m) => typesOf(m.field).includes('null') && m.field.example === null);
    if (!sentNull) continue;
    const assigned = a.refs.some((o) => o.handler === ref.handler && o.kind === 'write' && o.start < ref.start && o.path.length <= i && o.path.every((k, j) => k === prefix[j]));
    if (assigned) continue;
    return {
      key: 'nullParent',
      severity: 'warning',
      start: ref.start,
      end: ref.end,
      href: sentNull.field.docs ?? sentNull.trigger.docs,
      message: `Cognito sends \`event.${pathText(prefix)}\` as null, so this write throws "Cannot set properties of null" unless it was assigned first: set \`event.${pathText(prefix)} = { … }\` before.`,
    };
  }
  return undefined;
}

/**
 * A read through a request field the model says Cognito sends as null, with a source
 * (`nullSource`): `event.request.clientMetadata.foo` or `'x' in event.request.validationData`
 * (Python: `event["request"]["clientMetadata"]["foo"]`) when the call passed none throws TypeError, and the trigger fails.
 */
function readThroughNull(d: UnguardedDeref, h: HandlerSite, a: DocumentAnalysis, text: string, out: Problem[]): void {
  const { candidates, unreachable } = candidatesAt(a, d.start);
  if (unreachable) return; // a branch this handler's triggers never take (see checkRef)
  const nullable = fieldsAt(candidates, d.path).find((m) => m.field.nullSource && typesOf(m.field).includes('null'));
  if (!nullable?.field.nullSource) return;
  const src: Source = SOURCES[nullable.field.nullSource];
  const guard = syntaxFor(a.language).nullGuard;
  const ev = h.eventParam ?? 'event';
  const what = a.language === 'python' ? `\`${ev}${d.path.map((k) => `[${JSON.stringify(k)}]`).join('')}\`` : `\`${ev}.${pathText(d.path)}\``;
  // `x.foo` → `x?.foo`, `x[k]` → `x?.[k]` (JavaScript); the other uses, and Python, get `(x ?? {})` / `(x or {})`.
  const at = d.accessAt;
  const chain = d.how === 'member' && at !== undefined && text[at] === (d.computed ? '[' : '.');
  const fix: Fix = chain
    ? { title: 'Use optional chaining (?.)', edits: [{ start: at, end: d.computed ? at : at + 1, newText: '?.' }] }
    : { title: `Default it to {} (${guard.orEmpty.trim()})`, edits: [{ start: d.valueStart, end: d.valueStart, newText: '(' }, { start: d.valueEnd, end: d.valueEnd, newText: `${guard.orEmpty})` }] };
  out.push({
    key: 'nullRead',
    severity: 'warning',
    start: d.start,
    end: d.end,
    href: src.url ?? nullable.field.docs ?? nullable.trigger.docs,
    message: `${what} can be null: Cognito sends null when the call passed none (${src.kind === 'observed' ? 'observed in captured events' : 'the developer guide\'s sample event'}), and ${guard.words[d.how]} then ${guard.error}, which fails the request. Guard it: ${guard.hint}.`,
    fixes: [fix],
  });
}

/** "Add 'return event;'" (after the body) or "Return event" (instead of a bare return). */
function returnFix(text: string, f: HandlerFact, ev: string, syntax: HandlerSyntax): Fix {
  const edit = syntax.returnEventEdit(text, f, ev);
  return { title: f.insertAt !== undefined ? `Add '${edit.newText.trim()}'` : `Return ${ev}`, edits: [edit] };
}

/** A key fix on a Powertools property chain writes the property (`user_attributes`), not the key. */
function asProperties(p: Problem): Problem {
  if (!p.fixes) return p;
  return { ...p, fixes: p.fixes.map((f) => ({ title: f.title.replace(/'([A-Za-z0-9]+)'/, (_, k: string) => `'${snakeCase(k)}'`), edits: f.edits.map((e) => ({ ...e, newText: /^[A-Za-z][A-Za-z0-9]*$/.test(e.newText) ? snakeCase(e.newText) : e.newText })) })) };
}

/**
 * A reference with a key that follows its dot on a later line: half-typed code (`event.request.⏎ return event;`
 * reads `event.request.return`; `event.response.⏎ event.response.x = 1` reads `event.response.event.response.x`).
 */
function halfTyped(ref: EventRef, text: string): boolean {
  for (let i = 1; i < ref.keyRanges.length; i++) {
    const key = ref.keyRanges[i];
    const prevEnd = ref.keyRanges[i - 1]?.end ?? ref.start;
    if (key && /\.\s*\n/.test(text.slice(prevEnd, key.start))) return true;
  }
  return false;
}

/** The reference's last key ends its line (nothing but spaces before the newline): the user may still be typing it. */
function lastKeyEndsLine(ref: EventRef, text: string): boolean {
  const key = ref.keyRanges[ref.keyRanges.length - 1];
  return !!key && blankToLineEnd(text, key.end);
}

/**
 * Pre sign-up: `autoVerifyEmail`/`autoVerifyPhone = true` in a handler that never looks at the attribute
 * ("If autoVerifyPhone is set to true, the phone_number attribute must have a valid, non-null value.
 * Otherwise an error will occur"). A handler that mentions the attribute anywhere is trusted to check it.
 */
function autoVerifyUnchecked(h: HandlerSite, refs: readonly EventRef[], a: DocumentAnalysis, text: string, out: Problem[]): void {
  if (!h.inference.candidates.some((c) => c.trigger.id === 'PreSignUp')) return;
  // Whether the body mentions each attribute, searched once per handler (not once per write of the flag).
  const mentioned = new Map<string, boolean>();
  const mentions = (attr: string): boolean => {
    let m = mentioned.get(attr);
    if (m === undefined) mentioned.set(attr, (m = new RegExp(`\\b${attr}\\b`).test(text.slice(h.fnStart, h.fnEnd))));
    return m;
  };
  for (const ref of refs) {
    if (ref.kind !== 'write' || ref.path.length !== 2 || ref.path[0] !== 'response' || ref.value?.literal !== true) continue;
    const attr = ref.path[1] === 'autoVerifyEmail' ? 'email' : ref.path[1] === 'autoVerifyPhone' ? 'phone_number' : undefined;
    if (!attr || mentions(attr)) continue;
    // Where only PreSignUp_AdminCreateUser reaches, Cognito ignores the flag anyway.
    const region = a.regions.filter((r) => r.start <= ref.start && ref.end <= r.end).pop();
    if (region && region.sources.every((x) => x === 'PreSignUp_AdminCreateUser')) continue;
    out.push({
      key: 'autoVerifyUnchecked',
      severity: 'warning',
      start: ref.start,
      end: ref.value.end,
      href: SOURCES.preSignUpFlags.url,
      message: `\`${ref.path[1]}\` is set to true without checking that the user has ${attr === 'email' ? 'an email' : 'a phone_number'} attribute: when it is missing, Cognito fails the sign-up ("the ${attr} attribute must have a valid, non-null value"). Set it only when \`event.request.userAttributes.${attr}\` is present.`,
    });
  }
}

function factProblem(h: HandlerSite, f: HandlerFact, text: string, syntax: HandlerSyntax, out: Problem[], runtime: LambdaRuntime | undefined): void {
  const triggers = h.inference.candidates.map((c) => c.trigger);
  const ev = h.eventParam ?? 'event';
  // An export found only by its `event` parameter may be a helper (`addChallengeToEvent(event)` in
  // aws-samples/amazon-cognito-passwordless-auth): what it returns is only checked once something names it a handler.
  if (h.guessed && !h.inference.named && (f.kind === 'noReturn' || f.kind === 'returnsNonEvent')) return;
  switch (f.kind) {
    case 'noReturn': {
      if (triggers.every((t) => t.noResponse)) return;
      const callback = h.paramCount >= 3 && !h.isAsync;
      out.push({
        key: 'noReturn',
        severity: 'error',
        start: f.start,
        end: f.end,
        href: callback ? SOURCES.callbackNeverCalled.url : SOURCES.unrecognizableOutput.url,
        message: callback
          ? `\`${h.name}\` can finish without calling \`${h.callbackParam ?? 'callback'}\` (some paths call it, this one does not): once nothing else is pending, Lambda answers null (runtime source), and Cognito fails the request with InvalidLambdaResponseException "Unrecognizable lambda output" (observed); with work still pending it times out instead.`
          : f.insertAt !== undefined
            ? `\`${h.name}\` can finish without returning the event: Cognito then receives null and fails the request; the app gets InvalidLambdaResponseException "Unrecognizable lambda output" (observed).`
            : `A bare \`return;\` sends null to Cognito, which fails the request with InvalidLambdaResponseException "Unrecognizable lambda output" (observed): return \`${ev}\`.`,
        fixes: callback ? [] : [returnFix(text, f, ev, syntax)],
      });
      return;
    }
    case 'returnsNonEvent':
      if (triggers.every((t) => t.noResponse)) return;
      out.push({ key: 'returnsNonEvent', severity: 'error', start: f.start, end: f.end, href: SOURCES.unrecognizableOutput.url, message: `\`${h.name}\` returns ${f.detail ?? 'a value'}, not the event: Cognito expects the event back (with its response) and fails the request (observed: "Unrecognizable lambda output", InvalidLambdaResponseException). Return \`${ev}\`; to refuse, raise an exception.`, fixes: [returnFix(text, { kind: 'noReturn', start: f.start, end: f.end }, ev, syntax)] });
      return;
    case 'asyncHandler':
      out.push({ key: 'asyncPythonHandler', severity: 'error', start: f.start, end: f.end, href: SOURCES.lambdaPythonHandler.url, message: `\`${h.name}\` is \`async def\`, so it is not a Lambda handler: the Python runtime calls \`def handler(event, context)\` synchronously and gets a coroutine back, which it cannot return to Cognito. Make it \`def\` and run async work with \`asyncio.run(...)\` inside.` });
      return;
    case 'asyncWithCallback':
      out.push({ key: 'asyncWithCallback', ...asyncWithCallback(h, runtime, f.callbackRewrite !== undefined && f.callbackRewrite.asyncKeyword !== undefined), start: f.start, end: f.end, fixes: callbackFixes(f, text, runtime) });
      return;
    case 'callbackStyle':
    case 'legacyContext':
      // The same code for both: the same legacy way to finish, with the same fate on each runtime.
      out.push({ key: 'callbackStyle', ...callbackStyle(h, f, runtime), start: f.start, end: f.end });
      return;
    case 'floatingPromise': {
      const cb = f.callback;
      if (!cb) {
        out.push({ key: 'floatingPromise', severity: 'warning', start: f.start, end: f.end, href: LAMBDA_NODE_HANDLER_DOCS, message: `\`${f.detail ?? 'this call'}\` is not awaited: when the handler returns, Lambda freezes the environment and this work may never finish (or run during a later invocation). Add \`await\`.`, fixes: [{ title: 'Add await', edits: [{ start: f.start, end: f.start, newText: 'await ' }] }] });
        return;
      }
      // SDK v2 callback style: `await` would wait for nothing. Drop the callback and await `.promise()`
      // (offered only when the callback is empty: its code would be lost).
      const fixes = cb.empty ? [{ title: 'Use .promise() and await', edits: [{ start: f.start, end: f.start, newText: 'await ' }, { start: cb.removeFrom, end: f.end, newText: ').promise()' }] }] : [];
      out.push({ key: 'floatingPromise', severity: 'warning', start: f.start, end: f.end, href: LAMBDA_NODE_HANDLER_DOCS, message: `\`${f.detail ?? 'this call'}\` is an AWS SDK v2 call with a callback, not awaited: when the handler returns, Lambda freezes the environment and the callback may never run. Call it without the callback and \`await\` its \`.promise()\`${cb.empty ? '' : ' (move the callback\'s code after it)'}.`, fixes });
      return;
    }
    case 'returnsError': {
      // Python: json.dumps cannot serialise the exception, so the invocation fails, though not with your message.
      const message =
        syntax.raiseKeyword === 'raise'
          ? `Returns the exception instead of raising it: the Python runtime cannot serialise it as the answer, so the invocation fails with Runtime.MarshalError ("Unable to marshal response: Object of type … is not JSON serializable", observed) and the app gets that instead of your message. Use \`raise\`.`
          : `Returns the Error instead of throwing it: the invocation succeeds with the error object as its answer, which is not the event, so Cognito fails the request without your message ("Unrecognizable lambda output", observed). Use \`throw\`.`;
      const canFix = f.start < f.end && text.slice(f.start, f.start + 6) === 'return';
      const href = syntax.raiseKeyword === 'raise' ? SOURCES.pythonMarshalError.url : SOURCES.returnValueIsAnswer.url;
      out.push({ key: 'returnsError', severity: 'error', start: f.start, end: f.end, href, message, fixes: canFix ? [{ title: syntax.raiseKeyword === 'raise' ? 'Raise it' : 'Throw it', edits: [{ start: f.start, end: f.start + 'return'.length, newText: syntax.raiseKeyword }] }] : [] });
      return;
    }
    case 'returnsModel': {
      // The runtime answers with json.dumps(result): a Pydantic model is no JSON type, so the invocation fails.
      const name = f.detail ?? ev;
      out.push({
        key: 'returnsModel',
        severity: 'error',
        start: f.start,
        end: f.end,
        href: SOURCES.pythonMarshalError.url,
        message: `Returns \`${name}\`, the Powertools parser (Pydantic) model, instead of a dict: the Python runtime serialises the answer with json.dumps, which cannot serialise a model, so the invocation fails with Runtime.MarshalError ("Unable to marshal response: Object of type … is not JSON serializable", observed) and Cognito fails the request. Return \`${name}.model_dump(mode="json", by_alias=True)\` (it holds only the fields the model declares).`,
        fixes: [{ title: `Return ${name}.model_dump(…)`, edits: [{ start: f.end, end: f.end, newText: '.model_dump(mode="json", by_alias=True)' }] }],
      });
      return;
    }
    case 'noTimeout': {
      if (!triggers.some((t) => t.synchronous)) return;
      const urlopen = /urlopen$/.test(f.detail ?? '');
      out.push({
        key: 'noTimeout',
        severity: 'warning',
        start: f.start,
        end: f.end,
        href: urlopen ? SOURCES.urlopenTimeout.url : SOURCES.requestsTimeout.url,
        message: `\`${f.detail ?? 'the call'}(…)\` has no timeout: ${urlopen ? 'urlopen then uses the global default socket timeout, which is none unless set' : 'requests then waits for the server without limit ("Failure to do so can cause your program to hang indefinitely", requests docs)'}, and Cognito waits only ${COGNITO_TIMEOUT_MS / 1000} seconds for the trigger before it retries and fails the request. Pass \`timeout=\` of a few seconds.`,
      });
      return;
    }
    case 'longWait':
      if (!triggers.some((t) => t.synchronous)) return;
      out.push({ key: 'longWait', severity: 'error', start: f.start, end: f.end, href: TRIGGERS_OVERVIEW_DOCS, message: `Waits ${f.detail} ms, more than the ${COGNITO_TIMEOUT_MS / 1000} seconds Cognito waits for a trigger: the request times out and Cognito may retry it.` });
      return;
  }
}

/**
 * The fixes the async-with-callback message names: "Remove the callback parameter and return the event"
 * (every runtime: Node.js 24 accepts only the promise), and, on a runtime that still runs callback
 * handlers (Node.js 22 and older), "Make it non-async" to keep the callback. Each only where the
 * description says the rewrite keeps what the function answers.
 */
function callbackFixes(f: HandlerFact, text: string, runtime: LambdaRuntime | undefined): Fix[] {
  const r = f.callbackRewrite;
  if (!r) return [];
  const out: Fix[] = [];
  if (r.calls) {
    const src = (s: { start: number; end: number }): string => text.slice(s.start, s.end);
    const calls = r.calls.map((c) => {
      if (c.expressionBody) return { ...c.at, newText: c.error ? `{ throw ${src(c.error)}; }` : c.answer ? src(c.answer) : 'undefined' };
      return { ...c.at, newText: c.error ? `throw ${src(c.error)};` : c.answer ? `return ${src(c.answer)};` : 'return;' };
    });
    out.push({ title: 'Remove the callback parameter and return the event', edits: [{ ...r.param, newText: '' }, ...calls] });
  }
  if (r.asyncKeyword && nodeGeneration(runtime) === 'callbacks') out.push({ title: 'Make it non-async (keep the callback: Node.js 22 and older only)', edits: [{ ...r.asyncKeyword, newText: '' }] });
  return out;
}

type RuntimeMessage = Pick<Problem, 'severity' | 'href' | 'message'>;
const HOW_TO_STATE = 'state it in the IaC (Runtime), the cognitoTriggers.runtime setting or `check --runtime`';

/**
 * An async handler that also takes a callback. Node.js 22 and older: the runtime wraps callback and
 * promise so the first answer wins (runtime interface client, CallbackContext.js + Runtime.js); Node.js
 * 24: promise handlers only. Unknown runtime: both behaviours, a warning.
 */
function asyncWithCallback(h: HandlerSite, rt: LambdaRuntime | undefined, canBeSync: boolean): RuntimeMessage {
  const name = `\`${h.name}\` is async and also takes a callback`;
  const fix = 'Remove the callback parameter and return the event.';
  switch (nodeGeneration(rt)) {
    case 'promiseOnly':
      return { severity: 'error', href: SOURCES.node24NoCallback.url, message: `${name}: on ${runtimeLabel(rt as LambdaRuntime)} Lambda supports only promise-based handlers, so only the returned promise answers Cognito; a callback call does not. ${fix}` };
    case 'callbacks':
      return { severity: 'warning', href: SOURCES.runtimeFirstAnswerWins.url, message: `${name}: on ${runtimeLabel(rt as LambdaRuntime)} the first of the callback and the returned promise answers Cognito and the other is ignored, so code after \`callback(...)\` or a promise that resolves first decides the answer; Node.js 24 accepts only the promise. ${fix}${canBeSync ? ' Or, to keep the callback until you move to Node.js 24, make it non-async.' : ''}` };
    case 'unknown':
      return { severity: 'warning', href: SOURCES.runtimeFirstAnswerWins.url, message: `${name}. Which answer counts depends on the Lambda runtime, which the project does not state (${HOW_TO_STATE}): on Node.js 22 and older the first of the callback and the returned promise wins; on Node.js 24 only the promise counts. ${fix}` };
  }
}

/** A callback-style handler (or `context.succeed/done/fail`): removed on Node.js 24, deprecated before. */
function callbackStyle(h: HandlerSite, f: HandlerFact, rt: LambdaRuntime | undefined): RuntimeMessage {
  const what = f.kind === 'legacyContext' ? `\`${h.name}\` finishes with the legacy \`${f.detail ?? 'context'}.succeed/done/fail\` methods` : `\`${h.name}\` is a callback-style handler`;
  const fix = f.kind === 'legacyContext' ? 'make it `async` and return the event (throw to fail)' : 'make it `async` and return the event';
  switch (nodeGeneration(rt)) {
    case 'promiseOnly':
      return { severity: 'error', href: SOURCES.node24NoCallback.url, message: `${what}: ${runtimeLabel(rt as LambdaRuntime)} no longer supports callback-based handlers or the context methods (AWS Compute Blog, "Node.js 24 runtime now available in AWS Lambda"), so the function fails. ${fix[0]?.toUpperCase()}${fix.slice(1)}.` };
    case 'callbacks':
      return { severity: 'warning', href: SOURCES.node22CallbackWarning.url, message: `${what}. It runs on ${runtimeLabel(rt as LambdaRuntime)}, which logs "AWS Lambda plans to remove support for callback-based function handlers starting with Node.js 24"; the Node.js 24 runtime no longer supports it. To be ready, ${fix}.` };
    case 'unknown':
      return { severity: 'warning', href: SOURCES.node24NoCallback.url, message: `${what}. Node.js 22 and older run it; the Node.js 24 Lambda runtime no longer supports it and the function fails there. The project does not state its runtime (${HOW_TO_STATE}). ${fix[0]?.toUpperCase()}${fix.slice(1)}.` };
  }
}
