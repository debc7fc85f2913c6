/**
 * The signature check of one key manager, shared by the JWT validator and the
 * Wycheproof conformance test: shape first (no network), then the algorithm allowlist
 * (no network), then the key manager's keys, then jose's verification. A token naming a
 * key the cache does not hold triggers one rate-limited refetch (key rotation).
 */
import { compactVerify, errors, type CryptoKey } from 'jose';
import type { KeyManager } from '../model/bundle.js';
import {
  ASYMMETRIC_ALGORITHMS,
  resolveKeyManager,
  type ResolvedKeyManager,
} from './key-manager-types.js';
import {
  createKeySource,
  defaultKeySourceDeps,
  type KeyResolver,
  type KeySourceDeps,
} from './key-source.js';
import { parseCompactJws, type CompactJws } from './token-shape.js';
import type { AuthFailure } from './types.js';
import { VerifiedCache } from './verified-cache.js';

/** A JWS whose signature verified with one of the key manager's keys. */
export interface VerifiedJws {
  ok: true;
  header: Record<string, unknown>;
  /** The payload bytes (any content: the JWT claims are checked elsewhere). */
  payload: Uint8Array;
}

export type JwsResult = VerifiedJws | AuthFailure;

/** Verifies compact JWS signatures against one key manager's keys. */
export interface JwsVerifier {
  readonly keyManager: ResolvedKeyManager;
  /** Shape, algorithm and signature of a token. */
  verify(token: string): Promise<JwsResult>;
  /** The same, for a token whose shape the caller already checked. */
  verifyParsed(token: string, parsed: CompactJws): Promise<JwsResult>;
  close(): void;
}

function invalid(description: string): AuthFailure {
  return { ok: false, reason: 'INVALID', description };
}

type Attempt = { ok: true; payload: Uint8Array } | { ok: false; noKey: boolean };

async function attempt(
  token: string,
  key: KeyResolver | CryptoKey,
  algorithms: string[],
): Promise<Attempt> {
  try {
    const { payload } = await compactVerify(token, key, { algorithms });
    return { ok: true, payload };
  } catch (error) {
    if (error instanceof errors.JWKSNoMatchingKey) return { ok: false, noKey: true };
    if (error instanceof errors.JWKSMultipleMatchingKeys) {
      // Several keys fit the header (no kid, or a reused kid): any one of them may have signed.
      for await (const candidate of error) {
        const result = await attempt(token, candidate, algorithms);
        if (result.ok) return result;
      }
    }
    return { ok: false, noKey: false };
  }
}

/** Creates the verifier of one key manager; remote keys are fetched on first use. */
export function createJwsVerifier(km: KeyManager, deps: Partial<KeySourceDeps> = {}): JwsVerifier {
  const resolved = resolveKeyManager(km);
  const source = createKeySource(km, { ...defaultKeySourceDeps, ...deps });
  const algorithms = resolved.algorithms.filter((alg) => ASYMMETRIC_ALGORITHMS.has(alg));
  const allowed = new Set<string>(algorithms);
  const verified = new VerifiedCache<object, Uint8Array>(deps.now ?? Date.now);

  async function verifyParsed(token: string, parsed: CompactJws): Promise<JwsResult> {
    if (!allowed.has(parsed.alg)) {
      return invalid(
        `The token's algorithm ${JSON.stringify(parsed.alg)} is not allowed by key manager "${km.name}"`,
      );
    }
    const keys = await source.current();
    if (!keys.ok)
      return { ok: false, reason: 'KEY_MANAGER_UNAVAILABLE', description: keys.description };
    const known = verified.get(token, keys);
    if (known) return { ok: true, header: parsed.header, payload: known };
    let result = await attempt(token, keys.resolve, algorithms);
    let verifiedBy: object = keys;
    if (!result.ok && result.noKey) {
      const refreshed = await source.refresh();
      if (refreshed && !refreshed.ok)
        return { ok: false, reason: 'KEY_MANAGER_UNAVAILABLE', description: refreshed.description };
      if (refreshed) {
        result = await attempt(token, refreshed.resolve, algorithms);
        verifiedBy = refreshed;
      }
    }
    if (result.ok) {
      verified.set(token, verifiedBy, result.payload);
      return { ok: true, header: parsed.header, payload: result.payload };
    }
    return invalid(
      result.noKey
        ? `No signing key of key manager "${km.name}" matches the token (kid ${JSON.stringify(parsed.kid ?? null)}, alg ${parsed.alg})`
        : 'The token signature is invalid',
    );
  }

  return {
    keyManager: resolved,
    verifyParsed,
    async verify(token) {
      const parsed = parseCompactJws(token);
      if (!parsed.ok) return invalid(parsed.description);
      return verifyParsed(token, parsed);
    },
    close: () => source.close(),
  };
}
