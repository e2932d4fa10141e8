// Pre token generation rules: event version vs shape, and the claims Cognito lets a function change.
import { claimRuleFor } from '../model/lookup';
import type { ClaimRule } from '../model/types';
import { report, valueAt, type CheckContext } from './context';
import { hasPreTokenV2Shape } from './shape';
import { isRecord, scalarText } from './json';

type Token = 'id' | 'access';

/** Claims whose ID-token value may not be a JSON object (developer guide, V2/V3). */
const NO_OBJECT_IN_ID = new Set(['phone_number_verified', 'email_verified', 'updated_at', 'address']);

/** All pre token checks; no-op for other triggers. */
export function checkPreToken(ctx: CheckContext): void {
  const expected = ctx.trigger.recognition.eventVersions;
  if (!ctx.trigger.id.startsWith('PreTokenGeneration') || !expected) return;
  const version = ctx.event.version;
  if (version !== undefined && !expected.includes(scalarText(version))) {
    // Explain only what is true of this event: a V2-shaped event saying "1" is a published-sample habit;
    // a client-credentials event is V3 whatever it says.
    const v2Shape = hasPreTokenV2Shape(ctx.event);
    const why =
      scalarText(version) === '1' && v2Shape && expected[0] !== '1'
        ? ' although the event has version 2 keys (request.scopes / response.claimsAndScopeOverrideDetails), as several published V2 samples do'
        : ctx.source === 'TokenGeneration_ClientCredentials'
          ? ', but TokenGeneration_ClientCredentials (machine-to-machine) events only exist in event version 3'
          : '';
    report(ctx, 'pre-token-version-mismatch', 'warning', ['version'], `version is ${JSON.stringify(version)}${why}; Cognito sends "${expected[0]}" in ${ctx.trigger.displayName} events (LambdaVersion ${ctx.trigger.binding.kind === 'userPool' ? ctx.trigger.binding.lambdaVersion : ''}).`, ctx.trigger.docs);
  }
  const v1 = expected.includes('1');
  const base = v1 ? ['response', 'claimsOverrideDetails'] : ['response', 'claimsAndScopeOverrideDetails'];
  const targets: [string[], Token][] = v1 ? [[base, 'id']] : [[[...base, 'idTokenGeneration'], 'id'], [[...base, 'accessTokenGeneration'], 'access']];
  for (const [path, token] of targets) {
    const details = valueAt(ctx, path);
    if (!isRecord(details)) continue;
    const add = details.claimsToAddOrOverride;
    if (isRecord(add)) for (const [claim, value] of Object.entries(add)) checkAdd(ctx, [...path, 'claimsToAddOrOverride', claim], claim, value, token, v1);
    const suppress = details.claimsToSuppress;
    if (Array.isArray(suppress)) {
      suppress.forEach((claim, i) => {
        if (typeof claim === 'string') checkSuppress(ctx, [...path, 'claimsToSuppress', i], claim, token);
      });
    }
  }
}

/**
 * The message for a pre token response key of the other event version (`key` under `response`):
 * says which version the event is, which the response is, and what Cognito does with it.
 */
export function responseVersionMessage(ctx: CheckContext, key: string): string | undefined {
  const v1Event = ctx.trigger.id === 'PreTokenGeneration';
  if (v1Event && key === 'claimsAndScopeOverrideDetails') {
    return 'V2 response (claimsAndScopeOverrideDetails) in a version 1 event: Cognito ignores it unless the pool\'s PreTokenGenerationConfig LambdaVersion is V2_0/V3_0 (then the event has version "2"/"3" and request.scopes). For V1_0 answer with response.claimsOverrideDetails.';
  }
  if (!v1Event && key === 'claimsOverrideDetails') {
    const v = ctx.trigger.recognition.eventVersions?.[0] ?? '2';
    return `V1 response (claimsOverrideDetails) in a version ${v} event: Cognito ignores it when the pool's PreTokenGenerationConfig LambdaVersion is V2_0/V3_0. Answer with response.claimsAndScopeOverrideDetails (idTokenGeneration / accessTokenGeneration).`;
  }
  return undefined;
}

const tokenName = (t: Token): string => (t === 'id' ? 'ID token' : 'access token');
const usesOtherField = (rule: ClaimRule): boolean => rule.via !== undefined && !rule.via.startsWith('claimsToAddOrOverride');

function checkAdd(ctx: CheckContext, path: (string | number)[], claim: string, value: unknown, token: Token, v1: boolean): void {
  if (token === 'access' && claim === 'aud') {
    const clientId = valueAt(ctx, ['callerContext', 'clientId']);
    if (value !== clientId) {
      // Team decision: changes Cognito refuses are dropped (the token keeps its own value) — a warning, as in invoke summaries.
      report(ctx, 'aud-must-match-client', 'warning', path, `Cognito drops aud ${JSON.stringify(value)} from the access token: aud can be added only with the app client id of the session (callerContext.clientId${typeof clientId === 'string' ? ` = "${clientId}"` : ''}).`, ctx.trigger.docs);
    }
    return;
  }
  const rule = claimRuleFor(ctx.trigger, claim, token);
  if (rule && !rule.canAdd && !rule.canOverride) {
    // Team decision: Cognito drops the change and the token keeps its own value; the answer still works (warning).
    report(ctx, 'claim-not-allowed', 'warning', path, `Cognito drops "${claim}" from claimsToAddOrOverride: a function cannot add or change it in the ${tokenName(token)}, so the token keeps Cognito's own value${rule.canSuppress ? ' (it can only be suppressed, with claimsToSuppress)' : ''}.${rule.note ? ` ${rule.note}` : ''} Remove this entry.`, ctx.trigger.docs, { title: `Remove the "${claim}" claim`, remove: true });
    return;
  }
  if (rule && usesOtherField(rule)) {
    report(ctx, 'claim-use-other-field', 'warning', path, `Set "${claim}" through ${rule.via}, not claimsToAddOrOverride.`, ctx.trigger.docs);
  }
  if (v1) return; // V1 values are strings: the generic type check reports anything else.
  const bad = Array.isArray(value)
    ? value.some((x) => x === null || typeof x === 'object')
    : token === 'id' && NO_OBJECT_IN_ID.has(claim) && isRecord(value);
  if (bad) {
    report(ctx, 'claim-value-type', 'error', path, Array.isArray(value)
      ? `"${claim}" is an array with objects, arrays or null inside; Cognito accepts arrays of strings, numbers and booleans only.`
      : `"${claim}" cannot be a JSON object in the ID token (phone_number_verified, email_verified, updated_at and address must be simple values).`, ctx.trigger.docs);
  }
}

function checkSuppress(ctx: CheckContext, path: (string | number)[], claim: string, token: Token): void {
  const rule = claimRuleFor(ctx.trigger, claim, token);
  if (rule && !rule.canSuppress) {
    report(ctx, 'claim-not-allowed', 'warning', path, `Cognito drops the suppression of "${claim}": a function cannot remove it from the ${tokenName(token)}, so the token keeps it.${rule.note ? ` ${rule.note}` : ''} Remove it from the list.`, ctx.trigger.docs, { title: `Remove "${claim}" from claimsToSuppress`, remove: true });
  } else if (rule?.via?.includes('suppress by suppressing cognito:groups')) {
    report(ctx, 'claim-use-other-field', 'warning', path, `Suppress "${claim}" by adding "cognito:groups" to claimsToSuppress.`, ctx.trigger.docs);
  } else if (rule?.claim === 'scope') {
    report(ctx, 'claim-use-other-field', 'warning', path, 'Remove scopes with accessTokenGeneration.scopesToSuppress, not claimsToSuppress.', ctx.trigger.docs);
  }
}
