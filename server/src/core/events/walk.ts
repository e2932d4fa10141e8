// The generic, model-driven check: types, enums, formats, lengths, placeholders and unknown keys.
import { appliesTo } from '../model/lookup';
import type { FieldDefinition } from '../model/types';
import { isOutput, report, valueAt, type CheckContext } from './context';
import { definedElsewhere } from './elsewhere';
import { changeTo, showPath } from './issues';
import { describeTypes, didYouMean, hasType, isRecord, jsonTypeOf, listValues, placeholderKind, typesOf } from './json';
import { responseVersionMessage } from './preToken';
import { typeQuirk } from './quirks';

type Path = readonly (string | number)[];

/** Checks `value` against `field` at `path`, recursing through properties, maps and items. */
export function walk(ctx: CheckContext, value: unknown, field: FieldDefinition, path: Path): void {
  const out = isOutput(ctx, path);
  const types = typesOf(field.type);
  if (!hasType(value, types)) {
    if (typeQuirk(ctx, value, field, path)) return;
    if (value === null) {
      report(ctx, 'unexpected-null', out ? 'error' : 'warning', path, `${showPath(path)} is null; Cognito ${out ? 'does not accept null here: omit the key or send' : 'omits the key or sends'} ${describeTypes(types)}.`, field.docs);
      return;
    }
    report(ctx, 'wrong-type', 'error', path, `${showPath(path)} must be ${describeTypes(types)}, not ${jsonTypeOf(value) ?? typeof value}.`, field.docs);
    return;
  }
  if (typeof value === 'string') checkString(ctx, value, field, path, out);
  else if (typeof value === 'number') checkEnum(ctx, String(value), field, path, out);
  else if (Array.isArray(value)) checkArray(ctx, value, field, path);
  else if (isRecord(value)) checkObject(ctx, value, field, path, out);
}

/** Enum and constraints of one string. */
function checkString(ctx: CheckContext, value: string, field: FieldDefinition, path: Path, out: boolean): void {
  // A value that repeats its own key (`"challengeName": "challengeName"`, in published Go and Rust samples) is a placeholder too.
  const placeholder = placeholderKind(value) ?? (out && path.length > 0 && value === path[path.length - 1] && field.enum ? 'its own key name, a placeholder from a published example' : undefined);
  if (placeholder) {
    // Harmless locally on the input side (information); in a response Cognito would receive it (warning).
    report(ctx, 'placeholder-value', out ? 'warning' : 'information', path, `${showPath(path)} is ${placeholder}${field.example !== undefined && field.example !== null ? `; a real value looks like ${JSON.stringify(field.example)}` : ''}.`, field.docs);
    return;
  }
  if (!checkEnum(ctx, value, field, path, out)) return;
  const c = field.constraints;
  if (!c) return;
  const severity = out ? 'error' : 'warning';
  const length = [...value].length;
  if (c.minLength !== undefined && length < c.minLength) {
    report(ctx, 'length-limit', severity, path, `${showPath(path)} has ${length} characters; Cognito requires at least ${c.minLength}.`, field.docs);
  }
  if (c.maxLength !== undefined && length > c.maxLength) {
    report(ctx, 'length-limit', severity, path, `${showPath(path)} has ${length} characters; Cognito allows at most ${c.maxLength}.`, field.docs);
  }
  if (c.pattern !== undefined && !new RegExp(c.pattern).test(value)) {
    report(ctx, 'invalid-format', severity, path, `${showPath(path)} "${value}" is not ${c.patternName ?? `a value matching ${c.pattern}`}.`, field.docs);
  }
  for (const p of c.mustContain ?? []) {
    if (p.sources && !(ctx.source !== undefined && p.sources.includes(ctx.source))) continue;
    const actual = valueAt(ctx, p.fromField.split('.'));
    const needle = typeof actual === 'string' && actual.length > 0 && !placeholderKind(actual) ? actual : p.typical;
    // An alternative field Cognito sent (linkParameter when the pool verifies by link) satisfies the rule too.
    const alternatives = p.alternativesFor && ctx.source !== undefined && !p.alternativesFor.includes(ctx.source) ? [] : (p.alternatives ?? []);
    const others = alternatives.map((f) => valueAt(ctx, f.split('.'))).filter((v): v is string => typeof v === 'string' && v.length > 0 && !placeholderKind(v));
    if (value.includes(needle) || others.some((o) => value.includes(o))) continue;
    const also = others.length ? ` or "${others[0]}" (${p.alternatives?.[0]})` : '';
    const what = `${showPath(path)} must contain "${needle}" (the value of ${p.fromField}${p.sources ? ` for ${p.sources.join(', ')}` : ''})${also}`;
    if (p.severity === 'warning') report(ctx, 'missing-placeholder', 'warning', path, `${what}: without it the message cannot tell the user their user name. Whether Cognito rejects it is not documented.`, field.docs);
    else report(ctx, 'missing-placeholder', 'error', path, `${what}; without it Cognito fails the call with InvalidParameterException (observed: a pattern validation on the message).`, field.docs);
  }
}

/** Reports a value outside the field's enum; returns false when it did. */
function checkEnum(ctx: CheckContext, value: string, field: FieldDefinition, path: Path, out: boolean): boolean {
  if (!field.enum) return true;
  // triggerSource is judged by recognition; the pre token version by its own rule (it decides V1/V2/V3).
  if (path.length === 1 && (path[0] === 'triggerSource' || (path[0] === 'version' && ctx.trigger.id.startsWith('PreTokenGeneration')))) return true;
  const known = field.enum.find((e) => e.value === value);
  if (known?.undocumented) {
    report(ctx, 'invalid-enum-value', 'warning', path, `${showPath(path)} is "${value}": ${known.undocumented}. Documented: ${listValues(field.enum.filter((e) => !e.undocumented).map((e) => e.value))}.`, field.docs);
    return false;
  }
  if (known) return true;
  if (path.join('.') === 'request.type' && ctx.trigger.noResponse) return true; // the sender rule names the other sender.
  const allowed = field.enum.filter((e) => !e.undocumented).map((e) => e.value);
  const guess = didYouMean(value, allowed);
  report(ctx, 'invalid-enum-value', out ? 'error' : 'warning', path, `${showPath(path)} is "${value}"; ${out ? 'Cognito accepts' : 'Cognito sends'} ${listValues(allowed)}.${guess ? ` Did you mean "${guess}"?` : ''}`, field.docs, guess ? changeTo('value', guess) : undefined);
  return false;
}

/** Items and the no-white-space rule of one array. */
function checkArray(ctx: CheckContext, value: readonly unknown[], field: FieldDefinition, path: Path): void {
  value.forEach((item, i) => {
    if (field.constraints?.noWhitespace && typeof item === 'string' && /\s/.test(item)) {
      report(ctx, 'scope-whitespace', 'error', [...path, i], `${showPath([...path, i])} "${item}" contains white space; Cognito rejects scopes with blank characters. Add each scope as its own array item.`, field.docs);
    }
    if (field.items) walk(ctx, item, field.items, [...path, i]);
  });
}

/** Required, known, misplaced and unknown keys of one object. */
function checkObject(ctx: CheckContext, value: Record<string, unknown>, field: FieldDefinition, path: Path, out: boolean): void {
  // An open map without properties (a V2/V3 claim value) holds the user's own JSON: nothing below is ours to judge.
  if (field.additionalProperties === true && !field.properties) return;
  const props = field.properties ?? {};
  const missing = Object.entries(props)
    .filter(([k, f]) => f.required && appliesTo(f, ctx.source) && !(k in value))
    .map(([k]) => k)
    // The missing response key is its own quirk (rules.ts), named after what Cognito sends.
    .filter((k) => !(path.length === 0 && k === 'response'));
  if (missing.length > 0) {
    report(ctx, 'missing-field', 'warning', path, `${path.length === 0 ? 'The event' : showPath(path)} lacks ${missing.map((k) => `"${k}"`).join(', ')}, which Cognito always ${out ? 'includes' : 'sends'} in ${ctx.trigger.displayName} events.`, field.docs);
  }
  for (const [key, child] of Object.entries(value)) {
    const childPath = [...path, key];
    const prop = props[key];
    if (prop) {
      if (!appliesTo(prop, ctx.source)) {
        report(ctx, 'field-not-for-source', 'warning', childPath, `${showPath(childPath)} is only sent for ${prop.sources?.join(', ')}, not for ${ctx.source}.`, prop.docs);
      }
      walk(ctx, child, prop, childPath);
    } else if (typeof field.additionalProperties === 'object') {
      walk(ctx, child, field.additionalProperties, childPath);
    } else {
      unknownKey(ctx, key, child, field, childPath, out, value);
    }
  }
}

/** A key the model does not define here: belongs to another trigger, a typo, or simply unknown. */
function unknownKey(ctx: CheckContext, key: string, child: unknown, field: FieldDefinition, path: Path, out: boolean, siblings: Record<string, unknown>): void {
  // Reported by rules.ts as the caller-context-aws-sdk and unexpected-response quirks.
  if (path.join('.') === 'callerContext.awsSdk' || (path.join('.') === 'response' && ctx.trigger.noResponse)) return;
  // `$schema` at the root is how an event file names our schema (classify.ts claims files by it): allowed.
  if (path.length === 1 && key === '$schema') return;
  const others = definedElsewhere(ctx.trigger, path);
  const closed = field.additionalProperties === false;
  if (others.length > 0) {
    const preTokenResponse = path[0] === 'response' && ctx.trigger.id.startsWith('PreTokenGeneration') && others.every((t) => t.id.startsWith('PreTokenGeneration'));
    const code = preTokenResponse ? 'pre-token-response-version' : 'field-not-for-trigger';
    // A response key of another trigger is ignored by Cognito (as the invoke summary says): a warning.
    // A pre token response of the other event version stays an error: every customization is lost.
    const severity = preTokenResponse && out && closed && child !== null ? 'error' : 'warning';
    const versioned = preTokenResponse && path.length === 2 ? responseVersionMessage(ctx, key) : undefined;
    if (versioned) return report(ctx, code, severity, path, versioned, ctx.trigger.docs);
    report(ctx, code, severity, path, `${showPath(path)} is not part of ${ctx.trigger.displayName} events; it belongs to ${others.map((t) => t.displayName).join(', ')}.${out ? ' Cognito ignores it here.' : ''} Valid here: ${listValues(Object.keys(field.properties ?? {}))}.`, ctx.trigger.docs);
    return;
  }
  const valid = Object.keys(field.properties ?? {});
  const guess = didYouMean(key, valid);
  const severity = out && closed ? 'error' : guess ? 'warning' : 'information';
  // The suggestion must not be a key the object already has (renaming would make a duplicate).
  const free = guess !== undefined && !Object.prototype.hasOwnProperty.call(siblings, guess);
  report(ctx, 'unknown-field', severity, path, `${showPath(path)} is not a field of ${ctx.trigger.displayName} events.${guess ? ` Did you mean "${guess}"?` : ''}${valid.length ? ` Valid here: ${listValues(valid)}.` : ''}`, ctx.trigger.docs, free ? changeTo('key', guess) : undefined);
}
