// Checks every use of the event against the model: unknown fields, fields of other triggers or sources.
import { TRIGGERS, fieldAt } from '../../model';
import { childrenOf, fieldsAt, typesOf, type FieldMatch } from '../../handler/context';
import { didYouMean as closest } from '../../events/json';
import type { Candidate, PathKey } from '../../handler/description';
import { DYNAMIC_KEY } from '../../handler/description';
import { pathText } from './docs';
import type { Problem } from './problems';

/** Result of walking a path: the matches at its end, or why it stopped. */
export interface PathCheck {
  /** Matches for the whole path (empty when it left the model or was reported). */
  readonly matches: readonly FieldMatch[];
  readonly problem?: Problem;
  /** True when the path ran past the model into JS (a string method, an open map): nothing to check. */
  readonly beyond?: boolean;
}

const isObjectish = (m: FieldMatch): boolean => typesOf(m.field).includes('object');

/**
 * A value whose shape the model leaves open (a V2/V3 claim value: any JSON object or array): no
 * properties, items or map type are declared, so nothing below it can be checked.
 */
const isFreeForm = (m: FieldMatch): boolean => {
  const f = m.field;
  const t = typesOf(f);
  return (t.includes('object') || t.includes('array')) && !f.properties && !f.items && f.additionalProperties === undefined;
};

/** Pre token generation definitions only: a V1/V2 shape mix-up gets its own code. */
const isPreToken = (id: string): boolean => id.startsWith('PreTokenGeneration');

/**
 * Walks `path` key by key for the candidates. `keyRange(i)` is where key i is in the source, `write`
 * says the use assigns (an unknown key in a closed object is then an error, not a warning).
 */
export function checkPath(path: readonly PathKey[], candidates: readonly Candidate[], keyRange: (i: number) => { start: number; end: number }, write: boolean, typing = false): PathCheck {
  let parents = fieldsAt(candidates, []);
  for (let i = 0; i < path.length; i++) {
    const key = path[i] as PathKey;
    if (!parents.length || parents.some(isFreeForm)) return { matches: [], beyond: true };
    const arrays = parents.filter((m) => typesOf(m.field).includes('array'));
    if (!parents.some(isObjectish) && !(arrays.length && typeof key === 'number')) return { matches: [], beyond: true };
    const sub = path.slice(0, i + 1);
    const kids = fieldsAt(candidates, sub);
    if (kids.length) {
      parents = kids;
      continue;
    }
    // Open maps (`additionalProperties: true`) take any key; a computed key is not checked.
    if (key === DYNAMIC_KEY) return { matches: [], beyond: true };
    if (parents.every((m) => m.field.additionalProperties === true && !m.field.properties)) return { matches: [], beyond: true };
    const r = keyRange(i);
    const name = String(key);
    const ids = candidates.map((c) => c.trigger.id).join(', ');
    const sourceLimited = fieldsAt(candidates.map((c) => ({ trigger: c.trigger })), sub);
    if (sourceLimited.length) {
      const only = sourceLimited[0]?.field.sources ?? [];
      const here = candidates.flatMap((c) => c.sources ?? []);
      return {
        matches: [],
        problem: { key: 'otherSource', severity: 'warning', ...r, href: sourceLimited[0]?.field.docs ?? sourceLimited[0]?.trigger.docs ?? '', message: `\`event.${pathText(sub)}\` is only sent for ${only.join(', ')}; here triggerSource is ${here.join(' or ')}, so it is undefined.` },
      };
    }
    const others = TRIGGERS.filter((t) => !candidates.some((c) => c.trigger === t) && fieldAt(t, sub));
    if (others.length) {
      const preToken = others.every((t) => isPreToken(t.id)) && candidates.every((c) => isPreToken(c.trigger.id));
      return {
        matches: [],
        problem: {
          key: preToken ? 'preTokenVersion' : 'otherTrigger',
          severity: write || preToken ? 'error' : 'warning',
          ...r,
          href: others[0]?.docs ?? '',
          message: preToken
            ? `\`${name}\` belongs to the ${others.map((t) => t.displayName).join(' / ')} response; this handler is ${ids}, so Cognito ignores it. ${name === 'claimsAndScopeOverrideDetails' ? 'Use `claimsOverrideDetails`, or bind the function with LambdaVersion V2_0/V3_0.' : 'Use `claimsAndScopeOverrideDetails` (idTokenGeneration / accessTokenGeneration).'}`
            : `\`event.${pathText(sub)}\` is a field of ${others.map((t) => t.id).join(', ')}, not of ${ids}.`,
        },
      };
    }
    const options = [...new Set(parents.flatMap((m) => childrenOf(m).map((c) => c.key)))];
    // `event.response.autoV` at the end of its line, a beginning of `autoVerifyEmail`: still being typed.
    if (typing && i === path.length - 1 && options.some((o) => o !== name && o.startsWith(name))) return { matches: [] };
    const suggestion = closest(name, options);
    const closed = parents.every((m) => m.field.additionalProperties === false || m.field.additionalProperties === undefined);
    return {
      matches: [],
      problem: {
        key: 'unknownField',
        severity: closed || suggestion ? (closed ? 'error' : 'warning') : 'info',
        ...r,
        href: parents[0]?.field.docs ?? parents[0]?.trigger.docs ?? '',
        message: `\`${name}\` is not a field of \`event${path.slice(0, i).length ? `.${pathText(path.slice(0, i))}` : ''}\` for ${ids}.${suggestion ? ` Did you mean \`${suggestion}\`?` : ''}`,
        ...(suggestion ? { fixes: [{ title: `Change to '${suggestion}'`, edits: [{ ...r, newText: suggestion }] }] } : {}),
      },
    };
  }
  return { matches: parents };
}
