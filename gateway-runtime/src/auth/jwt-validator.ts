/**
 * OAuth2 JWT access tokens from the bundle's key managers. A token is picked apart
 * before anything else (three base64url segments, a JSON header and payload), its
 * unverified `iss` chooses the key manager, and only then are keys fetched and the
 * signature checked; the claims are checked last.
 */
import type { KeyManager } from '../model/bundle.js';
import { checkClaims } from './claims.js';
import { createJwsVerifier, type JwsVerifier } from './jws-verify.js';
import type { KeySourceDeps } from './key-source.js';
import { parseCompactJws, parseJsonObject, type CompactJws } from './token-shape.js';
import type { AuthFailure, JwtResult } from './types.js';
import { VerifiedCache } from './verified-cache.js';

/** A token picked apart once: what every later request with the same token reuses. */
interface ParsedToken {
  parsed: CompactJws;
  claims: Readonly<Record<string, unknown>>;
}
/** Parsing does not depend on keys: one constant stands for "any key set" in the cache. */
const PARSE = {};

/** What the validator needs from its surroundings; all optional, for tests. */
export interface JwtValidatorDeps {
  fetch?: typeof fetch;
  /** Milliseconds since the epoch: token lifetimes, JWKS cache age and refetch cooldown. */
  now?: () => number;
  /** Deadline of one discovery or JWKS fetch (default 5000 ms). */
  timeoutMs?: number;
  /** Minimum time between two key fetches for one key manager (default 5000 ms). */
  refreshCooldownMs?: number;
  /** Age after which cached keys are refetched (default 10 minutes). */
  jwksMaxAgeMs?: number;
}

/** Per-request inputs of a validation. */
export interface JwtValidateOptions {
  /** The API's `security.oauth2.audiences`: when set, the token's `aud` must hold one of them. */
  audiences?: string[];
  /**
   * The key managers the API accepts, by name (`*` for all). Absent: every key manager
   * the validator was built with. Tokens from other issuers are refused before any fetch.
   */
  keyManagers?: readonly string[];
}

export interface JwtValidator {
  validate(token: string, options: JwtValidateOptions): Promise<JwtResult>;
  /** Aborts key fetches in flight; call when the deployment is replaced. */
  close(): void;
}

function invalid(description: string): AuthFailure {
  return { ok: false, reason: 'INVALID', description };
}

/** Builds one validator per deployment; it caches every key manager's keys. */
export function createJwtValidator(
  keyManagers: readonly KeyManager[],
  deps: JwtValidatorDeps = {},
): JwtValidator {
  const now = deps.now ?? (() => Date.now());
  const sourceDeps: Partial<KeySourceDeps> = { now };
  if (deps.fetch) sourceDeps.fetch = deps.fetch;
  if (deps.timeoutMs !== undefined) sourceDeps.timeoutMs = deps.timeoutMs;
  if (deps.refreshCooldownMs !== undefined) sourceDeps.refreshCooldownMs = deps.refreshCooldownMs;
  if (deps.jwksMaxAgeMs !== undefined) sourceDeps.maxAgeMs = deps.jwksMaxAgeMs;
  const verifiers: JwsVerifier[] = keyManagers.map((km) => createJwsVerifier(km, sourceDeps));
  // Only tokens whose signature verified are kept, so garbage cannot crowd out real clients.
  const parsedTokens = new VerifiedCache<object, ParsedToken>(now);

  return {
    async validate(token, options) {
      let known = parsedTokens.get(token, PARSE);
      if (!known) {
        const parsed = parseCompactJws(token);
        if (!parsed.ok) return invalid(parsed.description);
        const claims = parseJsonObject(parsed.payload);
        if (!claims) return invalid('The token payload is not a JSON object');
        // Shared by every request that presents this token: nothing may change it.
        known = { parsed, claims: Object.freeze(claims) };
      }
      const { parsed, claims } = known;
      const issuer = claims.iss;
      if (typeof issuer !== 'string') return invalid('The token names no issuer (iss)');

      const allowed =
        options.keyManagers && !options.keyManagers.includes('*')
          ? new Set(options.keyManagers)
          : null;
      const candidates = verifiers.filter(
        (v) =>
          v.keyManager.issuer === issuer && (allowed === null || allowed.has(v.keyManager.name)),
      );
      if (candidates.length === 0)
        return invalid('The token was issued by an issuer this API does not accept');

      // Two key managers may share an issuer (say, the same IdP with different claim
      // settings); the first whose keys verify the token decides.
      let firstFailure: AuthFailure | null = null;
      for (const verifier of candidates) {
        const signature = await verifier.verifyParsed(token, parsed);
        if (signature.ok) {
          parsedTokens.set(token, PARSE, known);
          return checkClaims(claims, verifier.keyManager, options.audiences, now());
        }
        firstFailure ??= signature;
      }
      return firstFailure ?? invalid('The token could not be verified');
    },
    close() {
      for (const verifier of verifiers) verifier.close();
    },
  };
}
