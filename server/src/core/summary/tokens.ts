// Summary for pre token generation (event versions 1–3): the claims and scopes each token would carry,
// with the changes Cognito refuses (the model's claimRules) shown as dropped.
import { claimRuleFor } from '../model/lookup';
import type { TriggerDefinition } from '../model/types';
import type { SummaryLine } from '../protocol/invokeResult';
import { at, err, info, obj, ok, summary, warn, type ReturnedSummariser } from './common';
import { invalidResponseError } from './issues';

type Token = 'id' | 'access';

/** What the handler asked for one token, and what Cognito does with each change. */
interface TokenPlan {
  token: Token;
  kept: string[];
  dropped: string[];
  suppressed: string[];
  scopes: string[];
  /** Values Cognito refuses outright (the response issues fail the operation). */
  rejected: string[];
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

function show(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** Applies claimRules to one token's claimsToAddOrOverride / claimsToSuppress. */
function planToken(t: TriggerDefinition, token: Token, gen: Record<string, unknown>, existing: Record<string, unknown>, clientId: unknown): TokenPlan {
  const plan: TokenPlan = { token, kept: [], dropped: [], suppressed: [], scopes: [], rejected: [] };
  const suppressing = new Set<string>();
  for (const claim of strings(gen.claimsToSuppress)) {
    const rule = claimRuleFor(t, claim, token);
    if (rule && !rule.canSuppress) plan.dropped.push(`suppress ${claim} (Cognito refuses to suppress it; the token keeps its value)`);
    else suppressing.add(claim);
  }
  const add = obj(gen.claimsToAddOrOverride) ?? {};
  for (const [claim, value] of Object.entries(add)) {
    const rule = claimRuleFor(t, claim, token);
    const overriding = token === 'id' && claim in existing;
    if (rule && !(overriding ? rule.canOverride : rule.canAdd)) {
      plan.dropped.push(`${claim} (Cognito refuses to ${overriding ? 'override' : 'add'} it; the token keeps its own value${rule.via ? `; use ${rule.via}` : ''})`);
    } else if (claim === 'aud' && token === 'access' && value !== clientId) {
      plan.dropped.push(`aud (must equal the app client id ${show(clientId)})`);
    } else if (!suppressing.has(claim)) {
      plan.kept.push(`${claim}: ${show(value)}${overriding ? ' (overrides the attribute)' : ''}`);
    }
  }
  // Catalog §6: a claim both suppressed and overridden is suppressed.
  for (const claim of suppressing) plan.suppressed.push(claim in add ? `${claim}: suppressed (also in claimsToAddOrOverride; suppression wins)` : claim);
  if (token === 'access') {
    for (const s of strings(gen.scopesToAdd)) {
      if (/\s/.test(s)) plan.rejected.push(`scope "${s}" contains white space: Cognito rejects the answer (add each scope as its own item)`);
      else plan.scopes.push(`+${s}`);
    }
    for (const s of strings(gen.scopesToSuppress)) plan.scopes.push(`-${s}`);
  }
  return plan;
}

function lines(p: TokenPlan): SummaryLine[] {
  const name = p.token === 'id' ? 'ID token' : 'Access token';
  const out: SummaryLine[] = [];
  if (p.kept.length) out.push(ok(`${name} claims added or overridden: ${p.kept.join(', ')}`, 'preTokenClaims'));
  if (p.suppressed.length) out.push(ok(`${name} claims suppressed: ${p.suppressed.join(', ')}`, 'preTokenClaims'));
  if (p.scopes.length) out.push(ok(`${name} scopes: ${p.scopes.join(' ')}`, 'preTokenClaims'));
  for (const d of p.dropped) out.push(warn(`${name}: dropped ${d}`, 'preTokenClaims'));
  for (const r of p.rejected) out.push(err(`${name}: ${r}`, 'preTokenClaims'));
  return out;
}

/** Pre token generation, any event version. */
export const preTokenGeneration: ReturnedSummariser = ({ value, trigger, triggerSource }) => {
  if (!trigger) return summary('Tokens issued.', 'preTokenVersions', true, []);
  const existing = obj(at(value, 'request', 'userAttributes')) ?? {};
  const clientId = at(value, 'callerContext', 'clientId');
  const version = trigger.id === 'PreTokenGeneration' ? 1 : 2;
  const plans: TokenPlan[] = [];
  let groups: Record<string, unknown> | undefined;
  // groupOverrideDetails present but null or {}: "If you provide an empty or null object in the response, then Amazon Cognito suppresses the groups."
  let groupsSuppressed = false;
  const groupsOf = (d: Record<string, unknown> | undefined): void => {
    if (!d || !('groupOverrideDetails' in d)) return;
    const g = d.groupOverrideDetails;
    if (g === null || (obj(g) && Object.keys(obj(g) ?? {}).length === 0)) groupsSuppressed = true;
    else groups = obj(g);
  };
  const out: SummaryLine[] = [];
  if (version === 1) {
    const d = obj(at(value, 'response', 'claimsOverrideDetails'));
    if (d) plans.push(planToken(trigger, 'id', d, existing, clientId));
    groupsOf(d);
    if (obj(at(value, 'response', 'claimsAndScopeOverrideDetails'))) out.push(warn('claimsAndScopeOverrideDetails is the version 2/3 shape: a version 1 trigger ignores it.', 'preTokenVersions'));
  } else {
    const d = obj(at(value, 'response', 'claimsAndScopeOverrideDetails'));
    const idGen = obj(d?.idTokenGeneration);
    const accessGen = obj(d?.accessTokenGeneration);
    // Client credentials (M2M, version 3): no user and no ID token; only the access token is issued.
    const m2m = triggerSource === 'TokenGeneration_ClientCredentials';
    if (idGen && !m2m) plans.push(planToken(trigger, 'id', idGen, existing, clientId));
    if (accessGen) plans.push(planToken(trigger, 'access', accessGen, existing, clientId));
    if (!m2m) groupsOf(d);
    if (m2m) {
      out.push(info('Client credentials (machine-to-machine): there is no user and no ID token; Cognito issues only an access token.', 'preTokenVersions'));
      if (idGen) out.push(warn('idTokenGeneration is ignored for client credentials: there is no ID token.', 'preTokenVersions'));
      if (obj(d?.groupOverrideDetails)) out.push(warn('groupOverrideDetails is ignored for client credentials: an app client has no groups.', 'preTokenVersions'));
    }
    if (obj(at(value, 'response', 'claimsOverrideDetails'))) out.push(warn('claimsOverrideDetails is the version 1 shape: this event version ignores it.', 'preTokenVersions'));
  }
  for (const p of plans) out.push(...lines(p));
  const g: Record<string, unknown> | undefined = groups;
  if (g) {
    const list = strings(g.groupsToOverride);
    if (Array.isArray(g.groupsToOverride)) out.push(ok(`cognito:groups becomes [${list.join(', ')}]${version === 1 ? '' : ' in both tokens'}`, 'preTokenGroups'));
    const roles = strings(g.iamRolesToOverride);
    if (roles.length) out.push(ok(`cognito:roles becomes [${roles.join(', ')}] (ID token)`, 'preTokenGroups'));
    if (typeof g.preferredRole === 'string') out.push(ok(`cognito:preferred_role becomes ${g.preferredRole} (ID token)`, 'preTokenGroups'));
  }
  if (groupsSuppressed) out.push(warn(`groupOverrideDetails is ${'null or {}'}: Cognito suppresses the user's groups (no cognito:groups, cognito:roles or cognito:preferred_role). To keep them, copy request.groupConfiguration into it or leave the key out.`, 'preTokenGroups'));
  const changed = plans.reduce((n, p) => n + p.kept.length + p.suppressed.length + p.scopes.length, 0) + (g || groupsSuppressed ? 1 : 0);
  const dropped = plans.reduce((n, p) => n + p.dropped.length, 0);
  if (!changed && !dropped) out.push(info('No overrides: the tokens carry the claims Cognito puts there by default.', 'preTokenClaims'));
  if (version !== 1 && trigger.id === 'PreTokenGenerationV2') out.push(info('Event version 2 customises access tokens for user authentication; version 3 also for machine-to-machine (client credentials).', 'preTokenVersions'));
  const noun = triggerSource === 'TokenGeneration_ClientCredentials' ? 'Access token' : 'Tokens';
  const droppedNote = dropped ? `; ${dropped} change(s) dropped by Cognito` : '';
  const rejected = plans.flatMap((p) => p.rejected);
  if (rejected.length) {
    const cognitoError = invalidResponseError(trigger);
    return summary(`Sign-in fails: ${rejected[0]}${droppedNote}. The app receives ${cognitoError.split(':')[0]}.`, 'invalidLambdaResponseApi', false, out, cognitoError);
  }
  const headline = `${noun} issued${changed ? ` with ${changed} change(s)` : ' unchanged'}${droppedNote}.`;
  return summary(headline, 'preTokenClaims', true, out);
};
