// Diagnostics for handler code: every event use checked against the model, plus handler-level facts.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { TRIGGERS } from '../../model';
import { SOURCES } from '../../model/sources';
import { candidatesAt, fieldsAt, typesOf } from '../../handler/context';
import { didYouMean as closest } from '../../events/json';
import { COGNITO_TIMEOUT_MS, type Candidate, type DocumentAnalysis, type EventRef, type HandlerFact, type HandlerSite } from '../../handler/description';
import { syntaxFor, type HandlerSyntax } from '../../handler/syntax';
import { checkPath } from './checkPaths';
import { checkValue, withV1ToV2Fix, writable } from './checkValues';
import { JS_ERRORS_DOCS, LAMBDA_NODE_HANDLER_DOCS, NODE24_BLOG, TRIGGERS_OVERVIEW_DOCS } from './codes';
import { pathText } from './docs';
import { toDiagnostic, type Problem } from './problems';

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
}

/** The findings, by offsets (exported for unit tests and the CLI). */
export function problems(text: string, a: DocumentAnalysis, opts: DiagnoseOptions = {}): Problem[] {
  const out: Problem[] = [];
  if (opts.syntaxErrors) {
    for (const e of a.syntaxErrors) {
      const start = Math.min(Math.max(e.offset, 0), text.length);
      out.push({ key: 'syntaxError', severity: 'error', start, end: Math.min(start + 1, text.length), href: JS_ERRORS_DOCS, message: `Syntax error: ${e.message.replace(/\.$/, '')}.` });
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
    if (h?.inference.known) checkRef(ref, h, a, text, syntax, out);
  }
  for (const h of a.handlers) if (h.inference.known) for (const f of h.facts) factProblem(h, f, text, syntax, out);
  return out;
}

function checkRef(ref: EventRef, h: HandlerSite, a: DocumentAnalysis, text: string, syntax: HandlerSyntax, out: Problem[]): void {
  const { candidates, narrowedBy } = candidatesAt(a, ref.start);
  const range = (i: number): { start: number; end: number } => ref.keyRanges[i] ?? { start: ref.start, end: ref.end };
  const r = checkPath(ref.path, candidates, range, ref.kind === 'write');
  if (r.problem) {
    out.push(withV1ToV2Fix(r.problem, ref.path[ref.path.length - 1], ref.kind === 'write' ? ref.value : undefined, text, syntax));
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
    const throughNull = nullParent(ref, a, candidates);
    if (throughNull) out.push(throughNull);
    if (ref.value) checkValue(ref.path, ref.value, r.matches, { candidates, ...(narrowedBy ? { narrowedBy } : {}), eventName: h.eventParam ?? 'event', text, syntax }, out);
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

function factProblem(h: HandlerSite, f: HandlerFact, text: string, syntax: HandlerSyntax, out: Problem[]): void {
  const triggers = h.inference.candidates.map((c) => c.trigger);
  const ev = h.eventParam ?? 'event';
  switch (f.kind) {
    case 'noReturn': {
      if (triggers.every((t) => t.noResponse)) return;
      const callback = h.paramCount >= 3 && !h.isAsync;
      out.push({
        key: 'noReturn',
        severity: 'error',
        start: f.start,
        end: f.end,
        href: callback ? SOURCES.triggerTimeout.url : SOURCES.unrecognizableOutput.url,
        message: callback
          ? `\`${h.name}\` can finish without calling \`${h.callbackParam ?? 'callback'}\`: Cognito waits until its 5-second limit, then fails the request.`
          : f.insertAt !== undefined
            ? `\`${h.name}\` can finish without returning the event: Cognito then receives null and fails the request; the app gets InvalidLambdaResponseException "Unrecognizable lambda output" (observed).`
            : `A bare \`return;\` sends null to Cognito, which fails the request with InvalidLambdaResponseException "Unrecognizable lambda output" (observed): return \`${ev}\`.`,
        fixes: callback ? [] : [{ title: f.insertAt !== undefined ? `Add 'return ${ev};'` : `Return ${ev}`, edits: [syntax.returnEventEdit(text, f, ev)] }],
      });
      return;
    }
    case 'asyncWithCallback':
      out.push({ key: 'asyncWithCallback', severity: 'error', start: f.start, end: f.end, href: LAMBDA_NODE_HANDLER_DOCS, message: `\`${h.name}\` is async and also takes a callback: Lambda uses the returned promise and ignores the callback, and the Node.js 24 runtime refuses handlers with a callback parameter. Drop the third parameter and return the event.` });
      return;
    case 'callbackStyle':
      out.push({ key: 'callbackStyle', severity: 'warning', start: f.start, end: f.end, href: NODE24_BLOG, message: `\`${h.name}\` is a callback-style handler. The Node.js 24 Lambda runtime removed callback-based handlers (AWS Compute Blog, "Node.js 24 runtime now available in AWS Lambda"); make it \`async\` and return the event.` });
      return;
    case 'legacyContext':
      // Same code as the callback style: it is the same legacy way to finish, with the same fate.
      out.push({ key: 'callbackStyle', severity: 'warning', start: f.start, end: f.end, href: NODE24_BLOG, message: `\`${h.name}\` finishes with the legacy \`${f.detail ?? 'context'}.succeed/done/fail\` methods, which the Node.js 24 Lambda runtime removed (AWS Compute Blog, "Node.js 24 runtime now available in AWS Lambda"); make it \`async\` and return the event (throw to fail).` });
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
    case 'longWait':
      if (!triggers.some((t) => t.synchronous)) return;
      out.push({ key: 'longWait', severity: 'error', start: f.start, end: f.end, href: TRIGGERS_OVERVIEW_DOCS, message: `Waits ${f.detail} ms, more than the ${COGNITO_TIMEOUT_MS / 1000} seconds Cognito waits for a trigger: the request times out and Cognito may retry it.` });
      return;
  }
}
