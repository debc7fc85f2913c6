/**
 * The claims of a JWT access token whose signature already verified: issuer, lifetime
 * (with the key manager's clock skew), audience, and what the token says about its
 * client and scopes.
 */
import type { JWTPayload } from 'jose';
import type { ResolvedKeyManager } from './key-manager-types.js';
import { parseScopes } from './scopes.js';
import type { AuthFailure, VerifiedJwt } from './types.js';

function fail(reason: AuthFailure['reason'], description: string): AuthFailure {
  return { ok: false, reason, description };
}

function isTime(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** The token's `aud` as a list; a malformed `aud` is no audience at all. */
export function audiencesOf(claims: Record<string, unknown>): string[] {
  const { aud } = claims;
  if (typeof aud === 'string') return [aud];
  if (Array.isArray(aud)) return aud.filter((value): value is string => typeof value === 'string');
  return [];
}

/**
 * Checks the claims. `apiAudiences` are the API's `security.oauth2.audiences`; together
 * with the key manager's own `audiences` they form the set the token's `aud` must
 * intersect. When both are empty or absent, `aud` is not checked.
 */
export function checkClaims(
  claims: Record<string, unknown>,
  km: ResolvedKeyManager,
  apiAudiences: readonly string[] | undefined,
  nowMs: number,
): VerifiedJwt | AuthFailure {
  if (claims.iss !== km.issuer)
    return fail('INVALID', `The token was not issued by key manager "${km.name}"`);
  const { exp, nbf, iat } = claims;
  const now = Math.floor(nowMs / 1000);
  if (!isTime(exp)) return fail('INVALID', 'The token has no expiry (exp)');
  if (nbf !== undefined && !isTime(nbf)) return fail('INVALID', 'The token has a malformed nbf');
  if (iat !== undefined && !isTime(iat)) return fail('INVALID', 'The token has a malformed iat');
  if (exp <= now - km.clockSkewSec) return fail('EXPIRED', 'The token has expired');
  if (nbf !== undefined && nbf > now + km.clockSkewSec)
    return fail('EXPIRED', 'The token is not valid yet (nbf)');

  const required = new Set([...(apiAudiences ?? []), ...km.audiences]);
  if (required.size > 0 && !audiencesOf(claims).some((aud) => required.has(aud))) {
    return fail(
      'AUDIENCE',
      `The token's audience does not include any of: ${[...required].join(', ')}`,
    );
  }

  let consumerKey: string | null = null;
  for (const claim of km.consumerKeyClaims) {
    const value = claims[claim];
    if (typeof value === 'string' && value.length > 0) {
      consumerKey = value;
      break;
    }
  }
  let scopes: string[] = [];
  for (const claim of km.scopesClaims) {
    const parsed = claims[claim] === undefined ? null : parseScopes(claims[claim]);
    if (parsed) {
      scopes = parsed;
      break;
    }
  }
  return {
    ok: true,
    keyManager: km.name,
    claims: claims as JWTPayload,
    subject: typeof claims.sub === 'string' ? claims.sub : null,
    consumerKey,
    scopes,
  };
}
