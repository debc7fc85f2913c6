/**
 * Where a key manager's public keys come from: inline (`jwks`, the resident key
 * manager), a JWKS URL, or an OIDC / OAuth discovery document that names one. Remote
 * keys are cached; a token whose key is not in the cache triggers one refetch, at most
 * once per cooldown per key manager, so tokens with made-up `kid`s cannot hammer the
 * IdP. Every fetch has a deadline, so an unreachable key manager answers
 * KEY_MANAGER_UNAVAILABLE instead of hanging a request.
 */
import {
  createLocalJWKSet,
  type CryptoKey,
  type FlattenedJWSInput,
  type JSONWebKeySet,
  type JWK,
  type JWSHeaderParameters,
} from 'jose';
import type { KeyManager } from '../model/bundle.js';
import { parseJsonObject } from './token-shape.js';

/** Timing and transport of remote key fetches; every field is injectable for tests. */
export interface KeySourceDeps {
  fetch: typeof fetch;
  /** Milliseconds since the epoch; drives cooldown and cache age, not the fetch deadline. */
  now: () => number;
  /** Deadline of one discovery or JWKS fetch, body included. */
  timeoutMs: number;
  /** Minimum time between two fetches for one key manager. */
  refreshCooldownMs: number;
  /** Cached keys older than this are refetched on the next token (kept if the refetch fails). */
  maxAgeMs: number;
}

export const defaultKeySourceDeps: KeySourceDeps = {
  fetch: (input, init) => fetch(input, init),
  now: () => Date.now(),
  timeoutMs: 5_000,
  refreshCooldownMs: 5_000,
  maxAgeMs: 10 * 60_000,
};

/** Discovery documents and JWKS are small; anything larger is refused. */
const MAX_DOCUMENT_BYTES = 1024 * 1024;

/** Picks the key that verifies a token, as jose's verify functions take it. */
export type KeyResolver = (
  header: JWSHeaderParameters,
  token: FlattenedJWSInput,
) => Promise<CryptoKey>;

export interface KeySet {
  ok: true;
  resolve: KeyResolver;
  /** The kids it holds, for diagnostics. */
  kids: string[];
}

export interface KeysUnavailable {
  ok: false;
  description: string;
}

export type KeySetResult = KeySet | KeysUnavailable;

/** The keys of one key manager. */
export interface KeySource {
  /** The cached keys, loading them first if there are none (or they are too old). */
  current(): Promise<KeySetResult>;
  /**
   * Refetches because a token named a key the cache does not hold. Null when no refetch
   * happened (inline keys, or the cooldown since the last fetch has not passed).
   */
  refresh(): Promise<KeySetResult | null>;
  /** Aborts fetches in flight; later calls answer unavailable. */
  close(): void;
}

const privateMembers = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k'];

/** Keeps the asymmetric public keys of a JWKS; symmetric and private keys never verify a token. */
export function publicKeysOnly(keys: readonly unknown[]): JWK[] {
  return keys.filter((key): key is JWK => {
    if (typeof key !== 'object' || key === null || Array.isArray(key)) return false;
    const kty = (key as Record<string, unknown>).kty;
    if (kty !== 'RSA' && kty !== 'EC' && kty !== 'OKP') return false;
    return !privateMembers.some((member) => member in key);
  });
}

/**
 * The signature family of a JWS algorithm name: RSASSA-PKCS1-v1_5, RSASSA-PSS, ECDSA or
 * EdDSA. Null for anything that is not an asymmetric signature algorithm.
 */
export function algorithmFamily(alg: string): 'RS' | 'PS' | 'ES' | 'EdDSA' | null {
  if (/^RS\d+$/.test(alg)) return 'RS';
  if (/^PS\d+$/.test(alg)) return 'PS';
  if (/^ES\d+K?$/.test(alg)) return 'ES';
  if (alg === 'EdDSA' || alg === 'Ed25519' || alg === 'Ed448') return 'EdDSA';
  return null;
}

/** The hash size an algorithm name carries (`PS384` → 384), or null. */
function hashBits(alg: string): number | null {
  const match = /(\d+)$/.exec(alg);
  return match ? Number(match[1]) : null;
}

/**
 * Whether a key labelled `keyAlg` may verify a token signed with `tokenAlg`. The label
 * binds the key to a signature family, and within the RSA families to a hash at least as
 * strong as the one it names: RFC 7520's examples (and the Wycheproof vectors taken
 * from them) sign PS384 with a key labelled PS256 and are valid, while a PS256 signature
 * under a key labelled PS512 is a downgrade and is refused. An EC key's curve already
 * fixes its hash (jose checks `crv` against the algorithm), so there the family is
 * enough, which also covers labels such as RFC 7520's "ES521". Crossing families (an
 * RS256 signature under a PSS key, HMAC under anything) never verifies.
 */
export function keyAllowsAlgorithm(keyAlg: string | undefined, tokenAlg: string): boolean {
  const family = algorithmFamily(tokenAlg);
  if (family === null) return false;
  if (keyAlg === undefined) return true;
  if (algorithmFamily(keyAlg) !== family) return false;
  if (family !== 'RS' && family !== 'PS') return true;
  const want = hashBits(keyAlg);
  const got = hashBits(tokenAlg);
  return want !== null && got !== null && got >= want;
}

/**
 * The key set answers per token algorithm with the keys that may verify it, labels
 * removed so jose matches them by `kty`, `crv`, `kid`, `use` and `key_ops` alone.
 */
function toKeySet(keys: readonly unknown[]): KeySet {
  const usable = publicKeysOnly(keys);
  const byAlgorithm = new Map<string, KeyResolver>();
  const resolverFor = (alg: string): KeyResolver => {
    let resolver = byAlgorithm.get(alg);
    if (!resolver) {
      const members = usable
        .filter((key) => keyAllowsAlgorithm(key.alg, alg))
        .map(({ alg: _alg, ...key }) => key);
      resolver = createLocalJWKSet({ keys: members } satisfies JSONWebKeySet);
      byAlgorithm.set(alg, resolver);
    }
    return resolver;
  };
  const resolve: KeyResolver = (header, token) =>
    resolverFor(typeof header.alg === 'string' ? header.alg : '')(header, token);
  return {
    ok: true,
    resolve,
    kids: usable.map((key) => key.kid).filter((kid): kid is string => typeof kid === 'string'),
  };
}

class FetchFailed extends Error {}

/** Creates the key source of one key manager. */
export function createKeySource(
  km: KeyManager,
  deps: KeySourceDeps = defaultKeySourceDeps,
): KeySource {
  if (km.jwks) {
    const inline = toKeySet(km.jwks.keys);
    return {
      current: async () => inline,
      refresh: async () => null,
      close: () => {},
    };
  }
  if (km.jwksUrl === undefined && km.discoveryUrl === undefined) {
    const none: KeysUnavailable = {
      ok: false,
      description: `Key manager "${km.name}" has no jwks, jwksUrl or discoveryUrl`,
    };
    return { current: async () => none, refresh: async () => null, close: () => {} };
  }
  return new RemoteKeySource(km, deps);
}

class RemoteKeySource implements KeySource {
  private keySet: KeySet | null = null;
  private fetchedAt = Number.NEGATIVE_INFINITY;
  private lastAttemptAt = Number.NEGATIVE_INFINITY;
  private lastFailure: KeysUnavailable | null = null;
  private jwksUri: string | null;
  private inflight: Promise<KeySetResult> | null = null;
  private readonly closed = new AbortController();

  constructor(
    private readonly km: KeyManager,
    private readonly deps: KeySourceDeps,
  ) {
    this.jwksUri = km.jwksUrl ?? null;
  }

  async current(): Promise<KeySetResult> {
    if (this.closed.signal.aborted) return this.unavailable('the gateway is shutting down');
    const now = this.deps.now();
    if (this.keySet) {
      const stale = now - this.fetchedAt >= this.deps.maxAgeMs;
      if (!stale || !this.cooledDown(now)) return this.keySet;
      const reloaded = await this.load();
      // Old keys beat no keys: a key manager that is briefly down keeps verifying.
      return reloaded.ok ? reloaded : this.keySet;
    }
    if (this.inflight) return this.inflight;
    if (!this.cooledDown(now) && this.lastFailure) return this.lastFailure;
    return this.load();
  }

  async refresh(): Promise<KeySetResult | null> {
    if (this.closed.signal.aborted) return null;
    if (this.inflight) return this.inflight;
    if (!this.cooledDown(this.deps.now())) return null;
    return this.load();
  }

  close(): void {
    this.closed.abort();
  }

  private cooledDown(now: number): boolean {
    return now - this.lastAttemptAt >= this.deps.refreshCooldownMs;
  }

  private unavailable(why: string): KeysUnavailable {
    return {
      ok: false,
      description: `The signing keys of key manager "${this.km.name}" could not be fetched: ${why}`,
    };
  }

  private load(): Promise<KeySetResult> {
    if (this.inflight) return this.inflight;
    this.lastAttemptAt = this.deps.now();
    this.inflight = this.fetchKeys()
      .then((keys): KeySetResult => {
        this.keySet = toKeySet(keys);
        this.fetchedAt = this.deps.now();
        this.lastFailure = null;
        return this.keySet;
      })
      .catch((error: unknown): KeySetResult => {
        this.lastFailure = this.unavailable(
          error instanceof FetchFailed ? error.message : 'unexpected error',
        );
        return this.lastFailure;
      })
      .finally(() => {
        this.inflight = null;
      });
    return this.inflight;
  }

  private async fetchKeys(): Promise<unknown[]> {
    if (this.jwksUri === null) this.jwksUri = await this.discover();
    const jwks = await this.fetchJson(this.jwksUri, 'JWKS');
    if (!Array.isArray(jwks.keys)) throw new FetchFailed('the JWKS has no "keys" array');
    return jwks.keys;
  }

  // The discovery document is read once: only its jwks_uri is needed, and it is cached
  // for the life of this source (that is, of the deployment).
  private async discover(): Promise<string> {
    const url = this.km.discoveryUrl;
    if (url === undefined) throw new FetchFailed('no discovery URL');
    const doc = await this.fetchJson(url, 'discovery document');
    if (doc.issuer !== this.km.issuer) {
      throw new FetchFailed(
        `the discovery document names issuer ${JSON.stringify(doc.issuer)}, not the configured ${JSON.stringify(this.km.issuer)}`,
      );
    }
    const jwksUri = doc.jwks_uri;
    if (
      typeof jwksUri !== 'string' ||
      !URL.canParse(jwksUri) ||
      !/^https?:$/.test(new URL(jwksUri).protocol)
    ) {
      throw new FetchFailed('the discovery document has no http(s) jwks_uri');
    }
    return jwksUri;
  }

  private async fetchJson(url: string, what: string): Promise<Record<string, unknown>> {
    // Our own timer, not AbortSignal.timeout(): inside AbortSignal.any() Node 20 can
    // garbage-collect a timeout signal before it fires (nodejs/node#57736), and the
    // fetch would then wait with no deadline.
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), this.deps.timeoutMs);
    const signal = AbortSignal.any([this.closed.signal, deadline.signal]);
    let bytes: Uint8Array;
    try {
      const response = await this.deps.fetch(url, {
        signal,
        headers: { accept: 'application/json' },
        redirect: 'follow',
      });
      if (!response.ok) {
        await response.body?.cancel().catch(() => {});
        throw new FetchFailed(`the ${what} answered HTTP ${response.status}`);
      }
      bytes = await readCapped(response, MAX_DOCUMENT_BYTES, what);
    } catch (error) {
      if (error instanceof FetchFailed) throw error;
      const timedOut = deadline.signal.aborted && !this.closed.signal.aborted;
      throw new FetchFailed(
        timedOut
          ? `the ${what} did not answer within ${this.deps.timeoutMs} ms`
          : `the ${what} is unreachable`,
      );
    } finally {
      clearTimeout(timer);
    }
    const doc = parseJsonObject(bytes);
    if (!doc) throw new FetchFailed(`the ${what} is not a JSON object`);
    return doc;
  }
}

async function readCapped(response: Response, maxBytes: number, what: string): Promise<Uint8Array> {
  if (!response.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      throw new FetchFailed(`the ${what} is larger than ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
