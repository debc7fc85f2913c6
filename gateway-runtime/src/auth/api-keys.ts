/**
 * API keys and OAuth2 client ids, mapped to the application (and key type) they belong
 * to. Raw API keys never enter a bundle: applications carry `sha256:<hex>` hashes, and a
 * presented key is hashed and looked up.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Application } from '../model/bundle.js';
import type { CredentialOwner } from './types.js';

const HASH_PREFIX = 'sha256:';

/** `sha256:` followed by the lowercase hex SHA-256 of the raw key's UTF-8 bytes. */
export function hashApiKey(raw: string): string {
  return HASH_PREFIX + createHash('sha256').update(raw, 'utf8').digest('hex');
}

/** Lookups from a presented credential to the application that owns it. */
export interface CredentialIndex {
  /** The owner of a raw API key, or null. */
  byApiKey(raw: string): CredentialOwner | null;
  /** The owner of an OAuth2 client id at a key manager, or null. */
  byConsumerKey(keyManager: string, consumerKey: string): CredentialOwner | null;
}

interface StoredKey {
  hash: Buffer;
  owner: CredentialOwner;
}

/**
 * Builds the lookups once per deployment. When two applications list the same API key
 * hash or the same client id at a key manager, the first application in bundle order
 * owns it (the bundle schema is the place to reject such a bundle).
 */
export function createCredentialIndex(applications: readonly Application[]): CredentialIndex {
  const apiKeys = new Map<string, StoredKey>();
  const consumerKeys = new Map<string, Map<string, CredentialOwner>>();
  for (const app of applications) {
    for (const key of app.keys) {
      const owner: CredentialOwner = { applicationId: app.id, keyType: key.keyType };
      for (const hash of key.apiKeyHashes) {
        const normalized = hash.toLowerCase();
        if (!apiKeys.has(normalized))
          apiKeys.set(normalized, { hash: Buffer.from(normalized, 'utf8'), owner });
      }
      if (key.consumerKey !== undefined && key.keyManager !== undefined) {
        let clients = consumerKeys.get(key.keyManager);
        if (!clients) consumerKeys.set(key.keyManager, (clients = new Map()));
        if (!clients.has(key.consumerKey)) clients.set(key.consumerKey, owner);
      }
    }
  }

  return {
    byApiKey(raw) {
      if (raw.length === 0) return null;
      const hash = hashApiKey(raw);
      const stored = apiKeys.get(hash);
      if (!stored) return null;
      // The Map found the entry by hash; comparing the stored bytes in constant time as
      // well keeps the final decision free of early-exit string comparison.
      const presented = Buffer.from(hash, 'utf8');
      if (presented.length !== stored.hash.length || !timingSafeEqual(presented, stored.hash))
        return null;
      return { ...stored.owner };
    },
    byConsumerKey(keyManager, consumerKey) {
      const owner = consumerKeys.get(keyManager)?.get(consumerKey);
      return owner ? { ...owner } : null;
    },
  };
}
