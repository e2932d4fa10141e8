// Checks values written to (or compared with) the event: types, enums, lengths, placeholders, claims.
import { claimRuleFor } from '../../model';
import type { FieldDefinition } from '../../model/types';
import { fieldsAt, typesOf, type FieldMatch } from '../../handler/context';
import { didYouMean as closest } from '../../events/json';
import type { Candidate, KnownValue, PathKey } from '../../handler/description';
import type { HandlerSyntax } from '../../handler/syntax';
import { checkPath } from './checkPaths';
import { pathText } from './docs';
import { removeEntry } from '../../textEdits';
import type { Problem } from './problems';

/** Where a value sits in its parent object literal: the key's range (what a squiggle about the entry covers). */
export interface EntryAt {
  readonly keyStart: number;
  readonly keyEnd: number;
  /** True for an entry of an object (or array) literal, which a fix can remove; false for an assignment statement. */
  readonly removable: boolean;
}

/** Where the write happens: candidates, the branch's sources, and the event parameter's name. */
export interface WriteContext {
  readonly candidates: readonly Candidate[];
  readonly narrowedBy?: readonly string[];
  readonly eventName: string;
  readonly text: string;
  /** How fixes are written in the handler's language. */
  readonly syntax: HandlerSyntax;
}

const href = (m: FieldMatch | undefined): string => m?.field.docs ?? m?.trigger.docs ?? '';

function compatible(valueType: string, f: FieldDefinition): boolean {
  const types = typesOf(f);
  return types.includes(valueType as never) || (valueType === 'number' && types.includes('integer'));
}

/** Is a write to `path` allowed: the path or one of its ancestors is writable (or it is `response` itself)? */
export function writable(path: readonly PathKey[], candidates: readonly Candidate[]): boolean {
  if (path.length === 1 && path[0] === 'response') return true;
  for (let i = 1; i <= path.length; i++) if (fieldsAt(candidates, path.slice(0, i)).some((m) => m.field.writable)) return true;
  return false;
}

/** Checks a value against the fields at `path` (all candidate matches), recursing into object literals. */
export function checkValue(path: readonly PathKey[], value: KnownValue, matches: readonly FieldMatch[], w: WriteContext, out: Problem[], entry?: EntryAt): void {
  const m = matches[0];
  if (!m) return;
  checkClaims(path, value, matches, w.text, out, entry);
  if (value.type && value.type !== 'null' && !matches.some((x) => compatible(value.type as string, x.field))) {
    const want = [...new Set(matches.flatMap((x) => typesOf(x.field)))].join(' | ');
    const word = value.type === 'string' && typeof value.literal === 'string' ? w.syntax.booleanWord(value.literal) : undefined;
    const boolString = word !== undefined && want.includes('boolean');
    const bool = w.syntax.booleanLiteral(word === true);
    out.push({
      key: 'wrongType',
      severity: 'error',
      start: value.start,
      end: value.end,
      href: href(m),
      message: `\`event.${pathText(path)}\` takes ${want}, not ${value.type}.${boolString ? ` Use the boolean ${bool} without quotes: Cognito rejects the string.` : ''}`,
      ...(boolString ? { fixes: [{ title: `Use ${bool}`, edits: [{ start: value.start, end: value.end, newText: bool }] }] } : {}),
    });
    return;
  }
  if (typeof value.literal === 'string') checkString(path, value.literal, value, matches, out);
  if (value.elements) {
    for (const e of value.elements) {
      const at = { start: e.start, end: e.end };
      const items = matches.map((x) => x.field.items).filter((f): f is FieldDefinition => !!f);
      if (items.length) checkString([...path, e.index], e.value, at, items.map((f) => ({ ...m, field: f })), out);
      if (matches.some((x) => x.field.constraints?.noWhitespace) && /\s/.test(e.value)) {
        out.push({ key: 'whitespace', severity: 'error', ...at, href: href(m), message: `Scope \`${e.value}\` contains white space; Cognito rejects scopes with spaces in \`${pathText(path)}\`.` });
      }
    }
  }
  if (value.type === 'string' && (value.literal !== undefined || value.template)) checkPlaceholders(path, value, matches, w, out);
  for (const p of value.properties ?? []) {
    const sub = [...path, p.key];
    const r = checkPath(sub, w.candidates, (i) => (i === sub.length - 1 ? { start: p.start, end: p.end } : { start: value.start, end: value.start + 1 }), true);
    if (r.problem) out.push(withV1ToV2Fix(r.problem, p.key, p.value, w.text, w.syntax));
    else if (r.matches.length) checkValue(sub, p.value, r.matches, w, out, { keyStart: p.start, keyEnd: p.end, removable: true });
  }
}

/**
 * For `claimsOverrideDetails` (V1) written in a V2/V3 handler with an object literal: a fix that
 * converts it to `claimsAndScopeOverrideDetails` with the claims under `idTokenGeneration`.
 */
export function withV1ToV2Fix(problem: Problem, key: PathKey | undefined, value: KnownValue | undefined, text: string, syntax: HandlerSyntax): Problem {
  if (problem.key !== 'preTokenVersion' || key !== 'claimsOverrideDetails' || !value?.properties) return problem;
  const src = (k: string): string | undefined => {
    const p = value.properties?.find((x) => x.key === k);
    return p ? text.slice(p.value.start, p.value.end) : undefined;
  };
  const entry = (k: string): [string, string][] => {
    const s = src(k);
    return s !== undefined ? [[k, s]] : [];
  };
  const id = [...entry('claimsToAddOrOverride'), ...entry('claimsToSuppress')];
  const parts: [string, string][] = [...(id.length ? [['idTokenGeneration', syntax.objectLiteral(id)] as [string, string]] : []), ...entry('groupOverrideDetails')];
  const edits = [
    { start: problem.start, end: problem.end, newText: 'claimsAndScopeOverrideDetails' },
    { start: value.start, end: value.end, newText: syntax.objectLiteral(parts) },
  ];
  return { ...problem, fixes: [{ title: 'Convert to the V2 response (claimsAndScopeOverrideDetails)', edits }] };
}

/** Enum membership and literal lengths. */
function checkString(path: readonly PathKey[], literal: string, at: { start: number; end: number }, matches: readonly FieldMatch[], out: Problem[]): void {
  const enums = matches.map((x) => x.field.enum).filter((e): e is NonNullable<FieldDefinition['enum']> => !!e);
  if (enums.length === matches.length && enums.length) {
    const undocumented = enums.flat().find((v) => v.value === literal && v.undocumented);
    if (undocumented) {
      out.push({ key: 'invalidValue', severity: 'warning', ...at, href: href(matches[0]), message: `'${literal}' for \`${pathText(path)}\`: ${undocumented.undocumented}.` });
      return;
    }
    const values = [...new Set(enums.flatMap((e) => e.filter((v) => !v.undocumented).map((v) => v.value)))];
    if (!values.includes(literal)) {
      const s = closest(literal, values);
      const inner = { start: at.start + 1, end: Math.max(at.start + 1, at.end - 1) };
      out.push({
        key: 'invalidValue',
        severity: 'error',
        ...at,
        href: href(matches[0]),
        message: `'${literal}' is not a value of \`${pathText(path)}\`: ${values.map((v) => `'${v}'`).join(', ')}.${s ? ` Did you mean '${s}'?` : ''}`,
        ...(s ? { fixes: [{ title: `Change to '${s}'`, edits: [{ ...inner, newText: s }] }] } : {}),
      });
      return;
    }
  }
  const c = matches[0]?.field.constraints;
  if (c?.maxLength !== undefined && literal.length > c.maxLength) {
    out.push({ key: 'lengthLimit', severity: 'error', ...at, href: href(matches[0]), message: `${literal.length} characters: \`${pathText(path)}\` takes at most ${c.maxLength}.` });
  }
}

/** Code/username placeholders a message must contain (custom message). */
function checkPlaceholders(path: readonly PathKey[], value: KnownValue, matches: readonly FieldMatch[], w: WriteContext, out: Problem[]): void {
  const rules = matches[0]?.field.constraints?.mustContain ?? [];
  const text = value.template?.text ?? (typeof value.literal === 'string' ? value.literal : '');
  for (const rule of rules) {
    // A source-limited rule (username placeholder) applies only where the branch is known to be that source.
    if (rule.sources && !(w.narrowedBy?.length && w.narrowedBy.every((s) => rule.sources?.includes(s)))) continue;
    // The model's alternatives (`request.linkParameter` for a pool that verifies by link) satisfy it too,
    // unless the branch is known to be a source they do not apply to (a password reset needs the code).
    const ruledOut = rule.alternativesFor && w.narrowedBy?.length && w.narrowedBy.every((s) => !rule.alternativesFor?.includes(s));
    const alternatives = [rule.fromField, ...(ruledOut ? [] : (rule.alternatives ?? []))].map((f) => f.split('.'));
    const paths = value.template?.paths ?? [];
    const has = alternatives.some((alt) => paths.some((p) => p.length === alt.length && p.every((k, i) => k === alt[i]))) || text.includes(rule.typical);
    // A part whose text is unknown may carry the placeholder only if it could: one named like a code,
    // a template or a message (`${body}`, `${render(x)}`), or handed event data. `${APP_NAME}` cannot.
    const opaque = value.template?.complete === false ? unknownParts(value.template) : [];
    if (has || opaque.some((names) => mayHoldPlaceholder(names, rule.typical))) continue;
    const inert = [...new Set(opaque.flat().filter((x) => /^[A-Za-z_$][\w$]*$/.test(x)))];
    const why = inert.length ? ` (${inert.map((x) => `\`${x}\``).join(', ')} ${inert.length === 1 ? 'is' : 'are'} not named like a code, template or message, so ${inert.length === 1 ? 'it is' : 'they are'} not taken to hold it)` : '';
    const fix = w.syntax.withInterpolation(w.text, value, typeof value.literal === 'string' ? value.literal : undefined, w.eventName, rule.fromField);
    const limit = matches[0]?.field.constraints?.maxLength;
    const warning = rule.severity === 'warning';
    out.push({
      key: 'missingPlaceholder',
      severity: warning ? 'warning' : 'error',
      start: value.start,
      end: value.end,
      href: href(matches[0]),
      message: warning
        ? `\`${pathText(path)}\` lacks \`${w.eventName}.${rule.fromField}\` (${rule.typical})${why}: the invitation cannot tell the user their user name. Whether Cognito rejects such a message is not documented.`
        : `\`${pathText(path)}\` must contain \`${w.eventName}.${rule.fromField}\` (${rule.typical})${why}; without it Cognito fails the call with InvalidParameterException (observed: a pattern validation on the message)${limit ? `; limit ${limit} characters with it` : ''}.`,
      ...(fix ? { fixes: [{ title: `Insert ${w.eventName}.${rule.fromField}`, edits: [fix] }] } : {}),
    });
  }
}

/** The unknown parts of an incomplete template; one unnamed part when the front end reports no names. */
function unknownParts(t: NonNullable<KnownValue['template']>): readonly (readonly string[])[] {
  return t.unknown?.length ? t.unknown : [['']];
}

/**
 * Words that make a name a possible carrier of the placeholder: the code itself (`code`, `otp`,
 * `password`: AdminCreateUser's code is the temporary password), a template or message (`body`,
 * `html`, `tpl`), or what builds one (`render`, `format`, `t`/`i18n`).
 */
const CARRIER_WORDS = new Set([
  'code', 'codes', 'otp', 'pin', 'passcode', 'password', 'pwd', 'token', 'placeholder', 'param', 'params', 'parameter',
  'template', 'templates', 'tmpl', 'tpl', 'message', 'messages', 'msg', 'msgs', 'body', 'html', 'content', 'contents', 'text', 'markup',
  'link', 'links', 'verification', 'verify', 'confirm', 'confirmation', 'render', 'format', 'i18n', 'translate', 'translation', 'localize',
]);

/**
 * May an unknown part carry the placeholder? Yes when nothing names it, when a name is too short to
 * mean anything (`t`, `s`), when a word of a name is a carrier word, or when a literal it may fall back
 * to holds the placeholder. `APP_NAME`, `process.env.SITE_URL`, `firstName` cannot.
 */
export function mayHoldPlaceholder(names: readonly string[], typical: string): boolean {
  if (!names.length) return true;
  return names.some((n) => {
    if (n === '' || n.includes(typical) || /\{##/.test(n)) return true;
    if (/^[A-Za-z_$]{1,2}$/.test(n)) return true;
    const words = n.replace(/([a-z0-9])([A-Z])/g, '$1 $2').split(/[^A-Za-z0-9]+/).map((x) => x.toLowerCase());
    return words.some((x) => CARRIER_WORDS.has(x));
  });
}

/**
 * Pre token generation: claims Cognito will not let the function add, override or suppress. Cognito
 * drops such a change and the token keeps its own value (the request does not fail): a warning on the
 * claim's key (the value is not what is wrong), with a fix that removes the entry.
 */
function checkClaims(path: readonly PathKey[], value: KnownValue, matches: readonly FieldMatch[], text: string, out: Problem[], entry: EntryAt | undefined): void {
  const token = path.includes('accessTokenGeneration') ? 'access' : 'id';
  const last = path[path.length - 1];
  const parent = path[path.length - 2];
  for (const m of matches) {
    if (!m.trigger.claimRules) continue;
    if (parent === 'claimsToAddOrOverride' && typeof last === 'string') {
      const rule = claimRuleFor(m.trigger, last, token);
      if (rule && !rule.canAdd && !rule.canOverride) {
        const at = entry ? { start: entry.keyStart, end: entry.keyEnd } : { start: value.start, end: value.end };
        // A front end may give a quoted key's range without its quotes (Python): the entry starts at the quote.
        const q = entry ? text[entry.keyStart - 1] : undefined;
        const from = entry && (q === '"' || q === "'") && text[entry.keyEnd] === q ? entry.keyStart - 1 : entry?.keyStart;
        const fixes = entry?.removable && from !== undefined ? [{ title: `Remove the '${last}' claim`, edits: [removeEntry(text, from, value.end)] }] : [];
        out.push({ key: 'claimNotAllowed', severity: 'warning', ...at, href: m.trigger.docs, message: `\`${last}\` is dropped by Cognito: a function may not add or override it in the ${token} token, so the token keeps its own value${rule.via ? `; use ${rule.via}` : ''}.${rule.note ? ` ${rule.note}` : ''} Remove this entry.`, fixes });
        return;
      }
    }
    if (last === 'claimsToSuppress') {
      for (const e of value.elements ?? []) {
        const rule = claimRuleFor(m.trigger, e.value, token);
        if (rule && !rule.canSuppress) out.push({ key: 'claimNotAllowed', severity: 'warning', start: e.start, end: e.end, href: m.trigger.docs, message: `Suppressing \`${e.value}\` is ignored by Cognito: a function may not suppress it in the ${token} token, so the token keeps it.${rule.note ? ` ${rule.note}` : ''} Remove it from the list.`, fixes: [{ title: `Remove '${e.value}' from claimsToSuppress`, edits: [removeEntry(text, e.start, e.end)] }] });
      }
      return;
    }
  }
}
