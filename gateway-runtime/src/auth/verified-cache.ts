/**
 * Tokens whose signature already verified, so a client that sends the same JWT on
 * every call costs one RSA or ECDSA check, not one per request (the check is most
 * of a JWT-authenticated request's CPU). An entry names the key set that verified
 * it: once the key manager's keys are refetched (rotation, a removed key, or the
 * periodic reload), the set is a new object and every entry made under the old one
 * misses and is verified again. Claims (expiry, audience) are still checked on
 * every request by the caller; this caches the signature only.
 */
export interface VerifiedCacheOptions {
  /** Most tokens kept; the oldest entry goes first (default 10,000). */
  maxEntries?: number;
  /** An entry is re-verified after this long even under the same keys (default 5 minutes). */
  maxAgeMs?: number;
}

interface Entry<K, V> {
  keys: K;
  value: V;
  storedAt: number;
}

export class VerifiedCache<K extends object, V> {
  private readonly entries = new Map<string, Entry<K, V>>();
  private readonly maxEntries: number;
  private readonly maxAgeMs: number;

  constructor(
    private readonly now: () => number,
    options: VerifiedCacheOptions = {},
  ) {
    this.maxEntries = options.maxEntries ?? 10_000;
    this.maxAgeMs = options.maxAgeMs ?? 5 * 60_000;
  }

  /** The value stored for `token` under exactly this key set, if still fresh. */
  get(token: string, keys: K): V | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    if (entry.keys !== keys || this.now() - entry.storedAt >= this.maxAgeMs) {
      this.entries.delete(token);
      return undefined;
    }
    return entry.value;
  }

  set(token: string, keys: K, value: V): void {
    if (this.entries.size >= this.maxEntries && !this.entries.has(token)) {
      // Maps iterate in insertion order: the first key is the oldest entry.
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(token, { keys, value, storedAt: this.now() });
  }

  get size(): number {
    return this.entries.size;
  }
}
