// The ID and access tokens a flow ends with: Cognito's default claims, the pre token generation answer
// applied with the model's claim rules, signed RS256 with a key made on this machine (jose) and decoded.
import { randomUUID } from 'node:crypto';
import { decodeProtectedHeader, exportJWK, generateKeyPair, SignJWT, type JWK, type KeyLike } from 'jose';
import { claimRuleFor, getTrigger } from '../model';
import type { PoolConfig } from './pool';
import type { DecodedToken, FlowStep } from './types';
import type { StoredUser } from './users';

type Claims = Record<string, unknown>;

let signingKey: Promise<{ privateKey: KeyLike; jwk: JWK; kid: string }> | undefined;

/** The local signing key (one per process): tokens are real JWTs, verifiable with `localJwks()`. */
function key(): Promise<{ privateKey: KeyLike; jwk: JWK; kid: string }> {
  signingKey ??= (async () => {
    const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
    const kid = `local-${randomUUID().slice(0, 8)}`;
    return { privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' }, kid };
  })();
  return signingKey;
}

/** The JWKS of the local key, for an app that verifies the tokens. */
export async function localJwks(): Promise<{ keys: JWK[] }> {
  return { keys: [(await key()).jwk] };
}

const BOOLEAN_ATTRIBUTES = new Set(['email_verified', 'phone_number_verified']);

/** What a token set is issued for. */
export interface TokenRequest {
  pool: PoolConfig;
  /** Undefined for client credentials (no user). */
  user?: StoredUser;
  /** The pre token generation step, when the trigger ran. */
  preToken?: FlowStep;
  /** The answer of the pre token generation handler. */
  answer?: Record<string, unknown>;
  scopes: string[];
  authTime: number;
}

/** Cognito's default claims ({@link SOURCES.idToken}, {@link SOURCES.accessToken}). */
function defaults(r: TokenRequest): { id?: Claims; access: Claims } {
  const iss = `https://cognito-idp.${r.pool.region}.amazonaws.com/${r.pool.id}`;
  const iat = Math.floor(r.authTime / 1000);
  const common = { iss, origin_jti: randomUUID(), event_id: randomUUID(), auth_time: iat, iat, exp: iat + 3600, jti: randomUUID() };
  if (!r.user) return { access: { sub: r.pool.clientId, token_use: 'access', scope: r.scopes.join(' '), client_id: r.pool.clientId, version: 2, ...common } };
  const u = r.user;
  const attrs: Claims = {};
  for (const [k, v] of Object.entries(u.attributes)) attrs[k] = BOOLEAN_ATTRIBUTES.has(k) ? v === 'true' : v;
  const groups = u.groups?.length ? { 'cognito:groups': [...u.groups] } : {};
  return {
    id: { ...attrs, ...groups, 'cognito:username': u.username, aud: r.pool.clientId, token_use: 'id', ...common },
    access: { sub: u.attributes.sub, ...groups, token_use: 'access', scope: r.scopes.join(' '), client_id: r.pool.clientId, username: u.username, ...common },
  };
}

const obj = (v: unknown): Record<string, unknown> | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** Applies one token's claimsToAddOrOverride / claimsToSuppress, honouring the model's claim rules. */
function applyClaims(triggerId: string, token: 'id' | 'access', claims: Claims, gen: Record<string, unknown> | undefined): void {
  const t = getTrigger(triggerId);
  if (!t || !gen) return;
  const suppress = strings(gen.claimsToSuppress);
  for (const [claim, value] of Object.entries(obj(gen.claimsToAddOrOverride) ?? {})) {
    const rule = claimRuleFor(t, claim, token);
    const overriding = claim in claims;
    if (rule && !(overriding ? rule.canOverride : rule.canAdd)) continue;
    if (claim === 'aud' && token === 'access' && value !== claims.client_id) continue;
    claims[claim] = value;
  }
  // A claim both suppressed and overridden is suppressed (the summary says the same).
  for (const claim of suppress) {
    const rule = claimRuleFor(t, claim, token);
    if (!rule || rule.canSuppress) delete claims[claim];
  }
}

/** The claims after the pre token generation answer (event version 1, 2 or 3). */
export function finalClaims(r: TokenRequest): { id?: Claims; access: Claims } {
  const c = defaults(r);
  const triggerId = r.preToken?.trigger;
  const response = obj(r.answer?.response);
  if (!triggerId || !response || r.preToken?.verdict.succeeds === false) return c;
  let groups: Record<string, unknown> | undefined;
  if (triggerId === 'PreTokenGeneration') {
    const d = obj(response.claimsOverrideDetails);
    if (c.id) applyClaims(triggerId, 'id', c.id, d);
    groups = obj(d?.groupOverrideDetails);
  } else {
    const d = obj(response.claimsAndScopeOverrideDetails);
    if (c.id) applyClaims(triggerId, 'id', c.id, obj(d?.idTokenGeneration));
    const access = obj(d?.accessTokenGeneration);
    applyClaims(triggerId, 'access', c.access, access);
    const scopes = new Set(String(c.access.scope ?? '').split(' ').filter(Boolean));
    for (const s of strings(access?.scopesToAdd)) scopes.add(s);
    for (const s of strings(access?.scopesToSuppress)) scopes.delete(s);
    c.access.scope = [...scopes].join(' ');
    groups = r.user ? obj(d?.groupOverrideDetails) : undefined;
  }
  if (groups && Array.isArray(groups.groupsToOverride)) {
    const g = strings(groups.groupsToOverride);
    for (const claims of [c.id, c.access]) if (claims) claims['cognito:groups'] = g;
  }
  if (groups && c.id) {
    const roles = strings(groups.iamRolesToOverride);
    if (roles.length) c.id['cognito:roles'] = roles;
    if (typeof groups.preferredRole === 'string') c.id['cognito:preferred_role'] = groups.preferredRole;
  }
  return c;
}

async function sign(claims: Claims): Promise<DecodedToken> {
  const k = await key();
  const jwt = await new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: k.kid }).sign(k.privateKey);
  return { jwt, header: decodeProtectedHeader(jwt) as Record<string, unknown>, claims };
}

/** Signed tokens for the request. */
export async function issueTokens(r: TokenRequest): Promise<{ id?: DecodedToken; access: DecodedToken }> {
  const c = finalClaims(r);
  return { ...(c.id ? { id: await sign(c.id) } : {}), access: await sign(c.access) };
}
